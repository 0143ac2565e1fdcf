"""Loss and gradient descent: L(w) = (wx − y)², dL/dw, the steps, and when η is too large."""

import math
from contextlib import nullcontext

import streamlit as st

from mathcore.optimization import descent_advice
from ui import compute, figures
from ui.i18n import text
from ui.inputs import computed, decimals, kept_eta, slider_default
from ui.messages import descent_box, tex
from ui.page import chart, header, inputs_area, presenting, setup_page
from ui.ranges import bounded_number
from ui.steps import steps_markdown
from ui.tables import plain_number, tex_number

LABELS = ("loss", "steps", "tangent", "iteration", "iteration_loss")
BOUNDS = (-100.0, 100.0)  # x and y: 1/x² and the loss stay ordinary floats
MAX_STEPS = 100
TINY_X = 1e-3  # below this (but not 0) 1/x², the slider's scale, is too large to draw


def descent_page() -> None:
    lang = setup_page("nav.descent")
    header(lang, "descent")
    with inputs_area(lang):
        x, y = (  # bounds said in lang, above the folded inputs when projecting
            bounded_number(lang, column, key, text(lang, f"descent.{key}"), value, 0.5, *BOUNDS)
            for column, key, value in zip(st.columns(2), "xy", (2.0, 4.0), strict=True)
        )
    x = usable_x(lang, float(x))
    st.latex(rf"L(w) = (wx - y)^2 = {tex(lang, compute.descent_loss(x, float(y)))}")
    sliders(lang, x, float(y))
    tree = computed(lang, compute.descent_steps)
    with st.expander(text(lang, "descent.derivation"), expanded=not presenting()):
        st.markdown(steps_markdown(tree, lang))
    st.page_link("pages/backprop.py", label=text(lang, "descent.next"), icon=":material/hub:")


def usable_x(lang: str, x: float) -> float:
    """x itself, or ±0.001 with a note when it is nearer 0 than that (x = 0 is allowed: L = y²
    does not depend on w, and the verdict says so)."""
    if x == 0 or abs(x) >= TINY_X:
        return x
    used = math.copysign(TINY_X, x)
    st.info(
        text(lang, "descent.x_tiny", old=plain_number(x, 3), used=tex_number(used)),
        icon=":material/info:",
    )
    return used


@st.fragment
def sliders(lang: str, x: float, y: float) -> None:
    """Everything a slider changes, and nothing else: the only part that reruns on a move."""
    stable = 1 / x**2 if x else 1.0  # with x = 0 any η leaves w where it is
    high = float(f"{1.5 * stable:.3g}")
    # a new x may pull the end below the student's η
    moved = kept_eta("lr", high, stable, "descent")
    step = round(stable / 100, 6)
    cols = st.columns(3)
    lr = cols[0].slider(
        text(lang, "descent.lr"),
        0.0,
        high,
        value=slider_default("lr", min(0.05, float(f"{stable / 4:.3g}"))),  # |1 − 2ηx²| ≤ 1/2
        step=step,
        format=decimals(step),
        key="lr",
        bind="query-params",
    )
    w0 = cols[1].slider(
        text(lang, "descent.w0"), -5.0, 5.0, value=0.0, step=0.1, key="w0", bind="query-params"
    )
    steps = cols[2].slider(
        text(lang, "descent.steps"), 1, MAX_STEPS, value=30, key="steps", bind="query-params"
    )
    if moved:
        old, new = map(plain_number, moved[:2])
        numbers = {"x": tex_number(x), "high": plain_number(high)}
        note = text(lang, "descent.lr_moved", old=old, new=new, **numbers)
        if moved[2]:  # rescaled, not stopped at the end
            note += " " + text(lang, "descent.lr_same", product=tex_number(moved[1] * x * x))
        st.info(note, icon=":material/info:")
    limits = {"stable": tex_number(stable), "half": tex_number(stable / 2)}
    if x:
        st.markdown(text(lang, "descent.threshold", **limits))
    trajectory, verdict, samples = compute.descent_view(x, y, float(lr), float(w0), int(steps))
    factor = contraction(trajectory.contraction or 0.0, 2 * float(lr) * x * x)
    message = text(lang, f"descent.verdict.{verdict}", factor=factor)
    if verdict == "slow":  # only advice that helps from these settings
        tips = descent_advice(
            trajectory, compute.descent_loss(x, y), [compute.W], steps < MAX_STEPS
        )
        message = " ".join([message, *(text(lang, f"descent.advice.{t}", **limits) for t in tips)])
    descent_box(verdict)(message)
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    final = (trajectory.points[-1, 0], trajectory.losses[-1], y / x if x else 0.0)
    numbers = dict(zip(("w", "loss", "best"), map(tex_number, final), strict=True))
    key = "descent.final" if x else "descent.final_flat"  # x = 0: no one best w
    done = len(trajectory.losses) - 1
    st.markdown(text(lang, key, count=done, **numbers))
    if done < steps:  # the run was cut off: the loss blew up
        st.markdown(text(lang, "descent.stopped", done=done, asked=steps))
    # projector mode: the chart first (in view under the verdict), its log switch below it
    spot = st.container() if presenting() else nullcontext()
    log = st.toggle(text(lang, "descent.log"), key="log", bind="query-params")
    with spot:
        chart(
            figures.descent_figure(trajectory, samples, labels, log, presenting()),
            text(lang, "a11y.descent", count=len(trajectory.losses) - 1, w=numbers["w"]),
            key="descent-chart",
        )


def contraction(factor: float, gap: float) -> str:
    """|1 − 2ηx²| to 6 digits, or as many as it takes not to read 1 when it is not 1 (``gap``
    = 2ηx², written out when even 15 digits read 1)."""
    shown = plain_number(factor, 6)
    if shown == "1" and factor != 1:
        shown = plain_number(factor, 15)
    return f"1 − {plain_number(gap, 3)}" if shown == "1" and 0 < gap < 1e-6 else shown


descent_page()
