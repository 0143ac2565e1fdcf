"""Limits that say which side they are, checked against the function's own values.

SymPy's ``limit(f, x, a)`` is the *right-hand* limit; ``limit(1/(x+1), x, -1)`` is ``oo`` although
the two-sided limit does not exist. SymPy also picks a Piecewise/Max/Min branch by its condition
*at* a whatever the side, returns loose ``AccumBounds`` enclosures, and has known wrong answers.
``limit_at`` therefore works one side at a time:

1. the function's values are probed toward a from that side (mpmath, 60 digits, bounded in time
   and safe from overflow): no real values there means f is *undefined* on that side;
2. every piece (Abs, Max, Min, sign, Heaviside, floor, ceiling, Mod, Piecewise) is replaced by the
   branch that holds just beside a on that side, and SymPy takes the limit of that;
3. each symbolic answer is checked against the probed values; one the numbers contradict is never
   shown. The next method is tried (SymPy's directional limit, the simplified f); when none
   agrees, the values decide whether f *oscillates* (bounded or not), and otherwise the side is
   *uncertain* and the page shows the table.

>>> x = sp.Symbol("x", real=True)
>>> r = limit_at(1 / (x + 1), x, -1)
>>> (r.left, r.right, r.value, r.verdict)
(-oo, oo, None, 'sides_differ')
>>> limit_at(sp.Min(x, x**2) / x, x, 0).left, limit_at(sp.Min(x, x**2) / x, x, 0).right
(1, 0)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import mpmath
import sympy as sp
from sympy.calculus.singularities import singularities

from mathcore.errors import EVALUATION_FAILURES, SYMPY_FAILURES
from mathcore.points import REAL_FUNCTIONS as _REAL_FUNCTIONS
from mathcore.points import Point, as_point, finite_at, finite_real, numeric, value_at
from mathcore.timelimit import TimeLimitExceeded, clock, time_limit

if TYPE_CHECKING:  # sampling imports continuity, which imports this module
    from mathcore.sampling import Samples

VERDICTS = (
    "converges",
    "diverges_to_inf",
    "diverges_to_neg_inf",
    "sides_differ",
    "oscillates",
    "undefined",
    "uncertain",
)
# What one side does: a limit (number or ±oo), bounded or unbounded oscillation, no real values
# of f on that side, or no method the numbers agree with.
SIDE_KINDS = ("limit", "oscillates", "unbounded", "undefined", "uncertain")
TABLE_EXPONENTS = tuple(range(1, 7))
DIGITS = 60  # probe precision: a ± 10⁻¹⁴ keeps ~45 significant digits of f
# Probe distances t = 10^(-s): four per decade, offset so no probe lands on a "nice" number
# (an integer toward ±∞, where (−1/4)^x is real only at integers).
PROBE_DECADES = tuple(1.0173 + 0.25 * i for i in range(52))  # t from 10⁻¹ to ~10⁻¹⁴
INFINITY_DECADES = tuple(0.5173 + 0.25 * i for i in range(31))  # x from ~3 to ~10⁸
# budgets in CPU seconds (mathcore.timelimit.clock)
PROBE_SECONDS = 0.4  # for all probes of one side; the rest count as unknown
TABLE_SECONDS = 0.2  # for each side's table (evalf has what the probes leave)
SYMPY_SECONDS = 1.2  # at most, for each SymPy limit or simplification; then the next method
LIMIT_SECONDS = 2.2  # for a whole limit_at call, so a page's analysis stays within its budget
WINDOW = 24  # the probes nearest to a (six decades) that decide
SIDE_STEP = sp.Rational(1, 10**20)  # where a branch is chosen: just beside a
_HYPERBOLIC = (
    sp.sinh,
    sp.cosh,
    sp.tanh,
    sp.coth,
    sp.sech,
    sp.csch,
)  # e^u inside: 1 − tanh u ≈ 2e^(−2u)
MAX_EXTRA_DIGITS = 1000  # a probe needing more digits than this (e^(10⁸)) is not made
# The limits chart's frames. At a finite a: the zooms z, windows a ± z (x's units); the points
# marching toward a from each side are a ∓ z·0.7ᵏ, k = 1..12. Toward ±∞: the reaches k, windows
# 1 ≤ |x| ≤ 10^(k + 0.3) on a log axis; the points there are the table's rows x = ±10ᵏ.
ZOOMS = (0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 4.0, 10.0)
REACHES = (1, 2, 3, 4, 5, 6)
MARCH_STEPS = tuple(0.7**k for k in range(1, 13))


@dataclass(frozen=True)
class LimitResult:
    """One- and two-sided limits of f at a point.

    ``left``/``right``: the one-sided limits (a number, ``oo``, ``-oo``), ``None`` when that side
    oscillates, f is undefined there, or the engine is not sure. At ``oo`` only ``left`` (x grows)
    is used, at ``-oo`` only ``right``. ``value``: the limit asked for (``side``), ``None`` if it
    does not exist. ``table_left``/``table_right``: :func:`approach_table`'s rows ``(x, f(x))``,
    mpmath ``mpf`` values, for x = a ∓ 10⁻ᵏ, k = 1..6 (x = ±10ᵏ at ±∞; nearer when a is near 0,
    see :func:`approach_table`). ``left_kind``/``right_kind``: one of :data:`SIDE_KINDS`.
    """

    point: sp.Expr
    side: str
    left: sp.Expr | None
    right: sp.Expr | None
    left_oscillates: bool
    right_oscillates: bool
    value: sp.Expr | None
    verdict: str
    table_left: tuple[tuple[mpmath.mpf, mpmath.mpf], ...]
    table_right: tuple[tuple[mpmath.mpf, mpmath.mpf], ...]
    left_kind: str = "limit"
    right_kind: str = "limit"

    @property
    def converges(self) -> bool:
        """True iff the limit asked for exists and is finite."""
        return self.verdict == "converges"

    @property
    def unbounded(self) -> bool:
        """True iff a side asked for oscillates without bound (x·sin x at ∞, sin(1/x)/x at 0)."""
        return "unbounded" in self._kinds_asked()

    @property
    def uncertain_sides(self) -> tuple[str, ...]:
        """The sides asked for on which no method agreed with f's values."""
        kinds = {"left": self.left_kind, "right": self.right_kind}
        return tuple(s for s in self._sides_asked() if kinds[s] == "uncertain")

    def _sides_asked(self) -> tuple[str, ...]:
        return ("left", "right") if self.side == "both" else (self.side,)

    def _kinds_asked(self) -> tuple[str, ...]:
        kinds = {"left": self.left_kind, "right": self.right_kind}
        return tuple(kinds[s] for s in self._sides_asked())


