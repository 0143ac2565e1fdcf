"""Plot samples of f that never join across a pole or a jump, with holes and asymptotes marked,
refined until the drawn line follows f, and a band where f swings faster than a chart can draw.

>>> x = sp.Symbol("x", real=True)
>>> s = sample_function((x**2 - 1) / (x - 1), x, -3, 3, n=7)
>>> s.holes, s.asymptotes
(((1.0, 2.0),), ())
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.continuity import classify_continuity
from mathcore.errors import SYMPY_FAILURES

_BREAKERS = (sp.floor, sp.ceiling, sp.sign, sp.Heaviside)


@dataclass(frozen=True, eq=False)
class Band:
    """Where f swings faster than a chart can draw (sin(1/x) near 0): f takes values between
    ``low`` and ``high`` over each step of ``x`` (a staircase: one step per pixel column, about),
    so a chart fills the band instead of drawing a line that is not f's."""

    x: np.ndarray
    low: np.ndarray
    high: np.ndarray


@dataclass(frozen=True, eq=False)
class Samples:
    """``x``, ``y`` arrays for a line plot (``nan`` where f is undefined, at every break and
    across each band, so the line never joins across them); ``holes`` are removable points
    ``(x, limit)``; ``asymptotes`` the x positions of vertical asymptotes; ``breaks`` all break
    points; ``bands`` the stretches where f swings too fast to draw as a line."""

    x: np.ndarray
    y: np.ndarray
    holes: tuple[tuple[float, float], ...]
    asymptotes: tuple[float, ...]
    breaks: tuple[float, ...]
    bands: tuple[Band, ...] = ()


