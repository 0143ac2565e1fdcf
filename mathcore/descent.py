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
