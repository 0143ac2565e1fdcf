"""Limits: left and right, at ±∞ — and why a limit fails."""

import functools

import streamlit as st

from ui import code_view, compute
from ui import limits_parts as parts
from ui.charts import limits as charts
from ui.i18n import text
from ui.inputs import analysed_at_point, linked_value
from ui.links import checked
from ui.messages import side_tex
from ui.page import chart, header, presenting, setup_page

PRESETS = [
    ("limits.preset.course", {"f": "1/(x+1)", "a": "-1"}),
    ("limits.preset.sinc", {"f": "sin x / x", "a": "0"}),
    ("limits.preset.hole", {"f": "(x^2-1)/(x-1)", "a": "1"}),
    ("limits.preset.jump", {"f": "floor(x)", "a": "2"}),
    ("limits.preset.oscillation", {"f": "sin(1/x)", "a": "0"}),
    ("limits.preset.loss", {"f": "2e^(-x/10)", "a": "oo"}),
]
SIDES = ("left", "right")
LABELS = ("f", "left", "right", "left_limit", "right_limit", "value", "above", "below")
OPENING_ZOOM = 4.0  # the window a ± 4, where the chart opens without a link's ?zoom=


@checked
def limits_page() -> None:
    lang = setup_page("nav.limits")
    header(lang, "limits")
    analysis = analysed_at_point(lang, PRESETS, "1/(x+1)", "-1", compute.limits)
    if analysis is None:
        return
    parts.show_verdict(lang, analysis.limit)
    parts.show_steps(lang, analysis)
    parts.show_epsilon_delta(lang, analysis)
    graph, table = st.columns([3, 2])
    with graph:
        limit_graph(lang, analysis)
    with table:
        parts.approach_tables(lang, analysis.limit)
    st.markdown(text(lang, "limits.ml"))
    code_view.limits(lang, analysis)


def limit_graph(lang: str, analysis) -> None:
    """The chart; its own slider is the one zoom control (toward ±∞: the reach), run in the
    browser (frames). A lesson link's ``?zoom=`` (``?reach=``) picks the frame it opens on; the
    slider keeps it in the address as it moves (``ui/plotly_keys.js``)."""
    result = analysis.limit
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    if result.point.is_infinite:
        labels["toward"] = text(lang, f"limits.toward_{parts.direction(result.point)}")
        labels["slider"] = text(lang, "limits.reach")
        opening = linked_value("reach", analysis.reaches, analysis.reaches[-1])
    else:
        labels["slider"] = text(lang, "limits.zoom")
        opening = linked_value("zoom", analysis.zooms, OPENING_ZOOM)
    sides = {s: side_tex(lang, getattr(result, s), getattr(result, f"{s}_kind")) for s in SIDES}
    words = functools.partial(parts.beyond_the_chart, lang)
    figure = charts.limit_figure(analysis, labels, opening, presenting(), words)
    chart(figure, parts.alt_text(lang, result, sides), key="limit-chart")
    if result.point.is_infinite:
        st.caption(text(lang, "limits.log_axis"))


limits_page()
