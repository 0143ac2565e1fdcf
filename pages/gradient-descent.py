"""Loss and gradient descent: L(w) = (wx − y)², dL/dw, the steps, and when η is too large."""

import streamlit as st
import sympy as sp

from ui import compute, figures
from ui.i18n import text
from ui.inputs import computed
from ui.page import header, inputs_area, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import tex_number

VERDICT_BOX = {"converges": st.success, "oscillates": st.info, "slow": st.info}
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
    x = float(x) or 0.5  # with x = 0 the loss does not depend on w
    st.latex(rf"L(w) = (wx - y)^2 = {sp.latex(compute.descent_loss(x, float(y)))}")
    sliders(lang, x, float(y))
    tree = computed(lang, compute.descent_steps)
    with st.expander(text(lang, "descent.derivation"), expanded=not presenting()):
        st.markdown(steps_markdown(tree, lang))
    st.page_link("pages/backprop.py", label=text(lang, "descent.next"), icon=":material/hub:")


@st.fragment
def sliders(lang: str, x: float, y: float) -> None:
    """Everything a slider changes, and nothing else: the only part that reruns on a move."""
    stable, half = 1 / x**2, 1 / (2 * x**2)
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
    st.markdown(text(lang, "descent.threshold", stable=f"{stable:.4g}", half=f"{half:.4g}"))
    trajectory, verdict, samples = compute.descent_view(x, y, float(lr), float(w0), int(steps))
    VERDICT_BOX.get(verdict, st.error)(text(lang, f"descent.verdict.{verdict}"))
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    st.markdown(
        text(
            lang,
            "descent.final",
            steps=len(trajectory.losses) - 1,
            w=tex_number(trajectory.points[-1, 0]),
            loss=tex_number(trajectory.losses[-1]),
            best=tex_number(y / x),
        )
    )
    log = st.toggle(text(lang, "descent.log"), key="log", bind="query-params")
    st.plotly_chart(
        figures.descent_figure(trajectory, samples, labels, log, presenting()), key="descent-chart"
    )


descent_page()
