"""Extrema: critical points, the test that decides each, f' below with its sign."""

import math

import streamlit as st
import sympy as sp

from ui import compute
from ui.charts import extrema as charts
from ui.i18n import text
from ui.inputs import computed, function_box, presets
from ui.messages import tex
from ui.page import chart, header, inputs_area, presenting, setup_page
from ui.tables import markdown_table, plain_number

PRESETS = [
    ("extrema.preset.course", {"f": "x^2 - 4x + 3"}),
    ("extrema.preset.cubic", {"f": "x^3 - 3x"}),
    ("extrema.preset.flat", {"f": "x^4"}),
    ("extrema.preset.neither", {"f": "x^3"}),
    ("extrema.preset.kink", {"f": "|x - 1|"}),
    ("extrema.preset.numeric", {"f": "x^2 sin x"}),
]


def extrema_page() -> None:
    lang = setup_page("nav.extrema")
    header(lang, "extrema")
    with inputs_area(lang):
        presets(lang, PRESETS)
        f = function_box(lang, "x^2 - 4x + 3")
        cols = st.columns([2, 1, 1])
        restrict = cols[0].toggle(
            text(lang, "extrema.interval"), key="restrict", bind="query-params"
        )
        lo = cols[1].number_input(
            text(lang, "extrema.from"),
            value=-10.0,
            format="%g",
            key="lo",
            disabled=not restrict,
            bind="query-params",
        )
        hi = cols[2].number_input(
            text(lang, "extrema.to"),
            value=10.0,
            format="%g",
            key="hi",
            disabled=not restrict,
            bind="query-params",
        )
    if f is None:
        return
    interval = (float(lo), float(hi)) if restrict and lo < hi else None
    if restrict and lo >= hi:
        st.warning(text(lang, "extrema.empty_interval"))
    analysis = computed(lang, compute.extrema, f, interval)
    if analysis is None:
        return
    first, second = (tex(lang, d) for d in (analysis.derivative, analysis.second_derivative))
    st.latex(rf"f'(x) = {first} \qquad f''(x) = {second}")
    labels = {key: text(lang, f"fig.{key}") for key in charts.LABELS}
    chart(
        charts.extrema_figure(analysis, labels, presenting()),
        text(lang, "a11y.extrema", count=len(analysis.search.points)),
        key="extrema-chart",
    )
    if analysis.steps:  # "constant" or "piecewise_constant": no isolated critical points
        st.info(text(lang, f"extrema.{analysis.steps}"))
    else:
        critical_table(lang, analysis)
    st.markdown(text(lang, "extrema.ml"))


def critical_table(lang: str, analysis) -> None:
    search = analysis.search
    found = search.points
    if not found and search.complete:
        st.info(text(lang, "extrema.none"))
        return
    count = "count" if search.complete else "count_shown"  # sin x: not all of them
    st.markdown(f"**{text(lang, f'extrema.{count}', count=len(found))}**")
    completeness(lang, search)
    if not found:
        return
    columns = {
        "col_x": [f"${tex(lang, sp.Float(p.x, 10) if p.numeric else p.x)}$" for p in found],
        "col_f": [float(p.y) for p in found],
        # f′ is 0 at a stationary point and does not exist at the others (kinks, cusps, jumps):
        # a number read off a one-sided formula there would be false
        "col_d1": [0.0 if p.stationary else math.nan for p in found],
        "col_d2": list(analysis.curvatures),  # f″(c) where f′(c) = 0, else none
        "col_kind": [text(lang, f"fig.{p.kind}") for p in found],
        "col_test": [text(lang, f"extrema.{p.test}") for p in found],
    }
    st.markdown(markdown_table({text(lang, f"extrema.{k}"): v for k, v in columns.items()}, 6))
    if any(p.numeric for p in found):
        st.caption(text(lang, "extrema.numeric"))


def completeness(lang: str, search) -> None:
    """Say when the table is not every critical point: they pile up, repeat without end, or
    were searched for numerically in the window only."""
    lo, hi = (plain_number(t) for t in search.window)
    for a, b in search.crowded:
        st.warning(text(lang, "extrema.crowded", lo=plain_number(a, 2), hi=plain_number(b, 2)))
    if search.endless and not search.crowded:  # sin(1/x): all near 0, none repeats outward
        st.info(text(lang, "extrema.endless", lo=lo, hi=hi))
    elif search.window_only:
        st.info(text(lang, "extrema.window_only", lo=lo, hi=hi))


extrema_page()
