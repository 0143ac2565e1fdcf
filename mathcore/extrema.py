"""Critical points and what kind they are: f'(x) = 0 or f' undefined, then the deciding test.

A critical point is a point c where f is defined and f'(c) = 0 (``stationary``)
or f'(c) does not exist, and which is **isolated**: a point with f constant on both sides (inside a
flat stretch, or a jump between two flat stretches) is one of a continuum of critical points and
is not listed. So a step function (floor, ceiling, sign, Heaviside and their compositions — f' = 0
wherever it exists) has no critical points to list (:func:`piecewise_constant` says so), while
ReLU's corner, where a flat stretch meets a rising one, is listed. A jump where f(c) exists is a
critical point too (f'(c) does not exist); the derivative tests say nothing there, so its kind is
decided by comparing f(c) with the values just beside it (test ``"values"``): {x<0: x²+1, x²} has
a local minimum at 0, the sawtooth x − ⌊x⌋ one at each integer.

Candidates are the zeros of f' on the open pieces, and every point where a piece switches anywhere
in the formula (:func:`switch_points`); at a switch point the one-sided derivatives, as difference
quotients in 80-digit arithmetic, decide whether f'(c) is 0, does not exist, or is some other
number (then c is no critical point).

>>> x = sp.Symbol("x", real=True)
>>> [(p.x, p.y, p.kind, p.test) for p in critical_points(x**2 - 4*x + 3, x)]
[(2, -1, 'local_min', 'second_derivative')]
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from itertools import combinations, product

import mpmath
import numpy as np
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.errors import SYMPY_FAILURES
from mathcore.points import REAL_FUNCTIONS, numeric, value_at
from mathcore.sampling import numpy_function
from mathcore.timelimit import TimeLimitExceeded, time_limit

KINDS = ("local_min", "local_max", "neither")
TESTS = ("second_derivative", "first_derivative", "values")
DEFAULT_WINDOW = (-10, 10)
_GRID = 4001
SWITCH_SECONDS = 0.5  # for finding where f's pieces switch
SOLVE_SECONDS = 1.0  # SymPy's share of the work, all solves together; then numeric searches
MAX_STEPS = 400  # floor/ceiling crossings examined at most (beyond: f jumps more than we draw)
_DIGITS = 80  # one-sided difference quotients with h = 1e-20 … 1e-40 need ~80 digits
_STEP_KINDS = (sp.Abs, sp.sign, sp.Heaviside)


@dataclass(frozen=True)
class CriticalPoint:
    """A point where f'(x) = 0 (``stationary``) or f' does not exist although f does.

    ``test`` is the test that decided ``kind``; ``numeric`` is True when the point was found by
    numeric root finding (``x`` is then a float, accurate to about 1e-12)."""

    x: sp.Expr
    y: sp.Expr
    kind: str
    test: str
    stationary: bool
    numeric: bool


def critical_points(
    expr: sp.Expr, var: sp.Symbol, interval: tuple[float, float] | None = None
) -> list[CriticalPoint]:
    """Critical points of ``expr`` in the open ``interval`` (default: all, but only those in
    (−10, 10) when there are infinitely many), sorted by x.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> [(p.x, p.kind, p.test) for p in critical_points(x**4, x)]
    [(0, 'local_min', 'first_derivative')]
    >>> [(p.x, p.kind) for p in critical_points(x**3, x)]
    [(0, 'neither')]
    >>> [(p.x, p.kind, p.stationary) for p in critical_points(sp.Abs(x), x)]
    [(0, 'local_min', False)]
    >>> [(p.x, p.kind) for p in critical_points(sp.Max(0, x), x)]  # ReLU: flat, then rising
    [(0, 'local_min')]
    >>> len(critical_points(sp.sin(x), x))  # 6 in the default window (-10, 10)
    6
    >>> [(p.x, p.kind, p.stationary) for p in critical_points(x**2 + sp.Abs(x)**3, x)]
    [(0, 'local_min', True)]
    >>> [(p.x, p.kind) for p in critical_points(sp.Max(x, x**2), x)]  # two corners
    [(0, 'local_min'), (1, 'neither')]
    >>> critical_points(sp.floor(x)**2, x)  # f' = 0 wherever it exists: nothing isolated
    []
    """
    d1 = derivative(expr, var)
    if piecewise_constant(expr, var, d1):
        return []
    window = sp.Interval.open(*(interval or DEFAULT_WINDOW))
    domain = sp.Interval.open(*interval) if interval else sp.S.Reals
    # switch points first, with their own share: where pieces meet is where the traps are
    # ({x ≠ 0: x² sin(1/x), 0} at 0), and the search for f' = 0 may use up its whole time
    switches = set(_switches(expr, d1, var, domain, window, time.monotonic() + SWITCH_SECONDS))
    budget = time.monotonic() + SOLVE_SECONDS
    found = _stationary(d1, var, domain, window, budget)
    numeric_search = found is None
    if numeric_search:
        found = _numeric_roots(d1, var, window)
    # a numeric root at a switch point (the grid point 0.0 where f' is exactly 0) is that point
    stationary = {r for r in found if all(abs(float(r - s)) > 1e-12 for s in switches)}
    everything = sorted(stationary | switches, key=float)
    f = _mp_function(expr, var)
    result = []
    for i, c in enumerate(everything):
        previous = everything[i - 1] if i else None
        following = everything[i + 1] if i + 1 < len(everything) else None
        gap = min([abs(float(c - p)) for p in (previous, following) if p is not None] + [1e-3])
        point = _critical_point(expr, d1, f, var, c, gap, c in stationary)
        if point is not None:
            result.append(point)
    return result


def piecewise_constant(expr: sp.Expr, var: sp.Symbol, d1: sp.Expr | None = None) -> bool:
    """Is f' = 0 wherever it exists (f constant between jumps: a step function)?

    Then every point of f's domain is a critical point and none is isolated. ``d1`` is f' when
    the caller has it already.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> piecewise_constant(sp.floor(x)**2, x), piecewise_constant(sp.sign(x - 1) + 2, x)
    (True, True)
    >>> piecewise_constant(x - sp.floor(x), x), piecewise_constant(sp.Max(0, x), x)
    (False, False)
    """
    d1 = derivative(expr, var) if d1 is None else d1
    return _off_the_steps(d1) == 0


def switch_points(
    expr: sp.Expr, var: sp.Symbol, interval: tuple[float, float] | None = None
) -> list[sp.Expr]:
    """Where a piece of ``expr`` switches, anywhere in the formula, in the open ``interval``
    (default: all, but only those in (−10, 10) when there are infinitely many).

    Zeros of the arguments of Abs, sign and Heaviside; where two arguments of Max or Min are
    equal; boundaries of Piecewise conditions; where a floor or ceiling argument is an integer
    (at most :data:`MAX_STEPS`); zeros of the base of a fractional power. Exact where SymPy
    solves the equation in time, else floats from a numeric search.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> switch_points(x * sp.Abs(x - 1) + sp.Max(x, x**2), x)
    [0, 1]
    >>> switch_points(sp.exp(sp.Abs(sp.sin(x))), x, (-4, 4))
    [-pi, 0, pi]
    >>> switch_points(sp.floor(x / 2), x, (-3, 3))
    [-2, 0, 2]
    """
    window = sp.Interval.open(*(interval or DEFAULT_WINDOW))
    domain = sp.Interval.open(*interval) if interval else sp.S.Reals
    points = _switch_equations(expr, var, domain, window, time.monotonic() + SOLVE_SECONDS)
    return sorted(points, key=float)


def _critical_point(expr, d1, f, var, c, gap, stationary) -> CriticalPoint | None:
    """``c`` as a critical point, or ``None`` when it is none (f undefined or jumping there, f'(c)
    a nonzero number, f flat on both sides)."""
    local = _one_sided(f, c)
    if local is None:
        return None
    if not local.continuous:
        return _jump_point(expr, f, var, c)
    if not stationary:
        left, right = local.left, local.right
        exists = math.isfinite(left) and abs(left - right) <= 1e-9 * max(1.0, abs(left))
        if exists and abs(left) > 1e-12:
            return None  # differentiable with f'(c) ≠ 0: an ordinary point
        stationary = exists
    found_numerically = isinstance(c, sp.Float)
    at = sp.Float(c, 15) if found_numerically else c
    y = value_at(expr, var, at)
    if y is None:
        return None
    verdict = _classify(d1, f, var, c, gap, local.curvature if stationary else math.nan)
    if verdict is None:
        return None  # flat on both sides
    kind, test = verdict
    return CriticalPoint(at, y, kind, test, stationary, found_numerically)


def _jump_point(expr, f, var, c) -> CriticalPoint | None:
    """A jump at c where f(c) exists: f'(c) does not exist, so c is a critical point; the derivative
    tests say nothing there, so f(c) is compared with f just beside it (h = 10⁻²⁰, 10⁻³⁰ at 80
    digits): above f(c) on both sides a local minimum, below on both a local maximum (at most
    one side level with f(c): not strict), else neither. ``None`` if f is level on both sides."""
    with mpmath.workdps(_DIGITS):
        a = mpmath.mpf(str(sp.N(c, _DIGITS)))
        fa = _evaluate(f, a)
        signs = []
        for side in (-1, 1):
            beside = [_evaluate(f, a + side * mpmath.mpf(10) ** -k) for k in (20, 30)]
            if fa is None or None in beside:
                return None  # f undefined at c or on a side: an edge, not a jump between values
            found = {int(mpmath.sign(v - fa)) for v in beside}
            if len(found) != 1:
                return None  # no settled side: cannot tell
            signs.append(found.pop())
    if signs == [0, 0]:
        return None
    if min(signs) >= 0:
        kind = "local_min"
    elif max(signs) <= 0:
        kind = "local_max"
    else:
        kind = "neither"
    at = sp.Float(c, 15) if isinstance(c, sp.Float) else c
    y = value_at(expr, var, at)
    return (
        None if y is None else CriticalPoint(at, y, kind, "values", False, isinstance(c, sp.Float))
    )


def _stationary(d1, var, domain, window, budget) -> list[sp.Expr] | None:
    """Exact zeros of f' on its open pieces (``None`` when SymPy cannot solve in time);
    infinitely many → those in ``window``.

    A piecewise f' is solved piece by piece; a piece where f' ≡ 0 (f constant there) has no
    isolated critical points and is skipped, and so are one-point pieces (switch points are
    examined separately). Step factors (±1 away from their switch points) are dropped first."""
    if isinstance(d1, sp.Piecewise):
        pieces = [
            (branch, (cond.as_set() & domain))
            for branch, cond in d1.args
            if not isinstance(cond, sp.Eq) and branch != 0
        ]
    else:
        pieces = [(d1, domain)]
    roots = set()
    for branch, region in pieces:
        equations = _branch_equations(branch)
        for lhs in equations:
            found = _solve(lhs, var, region, window, budget)
            if found is None:
                return None
            if len(equations) > 1:  # keep the zeros of the choice that holds there
                found = [r for r in found if abs(numeric(branch, var, [r])[0]) < 1e-12]
            roots |= set(found)
    return list(roots)


def _branch_equations(d: sp.Expr) -> list[sp.Expr]:
    """f' = 0 as equations without steps: each step factor (a Piecewise of numbers, as Heaviside
    and sign leave) replaced by each of its values and each Abs(u) by u and by −u, for at most
    three of them (the caller keeps the zeros of the choice that holds there)."""
    d = _off_the_steps(d)
    steps = [p for p in d.atoms(sp.Piecewise) if all(b.is_number for b, _ in p.args)]
    steps += list(d.atoms(sp.Abs))
    if not steps or len(steps) > 3:
        return [d]
    values = [
        [s.args[0], -s.args[0]] if isinstance(s, sp.Abs) else {b for b, _ in s.args} for s in steps
    ]
    return [d.xreplace(dict(zip(steps, choice, strict=True))) for choice in product(*values)]


def _solve(lhs, var, region, window, budget) -> list[sp.Expr] | None:
    """Real zeros of ``lhs`` in ``region`` (those in ``window`` when infinitely many), or
    ``None`` when SymPy cannot answer within the shared ``budget``."""
    if lhs == 0 or region is sp.S.EmptySet:
        return []  # a flat piece: nothing isolated
    if var not in lhs.free_symbols:
        return []
    try:
        with time_limit(budget - time.monotonic()):
            found = sp.solveset(lhs, var, region)
            if not isinstance(found, sp.FiniteSet):
                found = found.intersect(window)
    except (*SYMPY_FAILURES, TimeLimitExceeded):
        return None
    if found is sp.S.EmptySet:
        return []
    if not isinstance(found, sp.FiniteSet) or not all(r.is_real for r in found):
        return None
    return list(found)


def _off_the_steps(d: sp.Expr) -> sp.Expr:
    """f' away from the switch points of its steps: a Piecewise that is 0 on every piece becomes
    0; one that is a nonzero number on every piece, as a factor of the whole, becomes 1."""

    def constant(e, zero):
        return isinstance(e, sp.Piecewise) and all(
            b.is_number and (b == 0) is zero for b, _ in e.args
        )

    d = d.replace(lambda e: constant(e, True), lambda e: sp.S.Zero)
    if isinstance(d, sp.Mul):
        return sp.Mul(*(a for a in d.args if not constant(a, False)))
    return sp.S.One if constant(d, False) else d


def _numeric_roots(d1, var, window) -> list[sp.Expr]:
    """Sign changes of f' on a grid, refined by bisection (all brackets at once) to ~1e-12;
    grid points where f' is exactly 0 count only when f' is not 0 at both neighbours (a flat
    stretch has no isolated critical points)."""
    slope = numpy_function(d1, var)
    xs = np.linspace(float(window.start), float(window.end), _GRID)[1:-1]
    ys = slope(xs)
    zero = ys == 0
    lonely = zero & ~np.r_[False, zero[:-1]] & ~np.r_[zero[1:], False]
    roots = [sp.Float(x, 15) for x in xs[lonely]]
    brackets = np.nonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0)[0]
    lo, hi, sign_lo = xs[brackets], xs[brackets + 1], np.sign(ys[brackets])
    for _ in range(60):
        mid = (lo + hi) / 2
        left = np.sign(slope(mid)) == sign_lo
        lo, hi = np.where(left, mid, lo), np.where(left, hi, mid)
    # a sign change across a pole of f' (tan x) is no root: after bisection f' is tiny on both
    # sides of a root, and huge on both sides of a pole
    scale = max(1.0, float(np.nanmedian(np.abs(ys)))) if np.isfinite(ys).any() else 1.0
    at_root = np.maximum(np.abs(slope(lo)), np.abs(slope(hi))) < 1e-6 * scale
    roots.extend(sp.Float(x, 15) for x in ((lo + hi) / 2)[at_root])
    return roots


def _switches(expr, d1, var, domain, window, budget) -> list[sp.Expr]:
    """Switch points of f, and zeros of the denominators of f' (cusps, vertical tangents)."""
    points = _switch_equations(expr, var, domain, window, budget)
    branches = [b for b, _ in d1.args] if isinstance(d1, sp.Piecewise) else [d1]
    for branch in branches:
        denominator = sp.together(branch).as_numer_denom()[1]
        points |= set(_zeros(denominator, var, domain, window, budget))
    inside = domain.intersect(window) if window.is_subset(domain) else domain
    return [c for c in points if c.is_finite and inside.contains(c) is sp.true]


