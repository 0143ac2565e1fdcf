"""Critical points and what kind they are: f'(x) = 0 or f' undefined, then the deciding test.

>>> x = sp.Symbol("x", real=True)
>>> [(p.x, p.y, p.kind, p.test) for p in critical_points(x**2 - 4*x + 3, x)]
[(2, -1, 'local_min', 'second_derivative')]
"""

from __future__ import annotations

import math
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.errors import SYMPY_FAILURES
from mathcore.points import as_point, numeric, value_at
from mathcore.sampling import numpy_function

KINDS = ("local_min", "local_max", "neither")
TESTS = ("second_derivative", "first_derivative")
DEFAULT_WINDOW = (-10, 10)
_GRID = 4001
SOLVE_SECONDS = 1.0  # then the numeric search takes over (in a bounded worker)


class _SolveTimeout(Exception):
    """SymPy's solveset ran out of its share of the time."""


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after ``seconds`` with :class:`_SolveTimeout`. Only on a process's
    main thread, which is where ``run_bounded`` workers run; elsewhere the block is unlimited."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _SolveTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    """
    d1 = derivative(expr, var)
    if d1 == 0:
        return []  # a constant function: no isolated critical points
    window = sp.Interval.open(*(interval or DEFAULT_WINDOW))
    domain = sp.Interval.open(*interval) if interval else sp.S.Reals
    found = _stationary(d1, var, domain, window)
    numeric_search = found is None
    if numeric_search:
        found = _numeric_roots(d1, var, window)
    kinks = set(_kinks(expr, d1, var, domain, window)) - set(found)
    points = sorted(set(found) | kinks, key=float)
    d2 = derivative(expr, var, order=2)
    result = []
    for i, c in enumerate(points):
        y = value_at(expr, var, c)
        if y is None:
            continue
        kind, test = _classify(
            d1,
            d2,
            var,
            c,
            points[i - 1] if i else None,
            points[i + 1] if i + 1 < len(points) else None,
            c in kinks,
        )
        result.append(
            CriticalPoint(c, y, kind, test, c not in kinks, numeric_search and c not in kinks)
        )
    return result


def _stationary(d1, var, domain, window) -> list[sp.Expr] | None:
    """Exact zeros of f' (``None`` when SymPy cannot solve); infinitely many → those in window.

    A piecewise f' is solved piece by piece; a piece where f' ≡ 0 (f constant there) has no
    isolated critical points and is skipped."""
    if isinstance(d1, sp.Piecewise):
        pieces = [
            (branch, (cond.as_set() & domain))
            for branch, cond in d1.args
            if not isinstance(cond, sp.Eq) and branch != 0
        ]
    else:
        pieces = [(d1, domain)]
    roots = sp.S.EmptySet
    for branch, region in pieces:
        try:
            with _time_limit(SOLVE_SECONDS):
                found = sp.solveset(branch, var, region)
        except (*SYMPY_FAILURES, _SolveTimeout):
            return None
        if not isinstance(found, sp.FiniteSet):
            found = found.intersect(window)
        if found is sp.S.EmptySet:
            continue
        if not isinstance(found, sp.FiniteSet) or not all(r.is_real for r in found):
            return None
        roots = roots | found
    return list(roots)


def _numeric_roots(d1, var, window) -> list[sp.Expr]:
    """Sign changes of f' on a grid, refined by bisection (all brackets at once) to ~1e-12."""
    slope = numpy_function(d1, var)
    xs = np.linspace(float(window.start), float(window.end), _GRID)[1:-1]
    ys = slope(xs)
    roots = [sp.Float(x, 15) for x, y in zip(xs, ys, strict=True) if y == 0]
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


def _kinks(expr, d1, var, domain, window) -> list[sp.Expr]:
    """Points where f is defined but f' is not: piece boundaries, zeros of f's denominators."""
    if isinstance(d1, sp.Piecewise):
        candidates = set().union(*((c.as_set() & sp.S.Reals).boundary for _, c in d1.args))
    else:
        candidates = _finite_zeros(sp.together(d1).as_numer_denom()[1], var, domain)
    inside = domain.intersect(window)
    return [
        c
        for c in candidates
        if c.is_finite
        and c.is_real
        and inside.contains(c) is sp.true
        and value_at(expr, var, c) is not None
        and math.isnan(numeric(d1, var, [c])[0])
    ]


def _finite_zeros(expr, var, domain) -> set[sp.Expr]:
    if var not in expr.free_symbols:
        return set()
    try:
        zeros = sp.solveset(expr, var, domain)
    except SYMPY_FAILURES:
        return set()
    return set(zeros) if isinstance(zeros, sp.FiniteSet) else set()


def _classify(d1, d2, var, c, previous, following, kink) -> tuple[str, str]:
    if not kink:
        curvature = numeric(d2, var, [c])[0]
        if np.isfinite(curvature) and abs(curvature) > 1e-9:
            return ("local_min" if curvature > 0 else "local_max"), "second_derivative"
    gap = min([abs(float(c) - float(p)) for p in (previous, following) if p is not None] + [1e-3])
    left, right = numeric(d1, var, [as_point(float(c) - gap / 2), as_point(float(c) + gap / 2)])
    # f falls (or is flat) then rises (or is flat), not flat on both sides: a (non-strict) minimum
    if left <= 0 <= right and (left, right) != (0, 0):
        return "local_min", "first_derivative"
    if left >= 0 >= right and (left, right) != (0, 0):
        return "local_max", "first_derivative"
    return "neither", "first_derivative"
