"""Practice: drills of nine kinds, checked by equivalence, with hints, a next step and a worked
solution from the engine's own steps, a score per problem and a streak."""

import streamlit as st

from mathcore.drills import drill
from mathcore.practice import LEVELS
from ui import code_view
from ui import practice_view as view
from ui.i18n import text
from ui.links import checked
from ui.page import header, setup_page
from ui.ranges import within


@checked
def practice_page() -> None:
    lang = setup_page("nav.practice")
    header(lang, "practice")
    cols = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
    seed = cols[0].number_input(
        text(lang, "practice.seed"),
        value=1,
        step=1,
        key="seed",
        bind="query-params",
        on_change=view.clear_answers,
    )
    seed = within(lang, seed, 1, None, text(lang, "practice.seed"))  # in lang, not Streamlit's
    level = cols[1].segmented_control(
        text(lang, "practice.level"),
        LEVELS,
        default=1,
        key="level",
        bind="query-params",
        required=True,
        on_change=view.clear_answers,
    )
    with cols[2]:
        kind = view.kind_selector(lang)  # ?drill=, by name in either language
    cols[3].button(text(lang, "practice.new"), on_click=_next, key="new")
    score_slot = st.empty()  # filled last, after this run's answer is scored
    st.caption(text(lang, "practice.drills.rule"))
    problem = drill(int(seed), int(level), kind)
    view.drill_box(lang, problem)
    if view.ended(problem):  # the script works the answer out: not before the problem is over
        code_view.practice(lang, problem)
    with score_slot.container(horizontal=True):
        st.metric(text(lang, "practice.score"), view.score_line())
        st.metric(
            text(lang, "practice.drills.streak"),
            view.streak(),
            help=text(lang, "practice.drills.streak_help"),
        )


def _next() -> None:
    st.session_state.seed = int(st.session_state.seed) + 1
    view.clear_answers()


practice_page()