def _switch_equations(expr, var, domain, window, budget) -> set[sp.Expr]:
    points: set[sp.Expr] = set()
    for node in sp.preorder_traversal(expr):
        if not node.has(var):
            continue
        if isinstance(node, _STEP_KINDS):
            sides = [node.args[0]]
        elif isinstance(node, (sp.Max, sp.Min)):
            sides = [a - b for a, b in combinations(node.args, 2)]
        elif isinstance(node, sp.Piecewise):
            sides = [r.lhs - r.rhs for _, c in node.args for r in c.atoms(sp.Rel)]
        elif isinstance(node, sp.Pow) and node.exp.is_number and not node.exp.is_integer:
            sides = [node.base]
        elif isinstance(node, (sp.floor, sp.ceiling)):
            points |= set(_integer_crossings(node.args[0], var, window))
            continue
        else:
            continue
        for side in sides:
            points |= set(_zeros(side, var, domain, window, budget))
    return points


def _zeros(lhs, var, domain, window, budget) -> list[sp.Expr]:
    """Zeros of ``lhs``: exact when SymPy answers in time, else sign changes on a grid."""
    if var not in lhs.free_symbols:
        return []
    exact = _solve(lhs, var, domain, window, budget)
    if exact is not None:
        return exact
    xs = np.linspace(float(window.start), float(window.end), _GRID)
    return _grid_roots(_mp_function(lhs, var), xs, numpy_function(lhs, var)(xs))


