"""Continuity: the three conditions, the kind of break drawn on the graph, and kinks."""

import streamlit as st
import sympy as sp

from ui import code_view, compute
from ui.charts import continuity as charts
from ui.i18n import text
from ui.inputs import analysed_at_point
from ui.links import checked
from ui.messages import differentiability, tex
from ui.one_sided import edge_sentence, edge_side, side_phrase
from ui.page import chart, header, presenting, setup_page

PRESETS = [
    ("continuity.preset.relu", {"f": "relu(x)", "a": "0"}),
    ("continuity.preset.abs", {"f": "|x|", "a": "0"}),
    ("continuity.preset.removable", {"f": "(x^2-1)/(x-1)", "a": "1"}),
    ("continuity.preset.jump", {"f": "floor(x)", "a": "2"}),
    ("continuity.preset.infinite", {"f": "1/(x+1)", "a": "-1"}),
    ("continuity.preset.oscillating", {"f": "sin(1/x)", "a": "0"}),
]
_INF = (sp.oo, -sp.oo)
_INFINITE = {frozenset({sp.oo}): "", frozenset({-sp.oo}): "_down", frozenset(_INF): "_mixed"}
LABELS = ("f", "value", "left_limit", "right_limit", "tangent", "left_tangent", "right_tangent")


@checked
def continuity_page() -> None:
    lang = setup_page("nav.continuity")
    header(lang, "continuity")
    analysis = analysed_at_point(lang, PRESETS, "relu(x)", "0", compute.continuity)
    if analysis is None:
        return
    continuity = analysis.continuity
    a_tex = tex(lang, analysis.point)
    kind = continuity.kind
    box = st.success if continuity.continuous else (st.warning if kind == "uncertain" else st.error)
    if kind == "oscillating" and "unbounded" in (continuity.left_kind, continuity.right_kind):
        kind = "oscillating_unbounded"
    if kind == "infinite":  # the words follow where f goes: up, down, or up on one side only
        kind += _INFINITE[frozenset(v for v in (continuity.left, continuity.right) if v in _INF)]
    edge = edge_side(continuity.left_kind, continuity.right_kind)
    if continuity.continuous and edge is not None:  # at an edge of f's domain: from inside
        kind = f"continuous_{edge}"
    box(text(lang, f"continuity.kind.{kind}", a=a_tex))
    graph, facts = st.columns([3, 2])
    with graph:
        labels = {key: text(lang, f"fig.{key}") for key in LABELS}
        chart(
            charts.continuity_figure(analysis, labels, presenting()),
            text(
                lang,
                "a11y.continuity",
                a=a_tex,
                kind=text(lang, f"continuity.kind.{kind}", a=a_tex),
            ),
            key="continuity-chart",
        )
    with facts:
        conditions(lang, continuity, a_tex)
        if analysis.differentiability is not None:
            differentiability(lang, analysis.differentiability, a_tex)
    code_view.continuity(lang, analysis)


def conditions(lang: str, c, a_tex: str) -> None:
    """The three conditions, each with what holds; at an edge of f's domain the limit is the
    one-sided one from inside, in the Limits page's words."""
    st.markdown(f"**{text(lang, 'continuity.conditions', a=a_tex)}**")
    if c.defined:
        first = text(lang, "continuity.defined_yes", a=a_tex, value=tex(lang, c.value))
    else:
        first = text(lang, "continuity.defined_no")
    edge = edge_side(c.left_kind, c.right_kind)
    if edge is not None:
        second = edge_sentence(lang, a_tex, edge, getattr(c, edge))
    elif c.limit_exists:
        second = text(lang, "continuity.limit_yes", a=a_tex, limit=tex(lang, c.left))
    else:
        second = text(
            lang,
            "continuity.limit_no",
            left=side_phrase(lang, c.left, c.left_kind),
            right=side_phrase(lang, c.right, c.right_kind),
        )
    third = text(lang, "continuity.equal_yes" if c.equal else "continuity.equal_no")
    for holds, line in ((c.defined, first), (c.limit_exists, second), (c.equal, third)):
        st.markdown(f"{':material/check_circle:' if holds else ':material/cancel:'} {line}")


continuity_page()
