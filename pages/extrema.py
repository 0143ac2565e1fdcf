"""Extrema: critical points, the test that decides each, f' below with its sign."""

import streamlit as st

from ui import code_view, compute
from ui import extrema_parts as parts
from ui.charts import extrema as charts
from ui.i18n import text
from ui.inputs import computed, function_box, presets
from ui.links import checked
from ui.messages import tex
from ui.page import chart, header, inputs_area, presenting, setup_page

PRESETS = [
    ("extrema.preset.course", {"f": "x^2 - 4x + 3"}),
    ("extrema.preset.cubic", {"f": "x^3 - 3x"}),
    ("extrema.preset.flat", {"f": "x^4"}),
    ("extrema.preset.neither", {"f": "x^3"}),
    ("extrema.preset.kink", {"f": "|x - 1|"}),
    ("extrema.preset.numeric", {"f": "x^2 sin x"}),
]


@checked
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
        open_ends = cols[0].toggle(  # ?restrict=true alone: the closed interval [lo, hi]
            text(lang, "extrema.open"), key="open", disabled=not restrict, bind="query-params"
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
    analysis = computed(lang, compute.extrema, f, interval, not open_ends)
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
    code_view.extrema(lang, analysis, interval, not open_ends)  # before the table's captions
    if analysis.steps:  # "constant" or "piecewise_constant": no isolated critical points
        st.info(text(lang, f"extrema.{analysis.steps}"))
    else:
        parts.critical_table(lang, analysis)
    if analysis.absolute is not None:
        parts.absolute_section(lang, analysis.absolute)
    st.markdown(text(lang, "extrema.ml"))


extrema_page()