def _integer_crossings(u, var, window) -> list[sp.Expr]:
    """x in ``window`` where ``u`` passes an integer (the steps of floor(u) and ceiling(u))."""
    xs = np.linspace(float(window.start), float(window.end), _GRID)
    values = numpy_function(u, var)(xs)
    finite = values[np.isfinite(values)]
    if not len(finite):
        return []
    low, high = math.ceil(finite.min()), math.floor(finite.max())
    levels = range(low, min(high, low + MAX_STEPS - 1) + 1)
    poly = sp.Poly(u, var) if u.is_polynomial(var) else None
    if poly is not None and poly.degree() == 1:
        a, b = poly.all_coeffs()
        return [(n - b) / a for n in levels if window.contains((n - b) / a) is sp.true]
    g = _mp_function(u, var)
    crossings = []
    for n in levels:
        crossings += _grid_roots(lambda t, n=n: g(t) - n, xs, values - n)
    return crossings[:MAX_STEPS]


def _grid_roots(g, xs, ys) -> list[sp.Float]:
    """Zeros of g from its values ``ys`` on the grid ``xs``: grid points where g = 0, and sign
    changes refined by bisection in 60-digit arithmetic (a sign change across a pole is
    dropped: g is not tiny there)."""
    roots = [sp.Float(x, 60) for x in xs[ys == 0][1:-1]] if (ys == 0).any() else []
    with mpmath.workdps(60):
        for i in np.nonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0)[0]:
            lo, hi, sign_lo = mpmath.mpf(xs[i]), mpmath.mpf(xs[i + 1]), np.sign(ys[i])
            for _ in range(170):
                mid = (lo + hi) / 2
                value = _evaluate(g, mid)
                if value is None:
                    break
                lo, hi = (mid, hi) if mpmath.sign(value) == sign_lo else (lo, mid)
            value = _evaluate(g, (lo + hi) / 2)
            if value is not None and abs(value) < mpmath.mpf("1e-30"):
                roots.append(sp.Float((lo + hi) / 2, 60))
    return roots