@dataclass(frozen=True)
class _Side:
    value: sp.Expr | None
    kind: str


def limit_at(expr: sp.Expr, var: sp.Symbol, point: Point, side: str = "both") -> LimitResult:
    """The limit of ``expr`` as ``var`` → ``point`` from ``side`` ("both", "left", "right").

    Parameters
    ----------
    expr : a SymPy expression in the real symbol ``var``.
    var : the variable.
    point : a finite real number, ``oo`` or ``-oo``.
    side : "both" (two-sided), "left" (x → a⁻) or "right" (x → a⁺); at ±∞ the only side.

    Returns
    -------
    LimitResult with both one-sided limits, the verdict (one of :data:`VERDICTS`) and the table.

    Raises
    ------
    ValueError
        For a ``side`` other than the three above.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> limit_at(sp.sin(x) / x, x, 0).value
    1
    >>> limit_at(sp.sin(1 / x), x, 0).verdict
    'oscillates'
    >>> limit_at(sp.floor(x), x, 2).verdict, limit_at(sp.floor(x), x, 2, side="left").value
    ('sides_differ', 1)
    >>> limit_at(sp.exp(-x), x, sp.oo).value
    0
    >>> r = limit_at(x * sp.sin(x), x, sp.oo)
    >>> r.verdict, r.unbounded
    ('oscillates', True)
    >>> limit_at(sp.sin(x)**2 + sp.cos(x)**2, x, sp.oo).value  # not "oscillates"
    1
    """
    if side not in ("both", "left", "right"):
        raise ValueError(f"side must be 'both', 'left' or 'right', not {side!r}")
    return _limit_at(expr, var, as_point(point), side)


@functools.lru_cache(maxsize=256)
def _limit_at(expr: sp.Expr, var: sp.Symbol, a: sp.Expr, side: str) -> LimitResult:
    """:func:`limit_at`, remembered in the process: a page's analysis asks for the same limit
    more than once (the limit at a, then a's break on the chart: ``classify_continuity``), and
    a worker answers the next analysis of the same f. A call stopped at a time limit raises and
    is not remembered."""
    if a is sp.oo:
        side = "left"
    elif a is -sp.oo:
        side = "right"
    budget = _Budget(LIMIT_SECONDS)
    table_left, table_right = approach_table(expr, var, a)
    probe = _Probe(expr, var)
    left = right = _Side(None, "limit")
    if a is not -sp.oo:
        left = _one_side(expr, var, a, -1, probe, budget.share(2 if a.is_finite else 1))
    if a is not sp.oo:
        right = _one_side(expr, var, a, 1, probe, budget.share(1))
    value, verdict = _verdict(side, left, right)
    return LimitResult(
        a,
        side,
        left.value,
        right.value,
        left.kind in ("oscillates", "unbounded"),
        right.kind in ("oscillates", "unbounded"),
        value,
        verdict,
        table_left,
        table_right,
        left.kind,
        right.kind,
    )


