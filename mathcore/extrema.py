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

Equations SymPy cannot solve in time (x = cos x, where a Max switches) are solved numerically:
sign changes on a grid of the window, refined by bisection. Where a grid :data:`_FINE` times finer
counts other sign changes than the grid (cos((x + 2)/x) turning ever faster toward 0), the
equation has more roots than the grid can tell apart [1]_, often infinitely many: no point
found numerically in such a stretch is listed, and an exact one only as far as f's values
confirm it. Every verdict is finally checked against f's own values beside the point [2]_, in
40-digit arithmetic (:func:`_by_values`): a point whose values contradict its verdict gets the
verdict the values show (test ``"values"``), or is left out when they show none.

>>> x = sp.Symbol("x", real=True)
>>> [(p.x, p.y, p.kind, p.test) for p in critical_points(x**2 - 4*x + 3, x)]
[(2, -1, 'local_min', 'second_derivative')]

References
----------
.. [1] W. H. Press et al., *Numerical Recipes*, 3rd ed. (2007), §9.1 "Bracketing and
   Bisection": sign changes on a grid bracket roots, and miss those closer than its step.
.. [2] J. Stewart, *Calculus*, §4.1 "Maximum and Minimum Values": f(c) is a local minimum when
   f(c) ≤ f(x) for x near c; a critical number is where f'(c) = 0 or does not exist.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import math
from dataclasses import dataclass
from itertools import combinations, product

import mpmath
import numpy as np
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.errors import EVALUATION_FAILURES, SYMPY_FAILURES
from mathcore.points import REAL_FUNCTIONS, numeric, value_at
from mathcore.sampling import Samples, broken_at, evaluate, sample_function
from mathcore.timelimit import TimeLimitExceeded, clock, time_limit

KINDS = ("local_min", "local_max", "neither")
TESTS = ("second_derivative", "first_derivative", "values")
DEFAULT_WINDOW = (-10, 10)
_GRID = 4001
SWITCH_SECONDS = 0.5  # CPU s, for finding where f's pieces switch
SOLVE_SECONDS = 1.0  # SymPy's share of the work, all solves together; then numeric searches
MAX_STEPS = 400  # floor/ceiling crossings examined at most (beyond: f jumps more than we draw)
_DIGITS = 80  # one-sided difference quotients with h = 1e-20 … 1e-40 need ~80 digits
_FINE = 8  # the resolution check: a grid this many times finer must find the same sign changes
_SAME = 1e-12  # two candidates closer than this are one point found twice
_CHECK_DIGITS = 40  # f's values beside a point, for the final check of its verdict
_CHECK_STEPS = 20  # … at t = r·1.6⁻ᵏ, k < 20 (down to r/10⁴), r = min(gap / 2, 1e-3)
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


@dataclass(frozen=True)
class CriticalPointSearch:
    """What :func:`critical_point_search` found, and how far the list is the whole answer.

    ``points`` are the critical points listed (sorted by x), ``window`` the open interval the
    search covered. ``endless``: f has infinitely many critical points on the line (SymPy's
    solution of f'(x) = 0 is an infinite set, as for sin x), so ``points`` are those in
    ``window``. ``window_only``: f'(x) = 0 was solved numerically, which sees only ``window``.
    ``crowded``: stretches (lo, hi) where critical points pile up closer together than the
    search can tell apart (sin(1/x) toward 0); none from inside them is listed. ``endless`` and
    ``window_only`` are False when the caller gave the interval."""

    points: tuple[CriticalPoint, ...]
    window: tuple[float, float]
    endless: bool
    window_only: bool
    crowded: tuple[tuple[float, float], ...]

    @property
    def complete(self) -> bool:
        """Are ``points`` every critical point in the interval searched?"""
        return not (self.endless or self.window_only or self.crowded)


@dataclass(frozen=True)
class Candidate:
    """A candidate for an absolute extremum on an interval: f(``x``) = ``y`` at a critical
    point inside (``where`` = ``"critical"``), at an endpoint of a closed interval where f is
    defined (``"endpoint"``), or on a flat stretch of f beside ``x`` (``"flat"``: f = ``y`` at
    every point of it, ⌊x⌋ = 2 on [2, 2.5), whether or not f(``x``) = ``y``)."""

    x: sp.Expr
    y: sp.Expr
    where: str


@dataclass(frozen=True)
class Approach:
    """A value f comes arbitrarily close to without (necessarily) taking it: the one-sided limit
    ``value`` (``oo``, ``-oo`` allowed) as x → ``x`` from ``side`` ("left" or "right"), at an
    endpoint from inside the interval or at a break inside it."""

    value: sp.Expr
    x: sp.Expr
    side: str


@dataclass(frozen=True)
class AbsoluteExtrema:
    """The absolute maximum and minimum of f on an interval, or why there is none.

    ``candidates``: each critical point inside and, on a closed interval, each endpoint where f
    is defined, with f's value (the extreme value theorem's list, Stewart, *Calculus*, §4.1:
    "the closed interval method"). ``maximum`` is the greatest candidate value when f takes it,
    ``max_at`` where (every x that ties); when f only comes close to a greater value (at an
    open end, a hole, a jump or a pole) there is no absolute maximum: ``maximum`` is ``None``
    and ``sup`` says which value f approaches, and where (each place it does; empty when f
    takes its maximum). The same for ``minimum``, ``min_at``
    and ``inf``. ``breaks`` are the points of the interval where f is not continuous (then the
    extreme value theorem does not apply). ``decided`` is False when not every critical point
    inside is known or a one-sided limit could not be found: then only what a bound of f proves
    is claimed (sin(1/x) on [−1, 1] takes its bounds ±1, so they are its maximum and minimum);
    the rest is ``None``, ``sup`` and ``inf`` empty."""

    lo: sp.Expr
    hi: sp.Expr
    closed: bool
    candidates: tuple[Candidate, ...]
    maximum: sp.Expr | None
    minimum: sp.Expr | None
    max_at: tuple[sp.Expr, ...]
    min_at: tuple[sp.Expr, ...]
    sup: tuple[Approach, ...]
    inf: tuple[Approach, ...]
    breaks: tuple[sp.Expr, ...]
    decided: bool

    @property
    def continuous(self) -> bool:
        """Is f continuous on the closed interval (the extreme value theorem applies)?"""
        return self.closed and not self.breaks


