"""What a link asked for and could not get: a hand-typed or mistyped lesson link (``?w0=abc``,
``?level=9``, ``?drill=xyz``, ``?w0=99`` past the slider's end) opens on the controls' usual or
nearest values, and the page says so once, at its top, naming each parameter and the value shown.

Streamlit seeds a widget bound to the URL (``bind="query-params"``) from its parameter and, when
the value cannot be (not a number, not an option, out of range), quietly drops or corrects it.
:func:`begin` keeps the query a page opened with; when the page has been drawn, :func:`checked`
compares every parameter with the value its control shows, adds what a page's own reader
refused (:func:`refused`: ``?neuron=``, ``?reveal=``, ``?tangent=``, a chart's frame; those
readers also take the value out of the address, as Streamlit does), and says so in a warning at
the top of the page (:func:`place`). Only the first run of each page in a session is checked:
later runs read the URL the controls themselves wrote, and the warning is gone with the first
click (a toast, tried first, stayed on screen over the next pages and covered the projected
formula).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from contextvars import ContextVar

import streamlit as st

from ui.i18n import LANGUAGES, text
from ui.tables import plain_number

# (page's title key, language, the query it opened with, what was refused: name → value)
_OPENED: ContextVar[tuple | None] = ContextVar("opened", default=None)
_SLOT: ContextVar = ContextVar("slot", default=None)  # the top of the page (``st.empty``)
_SEEN = "_links_checked"  # session key: the pages whose link was checked
# Parameters the comparison skips: checked by their own readers (lang, present, hide below; a
# link's lr is said with its stability limit by the descent pages), or no control's value
_OWN_READER = {"lang", "present", "hide", "lr"}
_SHOWN_CHARS = 24  # of a refused value in the warning: a 5000-character value is cut


def begin(page: str, lang: str, query: dict[str, list[str]], names: tuple[str, ...]) -> None:
    """Keep the query a page opened with, to be checked once the page is drawn.

    Parameters
    ----------
    page : the page's title key (``ui.page.PAGES``); only its first run in the session is
        checked, later runs read the address its controls wrote.
    lang : the page's language, for the warning.
    query : the link's parameters, name → every value given (``st.query_params.get_all``),
        read before any control.
    names : the page's controls a lesson can hide (``ui.lesson.controls``); ``?hide=`` may
        name only these.

    The sidebar's parameters are checked here: ``?lang=`` must be a language, ``?present=``
    ``1``, ``true``, ``0`` or ``false``.
    """
    if page in st.session_state.get(_SEEN, ()):
        _OPENED.set(None)
        return
    _OPENED.set((page, lang, query, {}))
    given = {name: values[-1] for name, values in query.items() if values}
    if "lang" in given and given["lang"] not in LANGUAGES:
        refused("lang", given["lang"])
    if given.get("present", "1").lower() not in ("1", "true", "0", "false"):
        refused("present", given["present"])
    asked = [n.strip() for n in given.get("hide", "").split(",") if n.strip()]
    if unknown := [n for n in asked if n not in names]:
        refused("hide", ",".join(unknown))
        known = ",".join(n for n in asked if n in names)
        if known:
            st.query_params["hide"] = known  # the address keeps only what the page hides
        else:
            del st.query_params["hide"]


def place() -> None:
    """Keep the top of the page's main area for what :func:`checked` has to say (an empty
    placeholder takes no space)."""
    _SLOT.set(st.empty())


def refused(name: str, given: str, shown: object = None) -> None:
    """Note that the link's ``?name=given`` could not be used; said once the page is drawn.

    Parameters
    ----------
    name : the URL parameter.
    given : its value in the link, as typed.
    shown : the value the page uses instead (``None``: none to name, e.g. nothing revealed).

    A page's own reader of a parameter (``?neuron=``, ``?reveal=``, ``?tangent=``, a chart's
    frame) calls this when it falls back; outside a page's first run it does nothing.
    """
    opened = _OPENED.get()
    if opened is not None:
        opened[3].setdefault(name, given if shown is None else (given, shown))


def checked(page: Callable[[], None]) -> Callable[[], None]:
    """Decorate a page's function: after it has drawn the page, say at its top which of the
    link's parameters the page could not use, and what it shows instead.

    Parameters
    ----------
    page : the function that draws the page, starting with ``ui.page.setup_page``.

    Returns
    -------
    The function that draws the page and then checks its link (not when the run is cut short
    by ``st.rerun``: the next run checks it).
    """

    @functools.wraps(page)
    def run() -> None:
        page()
        _report()

    return run


def agrees(given: list[str], value: object) -> bool:
    """Whether a control showing ``value`` shows what the URL's values ``given`` asked for.

    Parameters
    ----------
    given : the parameter's values in the URL (a multiselect's picks repeat the parameter, or
        are typed ``a,b``).
    value : the control's value after the run (``st.session_state[name]``).

    Returns
    -------
    True when they agree: numbers to 9 significant digits (``math.isclose``), switches as
    ``true``/``false`` in any case (Streamlit's own reading), texts and options exactly.

    Examples
    --------

    >>> agrees(["0.3"], 0.1 + 0.2), agrees(["TRUE"], True), agrees(["abc"], 0.0)
    (True, True, False)
    >>> agrees(["99"], 5.0), agrees(["0.1,0.5"], ["0.1", "0.5"]), agrees(["rulesx"], "rules")
    (False, True, False)
    """
    if isinstance(value, list | tuple):
        parts = [part for values in given for part in values.split(",")]
        return len(parts) == len(value) and all(map(agrees, ([p] for p in parts), value))
    last = given[-1].strip() if given else ""
    if isinstance(value, bool):
        return last.lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            return math.isclose(float(last), value, rel_tol=1e-9, abs_tol=1e-12)
        except ValueError:
            return False
    return isinstance(value, str) and bool(given) and given[-1] == value


def _report() -> None:
    opened = _OPENED.get()
    if opened is None:
        return
    page, lang, query, found = opened
    st.session_state[_SEEN] = {*st.session_state.get(_SEEN, ()), page}
    for name, values in query.items():
        if name in found or name in _OWN_READER or name not in st.session_state:
            continue
        value = st.session_state[name]
        if value is not None and not agrees(values, value):
            found[name] = (f"&{name}=".join(values), value)  # a repeated name: every value
    slot = _SLOT.get()
    if found and slot is not None:  # the page's controls first, the sidebar's last
        names = sorted(found, key=lambda name: name in _OWN_READER)
        items = ", ".join(_item(name, found[name]) for name in names)
        with slot.container(key="link-refused"):
            st.warning(text(lang, "link.refused", items=items), icon=":material/link_off:")


def _item(name: str, what) -> str:
    """``name=given → shown`` for the warning (Markdown code spans; backticks taken out)."""
    given, shown = what if isinstance(what, tuple) else (what, None)
    item = f"`{name}={_cut(given)}`"
    return item if shown is None else f"{item} → `{_cut(_plain(shown))}`"


def _cut(value: str) -> str:
    """``value`` without backticks, cut to :data:`_SHOWN_CHARS` characters."""
    value = value.replace("`", "")
    return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"


def _plain(value) -> str:
    """A control's value as the URL would write it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return plain_number(value, 6)
    if isinstance(value, list | tuple):
        return ",".join(map(_plain, value))
    return str(value)
