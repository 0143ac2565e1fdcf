"""Limits that say which side they are: ``limit_at`` and the numeric approach table.

SymPy's ``limit(f, x, a)`` is the *right-hand* limit; ``limit(1/(x+1), x, -1)`` is ``oo`` although
the two-sided limit does not exist. ``limit_at`` computes both sides, checks that f is defined
(real) on each side, and names the verdict.

>>> x = sp.Symbol("x", real=True)
>>> r = limit_at(1 / (x + 1), x, -1)
>>> (r.left, r.right, r.value, r.verdict)
(-oo, oo, None, 'sides_differ')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from mathcore.errors import SYMPY_FAILURES
from mathcore.points import Point, as_point, finite_at, finite_real, numeric, value_at

VERDICTS = (
    "converges",
    "diverges_to_inf",
    "diverges_to_neg_inf",
    "sides_differ",
    "oscillates",
    "undefined",
)
TABLE_EXPONENTS = tuple(range(1, 7))
_JUMPY = (sp.floor, sp.ceiling, sp.sign, sp.Heaviside, sp.Piecewise)


@dataclass(frozen=True)
class LimitResult:
    """One- and two-sided limits of f at a point.

    ``left``/``right``: the one-sided limits (a number, ``oo``, ``-oo``), ``None`` when that side
    oscillates or f is undefined there. At ``oo`` only ``left`` (x grows) is used, at ``-oo``
    only ``right``. ``value``: the limit asked for (``side``), ``None`` if it does not exist.
    ``table_left``/``table_right``: ``(x, f(x))`` for x = a ∓ 10⁻ᵏ, k = 1..6 (x = ±10ᵏ at ±∞).
    """

    point: sp.Expr
    side: str
    left: sp.Expr | None
    right: sp.Expr | None
    left_oscillates: bool
    right_oscillates: bool
    value: sp.Expr | None
    verdict: str
    table_left: tuple[tuple[float, float], ...]
    table_right: tuple[tuple[float, float], ...]

    @property
    def converges(self) -> bool:
        """True iff the limit asked for exists and is finite."""
        return self.verdict == "converges"


def limit_at(expr: sp.Expr, var: sp.Symbol, point: Point, side: str = "both") -> LimitResult:
    """The limit of ``expr`` as ``var`` → ``point`` from ``side`` ("both", "left", "right").

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> limit_at(sp.sin(x) / x, x, 0).value
    1
    >>> limit_at(sp.sin(1 / x), x, 0).verdict
    'oscillates'
    >>> limit_at(sp.floor(x), x, 2).verdict, limit_at(sp.floor(x), x, 2, side="left").value
    ('sides_differ', 1)
    >>> limit_at(sp.exp(-x), x, sp.oo).value
    0
    """
    if side not in ("both", "left", "right"):
        raise ValueError(f"side must be 'both', 'left' or 'right', not {side!r}")
    a = as_point(point)
    if a is sp.oo:
        side = "left"
    elif a is -sp.oo:
        side = "right"
    table_left, table_right = approach_table(expr, var, a)
    left, left_osc = (None, False)
    right, right_osc = (None, False)
    if a is not -sp.oo:
        left, left_osc = _one_side(expr, var, a, "-", table_left)
    if a is not sp.oo:
        right, right_osc = _one_side(expr, var, a, "+", table_right)
    value, verdict = _verdict(side, left, right, left_osc, right_osc)
    return LimitResult(
        a, side, left, right, left_osc, right_osc, value, verdict, table_left, table_right
    )


def approach_table(expr: sp.Expr, var: sp.Symbol, point: Point):
    """``(x, f(x))`` rows approaching ``point`` from the left and from the right.

    >>> x = sp.Symbol("x", real=True)
    >>> left, right = approach_table((x**2 - 1) / (x - 1), x, 1)
    >>> left[0], right[-1]
    ((0.9, 1.9), (1.000001, 2.000001))
    """
    a = as_point(point)
    if a.is_infinite:
        sign = 1 if a is sp.oo else -1
        xs = [sign * sp.Integer(10) ** k for k in TABLE_EXPONENTS]
        rows = tuple(zip(map(float, xs), numeric(expr, var, xs), strict=True))
        return (rows, ()) if a is sp.oo else ((), rows)
    steps = [sp.Rational(1, 10**k) for k in TABLE_EXPONENTS]
    tables = []
    for sign in (-1, 1):
        xs = [a + sign * h for h in steps]
        tables.append(tuple(zip(map(float, xs), numeric(expr, var, xs), strict=True)))
    return tables[0], tables[1]


def _one_side(expr, var, a, direction, table) -> tuple[sp.Expr | None, bool]:
    """The one-sided limit, or ``(None, oscillates?)``; a side where f is not real is undefined.

    With x = a ± t and t > 0, SymPy settles piecewise conditions for the side (SymPy's own
    ``limit`` of a Piecewise looks at the condition *at* a, and has no series for ``Max``)."""
    if all(math.isnan(y) for _, y in table[-3:]):
        return None, False  # f is not (real-)defined on this side near a
    if a.is_infinite:
        result = _sympy_limit(expr, var, a)
    elif _continuous_at(expr, var, a):
        return value_at(expr, var, a), False
    else:
        t = sp.Dummy("t", positive=True)
        try:
            shifted = expr.subs(var, a + t if direction == "+" else a - t)
        except SYMPY_FAILURES as exc:  # e.g. Max(0, 0**t): SymPy cannot compare while building
            raise NotImplementedError(f"SymPy cannot find the limit of {expr} at {a}") from exc
        result = _sympy_limit(shifted, t, 0)
    if isinstance(result, sp.AccumBounds):
        return None, True
    if result in (sp.oo, -sp.oo):
        return result, False
    return finite_real(result), False


def _continuous_at(expr: sp.Expr, var: sp.Symbol, a: sp.Expr) -> bool:
    """f is an elementary composition (no floor, sign, pieces) and every part of it is a finite
    real number at a: then f is continuous there and its limit is f(a), no series needed."""
    if expr.has(*_JUMPY):
        return False
    return all(
        finite_at(part, var, a)
        for part in sp.preorder_traversal(expr)
        if var in getattr(part, "free_symbols", ())
    )


def _sympy_limit(expr, var, at):
    """SymPy's limit (from the right at 0), retried on a Piecewise rewrite when SymPy fails."""
    try:
        return sp.limit(expr, var, at)
    except SYMPY_FAILURES:
        try:
            return sp.limit(expr.rewrite(sp.Piecewise), var, at)
        except SYMPY_FAILURES as exc:
            raise NotImplementedError(f"SymPy cannot find the limit of {expr} at {at}") from exc


def _verdict(side, left, right, left_osc, right_osc) -> tuple[sp.Expr | None, str]:
    if side == "left":
        sides = [(left, left_osc)]
    elif side == "right":
        sides = [(right, right_osc)]
    else:
        sides = [(left, left_osc), (right, right_osc)]
    if any(osc for _, osc in sides):
        return None, "oscillates"
    values = [v for v, _ in sides]
    if any(v is None for v in values):
        return None, "undefined"
    if len(values) == 2 and not _same(*values):
        return None, "sides_differ"
    value = values[0]
    if value is sp.oo:
        return value, "diverges_to_inf"
    if value is -sp.oo:
        return value, "diverges_to_neg_inf"
    return value, "converges"


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    if a.is_infinite or b.is_infinite:
        return a == b
    return sp.simplify(a - b) == 0