@dataclass(frozen=True)
class ExtremaAnalysis:
    """Everything the extrema page shows for f: one record, one bounded call.

    ``derivative`` and ``second_derivative`` are f′ and f″ (:func:`mathcore.derivative`:
    undefined where f is not differentiable). ``search`` holds the critical points and how far
    they are all of them; ``curvatures`` is f″ at each of ``search.points`` (in order, as a
    float), ``nan`` at a point that is not stationary (a kink, a cusp, a jump: f′ and f″ do not
    exist there) or where f″ has no value. ``steps`` is ``"constant"`` when f′ ≡ 0 (no jumps),
    ``"piecewise_constant"`` when f′ = 0 wherever it exists but f jumps (a step function: every
    point is critical, none isolated), else ``None``. ``curve`` and ``derivative_curve``
    sample f and f′ on ``window``: the interval searched when one was given, else a window that
    shows every point found (−5 to 5 when there are none). ``second_derivative_curve`` is f″ at
    f's own samples (``x`` is ``curve.x``), which says where the drawn f is concave up or down;
    unlike the other two no breaks of its own are looked for (sampling f″ on its own, breaks
    and all, took 0.4 CPU s for max(∛x, cos x); this takes 0.02 s). ``absolute``: on an
    interval, f's absolute maximum and minimum there (:func:`absolute_extrema`), else ``None``.
    """

    expr: sp.Expr
    derivative: sp.Expr
    second_derivative: sp.Expr
    search: CriticalPointSearch
    curvatures: tuple[float, ...]
    steps: str | None
    window: tuple[float, float]
    curve: Samples
    derivative_curve: Samples
    second_derivative_curve: Samples
    absolute: AbsoluteExtrema | None = None


def extrema_analysis(
    expr: sp.Expr,
    var: sp.Symbol,
    interval: tuple[float, float] | None = None,
    n: int = 600,
    closed: bool = False,
) -> ExtremaAnalysis:
    """f′, f″, the critical points with their kinds, and f, f′, f″ sampled where they are; on
    an interval, the absolute extrema there.

    Parameters
    ----------
    expr, var : f and its variable.
    interval : an interval (lo, hi) to search and draw; ``None`` for the whole line.
    n : even samples of f and of f′ across the window drawn (f″ is taken at f's samples).
    closed : the interval is [lo, hi] (its endpoints are candidates), else (lo, hi).

    Returns
    -------
    ExtremaAnalysis
        ``curve.x``, ``curve.y`` (and the same for ``derivative_curve``): arrays of shape (m,),
        m ≥ n (points are added at breaks and where a line is refined; the two curves' m may
        differ), in x's and f's (f′'s) units; ``second_derivative_curve.x`` is ``curve.x`` and
        its ``y`` f″ there (``nan`` where f″ does not exist).

    Raises
    ------
    NotImplementedError
        SymPy cannot differentiate f (or f′).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = extrema_analysis(x**3 - 3*x, x)
    >>> found.derivative, found.second_derivative
    (3*x**2 - 3, 6*x)
    >>> [(p.x, p.y, p.kind) for p in found.search.points], found.curvatures
    ([(-1, 2, 'local_max'), (1, -2, 'local_min')], (-6.0, 6.0))
    >>> found.window, found.steps
    ((-3.0, 3.0), None)
    >>> found = extrema_analysis(sp.Abs(x - 1), x, (0, 4))
    >>> [(p.x, p.kind, p.stationary) for p in found.search.points], found.curvatures
    ([(1, 'local_min', False)], (nan,))
    >>> found.window, float(found.curve.x[0]), float(found.curve.x[-1])
    ((0.0, 4.0), 0.0, 4.0)
    >>> extrema_analysis(sp.floor(x), x).steps, extrema_analysis(sp.Integer(5), x).steps
    ('piecewise_constant', 'constant')
    >>> found = extrema_analysis(x**3 - 3*x, x, (-1.5, 10), closed=True).absolute
    >>> found.maximum, found.max_at, found.minimum, found.min_at
    (970, (10,), -2, (1,))
    """
    d1 = derivative(expr, var)
    d2 = derivative(d1, var)
    search = critical_point_search(expr, var, interval, d1=d1)
    found = search.points
    window = _drawn(interval, [float(p.x) for p in found])
    curvatures = tuple(
        numeric(_evaluable(d2), var, [p.x])[0] if p.stationary else math.nan for p in found
    )
    steps = None
    if not found and piecewise_constant(expr, var, d1):
        steps = "constant" if d1 == 0 else "piecewise_constant"  # no jumps at all: a constant
    curve = sample_function(expr, var, *window, n)
    bending = Samples(curve.x, evaluate(d2, var, curve.x), (), (), ())
    slope = broken_at(sample_function(d1, var, *window, n), curve.breaks)  # ⌊x⌋′: not across
    absolute = None if interval is None else absolute_extrema(expr, var, interval, closed, search)
    return ExtremaAnalysis(
        expr, d1, d2, search, curvatures, steps, window, curve, slope, bending, absolute
    )


TIE = 1e-9  # relative: values this close are one value (a numeric point's x is good to ~1e-12)


