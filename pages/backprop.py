"""Partial derivatives, the chain rule and backpropagation: a loss surface and one neuron."""

import itertools
import math

import streamlit as st
import sympy as sp

from ui import backprop_figures, compute
from ui.i18n import text
from ui.inputs import computed
from ui.page import header, inputs_area, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import tex_number

SURFACE_LABELS = ("path", "arrow", "minimum", "step")
NODE_KEYS = {"u": "u", "z": "z", r"\hat{y}": "yhat", "e": "e", "L": "L"}
NEURON_INPUTS = [  # (key, default, min, max): bounded, so no value overflows a float
    ("x", 1.5, -100.0, 100.0),
    ("y", 1.0, -100.0, 100.0),
    ("w", 0.5, -100.0, 100.0),
    ("b", 0.0, -100.0, 100.0),
    ("eta", 1.0, 0.0, 10.0),
]
VERDICT_BOX = {"converges": st.success, "oscillates": st.info, "slow": st.info}


def backprop_page() -> None:
    lang = setup_page("nav.backprop")
    header(lang, "backprop")
    st.header(text(lang, "backprop.surface"), anchor="surface")
    st.markdown(text(lang, "backprop.surface_intro"))
    with inputs_area(lang):
        left, right = st.columns(2)
        xs = left.text_input(
            text(lang, "backprop.xs"),
            "0, 1, 2, 3",
            key="xs",
            bind="query-params",
            help=text(lang, "backprop.data_help"),
            max_chars=120,
        )
        ys = right.text_input(
            text(lang, "backprop.ys"),
            "1, 3, 5, 7",
            key="ys",
            bind="query-params",
            help=text(lang, "backprop.data_help"),
            max_chars=120,
        )
    view = computed(lang, compute.surface_view, xs, ys)
    if view is not None:
        loss_surface(lang, xs, ys, *view)
    st.header(text(lang, "backprop.neuron"), anchor="neuron")
    st.markdown(text(lang, "backprop.neuron_intro"))
    neuron(lang)


def loss_surface(lang: str, xs: str, ys: str, loss, partials, steps, hessian, lam) -> None:
    st.latex(rf"L(w, b) = {sp.latex(loss)}")
    st.markdown(text(lang, "backprop.general"))
    W, B = compute.W, compute.B
    st.latex(
        rf"\frac{{\partial L}}{{\partial w}} = {sp.latex(partials[W])} \qquad "
        rf"\frac{{\partial L}}{{\partial b}} = {sp.latex(partials[B])}"
    )
    with st.expander(text(lang, "backprop.steps"), expanded=False):
        for var, key in ((W, "backprop.steps_w"), (B, "backprop.steps_b")):
            st.markdown(text(lang, key))
            st.markdown(steps_markdown(steps[var], lang, partial=True))
    if lam is None:  # every x the same and no spread: no curvature to speak of
        return
    st.markdown(text(lang, "backprop.hessian", matrix=sp.latex(hessian), lam=f"{lam:.4g}"))
    descent(lang, xs, ys, lam)
    st.markdown(text(lang, "backprop.why"))


