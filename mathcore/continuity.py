"""Continuity and differentiability at a point, with the reason when they fail.

>>> x = sp.Symbol("x", real=True)
>>> c = classify_continuity((x**2 - 1) / (x - 1), x, 1)
>>> (c.kind, c.value, c.left, c.right)
('removable', None, 2, 2)
>>> d = differentiability_at(sp.Max(0, x), x, 0)
>>> (d.differentiable, d.left_derivative, d.right_derivative, d.subgradient)
(False, 0, 1, (0, 1))
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathcore.limits import limit_at
from mathcore.points import Point, as_point, finite_real, value_at

KINDS = ("continuous", "removable", "jump", "infinite", "oscillating")


@dataclass(frozen=True)
class ContinuityResult:
    """Whether f is continuous at a, which of the three conditions hold, and the kind of break.

    ``defined``: f(a) exists; ``limit_exists``: the limit at a exists and is finite (at the edge of
    f's domain, the limit from the side where f is defined); ``equal``: that limit equals f(a).
    """

    point: sp.Expr
    continuous: bool
    kind: str
    value: sp.Expr | None
    left: sp.Expr | None
    right: sp.Expr | None
    defined: bool
    limit_exists: bool
    equal: bool
    one_sided: bool


@dataclass(frozen=True)
class DifferentiabilityResult:
    """One-sided derivatives (limits of the difference quotient) and the derivative if it exists.

    ``subgradient`` is ``(left, right)`` at a convex kink (finite one-sided derivatives with
    left < right): every slope in between is a sub-gradient, e.g. [0, 1] for ReLU at 0.
    """

    point: sp.Expr
    differentiable: bool
    left_derivative: sp.Expr | None
    right_derivative: sp.Expr | None
    derivative: sp.Expr | None
    subgradient: tuple[sp.Expr, sp.Expr] | None


def classify_continuity(expr: sp.Expr, var: sp.Symbol, point: Point) -> ContinuityResult:
    """Check the three conditions of continuity at ``point`` and name the discontinuity.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> classify_continuity(sp.floor(x), x, 2).kind
    'jump'
    >>> classify_continuity(1 / (x + 1), x, -1).kind
    'infinite'
    >>> classify_continuity(sp.sin(1 / x), x, 0).kind
    'oscillating'
    >>> classify_continuity(sp.Max(0, x), x, 0).continuous
    True
    """
    a = as_point(point)
    value = value_at(expr, var, a)
    lim = limit_at(expr, var, a)
    sides = [
        v
        for v, osc in ((lim.left, lim.left_oscillates), (lim.right, lim.right_oscillates))
        if v is not None or osc
    ]
    one_sided = lim.verdict == "undefined" and len(sides) == 1
    # at an edge of f's domain, use the side where f is defined
    limit = sides[0] if one_sided else (lim.value if lim.verdict == "converges" else None)
    limit_exists = finite_real(limit) is not None if limit is not None else False
    equal = limit_exists and value is not None and sp.simplify(limit - value) == 0
    if equal:
        kind = "continuous"
    elif limit_exists:
        kind = "removable"
    elif lim.left_oscillates or lim.right_oscillates:
        kind = "oscillating"
    elif any(v is not None and v.is_infinite for v in (lim.left, lim.right)):
        kind = "infinite"
    elif lim.verdict == "sides_differ":
        kind = "jump"
    else:
        raise NotImplementedError(f"cannot classify the behaviour of {expr} at {a}")
    return ContinuityResult(
        a,
        equal,
        kind,
        value,
        lim.left,
        lim.right,
        value is not None,
        limit_exists,
        equal,
        one_sided,
    )


def differentiability_at(expr: sp.Expr, var: sp.Symbol, point: Point) -> DifferentiabilityResult:
    """One-sided derivatives of ``expr`` at ``point`` as limits of (f(a+h) − f(a))/h.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> d = differentiability_at(sp.Abs(x), x, 0)
    >>> (d.differentiable, d.left_derivative, d.right_derivative, d.subgradient)
    (False, -1, 1, (-1, 1))
    >>> differentiability_at(x**3, x, 2).derivative
    12
    """
    a = as_point(point)
    value = value_at(expr, var, a)
    if value is None or a.is_infinite:
        return DifferentiabilityResult(a, False, None, None, None, None)
    h = sp.Symbol("h", real=True)
    quotient = (expr.subs(var, a + h) - value) / h
    lim = limit_at(quotient, h, 0)
    left, right = finite_real(lim.left), finite_real(lim.right)
    differentiable = lim.verdict == "converges"
    subgradient = None
    if not differentiable and left is not None and right is not None and left < right:
        subgradient = (left, right)
    return DifferentiabilityResult(
        a, differentiable, left, right, lim.value if differentiable else None, subgradient
    )