def absolute_extrema(
    expr: sp.Expr,
    var: sp.Symbol,
    interval: tuple[float, float],
    closed: bool = True,
    search: CriticalPointSearch | None = None,
) -> AbsoluteExtrema:
    """The absolute maximum and minimum of f on [lo, hi] (``closed``) or (lo, hi).

    The candidates are the critical points inside and, on a closed interval, the endpoints
    where f is defined (Stewart, *Calculus*, §4.1, the closed interval method). f is
    continuous on [lo, hi] only without breaks; otherwise, and on an open interval, f may come
    arbitrarily close to a value it never takes: at an open end, at a hole, a jump or a pole
    inside, its one-sided limits (:func:`mathcore.limit_at`) are compared with the candidates'
    values too. The greatest candidate value is the absolute maximum unless such a limit is
    greater (then there is none); likewise for the minimum.

    Parameters
    ----------
    expr, var : f and its variable.
    interval : (lo, hi) with lo < hi, in x's units.
    closed : [lo, hi] (the endpoints count) or (lo, hi).
    search : the critical points in (lo, hi) when already found (:func:`critical_point_search`).

    Returns
    -------
    AbsoluteExtrema

    Raises
    ------
    ValueError
        When lo ≥ hi.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = absolute_extrema(x**2 - 4*x + 3, x, (0, 5))
    >>> [(c.x, c.y, c.where) for c in found.candidates]
    [(0, 3, 'endpoint'), (2, -1, 'critical'), (5, 8, 'endpoint')]
    >>> found.maximum, found.max_at, found.minimum, found.min_at, found.continuous
    (8, (5,), -1, (2,), True)
    >>> found = absolute_extrema(x, x, (0, 1), closed=False)  # x on (0, 1): neither
    >>> found.maximum, found.sup, found.minimum, [a.value for a in found.inf]
    (None, (Approach(value=1, x=1, side='left'),), None, [0])
    >>> found = absolute_extrema(1 / x, x, (-1, 1))  # a pole inside: f is unbounded
    >>> found.breaks, found.sup[0].value, found.inf[0].value
    ((0,), oo, -oo)
    """
    from mathcore.limits import limit_at
    from mathcore.sampling import _break_points

    lo, hi = (sp.nsimplify(t, rational=True) for t in interval)
    if not lo < hi:
        raise ValueError(f"the interval must have lo < hi, not ({lo}, {hi})")
    found = search or critical_point_search(expr, var, (float(lo), float(hi)))
    candidates = [Candidate(p.x, p.y, "critical") for p in found.points]
    if closed:
        for end in (lo, hi):
            value = value_at(expr, var, end)
            if value is not None:
                candidates.append(Candidate(end, value, "endpoint"))
    candidates.sort(key=lambda c: float(c.x))
    inside = [b for b in _break_points(expr, var, float(lo), float(hi)) if lo < b < hi]
    breaks = [b for b in inside if not _continuous_at(expr, var, b)]
    places = [(lo, "right"), (hi, "left")] + [(b, s) for b in breaks for s in ("left", "right")]
    approaches, decided = [], found.complete
    for at, side in places:
        result = limit_at(expr, var, at, side)
        value = result.left if side == "left" else result.right
        if value is None or value.has(sp.AccumBounds) or value.is_extended_real is False:
            if result.left_kind != "undefined" or result.right_kind != "undefined":
                decided = decided and not _oscillates(result, side)
            continue
        approaches.append(Approach(value, at, side))
        if value.is_finite and _flat(expr, var, at, side, value, float(hi - lo)):
            candidates.append(Candidate(at, value, "flat"))  # ⌊x⌋ on (0.5, 2.5): 2 is taken
    candidates.sort(key=lambda c: float(c.x))
    if closed:  # f must also meet its value at each end, from inside: ⌊x⌋ on [0.5, 2] does not
        for end, side in ((lo, "right"), (hi, "left")):
            value = value_at(expr, var, end)
            near = [a.value for a in approaches if a.x == end and a.side == side]
            if value is None or not near or not _same(_as_float(near[0]), _as_float(value)):
                breaks.append(end)
    if decided:
        best = _extreme(candidates, approaches, max)
        worst = _extreme(candidates, approaches, min)
    else:  # the critical points are not all known: f can still be seen to reach a bound of f
        top, bottom = _enclosure(expr, var, lo, hi)
        best, worst = _attained(candidates, top, max), _attained(candidates, bottom, min)
    return AbsoluteExtrema(
        lo,
        hi,
        closed,
        tuple(candidates),
        best[0],
        worst[0],
        best[1],
        worst[1],
        best[2],
        worst[2],
        tuple(sorted(set(breaks), key=float)),
        decided,
    )


FLAT = (3, 6, 9)  # f equal to a limit at width·10⁻ᵏ inside the interval, each k: f is flat there


def _flat(expr, var, at, side: str, value: sp.Expr, width: float) -> bool:
    """Does f take ``value`` on a stretch beside ``at`` (on ``side``)? f there is checked at
    width·10⁻³, 10⁻⁶, 10⁻⁹ from ``at``: a continuous f that only approaches the value differs
    from it at all three (x on (0, 1) at 1⁻); a flat piece equals it (⌊x⌋ at 2.5⁻)."""
    sign = -1 if side == "left" else 1
    xs = [float(at) + sign * width * 10.0**-k for k in FLAT]
    target = float(value)
    return all(_same(y, target) for y in numeric(expr, var, xs))


ENCLOSURE_SAMPLES = 20_001  # the even grid an interval enclosure is checked against