@st.fragment
def descent(lang: str, xs: str, ys: str, lam: float) -> None:
    """The sliders and what they change: the only part that reruns on a move."""
    stable = 2 / lam
    high = float(f"{1.5 * stable:.3g}")
    cols = st.columns(5)
    lr = cols[0].slider(
        text(lang, "backprop.lr"),
        0.0,
        high,
        value=float(f"{min(0.2, 0.9 * stable):.3g}"),
        step=high / 150,
        format="%.4f" if stable >= 0.01 else "%.2e",  # large data: a tiny stable η
        key="lr",
        bind="query-params",
    )
    momentum = cols[1].slider(
        text(lang, "backprop.momentum"), 0.0, 0.95, 0.0, 0.05, key="momentum", bind="query-params"
    )
    steps = cols[2].slider(
        text(lang, "backprop.steps_n"), 1, 100, 100, key="steps", bind="query-params"
    )
    w0 = cols[3].slider(
        text(lang, "backprop.w0"), -5.0, 5.0, -2.0, 0.1, key="w0", bind="query-params"
    )
    b0 = cols[4].slider(
        text(lang, "backprop.b0"), -5.0, 5.0, 4.0, 0.1, key="b0", bind="query-params"
    )
    st.markdown(
        text(
            lang,
            "backprop.threshold",
            stable=f"{stable:.4g}",
            half=f"{1 / lam:.4g}",
            limit=f"{2 * (1 + momentum) / lam:.4g}",
        )
    )
    path, verdict, best, grids = compute.surface_descent(
        xs, ys, float(lr), float(momentum), int(steps), float(w0), float(b0)
    )
    VERDICT_BOX.get(verdict, st.error)(text(lang, f"backprop.verdict.{verdict}"))
    (w, b), loss = path.points[-1], path.losses[-1]
    st.markdown(
        text(
            lang,
            "backprop.final",
            steps=len(path.losses) - 1,
            w=tex_number(w),
            b=tex_number(b),
            loss=tex_number(loss),
            best_w=tex_number(best[0]),
            best_b=tex_number(best[1]),
        )
    )
    labels = {key: text(lang, f"backprop.fig.{key}") for key in SURFACE_LABELS}
    st.markdown(f"**{text(lang, 'backprop.contour')}**")
    st.plotly_chart(
        backprop_figures.contour_figure(path, grids[0], best, lr, labels, presenting()),
        key="contour-chart",
    )
    solid = st.expander(
        text(lang, "backprop.surface3d"), key="surface3d", on_change="rerun", bind="query-params"
    )
    if solid.open:  # drawn only when opened: a WebGL surface is the costliest redraw here
        solid.plotly_chart(
            backprop_figures.surface_figure(path, grids[1], best, labels, presenting()),
            key="surface-chart",
        )


@st.fragment
def neuron(lang: str) -> None:
    """Inputs, the three buttons, the graph, the backward table and ∂L/∂w three ways."""
    with inputs_area(lang):
        cols = st.columns(5)
        values = [
            cols[i].number_input(
                text(lang, f"backprop.{key}"),
                low,
                high,
                default,
                0.1,
                key=key,
                bind="query-params",
            )
            for i, (key, default, low, high) in enumerate(NEURON_INPUTS)
        ]
    x, y, w, b, eta = (float(v) for v in values)
    view = computed(lang, compute.neuron_view, x, y, w, b)
    if view is None:
        return
    graph, symbolic, at_point, finite = view
    state = st.session_state
    stage = state.setdefault("neuron_stage", -1)  # −1 nothing, 0 forward, k: k backward steps
    total = len(graph.nodes)
    buttons = st.columns(4)
    buttons[0].button(
        text(lang, "backprop.forward"), on_click=_stage, args=(0,), use_container_width=True
    )
    buttons[1].button(
        text(lang, "backprop.backward"),
        on_click=_stage,
        args=(min(stage + 1, total),),
        disabled=stage < 0 or stage >= total,
        use_container_width=True,
    )
    buttons[2].button(
        text(lang, "backprop.update"),
        on_click=_update,
        args=(graph, eta),
        use_container_width=True,
    )
    buttons[3].button(
        text(lang, "backprop.reset"), on_click=_stage, args=(-1,), use_container_width=True
    )
    if "neuron_update" in state:
        st.success(text(lang, "backprop.updated", **state.pop("neuron_update")))
    gw, gb = graph.gradient(compute.W), graph.gradient(compute.B)
    if stage < 0:
        st.info(text(lang, "backprop.stage_none"))
    elif stage == 0:
        st.info(text(lang, "backprop.stage_forward", loss=f"{graph.nodes[-1].value:.6g}"))
    elif stage < total:
        st.info(text(lang, "backprop.stage_backward", done=stage, total=total))
    else:
        st.success(text(lang, "backprop.stage_done", gw=f"{gw:.6g}", gb=f"{gb:.6g}"))
    order = list(range(total - 1, -1, -1))  # the output first
    known = set(order[: max(stage, 0)])
    labels = [_label(lang, node.name) for node in graph.nodes]
    st.plotly_chart(
        backprop_figures.graph_figure(graph, labels, stage >= 0, known, presenting()),
        key="graph-chart",
    )
    if known:
        st.markdown(f"**{text(lang, 'backprop.table')}**")
        rows = r" \\ ".join(_backward_row(graph, i) for i in order[:stage])
        st.latex(rf"\begin{{aligned}} {rows} \end{{aligned}}")
    three_ways(lang, graph, symbolic, at_point, finite)


