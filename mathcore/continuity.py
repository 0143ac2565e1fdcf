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
from typing import TYPE_CHECKING

import sympy as sp

from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.limits import limit_at
from mathcore.points import Point, as_point, finite_real, value_at

if TYPE_CHECKING:  # sampling imports this module: at run time it is imported where it is used
    from mathcore.sampling import Samples

KINDS = ("continuous", "removable", "jump", "infinite", "oscillating", "undefined", "uncertain")
# How f behaves at a as seen by its one-sided derivatives (limits of the difference quotient):
# differentiable; corner (finite, different: |x| at 0); vertical_tangent (both +oo or both -oo:
# x^(1/3) at 0); cusp (+oo and -oo: x^(2/3) at 0); one_sided (f is defined on one side only and
# has a finite one-sided derivative there); oscillating (the quotient oscillates: x sin(1/x));
# discontinuous (f jumps or blows up at a); uncertain (no method agreed with the numbers);
# undefined (f(a) does not exist).
SHAPES = (
    "differentiable",
    "corner",
    "vertical_tangent",
    "cusp",
    "one_sided",
    "oscillating",
    "discontinuous",
    "uncertain",
    "undefined",
)


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
    left_kind: str = "limit"
    right_kind: str = "limit"


@dataclass(frozen=True)
class DifferentiabilityResult:
    """One-sided derivatives (limits of the difference quotient) and the derivative if it exists.

    ``left_derivative``/``right_derivative`` are numbers or ±``oo`` (a vertical tangent or a
    cusp), ``None`` where the one-sided quotient has no limit or f is undefined on that side.
    ``subgradient`` is ``(left, right)`` at a convex kink (finite one-sided derivatives with
    left < right): every slope in between is a sub-gradient, e.g. [0, 1] for ReLU at 0.
    ``shape`` is one of :data:`SHAPES`.
    """

    point: sp.Expr
    differentiable: bool
    left_derivative: sp.Expr | None
    right_derivative: sp.Expr | None
    derivative: sp.Expr | None
    subgradient: tuple[sp.Expr, sp.Expr] | None
    shape: str = "differentiable"


@dataclass(frozen=True)
class ContinuityAnalysis:
    """Everything the continuity page shows for f at a: one record, one bounded call.

    ``continuity`` checks the three conditions at a and names the break. ``differentiability``
    gives the one-sided derivatives where f is continuous at a (a kink, a vertical tangent, a
    cusp: their half-tangents are drawn), ``None`` where it is not (a break has no tangent).
    ``curve`` samples f on ``window`` = a ± half_width, crowded toward a, with no line across a
    jump or a pole.
    """

    expr: sp.Expr
    point: sp.Expr
    continuity: ContinuityResult
    differentiability: DifferentiabilityResult | None
    window: tuple[float, float]
    curve: Samples


def continuity_analysis(
    expr: sp.Expr, var: sp.Symbol, point: Point, half_width: float = 3.0, n: int = 1000
) -> ContinuityAnalysis:
    """The three conditions of continuity at a, the kind of break, the one-sided derivatives
    where f is continuous, and f sampled around a.

    Parameters
    ----------
    expr, var : f and its variable.
    point : a, a finite real number.
    half_width : the window drawn is a ± half_width (in x's units).
    n : even samples of f across the window (more are added toward a and at breaks).

    Returns
    -------
    ContinuityAnalysis
        ``curve.x``, ``curve.y``: arrays of the same shape (m,), m ≥ n (points crowd toward a,
        at breaks and where the line is refined), in x's and f's units; ``nan`` in ``y`` where
        f is undefined and at every break.

    Raises
    ------
    InputError
        ``not_finite`` when a is ±∞ (continuity is a property at a number).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = continuity_analysis(sp.Max(0, x), x, 0)
    >>> found.continuity.kind, found.window
    ('continuous', (-3.0, 3.0))
    >>> kink = found.differentiability
    >>> kink.differentiable, kink.left_derivative, kink.right_derivative, kink.subgradient
    (False, 0, 1, (0, 1))
    >>> found = continuity_analysis(sp.floor(x), x, 2, half_width=1.0, n=201)
    >>> found.continuity.kind, found.continuity.left, found.differentiability
    ('jump', 1, None)
    >>> found.curve.breaks, found.curve.x.shape == found.curve.y.shape
    ((1.0, 2.0, 3.0), True)
    """
    from mathcore.sampling import sample_windows  # sampling imports this module

    a = as_point(point)
    if a.is_infinite:
        raise InputError("not_finite", "the point must be finite here")
    continuity = classify_continuity(expr, var, a)
    smooth = differentiability_at(expr, var, a) if continuity.continuous else None
    window = (float(a) - half_width, float(a) + half_width)
    (curve,) = sample_windows(expr, var, [window], n, focus=float(a))
    return ContinuityAnalysis(expr, a, continuity, smooth, window, curve)


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
    >>> classify_continuity(sp.sin(1 / x) / x, x, 0).kind  # oscillates without bound
    'oscillating'
    """
    a = as_point(point)
    value = value_at(expr, var, a)
    lim = limit_at(expr, var, a)
    sides = [
        v
        for v, osc in ((lim.left, lim.left_oscillates), (lim.right, lim.right_oscillates))
        if v is not None or osc
    ]
    one_sided = (
        lim.verdict == "undefined"
        and len(sides) == 1
        and "uncertain"
        not in (
            lim.left_kind,
            lim.right_kind,
        )
    )
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
    elif "uncertain" in (lim.left_kind, lim.right_kind):
        kind = "uncertain"
    else:  # f has no real values on either side near a (and no limit to speak of)
        kind = "undefined"
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
        lim.left_kind,
        lim.right_kind,
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
    >>> cube_root = sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)
    >>> d = differentiability_at(cube_root, x, 0)
    >>> (d.differentiable, d.left_derivative, d.right_derivative, d.shape)
    (False, oo, oo, 'vertical_tangent')
    >>> differentiability_at(sp.Abs(x) ** sp.Rational(2, 3), x, 0).shape
    'cusp'
    >>> d = differentiability_at(sp.Max(x, x**2), x, 1)
    >>> (d.left_derivative, d.right_derivative, d.subgradient, d.shape)
    (1, 2, (1, 2), 'corner')
    """
    a = as_point(point)
    value = value_at(expr, var, a)
    if value is None or a.is_infinite:
        return DifferentiabilityResult(a, False, None, None, None, None, "undefined")
    h = sp.Symbol("h", real=True)
    quotient = (expr.subs(var, a + h) - value) / h
    lim = _second_method(expr, var, a, value, limit_at(quotient, h, 0))
    left, right = lim.left, lim.right
    differentiable = lim.verdict == "converges"
    subgradient = None
    finite = [finite_real(v) for v in (left, right)]
    if not differentiable and None not in finite and bool(finite[0] < finite[1]):
        subgradient = (left, right)
    shape = "differentiable" if differentiable else _shape(expr, var, a, value, lim)
    return DifferentiabilityResult(
        a, differentiable, left, right, lim.value if differentiable else None, subgradient, shape
    )


