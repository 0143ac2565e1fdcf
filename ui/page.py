"""The one shared setup call every page starts with: language, navigation, projector mode."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import keyboard, lesson, links, style
from ui.i18n import LANGUAGES, pick_language, text

# The tab's icon, served by the app itself: ":material/functions:" was fetched from a font
# host, missing in an offline classroom (issue #14)
ICON = str(Path(__file__).with_name("icon.png"))

# (page file, catalog key of its title, icon); the home page first.
PAGES = [
    ("streamlit_app.py", "nav.home", ":material/home:"),
    ("pages/limits.py", "nav.limits", ":material/arrow_range:"),
    ("pages/continuity.py", "nav.continuity", ":material/timeline:"),
    ("pages/extrema.py", "nav.extrema", ":material/landscape:"),
    ("pages/derivatives.py", "nav.derivatives", ":material/show_chart:"),
    ("pages/gradient-descent.py", "nav.descent", ":material/trending_down:"),
    ("pages/backprop.py", "nav.backprop", ":material/hub:"),
    ("pages/practice.py", "nav.practice", ":material/edit_note:"),
]
_LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# Where the function's LaTeX echo goes while the inputs are folded away (projector mode): above
# the fold-out, so the class sees f beside f′. None: the echo stays with its input.
_ECHO: ContextVar = ContextVar("echo", default=None)


def setup_page(title_key: str) -> str:
    """Configure the page, draw the sidebar (language, navigation, projector switch); return
    the language.

    The language is ``?lang=`` when the session starts, else the browser's locale; projector
    mode is ``?present=1`` (or ``=true``). Both switches keep the URL in step, so shared links
    keep them. ``?hide=`` takes a lesson's controls out of view (``ui.lesson``), whose panel
    ends the sidebar.
    """
    state = st.session_state
    if "language" not in state:
        state.language = pick_language(st.query_params.get("lang"), st.context.locale)
        # ?present=1, as the switch writes it, or =true as every other switch of a link
        state.present = st.query_params.get("present", "").lower() in ("1", "true")
        if _restore_plus_signs():  # before any widget reads them: a rerun seeds the boxes
            st.rerun()
    lang = state.language
    query = {name: st.query_params.get_all(name) for name in st.query_params}
    links.begin(title_key, lang, query, lesson.controls(title_key))  # said when drawn
    sync_query("lang", lang)
    sync_query("present", "1" if state.present else None)
    st.set_page_config(
        page_title=f"{text(lang, title_key)} · {text(lang, 'app.title')}",
        page_icon=ICON,
        layout="wide",
        initial_sidebar_state="collapsed" if state.present else "auto",
    )
    style.accessible(state.present)
    style.hide_english_hints()
    keyboard.plotly_keys(lang)  # ▶ / ❚❚ and the charts' frame sliders by keyboard
    hidden = lesson.apply(title_key)  # ?hide=: a lesson's controls out of view, values kept
    with st.sidebar:
        state.lang_switch = lang
        st.segmented_control(
            text(lang, "app.language"),
            LANGUAGES,
            key="lang_switch",
            format_func=_LANGUAGE_NAMES.get,
            required=True,
            on_change=_copy,
            args=("lang_switch", "language"),
        )
        for page, key, icon in PAGES:
            st.page_link(page, label=text(lang, key), icon=icon)
        state.present_switch = state.present
        st.toggle(
            text(lang, "app.present"),
            key="present_switch",
            on_change=_copy,
            args=("present_switch", "present"),
            help=text(lang, "app.present_help"),
        )
        lesson.panel(lang, title_key, hidden)
    links.place()  # the top of the page: where a link's unusable values are said
    return lang


def header(lang: str, section: str) -> None:
    """The page's title and one-paragraph introduction."""
    st.title(text(lang, f"{section}.title"))
    st.caption(text(lang, f"{section}.intro"))


def presenting() -> bool:
    """Projector mode: larger type and lines, inputs tucked away."""
    return bool(st.session_state.get("present"))


@contextmanager
def inputs_area(lang: str) -> Iterator[None]:
    """Where a page puts its text inputs: folded away in projector mode, the function's echo
    (``echo_area``) kept in view above them."""
    if not presenting():
        with st.container():
            yield
        return
    token = _ECHO.set(st.container())
    try:
        with st.expander(text(lang, "app.inputs"), expanded=False):
            yield
    finally:
        _ECHO.reset(token)


@contextmanager
def explanation_area(label: str) -> Iterator[bool]:
    """Where a page puts the reasoning behind its result: in place, or folded under ``label``
    in projector mode so the result is in view without scrolling. Yields whether it folded
    (Streamlit cannot nest expanders: a page shows nested steps in place then)."""
    with st.expander(label, expanded=False) if presenting() else st.container():
        yield presenting()


def echo_area():
    """Where to draw how an input was read: in view when the inputs are folded, else in place."""
    return _ECHO.get() or st


def notes_area():
    """A context for warnings about what was typed (a number out of range): above the folded
    inputs in projector mode, where the class sees them, else in place."""
    return _ECHO.get() or nullcontext()


def chart(figure, alt: str, key: str) -> None:
    """A Plotly chart with its text alternative: ``alt`` (the verdict and key numbers in words)
    is read by screen readers and hidden from view (``ui.style``)."""
    st.plotly_chart(figure, key=key)
    with st.container(key=f"alt-{key}"):
        st.markdown(alt)


def _copy(source: str, target: str) -> None:
    st.session_state[target] = st.session_state[source]


def _restore_plus_signs() -> bool:
    """A hand-typed link's ``+`` reaches Streamlit as a space (``?f=x+1`` reads ``x 1``): put
    the formulas' plus signs back, in the URL too (``ui.inputs.linked_text``); True if any."""
    from ui.inputs import linked_formulas  # here: ui.inputs imports this module

    ctx = get_script_run_ctx()  # the raw query: Streamlit's own links encode a + as %2B
    fixed = linked_formulas(ctx.query_string if ctx else "")
    changed = {key: value for key, value in fixed.items() if st.query_params.get(key) != value}
    for key, value in changed.items():
        st.query_params[key] = value
    return bool(changed)


def sync_query(key: str, value: str | None) -> None:
    """Keep ``?key=`` at ``value`` (none: no such parameter); writes only a change."""
    if st.query_params.get(key) != value:
        if value is None:
            del st.query_params[key]
        else:
            st.query_params[key] = value
