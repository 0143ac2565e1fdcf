"""Derivatives: secant → tangent as h → 0, the difference quotient, rules and steps."""

import streamlit as st

from ui import code_view, compute
from ui import derivatives_parts as parts
from ui.charts import derivatives as charts
from ui.i18n import text
from ui.inputs import analysed_at_point, linked_value
from ui.links import checked, refused
from ui.messages import tex
from ui.page import chart, header, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import plain_number

LABELS = ("f", "secant", "points", "tangent", "derivative")


@checked
def derivatives_page() -> None:
    lang = setup_page("nav.derivatives")
    header(lang, "derivatives")
    analysis = analysed_at_point(lang, [], "x^2", "1", compute.derivatives)
    if analysis is None:
        return
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    a_tex = tex(lang, analysis.point)
    st.latex(rf"f'(x) = {tex(lang, analysis.derivative)}")
    if presenting():  # the verdict above the chart: the class sees it without scrolling
        side, graph = st.container(), st.container()
    else:
        graph, side = st.columns([3, 2])
    with graph:
        secant_graph(lang, analysis, labels)
    with side:
        parts.verdict(lang, analysis, a_tex)
    parts.quotient_table(lang, analysis)
    st.header(text(lang, "derivatives.both"))
    tangent_explorer(lang, analysis, labels)
    title = text(lang, "derivatives.steps")  # ?steps=false folds it in a link, =true opens it
    with st.expander(title, expanded=not presenting(), key="steps", bind="query-params"):
        steps = analysis.steps
        st.markdown(steps_markdown(steps, lang) if steps else text(lang, "derivatives.no_steps"))
    parts.rule_table(lang)
    code_view.derivatives(lang, analysis)


def secant_graph(lang: str, analysis, labels: dict[str, str]) -> None:
    """The secant chart; its own slider is the one h control (frames in the browser). An old
    lesson link's ``?h=`` picks the h it opens on."""
    captions = {
        h: text(lang, "derivatives.frame", h=plain_number(h, 6), slope=plain_number(q, 10))
        if q == q  # nan: f(a + h) does not exist
        else text(lang, "derivatives.frame_none", h=plain_number(h, 6))
        for h, q in analysis.slopes.items()
        if h > 0
    }
    drawn = "none" if analysis.value != analysis.value else "secant"
    drawn = "tangent" if analysis.tangent is not None and drawn == "secant" else drawn
    h = linked_value("h", analysis.hs, analysis.hs[0])
    chart(  # the words name only what is drawn: no secant without f(a), no tangent without f′(a)
        charts.secant_figure(analysis, labels, h, captions, presenting()),
        text(lang, f"a11y.secant_{drawn}", a=tex(lang, analysis.point)),
        key="secant-chart",
    )
    if drawn != "none":
        st.caption(text(lang, f"derivatives.drag_{drawn}"))


def tangent_explorer(lang: str, analysis, labels: dict[str, str]) -> None:
    """f and f′ with a tangent that the chart's own x slider moves along f (in the browser)."""
    captions = []
    for x, y, m in zip(
        analysis.tangent_points, analysis.tangent_values, analysis.tangent_slopes, strict=True
    ):
        at = plain_number(x, 4)
        if m == m:  # nan: no derivative at x, or no f at all (ln x at x ≤ 0)
            captions.append(text(lang, "derivatives.explore_frame", x=at, slope=plain_number(m, 6)))
        else:
            why = "none" if y == y else "undefined"
            captions.append(text(lang, f"derivatives.explore_{why}", x=at))
    labels = labels | {
        "explore_point": text(lang, "derivatives.explore_point"),
        "points": text(lang, "derivatives.explore_touch"),  # not the secant's two points
    }
    names = charts.explorer_names(analysis)
    linked = st.query_params.get("tangent")
    active = names.index(linked) if linked in names else len(names) // 2  # else at a
    if linked is not None and linked not in names:
        refused("tangent", linked, names[active])
        del st.query_params["tangent"]
    figure = charts.function_and_derivative(analysis, labels, captions, presenting(), active)
    chart(figure, text(lang, "a11y.both"), key="both-chart")
    st.caption(text(lang, "derivatives.explore"))


derivatives_page()
