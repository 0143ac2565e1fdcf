"""The ε–δ definition of a limit, played out numerically: for each ε the largest δ such that
|f(x) − L| < ε for all x with 0 < |x − a| < δ, or, where the limit does not exist, the points
ever nearer to a that leave the band L ± ε.

L is the limit :func:`mathcore.limit_at` found (the limits page's, not found again here). Where
the two one-sided limits differ (a jump), the candidate is their midpoint: it is the best any L
can do (it is nearer to both sides than any other number), so an ε that it fails, every L fails —
the textbook proof takes ε = half the gap. Where f oscillates, the candidate is the middle of the
values f takes near a, and every ε below half their spread fails.

How δ is found, and so what it can miss: |f(a ± t) − L| is evaluated with mpmath at
:data:`DIGITS` digits (no cancellation in (x² − 1)/(x − 1) at 1 or sin x / x at 0) at
:data:`PER_DECADE` distances t per decade, log-spaced from :data:`REACH` down to
:data:`DECADES` decades nearer (relative to max(1, |a|)), on each side; the first distance where
f leaves the band is refined by bisection, and δ is the smaller of the two sides. A stretch where
f leaves the band that is narrower than the spacing of the samples (about 4 % of t) can be
missed, which would make δ too large; no δ below 100 times the nearest distance is claimed.

>>> x = sp.Symbol("x", real=True)
>>> found = epsilon_delta(2 * x + 1, x, 1, epsilons=(0.1,))
>>> found.kind, found.limit, round(found.deltas[0], 12), found.binding
('converges', 3.0, 0.05, ('both',))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from mathcore import sampling
from mathcore.limits import LimitResult, _Probe, _real, limit_at
from mathcore.points import Point, as_point
from mathcore.sampling import Samples, sample_windows
from mathcore.timelimit import TimeLimitExceeded, time_limit

DIGITS = 50  # of each value of f: a ± 10⁻¹² keeps ~38 digits, cancellation and all
PER_DECADE = 60  # distances t per decade on each side: consecutive ones ~3.9 % apart
DECADES = 12  # from REACH down to REACH·10⁻¹² (times max(1, |a|))
REACH = 1.0  # δ is looked for on 0 < |x − a| ≤ REACH: a larger δ is reported as REACH, "at least"
FLOOR = 100  # no δ below FLOOR × the nearest distance is claimed: f must stay in the band there
BISECTIONS = 48  # halvings of the step in which f first leaves the band
SPAN = 1e-4  # a converging limit's ε grid runs from its scale down to SPAN × the scale
LINEAR = 400  # then even steps over (0, δ) (toward ±∞: over (N, 4N]) …
CHECKS = 3  # … at most this many times, each after δ (N) moved: excursions the log steps skip
SAMPLING_SECONDS = 1.0  # CPU seconds for the chart's curves with f's breaks classified
KINDS = ("converges", "jump", "oscillates", "unavailable")
REASONS = ("infinite_limit", "unbounded", "oscillates", "undefined", "uncertain")


@dataclass(frozen=True)
class EpsilonDelta:
    """The ε–δ game for f at a, for every ε of a grid: one record, everything the chart needs.

    ``kind``: one of :data:`KINDS`; "unavailable" (the game needs a finite L at a finite a) with
    ``reason`` one of :data:`REASONS`, and then every tuple is empty. ``limit``: L as a float
    (the candidate midpoint for "jump" and "oscillates"), ``limit_exact`` the SymPy number where
    it is known exactly (``None`` for an oscillation's estimated middle). ``half``: half the gap
    (jump) or half the spread of f's values near a (oscillation), ``None`` when converging.
    ``sides``: the sides searched ("left", "right"; only those where f is defined).

    Per ε (``epsilons``, descending, in f's units), tuples of the same length: ``deltas`` the
    largest δ found (x's units; ``None``: f leaves the band at distances below ``floor``, so no
    δ that was sampled works), ``binding`` the side that sets it ("left", "right", "both",
    ``None``), ``capped`` True where f stays in the band all the way to ``reach`` (δ is at
    least that), ``escapes`` the points ``(x, f(x))`` nearest a in each decade where f leaves
    the band when no δ works (else ``()``), ``windows`` the chart's x-range ``(lo, hi)`` and
    ``curves`` f sampled on it (:class:`mathcore.Samples`). ``witness``: the largest ε with no
    δ where the limit does not exist, else ``None``. For a limit that exists, ``None`` in
    ``deltas`` means only that δ is below ``floor`` (∛x at 0: δ = ε³); the default grid leaves
    such ε out.
    """

    point: sp.Expr
    kind: str
    reason: str | None
    limit: float | None
    limit_exact: sp.Expr | None
    half: float | None
    sides: tuple[str, ...]
    epsilons: tuple[float, ...]
    deltas: tuple[float | None, ...]
    binding: tuple[str | None, ...]
    capped: tuple[bool, ...]
    escapes: tuple[tuple[tuple[float, float], ...], ...]
    windows: tuple[tuple[float, float], ...]
    curves: tuple[Samples, ...]
    witness: float | None
    strips: tuple[tuple[float, float], ...] = ()
    reach: float = REACH
    floor: float = 0.0
    nearest: float = 0.0


def epsilon_delta(
    expr: sp.Expr,
    var: sp.Symbol,
    point: Point,
    limit: LimitResult | None = None,
    epsilons: Sequence[float] | None = None,
    n: int = 300,
) -> EpsilonDelta:
    """For each ε the largest δ with |f(x) − L| < ε whenever 0 < |x − a| < δ (see the module's
    docstring for how it is sampled and what that can miss).

    Parameters
    ----------
    expr, var : f and its variable.
    point : a, a finite real number (at ±∞ the record is "unavailable").
    limit : :func:`mathcore.limit_at`'s answer at a (found when not given).
    epsilons : the ε > 0 to play (default: a 1-2-5 grid scaled to |f − L| near a, or to the gap
        or spread of f's values where the limit does not exist).
    n : even samples of f per chart window before refining.

    Returns
    -------
    EpsilonDelta
        Tuples of length len(epsilons); ``curves[i].x``, ``.y`` arrays of shape (m,), m ≥ n.

    Raises
    ------
    ValueError
        For an ε that is not positive, or a ``limit`` found at another point.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = epsilon_delta(x**2, x, 2, epsilons=(0.5,))
    >>> round(found.deltas[0], 10), round(math.sqrt(4.5) - 2, 10), found.binding[0]
    (0.1213203436, 0.1213203436, 'right')
    >>> jump = epsilon_delta(sp.floor(x), x, 2)
    >>> jump.kind, jump.limit, jump.half, jump.witness
    ('jump', 1.5, 0.5, 0.5)
    >>> epsilon_delta(1 / x**2, x, 0).reason
    'infinite_limit'
    """
    a = as_point(point)
    if epsilons is not None and any(not e > 0 for e in epsilons):
        raise ValueError("every ε must be positive")
    result = limit if limit is not None else limit_at(expr, var, a)
    if result.point != a:
        raise ValueError("the limit was found at another point")
    if a.is_infinite:
        return _epsilon_n(expr, var, result, epsilons, n)
    kinds = {"left": result.left_kind, "right": result.right_kind}
    values = {"left": result.left, "right": result.right}
    sides = tuple(s for s in ("left", "right") if kinds[s] != "undefined")
    if not sides:
        return _unavailable(a, "undefined")
    for reason in ("unbounded", "uncertain"):
        if any(kinds[s] == reason for s in sides):
            return _unavailable(a, reason)
    if any(kinds[s] == "limit" and not values[s].is_finite for s in sides):
        return _unavailable(a, "infinite_limit")

    decades = max(2.0, DECADES - math.log10(max(1.0, abs(float(a)))))  # 10⁻¹² × max(1, |a|)
    count = round(decades * PER_DECADE)
    with mpmath.workdps(DIGITS):  # t from the nearest distance out to REACH, exactly
        ts = [REACH * mpmath.power(10, -mpmath.mpf(k) / PER_DECADE) for k in range(count, -1, -1)]
        f = _Values(_Probe(expr, var), mpmath.mpf(str(sp.N(a, DIGITS))))
    ys = {s: [f.at(s, t) for t in ts] for s in sides}

    oscillating = [s for s in sides if kinds[s] == "oscillates"]
    limits = {float(values[s]) for s in sides if kinds[s] == "limit"}
    half = None
    if oscillating:
        kind, exact = "oscillates", None
        near = [y for s in oscillating for t, y in zip(ts, ys[s], strict=True) if t <= 1e-2]
        near = [float(y) for y in near if y is not None and not _isnan(y)] + sorted(limits)
        if not near or max(near) <= min(near):
            return _unavailable(a, "uncertain")
        low, high = min(near), max(near)
        step = 10.0 ** (math.floor(math.log10((high - low) / 2)) - 2)
        centre_value = round((high + low) / 2 / step) * step
        half = round((high - low) / 2 / step) * step
    elif len({values[s] for s in sides}) > 1:
        kind = "jump"
        exact = (values["left"] + values["right"]) / 2
        centre_value, half = float(exact), abs(float(values["right"] - values["left"])) / 2
    else:
        kind, exact = "converges", values[sides[0]]
        centre_value = float(exact)
    L = mpmath.mpf(str(sp.N(exact, DIGITS))) if exact is not None else mpmath.mpf(centre_value)

    with mpmath.workdps(DIGITS):
        gaps = {s: [_gap(y, L) for y in ys[s]] for s in sides}
    chosen = epsilons
    if epsilons is None:
        typical = [g for s in sides for t, g in zip(ts, gaps[s], strict=True) if t >= REACH / 10]
        epsilons = _grid(kind, half, typical)
    epsilons = tuple(sorted((float(e) for e in epsilons), reverse=True))

    nearest = float(ts[0])
    floor = FLOOR * nearest
    deltas, binding, capped, escapes = [], [], [], []
    for eps in epsilons:
        found = {s: _side_delta(f, s, ts, gaps[s], L, eps, floor) for s in sides}
        if any(d is None for d, _ in found.values()):
            deltas.append(None)
            binding.append(None)
            capped.append(False)
            side = next(s for s in sides if found[s][0] is None)
            escapes.append(_escapes(f, side, ts, gaps[side], L, eps))
            continue
        delta = min(d for d, _ in found.values())
        near_sides = [s for s in sides if found[s][0] <= delta * (1 + 1e-9)]
        deltas.append(delta)
        binding.append(near_sides[0] if len(near_sides) == 1 else "both")
        capped.append(all(c for _, c in found.values()))
        escapes.append(())
    if kind == "converges" and chosen is None and any(d is not None for d in deltas):
        # δ below the floor (∛x: δ = ε³) is no δ shown: the grid stops where δ is still seen
        kept = [i for i, d in enumerate(deltas) if d is not None]
        epsilons, deltas, binding, capped, escapes = (
            tuple(column[i] for i in kept)
            for column in (epsilons, deltas, binding, capped, escapes)
        )
    failing = (e for e, d in zip(epsilons, deltas, strict=True) if d is None)
    witness = next(failing, None) if kind != "converges" else None
    windows = _windows(float(a), deltas)
    curves = _curves(expr, var, windows, n, float(a))
    strips = [(float(a) - d, float(a) + d) if d is not None else (math.nan,) * 2 for d in deltas]
    return EpsilonDelta(
        point=a,
        kind=kind,
        reason=None,
        limit=centre_value,
        limit_exact=exact,
        half=half,
        sides=sides,
        epsilons=epsilons,
        deltas=tuple(deltas),
        binding=tuple(binding),
        capped=tuple(capped),
        escapes=tuple(escapes),
        windows=tuple(windows),
        curves=tuple(curves),
        witness=witness,
        strips=tuple(strips),
        floor=floor,
        nearest=nearest,
    )


def _epsilon_n(expr, var, result: LimitResult, epsilons, n: int) -> EpsilonDelta:
    """The game toward ±∞: for each ε the least N with |f(x) − L| < ε for all x > N (x < −N
    toward −∞; ``deltas`` holds N). Sampled as at a finite point, mirrored: x = ±1 out to
    ±10^DECADES, :data:`PER_DECADE` a decade; the farthest x where f is outside the band is
    refined by bisection; f still outside it within two decades of the farthest x is no N
    found (``None``); never outside it, N = 1 (``capped``: a smaller N was not looked for)."""
    a = result.point
    side = "left" if a is sp.oo else "right"  # x → ∞ comes from below, as in LimitResult
    kind, value = (
        (result.left_kind, result.left) if a is sp.oo else (result.right_kind, result.right)
    )
    if kind != "limit":
        return _unavailable(a, kind)  # oscillates (sin x), unbounded, undefined, uncertain
    if not value.is_finite:
        return _unavailable(a, "infinite_limit")
    sign = 1 if a is sp.oo else -1
    way = "right" if sign > 0 else "left"  # _Values: x = 0 ± t
    with mpmath.workdps(DIGITS):
        ts = [mpmath.power(10, mpmath.mpf(k) / PER_DECADE) for k in range(DECADES * PER_DECADE + 1)]
        f = _Values(_Probe(expr, var), mpmath.mpf(0))
        L = mpmath.mpf(str(sp.N(value, DIGITS)))
        gaps = [_gap(f.at(way, t), L) for t in ts]
    chosen = epsilons
    if epsilons is None:
        epsilons = _grid("converges", None, [g for t, g in zip(ts, gaps, strict=True) if t <= 10])
    epsilons = tuple(sorted((float(e) for e in epsilons), reverse=True))
    far = float(ts[-1]) / FLOOR
    found = [_side_n(f, way, ts, gaps, L, e, far) for e in epsilons]
    if chosen is None and any(N is not None for N, _ in found):
        kept = [i for i, (N, _) in enumerate(found) if N is not None]
        epsilons, found = tuple(epsilons[i] for i in kept), [found[i] for i in kept]
    deltas = [N for N, _ in found]
    windows, last = [], 2.0
    for N in deltas:
        last = 2 * N if N is not None else last
        windows.append(tuple(sorted((0.0, sign * last))))
    strips = [
        tuple(sorted((sign * N, sign * 2 * N))) if N is not None else (math.nan,) * 2
        for N in deltas
    ]
    return EpsilonDelta(
        point=a,
        kind="converges",
        reason=None,
        limit=float(value),
        limit_exact=value,
        half=None,
        sides=(side,),
        epsilons=epsilons,
        deltas=tuple(deltas),
        binding=tuple(side if N is not None else None for N in deltas),
        capped=tuple(c for _, c in found),
        escapes=((),) * len(deltas),
        windows=tuple(windows),
        curves=_curves(expr, var, windows, n, None),
        witness=None,
        strips=tuple(strips),
        reach=1.0,
        floor=far,
        nearest=float(ts[-1]),
    )


def _side_n(f: _Values, way: str, ts, gaps, L, eps: float, far: float):
    """``(N, capped)`` toward ±∞: past the farthest sampled x outside the band L ± ε, refined
    by bisection against the sample after it; ``(1, True)`` where no x is outside it,
    ``(None, False)`` where one is beyond ``far``."""
    outside = [k for k, g in enumerate(gaps) if g >= eps]
    if not outside:
        return 1.0, True
    last = outside[-1]
    if ts[last] > far:
        return None, False
    N, _ = _bisect(f, way, ts[last + 1], ts[last], L, eps)
    for _ in range(CHECKS):  # even steps over (N, 4N]: a narrow excursion (sin x / x)
        with mpmath.workdps(DIGITS):
            steps = [N * (1 + 3 * mpmath.mpf(k) / LINEAR) for k in range(1, LINEAR + 1)]
            gaps_out = [_gap(f.at(way, t), L) for t in steps]
        bad = [k for k, g in enumerate(gaps_out) if g >= eps]
        if not bad or bad[-1] == len(steps) - 1:  # none, or past the steps (the log ones decide)
            break
        N, _ = _bisect(f, way, steps[bad[-1] + 1], steps[bad[-1]], L, eps)
    return float(N), False


def _curves(expr, var, windows, n: int, a: float | None) -> tuple[Samples, ...]:
    """f sampled for each chart window (:func:`mathcore.sampling.sample_windows`, crowding
    toward ``a`` unless it is ``None``); where finding
    and classifying its breaks takes longer than :data:`SAMPLING_SECONDS` (x·floor(1/x) has
    hundreds near 0), on the same grid with jumps split numerically only, as sampling toward
    ±∞ does."""
    try:
        with time_limit(SAMPLING_SECONDS):
            return sample_windows(expr, var, windows, n, focus=a)
    except TimeLimitExceeded:
        pass
    f = sampling.numpy_function(expr, var)
    found = []
    for lo, hi in windows:
        xs = sampling._grid(lo, hi, n, a, [])
        xs, ys = sampling._split_jumps(f, xs, f(xs))
        found.append(Samples(xs, ys, (), (), ()))
    return tuple(found)


def _unavailable(a: sp.Expr, reason: str) -> EpsilonDelta:
    empty = dict.fromkeys(("sides", "epsilons", "deltas", "binding", "capped", "escapes"), ())
    return EpsilonDelta(
        a, "unavailable", reason, None, None, None, **empty, windows=(), curves=(), witness=None
    )


class _Values:
    """f(a ∓ t) at :data:`DIGITS` digits: an ``mpf``, ``nan`` (undefined there: not in f's
    domain, so not in the game) or ``None`` (too large to compute: outside every band)."""

    def __init__(self, probe: _Probe, centre: mpmath.mpf) -> None:
        self.f, self.centre = probe.f, centre

    def at(self, side: str, t):
        with mpmath.workdps(DIGITS):
            return _real(self.f, self.centre + (-t if side == "left" else t))


def _isnan(y) -> bool:
    return isinstance(y, (float, mpmath.mpf)) and bool(mpmath.isnan(y))


def _gap(y, L) -> float:
    """|f(x) − L| as a float: ``inf`` where f is too large to compute, ``nan`` where f is
    undefined."""
    if y is None:
        return math.inf
    if _isnan(y):
        return math.nan
    return float(abs(y - L))


def _side_delta(f: _Values, side: str, ts, gaps, L, eps: float, floor: float):
    """``(δ, capped)`` on one side: the distance where f first leaves the band L ± ε (the
    nearest sample outside it, refined by bisection against the sample before it), or
    ``(REACH, True)`` where it never does; ``(None, False)`` where it leaves below ``floor``."""
    first = next((k for k, g in enumerate(gaps) if g >= eps or g == math.inf), None)
    if first is None:
        return float(ts[-1]), True
    if ts[first] < floor:
        return None, False
    _, delta = _bisect(f, side, ts[first - 1], ts[first], L, eps)
    for _ in range(CHECKS):  # even steps over (0, δ): a narrow excursion the log steps skipped
        with mpmath.workdps(DIGITS):
            steps = [delta * mpmath.mpf(k) / LINEAR for k in range(1, LINEAR)]
            bad = next((k for k, t in enumerate(steps) if _gap(f.at(side, t), L) >= eps), None)
        if not bad:  # none (or only at the first step: a log step below it was inside)
            break
        _, delta = _bisect(f, side, steps[bad - 1], steps[bad], L, eps)
    return float(delta), False


def _bisect(f: _Values, side: str, inside, outside, L, eps: float) -> tuple:
    """Bisection between a place where f is inside the band L ± ε and one where it is outside
    (on ``side``: a distance from a, or toward ±∞ an x): ``(inside, outside)`` a
    :data:`BISECTIONS`-fold narrower pair. Undefined counts as inside (not in the game)."""
    with mpmath.workdps(DIGITS):
        for _ in range(BISECTIONS):
            middle = (inside + outside) / 2
            if _gap(f.at(side, middle), L) >= eps:
                outside = middle
            else:
                inside = middle
    return inside, outside


def _escapes(f: _Values, side: str, ts, gaps, L, eps: float) -> tuple[tuple[float, float], ...]:
    """Where f leaves the band L ± ε on ``side``: a point nearest a in each decade of the
    samples (nearest first), as ``(x, f(x))`` floats. f is evaluated again at the float x, so
    each pair can be checked as it is shown (sin(1/x) at 10⁻¹² turns with x's last digit)."""
    sign = -1 if side == "left" else 1
    found, seen = [], set()
    with mpmath.workdps(DIGITS):
        for k, (t, g) in enumerate(zip(ts, gaps, strict=True)):
            decade = k // PER_DECADE
            if decade in seen or not g >= eps:
                continue
            x = float(f.centre + sign * t)
            y = _real(f.f, mpmath.mpf(x))
            if _gap(y, L) >= eps:
                seen.add(decade)
                found.append((x, math.inf if y is None else float(y)))
    return tuple(found)


def _nice(value: float, down: bool = True) -> float:
    """The 1-2-5 number at or below (``down``) or at or above ``value``: 0.2, 0.5, 1, 2, …"""
    exponent = math.floor(math.log10(value))
    steps = [float(f"{m}e{e}") for e in (exponent - 1, exponent, exponent + 1) for m in (1, 2, 5)]
    if down:
        return max(s for s in steps if s <= value * (1 + 1e-12))
    return min(s for s in steps if s >= value * (1 - 1e-12))


def _ladder(top: float, bottom: float) -> list[float]:
    """1-2-5 numbers from ``top`` (one of them) down to ``bottom``."""
    out, value = [], top
    while value >= bottom * (1 - 1e-12):
        out.append(value)
        mantissa = round(value / 10.0 ** math.floor(math.log10(value) + 1e-12))
        exponent = math.floor(math.log10(value) + 1e-12) - (mantissa == 1)
        value = float(f"{ {1: 5, 2: 1, 5: 2}[mantissa] }e{exponent}")
    return out


def _grid(kind: str, half: float | None, gaps: list[float]) -> list[float]:
    """The ε grid: converging, 1-2-5 numbers from the median |f − L| sampled at distances
    REACH/10 to REACH from a (``gaps``; a pole there weighs no more than any other point) down
    four decades; otherwise around ``half`` (the gap's or spread's): two above 1.5 × half,
    where a δ works, and those below 0.9 × half down three decades, where none does (a jump's
    half itself too: its proof's ε)."""
    if kind == "converges":
        finite = [g for g in gaps if not math.isnan(g)]
        scale = float(np.median(finite)) if finite else 0.0
        scale = scale if 0 < scale < math.inf else 1.0
        top = _nice(scale)
        return _ladder(top, top * SPAN)
    above = _ladder(_nice(5 * half), 1.5 * half)[-2:]
    below = _ladder(_nice(0.9 * half), 1e-3 * half)
    return above + ([half] if kind == "jump" else []) + below


def _windows(a: float, deltas: list[float | None]) -> list[tuple[float, float]]:
    """The chart's x-range for each ε: a ± 2δ; where no δ works, the window of the nearest ε
    with one (a ± 2·REACH if none has)."""
    widths = [2 * d if d is not None else None for d in deltas]
    last = 2 * REACH
    out = []
    for w in widths:
        last = w if w is not None else last
        out.append((a - last, a + last))
    return out
