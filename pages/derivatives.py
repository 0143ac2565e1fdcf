"""Derivatives: secant → tangent as h → 0, the difference quotient, rules and steps."""

import streamlit as st
import sympy as sp

from mathcore import latex
from ui import compute, figures
from ui.i18n import text
from ui.inputs import analysed_at_point
from ui.messages import differentiability, tex
from ui.page import chart, header, presenting, setup_page
from ui.steps import steps_markdown
from ui.tables import markdown_table, plain_number, tex_number

RULE_TABLE = [  # (rule in LaTeX, a function to try it on)
    (r"\frac{d}{dx} x^n = n x^{n-1}", "x^3"),
    (r"\frac{d}{dx} \sin x = \cos x", "sin x"),
    (r"\frac{d}{dx} \cos x = -\sin x", "cos x"),
    (r"\frac{d}{dx} e^x = e^x", "e^x"),
    (r"\frac{d}{dx} \ln x = \frac{1}{x}", "ln x"),
]
LABELS = ("f", "secant", "points", "tangent", "derivative")


def derivatives_page() -> None:
    lang = setup_page("nav.derivatives")
    header(lang, "derivatives")
    view = analysed_at_point(lang, [], "x^2", "1", compute.derivative_view)
    if view is None:
        return
    point, value, d1, tangent, steps, slopes, (f_samples, d_samples), slope_limit, smooth = view
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    a_tex = tex(lang, point)
    st.latex(rf"f'(x) = {tex(lang, d1)}")
    if presenting():  # the verdict above the chart: the class sees it without scrolling
        side, graph = st.container(), st.container()
    else:
        graph, side = st.columns([3, 2])
    with graph:
        secant_graph(lang, point, value, slopes, tangent, f_samples, labels)
    with side:
        if tangent is not None:
            st.success(
                text(
                    lang,
                    "derivatives.tangent",
                    a=a_tex,
                    slope=_exact(tangent.slope),
                    equation=_line(tangent.slope, tangent.intercept),
                )
            )
        else:
            differentiability(lang, smooth, a_tex)
            if value != value:  # nan: f(a) does not exist, yet f′ and f still hold elsewhere
                st.caption(text(lang, "derivatives.no_value"))
        if slope_limit is not None and slope_limit.verdict == "oscillates":
            st.info(text(lang, "derivatives.derivative_oscillates", a=a_tex))
    quotient_table(lang, slopes, tangent)
    st.header(text(lang, "derivatives.both"))
    chart(
        figures.function_and_derivative(f_samples, d_samples, labels, presenting()),
        text(lang, "a11y.both"),
        key="both-chart",
    )
    with st.expander(text(lang, "derivatives.steps"), expanded=not presenting()):
        st.markdown(steps_markdown(steps, lang) if steps else text(lang, "derivatives.no_steps"))
    rule_table(lang)


def secant_graph(lang, point, value, slopes, tangent, f_samples, labels) -> None:
    """The secant chart; its own slider is the one h control (frames in the browser). An old
    lesson link's ``?h=`` picks the h it opens on."""
    captions = {
        h: text(lang, "derivatives.frame", h=plain_number(h, 6), slope=plain_number(q, 10))
        if q == q  # nan: f(a + h) does not exist
        else text(lang, "derivatives.frame_none", h=plain_number(h, 6))
        for h, q in slopes.items()
        if h > 0
    }
    drawn = "none" if value != value else "tangent" if tangent is not None else "secant"
    chart(  # the words name only what is drawn: no secant without f(a), no tangent without f′(a)
        figures.secant_figure(
            point, value, slopes, tangent, f_samples, labels, linked_h(), captions, presenting()
        ),
        text(lang, f"a11y.secant_{drawn}", a=tex(lang, point)),
        key="secant-chart",
    )
    if drawn != "none":
        st.caption(text(lang, f"derivatives.drag_{drawn}"))


def linked_h() -> float:
    """The h of a link's ``?h=`` when it is one of the chart's steps, else 1."""
    try:
        h = float(st.query_params.get("h", "1"))
    except ValueError:
        return 1.0
    return h if h in compute.H_VALUES else 1.0


def quotient_table(lang: str, slopes: dict, tangent) -> None:
    """Right (h > 0) and left (−h) difference quotients; at a kink the two columns disagree."""
    st.markdown(f"**{text(lang, 'derivatives.table')}**")
    steps = [h for h in slopes if h > 0]
    rows = {
        text(lang, "derivatives.col_h"): steps,
        text(lang, "derivatives.col_right"): [slopes[h] for h in steps],
        text(lang, "derivatives.col_left"): [slopes[-h] for h in steps],
    }
    if tangent is not None:
        rows[text(lang, "derivatives.col_error")] = [
            slopes[h] - float(tangent.slope) for h in steps
        ]
    st.markdown(markdown_table(rows, digits=8))


def rule_table(lang: str) -> None:
    st.header(text(lang, "derivatives.rules"))
    for rule, example in RULE_TABLE:
        formula, button = st.columns([5, 1], vertical_alignment="center")
        formula.latex(rule)
        button.button(
            text(lang, "derivatives.try"), key=f"try-{example}", on_click=_try, args=(example,)
        )


def _try(example: str) -> None:
    st.session_state.f = example
    st.session_state.a = "1"


def _exact(value: sp.Expr) -> str:
    """Exact LaTeX, with a decimal when it is not a plain fraction: cos 1 + 2 sin 1 ≈ 2.223."""
    if value.is_Rational:
        return latex(value)
    return rf"{latex(value)} \approx {tex_number(float(value))}"


def _line(slope: sp.Expr, intercept: sp.Expr) -> str:
    """y = mx + b, exact for rational coefficients, else to 4 significant digits."""
    x = sp.Symbol("x", real=True)
    if slope.is_Rational and intercept.is_Rational:
        return latex(slope * x + intercept)
    m, b = (float(v) for v in (slope, intercept))  # a whole number reads 1, not 1.0
    m, b = (int(v) if v == int(v) else sp.Float(v, 4) for v in (m, b))
    return latex(m * x + b)


derivatives_page()
