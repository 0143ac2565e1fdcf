"""The parts of /gradient-descent beyond the seed loss (wx − y)²: the box for a loss of one's
own, L(w), with its presets; that loss's view (the sliders, the chart whose own sliders pick η
and the step, which minimum each η reaches); and two or three η compared on one chart."""

from __future__ import annotations

import streamlit as st

from mathcore import parse_expression
from ui import code_view, compute, lesson
from ui import descent_words as words
from ui.charts import descent as charts
from ui.charts.kit import COLORS, points
from ui.i18n import text
from ui.inputs import computed, length_note, presets, read
from ui.messages import tex
from ui.page import chart, echo_area, presenting
from ui.tables import plain_number

OWN = "descent.own"
LABELS = ("loss", "steps", "iteration", "iteration_loss")
PRESETS = [  # the seed loss (an empty box), two minima, a bowl
    (f"{OWN}.preset.seed", {"loss": ""}),
    (f"{OWN}.preset.nonconvex", {"loss": "w^4 - 3w^2 + w"}),
    (f"{OWN}.preset.bowl", {"loss": "w^2"}),
]
MAX_CHARS = 300
COMPARED = (0.25, 2 ** (-1 / 4), 2 ** (1 / 8))  # the default η to compare, × the grid's scale


def loss_box(lang: str) -> tuple[str, bool]:
    """The presets and the box for L(w), bound to ``?loss=`` (empty: the seed loss). Returns
    the text and whether it can be used (empty, or parsed in the one variable w)."""
    presets(lang, PRESETS)
    source = st.text_input(
        text(lang, f"{OWN}.loss"),
        value="",
        key="loss",
        bind="query-params",
        placeholder=text(lang, f"{OWN}.placeholder"),
        help=f"{text(lang, f'{OWN}.loss_help')}\n\n"
        + text(lang, "input.max_chars", limit=MAX_CHARS),
        max_chars=MAX_CHARS,
    ).strip()
    length_note(lang, source, MAX_CHARS)
    if not source:
        return "", True
    expr = read(lang, source, lambda s: parse_expression(s, ("w",)))
    if expr is not None:
        echo_area().latex(f"L(w) = {tex(lang, expr)}")
    return source, expr is not None


@lesson.fragment
def own_loss(lang: str, source: str) -> None:
    """The typed loss's view: w₀ and the steps (server sliders, the seed page's keys), one
    bounded analysis, what L's critical points are, the chart whose own sliders choose η and
    the step in the browser, the opening η's verdict, the comparison and the table."""
    cols = st.columns(2)
    w0 = cols[0].slider(
        text(lang, "descent.w0"), -5.0, 5.0, value=0.0, step=0.1, key="w0", bind="query-params"
    )
    steps = cols[1].slider(
        text(lang, "descent.steps"), 1, 100, value=30, key="steps", bind="query-params"
    )
    linked = _linked_lr()
    analysis = computed(lang, compute.loss_descent, source, float(w0), int(steps), linked)
    if analysis is None:
        return
    st.latex(rf"L'(w) = {tex(lang, analysis.derivative)}")
    st.markdown(text(lang, f"{OWN}.derivative"))
    for sentence in words.critical_summary(lang, analysis):
        st.markdown(sentence)
    lr = _opening_lr(lang, analysis, linked)
    i = analysis.index(lr)
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    rates = analysis.learning_rates
    captions = {rate: words.own_caption(lang, analysis, j) for j, rate in enumerate(rates)}
    alt = text(lang, "a11y.descent", n=len(rates), lr=plain_number(lr, 6))
    tangents = text(lang, f"{OWN}.tangents")
    figure = charts.descent_figure(
        analysis, lr, labels, captions, False, presenting(), tangents, _marks(lang, analysis)
    )
    chart(figure, f"{alt} {words.own_verdict(lang, analysis, i)}", key="descent-chart")
    st.caption(text(lang, "descent.drag"))
    st.markdown(words.own_verdict(lang, analysis, i))
    comparison(lang, analysis, analysis.scale, lambda j: words.own_caption(lang, analysis, j))
    with st.expander(text(lang, "descent.table"), key="table", bind="query-params"):
        st.markdown(words.own_table(lang, analysis))
    code_view.own_loss(lang, analysis, lr)


