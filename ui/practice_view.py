"""The practice page's drill box: the answer form, reading the answer in the forms students
write, one score per problem, the drill's own hints and the worked solution after a wrong try."""

from __future__ import annotations

import streamlit as st

import mathcore as mc
from mathcore.practice import (
    Answer,
    CriticalSolution,
    Drill,
    LimitSolution,
    Verdict,
    check_answer,
    read_answer,
    solution,
)
from ui.i18n import text
from ui.inputs import computed, length_note
from ui.messages import caret_line, input_error_message, tex
from ui.steps import steps_markdown

KINDS = ("derivative", "limit", "critical")


def progress() -> dict:
    """This session's first verdict per problem (the score) and the problems missed once."""
    return st.session_state.setdefault("practice_progress", {"first": {}, "missed": set()})


def score_line() -> str:
    first = progress()["first"]
    return f"{sum(first.values())} / {len(first)}"


def clear_answers() -> None:
    """Empty every answer box (a callback: new problems start blank)."""
    for kind in KINDS:
        st.session_state[f"answer-{kind}"] = ""


def drill_box(lang: str, drill: Drill) -> None:
    """The answer form; on a check, the verdict (scored if it is the problem's first), the
    drill's hint, and after any wrong try the worked solution."""
    source = _answer_form(lang, drill.kind)
    answer = None if source is None else _read(lang, source, drill.kind)
    verdict = (
        None if answer is None else computed(lang, mc.run_bounded, check_answer, drill, answer)
    )
    if verdict is not None:
        state = progress()
        counted = drill.key not in state["first"]
        if counted:
            state["first"][drill.key] = verdict.correct
        if not verdict.correct:
            state["missed"].add(drill.key)
        _show_verdict(lang, drill, answer, verdict)
        if not counted:
            st.caption(text(lang, "practice.counted_once"))
    if drill.key in progress()["missed"]:
        with st.expander(text(lang, "practice.solution")):
            worked = computed(lang, mc.run_bounded, solution, drill)
            if worked is not None:
                st.markdown(solution_markdown(lang, worked))


MAX_ANSWER = 300  # characters, as a function box (``mathcore.parsing.MAX_LENGTH``)


def _answer_form(lang: str, kind: str) -> str | None:
    with st.form(f"form-{kind}"):
        answer = st.text_input(
            text(lang, "practice.answer"),
            key=f"answer-{kind}",
            max_chars=MAX_ANSWER,
            help=text(lang, "input.max_chars", limit=MAX_ANSWER),
        )
        submitted = st.form_submit_button(text(lang, "practice.check"), key=f"check-{kind}")
    if submitted:
        length_note(lang, answer, MAX_ANSWER)
    return answer if submitted else None


def _read(lang: str, source: str, kind: str) -> Answer | None:
    """The answer, or ``None`` after saying (translated) what is wrong with it and where."""
    try:
        return read_answer(source, kind)
    except mc.InputError as err:
        if err.code == "answer_form":
            st.error(text(lang, f"practice.form.{kind}"), icon=":material/edit:")
        else:
            st.error(input_error_message(lang, err), icon=":material/error:")
        if err.position is not None:
            st.code(caret_line(source, err.position), language=None)
        return None


def _show_verdict(lang: str, drill: Drill, answer: Answer, verdict: Verdict) -> None:
    if verdict.correct:
        st.success(text(lang, "practice.right", answer=f"${_solved(lang, drill)}$"))
        return
    st.error(text(lang, "practice.wrong"))
    for wrong in verdict.wrong:  # one line per mistake, naming the term of f it concerns
        parts = {k: tex(lang, getattr(wrong, k)) for k in ("term", "expected", "given")}
        st.markdown("- " + text(lang, f"practice.mistake.{wrong.mistake}", **parts))
    if drill.kind != "derivative":
        values = {
            "point": drill.point,
            "x": drill.answer,
            "y": verdict.value,
            "given": answer.value,
        }
        shown = {k: tex(lang, v) for k, v in values.items() if v is not None}
        st.markdown(text(lang, f"practice.hint.{verdict.hint}", **shown))


def _solved(lang: str, drill: Drill) -> str:
    """The answer in LaTeX, as the question asked for it."""
    if drill.kind == "derivative":
        return f"f'(x) = {tex(lang, drill.answer)}"
    if drill.kind == "critical":
        return f"x = {tex(lang, drill.answer)}"
    if drill.answer is None:
        return rf"\text{{{text(lang, 'practice.no_limit')}}}"
    return tex(lang, drill.answer)


def solution_markdown(lang: str, worked) -> str:
    """A worked solution (``mathcore.practice.solution``) as Markdown in ``lang``."""
    if isinstance(worked, LimitSolution):
        lines = _limit_lines(lang, worked)
    elif isinstance(worked, CriticalSolution):
        lines = _critical_lines(lang, worked)
    else:
        return text(lang, "practice.solve.rules") + "\n\n" + steps_markdown(worked, lang)
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _limit_lines(lang: str, s: LimitSolution) -> list[str]:
    a = tex(lang, s.point)
    limit = rf"\lim_{{x \to {a}}} {tex(lang, s.expr)}"
    if s.rule == "cancel":
        factored = rf"\frac{{{tex(lang, s.numerator)}}}{{{tex(lang, s.denominator)}}}"
        steps = f"{tex(lang, s.expr)} = {factored} = {tex(lang, s.simpler)}"
        return [
            text(lang, "practice.solve.cancel", point=a, steps=steps),
            text(
                lang,
                "practice.solve.substitute",
                point=a,
                limit=rf"\lim_{{x \to {a}}} \left({tex(lang, s.simpler)}\right)",
                answer=tex(lang, s.answer),
            ),
        ]
    k = tex(lang, s.scale)
    steps = rf"{tex(lang, s.expr)} = {k} \cdot {tex(lang, s.simpler)}"
    return [
        text(lang, "practice.solve.rewrite", u=tex(lang, s.inner), steps=steps),
        text(lang, f"practice.solve.{s.rule}", limit=limit, k=k, answer=tex(lang, s.answer)),
    ]


def _critical_lines(lang: str, s: CriticalSolution) -> list[str]:
    values = {k: tex(lang, getattr(s, k)) for k in ("derivative", "x", "second", "y")}
    return [
        text(lang, f"practice.solve.{step}", **values)
        for step in ("differentiate", "stationary", "second_test")
    ]