def _second_method(expr, var, a, value, quotient):
    """Where the difference quotient's limit is uncertain on a side, use the limit of f′ there.

    If f is continuous at a from that side and f′(x) → L as x → a from it, the one-sided
    derivative is L (finite or ±∞) — by the mean value theorem, (f(a+h) − f(a))/h = f′(ξ) for a ξ
    between a and a + h (Spivak, *Calculus*, ch. 11, problem 11.31)."""
    if "uncertain" not in (quotient.left_kind, quotient.right_kind):
        return quotient
    try:
        slope = limit_at(sp.diff(expr, var), var, a)
    except SYMPY_FAILURES:
        return quotient
    f = limit_at(expr, var, a)
    sides = {}
    for name in ("left", "right"):
        kind = getattr(quotient, f"{name}_kind")
        limit_f, slope_kind = getattr(f, name), getattr(slope, f"{name}_kind")
        continuous = limit_f is not None and limit_f.is_finite and _equal(limit_f, value)
        if kind == "uncertain" and slope_kind == "limit" and continuous:
            sides[name] = getattr(slope, name)
            sides[f"{name}_kind"] = "limit"
    if not sides:
        return quotient
    fields = {**quotient.__dict__, **sides}
    fields["left_oscillates"] = fields["left_kind"] in ("oscillates", "unbounded")
    fields["right_oscillates"] = fields["right_kind"] in ("oscillates", "unbounded")
    both = [fields["left"], fields["right"]]
    kinds = (fields["left_kind"], fields["right_kind"])
    if kinds == ("limit", "limit") and None not in both:
        same = both[0] == both[1] if any(v.is_infinite for v in both) else _equal(*both)
        fields["value"] = both[0] if same else None
        fields["verdict"] = (
            "sides_differ"
            if not same
            else {sp.oo: "diverges_to_inf", -sp.oo: "diverges_to_neg_inf"}.get(both[0], "converges")
        )
    return type(quotient)(**fields)


def _shape(expr, var, a, value, quotient) -> str:
    """Name what the one-sided derivatives say when f′(a) does not exist."""
    kinds = (quotient.left_kind, quotient.right_kind)
    if "uncertain" in kinds:
        return "uncertain"
    sides = zip((quotient.left, quotient.right), kinds, strict=True)
    slopes = [v for v, k in sides if k == "limit"]
    oscillating = any(k in ("oscillates", "unbounded") for k in kinds)
    if oscillating or any(v.is_infinite for v in slopes):
        # an infinite or oscillating slope is a break unless f is continuous there: the quotient
        # of sin(1/x) with f(0) = 0 oscillates because f itself does
        f = limit_at(expr, var, a)
        if any(s is not None and not (s.is_finite and _equal(s, value)) for s in (f.left, f.right)):
            return "discontinuous"
        if any(k in ("oscillates", "unbounded", "uncertain") for k in (f.left_kind, f.right_kind)):
            return "discontinuous"
    if oscillating:
        return "oscillating"
    if not slopes:
        return "undefined"  # no one-sided slope at all: f has no values beside a
    if len(slopes) == 1:
        return "vertical_tangent" if slopes[0].is_infinite else "one_sided"
    left, right = slopes
    if left.is_infinite and right.is_infinite:
        return "vertical_tangent" if left == right else "cusp"
    return "corner"


def _equal(limit: sp.Expr, value: sp.Expr) -> bool:
    return abs(float(limit) - float(value)) <= 1e-12 * max(1.0, abs(float(value)))