@dataclass(frozen=True)
class LimitsAnalysis:
    """Everything the limits page shows for f at a: one record, one bounded call.

    ``limit`` is the :class:`LimitResult` (both sides, the verdict, the approach tables);
    ``value`` is f(a) where it is a finite real number (``None`` elsewhere and toward ±∞).
    The chart's frames are ``zooms`` at a finite a (``reaches`` is then empty) or ``reaches``
    toward ±∞ (``zooms`` empty): :attr:`frames` is whichever is not. For each frame key,
    ``windows[key]`` is its x-range ``(lo, hi)``, ``curves[key]`` f sampled on it, and
    ``march[(key, side)]`` the points ``(xs, ys)`` approaching a from ``side`` ("left",
    "right"): x = a ∓ z·0.7ᵏ (:data:`MARCH_STEPS`) with f(x) as floats (``nan``: undefined),
    or toward ±∞ the table's rows, x = ±10ᵏ as floats and f(x) as the table's ``mpf`` values
    (e^1000 ≈ 1.97 × 10⁴³⁴ is no float), only on the side x comes from.
    """

    expr: sp.Expr
    point: sp.Expr
    limit: LimitResult
    value: sp.Expr | None
    zooms: tuple[float, ...]
    reaches: tuple[int, ...]
    windows: dict[float, tuple[float, float]]
    curves: dict[float, Samples]
    march: dict[tuple[float, str], tuple[tuple[float, ...], tuple]]

    @property
    def frames(self) -> tuple[float, ...]:
        """The chart's frame keys: the zooms at a finite a, the reaches toward ±∞."""
        return self.zooms or self.reaches


def limits_analysis(
    expr: sp.Expr,
    var: sp.Symbol,
    point: Point,
    zooms: Sequence[float] = ZOOMS,
    reaches: Sequence[int] = REACHES,
    n: int = 400,
) -> LimitsAnalysis:
    """The limit of f at a (:func:`limit_at`), f(a), and for every frame of the chart f sampled
    on its window and the points marching toward a, so the chart's slider needs no math.

    Parameters
    ----------
    expr, var : f and its variable.
    point : a, a finite real number, ``oo`` or ``-oo``.
    zooms : at a finite a, the half-widths z > 0 of the windows a ± z (x's units).
    reaches : toward ±∞, the k ≥ 1 of the windows 1 ≤ |x| ≤ 10^(k + 0.3).
    n : even samples of f per window before refining (toward ±∞ even on a log scale).

    Returns
    -------
    LimitsAnalysis
        ``curves[key].x``, ``.y``: arrays of shape (m,), m ≥ n (points added near a, at breaks
        and where the line strays from f), in x's and f's units. ``march[(key, side)]``: two
        tuples of length 12 (:data:`MARCH_STEPS`) at a finite a, or of the table's length
        (:data:`TABLE_EXPONENTS`) toward ±∞.

    Raises
    ------
    ValueError
        For a zoom that is not positive or a reach below 1.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = limits_analysis(sp.sin(x) / x, x, 0, zooms=(0.1,))
    >>> found.limit.value, found.value, found.frames, found.windows
    (1, None, (0.1,), {0.1: (-0.1, 0.1)})
    >>> xs, ys = found.march[(0.1, "right")]
    >>> len(xs), round(xs[0], 12), round(ys[0], 9)  # sin(0.07)/0.07
    (12, 0.07, 0.999183533)
    >>> found = limits_analysis(sp.exp(-x), x, -sp.oo, reaches=(2,))
    >>> found.limit.value, found.frames, [round(end, 1) for end in found.windows[2]]
    (oo, (2,), [-199.5, -1.0])
    >>> xs, ys = found.march[(2, "right")]
    >>> xs[:2], mpmath.nstr(ys[2], 6)  # e^1000: no float holds it
    ((-10.0, -100.0), '1.97007e+434')
    """
    from mathcore.sampling import sample_windows  # sampling imports continuity, which imports this

    if any(not z > 0 for z in zooms) or any(k < 1 for k in reaches):
        raise ValueError("zooms must be positive and reaches at least 1")
    a = as_point(point)
    limit = limit_at(expr, var, a)
    if a.is_infinite:
        sign = 1 if a is sp.oo else -1
        keys = tuple(int(k) for k in reaches)
        windows = {k: tuple(sorted((sign * 1.0, sign * 10 ** (k + 0.3)))) for k in keys}
        curves = sample_windows(expr, var, list(windows.values()), n, geometric=True)
        side = "left" if a is sp.oo else "right"  # x → ∞ comes from below
        table = limit.table_left if a is sp.oo else limit.table_right
        rows = (tuple(float(x) for x, _ in table), tuple(y for _, y in table))
        march = {(k, side): rows for k in keys}
        value, zooms, reaches = None, (), keys
    else:
        centre = float(a)
        keys = tuple(float(z) for z in zooms)
        windows = {z: (centre - z, centre + z) for z in keys}
        curves = sample_windows(expr, var, list(windows.values()), n, focus=centre)
        sides = {
            (z, side): tuple(centre + sign * z * t for t in MARCH_STEPS)
            for z in keys
            for side, sign in (("left", -1), ("right", 1))
        }
        ys = iter(numeric(expr, var, [x for xs in sides.values() for x in xs]))
        march = {key: (xs, tuple(next(ys) for _ in xs)) for key, xs in sides.items()}
        value, zooms, reaches = value_at(expr, var, a), keys, ()
    return LimitsAnalysis(
        expr=expr,
        point=a,
        limit=limit,
        value=value,
        zooms=zooms,
        reaches=reaches,
        windows=windows,
        curves=dict(zip(keys, curves, strict=True)),
        march=march,
    )


