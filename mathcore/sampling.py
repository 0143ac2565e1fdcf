"""Plot samples of f that never join across a pole or a jump, with holes and asymptotes marked.

>>> x = sp.Symbol("x", real=True)
>>> s = sample_function((x**2 - 1) / (x - 1), x, -3, 3, n=7)
>>> s.holes, s.asymptotes
(((1.0, 2.0),), ())
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.continuity import classify_continuity
from mathcore.errors import SYMPY_FAILURES

_BREAKERS = (sp.floor, sp.ceiling, sp.sign, sp.Heaviside)


@dataclass(frozen=True, eq=False)
class Samples:
    """``x``, ``y`` arrays for a line plot (``nan`` where f is undefined and at every break, so
    the line never joins across it); ``holes`` are removable points ``(x, limit)``;
    ``asymptotes`` the x positions of vertical asymptotes; ``breaks`` all break points."""

    x: np.ndarray
    y: np.ndarray
    holes: tuple[tuple[float, float], ...]
    asymptotes: tuple[float, ...]
    breaks: tuple[float, ...]


def sample_function(
    expr: sp.Expr, var: sp.Symbol, start: float, stop: float, n: int = 1000
) -> Samples:
    """Sample ``expr`` on [start, stop] with NumPy (``lambdify``), breaking the line at poles
    and jumps (also at the window's ends, and at jumps no formula names: a piecewise f).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> s = sample_function(1 / (x + 1), x, -3, 3, n=601)
    >>> s.asymptotes, bool(np.isnan(s.y[s.x == -1.0]).all())
    ((-1.0,), True)
    >>> sample_function(sp.floor(x), x, 0, 3, n=301).breaks  # the ends too
    (0.0, 1.0, 2.0, 3.0)
    """
    return sample_windows(expr, var, [(start, stop)], n)[0]


def sample_windows(
    expr: sp.Expr,
    var: sp.Symbol,
    windows: Sequence[tuple[float, float]],
    n: int = 1000,
    focus: float | None = None,
    geometric: bool = False,
) -> tuple[Samples, ...]:
    """:func:`sample_function` for several windows (a zoom's), each sampled on its own: ``n``
    even points, more crowding toward ``focus`` (the point a page zooms in on) and toward every
    break; the breaks are found and classified once for all windows. ``geometric``: points
    evenly spaced on a log scale instead (windows on one side of 0, for a log axis toward ±∞).

    >>> x = sp.Symbol("x", real=True)
    >>> wide, narrow = sample_windows(sp.sin(1 / x), x, [(-1, 1), (-0.01, 0.01)], 500, focus=0)
    >>> len(narrow.x) > 500, float(np.abs(narrow.x[narrow.x != 0]).min()) < 1e-9
    (True, True)
    """
    f = numpy_function(expr, var)
    low, high = min(w[0] for w in windows), max(w[1] for w in windows)
    # toward ±∞ (a log grid over decades) the formulas' break points are too many to list
    # (tan x has ~10⁶ poles up to 10⁶): the numeric split alone breaks the line there
    exact_breaks = [] if geometric else _break_points(expr, var, float(low), float(high))
    kept, holes, asymptotes = [], [], []
    for exact in exact_breaks:
        kind = classify_continuity(expr, var, exact)
        if kind.continuous:  # a candidate that is no break: ∛x at 0, |x| at 0
            continue
        b = float(exact)
        kept.append(b)
        if kind.kind == "removable":
            holes.append((b, float(kind.left if kind.left is not None else kind.right)))
        elif kind.kind == "infinite":
            asymptotes.append(b)
    found = []
    for start, stop in windows:
        start, stop = float(start), float(stop)
        inside = [b for b in kept if start <= b <= stop]
        if geometric:
            xs = np.union1d(np.geomspace(start, stop, int(n)), inside)
        else:
            xs = _grid(start, stop, int(n), focus, inside)
        ys = f(xs)
        ys[np.isin(xs, inside)] = np.nan  # a NaN sample at each break: the line stops there
        xs, ys = _split_jumps(f, xs, ys)
        found.append(
            Samples(
                xs,
                ys,
                tuple(h for h in holes if start <= h[0] <= stop),
                tuple(v for v in asymptotes if start <= v <= stop),
                tuple(inside),
            )
        )
    return tuple(found)


CROWD = 150  # extra samples on each side of the focus (40 beside each break), geometric
MAX_CROWDED_BREAKS = 40


def _grid(start: float, stop: float, n: int, focus: float | None, breaks: list[float]):
    """Even points on [start, stop], and with a focus, points crowding geometrically (down to 10⁻⁹
    of the width) toward it and toward the breaks, so the shape there is drawn at every zoom."""
    width = stop - start
    parts = [np.linspace(start, stop, n), np.array(breaks, dtype=float)]
    near = [(focus, CROWD)] if focus is not None and start <= focus <= stop else []
    if focus is not None:  # a zoomed page: crowd toward the breaks nearest the focus as well
        breaks = sorted(breaks, key=lambda b: abs(b - focus))[:MAX_CROWDED_BREAKS]
        near += [(b, CROWD // 4) for b in breaks]
    for centre, count in near:
        steps = width * np.geomspace(1e-9, 0.5, count)
        parts += [centre - steps, centre + steps, np.array([centre])]
    xs = np.unique(np.concatenate(parts))
    return xs[(xs >= start) & (xs <= stop)]


HALVINGS = 60


def _split_jumps(f, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A NaN between neighbouring samples where f jumps (or is undefined) in between.

    Each step of the line is halved toward its larger rise down to the float resolution: a
    continuous f's rise shrinks with the step, a jump's keeps at least half its size (a pole's
    grows); a point where f is undefined is a break too."""
    rise = np.abs(np.diff(ys))
    steps = np.flatnonzero(np.isfinite(rise) & (rise > 0))
    if not len(steps):
        return xs, ys
    lo, hi = xs[steps].copy(), xs[steps + 1].copy()
    y_lo, y_hi = ys[steps].copy(), ys[steps + 1].copy()
    undefined = np.zeros(len(steps), dtype=bool)
    for _ in range(HALVINGS):
        mid = (lo + hi) / 2
        y_mid = f(mid)
        undefined |= np.isnan(y_mid) & (mid > lo) & (mid < hi)
        left = np.abs(y_mid - y_lo) >= np.abs(y_hi - y_mid)
        hi, y_hi = np.where(left, mid, hi), np.where(left, y_mid, y_hi)
        lo, y_lo = np.where(left, lo, mid), np.where(left, y_lo, y_mid)
    broken = undefined | (np.abs(y_hi - y_lo) >= 0.5 * rise[steps])
    where = steps[broken] + 1
    cut = (lo[broken] + hi[broken]) / 2
    return np.insert(xs, where, cut), np.insert(ys, where, np.nan)


def evaluate(expr: sp.Expr, var: sp.Symbol, xs: np.ndarray) -> np.ndarray:
    """f at each x as floats: ``nan`` where undefined, not real or overflowing.

    >>> x = sp.Symbol("x", real=True)
    >>> evaluate(sp.sqrt(x) + sp.Max(0, x), x, np.array([-1.0, 4.0])).tolist()
    [nan, 6.0]
    """
    return numpy_function(expr, var)(xs)


def numpy_function(expr: sp.Expr, var: sp.Symbol):
    """f as a NumPy function of an array (lambdified once), with :func:`evaluate`'s rules."""
    f = sp.lambdify(
        var, expr.rewrite(sp.Piecewise) if expr.has(sp.Max, sp.Min) else expr, modules="numpy"
    )

    def values(xs: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):  # real input: sqrt(−1), log(−1), (−8)^(1/3) give nan
            raw = np.asarray(f(xs))
        raw = np.broadcast_to(raw, xs.shape).astype(complex)
        small_imag = np.abs(raw.imag) <= 1e-9 * np.maximum(1.0, np.abs(raw.real))
        real = np.where(small_imag, raw.real, np.nan)
        return np.where(np.isfinite(real), real, np.nan)

    return values


def _break_points(expr: sp.Expr, var: sp.Symbol, start: float, stop: float) -> list[sp.Expr]:
    """x in [start, stop] where f may be discontinuous: zeros of denominators and of log/root
    arguments, where floor/ceiling arguments are integers, where sign/step arguments vanish."""
    window = sp.Interval(start, stop)
    equations = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow) and node.exp.is_negative:
            equations.append(node.base)
        elif isinstance(node, (sp.tan, sp.sec)):
            equations.append(sp.cos(node.args[0]))
        elif isinstance(node, (sp.cot, sp.csc)):
            equations.append(sp.sin(node.args[0]))
        elif isinstance(node, (sp.sign, sp.Heaviside, sp.log)):
            equations.append(node.args[0])
        elif isinstance(node, (sp.floor, sp.ceiling)):
            equations.extend(
                node.args[0] - k for k in _integer_values(node.args[0], var, start, stop)
            )
    points: set[sp.Expr] = set()
    for lhs in equations:
        if var not in lhs.free_symbols:
            continue
        try:
            roots = sp.solveset(lhs, var, window)
        except SYMPY_FAILURES:
            continue
        if isinstance(roots, sp.FiniteSet):
            points |= {r for r in roots if r.is_real}
    return sorted(points, key=float)


def _integer_values(u: sp.Expr, var: sp.Symbol, start: float, stop: float) -> range:
    """The integers that ``u`` passes on [start, stop] (at most 200 of them)."""
    values = evaluate(u, var, np.linspace(start, stop, 201))
    values = values[np.isfinite(values)]
    if not len(values):
        return range(0)
    low, high = math.ceil(values.min()), math.floor(values.max())
    return range(low, min(high, low + 199) + 1)
