"""Partial derivatives, the chain rule and backpropagation: a loss surface and one neuron."""

import streamlit as st

from mathcore.backprop import W
from ui import backprop_inputs as inputs
from ui import code_view, compute, lesson, links
from ui.chain import backward_rows, path_product
from ui.charts import backprop as charts
from ui.i18n import text
from ui.inputs import computed
from ui.messages import tex
from ui.page import chart, explanation_area, header, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import plain_number, tex_number


@links.checked
def backprop_page() -> None:
    lang = setup_page("nav.backprop")
    header(lang, "backprop")
    st.header(text(lang, "backprop.surface"), anchor="surface")
    if not presenting():  # else folded with the derivation, below the loss
        st.markdown(text(lang, "backprop.surface_intro"))
    xs, ys = inputs.data_inputs(lang)
    surface = computed(lang, compute.surface, xs, ys)
    if surface is not None:
        loss_surface(lang, xs, ys, surface)
    st.header(text(lang, "backprop.neuron"), anchor="neuron")
    st.markdown(text(lang, "backprop.neuron_intro"))
    neuron(lang)


def loss_surface(lang: str, xs: str, ys: str, surface) -> None:
    """L(w, b), its partial derivatives step by step and its Hessian; then the descent."""
    st.latex(rf"L(w, b) = {tex(lang, surface.loss)}")
    with explanation_area(text(lang, "app.explanation")) as folded:
        intro = [text(lang, "backprop.surface_intro")] if folded else []
        st.markdown("\n\n".join([*intro, text(lang, "backprop.general")]))
        st.latex(
            rf"\frac{{\partial L}}{{\partial w}} = {tex(lang, surface.partial_w)} \qquad "
            rf"\frac{{\partial L}}{{\partial b}} = {tex(lang, surface.partial_b)}"
        )
        name = text(lang, "backprop.steps")  # ?derivation=true opens it from a link
        with st.container() if folded else st.expander(name, key="derivation", bind="query-params"):
            for key, steps in (("w", surface.steps_w), ("b", surface.steps_b)):
                words = text(lang, f"backprop.steps_{key}")
                st.markdown(f"{words}\n\n{steps_markdown(steps, lang, True)}")
        matrix, lam = tex(lang, surface.hessian), tex_number(surface.curvature)
        st.markdown(text(lang, "backprop.hessian", matrix=matrix, lam=lam))
    descent(lang, xs, ys, surface)
    st.markdown(text(lang, "backprop.why"))


@lesson.fragment
def descent(lang: str, xs: str, ys: str, surface) -> None:
    """Server sliders (β, steps, start); the chart's own pick η and the step: reruns alone."""
    momentum, steps, w0, b0 = inputs.descent_sliders(lang)
    lr = inputs.opening_lr(lang, surface, momentum)
    more = steps < inputs.MAX_STEPS
    sweep = compute.surface_sweep(xs, ys, lr, momentum, steps, (w0, b0), more)
    st.markdown(text(lang, "backprop.threshold", **inputs.thresholds(surface, sweep)))
    labels = {key: text(lang, f"backprop.fig.{key}") for key in inputs.SURFACE_LABELS}
    if not presenting():  # in projector mode the chart follows the threshold in view
        st.markdown(f"**{text(lang, 'backprop.contour')}**")
    captions = {r: inputs.caption(lang, sweep, i) for i, r in enumerate(sweep.learning_rates)}
    kind, least = inputs.least_words(surface.least)  # a point, or the line c·w + b = m
    alt = text(lang, f"a11y.contour{kind}", n=len(captions), lr=plain_number(lr, 6), **least)
    figure = charts.contour_figure(surface, sweep, lr, labels, captions, presenting())
    chart(figure, f"{alt} {inputs.final(lang, sweep, sweep.index(lr))}", key="contour-chart")
    st.caption(text(lang, "backprop.drag"))
    st.markdown(inputs.least_sentence(lang, surface))
    table = st.expander(text(lang, "backprop.rates_table"), key="table", bind="query-params")
    table.markdown(inputs.rate_table(lang, sweep))
    code_view.surface(lang, surface, lr, momentum, steps, (w0, b0))
    solid = st.expander(text(lang, "backprop.surface3d"), key="surface3d", bind="query-params")
    if solid.open:  # drawn only when opened: a WebGL surface is the costliest redraw here
        with solid:  # the path of the η the chart opened on (a link's, or the last rerun's)
            run = compute.surface_descent(xs, ys, lr, momentum, steps, (w0, b0), more)
            figure = charts.surface_figure(surface, run, labels, presenting())
            chart(figure, text(lang, f"a11y.surface{kind}", **least), key="surface-chart")


@lesson.fragment
def neuron(lang: str) -> None:
    """Inputs, the buttons, the graph, the backward rows and ∂L/∂w three ways."""
    x, y, w, b, eta = inputs.neuron_inputs(lang)
    found = computed(lang, compute.neuron, x, y, w, b)
    if found is None:
        return
    graph, stage = found.graph, inputs.neuron_buttons(lang, found, eta)  # ?neuron= in the link
    n = len(graph.nodes)
    if stage < n:
        key = "stage_none" if stage < 0 else "stage_forward" if stage == 0 else "stage_backward"
        st.info(text(lang, f"backprop.{key}", loss=tex_number(found.loss, 6), done=stage, total=n))
    else:
        gw, gb = tex_number(found.gradient_w, 6), tex_number(found.gradient_b, 6)
        st.success(text(lang, "backprop.stage_done", gw=gw, gb=gb))
    order = list(range(n - 1, -1, -1))  # the output first
    known = set(order[: max(stage, 0)])
    labels = inputs.node_labels(lang, graph)
    figure = charts.graph_figure(graph, labels, stage >= 0, known, presenting())
    chart(figure, text(lang, "a11y.graph"), key="graph-chart")
    if known:
        st.markdown(f"**{text(lang, 'backprop.table')}**")
        st.latex(rf"\begin{{aligned}} {backward_rows(graph, order[:stage])} \end{{aligned}}")
    st.subheader(text(lang, "backprop.three"))
    ways = {"product": found.path_product, "symbolic": found.symbolic_w, "finite": found.finite_w}
    for col, (key, value) in zip(st.columns(3), ways.items(), strict=True):
        col.metric(text(lang, f"backprop.{key}"), plain_number(value, 12))
    st.markdown(text(lang, "backprop.path"))
    st.latex(path_product(graph, W)[0])
    st.markdown(text(lang, "backprop.formula"))
    symbolic = rf"{tex(lang, found.derivative_w)} = {tex_number(found.symbolic_w, 10)}"
    st.latex(rf"\frac{{\partial L}}{{\partial w}} = {symbolic}")
    st.caption(text(lang, "backprop.agree", **inputs.agreement(found)))
    code_view.neuron(lang, found)


backprop_page()