def approach_table(expr: sp.Expr, var: sp.Symbol, point: Point):
    """``(x, f(x))`` rows approaching ``point`` from the left and from the right.

    Parameters
    ----------
    expr : a SymPy expression in the real symbol ``var``.
    var : the variable.
    point : a finite real number a, ``oo`` or ``-oo``.

    Returns
    -------
    Two tuples of rows (left, right; at ``oo`` the right one is empty, at ``-oo`` the left one).
    Toward ±∞ x = ±10ᵏ, k = 1..6; at a finite a, x = a ∓ 10⁻ᵏ, or ∓ 10⁻ᵏ·s when
    0 < |a| ≤ 0.1 (s the largest power of ten with 0.1·s < |a|): the rows stay on a's side of 0,
    as the probes that decide the limit do (1/x at 10⁻⁹ is 10⁹ there, not −10⁶ at 10⁻⁹ − 10⁻⁶).
    x and f(x) are mpmath ``mpf`` values of 60 digits whose size is not bounded by a float's:
    e^(−1000) is 5.08 × 10⁻⁴³⁵, not 0, and e^1000 is 1.97 × 10⁴³⁴, not ``inf``; f(x) is ``nan``
    where f is undefined or not real, or could not be trusted in bounded time.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> left, right = approach_table((x**2 - 1) / (x - 1), x, 1)
    >>> [float(v) for v in left[0] + right[-1]]
    [0.9, 1.9, 1.000001, 2.000001]
    >>> _, rows = approach_table(sp.exp(x), x, -sp.oo)
    >>> mpmath.nstr(rows[2][1], 6)  # e^(−1000): no float holds it, yet it is not 0
    '5.07596e-435'
    >>> _, right = approach_table(1 / x, x, sp.Rational(1, 10**9))
    >>> mpmath.nstr(right[0][0], 6), mpmath.nstr(right[0][1], 6)  # 10⁻⁹ + 10⁻¹⁰
    ('1.1e-9', '9.09091e+8')
    """
    a = as_point(point)
    probe = _Probe(expr, var)
    if a.is_infinite:
        sign = 1 if a is sp.oo else -1
        rows = probe.rows([sign * sp.Integer(10) ** k for k in TABLE_EXPONENTS])
        return (rows, ()) if a is sp.oo else ((), rows)
    unit = sp.Integer(10) ** -_shift(a)
    tables = [probe.rows([a + sign * unit / 10**k for k in TABLE_EXPONENTS]) for sign in (-1, 1)]
    return tables[0], tables[1]


def _shift(a: sp.Expr) -> int:
    """How many decades nearer than usual the probes and the table come to a: 0, unless
    0 < |a| ≤ 0.1, where distances 10⁻ᵏ would reach past 0 (or onto it): then the least n with
    10⁻ⁿ⁻¹ < |a|, so the farthest row a ∓ 10⁻ⁿ⁻¹ stays on a's side of 0.

    >>> [_shift(sp.Rational(n, 100)) for n in (200, 50, 10, 5, 1)]
    [0, 0, 1, 1, 2]
    >>> _shift(sp.Rational(1, 10**9)), _shift(-sp.pi / 10**30), _shift(sp.oo), _shift(sp.Integer(0))
    (9, 29, 0, 0)
    """
    if not a.is_finite or a.is_zero:
        return 0
    size = abs(a)
    with mpmath.workdps(30):
        guess = -int(mpmath.floor(mpmath.log10(mpmath.mpf(str(sp.N(size, 30)))))) - 2
    n = max(guess, 0)
    while sp.Integer(10) ** -(n + 1) >= size:  # exact: 0.01 needs n = 2, not 1
        n += 1
    return n


