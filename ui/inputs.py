"""Widgets every page shares: preset buttons, the function box with its LaTeX echo, and the one
place where engine errors become translated messages."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from typing import TypeVar
from urllib.parse import unquote, unquote_plus

import streamlit as st

from mathcore import ComputationLimit, InputError, parse_expression, parse_point
from mathcore.parsing import FUNCTIONS
from ui import links
from ui.i18n import text
from ui.messages import caret_line, input_error_message, limit_message, tex
from ui.page import echo_area, inputs_area

T = TypeVar("T")
log = logging.getLogger(__name__)


LINKED_FORMULAS = ("f", "a", "loss")  # the query parameters holding a formula: a ``+`` matters
# The characters a link the app writes leaves as they are (Python's ``quote_plus``, the
# browser's ``URLSearchParams``); anything else, or %20, was typed by hand.
_WRITTEN = re.compile(r"(?:[A-Za-z0-9*._~+-]|%(?!20)[0-9A-Fa-f]{2})*")
_FUNCTION_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?:{'|'.join(sorted(FUNCTIONS, key=len, reverse=True))})"
    r"(?:\^\(?[-−]?\d+\)?|[⁻¹²³]+)?$"
)
_OPERAND_END = re.compile(r"[\w)\]}|!π∞′'⁰¹²³⁴⁵⁶⁷⁸⁹]$")


def linked_formulas(query_string: str) -> dict[str, str]:
    """The formulas of a link's raw query string (``f=x+1&a=0``), read as their writer meant
    them (:func:`linked_text`); the last value of a repeated key counts, as in Streamlit."""
    found = {}
    for part in query_string.split("&"):
        key, _, raw = part.partition("=")
        if unquote_plus(key) in LINKED_FORMULAS:
            found[unquote_plus(key)] = linked_text(raw)
    return found


def linked_text(raw: str) -> str:
    """A formula from a link, still %-encoded, as its writer meant it.

    In a URL's query ``+`` stands for a space, so a teacher's hand-typed ``?f=x+1`` reads
    ``x 1``. The app's own links write a ``+`` as ``%2B`` and a space as ``+``, and leave only
    letters, digits and ``*-._~`` unencoded. So: a link with ``%2B`` is the app's (every ``+``
    a space); one with a character the app would have encoded (``(``, ``^``, ``/``, ``|`` …) or
    ``%20`` was typed by hand (every ``+`` a plus); in between, ``+`` is a plus where a space
    would not make sense (:func:`spaces_as_plus`).

    >>> linked_text("x%5E2+%2B+1"), linked_text("x+sin(x)"), linked_text("sin+x")
    ('x^2 + 1', 'x+sin(x)', 'sin x')
    >>> linked_text("x+1"), linked_text("x%5E2+2x+1"), linked_text("x+-+1")
    ('x+1', 'x^2+2x+1', 'x - 1')
    """
    if "%2b" in raw.lower():
        return unquote_plus(raw)
    if not _WRITTEN.fullmatch(raw):
        return unquote(raw)
    return spaces_as_plus(unquote_plus(raw))


def spaces_as_plus(text: str) -> str:
    """``text`` with a ``+`` for each run of spaces where a space makes no sense: between the end
    of an operand and a number (``x 1``, ``x^2 2x 1``, ``|x| 1``), not after a function's name
    (``sin 2x``, ``sin^2 3x``). A space beside an operator (``x - 1``) or before a name
    (``2 x``, ``x sin x``: products as typed) stays.

    >>> [spaces_as_plus(t) for t in ("x 1", "x^2 2x 1", "sin 2x", "2 x", "|x| 1", "x - 1")]
    ['x+1', 'x^2+2x+1', 'sin 2x', '2 x', '|x|+1', 'x - 1']
    """

    def plus(match: re.Match) -> str:
        left, right = text[: match.start()], text[match.end() :]
        number_next = re.match(r"\.?\d", right) is not None
        closed = not left.endswith("|") or left.count("|") % 2 == 0  # |x| 1, not | 1 …|
        operand = _OPERAND_END.search(left) is not None and closed
        keep = not (number_next and operand) or _FUNCTION_BEFORE.search(left)
        return match.group(0) if keep else "+"

    return re.sub(r"(?<=\S)\s+(?=\S)", plus, text) if " " in text else text


def presets(lang: str, items: Sequence[tuple[str, dict[str, object]]]) -> None:
    """One button per preset; a click sets the widgets' values (and so the URL). The row is
    one control for a lesson link (``?hide=presets``); it wraps rather than cut a label short."""
    row = st.container(key="presets", horizontal=True)  # wraps where a row cannot hold them
    for label_key, values in items:
        row.button(
            text(lang, label_key),
            on_click=_apply,
            args=(values,),
            key=f"preset-{label_key}",
            width="stretch",
        )


def _apply(values: dict[str, object]) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def function_box(
    lang: str,
    default: str,
    key: str = "f",
    label_key: str = "input.function",
    variables: Sequence[str] = ("x",),
    echo: str = "f(x)",
) -> str | None:
    """The function input (bound to ``?f=``); shows how it was read, or why it was not.

    Returns the text when it parses (the cache key of the page's analysis), else ``None``."""
    source = _bound_text(lang, label_key, "input.help", default, key, 300)
    expr = read(lang, source, lambda s: parse_expression(s, variables))
    if expr is None:
        return None
    if echo:
        echo_area().latex(f"{echo} = {tex(lang, expr)}")  # in view when inputs are folded
    return source


def point_box(
    lang: str, default: str, key: str = "a", label_key: str = "input.point"
) -> str | None:
    """A point input (``-1``, ``pi/2``, ``oo``), bound to ``?a=``; its text if it parses."""
    source = _bound_text(lang, label_key, "input.point_help", default, key, 60)
    return source if read(lang, source, parse_point) is not None else None


def function_and_point(lang: str, items, f_default: str, a_default: str):
    """Presets, then the function and the point side by side (folded away when projecting);
    returns their texts, or ``None`` for one that does not parse."""
    with inputs_area(lang):
        if items:
            presets(lang, items)
        left, right = st.columns([3, 1])
        with left:
            f = function_box(lang, f_default)
        with right:
            a = point_box(lang, a_default)
    return f, a


def analysed_at_point(
    lang: str, items, f_default: str, a_default: str, view: Callable[..., T]
) -> T | None:
    """The function and point inputs, then ``view(f, a)`` (cached and bounded); ``None`` after
    showing why when an input does not parse or the analysis could not be done."""
    f, a = function_and_point(lang, items, f_default, a_default)
    if f is None or a is None:
        return None
    return computed(lang, view, f, a)


def _bound_text(
    lang: str, label_key: str, help_key: str, default: str, key: str, max_chars: int
) -> str:
    """A text box whose value lives in the URL as ``?<key>=``; its length limit said in words."""
    value = st.text_input(
        text(lang, label_key),
        value=default,
        key=key,
        bind="query-params",
        help=f"{text(lang, help_key)}\n\n{text(lang, 'input.max_chars', limit=max_chars)}",
        max_chars=max_chars,
    )
    length_note(lang, value, max_chars)
    return value


def length_note(lang: str, value: str, max_chars: int) -> None:
    """Say so when a box is full: the browser stops typing and Streamlit cuts a longer link or
    paste at ``max_chars`` without a word, so the end of a formula may be missing."""
    if len(value) >= max_chars:
        st.warning(text(lang, "input.at_limit", limit=max_chars), icon=":material/content_cut:")


def read(lang: str, source: str, parse: Callable[[str], T]) -> T | None:
    """``parse(source)``, or ``None`` after showing the translated error with a caret."""
    try:
        return parse(source)
    except InputError as err:
        st.error(input_error_message(lang, err), icon=":material/error:")
        st.code(caret_line(source, err.position), language=None)
        return None


def computed(lang: str, fn: Callable[..., T], *args: object) -> T | None:
    """``fn(*args)`` (a cached, bounded engine call), or ``None`` after a translated message."""
    try:
        with st.spinner(text(lang, "app.computing"), show_time=True):
            return fn(*args)
    except InputError as err:
        st.error(input_error_message(lang, err), icon=":material/error:")
    except ComputationLimit as exc:
        st.warning(limit_message(lang, exc), icon=":material/hourglass_disabled:")
    except NotImplementedError:
        st.warning(text(lang, "app.unsupported"), icon=":material/help:")
    except Exception:  # the last line of defence: a bug, told kindly, logged in full
        log.exception("analysis %s%r failed", getattr(fn, "__name__", fn), args)
        st.error(text(lang, "app.unexpected"), icon=":material/bug_report:")
    return None


def kept_eta(key: str, high: float, stable: float, topic: str) -> tuple[float, float, bool] | None:
    """Call before drawing a learning-rate slider whose end follows the data. The η the student
    set stays while it is on the slider (0 to ``high``). Past a new end it is rescaled by the
    change in the stability limit ``stable`` (1/x² for one weight, 2/λ_max for a bowl): η/stable
    stays as it was, so does the factor |1 − η·2/stable| each step multiplies the error by,
    and so the run behaves as before (converges, bounces or diverges). Without an earlier
    limit (a lesson link) it moves to the end. Returns ``(old, new, rescaled)`` when it moved,
    so the page can say why; ``None`` when it stayed. ``topic`` names the page (pages share
    widget keys, not stability limits)."""
    memo = f"_{key}_stable_{topic}"
    value, before = st.session_state.get(key), st.session_state.get(memo)
    st.session_state[memo] = stable
    if value is None:
        return None
    if 0.0 <= value <= high:
        st.session_state[key] = value  # new ends are a new widget to Streamlit: keep η
        return None
    new = min(float(f"{value * stable / before:.4g}"), high) if before else high
    st.session_state[key] = new
    return value, new, new < high


def decimals(step: float) -> str:
    """A slider's ``format`` showing its step: ``%.4f`` at least, ``%.6f`` for a step of 10⁻⁶
    (a tiny η read 0.0000, and e-notation is no number for a student)."""
    return f"%.{max(4, math.ceil(-math.log10(step) - 1e-9))}f"


def slider_default(key: str, default: float) -> float | None:
    """``default``, or ``None`` when the page has set the slider's value itself (Streamlit warns
    when a widget gets both)."""
    return None if key in st.session_state else default


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def linked_value(name: str, keys: tuple, default):
    """The value of a link's ``?<name>=`` when it is one of ``keys`` (the frames of a chart's own
    slider: h, zoom, reach), else ``default``. A reach may be written as the old slider wrote it,
    ``10²``."""
    given = st.query_params.get(name, "")
    if given.startswith("10") and given[2:] and not given[2:].isascii():
        given = given[2:].translate(SUPERSCRIPTS)
    try:
        value = float(given)
    except ValueError:
        value = None
    found = next((key for key in keys if key == value), None)
    if found is None and given:
        links.refused(name, st.query_params.get(name, ""), default)
        del st.query_params[name]  # as Streamlit drops a bound widget's unusable value
    return default if found is None else found