def sample_function(
    expr: sp.Expr, var: sp.Symbol, start: float, stop: float, n: int = 1000
) -> Samples:
    """Sample ``expr`` on [start, stop] with NumPy (``lambdify``), breaking the line at poles
    and jumps (also at the window's ends, and at jumps no formula names: a piecewise f), refined
    where the line would stray from f and a band where f swings too fast (:func:`sample_windows`).

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


def broken_at(samples: Samples, xs: Sequence[float]) -> Samples:
    """``samples`` with the line broken at each of ``xs`` inside its range as well (a ``nan``
    sample there): f′ sampled on its own is one line across a jump of f (⌊x⌋′ = 0 wherever it
    exists), but f′ does not exist where f is not continuous.

    >>> x = sp.Symbol("x", real=True)
    >>> zero = sample_function(sp.Integer(0), x, 0, 2, n=5)
    >>> broken = broken_at(zero, sample_function(sp.floor(x), x, 0, 2, n=5).breaks)
    >>> broken.x.tolist(), broken.y.tolist(), broken.breaks
    ([0.0, 0.5, 1.0, 1.0, 1.5, 2.0], [0.0, 0.0, nan, 0.0, 0.0, 0.0], (1.0,))
    """
    inside = sorted(b for b in xs if samples.x[0] < b < samples.x[-1] and b not in samples.breaks)
    if not inside:
        return samples
    where = np.searchsorted(samples.x, inside)
    return Samples(
        np.insert(samples.x, where, inside),
        np.insert(samples.y, where, np.nan),
        samples.holes,
        samples.asymptotes,
        tuple(sorted((*samples.breaks, *inside))),
        samples.bands,
    )


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

    Each window is then refined (:func:`_refine`) until the line strays from f by less than
    ``TOLERANCE`` of its y-range, with at most ``MAX_POINTS`` points; where f swings faster
    than that can follow, the window has a :class:`Band` instead of a line.

    Parameters
    ----------
    expr, var : the function f and its variable.
    windows : the x-ranges ``(start, stop)`` to sample, each on its own.
    n : the number of even points in each window before refining.
    focus : the point to crowd samples toward (a zoom's centre), if any.
    geometric : space the points on a log scale (windows on one side of 0).

    Returns
    -------
    One :class:`Samples` per window, in order.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> wide, narrow = sample_windows(sp.sin(1 / x), x, [(-1, 1), (-0.01, 0.01)], 500, focus=0)
    >>> (band,) = narrow.bands  # where sin(1/x) turns faster than a line can show
    >>> round(float(band.x[0]), 4), round(float(band.x[-1]), 4), len(narrow.x) <= MAX_POINTS
    (-0.0029, 0.0029, True)
    >>> bool(band.low.min() < -0.99 and band.high.max() > 0.99)  # sweeping all of [−1, 1]
    True
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
            even = np.geomspace(start, stop, int(n))
            xs = np.union1d(even, inside)
        else:
            even = np.linspace(start, stop, int(n))
            xs = _grid(start, stop, int(n), focus, inside)
        ys = f(xs)
        ys[np.isin(xs, inside)] = np.nan  # a NaN sample at each break: the line stops there
        xs, ys = _split_jumps(f, xs, ys)
        scale = Scale.of(f(even), (start < 0) if geometric else None)
        xs, ys, bands = _refine(f, xs, ys, scale)
        found.append(
            Samples(
                xs,
                ys,
                tuple(h for h in holes if start <= h[0] <= stop),
                tuple(v for v in asymptotes if start <= v <= stop),
                tuple(inside),
                bands,
            )
        )
    return tuple(found)


TOLERANCE = 1 / 400  # of the y-range: how far the line may stray from f (under a pixel)
MAX_POINTS = 4000  # samples in one window, at most
PASSES = 3  # refining passes at most: each next one uses the room the bands freed
PIXELS = 1000  # columns of a chart, about: steps are measured in them
MIN_STEP = 1 / 8  # of a column: no step is split narrower
PROBES = np.array([1 / 3, 2 / 3])  # where a step is checked against its chord, each moved
JITTER = 1 / 12  # by up to this much (seeded): probes at fixed places fall on the same alias
# as the samples when f's wave divides the step evenly (x sin x at 27 600: 8.85 waves a step)
CHECKS = 3  # a step passes after this many checks (where f swings, probes land near the
# chord by chance: each check lets through a few % of such steps)
SWING = (math.pi / 4) ** 2 / 2  # f turning by more than SWING · y-range · (step in columns)²
# from the chord turns faster than a wave 4 columns long does (its chord misses it by up to
# (π w / 4)² / 2 of its height over w columns): a line cannot show that, a band does
ZIGZAG = 1.5  # f going up, down, up (or down, up, down) within this many columns: a wave
# of 3 columns or less, however low
JOINED = 3  # bands closer than this many columns are one (f turns at every peak between)
SWEEP = 48  # values per column where a band's envelope is taken
NEIGHBOURS = 2  # a band's column takes the extremes of this many columns on each side too


@dataclass(frozen=True)
class Scale:
    """What a chart of one window shows: ``span`` its y-range (robust, as ``ui.charts.kit.y_range``
    takes it), y seen clipped to [low, high] (that range with a margin of a span: f far off
    screen needs no refining); ``mirrored`` whether x < 0 on a log axis (where a point's place
    across the chart is −log|x|), ``None`` on a linear axis."""

    low: float
    high: float
    span: float
    mirrored: bool | None = None

    @classmethod
    def of(cls, even_values: np.ndarray, mirrored: bool | None) -> Scale:
        """From f at even points of the window."""
        shown = even_values[np.isfinite(even_values)]
        low, high = np.percentile(shown, [3, 97]) if len(shown) else (-1.0, 1.0)
        span = max(high - low, 1e-9 * max(1.0, abs(high), abs(low)))
        return cls(low - span, high + span, span, mirrored)

    @property
    def tolerance(self) -> float:
        return TOLERANCE * self.span

    def across(self, x: np.ndarray) -> np.ndarray:
        """x's place across the chart: x itself, or ±log|x| on a log axis (growing with x)."""
        if self.mirrored is None:
            return x
        return -np.log(-x) if self.mirrored else np.log(x)

    def x(self, u: np.ndarray) -> np.ndarray:
        """The x at the place ``u`` across the chart (the inverse of :meth:`across`)."""
        if self.mirrored is None:
            return u
        return -np.exp(-u) if self.mirrored else np.exp(u)

    def seen(self, y: np.ndarray) -> np.ndarray:
        """y as the chart shows it: off-screen values at its edge."""
        return np.clip(y, self.low, self.high)

    def side(self, y: np.ndarray) -> np.ndarray:
        """−1 below the chart, 1 above it, 0 on it."""
        return (y > self.high).astype(int) - (y < self.low)


