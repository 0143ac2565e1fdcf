"""Limits: left and right, at ±∞ — and why a limit fails."""

import streamlit as st
import sympy as sp

from ui import compute, figures
from ui.i18n import text
from ui.inputs import analysed_at_point
from ui.messages import side_tex
from ui.page import header, presenting, setup_page
from ui.tables import markdown_table

PRESETS = [
    ("limits.preset.course", {"f": "1/(x+1)", "a": "-1"}),
    ("limits.preset.sinc", {"f": "sin x / x", "a": "0"}),
    ("limits.preset.hole", {"f": "(x^2-1)/(x-1)", "a": "1"}),
    ("limits.preset.jump", {"f": "floor(x)", "a": "2"}),
    ("limits.preset.oscillation", {"f": "sin(1/x)", "a": "0"}),
    ("limits.preset.loss", {"f": "2e^(-x/10)", "a": "oo"}),
]
VERDICT_BOX = {
    "converges": st.success,
    "diverges_to_inf": st.warning,
    "diverges_to_neg_inf": st.warning,
}


def limits_page() -> None:
    lang = setup_page("nav.limits")
    header(lang, "limits")
    view = analysed_at_point(lang, PRESETS, "1/(x+1)", "-1", compute.limit_view)
    if view is None:
        return
    result, samples, march = view
    show_verdict(lang, result)
    graph, table = st.columns([3, 2])
    with graph:
        limit_graph(lang, result, samples, march)
    with table:
        approach_tables(lang, result)
    st.markdown(text(lang, "limits.ml"))


def show_verdict(lang: str, result) -> None:
    values = {
        "a": sp.latex(result.point),
        "value": sp.latex(result.value),
        "left": side_tex(lang, result.left, result.left_kind),
        "right": side_tex(lang, result.right, result.right_kind),
    }
    verdict = result.verdict
    if verdict == "oscillates" and result.unbounded:
        verdict = "oscillates_unbounded"
    box = VERDICT_BOX.get(verdict, st.warning if verdict == "uncertain" else st.error)
    box(text(lang, f"limits.verdict.{verdict}", **values))
    sides = [
        ("-", result.left, result.left_kind),
        ("+", result.right, result.right_kind),
    ]
    st.latex(
        r" \qquad ".join(
            rf"\lim_{{x \to {sp.latex(result.point)}^{sign}}} f(x) = {side_tex(lang, value, kind)}"
            for sign, value, kind in sides
            if result.point.is_finite
        )
    )


@st.fragment
def limit_graph(lang: str, result, samples, march) -> None:
    zoom = st.select_slider(
        text(lang, "limits.zoom"), compute.ZOOMS, value=4.0, key="zoom", bind="query-params"
    )
    labels = {
        key: text(lang, f"fig.{key}") for key in ("f", "left", "right", "left_limit", "right_limit")
    }
    st.plotly_chart(
        figures.limit_figure(result, samples, march, labels, zoom, presenting()),
        key="limit-chart",
    )


def approach_tables(lang: str, result) -> None:
    for key, rows in (
        ("limits.table_left", result.table_left),
        ("limits.table_right", result.table_right),
    ):
        if rows:
            xs, ys = zip(*rows, strict=True)
            st.markdown(f"**{text(lang, key)}**")
            st.markdown(markdown_table({"x": xs, "f(x)": ys}))


limits_page()