def _enclosure(expr, var, lo, hi) -> tuple[float | None, float | None]:
    """Bounds m ≤ f(x) ≤ M on [lo, hi] by interval arithmetic (SymPy's ``AccumBounds``: x
    replaced by the interval; loose but outer, so a value of f equal to M is f's maximum, as for
    sin(1/x): ±1). ``None`` for a side that is not finite or not found. As a guard against a
    loose rule that is not outer, a bound is dropped if f exceeds it on an even grid of
    :data:`ENCLOSURE_SAMPLES` points."""
    try:
        box = expr.subs(var, sp.AccumBounds(lo, hi))
    except (TypeError, ValueError, NotImplementedError, ZeroDivisionError):
        return None, None
    if isinstance(box, sp.AccumBounds):
        ends = (box.max, box.min)
    elif box.is_number and box.is_extended_real:
        ends = (box, box)
    else:
        return None, None
    with np.errstate(all="ignore"):  # a pole or 1/x at a grid point: no value there
        ys = numeric(expr, var, list(np.linspace(float(lo), float(hi), ENCLOSURE_SAMPLES)))
    ys = [y for y in ys if math.isfinite(y)]
    top, bottom = (float(e) if e.is_finite else None for e in ends)
    if top is not None and ys and max(ys) > top + _slack(sp.Float(top)):
        top = None
    if bottom is not None and ys and min(ys) < bottom - _slack(sp.Float(bottom)):
        bottom = None
    return top, bottom


def _attained(candidates, bound: float | None, pick) -> tuple:
    """(bound, where f takes it, ()) when a candidate's value is the bound, else nothing."""
    if bound is None:
        return None, (), ()
    at = tuple(dict.fromkeys(c.x for c in candidates if _same(_as_float(c.y), bound)))
    if not at:
        return None, (), ()
    return pick((c.y for c in candidates if c.x in at), key=_as_float), at, ()


def _continuous_at(expr, var, point) -> bool:
    from mathcore.continuity import classify_continuity

    return classify_continuity(expr, var, point).continuous


def _oscillates(result, side: str) -> bool:
    kind = result.left_kind if side == "left" else result.right_kind
    return kind in ("oscillates", "unbounded", "uncertain")


def _extreme(candidates, approaches, pick) -> tuple:
    """(the extreme value when f takes it, where, ()) or (None, (), the Approaches to the value
    f only comes close to); ``pick`` is max or min."""
    sign = 1 if pick is max else -1
    key = lambda v: sign * _as_float(v)  # noqa: E731
    top = pick((c.y for c in candidates), key=_as_float, default=None)
    beyond = [a for a in approaches if top is None or key(a.value) > key(top) + _slack(top)]
    if beyond:
        edge = max(key(a.value) for a in beyond)
        return None, (), tuple(a for a in beyond if _same(key(a.value), edge))
    if top is None:
        return None, (), ()
    at = tuple(dict.fromkeys(c.x for c in candidates if _same(_as_float(c.y), _as_float(top))))
    return top, at, ()


def _same(a: float, b: float) -> bool:
    """Equal within :data:`TIE`; an infinity only equals itself."""
    if not (math.isfinite(a) and math.isfinite(b)):
        return a == b
    return abs(a - b) <= TIE * max(1.0, abs(a), abs(b))


def _as_float(value) -> float:
    return float(value) if value.is_finite is not False else (math.inf if value > 0 else -math.inf)


def _slack(value) -> float:
    return TIE * max(1.0, abs(_as_float(value))) if math.isfinite(_as_float(value)) else 0.0


def _drawn(interval: tuple[float, float] | None, xs: list[float]) -> tuple[float, float]:
    """The window drawn: the interval searched; else the points found with room around them (at
    least 2 on each side, at least 6 wide); else (−5, 5)."""
    if interval:
        return float(interval[0]), float(interval[1])
    if not xs:
        return -5.0, 5.0
    middle, half = (min(xs) + max(xs)) / 2, max((max(xs) - min(xs)) / 2 + 2, 3)
    return middle - half, middle + half


def critical_points(
    expr: sp.Expr, var: sp.Symbol, interval: tuple[float, float] | None = None
) -> list[CriticalPoint]:
    """Critical points of ``expr`` in the open ``interval`` (default: all, but only those in
    (−10, 10) when there are infinitely many), sorted by x.

    Parameters
    ----------
    expr : f, a real function of ``var``.
    var : the variable.
    interval : an open interval (lo, hi) to look in; ``None`` for the whole line.

    Returns
    -------
    list of CriticalPoint
        Each with x, f(x), its kind and the test that decided it. Where the points pile up
        faster than the numeric search can tell apart (cos((x + 2)/x) near 0) they are left out:
        every point listed is confirmed by f's own values beside it.
        :func:`critical_point_search` also says whether the list is complete.

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
    >>> [(p.x, p.kind) for p in critical_points(sp.Max(x, sp.cos(sp.Abs(x - 1))), x, (-3, 3))]
    [(-2.14159265358979, 'local_min'), (1, 'neither')]
    """
    return list(critical_point_search(expr, var, interval).points)


