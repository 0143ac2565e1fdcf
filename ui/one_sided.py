"""What each side of a point does, in the same words on the Limits and Continuity pages.

The course's convention: at an edge of f's domain (f has values on one side of a only) the limit
at a is the one-sided limit from inside the domain — √x at 0 has limit 0 and is continuous there
from the right.
"""

from __future__ import annotations

from ui.i18n import text
from ui.messages import tex


def edge_side(left_kind: str, right_kind: str) -> str | None:
    """The side f is defined on when a is an edge of its domain and f has a limit (a number or
    ±∞) there; ``None`` otherwise. Kinds are ``mathcore.limits.SIDE_KINDS``.

    >>> edge_side("undefined", "limit"), edge_side("limit", "undefined")
    ('right', 'left')
    >>> edge_side("limit", "limit") is None
    True
    """
    if left_kind == "undefined" and right_kind == "limit":
        return "right"
    if right_kind == "undefined" and left_kind == "limit":
        return "left"
    return None


def edge_sentence(lang: str, a_tex: str, side: str, limit) -> str:
    r"""The limit at an edge of f's domain is the one-sided limit from inside: one sentence.

    >>> import sympy as sp
    >>> print(edge_sentence("en", "0", "right", sp.Integer(0)))  # doctest: +ELLIPSIS
    f is defined only to the right of $0$ near it, so at this edge of its domain ... = 0$.
    """
    return text(lang, f"limits.edge.{side}", a=a_tex, limit=tex(lang, limit))


def side_phrase(lang: str, value, kind: str) -> str:
    r"""What f does as x approaches a from one side, in words (a value in LaTeX).

    >>> side_phrase("en", None, "undefined"), side_phrase("en", None, "oscillates")
    ('f is not defined there', 'f oscillates')
    """
    if value is not None:
        return text(lang, "limits.phrase.limit", value=tex(lang, value))
    return text(lang, f"limits.phrase.{'none' if kind == 'limit' else kind}")
