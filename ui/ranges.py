"""Range checks for number inputs, said in the page's language.

A ``st.number_input`` with ``min_value``/``max_value`` refuses an out-of-range number with its
own English message ("Number is outside the allowed range …"), so the app's number inputs carry
no bounds: the page passes what was typed through :func:`within`, which keeps it in range and
says so in Korean or English. :func:`bounded_number` is the two together.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import text
from ui.page import notes_area
from ui.tables import plain_number


def within(lang: str, value: float, low: float, high: float | None, label: str) -> float:
    """``value`` clamped into ``[low, high]`` (``high=None``: no upper bound); a warning names
    the range and the number used instead when it had to move."""
    used = max(value, low) if high is None else min(max(value, low), high)
    if used != value:
        key = "input.range" if high is not None else "input.at_least"
        shown = {
            k: plain_number(v, 6) for k, v in {"low": low, "high": high or 0, "used": used}.items()
        }
        st.warning(text(lang, key, label=label, value=plain_number(value, 6), **shown))
    return used


def bounded_number(
    lang: str, where, key: str, label: str, default: float, step: float, low: float, high: float
) -> float:
    """A number input (in ``where``: ``st`` or a column) named ``label``, kept in the URL under
    ``key``, whose value is passed through :func:`within` (``[low, high]``, said in ``lang``;
    the warning above the folded inputs in projector mode, where the class sees it)."""
    typed = where.number_input(
        label,
        None,
        None,
        default,
        step,
        format="%g",  # 0.0001 reads 0.0001, not Streamlit's 0.00
        key=key,
        bind="query-params",
    )
    with notes_area():
        return within(lang, float(typed), low, high, label)
