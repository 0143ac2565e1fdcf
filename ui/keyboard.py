"""Plotly's animation controls by keyboard: ▶ / ❚❚ (``layout.updatemenus``) and the frame
sliders (``layout.sliders``) are SVG with mouse listeners only, so Tab never reached them.

``ui/plotly_keys.js`` (run in the page by ``st.html(..., unsafe_allow_javascript=True)``) gives
every such control a tab stop, a role, a name in the page's language and keys: Enter / Space
press a button, arrows / Page Up / Page Down / Home / End move a slider by frames. It acts
through the mouse events Plotly already listens to, so a key does exactly what a click does. The
focus ring is in ``ui.style.ACCESSIBLE``; the script's element is hidden there too (no space on
the page).
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from ui.i18n import text

SCRIPT = (Path(__file__).parent / "plotly_keys.js").read_text(encoding="utf-8")
KEY = "plotly-keys"  # the hidden container's key: ``.st-key-plotly-keys`` in ui.style
NAMES = ("play", "pause", "slider")


def script(lang: str) -> str:
    """The script with the control names of ``lang`` (JSON: no quote in a name can break it)."""
    names = {name: text(lang, f"chart_keys.{name}") for name in NAMES}
    names_js = json.dumps(names, ensure_ascii=False).replace("<", "\\u003c")
    return f"<script>{SCRIPT.replace('__NAMES__', names_js)}</script>"


def plotly_keys(lang: str) -> None:
    """Make every chart's play buttons and frame sliders keyboard-operable; once per run."""
    with st.container(key=KEY):
        st.html(script(lang), unsafe_allow_javascript=True)
