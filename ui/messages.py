"""Translate ``mathcore`` errors into messages; user text is only ever shown as code."""

from __future__ import annotations

import streamlit as st

from mathcore import ComputationBusy, ComputationLimit, ComputationTimeout, InputError, latex
from ui.i18n import catalog, text

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
    elif err.code == "unknown_name" and err.params.get("variables") in (None, "", "-"):
        key += "_number"  # the point a: no variable at all, a number is expected
    if "expected" in err.params:  # how many arguments: the plural follows it
        params["count"] = int(err.params["expected"])
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
    # a printable character is shown as itself ("!" reads better than U+0021); only what could
    # close the code span (a backtick) or cannot be seen gets its code point
    return "".join(
        ch if ch.isprintable() and not ch.isspace() and ch != "`" else f" U+{ord(ch):04X} "
        for ch in s
    ).strip()


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


def side_tex(lang: str, value, kind: str = "limit") -> str:
    r"""A one-sided limit or derivative in LaTeX, or in words what that side does instead.

    >>> side_tex("en", None, "unbounded"), side_tex("en", None)
    ('\\text{oscillates without bound}', '\\text{does not exist}')
    """
    if value is not None:
        return tex(lang, value)
    word = "none" if kind == "limit" else kind
    return rf"\text{{{text(lang, f'limits.side.{word}')}}}"


_SHAPE_KEYS = {"corner": "kink", "discontinuous": "discontinuous"}


def differentiability(lang: str, d, a_tex: str) -> None:
    """Say whether f′(a) exists and, if not, why — from ``mathcore.differentiability_at``'s
    shape (corner, vertical tangent, cusp, …), the same words on every page; at a convex kink
    also the sub-gradient."""
    if d.differentiable:
        st.success(text(lang, "continuity.differentiable", a=a_tex, slope=tex(lang, d.derivative)))
        return
    slopes = [v for v in (d.left_derivative, d.right_derivative) if v is not None]
    key = _SHAPE_KEYS.get(d.shape, d.shape)
    if d.shape == "vertical_tangent" and len(slopes) == 1:
        key = "vertical_tangent_one_sided"
    st.warning(
        text(
            lang,
            f"continuity.{key}",
            a=a_tex,
            left=side_tex(lang, d.left_derivative),
            right=side_tex(lang, d.right_derivative),
            slope=tex(lang, slopes[0]) if slopes else "",
        )
    )
    if d.subgradient is not None:
        low, high = d.subgradient
        st.info(text(lang, "continuity.subgradient", low=tex(lang, low), high=tex(lang, high)))


def tex(lang: str, expr) -> str:
    r"""``mathcore.latex`` with a piece's "if" and "otherwise" in ``lang``; ``""`` for ``None``
    (no value to show).

    >>> import sympy as sp
    >>> x = sp.Symbol("x", real=True)
    >>> print(tex("ko", sp.Piecewise((x, x > 0), (0, True))))
    \begin{cases} x & x > 0 \text{일 때} \\ 0 & \text{그 외} \end{cases}
    """
    if expr is None:
        return ""
    words = catalog(lang)
    joins = (words["math.or"], words["math.and"])
    return latex(expr, words["math.when"], words["math.otherwise"], joins)
