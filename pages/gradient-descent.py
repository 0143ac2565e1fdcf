"""Loss and gradient descent: L(w) = (wx − y)², dL/dw, the steps, and when η is too large."""

import streamlit as st
import sympy as sp

from ui import compute, figures
from ui.i18n import text
from ui.inputs import computed
from ui.messages import descent_box
from ui.page import header, inputs_area, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import tex_number

LABELS = ("loss", "steps", "tangent", "iteration", "iteration_loss")


def descent_page() -> None:
    lang = setup_page("nav.descent")
    header(lang, "descent")
    with inputs_area(lang):
        left, right = st.columns(2)
        x = left.number_input(
            text(lang, "descent.x"), value=2.0, step=0.5, key="x", bind="query-params"
        )
        y = right.number_input(
            text(lang, "descent.y"), value=4.0, step=0.5, key="y", bind="query-params"
        )
    x = float(x)  # x = 0 is allowed: L = y² does not depend on w, and the verdict says so
    st.latex(rf"L(w) = (wx - y)^2 = {sp.latex(compute.descent_loss(x, float(y)))}")
    sliders(lang, x, float(y))
    tree = computed(lang, compute.descent_steps)
    with st.expander(text(lang, "descent.derivation"), expanded=not presenting()):
        st.markdown(steps_markdown(tree, lang))
    st.page_link("pages/backprop.py", label=text(lang, "descent.next"), icon=":material/hub:")


@st.fragment
def sliders(lang: str, x: float, y: float) -> None:
    """Everything a slider changes, and nothing else: the only part that reruns on a move."""
    stable = 1 / x**2 if x else 1.0  # with x = 0 any η leaves w where it is
    cols = st.columns(3)
    lr = cols[0].slider(
        text(lang, "descent.lr"),
        0.0,
        round(1.5 * stable, 4),
        value=min(0.05, stable),
        step=round(stable / 100, 6),
        format="%.4f",
        key="lr",
        bind="query-params",
    )
    w0 = cols[1].slider(
        text(lang, "descent.w0"), -5.0, 5.0, value=0.0, step=0.1, key="w0", bind="query-params"
    )
    steps = cols[2].slider(
        text(lang, "descent.steps"), 1, 100, value=30, key="steps", bind="query-params"
    )
    if x:
        limits = {"stable": f"{stable:.4g}", "half": f"{stable / 2:.4g}"}
        st.markdown(text(lang, "descent.threshold", **limits))
    trajectory, verdict, samples = compute.descent_view(x, y, float(lr), float(w0), int(steps))
    factor = f"{trajectory.contraction or 0:.6g}"  # |1 − 2ηx²|
    descent_box(verdict)(text(lang, f"descent.verdict.{verdict}", factor=factor))
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    final = (trajectory.points[-1, 0], trajectory.losses[-1], y / x if x else 0.0)
    numbers = dict(zip(("w", "loss", "best"), map(tex_number, final), strict=True))
    key = "descent.final" if x else "descent.final_flat"  # x = 0: no one best w
    st.markdown(text(lang, key, steps=len(trajectory.losses) - 1, **numbers))
    log = st.toggle(text(lang, "descent.log"), key="log", bind="query-params")
    st.plotly_chart(
        figures.descent_figure(trajectory, samples, labels, log, presenting()), key="descent-chart"
    )


descent_page()
