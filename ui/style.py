"""What the app changes in Streamlit's own look: only what speaks English on a Korean page.

Streamlit 1.67 writes "Press Enter to apply" / "Press Enter to submit form" under a text or number
input that has been typed in (``[data-testid="InputInstructions"]``, in English whatever the page's
language) and has no option to switch that off outside a form (``st.form(enter_to_submit=False)``
only turns off Enter itself). Enter still applies the value; only the English hint is hidden.
A style-only ``st.html`` goes to Streamlit's event container and takes no space on the page.
"""

from __future__ import annotations

import streamlit as st

CSS = '<style>[data-testid="InputInstructions"] { display: none; }</style>'


def hide_english_hints() -> None:
    """Hide Streamlit's untranslated input hints; call once per run, from the page setup."""
    st.html(CSS)


# Always: captions dark enough for WCAG AA (Streamlit's #828180 on white is 3.88:1), a focus ring
# every control shows when reached by keyboard (the charts' SVG ▶ / ❚❚ and frame sliders, made
# focusable by ``ui.keyboard``, also outline their button or grip and rail), the keyboard
# script's element hidden, and text only a screen reader reads (a chart's description,
# ``ui.page.chart``).
ACCESSIBLE = """
[data-testid="stCaptionContainer"] { color: #5c5b59 !important; opacity: 1 !important; }
:focus-visible, [data-testid="stPlotlyChart"] *:focus-visible {
  outline: 3px solid #005F96 !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #ffffff !important;
}
.js-plotly-plot :is(.updatemenu-button, .slider-group):focus-visible :is(rect.updatemenu-item-rect,
  rect.slider-grip-rect, rect.slider-rail-rect) {
  stroke: #005F96 !important; stroke-width: 3px !important;
}
.st-key-plotly-keys, div:has(> .st-key-plotly-keys) { display: none !important; }
[class*="st-key-alt-"], div:has(> [class*="st-key-alt-"]) {
  position: absolute !important; width: 1px !important; height: 1px !important;
  min-width: 0 !important;
  margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important;
}
"""
# Projector mode (?present=1): the whole page scales with the root font size (Streamlit sizes in
# rem), so body, alerts, tables and KaTeX are >= 28 px; widget text (labels, slider values and
# ends, what was typed, buttons, tabs, expander titles; Streamlit's 0.875rem) and inline code are
# raised to 1rem; the sidebar (the teacher's, folded away) at 0.75rem, 21 px, so its page names
# and language switch fit its width unwrapped; a displayed formula's element keeps 4 px above and
# 11 px below it (KaTeX's sub- and superscripts reach past its box: a fraction's denominator and
# lim's x → a touched the fold-out below); less padding, smaller
# gaps and a smaller title keep the verdict and the chart's
# top on a 1080-pixel screen; columns that hold a chart stack, so the chart spans the page, and
# /practice's row of problem number, level, drill and button wraps where it cannot hold them
# (at 1366 with the sidebar open, level 3 was off the page and the button's label cut);
# a metric's value (the practice score) stays larger than the text (the p rule shrank it).
PROJECTOR = """
html { font-size: 28px !important; }
[data-testid="stMain"] p, [data-testid="stMain"] input, [data-testid="stMain"] textarea {
  font-size: 1rem !important;
}
[data-testid="stSidebar"] :is(p, span, input) { font-size: 0.75rem !important; }
[data-testid="stMain"] code { font-size: 1em !important; }
[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"] { font-size: 1rem !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem !important; }
[data-testid="stMain"] .katex-display { margin: 0.25em 0 !important; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(.katex-display) {
  padding: 0.15rem 0 0.4rem 0 !important;
}
[data-testid="stMain"] [data-testid="stAlertContainer"] { padding: 0.4rem 0.75rem !important; }
[data-testid="stMain"] [data-testid="stExpander"] summary {
  padding-top: 0 !important; padding-bottom: 0 !important;
}
[data-testid="stHeader"] { height: 2.25rem !important; min-height: 0 !important; }
[data-testid="stMainBlockContainer"] {
  padding: 2.25rem 2rem 2rem 2rem !important; max-width: 100% !important;
}
[data-testid="stMain"] h1 { font-size: 1.9rem !important; padding: 0 0 0.25rem 0 !important; }
[data-testid="stMain"] h2 { font-size: 1.45rem !important; padding: 0.4rem 0 0.3rem 0 !important; }
[data-testid="stMain"] h3 { font-size: 1.2rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.25rem !important; }
[data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) { flex-wrap: wrap !important; }
[data-testid="stHorizontalBlock"]:has(.st-key-level) { flex-wrap: wrap !important; }
[data-testid="stHorizontalBlock"]:has(.st-key-level) > [data-testid="stColumn"] {
  flex: 1 1 auto !important; width: auto !important; min-width: max-content !important;
}
[data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"]) > [data-testid="stColumn"] {
  flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important;
}
"""


def accessible(present: bool) -> None:
    """Contrast, focus ring and screen-reader-only text; projector sizes when ``present``.
    One style-only ``st.html``: it takes no space on the page."""
    st.html(f"<style>{ACCESSIBLE}{PROJECTOR if present else ''}</style>")