def _refine(
    f: Callable[[np.ndarray], np.ndarray], xs: np.ndarray, ys: np.ndarray, scale: Scale
) -> tuple[np.ndarray, np.ndarray, tuple[Band, ...]]:
    """The line refined until it follows f (:func:`_refine_pass`), and the bands where it
    cannot: a pass that runs out of points is followed by another with the room its bands
    freed (the samples inside a band are dropped), ``PASSES`` at most."""
    bands: list[Band] = []
    for _ in range(PASSES):
        xs, ys, found, starved = _refine_pass(f, xs, ys, scale)
        bands += found
        if not starved or len(xs) > MAX_POINTS - 2:
            break
    return xs, ys, tuple(sorted(bands, key=lambda band: band.x[0]))


def _refine_pass(
    f: Callable[[np.ndarray], np.ndarray], xs: np.ndarray, ys: np.ndarray, scale: Scale
) -> tuple[np.ndarray, np.ndarray, tuple[Band, ...], bool]:
    """Split each step of the line between finite samples at its probes, widest steps first,
    while :func:`_judge` finds it failing (``CHECKS`` times, probes moved each time), down to
    ``MIN_STEP`` and up to ``MAX_POINTS``; steps it finds swinging become :class:`Band`\\ s (the
    line stops across them). Also: did the points run out?"""
    u = scale.across(xs)
    column = (u[-1] - u[0]) / PIXELS
    budget, starved = MAX_POINTS - len(xs), False
    jitter = np.random.default_rng(len(xs))  # the same picture every time
    both = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    u0, u1, y0, y1 = u[:-1][both], u[1:][both], ys[:-1][both], ys[1:][both]
    passed = np.zeros(len(u0), dtype=int)  # checks each step has passed
    added_x, added_y, swinging = [xs], [ys], [np.empty((0, 2))]
    while len(u0):
        width = u1 - u0
        at = PROBES + jitter.uniform(-JITTER, JITTER, (len(u0), len(PROBES)))
        probe_u, probe_y, failing, swings = _judge(f, scale, column, u0, u1, y0, y1, at)
        again = ~failing & (passed + 1 < CHECKS)
        undefined = failing & ~swings & np.isnan(probe_y).any(axis=1)  # first: a break there
        wide = np.flatnonzero(failing & ~swings & ~undefined & (width > MIN_STEP * column))
        order = np.r_[np.flatnonzero(undefined), wide[np.argsort(-width[wide], kind="stable")]]
        chosen = order[: max(budget, 0) // len(PROBES)]
        split = np.zeros(len(u0), dtype=bool)
        split[chosen] = True
        starved |= len(order) > len(chosen)
        budget -= len(PROBES) * len(chosen)
        swinging.append(np.column_stack([u0[swings], u1[swings]]))
        added_x.append(scale.x(probe_u[split].ravel()))
        added_y.append(probe_y[split].ravel())
        ends_u = np.column_stack([u0[split], probe_u[split], u1[split]])
        ends_y = np.column_stack([y0[split], probe_y[split], y1[split]])
        a, b = ends_u[:, :-1].ravel(), ends_u[:, 1:].ravel()
        ya, yb = ends_y[:, :-1].ravel(), ends_y[:, 1:].ravel()
        keep = np.isfinite(ya) & np.isfinite(yb)
        u0, u1 = np.r_[a[keep], u0[again]], np.r_[b[keep], u1[again]]
        y0, y1 = np.r_[ya[keep], y0[again]], np.r_[yb[keep], y1[again]]
        passed = np.r_[np.zeros(int(keep.sum()), dtype=int), passed[again] + 1]
    xs, ys = _sorted(np.concatenate(added_x), np.concatenate(added_y))
    runs = _runs(np.concatenate(swinging), JOINED * column)
    u = scale.across(xs)
    bands = tuple(_band(f, scale, column, u, ys, a, b, jitter) for a, b in runs)
    drop = np.zeros(len(xs), dtype=bool)
    for a, b in runs:  # the line stops across each band: a NaN sample in it, the rest dropped
        within = np.flatnonzero((u > a) & (u < b))
        ys[within[0] if len(within) else np.searchsorted(u, a)] = np.nan  # one step: its start
        drop[within[1:]] = True
    return xs[~drop], ys[~drop], bands, starved


def _judge(f, scale: Scale, column: float, u0, u1, y0, y1, at: np.ndarray):
    """Probe the steps [u0, u1] (places across the chart) at the fractions ``at``. A step
    fails where f there misses the chord (as seen: clipped to the chart) by more than the
    tolerance, is undefined, or leaves the chart (probes off screen miss where the chord and f
    cross its edge); it swings where f turns (beyond both ends) by more than ``SWING`` allows,
    or zigzags (up, down, up or down, up, down) within ``ZIGZAG`` columns. Returns the probes'
    places and values, and which steps fail and which swing."""
    width = u1 - u0
    probe_u = u0[:, None] + width[:, None] * at
    probe_y = f(scale.x(probe_u.ravel())).reshape(probe_u.shape)
    seen, ends = scale.seen(probe_y), scale.seen(np.column_stack([y0, y1]))
    off = np.abs(seen - scale.seen(y0[:, None] + (y1 - y0)[:, None] * at)).max(axis=1)
    failing = ~(off <= scale.tolerance) | (scale.side(y0) != scale.side(y1))
    beyond = (seen < ends.min(axis=1, keepdims=True) - scale.tolerance) | (
        seen > ends.max(axis=1, keepdims=True) + scale.tolerance
    )
    turns = beyond.any(axis=1) & (off > SWING * scale.span * (width / column) ** 2)
    rises = np.diff(np.column_stack([ends[:, 0], seen, ends[:, 1]]), axis=1)
    zigzag = (
        (np.abs(rises) > scale.tolerance).all(axis=1)
        & (rises[:, 0] * rises[:, 1] < 0)
        & (rises[:, 1] * rises[:, 2] < 0)
        & (width <= ZIGZAG * column)
    )
    return probe_u, probe_y, failing, failing & (turns | zigzag)


def _sorted(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The samples in order of x, each x once."""
    order = np.argsort(xs, kind="stable")
    xs, ys = xs[order], ys[order]
    first = np.r_[True, np.diff(xs) > 0]
    return xs[first], ys[first]


def _runs(steps: np.ndarray, gap: float) -> list[tuple[float, float]]:
    """The steps ``[[u0, u1], …]`` joined into runs, across gaps narrower than ``gap``."""
    runs: list[list[float]] = []
    for a, b in steps[np.argsort(steps[:, 0])]:
        if runs and a - runs[-1][1] < gap:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return [(a, b) for a, b in runs]


def _band(
    f, scale: Scale, column: float, u: np.ndarray, ys: np.ndarray, a: float, b: float, jitter
):
    """f's envelope over the places [a, b]: per column the least and greatest of ``SWEEP``
    values (one at a random place in each ``SWEEP``-th of it: even places can all fall on one
    phase of f's wave) and of the samples there, widened to the ``NEIGHBOURS`` columns' (the
    values miss a column's extremes by a little)."""
    count = max(1, math.ceil((b - a) / column))
    edges = np.linspace(a, b, count + 1)
    slots = count * SWEEP
    spread = a + (b - a) * (np.arange(slots) + jitter.uniform(0, 1, slots)) / slots
    known = (u >= a) & (u <= b)
    at = np.r_[spread, u[known]]
    values = np.r_[f(scale.x(spread)), ys[known]]
    finite = np.isfinite(values)
    which = np.clip(np.searchsorted(edges, at[finite], side="right") - 1, 0, count - 1)
    low, high = np.full(count, np.inf), np.full(count, -np.inf)
    np.minimum.at(low, which, values[finite])
    np.maximum.at(high, which, values[finite])
    low, high = -_widened(-low), _widened(high)
    drawn = np.isfinite(low)
    steps = np.column_stack([edges[:-1], edges[1:]])[drawn].ravel()
    return Band(scale.x(steps), np.repeat(low[drawn], 2), np.repeat(high[drawn], 2))


def _widened(high: np.ndarray) -> np.ndarray:
    """Each column's greatest value among its ``NEIGHBOURS`` on each side (−∞: no value)."""
    padded = np.r_[np.full(NEIGHBOURS, -np.inf), high, np.full(NEIGHBOURS, -np.inf)]
    shifted = [padded[k : k + len(high)] for k in range(2 * NEIGHBOURS + 1)]
    return np.maximum.reduce(shifted)


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
        if not np.any((mid > lo) & (mid < hi)):  # every step is down to the float resolution
            break
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
        if raw.shape == xs.shape and raw.dtype.kind == "f":  # the usual case: no imaginary part
            return np.where(np.isfinite(raw), raw, np.nan)
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
