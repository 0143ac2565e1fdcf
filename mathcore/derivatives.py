"""Derivatives that stay honest at kinks, tangent lines, difference quotients.

``sympy.diff(Max(0, x), x)`` is ``Heaviside(x)``, which SymPy evaluates to 1/2 at 0 although ReLU
has no derivative there. :func:`derivative` differentiates each branch of a piecewise function on
the *open* pieces and defines the derivative at a piece boundary only where both one-sided
derivatives agree, so the answer is undefined (``nan``) exactly where f is not differentiable.

>>> x = sp.Symbol("x", real=True)
>>> derivative(sp.Max(0, x), x)
Piecewise((0, x < 0), (1, x > 0))
>>> derivative(sp.Max(0, x), x).subs(x, 0)
nan
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp
from sympy.functions.elementary.trigonometric import TrigonometricFunction

from mathcore.continuity import DifferentiabilityResult, differentiability_at
from mathcore.errors import EVALUATION_FAILURES, SYMPY_FAILURES, InputError
from mathcore.limits import LimitResult, limit_at
from mathcore.points import REAL_FUNCTIONS, Point, as_point, finite_at, finite_real, numeric
from mathcore.sampling import Samples, broken_at, sample_function

_KINKED = (sp.Abs, sp.Max, sp.Min, sp.sign, sp.Heaviside, sp.Piecewise)


@dataclass(frozen=True)
class TangentLine:
    """The tangent y = slope·x + intercept to f at (point, value)."""

    point: sp.Expr
    value: sp.Expr
    slope: sp.Expr
    intercept: sp.Expr


H_STEPS = (1.0, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-4, 1e-6)  # the secant chart's h, its frames


@dataclass(frozen=True)
class DerivativesAnalysis:
    """Everything the derivatives page shows for f at a: one record, one bounded call.

    ``hs`` are the secant chart's steps (its frames, in x's units); ``slopes`` holds the
    difference quotient (f(a + h) − f(a))/h for every h in ``hs`` and every −h (``nan`` where
    f(a) or f(a + h) does not exist). ``value`` is f(a) as a float (``nan``: no value).
    ``tangent`` is ``None`` where f′(a) does not exist; ``differentiability`` then says why (it is
    ``None`` when there is a tangent). ``slope_limit`` is lim f′ at a where the tangent exists
    (f′ may exist at a and still oscillate there: x² sin(1/x)). ``curve`` and
    ``derivative_curve`` sample f and f′ on ``window``; ``steps`` are the named rule steps
    (``None`` where SymPy's steps do not reach). ``tangent_points`` (a grid across the window,
    through a), ``tangent_values`` (f there) and ``tangent_slopes`` (f′ there, ``nan`` where f
    has no derivative) are what the browser explores: the tangent moving along f.
    """

    expr: sp.Expr
    point: sp.Expr
    value: float
    derivative: sp.Expr
    tangent: TangentLine | None
    differentiability: DifferentiabilityResult | None
    slope_limit: LimitResult | None
    steps: object | None  # a diffsteps.DerivativeStep (imported late: diffsteps imports this)
    hs: tuple[float, ...]
    slopes: dict[float, float]
    window: tuple[float, float]
    curve: Samples
    derivative_curve: Samples
    tangent_points: np.ndarray
    tangent_values: np.ndarray
    tangent_slopes: np.ndarray


TANGENT_POINTS = 49  # the tangent explorer's grid: a ± 3 in steps of 1/8, a in the middle


def derivatives_analysis(
    expr: sp.Expr,
    var: sp.Symbol,
    point: Point,
    hs: Sequence[float] = H_STEPS,
    half_width: float = 3.0,
    n: int = 600,
) -> DerivativesAnalysis:
    """f′, the tangent at a (or why there is none), the secant slopes for every h, the rule
    steps, and f and f′ sampled around a.

    Parameters
    ----------
    expr, var : f and its variable.
    point : a, a finite real number.
    hs : the positive steps h of the secant chart; the slopes are found for h and −h.
    half_width : the window drawn is a ± half_width.
    n : samples of f and of f′ across the window.

    Returns
    -------
    DerivativesAnalysis
        ``curve.x``, ``curve.y`` (and the same for ``derivative_curve``): arrays of shape (n,)
        or slightly more (points are added at breaks), in x's and f's units.
        ``tangent_points``, ``tangent_values``, ``tangent_slopes``: shape (49,), x's units, f's
        units and f's units per x unit.

    Raises
    ------
    InputError
        ``not_finite`` when a is ±∞ (a derivative is taken at a number).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = derivatives_analysis(x**2, x, 1, hs=(0.5,))
    >>> found.derivative, found.tangent.slope, found.slopes
    (2*x, 2, {0.5: 2.5, -0.5: 1.5})
    >>> found = derivatives_analysis(sp.Abs(x), x, 0, hs=(0.1,))
    >>> smooth = found.differentiability
    >>> found.tangent is None, smooth.left_derivative, smooth.right_derivative, smooth.subgradient
    (True, -1, 1, (-1, 1))
    """
    from mathcore.diffsteps import derivative_steps  # diffsteps builds on this module

    a = as_point(point)
    if a.is_infinite:
        raise InputError("not_finite", "the point must be finite here")
    d1 = derivative(expr, var)
    smooth = differentiability_at(expr, var, a)
    try:
        tangent = tangent_line(expr, var, a, differentiability=smooth)
    except InputError:
        tangent = None
    try:
        steps = derivative_steps(expr, var, result=d1)
    except NotImplementedError:
        steps = None
    signed = tuple(float(h) for h in hs) + tuple(-float(h) for h in hs)
    lo, hi = float(a) - half_width, float(a) + half_width
    grid = np.linspace(lo, hi, TANGENT_POINTS)
    grid[TANGENT_POINTS // 2] = float(a)  # exactly a, not a float a hair beside it
    values = np.array(numeric(expr, var, grid, digits=17))
    values[~np.isfinite(values)] = np.nan  # ln 0 = −∞ in mpmath: no value, no tangent there
    return DerivativesAnalysis(
        expr=expr,
        point=a,
        # f(a) exactly: a float π/2 would give tan x a value of 10¹⁶ where f has none
        value=numeric(expr, var, [a])[0] if finite_at(expr, var, a) else float("nan"),
        derivative=d1,
        tangent=tangent,
        differentiability=None if tangent is not None else smooth,
        slope_limit=limit_at(d1, var, a) if tangent is not None else None,
        steps=steps,
        hs=tuple(float(h) for h in hs),
        slopes=difference_quotients(expr, var, a, signed),
        window=(lo, hi),
        curve=(curve := sample_function(expr, var, lo, hi, n)),
        derivative_curve=broken_at(sample_function(d1, var, lo, hi, n), curve.breaks),
        tangent_points=grid,
        tangent_values=values,
        tangent_slopes=np.where(
            np.isfinite(values), _slopes_along(expr, d1, var, grid, a, tangent), np.nan
        ),
    )


def _slopes_along(expr, d1, var, grid: np.ndarray, a, tangent) -> np.ndarray:
    """f′ at each grid point: f′'s formula where it has a value; at a the page's own answer
    (``tangent``); elsewhere where the formula has none but f has a value (SymPy's derivative
    of max(∛x, cos x) is nan at 0 although f′(0) = 0), the one-sided difference quotients at
    h = ±10⁻²⁰, ±10⁻³⁰ (50 digits) when all four agree to 10⁻⁶ (relative, or absolute below 1),
    else nan (a kink, a vertical tangent: x^(1/3) at 0 gives 4.6 × 10¹³ and 10²⁰)."""
    slopes = np.array(numeric(d1, var, grid, digits=17))
    for i, x in enumerate(grid):
        if x == float(a):
            slopes[i] = float(tangent.slope) if tangent is not None else np.nan
        elif not np.isfinite(slopes[i]) and finite_at(expr, var, as_point(float(x))):
            try:
                q = [difference_quotient(expr, var, float(x), h) for h in _PROBES]
            except InputError:
                continue
            if np.isfinite(q).all() and np.ptp(q) <= 1e-6 * max(1.0, abs(q[-1])):
                slopes[i] = q[-1]
    return slopes


_PROBES = (1e-20, -1e-20, 1e-30, -1e-30)


def derivative(expr: sp.Expr, var: sp.Symbol, order: int = 1) -> sp.Expr:
    """The ``order``-th derivative of ``expr``, undefined where f is not differentiable.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> derivative(4*x**3 - 2*x**2 + x - 7, x)
    12*x**2 - 4*x + 1
    >>> derivative(sp.Abs(x), x)
    Piecewise((1, x > 0), (-1, x < 0))
    >>> derivative(x * sp.Abs(x), x)
    Piecewise((0, Eq(x, 0)), (2*x, x > 0), (-2*x, x < 0))
    >>> derivative(sp.sin(x), x, order=2)
    -sin(x)
    """
    if order < 1:
        raise ValueError(f"order must be at least 1, not {order}")
    result = expr
    for _ in range(order):
        try:
            result = _differentiate(result, var)
        except SYMPY_FAILURES as exc:  # e.g. Max(∛x, cos x): SymPy's Piecewise rewrite fails
            if isinstance(exc, NotImplementedError):
                raise
            raise NotImplementedError(f"SymPy cannot differentiate {result}") from exc
    return result


def partial_derivatives(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """∂expr/∂v for each variable v, each by :func:`derivative` (the others held fixed).

    >>> w, b = sp.symbols("w b", real=True)
    >>> partial_derivatives((2*w + b - 5)**2, [w, b])
    {w: 4*b + 8*w - 20, b: 2*b + 4*w - 10}
    """
    return {v: derivative(expr, v) for v in variables}


def tangent_line(
    expr: sp.Expr,
    var: sp.Symbol,
    point: Point,
    *,
    differentiability: DifferentiabilityResult | None = None,
) -> TangentLine:
    """The tangent line at ``point``; :class:`InputError` ``not_differentiable`` if there is none.

    ``differentiability``: what :func:`differentiability_at` says of f at ``point``, when the
    caller has it already (the page needs it anyway where there is no tangent).

    >>> x = sp.Symbol("x", real=True)
    >>> t = tangent_line(x**2, x, 3)
    >>> (t.value, t.slope, t.intercept)
    (9, 6, -9)
    """
    d = differentiability or differentiability_at(expr, var, point)
    a = as_point(point)
    if not d.differentiable:
        raise InputError("not_differentiable", f"f has no derivative at {a}", {"point": str(a)})
    value = finite_real(sp.simplify(expr.subs(var, a)))
    return TangentLine(a, value, d.derivative, sp.simplify(value - d.derivative * a))


def difference_quotient(expr: sp.Expr, var: sp.Symbol, point: Point, h: float) -> float:
    """(f(a+h) − f(a)) / h, computed with 50 digits so tiny h does not cancel away.

    >>> x = sp.Symbol("x", real=True)
    >>> difference_quotient(x**2, x, 3, 0.1), difference_quotient(x**2, x, 3, 1e-9)
    (6.1, 6.000000001)
    """
    a, step = as_point(point), as_point(h)
    f = sp.lambdify(var, expr, modules=[REAL_FUNCTIONS, "mpmath"])  # √, ln real only
    with mpmath.workdps(50):
        start = mpmath.mpf(str(sp.N(a, 50)))
        width = mpmath.mpf(str(sp.N(step, 50)))
        try:
            fa = f(start)
        except EVALUATION_FAILURES as exc:
            raise InputError("undefined", f"f is not defined at {a}", {"point": str(a)}) from exc
        try:
            q = (f(start + width) - fa) / width
        except EVALUATION_FAILURES:
            return float("nan")  # f(a + h) does not exist (√ of a negative, a pole)
        if not mpmath.isfinite(q) or abs(mpmath.im(q)) >= 1e-30:
            return float("nan")  # ln 0 = −∞ in mpmath: f(a + h) does not exist, no quotient
        return float(mpmath.re(q))


def difference_quotients(
    expr: sp.Expr, var: sp.Symbol, point: Point, steps: Sequence[float]
) -> dict[float, float]:
    """(f(a+h) − f(a))/h for each h in ``steps``, ``nan`` where f(a) or f(a+h) does not exist.

    Parameters
    ----------
    expr, var : f and its variable.
    point : a, a finite real number.
    steps : the h values (positive and negative), in x's units.

    Returns
    -------
    ``{h: quotient}`` as floats (50-digit evaluation, like :func:`difference_quotient`).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> difference_quotients(1 / (x + 1), x, 1, [1.0, -2.0])  # f(−1) does not exist
    {1.0: -0.16666666666666666, -2.0: nan}
    >>> difference_quotients(1 / x, x, 0, [0.5])  # f(0) does not exist: no quotient at all
    {0.5: nan}
    >>> difference_quotients(sp.tan(x), x, sp.pi / 2, [0.5])  # not 10¹⁶ from a rounded π/2
    {0.5: nan}
    """
    if not finite_at(expr, var, as_point(point)):
        return {h: float("nan") for h in steps}
    out = {}
    for h in steps:
        try:
            out[h] = difference_quotient(expr, var, point, h)
        except InputError:
            out[h] = float("nan")
    return out


def _differentiate(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    pieces = _pieces(expr, var)
    if pieces is None:
        return _tidy(sp.diff(expr, var), var)
    branches, boundaries = [], set()
    for branch, region, boundary in pieces:
        boundaries |= {p for p in boundary if p.is_finite}
        if branch.has(sp.zoo, sp.nan):
            continue  # f is undefined on this piece (|x|/max(0, x+2) for x < −2): so is f′
        if region.interior is not sp.S.EmptySet:
            branches.append((_tidy(sp.diff(branch, var), var), region.interior.as_relational(var)))
    at_boundaries = []
    for b in sorted(boundaries):
        d = differentiability_at(expr, var, b)
        if d.differentiable:
            at_boundaries.append((d.derivative, sp.Eq(var, b)))
    return sp.Piecewise(*at_boundaries, *branches)


def _step(u: sp.Expr) -> sp.Piecewise:
    """Heaviside(u) as 0 for u < 0, 1 for u > 0, undefined at u = 0 (no sign() inside the
    conditions: a Piecewise inside a relational is one SymPy cannot rewrite)."""
    return sp.Piecewise((0, u < 0), (1, u > 0))


def _pieces(expr: sp.Expr, var: sp.Symbol):
    """``[(branch, region, boundary)]``, disjoint real regions; ``None`` when f has no kinks."""
    if not expr.has(*_KINKED):
        return None
    if any(c.has(TrigonometricFunction) for p in expr.atoms(sp.Piecewise) for _, c in p.args):
        # periodic conditions already (f′ of max(∛x, cos x)): the folded ones would have them
        # too, and folding spends 0.85 s simplifying them to be refused below
        return None
    folded = sp.piecewise_fold(expr.rewrite(sp.Piecewise))
    if not isinstance(folded, sp.Piecewise):
        return None
    if any(c.has(TrigonometricFunction) for _, c in folded.args):
        return None  # periodic pieces: SymPy cannot write their regions as sets (and is slow)
    covered, pieces = sp.S.EmptySet, []
    try:
        for branch, condition in folded.args:
            region = (condition.as_set() & sp.S.Reals) - covered
            if region.has(sp.ConditionSet):
                return None  # regions SymPy cannot solve for: no boundary points to examine
            covered = covered | region
            pieces.append((branch, region, region.boundary))
    except SYMPY_FAILURES:
        return None
    return pieces


def _tidy(d: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """Replace step-function artefacts by piecewise forms undefined at the step; simplify.

    Raises ``NotImplementedError`` when SymPy left a derivative unevaluated."""
    d = d.replace(  # sign(u) and floor(u) are locally constant: 0 where they do not jump
        lambda e: isinstance(e, sp.Derivative) and isinstance(e.expr, sp.sign),
        lambda e: sp.Piecewise((0, sp.Ne(e.expr.args[0], 0))),
    )
    d = d.replace(sp.Heaviside, lambda u, *_: _step(u.replace(sp.sign, lambda v: v / sp.Abs(v))))
    d = d.replace(sp.sign, lambda u: sp.Piecewise((-1, u < 0), (1, u > 0)))
    d = d.replace(sp.DiracDelta, lambda u, *_: sp.Piecewise((0, sp.Ne(u, 0))))
    d = d.replace(
        lambda e: isinstance(e, sp.Derivative) and isinstance(e.expr, (sp.floor, sp.ceiling)),
        lambda e: sp.Piecewise((0, sp.Ne(e.expr, e.expr.args[0]))),
    )
    d = d.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.doit())  # floor(x/2)' = …(x/2)
    if d.has(sp.Derivative):
        raise NotImplementedError(f"SymPy cannot differentiate {d}")
    if d.has(sp.Piecewise) or sp.count_ops(d) > 80:
        return d
    simpler = sp.simplify(d)  # only when clearly shorter: x²cos x + 2x sin x reads better as is
    return simpler if sp.count_ops(simpler) < 0.7 * sp.count_ops(d) else d
