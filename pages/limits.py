"""Limits: left and right, at ±∞ — and why a limit fails."""

import streamlit as st
import sympy as sp

from ui import compute, figures
from ui.i18n import text
from ui.inputs import analysed_at_point
from ui.messages import side_tex, tex
from ui.one_sided import edge_sentence, edge_side
from ui.page import chart, header, presenting, setup_page
from ui.tables import approach_digits, markdown_table, plain_number

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
    "edge": st.success,
}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def limits_page() -> None:
    lang = setup_page("nav.limits")
    header(lang, "limits")
    view = analysed_at_point(lang, PRESETS, "1/(x+1)", "-1", compute.limit_view)
    if view is None:
        return
    result, value, curves, march = view
    show_verdict(lang, result)
    graph, table = st.columns([3, 2])
    with graph:
        limit_graph(lang, result, value, curves, march)
    with table:
        approach_tables(lang, result)
    st.markdown(text(lang, "limits.ml"))


def show_verdict(lang: str, result) -> None:
    a = tex(lang, result.point)
    values = {
        "a": a,
        "value": tex(lang, result.value),
        "left": side_tex(lang, result.left, result.left_kind),
        "right": side_tex(lang, result.right, result.right_kind),
    }
    verdict = result.verdict
    if verdict == "oscillates" and result.unbounded:
        verdict = "oscillates_unbounded"
    if verdict == "undefined" and result.left_kind == result.right_kind == "undefined":
        verdict = "undefined_both"  # √x at −1: on neither side, not "one side"
    edge = edge_side(result.left_kind, result.right_kind)
    if result.point.is_finite and edge is not None:  # the one-sided limit from inside
        limit = getattr(result, edge)
        verdict = "edge" if limit.is_finite else "edge_infinite"
        values["edge"] = edge_sentence(lang, a, edge, limit)
    box = VERDICT_BOX.get(
        verdict, st.warning if verdict in ("uncertain", "edge_infinite") else st.error
    )
    if result.point.is_infinite:  # one direction only: x → ∞ or x → −∞
        values["when"] = text(lang, f"limits.as_x_{_direction(result.point)}")
        box(text(lang, f"limits.verdict_infinity.{verdict}", **values))
        limit, kind = (
            (result.left, result.left_kind)
            if result.point is sp.oo
            else (result.right, result.right_kind)
        )
        st.latex(rf"\lim_{{x \to {a}}} f(x) = {side_tex(lang, limit, kind)}")
        return
    box(text(lang, f"limits.verdict.{verdict}", **values))
    sides = [("-", result.left, result.left_kind), ("+", result.right, result.right_kind)]
    st.latex(
        r" \qquad ".join(
            rf"\lim_{{x \to {a}^{sign}}} f(x) = {side_tex(lang, value, kind)}"
            for sign, value, kind in sides
        )
    )


def _direction(point) -> str:
    return "oo" if point is sp.oo else "neg_oo"


@st.fragment
def limit_graph(lang: str, result, value, curves, march) -> None:
    names = ("f", "left", "right", "left_limit", "right_limit", "value", "above", "below")
    labels = {key: text(lang, f"fig.{key}") for key in names}
    if result.point.is_infinite:
        key = st.select_slider(
            text(lang, "limits.reach"),
            compute.REACHES,
            value=compute.REACHES[-1],
            format_func=lambda k: f"10{SUPERSCRIPTS[k]}",
            key="reach",
            bind="query-params",
        )
        labels["toward"] = text(lang, f"limits.toward_{_direction(result.point)}")
    else:
        key = st.select_slider(
            text(lang, "limits.zoom"), compute.ZOOMS, value=4.0, key="zoom", bind="query-params"
        )
    sides = {
        s: side_tex(lang, getattr(result, s), getattr(result, f"{s}_kind"))
        for s in ("left", "right")
    }
    figure = figures.limit_figure(result, value, curves[key], march, labels, key, presenting())
    chart(figure, _alt(lang, result, sides), key="limit-chart")
    if result.point.is_infinite:
        st.caption(text(lang, "limits.log_axis"))
        beyond_the_chart(lang, figure.layout.meta)


def beyond_the_chart(lang: str, meta: dict) -> None:
    """The table's points that the chart shows only on its edge (e^1000), or not at all."""
    for where, edge in (("above", "top"), ("below", "bottom"), ("outside", None)):
        if xs := meta[where]:
            named = ", ".join(plain_number(x, 9) for x in xs)
            edge = plain_number(meta[edge]) if edge else ""
            st.caption(text(lang, f"limits.beyond_{where}", xs=named, count=len(xs), edge=edge))


def _alt(lang: str, result, sides: dict[str, str]) -> str:
    """The chart in words; toward ±∞ one direction only (x → ∞ comes from below)."""
    if result.point.is_infinite:
        side = "left" if result.point is sp.oo else "right"
        key = "a11y.limit_plus" if result.point is sp.oo else "a11y.limit_minus"
        return text(lang, key, value=sides[side])
    return text(lang, "a11y.limit", a=tex(lang, result.point), **sides)


def approach_tables(lang: str, result) -> None:
    toward = text(lang, "limits.table_toward", a=tex(lang, result.point))
    sides = (text(lang, "limits.table_left"), text(lang, "limits.table_right"))
    headings = (toward, toward) if result.point.is_infinite else sides
    for heading, rows in zip(headings, (result.table_left, result.table_right), strict=True):
        if rows:
            xs, ys = zip(*rows, strict=True)
            st.markdown(f"**{heading}**")
            st.markdown(markdown_table({"x": xs, "f(x)": ys}, {"x": approach_digits(xs)}))


limits_page()