@dataclass(frozen=True)
class _Local:
    """f near c: continuous? one-sided derivatives (``inf`` for a vertical tangent, ``nan``
    when a side is undefined or the quotients do not settle), f''(c) (``nan`` if none)."""

    continuous: bool
    left: float
    right: float
    curvature: float


def _mp_function(expr, var):
    """f for mpmath numbers, with the course's real-only √, ln and |·| (points.REAL_FUNCTIONS):
    |√x| has no value at x < 0, as on every other page."""
    return sp.lambdify(var, expr.xreplace({sp.zoo: sp.nan}), modules=[REAL_FUNCTIONS, "mpmath"])


def _evaluate(f, t):
    """f(t) as a real mpf, ``None`` where f is undefined or not real."""
    try:
        v = mpmath.mpmathify(f(t))
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):
        return None
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpmath.mpf(10) ** (-mpmath.mp.dps // 2) * max(1, abs(v.real)):
            return None
        v = v.real
    return None if mpmath.isnan(v) or mpmath.isinf(v) else v


def _one_sided(f, c) -> _Local | None:
    """One-sided difference quotients at ``c`` with h = 1e-20, 1e-30, 1e-40 in 80 digits (f''
    from one-sided second differences with h = 1e-20, 1e-30); ``None`` when f(c) is undefined."""
    with mpmath.workdps(_DIGITS):
        a = mpmath.mpf(str(sp.N(c, _DIGITS)))
        fa = _evaluate(f, a)
        if fa is None:
            return None
        steps = [mpmath.mpf(10) ** -k for k in (20, 30, 40)]
        continuous, slopes, seconds = True, [], []
        for side in (-1, 1):
            values = [_evaluate(f, a + side * h) for h in steps]
            if any(v is None for v in values):
                slopes.append(math.nan)
                seconds.append(math.nan)
                continue
            far, near = abs(values[1] - fa), abs(values[2] - fa)
            continuous &= near < mpmath.mpf("1e-25") or near < far / 2
            q = [(v - fa) / (side * h) for v, h in zip(values, steps, strict=True)]
            slopes.append(_settled(q[1], q[2]))
            twice = [_evaluate(f, a + 2 * side * h) for h in steps[:2]]
            if None in twice:
                seconds.append(math.nan)
                continue
            q = [(t - 2 * v + fa) / h**2 for t, v, h in zip(twice, values, steps, strict=False)]
            seconds.append(_settled(q[0], q[1], 1e-6))
        if slopes[0] != slopes[0] and slopes[1] != slopes[1]:
            continuous = False  # defined at an isolated point only
        left2, right2 = seconds
        agree = math.isfinite(left2) and abs(left2 - right2) <= 1e-6 * max(1.0, abs(left2))
        return _Local(continuous, slopes[0], slopes[1], left2 if agree else math.nan)


def _settled(coarse, fine, tolerance=1e-12) -> float:
    """A one-sided derivative from two quotients: their value when they agree, ±inf when they
    grow without bound (vertical tangent, cusp), else ``nan``."""
    if abs(fine - coarse) <= tolerance * max(1, abs(fine)):
        return float(fine)
    if abs(fine) > 100 * abs(coarse) and abs(fine) > 1e6:
        return math.copysign(math.inf, float(fine))
    return math.nan


def _classify(d1, f, var, c, gap, curvature) -> tuple[str, str] | None:
    """Second-derivative test when f''(c) exists and is not 0, else the first-derivative (sign)
    test: the sign of f' halfway to the nearest other candidate on each side. ``None`` when f'
    is 0 on both sides (a flat stretch: not an isolated critical point)."""
    if math.isfinite(curvature) and abs(curvature) > 1e-9:
        return ("local_min" if curvature > 0 else "local_max"), "second_derivative"
    sides = [c - sp.Float(gap / 2, 60), c + sp.Float(gap / 2, 60)]
    left, right = numeric(d1, var, sides)
    if math.isnan(left) or math.isnan(right):  # f' undefined there: how f itself moves
        with mpmath.workdps(_DIGITS):
            fc, *around = (_evaluate(f, mpmath.mpf(str(sp.N(p, _DIGITS)))) for p in [c, *sides])
            if fc is not None:
                rises = [None if v is None else float(mpmath.sign(v - fc)) for v in around]
                left = -rises[0] if math.isnan(left) and rises[0] is not None else left
                right = rises[1] if math.isnan(right) and rises[1] is not None else right
    if (left, right) == (0, 0):
        return None
    # f falls (or is flat) then rises (or is flat): a (non-strict) minimum
    if left <= 0 <= right:
        return "local_min", "first_derivative"
    if left >= 0 >= right:
        return "local_max", "first_derivative"
    return "neither", "first_derivative"