class _Probe:
    """f evaluated by mpmath; each value a real ``mpf``, ``nan`` (not real or not defined) or
    ``None`` (too large to compute, out of time, or not trustworthy: the values at 60 and at 120
    digits differ, as when exp(x)·(…) cancels at x = 10⁸)."""

    def __init__(self, expr: sp.Expr, var: sp.Symbol) -> None:
        self.expr, self.var = expr, var
        numeric_form = expr.replace(sp.Heaviside, lambda u, *_: sp.Piecewise((0, u < 0), (1, True)))
        numeric_form = numeric_form.xreplace({sp.zoo: sp.nan})
        self.f = sp.lambdify(var, numeric_form, modules=[_REAL_FUNCTIONS, "mpmath"])
        # exp(u) is about 10^(u/ln 10): cancellation among such terms needs that many digits more
        nodes = list(sp.preorder_traversal(expr))
        logs = [n.args[0] / sp.log(10) for n in nodes if isinstance(n, (sp.exp, *_HYPERBOLIC))]
        logs += [
            n.exp * sp.log(sp.Abs(n.base), 10)
            for n in nodes
            if isinstance(n, sp.Pow) and var in n.exp.free_symbols
        ]
        logs += [
            n.args[0] * sp.log(sp.Abs(n.args[0]) + 1, 10)
            for n in nodes
            if isinstance(n, (sp.gamma, sp.factorial, sp.loggamma, sp.binomial))
        ]
        self.sizes = [  # log(0) is zoo, which lambdify cannot print: nan, an unusable size
            sp.lambdify(var, u.xreplace({sp.zoo: sp.nan}), modules=[_REAL_FUNCTIONS, "mpmath"])
            for u in logs
        ]

    def values(self, xs, seconds: float = PROBE_SECONDS) -> list:
        out = [None] * len(xs)
        try:
            with time_limit(seconds):
                indices = list(range(len(xs)))  # the nearest six decades first: they decide
                for i in indices[-WINDOW:] + indices[:-WINDOW]:
                    out[i] = self.value(xs[i])
        except TimeLimitExceeded:
            pass
        return out

    def value(self, x):
        """f(x) at 60 digits checked at 120; if they differ, or f(x) is exactly 0 (terms that
        cancelled completely), again with digits for f's exponential-type parts; if that still
        does not settle, at 120 + 2e against 240 + 4e digits, where the residue of an exact
        cancellation (σ(1) − e/(1+e)) is seen to shrink with the precision."""
        found = _agreeing(self.f, x)
        if found is not None and (_isnan(found) or found != 0):
            return found
        extra = self.extra_digits(x)
        if extra is None:
            return None  # more digits than we may spend: this probe cannot be trusted
        if extra:
            closer = _agreeing(self.f, x, DIGITS + 2 * extra, DIGITS + 3 * extra)
            if closer is not None:
                return closer
        if found is not None:
            return found
        return _agreeing(self.f, x, 2 * DIGITS + 2 * extra, 4 * DIGITS + 4 * extra)

    def extra_digits(self, x) -> int | None:
        """Decimal digits of the largest exponential-type part of f at x (``None``: too many)."""
        largest = 0
        with mpmath.workdps(20):
            arg = mpmath.mpf(str(sp.N(x, 20))) if isinstance(x, sp.Basic) else +x
            for size in self.sizes:
                try:
                    value = mpmath.mpmathify(size(arg))
                    magnitude = abs(value.real if isinstance(value, mpmath.mpc) else value)
                except (*EVALUATION_FAILURES, NameError):
                    continue
                if not mpmath.isfinite(magnitude) or magnitude > MAX_EXTRA_DIGITS:
                    return None
                largest = max(largest, int(magnitude))
        return largest

    def rows(self, xs) -> tuple[tuple[mpmath.mpf, mpmath.mpf], ...]:
        """``(x, f(x))`` for exact ``xs`` as ``mpf`` values of any size (``nan``: undefined, not
        real, or not known in time). A value the probe cannot trust (e^(e¹⁰⁰) needs more digits
        than it may spend) is asked of SymPy's ``evalf``, which raises rather than return digits
        it cannot vouch for."""
        deadline = _Budget(TABLE_SECONDS)  # the rest of it for evalf
        found = self.values(xs, seconds=0.75 * TABLE_SECONDS)
        with mpmath.workdps(DIGITS):
            out = []
            for x, v in zip(xs, found, strict=True):
                if v is None:
                    v = _evalf(self.expr, self.var, x, deadline)
                out.append((mpmath.mpf(str(sp.N(x, DIGITS))), mpmath.mpf(v)))
        return tuple(out)


def _evalf(expr: sp.Expr, var: sp.Symbol, x: sp.Expr, budget: _Budget):
    """f(x) to 15 digits by SymPy's ``evalf`` (strict: no digits it cannot vouch for), in the
    time left; ``nan`` when it cannot, or when f(x) is not real."""
    if budget.left() < 0.02:
        return math.nan
    try:
        with time_limit(budget.left()):
            v = expr.evalf(15, subs={var: x}, strict=True)
    except (*SYMPY_FAILURES, TimeLimitExceeded, RecursionError, OverflowError, ArithmeticError):
        return math.nan
    if not isinstance(v, sp.Float):  # complex, nan, zoo, or left unevaluated
        return math.nan
    return mpmath.mpf(v)


def _agreeing(f, x, low_digits: int = DIGITS, high_digits: int = 2 * DIGITS):
    """f(x) at ``low_digits`` if ``high_digits`` give the same value (to 10⁻²⁰ relative); 0 if
    the high-digit value is 10²⁰ times smaller (both are rounding residue); else ``None``."""
    found = []
    for digits in (low_digits, high_digits):
        with mpmath.workdps(digits):
            arg = mpmath.mpf(str(sp.N(x, digits))) if isinstance(x, sp.Basic) else +x
            found.append(_real(f, arg))
    low, high = found
    if low is None or high is None:
        return None
    if _isnan(low) or _isnan(high):
        return low if _isnan(low) and _isnan(high) else None
    with mpmath.workdps(DIGITS):
        if abs(low - high) <= mpmath.mpf(10) ** -20 * max(abs(low), abs(high)):
            return +low
        if abs(high) <= mpmath.mpf(10) ** -20 * abs(low):
            # rounding residue of terms that cancel exactly (σ(1) − e/(1+e)): it shrinks with
            # the precision, so the value is 0 (as a residue divided by h it would seem to grow)
            return mpmath.mpf(0)
    return None


