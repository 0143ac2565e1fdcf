"""Partial derivatives, the chain rule and backpropagation: a loss surface and one neuron."""

import streamlit as st

from mathcore.optimization import descent_advice
from ui import backprop_figures, compute
from ui import backprop_inputs as inputs
from ui.chain import agreeing_digits, backward_rows, path_product
from ui.i18n import text
from ui.inputs import computed
from ui.messages import descent_box, tex
from ui.page import chart, explanation_area, header, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import plain_number, tex_number

SURFACE_LABELS = ("path", "arrow", "minimum", "minimum_line", "step")
NODE_KEYS = {"u": "u", "z": "z", r"\hat{y}": "yhat", "e": "e", "L": "L"}


def backprop_page() -> None:
    lang = setup_page("nav.backprop")
    header(lang, "backprop")
    st.header(text(lang, "backprop.surface"), anchor="surface")
    if not presenting():  # else folded with the derivation, below the loss
        st.markdown(text(lang, "backprop.surface_intro"))
    xs, ys = inputs.data_inputs(lang)
    view = computed(lang, compute.surface_view, xs, ys)
    if view is not None:
        loss_surface(lang, xs, ys, *view)
    st.header(text(lang, "backprop.neuron"), anchor="neuron")
    st.markdown(text(lang, "backprop.neuron_intro"))
    neuron(lang)


def loss_surface(lang: str, xs: str, ys: str, loss, partials, steps, hessian, lam) -> None:
    st.latex(rf"L(w, b) = {tex(lang, loss)}")
    with explanation_area(text(lang, "app.explanation")) as folded:
        intro = [text(lang, "backprop.surface_intro")] if folded else []
        st.markdown("\n\n".join([*intro, text(lang, "backprop.general")]))
        W, B = compute.W, compute.B
        st.latex(
            rf"\frac{{\partial L}}{{\partial w}} = {tex(lang, partials[W])} \qquad "
            rf"\frac{{\partial L}}{{\partial b}} = {tex(lang, partials[B])}"
        )
        with st.container() if folded else st.expander(text(lang, "backprop.steps")):
            for var, key in ((W, "backprop.steps_w"), (B, "backprop.steps_b")):
                st.markdown(text(lang, key) + "\n\n" + steps_markdown(steps[var], lang, True))
        matrix = tex(lang, hessian)
        st.markdown(text(lang, "backprop.hessian", matrix=matrix, lam=tex_number(lam)))
    descent(lang, xs, ys, lam)
    st.markdown(text(lang, "backprop.why"))


