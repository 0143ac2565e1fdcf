"""The derivatives page's text parts: the verdict at a, the difference-quotient table and the
rule table (the page, ``pages/derivatives.py``, lays them out)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import text
from ui.messages import differentiability
from ui.tables import exact_tex, line_tex, markdown_table

RULE_TABLE = [  # (rule in LaTeX, a function to try it on)
    (r"\frac{d}{dx} x^n = n x^{n-1}", "x^3"),
    (r"\frac{d}{dx} \sin x = \cos x", "sin x"),
    (r"\frac{d}{dx} \cos x = -\sin x", "cos x"),
    (r"\frac{d}{dx} e^x = e^x", "e^x"),
    (r"\frac{d}{dx} \ln x = \frac{1}{x}", "ln x"),
]


def verdict(lang: str, analysis, a_tex: str) -> None:
    """The tangent at a, or why there is none; a word when f′ oscillates at a."""
    tangent = analysis.tangent
    if tangent is not None:
        equation = line_tex(tangent.slope, tangent.intercept)
        slope = exact_tex(tangent.slope)
        st.success(text(lang, "derivatives.tangent", a=a_tex, slope=slope, equation=equation))
    else:
        differentiability(lang, analysis.differentiability, a_tex)
        if analysis.value != analysis.value:  # nan: no f(a), yet f′ and f hold elsewhere
            st.caption(text(lang, "derivatives.no_value"))
    limit = analysis.slope_limit
    if limit is not None and limit.verdict == "oscillates":
        st.info(text(lang, "derivatives.derivative_oscillates", a=a_tex))


def quotient_table(lang: str, analysis) -> None:
    """Right (h > 0) and left (−h) difference quotients; at a kink the two columns disagree."""
    st.markdown(f"**{text(lang, 'derivatives.table')}**")
    slopes, hs = analysis.slopes, analysis.hs
    rows = {
        text(lang, "derivatives.col_h"): list(hs),
        text(lang, "derivatives.col_right"): [slopes[h] for h in hs],
        text(lang, "derivatives.col_left"): [slopes[-h] for h in hs],
    }
    if analysis.tangent is not None:
        slope = float(analysis.tangent.slope)
        rows[text(lang, "derivatives.col_error")] = [slopes[h] - slope for h in hs]
    st.markdown(markdown_table(rows, digits=8))


def rule_table(lang: str) -> None:
    st.header(text(lang, "derivatives.rules"))
    for rule, example in RULE_TABLE:
        formula, button = st.columns([5, 1], vertical_alignment="center")
        formula.latex(rule)
        button.button(
            text(lang, "derivatives.try"), key=f"try-{example}", on_click=_try, args=(example,)
        )


def _try(example: str) -> None:
    st.session_state.f = example
    st.session_state.a = "1"