def _real(f, x):
    try:
        v = mpmath.mpmathify(f(x))
    except (OverflowError, MemoryError, RecursionError):
        return None  # too large to compute here: unknown, not undefined
    except (*EVALUATION_FAILURES, NameError):
        return math.nan
    if isinstance(v, mpmath.mpc):
        if mpmath.isnan(v.real) or abs(v.imag) > mpmath.mpf(10) ** -25 * abs(v):
            return math.nan
        v = v.real
    if mpmath.isnan(v):
        return math.nan
    if mpmath.isinf(v):
        return None  # mpmath overflowed: a huge magnitude, not a value to compare
    return v


def _approach_points(a: sp.Expr, direction: int) -> list:
    """Probe points from far to near: a ± 10^(−s), or ±10^s toward ±∞ (as mpf); when a is near
    0, nearer by :func:`_shift` decades, so that they never reach past 0."""
    with mpmath.workdps(DIGITS):
        if a.is_infinite:
            sign = 1 if a is sp.oo else -1
            return [sign * mpmath.power(10, mpmath.mpf(s)) for s in INFINITY_DECADES]
        centre = mpmath.mpf(str(sp.N(a, DIGITS)))
        shift = _shift(a)
        return [
            centre + direction * mpmath.power(10, -mpmath.mpf(s) - shift) for s in PROBE_DECADES
        ]


class _Budget:
    """Seconds left until a deadline; ``share(n)`` is a budget for one of n remaining parts."""

    def __init__(self, seconds: float) -> None:
        self.deadline = clock() + seconds

    def left(self) -> float:
        return self.deadline - clock()

    def share(self, parts: int) -> _Budget:
        return _Budget(max(self.left(), 0.0) / parts)


def _one_side(expr, var, a, direction, probe: _Probe, budget: _Budget) -> _Side:
    """The limit from one side (``direction`` −1: from the left, +1: from the right)."""
    ys = probe.values(_approach_points(a, direction))
    near = [y for y in ys[-WINDOW:] if y is not None]
    if near and sum(not _isnan(y) for y in near) < len(near) / 4:
        return _Side(None, "undefined")  # f is not (real-)defined on this side near a
    # only values from the nearest six decades may contradict an answer: values farther out
    # (all that was computed when the time ran out, or the digits needed near a were too many)
    # say nothing yet about the limit
    window = [y for y in ys[-WINDOW:] if y is not None and not _isnan(y)]
    if len(window) < 4:
        window = []
    oscillation_hint = None
    for candidate in _candidates(expr, var, a, direction, budget):
        if candidate is None:
            continue
        if isinstance(candidate, sp.AccumBounds):
            oscillation_hint = oscillation_hint or candidate
            continue
        if _consistent(candidate, window):
            return _Side(candidate, "limit")
    behaviour = _behaviour(window)
    if behaviour == "oscillates" and _poles_accumulate(expr, var, a, budget):
        behaviour = "unbounded"  # tan x at ∞: swings that sampling alone calls bounded
    if behaviour in ("oscillates", "unbounded"):
        return _Side(None, behaviour)
    if oscillation_hint is not None and not window:  # no values to see: SymPy's enclosure
        infinite = oscillation_hint.min.is_infinite or oscillation_hint.max.is_infinite
        return _Side(None, "unbounded" if infinite else "oscillates")
    return _Side(None, "uncertain")


def _poles_accumulate(expr, var, a, budget: _Budget) -> bool:
    """Does f have infinitely many real poles piling up at a (tan x at ∞: one per period, so
    its swings have no bound)? From SymPy's singularities as families cₙ with cₙ → a."""
    if budget.left() < 0.05:
        return False
    n = sp.Dummy("n", integer=True)
    try:
        with time_limit(min(SYMPY_SECONDS, budget.left())):
            poles = singularities(expr, var, sp.S.Reals)
            families = [s for s in [poles, *poles.args] if isinstance(s, sp.ImageSet)]
            for family in families:
                term = family.lamda.expr.subs(family.lamda.variables[0], n)
                if any(sp.limit(term, n, end) == a for end in (sp.oo, -sp.oo)):
                    return True
    except (*SYMPY_FAILURES, TimeLimitExceeded):
        return False
    return False


def _candidates(expr, var, a, direction, budget: _Budget) -> Iterator[sp.Expr | None]:
    """Answers to check, cheapest first: f(a) where every part of f is finite there, SymPy on
    f with its branches chosen beside a, SymPy's own directional limit, SymPy on simplified f.
    Each is a number, ``±oo``, an ``AccumBounds`` (an enclosure) or ``None`` (no answer)."""
    if a.is_finite and _finite_parts(expr, var, a):
        yield value_at(expr, var, a)
    t = sp.Dummy("t", positive=True)
    side = "+" if direction > 0 else "-"
    if a.is_infinite:
        yield _sympy_limit(expr, var, a, side, budget)
        resolved = _resolve_side(expr, var, a, direction)
        if resolved is not None and resolved != expr:
            yield _sympy_limit(resolved, var, a, side, budget)
    else:
        resolved = _resolve_side(expr, var, a, direction)
        if resolved is not None:
            yield _sympy_limit(resolved.subs(var, a + direction * t), t, sp.S.Zero, "+", budget)
        yield _sympy_limit(expr, var, a, side, budget)
    if budget.left() < 0.05:
        return
    try:
        with time_limit(min(SYMPY_SECONDS, budget.left())):
            simpler = sp.simplify(expr)
    except (*SYMPY_FAILURES, TimeLimitExceeded):
        return
    if simpler != expr:
        yield _sympy_limit(simpler, var, a, side, budget)


