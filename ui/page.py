"""The one shared setup call every page starts with: language, translated navigation."""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGUAGES, pick_language, text

# (page file, catalog key of its title, icon); the home page first.
PAGES = [
    ("streamlit_app.py", "nav.home", ":material/home:"),
]
_LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


def setup_page(title_key: str) -> str:
    """Configure the page, draw the sidebar (language switch, navigation); return the language.

    The language is ``?lang=`` when the session starts, else the browser's locale; the switch
    changes it for the session, and it is written back to the URL so shared links keep it.
    """
    state = st.session_state
    if "language" not in state:
        state.language = pick_language(st.query_params.get("lang"), st.context.locale)
    lang = state.language
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    st.set_page_config(
        page_title=f"{text(lang, title_key)} · {text(lang, 'app.title')}",
        page_icon=":material/functions:",
        layout="wide",
    )
    with st.sidebar:
        state.lang_switch = lang
        st.segmented_control(
            text(lang, "app.language"),
            LANGUAGES,
            key="lang_switch",
            format_func=_LANGUAGE_NAMES.get,
            required=True,
            on_change=_switch_language,
        )
        for page, key, icon in PAGES:
            st.page_link(page, label=text(lang, key), icon=icon)
    return lang


def _switch_language() -> None:
    st.session_state.language = st.session_state.lang_switch
