"""Loss and gradient descent: L(w) = (wx − y)², dL/dw, the steps, and when η is too large."""

import math
from contextlib import nullcontext

import streamlit as st

from ui import code_view, compute, lesson
from ui import descent_parts as parts
from ui import descent_words as words
from ui.charts import descent as charts
from ui.i18n import text
from ui.inputs import computed
from ui.links import checked
from ui.messages import tex
from ui.page import chart, header, inputs_area, presenting, setup_page
from ui.ranges import bounded_number
from ui.steps import steps_markdown
from ui.tables import plain_number, tex_number

LABELS = ("loss", "steps", "iteration", "iteration_loss")
BOUNDS = (-100.0, 100.0)  # x and y: 1/x² and the loss stay ordinary floats
MAX_STEPS = 100
TINY_X = 1e-3  # below this (but not 0) 1/x², the η grid's scale, is too large to draw


@checked
def descent_page() -> None:
    lang = setup_page("nav.descent")
    header(lang, "descent")
    with inputs_area(lang):
        own, usable = parts.loss_box(lang)  # ?loss= empty or absent: the seed loss (wx − y)²
        if not own:
            x, y = (  # bounds said in lang, above the folded inputs when projecting
                bounded_number(lang, col, key, text(lang, f"descent.{key}"), value, 0.5, *BOUNDS)
                for col, key, value in zip(st.columns(2), "xy", (2.0, 4.0), strict=True)
            )
    if own and usable:
        parts.own_loss(lang, own)
    elif not own:
        descent(lang, usable_x(lang, float(x)), float(y))
        tree = computed(lang, compute.descent_steps)
        title, opened = text(lang, "descent.derivation"), not presenting()  # ?derivation=
        with st.expander(title, expanded=opened, key="derivation", bind="query-params"):
            st.markdown(steps_markdown(tree, lang))
    st.page_link("pages/backprop.py", label=text(lang, "descent.next"), icon=":material/hub:")


def usable_x(lang: str, x: float) -> float:
    """x, or ±0.001 with a note when nearer 0 than that (x = 0 is allowed: L = y² then)."""
    if x == 0 or abs(x) >= TINY_X:
        return x
    used = math.copysign(TINY_X, x)
    st.info(
        text(lang, "descent.x_tiny", old=plain_number(x, 3), used=tex_number(used)),
        icon=":material/info:",
    )
    return used


@lesson.fragment
def descent(lang: str, x: float, y: float) -> None:
    """The start and the number of steps (server sliders), and the chart whose own sliders
    choose η and the step in the browser: the only part that reruns on a move."""
    formula = st.container()
    cols = st.columns(2)
    w0 = cols[0].slider(
        text(lang, "descent.w0"), -5.0, 5.0, value=0.0, step=0.1, key="w0", bind="query-params"
    )
    steps = cols[1].slider(
        text(lang, "descent.steps"), 1, MAX_STEPS, value=30, key="steps", bind="query-params"
    )
    lr = opening_lr(lang, x)
    analysis = compute.descent(x, y, float(w0), int(steps), lr)
    formula.latex(rf"L(w) = (wx - y)^2 = {tex(lang, analysis.loss)}")
    if x:
        stable, half = map(tex_number, (analysis.stable_lr, analysis.oscillation_lr))
        st.markdown(text(lang, "descent.threshold", stable=stable, half=half))
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    rates = analysis.learning_rates
    captions = {rate: words.caption(lang, analysis, i) for i, rate in enumerate(rates)}
    i = analysis.index(lr)
    # projector mode: the chart first (in view under the formula), its log switch below it
    spot = st.container() if presenting() else nullcontext()
    log = st.toggle(text(lang, "descent.log"), key="log", bind="query-params")
    with spot:
        alt = text(lang, "a11y.descent", n=len(captions), lr=plain_number(lr, 6))
        chart(
            charts.descent_figure(analysis, lr, labels, captions, log, presenting()),
            f"{alt} {words.final(lang, analysis, i)}",
            key="descent-chart",
        )
        st.caption(text(lang, "descent.drag"))
    scale, said = analysis.stable_lr or 1.0, lambda j: captions[rates[j]]
    parts.comparison(lang, analysis, scale, said, "descent.word")
    with st.expander(text(lang, "descent.table"), key="table", bind="query-params"):
        st.markdown(words.rate_table(lang, analysis))
    code_view.descent(lang, analysis, lr)


def opening_lr(lang: str, x: float) -> float:
    """The η the chart opens on: a link's ``?lr=`` when it is in this x's range 0 … 1.5/x²
    (else, said once, dropped from the link), or min(0.05, 1/(4x²)): |1 − 2ηx²| ≤ 1/2."""
    scale = 1 / x**2 if x else 1.0
    default = min(0.05, float(f"{scale / 4:.3g}"))
    try:
        linked = float(st.query_params.get("lr", default))
    except ValueError:
        linked = -1.0
    if 0 <= linked <= 1.5 * scale:
        return linked
    old, high, new = st.query_params.get("lr"), plain_number(1.5 * scale), plain_number(default)
    st.info(text(lang, "descent.lr_link", old=old, high=high, new=new), icon=":material/info:")
    del st.query_params["lr"]
    return default


descent_page()