def _finite_parts(expr, var, a) -> bool:
    """Every part of f containing x is a finite real number at a (then f(a) is the candidate)."""
    return all(
        finite_at(part, var, a)
        for part in sp.preorder_traversal(expr)
        if var in getattr(part, "free_symbols", ())
    )


def _sympy_limit(expr, var, at, direction: str, budget: _Budget) -> sp.Expr | None:
    """SymPy's limit in bounded time: a real number, ``±oo``, an ``AccumBounds``, or ``None``."""
    if budget.left() < 0.05:
        return None
    try:
        with time_limit(min(SYMPY_SECONDS, budget.left())):
            result = sp.limit(expr, var, at, direction if at.is_finite else "+")
    except (*SYMPY_FAILURES, TimeLimitExceeded, RecursionError, OverflowError):
        return None
    if isinstance(result, sp.AccumBounds):
        return result
    if result.has(sp.AccumBounds):  # oo·⟨1, 3⟩ is +oo; oo·sign(⟨−1, 1⟩) is no limit
        bounds = [b for b in sp.preorder_traversal(result) if isinstance(b, sp.AccumBounds)]
        ends = {
            result.xreplace({b: b.min for b in bounds}),
            result.xreplace({b: b.max for b in bounds}),
        }
        if len(ends) == 1 and ends <= {sp.oo, -sp.oo}:
            return ends.pop()
        return sp.AccumBounds(-sp.oo, sp.oo)
    if result in (sp.oo, -sp.oo):
        return result
    if isinstance(result, sp.Limit) or result.has(sp.Limit):
        return None
    return finite_real(result)


def _resolve_side(expr, var, a, direction) -> sp.Expr | None:
    """f with each piece replaced by the branch that holds just beside a on this side.

    ``Max(x, x²)`` just right of 1 is ``x²``; ``floor(x)`` just left of 2 is 1; ``|sin x|`` just
    left of π is ``sin x``. Toward ±∞ only the branch choices that do not depend on x's size are
    made (no floor: floor(x) is not constant there). ``None`` if a choice cannot be evaluated.

    >>> x = sp.Symbol("x", real=True)
    >>> _resolve_side(sp.Max(x, x**2), x, sp.Integer(1), 1)
    x**2
    >>> _resolve_side(sp.floor(x) + sp.Abs(x - 2), x, sp.Integer(2), -1)
    3 - x
    """
    with mpmath.workdps(DIGITS):
        if a.is_infinite:
            probe = mpmath.mpf(10) ** 20 * (1 if a is sp.oo else -1)
        else:
            step = SIDE_STEP / 10 ** _shift(a)  # beside a, not past 0
            probe = mpmath.mpf(str(sp.N(a + direction * step, DIGITS)))
        try:
            return _Resolver(var, probe, a.is_finite).resolve(expr)
        except (*SYMPY_FAILURES, ZeroDivisionError, OverflowError, _Unresolved):
            return None


class _Unresolved(Exception):
    """A branch condition could not be evaluated beside the point."""


class _Resolver:
    def __init__(self, var, probe, steps: bool) -> None:
        self.var, self.probe, self.steps = var, probe, steps

    def value(self, u: sp.Expr):
        v = _real(sp.lambdify(self.var, u, modules="mpmath"), self.probe)
        if v is None or _isnan(v):
            raise _Unresolved(u)
        return v

    def holds(self, condition) -> bool:
        if condition in (sp.true, True):
            return True
        if condition in (sp.false, False):
            return False
        try:
            return bool(sp.lambdify(self.var, condition, modules="mpmath")(self.probe))
        except (*EVALUATION_FAILURES, NameError) as exc:
            raise _Unresolved(condition) from exc

    def resolve(self, e: sp.Expr) -> sp.Expr:
        if not e.args or self.var not in e.free_symbols:
            return e
        if isinstance(e, sp.Piecewise):
            for branch, condition in e.args:
                if self.holds(condition):
                    return self.resolve(branch)
            return sp.nan
        if isinstance(e, sp.Mod):
            p, q = e.args
            return self.resolve(p - q * sp.floor(p / q))
        if isinstance(e, sp.frac):
            return self.resolve(e.args[0] - sp.floor(e.args[0]))
        args = [self.resolve(arg) for arg in e.args]
        if isinstance(e, (sp.Max, sp.Min)):
            values = [self.value(arg) for arg in args]
            pick = max if isinstance(e, sp.Max) else min
            return args[values.index(pick(values))]
        if isinstance(e, (sp.Abs, sp.sign, sp.Heaviside)):
            s = mpmath.sign(self.value(args[0]))
            if isinstance(e, sp.Abs):
                return args[0] if s >= 0 else -args[0]
            if isinstance(e, sp.sign):
                return sp.Integer(int(s))
            return sp.Integer(1 if s > 0 else 0) if s != 0 else e.func(*args)
        if isinstance(e, (sp.floor, sp.ceiling)) and self.steps:
            rounding = mpmath.floor if isinstance(e, sp.floor) else mpmath.ceil
            return sp.Integer(int(rounding(self.value(args[0]))))
        return e.func(*args)


