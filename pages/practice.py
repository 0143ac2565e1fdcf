"""Practice: derivative, limit and critical-point drills, checked by equivalence, with a score."""

import streamlit as st
import sympy as sp

from mathcore import parse_expression, parse_point
from mathcore.practice import (
    LEVELS,
    X,
    check_derivative,
    check_value,
    critical_drill,
    limit_drill,
    polynomial_drill,
)
from ui.i18n import text
from ui.inputs import read
from ui.page import header, setup_page


def practice_page() -> None:
    lang = setup_page("nav.practice")
    header(lang, "practice")
    score = st.session_state.setdefault("score", {"right": 0, "tries": 0})
    cols = st.columns([1, 2, 1, 1], vertical_alignment="bottom")
    seed = cols[0].number_input(
        text(lang, "practice.seed"), min_value=1, value=1, step=1, key="seed", bind="query-params"
    )
    level = cols[1].segmented_control(
        text(lang, "practice.level"),
        LEVELS,
        default=1,
        key="level",
        bind="query-params",
        required=True,
    )
    cols[2].button(text(lang, "practice.new"), on_click=_next, key="new")
    score_slot = cols[3].empty()  # filled last, after this run's answer is scored
    derivative_tab, limit_tab, critical_tab = st.tabs(
        [text(lang, f"practice.tab_{k}") for k in ("derivative", "limit", "critical")]
    )
    with derivative_tab:
        derivative_drill(lang, polynomial_drill(int(seed), int(level)))
    with limit_tab:
        drill = limit_drill(int(seed))
        value_drill(
            lang,
            drill,
            text(
                lang, "practice.ask_limit", point=sp.latex(drill.point), expr=sp.latex(drill.expr)
            ),
        )
    with critical_tab:
        drill = critical_drill(int(seed))
        value_drill(lang, drill, text(lang, "practice.ask_critical", expr=sp.latex(drill.expr)))
    score_slot.metric(text(lang, "practice.score"), f"{score['right']} / {score['tries']}")


def derivative_drill(lang: str, drill) -> None:
    st.markdown(text(lang, "practice.ask_derivative", expr=sp.latex(drill.expr)))
    answer = _answer_form(lang, "derivative")
    if answer is None:
        return
    given = read(lang, answer, parse_expression)
    if given is None:
        return
    feedback = check_derivative(drill.expr, given, X)
    if _scored(lang, feedback.correct, rf"$f'(x) = {sp.latex(drill.answer)}$"):
        return
    for wrong in feedback.wrong:  # one line per mistake, naming the term of f it concerns
        parts = {k: sp.latex(getattr(wrong, k)) for k in ("term", "expected", "given")}
        st.markdown("- " + text(lang, f"practice.mistake.{wrong.mistake}", **parts))


def value_drill(lang: str, drill, question: str) -> None:
    st.markdown(question)
    answer = _answer_form(lang, drill.kind)
    if answer is None:
        return
    given = read(lang, answer, parse_point)
    if given is not None and not _scored(
        lang, check_value(drill, given), f"${sp.latex(drill.answer)}$"
    ):
        st.markdown(text(lang, "practice.wrong_value"))


def _answer_form(lang: str, kind: str) -> str | None:
    with st.form(f"form-{kind}"):
        answer = st.text_input(text(lang, "practice.answer"), key=f"answer-{kind}", max_chars=300)
        submitted = st.form_submit_button(text(lang, "practice.check"), key=f"check-{kind}")
    return answer if submitted else None


def _scored(lang: str, correct: bool, solution: str) -> bool:
    score = st.session_state.score
    score["tries"] += 1
    score["right"] += int(correct)
    if correct:
        st.success(text(lang, "practice.right", answer=solution))
    else:
        st.error(text(lang, "practice.wrong"))
    return correct


def _next() -> None:
    st.session_state.seed = int(st.session_state.seed) + 1


practice_page()
