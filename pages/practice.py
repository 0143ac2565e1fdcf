"""Practice: derivative, limit and critical-point drills, checked by equivalence, with a score."""

import streamlit as st

from mathcore.practice import LEVELS, critical_drill, limit_drill, polynomial_drill
from ui import practice_view as view
from ui.i18n import text
from ui.messages import tex
from ui.page import header, setup_page
from ui.ranges import within


def practice_page() -> None:
    lang = setup_page("nav.practice")
    header(lang, "practice")
    cols = st.columns([1, 2, 1, 1], vertical_alignment="bottom")
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
    cols[2].button(text(lang, "practice.new"), on_click=_next, key="new")
    score_slot = cols[3].empty()  # filled last, after this run's answer is scored
    derivative_tab, limit_tab, critical_tab = st.tabs(
        [text(lang, f"practice.tab_{k}") for k in view.KINDS]
    )
    with derivative_tab:
        drill = polynomial_drill(int(seed), int(level))
        st.markdown(text(lang, "practice.ask_derivative", expr=tex(lang, drill.expr)))
        view.drill_box(lang, drill)
    with limit_tab:
        drill = limit_drill(int(seed), int(level))
        point, expr = tex(lang, drill.point), tex(lang, drill.expr)
        st.markdown(text(lang, "practice.ask_limit", point=point, expr=expr))
        view.drill_box(lang, drill)
    with critical_tab:
        drill = critical_drill(int(seed), int(level))
        st.markdown(text(lang, "practice.ask_critical", expr=tex(lang, drill.expr)))
        view.drill_box(lang, drill)
    score_slot.metric(text(lang, "practice.score"), view.score_line())


def _next() -> None:
    st.session_state.seed = int(st.session_state.seed) + 1
    view.clear_answers()


practice_page()