def _isnan(y) -> bool:
    return isinstance(y, float) and math.isnan(y)


def _consistent(candidate: sp.Expr, ys: list) -> bool:
    """Do f's values nearest a (far to near) agree with ``candidate`` as the limit?

    ±oo: the nearest values have that sign and are larger (in that direction) than the far ones.
    A number L: the values are within 10⁻⁹ of L, or their distance to L shrinks toward a
    (by 2 % over six decades at least: x^(1/100) → 0 shrinks by 9 %; values that keep turning,
    as x·sin(1/x) does, by 20 %, so that cos(1/x)'s swings are not taken for closing in on 0).
    With fewer than four values there is nothing to contradict."""
    if len(ys) < 4:
        return True
    third = max(len(ys) // 3, 1)
    first, last = ys[:third], ys[-third:]
    if candidate.is_infinite:
        # positive (negative) toward a and still growing at a pace that does not die out: the
        # rise over the nearest third at least 30 % of that over the middle one (ln ln(1/t)
        # keeps ~80 %; a value converging like L − √t keeps 1 %)
        sign = 1 if candidate is sp.oo else -1
        middle = ys[third:-third] or ys[third - 1 : third + 1]
        far, mid, near = (sorted(sign * y for y in part) for part in (first, middle, last))
        far, mid, low, near = far[len(far) // 2], mid[len(mid) // 2], near[0], near[len(near) // 2]
        rise_middle, rise_near = mid - far, near - mid
        return low > 0 and rise_near > 0 and rise_middle > 0 and rise_near >= 0.3 * rise_middle
    with mpmath.workdps(DIGITS):
        try:
            target = mpmath.mpf(str(sp.N(candidate, DIGITS)))
        except (TypeError, ValueError):
            return False
        scale = max(1, abs(target))
        far = max(abs(y - target) for y in first)
        mid = max(abs(y - target) for y in ys[third:-third] or first)
        near = max(abs(y - target) for y in last)
        if near <= 1e-9 * scale:
            return True
        if _turns(ys) >= 3:  # values that keep turning must really close in on L
            return near <= 0.8 * far and near <= mid
        return near < 0.98 * far


def _behaviour(ys: list) -> str:
    """What the values nearest a do when no symbolic answer fits: ``oscillates`` (they keep
    turning, their spread does not shrink), ``unbounded`` (and the spread grows), else
    ``settles`` (monotone or a shrinking spread: a limit may exist, but we cannot name it)."""
    if len(ys) < 6:
        return "settles"
    third = max(len(ys) // 3, 2)
    first, last = ys[:third], ys[-third:]
    turns = _turns(ys)
    spread_far, spread_near = max(first) - min(first), max(last) - min(last)
    size = max(1, sorted(abs(y) for y in last)[len(last) // 2])
    if turns < 3 or spread_near <= 1e-8 * size:
        return "settles"
    spread_mid = max(ys[third:-third] or first) - min(ys[third:-third] or first)
    if spread_near > 1.5 * spread_far and spread_near >= spread_mid >= spread_far:
        return "unbounded"  # swings widening decade after decade (ln x · sin x at ∞)
    if spread_near >= 0.05 * spread_far:  # tan x at ∞: heavy-tailed swings that do not shrink
        return "oscillates"
    return "settles"


def _turns(ys: list) -> int:
    """How often the sequence of values changes direction (level steps do not count: sign(sin x)
    goes 1, 1, −1, −1, 1 — two turns)."""
    steps = [q - p for p, q in pairwise(ys) if q != p]
    return sum(1 for s, t in pairwise(steps) if s * t < 0)


def _verdict(side: str, left: _Side, right: _Side) -> tuple[sp.Expr | None, str]:
    sides = {"left": [left], "right": [right], "both": [left, right]}[side]
    kinds = [s.kind for s in sides]
    if any(k in ("oscillates", "unbounded") for k in kinds):
        return None, "oscillates"
    if "uncertain" in kinds:
        return None, "uncertain"
    if "undefined" in kinds:
        return None, "undefined"
    values = [s.value for s in sides]
    if len(values) == 2 and not _same(*values):
        return None, "sides_differ"
    value = values[0]
    if value is sp.oo:
        return value, "diverges_to_inf"
    if value is -sp.oo:
        return value, "diverges_to_neg_inf"
    return value, "converges"


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    if a.is_infinite or b.is_infinite:
        return a == b
    if abs(float(a) - float(b)) > 1e-12 * max(1.0, abs(float(a))):
        return False
    return sp.simplify(a - b) == 0