def three_ways(lang: str, graph, symbolic, at_point: float, finite: float) -> None:
    """∂L/∂w as the product of local derivatives along the path, symbolically, and by a finite
    difference, side by side."""
    st.subheader(text(lang, "backprop.three"))
    (path,) = graph.paths(compute.W)
    product = 1.0
    factors, names = [], []
    for node, user in itertools.pairwise(path):
        local = graph.local(user, node)
        product *= local
        factors.append(f"({local:.6g})")
        names.append(
            rf"\frac{{\partial {graph.nodes[user].name}}}{{\partial {graph.nodes[node].name}}}"
        )
    cols = st.columns(3)
    cols[0].metric(text(lang, "backprop.product"), f"{product:.12g}")
    cols[1].metric(text(lang, "backprop.symbolic"), f"{at_point:.12g}")
    cols[2].metric(text(lang, "backprop.finite"), f"{finite:.12g}")
    st.markdown(text(lang, "backprop.path"))
    st.latex(
        r"\frac{\partial L}{\partial w} = "
        + " ".join(reversed(names))
        + " = "
        + r" \cdot ".join(reversed(factors))
        + f" = {product:.10g}"
    )
    st.markdown(text(lang, "backprop.formula"))
    st.latex(rf"\frac{{\partial L}}{{\partial w}} = {sp.latex(symbolic)} = {at_point:.10g}")
    digits = _agreeing_digits(product, at_point)
    st.caption(text(lang, "backprop.agree", digits=digits, error=f"{abs(finite - at_point):.1e}"))


def _backward_row(graph, i: int) -> str:
    """One node of the backward pass: ∂L/∂node = Σ over users ∂L/∂user · ∂user/∂node."""
    node = graph.nodes[i]
    name = node.name
    if i == len(graph.nodes) - 1:
        return rf"\frac{{\partial L}}{{\partial {name}}} &= 1"
    terms, values = [], []
    for user in graph.nodes:
        if i in user.inputs:
            slot = user.inputs.index(i)
            terms.append(
                rf"\frac{{\partial L}}{{\partial {user.name}}}"
                rf"\frac{{\partial {user.name}}}{{\partial {name}}}"
            )
            formula = user.formula[slot]
            local = f"{user.local[slot]:.4g}"
            if not formula.is_number:  # 2e = −0.64; a constant such as 1 needs no "= 1"
                local = f"{sp.latex(formula)} = {local}"
            values.append(rf"({user.grad:.4g})\left[{local}\right]")
    return (
        rf"\frac{{\partial L}}{{\partial {name}}} &= {' + '.join(terms)} = "
        rf"{' + '.join(values)} = {node.grad:.6g}"
    )


def _label(lang: str, name: str) -> str:
    return text(lang, f"backprop.node.{NODE_KEYS[name]}") if name in NODE_KEYS else name


def _agreeing_digits(a: float, b: float) -> int:
    """How many significant digits two numbers share (at most 15)."""
    if a == b:
        return 15
    return max(0, min(15, int(-math.log10(abs(a - b) / max(abs(a), abs(b))))))


def _stage(stage: int) -> None:
    st.session_state.neuron_stage = stage


def _update(graph, eta: float) -> None:
    """One gradient-descent step on w and b; the new values go into the inputs (and the URL)."""
    state = st.session_state
    w, b = state.w, state.b
    gw, gb = graph.gradient(compute.W), graph.gradient(compute.B)
    new_w, new_b = (round(min(max(v, -100.0), 100.0), 6) for v in (w - eta * gw, b - eta * gb))
    state.w, state.b = new_w, new_b
    after = compute.neuron_view(state.x, state.y, new_w, new_b)[0].nodes[-1].value
    state.neuron_update = {
        "w_old": f"{w:.4g}",
        "w_new": f"{new_w:.4g}",
        "b_old": f"{b:.4g}",
        "b_new": f"{new_b:.4g}",
        "l_old": f"{graph.nodes[-1].value:.4g}",
        "l_new": f"{after:.4g}",
    }
    state.neuron_stage = 0


backprop_page()
