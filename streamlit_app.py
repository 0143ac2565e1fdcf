"""ML Calculus Lab — the home page: what the app is, and how a typed function is read."""

import streamlit as st
import sympy as sp

from mathcore import InputError, parse_expression
from ui.i18n import text
from ui.messages import caret_line, input_error_message
from ui.page import setup_page


def home() -> None:
    lang = setup_page("nav.home")
    st.title(text(lang, "app.title"))
    st.caption(text(lang, "app.tagline"))
    st.markdown(text(lang, "home.intro"))
    source = st.text_input(
        text(lang, "input.function"),
        value="x^2 - 4x + 3",
        key="f",
        bind="query-params",
        help=text(lang, "input.help"),
        max_chars=300,
    )
    try:
        expr = parse_expression(source)
    except InputError as err:
        st.error(input_error_message(lang, err), icon=":material/error:")
        st.code(caret_line(source, err.position), language=None)
        return
    st.markdown(text(lang, "home.read_as"))
    st.latex(f"f(x) = {sp.latex(expr)}")


home()
