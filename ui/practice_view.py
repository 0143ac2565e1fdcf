"""The practice page's drill box: the question, the answer form (read in the forms students
write), a score per problem and a streak, and the drill's hints, next step and worked solution,
revealed in that order (hint → next step → solution)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import streamlit as st
import sympy as sp

import mathcore as mc
from mathcore.diffsteps import DerivativeStep
from mathcore.drills import KINDS, SIGMA, Line, Walkthrough, check, read, walkthrough
from mathcore.limitsteps import LimitSteps
from mathcore.practice import Answer, Drill, Verdict, X
from ui import links
from ui.i18n import text
from ui.inputs import computed, length_note
from ui.limit_steps import limit_steps_markdown
from ui.messages import caret_line, input_error_message, tex
from ui.page import sync_query
from ui.steps import steps_markdown

OLD_KINDS = ("derivative", "limit", "critical")  # mathcore.practice's drills and their strings
# Points for a problem: solved on the first check, solved later; 0 once the solution is shown.
FIRST_TRY, LATER = Fraction(1), Fraction(1, 2)
MAX_ANSWER = 300  # characters, as a function box (``mathcore.parsing.MAX_LENGTH``)
DECIMAL_KINDS = ("gradient", "descent_step")  # numbers shown as decimals: η = 0.1, not 1/10


def progress() -> dict:
    """This session's problems (key → tries, points, ended, stage of what was revealed) and the
    streak of problems solved on the first check."""
    return st.session_state.setdefault("practice_progress", {"problems": {}, "streak": 0})


def _problem(key: str) -> dict:
    problems = progress()["problems"]
    return problems.setdefault(key, {"tries": 0, "points": None, "ended": False, "stage": 0})


def score_line() -> str:
    """Points over the problems tried (checked, or their solution shown): ``1.5 / 3``."""
    tried = [p for p in progress()["problems"].values() if p["tries"] or p["ended"]]
    total = sum((p["points"] or 0 for p in tried), Fraction(0))
    shown = str(total.numerator) if total.denominator == 1 else f"{float(total):g}"
    return f"{shown} / {len(tried)}"


def ended(d: Drill) -> bool:
    """Is the problem over (solved, or its solution shown)? Only then may the Python script,
    which works the answer out, be shown (a fresh pair of eyes: it gave the answer away)."""
    return _problem(d.key)["ended"]


def streak() -> int:
    return progress()["streak"]


def clear_answers() -> None:
    """Empty every answer box (a callback: new problems start blank, nothing revealed in the
    link either)."""
    for kind in KINDS:
        st.session_state[f"answer-{kind}"] = ""
    sync_query("reveal", None)


def kind_selector(lang: str) -> str:
    """The drill kind, bound to ``?drill=`` by its name (the labels are translated, so
    ``bind="query-params"``, which writes the label, would make a link depend on the language).
    """
    asked = st.query_params.get("drill")
    if asked in KINDS:
        st.session_state.drill = asked
    kind = st.selectbox(
        text(lang, "practice.drills.kind"),
        KINDS,
        format_func=lambda k: text(lang, f"practice.drills.kinds.{k}"),
        key="drill",
        on_change=_link_kind,
    )
    st.query_params["drill"] = kind
    return kind


def _link_kind() -> None:
    st.query_params["drill"] = st.session_state.drill
    clear_answers()


def question(lang: str, d: Drill) -> str:
    """The problem, in ``lang``."""
    if d.kind in OLD_KINDS:
        return text(
            lang, f"practice.ask_{d.kind}", expr=tex(lang, d.expr), point=tex(lang, d.point)
        )
    ask = f"practice.drills.ask.{d.kind}"
    values = {"expr": tex(lang, d.expr), "point": _point(lang, d)}
    if d.kind == "rules" and d.topic in ("sigmoid", "swish", "softplus"):
        ask = f"practice.drills.ask.{d.topic}"
        (power,) = d.expr.atoms(sp.exp)  # σ(u) = 1/(1 + e^(−u)); softplus ln(1 + e^u)
        values["u"] = tex(lang, power.args[0] if d.topic == "softplus" else -power.args[0])
    elif d.kind == "relu":
        values["c"] = tex(lang, d.point)
        values["expr"] = _relu_tex(lang, d)
    elif d.kind == "second_test":
        values["which"] = text(lang, f"practice.drills.ask.{d.topic}")
    elif d.kind in ("gradient", "descent_step"):
        names = ("x", "y", "w", "eta")[: len(d.params)]
        values.update({k: _tex(lang, v, True) for k, v in zip(names, d.params, strict=True)})
    return text(lang, ask, **values)


def _point(lang: str, d: Drill) -> str:
    point = tex(lang, d.point)
    if d.point is not None and d.point.is_finite and d.side != "both":
        point += "^{-}" if d.side == "left" else "^{+}"
    return point


def _relu_tex(lang: str, d: Drill) -> str:
    """f with ReLU(u) for max(0, u), as the question names it."""
    (relu,) = d.expr.atoms(sp.Max)
    inside = relu.args[1] if relu.args[0] == 0 else relu.args[0]
    rest = d.expr - relu
    shown = rf"\operatorname{{ReLU}}\left({tex(lang, inside)}\right)"
    if rest == 0:
        return shown
    sign = "-" if rest.could_extract_minus_sign() else "+"
    return f"{shown} {sign} {tex(lang, abs(rest) if rest.is_number else _positive(rest))}"


def _positive(expr):
    return -expr if expr.could_extract_minus_sign() else expr


def drill_box(lang: str, d: Drill) -> None:
    """The question, the answer form; on a check the verdict (scored while the problem is open)
    and its hint; then the reveal buttons and what they have revealed."""
    st.markdown(question(lang, d))
    source = _answer_form(lang, d.kind)
    answer = None if source is None else _read(lang, source, d.kind)
    verdict = None if answer is None else computed(lang, mc.run_bounded, check, d, answer)
    problem = _problem(d.key)
    if verdict is not None:
        counted = not problem["ended"]
        if counted:
            _score(problem, verdict.correct)
        _show_verdict(lang, d, answer, verdict)
        if not counted:
            st.caption(text(lang, "practice.counted_once"))
    _reveal(lang, d, problem)


def _score(problem: dict, correct: bool) -> None:
    state = progress()
    problem["tries"] += 1
    first = problem["tries"] == 1
    if correct:
        problem.update(points=FIRST_TRY if first else LATER, ended=True)
        state["streak"] = state["streak"] + 1 if first else 0
    else:
        problem["points"] = Fraction(0)
        state["streak"] = 0


def _answer_form(lang: str, kind: str) -> str | None:
    with st.form(f"form-{kind}"):
        answer = st.text_input(
            text(lang, "practice.answer"),
            key=f"answer-{kind}",
            max_chars=MAX_ANSWER,
            help=text(lang, "input.max_chars", limit=MAX_ANSWER),
            placeholder=text(lang, "practice.drills.relu_form") if kind == "relu" else None,
        )
        submitted = st.form_submit_button(text(lang, "practice.check"), key=f"check-{kind}")
    if submitted:
        length_note(lang, answer, MAX_ANSWER)
    return answer if submitted else None


def _read(lang: str, source: str, kind: str) -> Answer | None:
    """The answer, or ``None`` after saying (translated) what is wrong with it and where."""
    try:
        return read(source, kind)
    except mc.InputError as err:
        if err.code == "answer_form":
            table = "practice.form" if kind in OLD_KINDS else "practice.drills.form"
            st.error(text(lang, f"{table}.{kind}"), icon=":material/edit:")
        else:
            st.error(input_error_message(lang, err), icon=":material/error:")
        if err.position is not None:
            st.code(caret_line(source, err.position), language=None)
        return None


def _show_verdict(lang: str, d: Drill, answer: Answer, verdict: Verdict) -> None:
    if verdict.correct:
        st.success(text(lang, "practice.right", answer=f"${_solved(lang, d)}$"))
        return
    st.error(text(lang, "practice.wrong"))
    for wrong in verdict.wrong:  # one line per mistake, naming the term of f it concerns
        parts = {k: tex(lang, getattr(wrong, k)) for k in ("term", "expected", "given")}
        st.markdown("- " + text(lang, f"practice.mistake.{wrong.mistake}", **parts))
    if d.kind in ("limit", "critical") or verdict.hint == "wrong_y":
        values = {
            "point": d.point,
            "x": d.answer,
            "y": verdict.value,
            "given": answer.value,
        }
        shown = {k: tex(lang, v) for k, v in values.items() if v is not None}
        st.markdown(text(lang, f"practice.hint.{verdict.hint}", **shown))
    elif d.kind != "derivative" and verdict.hint:
        point = tex(lang, d.point)
        st.markdown(text(lang, f"practice.drills.verdict.{verdict.hint}", c=point, point=point))


def _solved(lang: str, d: Drill) -> str:
    """The answer in LaTeX, as the question asked for it."""
    if d.kind in ("derivative", "rules"):
        return f"f'(x) = {tex(lang, d.answer)}"
    if d.kind in ("critical", "second_test"):
        return f"x = {tex(lang, d.answer)}"
    if d.kind == "relu":
        left, right, _ = (tex(lang, v) for v in d.answer)
        undefined = text(lang, "practice.no_limit")
        return rf"{left};\ {right};\ \text{{{undefined}}}"
    if d.kind == "gradient":
        return rf"\frac{{dL}}{{dw}} = {_tex(lang, d.answer, True)}"
    if d.kind == "descent_step":
        return f"w = {_tex(lang, d.answer, True)}"
    if d.answer is None:
        return rf"\text{{{text(lang, 'practice.no_limit')}}}"
    return tex(lang, d.answer)


@st.cache_data(max_entries=256, show_spinner=False)
def _walk(key: str, _d: Drill) -> Walkthrough:
    """The drill's walkthrough, once per problem (``key``), in one bounded call."""
    return mc.run_bounded(walkthrough, _d)


