"""The /gradient-descent topic: :func:`descent_analysis`, the runs of w := w − η·dL/dw on
L(w) = (wx − y)² from w₀, one per η of the chart's slider (:func:`learning_rate_grid`).

The URL path stays ``/gradient-descent`` (saved lesson links); everywhere else the topic is
spelled ``descent``: this module, ``ui/charts/descent.py``, ``ui/descent_words.py``, the
catalogs' ``[descent]``, ``ui.compute.descent``, ``tests/test_descent.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.errors import InputError
from mathcore.optimization import (
    ETA_RATIOS,
    Trajectory,
    _compiled,
    descent_verdict,
    gradient_descent,
)
from mathcore.points import as_point
from mathcore.sampling import Samples


def learning_rate_grid(x: float, *extra: float) -> tuple[float, ...]:
    """The η values the descent chart offers for input ``x``: :data:`ETA_RATIOS` × 1/x², rounded
    to 3 significant digits except the two thresholds 1/(2x²) and 1/x², kept exact, plus the
    ``extra`` values (a link's η, the page's default) exactly as given; increasing.

    Parameters
    ----------
    x : the input x of L(w) = (wx − y)² (with x = 0 the scale is 1: every η leaves w alone)
    extra : further η values to include (finite, ≥ 0; others are left out)

    Returns
    -------
    tuple[float, ...] : the learning rates η, in 1/(units of x)², sorted, without repeats

    Examples
    --------
    >>> grid = learning_rate_grid(2.0, 0.05)
    >>> len(grid), grid[0], 0.05 in grid, 0.125 in grid, 0.25 in grid, grid[-1]
    (30, 0.00391, True, True, True, 0.354)
    """
    scale = 1 / (x * x) if x else 1.0
    grid = {float(f"{r * scale:.3g}") for r in ETA_RATIOS if r not in (0.5, 1.0)}
    grid |= {0.5 * scale, scale}
    grid |= {float(e) for e in extra if math.isfinite(e) and e >= 0}
    return tuple(sorted(grid))


@dataclass(frozen=True, eq=False)
class DescentAnalysis:
    """Everything /gradient-descent shows for L(w) = (wx − y)² from w₀: one run per η.

    ``learning_rates`` are the η of the chart's slider (its frames); ``trajectories[i]`` and
    ``verdicts[i]`` (a :func:`descent_verdict` name) belong to ``learning_rates[i]``, and
    ``windows[i]`` is the w-range (lo, hi) that shows that run's finite iterates and the minimum,
    1 unit to spare. ``curve`` samples L over every window (denser where they are narrow), in w's
    units and L's. ``stable_lr`` = 1/x² (descent converges iff 0 < η < it) and
    ``oscillation_lr`` = 1/(2x²) (past it the steps jump over the minimum); both ``None`` when
    x = 0, as is ``minimum`` (w = y/x, the least loss 0)."""

    x: float
    y: float
    w0: float
    steps: int
    loss: sp.Expr
    learning_rates: tuple[float, ...]
    trajectories: tuple[Trajectory, ...]
    verdicts: tuple[str, ...]
    windows: tuple[tuple[float, float], ...]
    curve: Samples
    stable_lr: float | None
    oscillation_lr: float | None
    minimum: float | None

    def index(self, learning_rate: float) -> int:
        """The position of η in ``learning_rates`` (:class:`ValueError` if it is not there)."""
        return self.learning_rates.index(float(learning_rate))


DESCENT_W = sp.Symbol("w", real=True)


def descent_analysis(
    x: float,
    y: float,
    w0: float,
    steps: int,
    learning_rates: Sequence[float] | None = None,
    n: int = 160,
) -> DescentAnalysis:
    """Gradient descent w := w − η·2(wx − y)x on L(w) = (wx − y)² from ``w0``, for every η of
    the grid, with its verdict, and L sampled where the runs go.

    Parameters
    ----------
    x, y : the data point; L(w) = (wx − y)², dL/dw = 2(wx − y)x, L″ = 2x²
    w0 : the start w₀
    steps : steps per run (a run stops early once its loss passes 10⁶ × its start)
    learning_rates : the η values (default :func:`learning_rate_grid` of x); kept in this order
    n : samples of L across each distinct window

    Returns
    -------
    DescentAnalysis
        ``trajectories[i].points``: shape (k + 1, 1), w after each step (k ≤ ``steps``);
        ``trajectories[i].losses``: shape (k + 1,), L there; ``curve.x``, ``curve.y``: shape
        (m,), m ≤ n × (number of distinct windows), w and L(w).

    Raises
    ------
    InputError
        ``not_finite`` when x, y or w₀ is not a finite number, ``bad_steps`` when steps < 1,
        ``bad_learning_rates`` when there is no η or one is negative or not finite.

    Examples
    --------
    >>> found = descent_analysis(2.0, 4.0, 0.0, 3, learning_rates=[0.05, 0.3])
    >>> found.verdicts, found.stable_lr, found.oscillation_lr, found.minimum
    (('slow', 'diverges'), 0.25, 0.125, 2.0)
    >>> found.trajectories[0].points[:, 0].round(4).tolist()  # w − 2 shrinks by 1 − 8η = 0.6
    [0.0, 0.8, 1.28, 1.568]
    >>> found.trajectories[1].points[:, 0].round(4).tolist()  # … is multiplied by 1 − 2.4
    [0.0, 4.8, -1.92, 7.488]
    """
    if not all(math.isfinite(v) for v in (x, y, w0)):
        raise InputError("not_finite", "x, y and w0 must be finite numbers")
    if int(steps) < 1:
        raise InputError("bad_steps", "take at least one step", {"steps": int(steps)})
    rates = learning_rate_grid(x) if learning_rates is None else tuple(map(float, learning_rates))
    if not rates or not all(math.isfinite(r) and r >= 0 for r in rates):
        raise InputError("bad_learning_rates", "η must be finite numbers ≥ 0")
    w = DESCENT_W
    loss = (w * as_point(float(x)) - as_point(float(y))) ** 2
    runs = tuple(gradient_descent(loss, [w], [w0], rate, int(steps)) for rate in rates)
    minimum = y / x if x else None
    windows = tuple(_window(run.points[:, 0], w0 if minimum is None else minimum) for run in runs)
    loss_fn = _compiled(loss, (w,))[0]
    xs = np.unique(np.concatenate([np.linspace(lo, hi, n) for lo, hi in set(windows)]))
    with np.errstate(all="ignore"):
        ys = np.broadcast_to(np.asarray(loss_fn(xs), dtype=float), xs.shape).copy()
    return DescentAnalysis(
        x=float(x),
        y=float(y),
        w0=float(w0),
        steps=int(steps),
        loss=loss,
        learning_rates=rates,
        trajectories=runs,
        verdicts=tuple(descent_verdict(run) for run in runs),
        windows=windows,
        curve=Samples(xs, ys, (), (), ()),
        stable_lr=1 / x**2 if x else None,
        oscillation_lr=1 / (2 * x**2) if x else None,
        minimum=minimum,
    )


def _window(ws: np.ndarray, centre: float) -> tuple[float, float]:
    """The w-range showing the finite iterates ``ws`` and ``centre``, 1 unit to spare each side."""
    shown = [*ws[np.isfinite(ws)].tolist(), centre]
    return float(min(shown) - 1.0), float(max(shown) + 1.0)


# --- Your own loss: L(w) typed by the student -------------------------------------------------

LOSS_RANGE = (-10.0, 10.0)  # where the critical points of a typed L are looked for, and ranked
BLOW_UP = 1e6  # a run has diverged once L − L(w₀) passes 10⁶ × max(|L(w₀)|, 1)
ESCAPE = 1e6  # … or |w| passes 10⁶ (with L below L(w₀): it slid off toward an infinite descent)
SETTLED = 1e-6  # a step under 10⁻⁶ × the first one (|L′| under 10⁻⁶ × |L′(w₀)|): settled
EXTRA_STEPS = 2000  # steps run past the student's to tell "slow" from "bounces" and find the end
MONOTONE = 5  # the last 5 moves all one way: the run is still walking downhill that way


@dataclass(frozen=True)
class LossPoint:
    """A critical point of a typed loss: L′(w) = 0 (or does not exist) at ``w``, L(w) = ``loss``.

    ``kind`` is :data:`mathcore.extrema.KINDS`' (``"local_min"``, ``"local_max"``,
    ``"neither"``); ``lowest``: a local minimum whose L is the least value of L on the whole
    range searched (``LossDescentAnalysis.range``, its endpoints included) — the global
    minimum there; ``curvature`` L″(w) (``nan`` where it does not exist)."""

    w: float
    loss: float
    kind: str
    lowest: bool
    curvature: float


@dataclass(frozen=True, eq=False)
class LossDescentAnalysis:
    """Everything /gradient-descent shows for a loss L(w) the student typed: one run per η.

    ``learning_rates``, ``trajectories``, ``windows``, ``curve`` and ``steps`` have the meaning
    (and the shapes) of :class:`DescentAnalysis`'s, so the same chart draws both. ``verdicts[i]``
    is one of :data:`LOSS_VERDICTS`; ``targets[i]`` the index in ``points`` of the critical
    point run i converges to (or is still heading for, or started on), ``None`` when there is
    none (it diverged, escaped, bounces, or ended outside ``range``); ``ends[i]`` the w where
    run i stops after up to :data:`EXTRA_STEPS` further steps (``nan`` if it blew up).
    ``points``: L's critical points in ``range`` (sorted by w); ``complete`` says they are all
    of them there. ``unbounded`` = (L → −∞ as w → −∞, as w → +∞), each ``None`` when SymPy
    could not tell. ``scale`` = 2/L″ at the most sharply curved local minimum (1 when there is
    none with L″ > 0): the stability limit there, the unit of the η grid."""

    loss: sp.Expr
    derivative: sp.Expr
    w0: float
    steps: int
    learning_rates: tuple[float, ...]
    trajectories: tuple[Trajectory, ...]
    verdicts: tuple[str, ...]
    targets: tuple[int | None, ...]
    ends: tuple[float, ...]
    windows: tuple[tuple[float, float], ...]
    curve: Samples
    points: tuple[LossPoint, ...]
    complete: bool
    range: tuple[float, float]
    unbounded: tuple[bool | None, bool | None]
    scale: float

    def index(self, learning_rate: float) -> int:
        """The position of η in ``learning_rates`` (:class:`ValueError` if it is not there)."""
        return self.learning_rates.index(float(learning_rate))

    @property
    def minima(self) -> tuple[LossPoint, ...]:
        """The local minima among ``points``."""
        return tuple(p for p in self.points if p.kind == "local_min")


LOSS_VERDICTS = (
    "converges",  # settled at a critical point within the steps shown
    "oscillates",  # … jumping from side to side of it
    "slow",  # heading for a critical point, not there when the steps ran out
    "bounces",  # never settles: still jumping about after EXTRA_STEPS more steps
    "diverges",  # L grew past BLOW_UP × its start (or w left every finite number)
    "escapes",  # w ran past ESCAPE with L falling: L has no lower bound that way
    "undefined",  # a step would land where L has no real value
    "corner",  # a step landed where L′ does not exist (|w| at 0): no further step
    "stationary",  # L′(w₀) = 0: no step moves
    "no_step",  # η = 0
    "flat",  # L′ ≡ 0: L does not depend on w
    "flattens",  # settled far out, at no critical point: L levels off there (e^(e^w) as w → −∞)
)


def rate_grid(scale: float, *extra: float) -> tuple[float, ...]:
    """:data:`ETA_RATIOS` × ``scale`` to 3 significant digits, the two thresholds ``scale``/2 and
    ``scale`` exact, plus the ``extra`` η (finite, ≥ 0); increasing, without repeats.

    >>> rate_grid(1.0)[-5:], len(rate_grid(1.0, 0.3))
    ((1.0, 1.09, 1.19, 1.3, 1.41), 30)
    """
    grid = {float(f"{r * scale:.3g}") for r in ETA_RATIOS if r not in (0.5, 1.0)}
    grid |= {0.5 * scale, scale}
    grid |= {float(e) for e in extra if math.isfinite(e) and e >= 0}
    return tuple(sorted(grid))


def loss_descent_analysis(
    loss: sp.Expr,
    var: sp.Symbol,
    w0: float,
    steps: int,
    learning_rates: Sequence[float] | None = None,
    extra: Sequence[float] = (),
    n: int = 200,
) -> LossDescentAnalysis:
    """Gradient descent w := w − η·L′(w) on a loss L(w) the student typed, from ``w0``, for
    every η of a grid, with where each run goes: which minimum it reaches (local, or the lowest
    on the range searched), or that it diverges, escapes, bounces or leaves L's domain.

    L's critical points are found independently of the runs (:func:`mathcore.extrema.
    critical_point_search` on :data:`LOSS_RANGE` widened to hold w₀): a run's end is matched
    to them, never the other way round. A run "converges" once a step is shorter than
    :data:`SETTLED` × its first (as for the quadratic loss:
    |L′| fallen 10⁶-fold); otherwise it is run up to :data:`EXTRA_STEPS` steps further
    to see where it goes. It diverges once L − L(w₀) > :data:`BLOW_UP` · max(|L(w₀)|, 1) (the
    cap ``gradient_descent`` uses for the quadratic loss, 10⁶), or w overflows with L above
    L(w₀); it escapes once |w| > :data:`ESCAPE` with L below L(w₀). The η grid is
    :data:`ETA_RATIOS` × 2/L″(w*), w* the most sharply curved local minimum: near a minimum
    L ≈ L(w*) + L″(w*)(w − w*)²/2, the quadratic case, whose descent converges iff
    0 < η < 2/L″ (Nesterov, *Introductory Lectures on Convex Optimization*, §1.2.3; Goh, "Why
    Momentum Really Works", Distill 2017, for the picture of several η side by side).

    Parameters
    ----------
    loss, var : L and its one variable w (a real symbol)
    w0 : the start w₀ (finite)
    steps : the steps shown per run (≥ 1)
    learning_rates : the η values (default :func:`rate_grid` of the scale, with ``extra``)
    extra : further η for the default grid (a link's), each kept if it is at most the grid's end
    n : samples of L across each distinct window

    Returns
    -------
    LossDescentAnalysis
        ``trajectories[i].points``: shape (k + 1, 1), w after each step (k ≤ ``steps``; fewer
        when the run blew up, escaped or left L's domain); ``.losses``, ``.gradients``: L and
        L′ there, shapes (k + 1,) and (k + 1, 1); ``curve.x``, ``curve.y``: shape (m,).

    Raises
    ------
    InputError
        ``not_finite`` when w₀ is not finite, ``bad_steps`` when steps < 1,
        ``bad_learning_rates`` when there is no η or one is negative or not finite.

    Examples
    --------
    >>> w = sp.Symbol("w", real=True)
    >>> found = loss_descent_analysis(w**4 - 3*w**2 + w, w, 2.0, 60, learning_rates=[0.05, 0.3])
    >>> [(round(p.w, 4), p.kind, p.lowest) for p in found.points]
    [(-1.3008, 'local_min', True), (0.1699, 'local_max', False), (1.1309, 'local_min', False)]
    >>> found.verdicts, found.targets  # from w₀ = 2 η = 0.05 reaches the local minimum only
    (('converges', 'diverges'), (2, None))
    >>> found.trajectories[1].points[:, 0].round(4).tolist()  # 2 − 0.3·L′(2) = 2 − 0.3·21
    [2.0, -4.3, 83.0684]
    >>> loss_descent_analysis(w**2, w, 1.0, 5, learning_rates=[0.5, 1.5]).verdicts  # |1 − 2η|
    ('converges', 'diverges')
    """
    if not math.isfinite(w0):
        raise InputError("not_finite", "w0 must be a finite number")
    if int(steps) < 1:
        raise InputError("bad_steps", "take at least one step", {"steps": int(steps)})
    from mathcore.extrema import critical_point_search  # extrema imports the sampling stack
    from mathcore.sampling import numpy_function

    slope = derivative(loss, var)
    lo, hi = min(LOSS_RANGE[0], w0 - 1), max(LOSS_RANGE[1], w0 + 1)
    flat = slope.is_zero is True
    search = None if flat else critical_point_search(loss, var, (lo, hi), d1=slope)
    found = () if search is None else search.points
    curvature = derivative(slope, var)
    bends = [_number(curvature, var, float(p.x)) for p in found]
    sharp = [b for p, b in zip(found, bends, strict=True) if p.kind == "local_min" and b > 0]
    scale = float(f"{2 / max(sharp):.4g}") if sharp else 1.0
    if learning_rates is None:
        top = rate_grid(scale)[-1]
        rates = rate_grid(scale, *(e for e in extra if 0 <= e <= top))
    else:
        rates = tuple(map(float, learning_rates))
    if not rates or not all(math.isfinite(r) and r >= 0 for r in rates):
        raise InputError("bad_learning_rates", "η must be finite numbers ≥ 0")
    f, g = numpy_function(loss, var), numpy_function(slope, var)
    runs, ends, states = _loss_runs(f, g, float(w0), np.array(rates), int(steps), flat)
    ys = np.array([_number(loss, var, float(p.x)) for p in found])
    grid = np.linspace(lo, hi, 4001)
    lowest_on_range = min(np.nanmin(f(grid), initial=np.inf), *ys, np.inf)
    points = tuple(
        LossPoint(float(p.x), float(y), p.kind, _lowest(p.kind, y, lowest_on_range), b)
        for p, y, b in zip(found, ys, bends, strict=True)
    )
    verdicts, targets = [], []
    for run, end, state in zip(runs, ends, states, strict=True):
        complete = search is None or search.complete
        verdict, target = _loss_verdict(run, end, state, int(steps), points, (lo, hi, complete))
        verdicts.append(verdict)
        targets.append(target)
    centres = [p.w for p in points] or [float(w0)]
    windows = tuple(_loss_window(run.points[:, 0], centres) for run in runs)
    xs = np.unique(np.concatenate([np.linspace(a, b, n) for a, b in set(windows)]))
    return LossDescentAnalysis(
        loss=loss,
        derivative=slope,
        w0=float(w0),
        steps=int(steps),
        learning_rates=rates,
        trajectories=runs,
        verdicts=tuple(verdicts),
        targets=tuple(targets),
        ends=tuple(ends),
        windows=windows,
        curve=Samples(xs, f(xs), (), (), ()),
        points=points,
        complete=bool(search is None or search.complete),
        range=(float(lo), float(hi)),
        unbounded=(_unbounded(loss, var, -sp.oo), _unbounded(loss, var, sp.oo)),
        scale=scale,
    )


def _number(expr: sp.Expr, var: sp.Symbol, at: float) -> float:
    """expr at w = ``at`` as a float (``nan`` where it has no real value)."""
    from mathcore.sampling import evaluate

    return float(evaluate(expr, var, np.array([at]))[0])


def _lowest(kind: str, value: float, lowest: float) -> bool:
    """A local minimum with the least L on the range (to 10⁻⁹ relative: a float's L)."""
    return kind == "local_min" and bool(value <= lowest + 1e-9 * max(1.0, abs(lowest)))


def _unbounded(loss: sp.Expr, var: sp.Symbol, end: sp.Expr) -> bool | None:
    """Does L → −∞ as w → ``end`` (±∞)? ``None`` when the limit could not be found."""
    from mathcore.errors import SYMPY_FAILURES
    from mathcore.limits import limit_at

    try:
        found = limit_at(loss, var, end).value
    except SYMPY_FAILURES:
        return None
    return None if found is None else bool(found == -sp.oo)


def _loss_runs(f, g, w0: float, rates: np.ndarray, steps: int, flat: bool):
    """Every η's run at once (a vector of w's): the student's ``steps`` recorded, then up to
    :data:`EXTRA_STEPS` more for the runs still moving. Returns the trajectories, where each
    run ended (``nan``: it blew up or escaped) and each run's state with the step it began:
    ``"settled"``, ``"diverged"``, ``"escaped"``, ``"undefined"`` (0: at w₀ already), ``"corner"``
    (L defined, L′ not: the next step cannot be taken), or after
    every step ``"moving"`` (its last moves all one way) or ``"alternating"``."""
    count = len(rates)
    state = np.full(count, "", dtype=object)
    when = np.zeros(count, dtype=int)
    with np.errstate(all="ignore"):
        loss0, slope0 = float(f(np.array([w0]))[0]), float(g(np.array([w0]))[0])
        if not math.isfinite(loss0):
            state[:] = "undefined"
        elif not math.isfinite(slope0):
            state[:] = "corner"  # w₀ is where L′ does not exist (max(w, w²) at 1)
        cap = BLOW_UP * max(abs(loss0), 1.0)
        # settled: a step under 10⁻⁶ of the first (the rule the quadratic loss's verdict uses,
        # |L′| down by 10⁶), or under 10⁻¹² × (1 + |w|), what a float can still resolve
        first = np.maximum(SETTLED * np.abs(rates * slope0), 1e-12 * (1 + abs(w0)))
        w, slope = np.full(count, w0), np.full(count, slope0)
        ws, losses, slopes = [w.copy()], [np.full(count, loss0)], [slope.copy()]
        moves = np.zeros((MONOTONE, count))

        def step(k: int, at: np.ndarray) -> np.ndarray:
            """Step k for the runs ``at`` (indices); returns L at their new w."""
            new = w[at] - rates[at] * slope[at]
            loss, new_slope = f(new), g(new)
            move = new - w[at]
            settled = np.abs(move) <= first[at]
            gone = ~np.isfinite(new) | (np.abs(new) > ESCAPE)
            escaped = ~settled & gone & (np.nan_to_num(loss, nan=np.inf) < loss0)
            diverged = ~settled & ~escaped & (gone | (np.nan_to_num(loss) - loss0 > cap))
            undefined = ~settled & ~escaped & ~diverged & ~np.isfinite(loss)
            corner = ~settled & ~escaped & ~diverged & ~undefined & ~np.isfinite(new_slope)
            fresh = state[at] == ""  # a settled run keeps stepping (its steps are shown)
            for mask, name in (
                (settled, "settled"),
                (escaped, "escaped"),
                (diverged, "diverged"),
                (undefined, "undefined"),
                (corner, "corner"),
            ):
                state[at[mask & fresh]], when[at[mask & fresh]] = name, k
            kept = at[~undefined]  # an undefined step is not taken: w stays where L is defined
            w[kept], slope[kept] = new[~undefined], new_slope[~undefined]
            moves[k % MONOTONE, at] = move
            return np.where(undefined, np.nan, loss)

        everyone = np.arange(count)
        for k in range(1, steps + 1):
            live = everyone[(state == "") | (state == "settled")]
            loss = np.full(count, np.nan)
            loss[live] = step(k, live)
            ws.append(w.copy())
            losses.append(np.where(np.isnan(loss), losses[-1], loss))
            slopes.append(slope.copy())
        for k in range(steps + 1, steps + EXTRA_STEPS + 1):
            live = everyone[state == ""]
            if not len(live):
                break
            step(k, live)
    recorded, losses, slopes = np.array(ws), np.array(losses), np.array(slopes)
    runs, ends, states = [], [], []
    for i, rate in enumerate(rates):
        name, k = state[i], int(when[i])
        stop = steps + 1 if name in ("", "settled") or k > steps else k + 1
        if name == "undefined":
            stop = min(stop, k)  # up to the last point where L is defined
        stop = max(stop, 1)
        if name == "":
            signs = np.sign(moves[:, i][moves[:, i] != 0])
            name = "moving" if len(signs) and abs(signs.sum()) == len(signs) else "alternating"
        blown = name in ("diverged", "escaped")
        runs.append(
            Trajectory(
                recorded[:stop, i : i + 1].copy(),
                losses[:stop, i].copy(),
                slopes[:stop, i : i + 1].copy(),
                blown,
                None,
                None,
                None,
                float(rate),
                0.0,
                flat,
            )
        )
        ends.append(math.nan if blown else float(w[i]))
        states.append((name, k))
    return tuple(runs), tuple(ends), tuple(states)


def _loss_verdict(
    run: Trajectory, end: float, state: tuple[str, int], steps: int, points, searched
) -> tuple[str, int | None]:
    """One run's verdict (:data:`LOSS_VERDICTS`) and the critical point it goes to. A run that
    settles where no critical point is — beyond the range ``searched`` = (lo, hi, complete),
    or inside it when every critical point there is known — stalls on a flat stretch (e^(e^w):
    one step to w ≈ −3000, where L′ underflows to 0): "flattens", not "converges"."""
    name, when = state
    if run.flat:
        return "flat", None
    if run.learning_rate == 0:
        return "no_step", None
    if name == "undefined" and when == 0:
        return "undefined", None
    if run.gradients[0, 0] == 0:
        return "stationary", _nearest(run.points[0, 0], points)
    if name == "corner":
        return "corner", _nearest(run.points[-1, 0], points)
    if name in ("diverged", "escaped", "undefined"):
        return {"diverged": "diverges", "escaped": "escapes"}.get(name, "undefined"), None
    if name == "alternating":
        return "bounces", None
    if name == "moving":  # the first critical point ahead, the way it walks
        way = np.sign(end - run.points[-1, 0]) or np.sign(run.points[-1, 0] - run.points[-2, 0])
        ahead = [i for i, p in enumerate(points) if (p.w - end) * way >= 0]
        return "slow", min(ahead, key=lambda i: abs(points[i].w - end), default=None)
    target = _nearest(end, points)
    if when > steps:
        return "slow", target
    lo, hi, complete = searched
    if target is None and (complete or not lo <= end <= hi):
        return "flattens", None
    ws = run.points[:, 0]
    moves = np.diff(ws)
    moves = moves[np.abs(moves) > SETTLED * abs(ws[1] - ws[0])]
    alternating = len(moves) > 2 and np.all(moves[1:] * moves[:-1] < 0)
    return ("oscillates" if alternating else "converges"), target


def _nearest(w: float, points) -> int | None:
    """The critical point at ``w``, within 10⁻³ × (1 + |w|): a run settles where its step is
    10⁻⁶ of its first, which with a small η can still be ~10⁻⁵ from the point."""
    near = [i for i, p in enumerate(points) if abs(p.w - w) <= 1e-3 * (1 + abs(w))]
    return min(near, key=lambda i: abs(points[i].w - w)) if near else None


def _loss_window(ws: np.ndarray, centres: list[float]) -> tuple[float, float]:
    """The w-range showing the finite iterates ``ws`` (those under 10³: a diverging run's last
    ones are left out) and the critical points, half a unit to spare each side (the minima
    stay large: L grows fast away from them, w⁴ does)."""
    shown = [*ws[np.isfinite(ws) & (np.abs(ws) < 1e3)].tolist(), *centres]
    return float(min(shown) - 0.5), float(max(shown) + 0.5)