@st.fragment
def descent(lang: str, xs: str, ys: str, lam: float) -> None:
    """The sliders and what they change: the only part that reruns on a move."""
    lr, momentum, steps, w0, b0 = inputs.descent_sliders(lang, lam)
    limits = {"stable": 2 / lam, "half": 1 / lam, "limit": 2 * (1 + momentum) / lam}
    limits = {k: tex_number(v) for k, v in limits.items()}
    st.markdown(text(lang, "backprop.threshold", **limits))
    path, verdict, best, grids = compute.surface_descent(xs, ys, lr, momentum, steps, w0, b0)
    factor = plain_number(path.contraction or 0, 6)  # the distance to the least loss, per step
    message = text(lang, f"backprop.verdict.{verdict}", factor=factor)
    if verdict == "slow":  # only advice that helps from these settings
        loss = compute.surface_view(xs, ys)[0]
        tips = descent_advice(path, loss, [compute.W, compute.B], steps < inputs.MAX_STEPS, True)
        message = " ".join([message, *(text(lang, f"backprop.advice.{t}", **limits) for t in tips)])
    descent_box(verdict)(message)
    done = len(path.losses) - 1
    if done < steps:  # the run was cut off: the loss blew up
        st.markdown(text(lang, "backprop.stopped", done=done, asked=steps))
    labels = {key: text(lang, f"backprop.fig.{key}") for key in SURFACE_LABELS}
    if not presenting():  # in projector mode the chart follows the verdict in view
        st.markdown(f"**{text(lang, 'backprop.contour')}**")
    # the least loss in words: a point, or the whole line c·w + b = m when every x is the same
    kind, where = ("_line", best.line) if best.line else ("", (best.w, best.b))
    least = dict(zip("cm" if best.line else "wb", map(plain_number, where), strict=True))
    chart(
        backprop_figures.contour_figure(path, grids[0], best, lr, labels, presenting()),
        text(lang, f"a11y.contour{kind}", **least),
        key="contour-chart",
    )
    (w, b), loss = path.points[-1], path.losses[-1]
    numbers = {"w": w, "b": b, "loss": loss, "best_w": best[0], "best_b": best[1]}
    numbers = {k: tex_number(v) for k, v in numbers.items()}
    if line := best.line:  # all x equal: a valley floor, not a point
        numbers |= {"c": tex_number(line[0]), "m": tex_number(line[1])}
    st.markdown(text(lang, f"backprop.final{kind}", count=done, **numbers))
    solid = st.expander(
        text(lang, "backprop.surface3d"), key="surface3d", on_change="rerun", bind="query-params"
    )
    if solid.open:  # drawn only when opened: a WebGL surface is the costliest redraw here
        with solid:
            chart(
                backprop_figures.surface_figure(path, grids[1], best, labels, presenting()),
                text(lang, f"a11y.surface{kind}", **least),
                key="surface-chart",
            )


@st.fragment
def neuron(lang: str) -> None:
    """Inputs, the buttons, the graph, the backward rows and ∂L/∂w three ways."""
    x, y, w, b, eta = inputs.neuron_inputs(lang)
    view = computed(lang, compute.neuron_view, x, y, w, b)
    if view is None:
        return
    graph, symbolic, at_point, finite = view
    stage = inputs.neuron_buttons(lang, graph, eta)
    total = len(graph.nodes)
    if stage < total:
        key = "stage_none" if stage < 0 else "stage_forward" if stage == 0 else "stage_backward"
        loss = tex_number(graph.nodes[-1].value, 6)
        st.info(text(lang, f"backprop.{key}", loss=loss, done=stage, total=total))
    else:
        gw, gb = (tex_number(graph.gradient(v), 6) for v in (compute.W, compute.B))
        st.success(text(lang, "backprop.stage_done", gw=gw, gb=gb))
    order = list(range(total - 1, -1, -1))  # the output first
    known = set(order[: max(stage, 0)])
    labels = [
        text(lang, f"backprop.node.{NODE_KEYS[n.name]}") if n.name in NODE_KEYS else n.name
        for n in graph.nodes
    ]
    chart(
        backprop_figures.graph_figure(graph, labels, stage >= 0, known, presenting()),
        text(lang, "a11y.graph"),
        key="graph-chart",
    )
    if known:
        st.markdown(f"**{text(lang, 'backprop.table')}**")
        st.latex(rf"\begin{{aligned}} {backward_rows(graph, order[:stage])} \end{{aligned}}")
    st.subheader(text(lang, "backprop.three"))
    latex, product = path_product(graph, compute.W)
    cols = st.columns(3)
    for col, key, value in zip(
        cols, ("product", "symbolic", "finite"), (product, at_point, finite), strict=True
    ):
        col.metric(text(lang, f"backprop.{key}"), plain_number(value, 12))
    st.markdown(text(lang, "backprop.path"))
    st.latex(latex)
    st.markdown(text(lang, "backprop.formula"))
    st.latex(
        rf"\frac{{\partial L}}{{\partial w}} = {tex(lang, symbolic)} = {tex_number(at_point, 10)}"
    )
    error = plain_number(abs(finite - at_point), 2)
    st.caption(text(lang, "backprop.agree", digits=agreeing_digits(product, at_point), error=error))


backprop_page()
