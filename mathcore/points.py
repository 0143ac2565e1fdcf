"""Shared helpers for points and numeric values: exact SymPy points, finite-real checks, evaluation.

>>> as_point(0.5), as_point(float("inf")), as_point(-1)
(1/2, oo, -1)
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp

from mathcore.errors import EVALUATION_FAILURES, SYMPY_FAILURES

Point = int | float | sp.Expr


def as_point(point: Point) -> sp.Expr:
    """An exact SymPy number for ``point`` (floats by their decimal text, ``inf`` as ``oo``)."""
    if isinstance(point, sp.Basic):
        return point
    if isinstance(point, float):
        if math.isinf(point):
            return sp.oo if point > 0 else -sp.oo
        return sp.Rational(repr(point))
    return sp.Integer(point)


def finite_real(value: sp.Expr) -> sp.Expr | None:
    """``value`` if it is a finite real number, else ``None`` (for ``nan``, ``zoo``, ``I``, …).

    >>> finite_real(sp.Integer(2)), finite_real(sp.zoo), finite_real(sp.I), finite_real(sp.oo)
    (2, None, None, None)
    """
    if isinstance(value, sp.Expr) and value.is_number and value.is_finite and value.is_real:
        return value
    return None


def value_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> sp.Expr | None:
    """f(point) when it is a finite real number, else ``None`` (undefined there).

    >>> x = sp.Symbol("x", real=True)
    >>> value_at((x**2 - 1) / (x - 1), x, sp.Integer(1)) is None, value_at(sp.Abs(x), x, -2)
    (True, 2)
    """
    try:
        return finite_real(sp.simplify(expr.subs(var, point)))
    except SYMPY_FAILURES:  # e.g. Max(0, zoo): SymPy cannot even build f(point)
        return None


def finite_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> bool:
    """Is f(point) a finite real number? Like :func:`value_at` without simplifying (fast).

    >>> x = sp.Symbol("x", real=True)
    >>> finite_at(1 / x, x, sp.Integer(0)), finite_at(sp.Max(0, sp.tan(x)), x, sp.pi / 2)
    (False, False)
    """
    try:
        return finite_real(expr.subs(var, point)) is not None
    except SYMPY_FAILURES:
        return False


def _real_only(fn):
    """``fn`` on real numbers only: √ and ln of a negative number are undefined in a real course
    (so x/|√(x² − 1)| has no values for |x| < 1, although |i·y| would be real)."""

    def real(v, *rest):
        if isinstance(v, mpmath.mpc) and v.imag != 0:
            raise ValueError("not real")
        v = v.real if isinstance(v, mpmath.mpc) else v
        if fn is not abs and v < 0:
            raise ValueError("not real")
        return fn(v, *rest)

    return real


REAL_FUNCTIONS = {  # lambdify namespace: mpmath, real-valued where the course is
    "sqrt": _real_only(mpmath.sqrt),
    "log": _real_only(mpmath.log),
    "abs": _real_only(abs),
}


def numeric(expr: sp.Expr, var: sp.Symbol, points, digits: int = 30) -> list[float]:
    """f at each point (exact SymPy points are kept exact to ``digits`` digits), as floats.

    ``nan`` where f is undefined or not real; ``±inf`` beyond the float range.

    >>> x = sp.Symbol("x", real=True)
    >>> numeric(sp.sqrt(x), x, [4, -1])
    [2.0, nan]
    """
    f = sp.lambdify(var, expr.xreplace({sp.zoo: sp.nan}), modules=[REAL_FUNCTIONS, "mpmath"])
    out = []
    with mpmath.workdps(digits):
        for p in points:
            arg = mpmath.mpf(str(sp.N(p, digits))) if isinstance(p, sp.Basic) else p
            try:
                v = mpmath.mpmathify(f(arg))
            except EVALUATION_FAILURES:
                out.append(math.nan)
                continue
            real, imag = mpmath.re(v), mpmath.im(v)
            real_valued = abs(imag) <= 1e-12 * max(1, abs(real)) and not mpmath.isnan(real)
            out.append(float(real) if real_valued else math.nan)  # overflow gives ±inf
    return out