def critical_point_search(
    expr: sp.Expr,
    var: sp.Symbol,
    interval: tuple[float, float] | None = None,
    *,
    d1: sp.Expr | None = None,
) -> CriticalPointSearch:
    """Critical points of ``expr`` in the open ``interval``, and whether that is all of them.

    Parameters
    ----------
    expr : f, a real function of ``var``.
    var : the variable.
    interval : an open interval (lo, hi) to look in; ``None`` for the whole line (then the
        numeric searches and an infinite solution set are limited to (−10, 10)).
    d1 : f′ as :func:`mathcore.derivative` gives it, when the caller has it already (finding
        it again is a third of the work for max(∛x, cos x)).

    Returns
    -------
    CriticalPointSearch
        The points (as :func:`critical_points`), the window searched, and whether there are
        infinitely many (``endless``), others may lie outside the window (``window_only``) or
        some pile up too closely to be listed (``crowded``).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = critical_point_search(x**2 - 4*x + 3, x)
    >>> [p.x for p in found.points], found.complete
    ([2], True)
    >>> found = critical_point_search(sp.sin(x), x)  # cos x = 0 at π/2 + kπ: no end
    >>> len(found.points), found.endless, found.window
    (6, True, (-10.0, 10.0))
    >>> found = critical_point_search(sp.sin(1 / x), x)  # infinitely many as x → 0
    >>> [(round(lo, 2), round(hi, 2)) for lo, hi in found.crowded]
    [(-0.04, 0.04)]
    """
    d1 = derivative(expr, var) if d1 is None else d1
    lo_hi = tuple(float(t) for t in (interval or DEFAULT_WINDOW))
    if piecewise_constant(expr, var, d1):
        return CriticalPointSearch((), lo_hi, False, False, ())
    window = sp.Interval.open(*(interval or DEFAULT_WINDOW))
    domain = sp.Interval.open(*interval) if interval else sp.S.Reals
    unresolved = _Unresolved()  # stretches the numeric searches cannot resolve
    # switch points first, with their own share: where pieces meet is where the traps are
    # ({x ≠ 0: x² sin(1/x), 0} at 0), and the search for f' = 0 may use up its whole time
    budget = clock() + SWITCH_SECONDS
    switches = _switches(expr, d1, var, domain, window, budget, unresolved)
    budget = clock() + SOLVE_SECONDS
    found = _stationary(d1, var, domain, window, budget, unresolved)
    if found is None:
        found = _numeric_roots(d1, var, window, unresolved)
        unresolved.numeric = True
    # a numeric root at a switch point (the grid point 0.0 where f' is exactly 0) is that point
    at_switches = sorted(float(s) for s in switches)
    stationary = {r for r in found if not _near(float(r), at_switches)}
    everything = sorted(stationary | set(switches), key=float)
    fences = sorted([float(c) for c in everything] + [end for z in unresolved for end in z])
    f = _mp_function(expr, var)
    result = []
    for c in everything:
        where = float(c)
        gap = _gap(where, fences)
        if any(lo <= where <= hi for lo, hi in unresolved):
            # among more roots than the grid tells apart: a float found there may be an artefact
            # of the grid, and an exact point has no known neighbours (f's values up to 1e-3
            # decide: {x ≠ 0: x² sin(1/x), 0} is neither at 0, however close its roots come)
            if isinstance(c, sp.Float):
                continue
            gap = 2e-3
        point = _critical_point(expr, d1, f, var, c, gap, c in stationary)
        if point is not None:
            result.append(point)
    whole_line = interval is None
    return CriticalPointSearch(
        points=tuple(result),
        window=lo_hi,
        endless=whole_line and unresolved.endless and bool(result),
        window_only=whole_line and unresolved.numeric and not unresolved.endless,
        crowded=_merged(unresolved),
    )


class _Unresolved(list):
    """Stretches (lo, hi) the numeric searches cannot resolve, with what the search learnt on the
    way: ``endless`` when SymPy solved an equation with infinitely many roots (only those in the
    window are kept), ``numeric`` when a grid over the window stood in for SymPy."""

    endless = False
    numeric = False


def _merged(stretches) -> tuple[tuple[float, float], ...]:
    """Overlapping or touching stretches joined, sorted."""
    merged: list[list[float]] = []
    for lo, hi in sorted(stretches):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple((float(lo), float(hi)) for lo, hi in merged)


def _gap(t: float, fences: list[float]) -> float:
    """Distance from ``t`` to the nearest other of the sorted ``fences`` (the other candidates and
    the ends of unresolved stretches), ``inf`` when there is none."""
    i = bisect.bisect_left(fences, t - _SAME)
    j = bisect.bisect_right(fences, t + _SAME)
    near = ([t - fences[i - 1]] if i else []) + ([fences[j] - t] if j < len(fences) else [])
    return min(near, default=math.inf)