def _marks(lang: str, analysis) -> tuple[dict, ...]:
    """L's minima and maxima on the chart: the global minimum (a star), the other local minima
    and the local maxima (open and filled circles), each named in the legend."""
    groups = {
        "global": ([p for p in analysis.minima if p.lowest], "star", f"{OWN}.global_mark"),
        "local": ([p for p in analysis.minima if not p.lowest], "circle-open", "fig.local_min"),
        "max": ([p for p in analysis.points if p.kind == "local_max"], "circle", "fig.local_max"),
    }
    # not the steps' orange (COLORS["right"]): a maximum is no step (a fresh pair of eyes)
    colours = {"global": COLORS["tangent"], "local": COLORS["left"], "max": COLORS["secant"]}
    marks = []
    for name, (found, symbol, key) in groups.items():
        if found:
            mark = points([p.w for p in found], [p.loss for p in found], text(lang, key), "")
            mark["marker"] = {"color": colours[name], "symbol": symbol, "size": 14}
            marks.append(mark)
    return tuple(marks)


def _linked_lr() -> float | None:
    """A link's ``?lr=`` as a number ≥ 0, else ``None``."""
    try:
        value = float(st.query_params.get("lr", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _opening_lr(lang: str, analysis, linked: float | None) -> float:
    """The η the chart opens on: the link's when the grid holds it (else, said once, dropped
    from the link), or the grid's η nearest scale/4, where |1 − ηL″| = 1/2 at the sharpest
    minimum (the seed page's 1/(4x²))."""
    rates = analysis.learning_rates
    default = min(rates, key=lambda r: abs(r - analysis.scale / 4))
    if linked is None or linked in rates:
        return default if linked is None else linked
    old, high = st.query_params.get("lr"), plain_number(rates[-1], 6)
    new = plain_number(default, 6)
    st.info(text(lang, f"{OWN}.lr_link", old=old, high=high, new=new), icon=":material/info:")
    del st.query_params["lr"]
    return default


def comparison(lang: str, analysis, scale: float, caption, verdicts: str = f"{OWN}.word") -> None:
    """A switch (``?compare=``) and a choice of two or three η from the chart's grid
    (``?compare_lr=``); then their runs on one chart, told apart by colour, dash and marker,
    the steps played in the browser. ``caption(i)`` is the i-th η's verdict and where it goes
    (plain text), ``verdicts`` the catalog table of the verdicts' names."""
    if not st.toggle(text(lang, f"{OWN}.compare"), key="compare", bind="query-params"):
        return
    rates = analysis.learning_rates
    options = [plain_number(r, 6) for r in rates]
    picks = {min(rates, key=lambda r, t=t: abs(r - t * scale)) for t in COMPARED}
    default = [options[rates.index(r)] for r in sorted(picks)]
    linked = st.query_params.get_all("compare_lr")
    if len(linked) == 1 and "," in linked[0] and "compare_lr" not in st.session_state:
        picked = [v.strip() for v in linked[0].split(",")]  # compare_lr=0.035,0.198: typed
        st.session_state["compare_lr"] = [v for v in picked if v in options][:3]
    before = st.session_state.get("compare_lr")
    if before and not set(before) <= set(options):
        st.session_state["compare_lr"] = default  # a new loss or x: a new grid, a fresh pick
    chosen = st.multiselect(
        text(lang, f"{OWN}.compare_pick"),
        options,
        default=None if "compare_lr" in st.session_state else default,
        max_selections=3,
        key="compare_lr",
        bind="query-params",
    )
    if len(chosen) < 2:
        st.info(text(lang, f"{OWN}.compare_few"), icon=":material/info:")
        return
    indices = sorted(options.index(c) for c in chosen)
    names = [
        f"η = {options[i]}: " + text(lang, f"{verdicts}.{analysis.verdicts[i]}") for i in indices
    ]
    labels = {key: text(lang, f"fig.{key}") for key in LABELS}
    title = text(lang, f"{OWN}.compare_title", w0=plain_number(analysis.w0))
    verdicts = " ".join(caption(i).replace("<br>", " ") + "." for i in indices)
    chart(
        charts.comparison_figure(analysis, indices, names, labels, title, presenting()),
        text(lang, f"{OWN}.a11y", n=len(indices), verdicts=verdicts),
        key="compare-chart",
    )
    st.caption(text(lang, f"{OWN}.compare_drag"))