def _reveal(lang: str, d: Drill, problem: dict) -> None:
    """Hint, Next step, Solution buttons (each enabled in turn) and what they revealed; what
    was revealed is in the link (``?reveal=hint``, ``hint-2``, ``step``, ``solution``), and a
    link opens on it (a solution linked ends the problem with 0 points, as the button does)."""
    linked = st.query_params.get("reveal", "").strip().lower()
    walk = computed(lang, _walk, d.key, d) if problem["stage"] or linked else None
    if (problem["stage"] or linked) and walk is None:
        return
    hints = len(walk.hints) if walk else 1
    if walk is not None:
        _follow_link(d.key, linked, hints)
    stage = problem["stage"]
    _link_reveal(stage, hints)
    row = st.container(horizontal=True)
    row.button(
        text(lang, "practice.drills.hint_button"),
        key=f"hint-{d.kind}",
        on_click=_advance,
        args=(d.key, stage + 1),
        disabled=stage >= hints,
        icon=":material/lightbulb:",
    )
    row.button(
        text(lang, "practice.drills.step_button"),
        key=f"step-{d.kind}",
        on_click=_advance,
        args=(d.key, hints + 1),
        disabled=not 1 <= stage <= hints,
        icon=":material/footprint:",
    )
    row.button(
        text(lang, "practice.drills.solution_button"),
        key=f"solve-{d.kind}",
        on_click=_show_solution,
        args=(d.key, hints + 2),
        disabled=stage != hints + 1,
        icon=":material/menu_book:",
    )
    if walk is None:
        return
    decimals = d.kind in DECIMAL_KINDS
    for n, line in enumerate(walk.hints[: min(stage, hints)], 1):
        st.info(f"**{text(lang, 'practice.drills.hint_title', n=n)}.** " + _line(lang, line))
    if stage > hints:
        st.markdown(f"**{text(lang, 'practice.drills.step_title')}**")
        st.markdown(parts_markdown(lang, walk.step, decimals))
    if stage > hints + 1:
        st.markdown(f"**{text(lang, 'practice.drills.solution_title')}**")
        st.markdown(parts_markdown(lang, walk.solution, decimals))
        if problem["points"] != FIRST_TRY and problem["points"] != LATER:
            st.caption(text(lang, "practice.drills.ended"))