def _near(t: float, points: list[float]) -> bool:
    """Is ``t`` within :data:`_SAME` of one of the sorted ``points``?"""
    i = bisect.bisect_left(points, t)
    return any(abs(points[j] - t) <= _SAME for j in (i - 1, i) if 0 <= j < len(points))


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
    solves the equation in time, else floats from a numeric search, which leaves out the
    stretches where the roots lie closer together than its grid can tell apart.

    Parameters
    ----------
    expr : f, a real function of ``var``.
    var : the variable.
    interval : an open interval (lo, hi) to look in; ``None`` for the whole line.

    Returns
    -------
    list of Expr
        Exact numbers where SymPy solved, 60-digit Floats where the grid found them; sorted.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> switch_points(x * sp.Abs(x - 1) + sp.Max(x, x**2), x)
    [0, 1]
    >>> switch_points(sp.exp(sp.Abs(sp.sin(x))), x, (-4, 4))
    [-pi, 0, pi]
    >>> switch_points(sp.floor(x / 2), x, (-3, 3))
    [-2, 0, 2]
    >>> [round(float(c), 12) for c in switch_points(sp.Max(x, sp.cos(x)), x, (-3, 3))]
    [0.739085133215]
    """
    window = sp.Interval.open(*(interval or DEFAULT_WINDOW))
    domain = sp.Interval.open(*interval) if interval else sp.S.Reals
    unresolved = _Unresolved()
    budget = clock() + SOLVE_SECONDS
    points = _switch_equations(expr, var, domain, window, budget, unresolved)
    kept = [c for c in points if not any(lo <= float(c) <= hi for lo, hi in unresolved)]
    return sorted(kept, key=float)


def _critical_point(expr, d1, f, var, c, gap, stationary) -> CriticalPoint | None:
    """``c`` as a critical point, or ``None`` when it is none (f undefined or jumping there, f'(c)
    a nonzero number, f flat on both sides) or when f's values beside it contradict every verdict.
    ``gap`` is the distance to the nearest other candidate (or unresolved stretch)."""
    local = _one_sided(f, c)
    if local is None:
        return None
    found_numerically = isinstance(c, sp.Float)
    at = sp.Float(c, 15) if found_numerically else c
    if not local.continuous:
        verdict, stationary = _jump_kind(f, c), False
    else:
        if not stationary:
            left, right = local.left, local.right
            exists = math.isfinite(left) and abs(left - right) <= 1e-9 * max(1.0, abs(left))
            if exists and abs(left) > 1e-12:
                return None  # differentiable with f'(c) ≠ 0: an ordinary point
            stationary = exists
        curvature = local.curvature if stationary else math.nan
        verdict = _classify(d1, f, var, c, min(gap, 1e-3), curvature)
    if verdict is None:
        return None  # flat on both sides
    # checked where f is continuous at c itself (x rounded to 15 digits may be a hair off the
    # corner), at a jump at the x reported (its value y is f there, on one side of the jump)
    verdict = _by_values(f, c if local.continuous else at, verdict, min(gap / 2, 1e-3))
    if verdict is None:
        return None
    y = value_at(expr, var, at)
    if y is None:
        return None
    kind, test = verdict
    return CriticalPoint(at, y, kind, test, stationary, found_numerically)


def _jump_kind(f, c) -> tuple[str, str] | None:
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
        return "local_min", "values"
    if max(signs) <= 0:
        return "local_max", "values"
    return "neither", "values"


def _by_values(f, c, verdict, radius) -> tuple[str, str] | None:
    """``verdict`` (kind, test) when f's values beside ``c`` agree with it, else the kind those
    values show (test ``"values"``), else ``None``.

    f(c ± t), t = radius·1.6⁻ᵏ (k < :data:`_CHECK_STEPS`), is compared with f(c) in
    :data:`_CHECK_DIGITS`-digit arithmetic (level within 10⁻²⁰·max(1, |f(c)|)). The radius stays
    below the distance to the nearest other candidate, so f is monotone on each side up to it
    when no candidate is missing: a local minimum has no value below f(c), a local maximum none
    above, "neither" is not above (or below) on both sides at every t. A side with values both
    above and below f(c) shows no kind; a side where f is undefined shows nothing."""
    with mpmath.workdps(_CHECK_DIGITS):
        a = mpmath.mpf(str(sp.N(c, _CHECK_DIGITS)))
        fa = _evaluate(f, a)
        if fa is None or not radius > 0:
            return None
        level = mpmath.mpf(10) ** -20 * max(1, abs(fa))
        steps = [mpmath.mpf(radius) / mpmath.mpf(1.6) ** k for k in range(_CHECK_STEPS)]
        sides = []
        for side in (-1, 1):
            values = (_evaluate(f, a + side * t) for t in steps)
            sides.append(
                {
                    0 if abs(v - fa) <= level else int(mpmath.sign(v - fa))
                    for v in values
                    if v is not None
                }
            )
    left, right = sides
    agrees = {
        "local_min": -1 not in left | right,
        "local_max": 1 not in left | right,
        "neither": not (left == right == {1} or left == right == {-1}),
    }
    if agrees[verdict[0]]:
        return verdict
    if {-1, 1} <= left or {-1, 1} <= right:
        return None  # f turns within the radius: a candidate is missing here, nothing is certain
    above = [1 if 1 in side else -1 if -1 in side else 0 for side in (left, right)]
    if above == [0, 0]:
        return None
    if min(above) >= 0:
        return "local_min", "values"
    if max(above) <= 0:
        return "local_max", "values"
    return "neither", "values"


def _stationary(d1, var, domain, window, budget, unresolved) -> list[sp.Expr] | None:
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
            found = _solve(lhs, var, region, window, budget, unresolved=unresolved)
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


def _solve(
    lhs, var, region, window, budget, stretches=False, unresolved=None
) -> list[sp.Expr] | None:
    """Real zeros of ``lhs`` in ``region`` (those in ``window`` when infinitely many), or
    ``None`` when SymPy cannot answer within the shared ``budget`` (``None``: no limit).
    ``stretches``: where lhs = 0 on whole intervals, their ends count as zeros (two arguments
    of a Max equal on a stretch switch, if anywhere, where it ends). ``unresolved.endless`` is
    set when the zeros are infinitely many."""
    if lhs == 0 or region is sp.S.EmptySet:
        return []  # a flat piece: nothing isolated
    if var not in lhs.free_symbols:
        return []
    try:
        with time_limit(budget - clock()) if budget else contextlib.nullcontext():
            found = sp.solveset(lhs, var, region)
            if not isinstance(found, sp.FiniteSet):
                if unresolved is not None and found.has(sp.ImageSet):
                    unresolved.endless = not found.has(sp.ConditionSet)
                found = found.intersect(window)
    except (*SYMPY_FAILURES, TimeLimitExceeded):
        return None
    parts = found.args if isinstance(found, sp.Union) else (found,)
    if stretches and all(isinstance(p, sp.FiniteSet | sp.Interval) for p in parts):
        bounds = [e for p in parts if p.is_Interval for e in p.boundary]
        ends = [e for e in bounds if window.contains(e) is sp.true]
        found = sp.FiniteSet(*ends, *(e for p in parts if not p.is_Interval for e in p))
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


def _numeric_roots(d1, var, window, unresolved) -> list[sp.Expr]:
    """Sign changes of f' on a grid, refined by bisection (all brackets at once) to ~1e-12 and
    confirmed in 30-digit arithmetic (:func:`_confirmed_root`); grid points where f' is exactly
    0 count only when f' is not 0 at both neighbours (a flat stretch has no isolated critical
    points). Stretches the grid cannot resolve (see :func:`_scan`) are added to
    ``unresolved``."""
    slope, xs, ys, zones = _scan(d1, var, window)
    unresolved.extend(zones)
    xs, ys = xs[1:-1], ys[1:-1]
    roots = [sp.Float(x, 15) for x in xs[_lonely_zeros(ys)]]
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
    g = _mp_function(d1, var)
    for i in np.nonzero(at_root)[0]:
        root = _confirmed_root(g, lo[i], hi[i], xs[brackets[i]], xs[brackets[i] + 1])
        if root is not None:
            roots.append(sp.Float(root, 15))
    return roots


def _confirmed_root(g, lo, hi, start, end):
    """The sign change of g in the float bracket [lo, hi] (inside the grid cell [start, end]),
    checked in 30-digit arithmetic: floats may see a sign change that rounding made (f' =
    (sin u − u cos u)/sin²u loses every digit near u = 0). When g has the same sign at both
    ends at 30 digits, the bracket is widened (up to the cell) until it changes sign and the
    change is found again by bisection; ``None`` when it never changes sign."""
    with mpmath.workdps(30):
        scale = max(1.0, abs(float(lo)))
        for wider in (0.0, 1e-12, 1e-9, 1e-6, math.inf):
            a = mpmath.mpf(max(float(lo) - wider * scale, float(start)))
            b = mpmath.mpf(min(float(hi) + wider * scale, float(end)))
            ga, gb = _evaluate(g, a), _evaluate(g, b)
            if ga is not None and gb is not None and mpmath.sign(ga) * mpmath.sign(gb) <= 0:
                break
        else:
            return None
        if not wider:
            return (a + b) / 2
        sign_a = mpmath.sign(ga)
        while b - a > mpmath.mpf(10) ** -25 * scale:
            mid = (a + b) / 2
            value = _evaluate(g, mid)
            if value is None:
                return mid  # g undefined inside: at a hole of f, which the caller finds
            a, b = (mid, b) if mpmath.sign(value) == sign_a else (a, mid)
        return (a + b) / 2


def _lonely_zeros(ys: np.ndarray) -> np.ndarray:
    """Grid points where the values are exactly 0 and their neighbours are not (a stretch of
    zeros is no isolated root)."""
    zero = ys == 0
    return zero & ~np.r_[False, zero[:-1]] & ~np.r_[zero[1:], False]


_LARGEST, _SMALLEST = sp.Function("_largest"), sp.Function("_smallest")
_ELEMENTWISE = {  # Max and Min of arrays, without SymPy's rewriting into Piecewise (slow, can hang)
    "_largest": lambda *args: functools.reduce(np.maximum, args),
    "_smallest": lambda *args: functools.reduce(np.minimum, args),
}


def _on_grid(expr, var):
    """``(values, vectorized)``: ``values(xs)`` is f on a NumPy array of points, ``nan`` where f is
    undefined or not real (as :func:`mathcore.sampling.numpy_function`; Max and Min element-wise).
    Where NumPy cannot take the formula (a condition it cannot select on) f is evaluated point
    by point in mpmath, slower (``vectorized`` False)."""
    f = _mp_function(expr, var)

    def pointwise(xs):
        found = (_evaluate(f, mpmath.mpf(float(t))) for t in xs)
        return np.array([np.nan if v is None else float(v) for v in found])

    def values(xs):
        with np.errstate(all="ignore"):  # real input: sqrt(−1), log(−1), (−8)^(1/3) give nan
            raw = np.broadcast_to(np.asarray(fast(xs)), xs.shape).astype(complex)
        small_imag = np.abs(raw.imag) <= 1e-9 * np.maximum(1.0, np.abs(raw.real))
        real = np.where(small_imag, raw.real, np.nan)
        return np.where(np.isfinite(real), real, np.nan)

    failures = (*SYMPY_FAILURES, ArithmeticError, NameError, SyntaxError)
    flat = _evaluable(expr).replace(sp.Max, _LARGEST).replace(sp.Min, _SMALLEST)
    try:
        fast = sp.lambdify(var, flat, modules=[_ELEMENTWISE, "numpy"])
        values(np.linspace(-1.0, 1.0, 3))  # some formulas fail only when called
    except failures:
        return pointwise, False

    def guarded(xs):
        try:
            return values(xs)
        except failures:
            return pointwise(xs)

    return guarded, True


def _scan(expr, var, window):
    """``(values, xs, ys, unresolved)``: f on the grid of ``window``, and the stretches where that
    grid cannot resolve f's sign changes.

    A cell of the grid is unresolved when a grid :data:`_FINE` times finer counts a different
    number of sign changes in it: f has roots closer together than the grid's step there (near
    0 for cos((x + 2)/x), where there are infinitely many). Cells where the finer grid meets an
    undefined or (nearly) zero value are not judged. Point-by-point evaluation (see
    :func:`_on_grid`) only has the grid itself: two neighbouring cells that both change sign
    count as unresolved."""
    values, vectorized = _on_grid(expr, var)
    low, high = float(window.start), float(window.end)
    if not vectorized:
        xs = np.linspace(low, high, _GRID)
        ys = values(xs)
        changes = _changes(ys)
        crowded = changes & (np.r_[False, changes[:-1]] | np.r_[changes[1:], False])
        return values, xs, ys, _stretches(xs, crowded)
    fine_xs = np.linspace(low, high, (_GRID - 1) * _FINE + 1)
    fine = values(fine_xs)
    xs, ys = fine_xs[::_FINE], fine[::_FINE]
    finite = np.abs(fine[np.isfinite(fine)])
    noise = 1e-12 * max(1.0, float(np.median(finite))) if len(finite) else 0.0
    unclear = ~(np.abs(fine) > noise)  # nan, or too close to 0 to trust its sign
    judged = ~(unclear[:-1] | unclear[1:]).reshape(-1, _FINE).any(axis=1)
    finer = _changes(fine).reshape(-1, _FINE).sum(axis=1)
    return values, xs, ys, _stretches(xs, judged & (finer != _changes(ys)))


def _changes(ys: np.ndarray) -> np.ndarray:
    """For each cell between neighbouring values: do they have opposite signs?"""
    return np.sign(ys[:-1]) * np.sign(ys[1:]) < 0


def _stretches(xs: np.ndarray, cells: np.ndarray) -> list[tuple[float, float]]:
    """The marked cells of the grid ``xs`` as stretches (lo, hi): cells up to four apart are one
    stretch, widened by a cell on each side."""
    marked = np.nonzero(cells)[0]
    if not len(marked):
        return []
    step = float(xs[1] - xs[0])
    breaks = np.nonzero(np.diff(marked) > 4)[0]
    firsts, lasts = marked[np.r_[0, breaks + 1]], marked[np.r_[breaks, len(marked) - 1]]
    return [
        (float(xs[i]) - step, float(xs[j + 1]) + step) for i, j in zip(firsts, lasts, strict=True)
    ]


def _switches(expr, d1, var, domain, window, budget, unresolved) -> list[sp.Expr]:
    """Switch points of f, and zeros of the denominators of f' (cusps, vertical tangents), each
    once; stretches the numeric searches cannot resolve are added to ``unresolved``."""
    points = _switch_equations(expr, var, domain, window, budget, unresolved)
    branches = [b for b, _ in d1.args] if isinstance(d1, sp.Piecewise) else [d1]
    poles = _Unresolved()  # infinitely many poles of f' (tan x) are no critical points
    for branch in branches:
        denominator = sp.together(branch).as_numer_denom()[1]
        points |= set(_zeros(denominator, var, domain, window, budget, poles))
    unresolved.extend(poles)
    inside = domain.intersect(window) if window.is_subset(domain) else domain
    return _distinct([c for c in points if c.is_finite and inside.contains(c) is sp.true])


def _distinct(points) -> list[sp.Expr]:
    """``points`` without repeats: a float within :data:`_SAME` of an exact point, or of another
    float, is the same root found twice (x = cos|x − 1| numerically at 1, |x − 1| exactly)."""
    exact = [c for c in points if not isinstance(c, sp.Float)]
    kept, seen = list(exact), sorted(float(c) for c in exact)
    for c in sorted((c for c in points if isinstance(c, sp.Float)), key=float):
        if not _near(float(c), seen):
            kept.append(c)
            bisect.insort(seen, float(c))
    return kept


def _switch_equations(expr, var, domain, window, budget, unresolved) -> set[sp.Expr]:
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
            points |= set(_zeros(side, var, domain, window, budget, unresolved))
    return set(_distinct(points))


def _zeros(lhs, var, domain, window, budget, unresolved) -> list[sp.Expr]:
    """Zeros of ``lhs``: exact when SymPy answers in time (at once, whatever time is left, for a
    polynomial of degree ≤ 2: a threshold x < c, |x − 1|, x = x²), else sign changes on a grid
    (its unresolved stretches are added to ``unresolved``)."""
    if var not in lhs.free_symbols:
        return []
    simple = lhs.is_polynomial(var) and sp.degree(lhs, var) <= 2
    exact = _solve(
        lhs, var, domain, window, None if simple else budget, True, unresolved=unresolved
    )
    if exact is not None:
        return exact
    _, xs, ys, zones = _scan(lhs, var, window)
    unresolved.extend(zones)
    return _grid_roots(_mp_function(lhs, var), xs, ys)


def _integer_crossings(u, var, window) -> list[sp.Expr]:
    """x in ``window`` where ``u`` passes an integer (the steps of floor(u) and ceiling(u))."""
    xs = np.linspace(float(window.start), float(window.end), _GRID)
    values = _on_grid(u, var)[0](xs)
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
    """Zeros of g from its values ``ys`` on the grid ``xs``: grid points inside the grid where
    g = 0 (alone: a stretch of zeros is no isolated root), and sign changes refined by bisection
    in 60-digit arithmetic (a sign change across a pole is dropped: g is not tiny there)."""
    inner = _lonely_zeros(ys)
    inner[[0, -1]] = False
    roots = [sp.Float(x, 60) for x in xs[inner]]
    with mpmath.workdps(60):
        for i in np.nonzero(_changes(ys))[0]:
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
    return sp.lambdify(var, _evaluable(expr), modules=[REAL_FUNCTIONS, "mpmath"])


def _evaluable(expr: sp.Expr) -> sp.Expr:
    """``expr`` as lambdify can print it: ``zoo`` as ``nan``, and each root of a polynomial that
    SymPy keeps as ``CRootOf`` (a piece boundary of f' where x⁵ − x⁴ + … = 2) as a 100-digit
    float."""
    roots = {r: sp.Float(r.evalf(100), 100) for r in expr.atoms(sp.CRootOf)}
    return expr.xreplace({sp.zoo: sp.nan, **roots})


def _evaluate(f, t):
    """f(t) as a real mpf, ``None`` where f is undefined or not real."""
    try:
        v = mpmath.mpmathify(f(t))
    except EVALUATION_FAILURES:
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
    left, right = numeric(_evaluable(d1), var, sides)
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
