"""Translate ``mathcore`` errors into messages; user text is only ever shown as code."""

from __future__ import annotations

import streamlit as st

from mathcore import ComputationBusy, ComputationLimit, ComputationTimeout, InputError
from ui.i18n import text

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-*/^(),.| ")


def input_error_message(lang: str, err: InputError) -> str:
    """The translated sentence for ``err``; user fragments are shown as inline code.

    >>> from mathcore import parse_expression
    >>> try:
    ...     parse_expression("sinn x")
    ... except InputError as err:
    ...     print(input_error_message("en", err))
    Unknown name `sinn` — did you mean `sin`?
    """
    params = {k: _code_safe(v) for k, v in err.params.items()}
    key = err.code
    if err.code in ("unknown_name", "bad_character") and err.params.get("suggestion"):
        key += "_suggest"
    return text(lang, f"input.error.{key}", **params)


def caret_line(user_text: str, position: int | None) -> str:
    """The input with a caret under ``position``, for ``st.code`` (never markdown).

    >>> print(caret_line("x + y", 4))
    x + y
        ^
    """
    if position is None:
        return user_text
    return f"{user_text}\n{' ' * min(position, len(user_text))}^"


def limit_message(lang: str, exc: ComputationLimit) -> str:
    """The translated sentence for a computation stopped by ``run_bounded``."""
    if isinstance(exc, ComputationBusy):
        return text(lang, "limit.busy")
    if isinstance(exc, ComputationTimeout):
        return text(lang, "limit.timeout")
    return text(lang, "limit.too_large")


def _code_safe(value: object) -> str:
    """Text that cannot break out of a Markdown code span."""
    s = str(value)
    if all(ch in _SAFE for ch in s):
        return s
    return " ".join(f"U+{ord(ch):04X}" if ch not in _SAFE and not ch.isalpha() else ch for ch in s)


_DESCENT_BOX = {  # how a gradient-descent verdict is shown; the rest (diverges, stuck) are errors
    "converges": st.success,
    "oscillates": st.info,
    "slow": st.info,
    "stationary": st.info,
    "no_step": st.warning,
    "flat": st.warning,
}


def descent_box(verdict: str):
    """The Streamlit alert for a descent verdict (``mathcore.descent_verdict``)."""
    return _DESCENT_BOX.get(verdict, st.error)