def _follow_link(key: str, linked: str, hints: int) -> None:
    """Reveal what ``?reveal=`` names for the problem ``key`` (with ``hints`` hints): ``hint``,
    ``hint-k`` (k past the last: all), ``step`` or ``solution``; anything else: nothing more."""
    count = linked.removeprefix("hint-")
    if linked == "hint":
        _advance(key, 1)
    elif linked.startswith("hint-") and count.isdecimal() and int(count[:6]) > 0:
        _advance(key, min(int(count[:6]), hints))
    elif linked == "step":
        _advance(key, hints + 1)
    elif linked == "solution":
        _show_solution(key, hints + 2)
    elif linked:
        links.refused("reveal", linked)


def _link_reveal(stage: int, hints: int) -> None:
    """Write what is revealed (``stage`` of a problem with ``hints`` hints) into the link."""
    names = {0: None, 1: "hint", hints + 1: "step", hints + 2: "solution"}
    sync_query("reveal", names.get(stage, f"hint-{stage}"))


def _advance(key: str, stage: int) -> None:
    """Reveal up to ``stage`` (a hint, or the next step): free."""
    problem = _problem(key)
    problem["stage"] = max(problem["stage"], stage)


def _show_solution(key: str, stage: int) -> None:
    """Reveal the solution: a problem not solved yet ends with 0 points, and the streak too."""
    _advance(key, stage)
    problem = _problem(key)
    if not problem["ended"]:
        problem.update(points=Fraction(0), ended=True)
        progress()["streak"] = 0


def parts_markdown(lang: str, parts, decimals: bool = False) -> str:
    """Lines, derivative trees and limit derivations as Markdown in ``lang`` (the Lines'
    numbers as decimals where they have a finite one, if ``decimals``)."""
    out = []
    for part in parts:
        if isinstance(part, Line):
            out.append(_line(lang, part, decimals))
        elif isinstance(part, DerivativeStep):
            out.append(steps_markdown(part, lang))
        elif isinstance(part, LimitSteps):
            out.append(limit_steps_markdown(part, lang))
    return "\n\n".join(out)


def _line(lang: str, line: Line, decimals: bool = False) -> str:
    return text(lang, line.key, **{k: _tex(lang, v, decimals) for k, v in line.values})


def _tex(lang: str, value, decimals: bool = False) -> str:
    """``value`` in LaTeX; a fraction such as 3/20 as 0.15 if ``decimals``; σ as σ."""
    if decimals and isinstance(value, sp.Rational) and _finite_decimal(value.q):
        return str(Decimal(int(value.p)) / Decimal(int(value.q)))
    if isinstance(value, sp.Basic) and value.has(SIGMA):
        return sp.latex(value.subs(X, sp.Symbol("x")))  # σ(kx): SymPy writes \sigma{\left(…\right)}
    return tex(lang, value)


def _finite_decimal(q: int) -> bool:
    """Does 1/q have a finite decimal expansion (q = 2ᵃ5ᵇ)?"""
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1
