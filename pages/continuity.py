"""Continuity: the three conditions, the kind of break drawn on the graph, and kinks."""

import streamlit as st
import sympy as sp

from ui import compute, figures
from ui.i18n import text
from ui.inputs import analysed_at_point
from ui.page import header, presenting, setup_page

PRESETS = [
    ("continuity.preset.relu", {"f": "relu(x)", "a": "0"}),
    ("continuity.preset.abs", {"f": "|x|", "a": "0"}),
    ("continuity.preset.removable", {"f": "(x^2-1)/(x-1)", "a": "1"}),
    ("continuity.preset.jump", {"f": "floor(x)", "a": "2"}),
    ("continuity.preset.infinite", {"f": "1/(x+1)", "a": "-1"}),
    ("continuity.preset.oscillating", {"f": "sin(1/x)", "a": "0"}),
]
LABELS = ("f", "value", "left_limit", "right_limit", "tangent", "left_tangent", "right_tangent")


def continuity_page() -> None:
    lang = setup_page("nav.continuity")
    header(lang, "continuity")
    view = analysed_at_point(lang, PRESETS, "relu(x)", "0", compute.continuity_view)
    if view is None:
        return
    continuity, smooth, samples = view
    a_tex = sp.latex(continuity.point)
    box = st.success if continuity.continuous else st.error
    box(text(lang, f"continuity.kind.{continuity.kind}", a=a_tex))
    graph, facts = st.columns([3, 2])
    with graph:
        labels = {key: text(lang, f"fig.{key}") for key in LABELS}
        st.plotly_chart(
            figures.continuity_figure(continuity, smooth, samples, labels, presenting()),
            key="continuity-chart",
        )
    with facts:
        conditions(lang, continuity, a_tex)
        if smooth is not None:
            differentiability(lang, smooth, a_tex)


def conditions(lang: str, c, a_tex: str) -> None:
    st.markdown(f"**{text(lang, 'continuity.conditions', a=a_tex)}**")
    tex = lambda v: sp.latex(v) if v is not None else "?"  # noqa: E731
    if c.defined:
        first = text(lang, "continuity.defined_yes", a=a_tex, value=tex(c.value))
    else:
        first = text(lang, "continuity.defined_no")
    limit = c.left if c.left is not None else c.right
    if c.one_sided and c.limit_exists:
        second = text(lang, "continuity.limit_one_sided", limit=tex(limit))
    elif c.limit_exists:
        second = text(lang, "continuity.limit_yes", a=a_tex, limit=tex(limit))
    else:
        second = text(lang, "continuity.limit_no", left=tex(c.left), right=tex(c.right))
    third = text(lang, "continuity.equal_yes" if c.equal else "continuity.equal_no")
    for holds, line in ((c.defined, first), (c.limit_exists, second), (c.equal, third)):
        st.markdown(f"{':material/check_circle:' if holds else ':material/cancel:'} {line}")


def differentiability(lang: str, d, a_tex: str) -> None:
    none = rf"\text{{{text(lang, 'continuity.none')}}}"
    tex = lambda v: sp.latex(v) if v is not None else none  # noqa: E731
    if d.differentiable:
        st.success(text(lang, "continuity.differentiable", a=a_tex, slope=tex(d.derivative)))
        return
    key = (
        "kink"
        if d.left_derivative is not None and d.right_derivative is not None
        else ("no_derivative")
    )
    st.warning(
        text(
            lang,
            f"continuity.{key}",
            a=a_tex,
            left=tex(d.left_derivative),
            right=tex(d.right_derivative),
        )
    )
    if d.subgradient is not None:
        low, high = d.subgradient
        st.info(text(lang, "continuity.subgradient", low=sp.latex(low), high=sp.latex(high)))


continuity_page()
