"""Gradient descent on a symbolic loss: w := w − η·∇L(w), optionally with momentum.

>>> w = sp.Symbol("w", real=True)
>>> t = gradient_descent((2*w - 4)**2, [w], [0.0], learning_rate=0.05, steps=3)
>>> t.points[:, 0].round(4).tolist(), t.diverged, t.max_stable_lr
([0.0, 0.8, 1.28, 1.568], False, 0.25)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.errors import InputError

DIVERGENCE_FACTOR = 1e6


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The iterates of gradient descent.

    ``points[i]`` are the parameters after i steps (shape ``(k+1, n)``), ``losses[i]`` the loss
    and ``gradients[i]`` the gradient there; k = ``steps`` unless the run ``diverged`` (the
    loss became non-finite or grew past 10⁶ × its start), in which case the arrays stop at the
    first such iterate (its values may be ``inf``).

    For a quadratic loss without momentum ``max_stable_lr`` = 2/λ_max (descent converges iff
    0 < η < it) and ``oscillation_lr`` = 1/λ_max (above it the iterates overshoot and alternate
    sides), λ_max being the largest eigenvalue of the constant Hessian; with momentum β
    ``max_stable_lr`` = 2(1 + β)/λ_max. ``None`` when the loss is not quadratic."""

    points: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    diverged: bool
    max_stable_lr: float | None
    oscillation_lr: float | None


def gradient_descent(
    loss: sp.Expr,
    params: Sequence[sp.Symbol],
    start: Sequence[float],
    learning_rate: float,
    steps: int,
    momentum: float = 0.0,
) -> Trajectory:
    """Run ``steps`` steps of (heavy-ball) gradient descent on ``loss`` from ``start``.

    v ← β·v − η·∇L(w), w ← w + v (plain descent when β = 0).

    Examples
    --------
    >>> w = sp.Symbol("w", real=True)
    >>> t = gradient_descent((2*w - 4)**2, [w], [0.0], learning_rate=0.3, steps=50)
    >>> t.diverged, len(t.losses) < 51
    (True, True)
    >>> gradient_descent((w*3 - 6)**2, [w], [0.0], 0.01, 1).oscillation_lr  # 1/(2·3²)
    0.05555555555555555
    """
    params = tuple(params)
    loss_fn, grad_fn = _compiled(loss, params)
    w = np.asarray(start, dtype=float).reshape(len(params))
    velocity = np.zeros_like(w)
    with np.errstate(all="ignore"):
        points, losses = [w.copy()], [float(loss_fn(*w))]
        gradients = [np.asarray(grad_fn(*w), dtype=float)]
        limit = DIVERGENCE_FACTOR * max(abs(losses[0]), 1e-12)
        diverged = not np.isfinite(losses[0])
        for _ in range(int(steps)):
            if diverged:
                break
            velocity = momentum * velocity - learning_rate * gradients[-1]
            w = w + velocity
            points.append(w.copy())
            losses.append(float(loss_fn(*w)))
            gradients.append(np.asarray(grad_fn(*w), dtype=float))
            diverged = not np.isfinite(losses[-1]) or abs(losses[-1]) > limit
    max_stable, oscillation = _thresholds(loss, params, momentum)
    return Trajectory(
        np.array(points), np.array(losses), np.array(gradients), diverged, max_stable, oscillation
    )


@functools.lru_cache(maxsize=128)
def _compiled(loss: sp.Expr, params: tuple[sp.Symbol, ...]):
    """L and ∇L as NumPy functions, built once per loss (a slider move only changes η or w₀)."""
    gradient = [sp.diff(loss, p) for p in params]
    return (
        sp.lambdify(params, loss, modules="numpy"),
        sp.lambdify(params, gradient, modules="numpy"),
    )


def _thresholds(loss, params, momentum) -> tuple[float | None, float | None]:
    top = curvature(loss, params)
    if top is None:
        return None, None
    return 2 * (1 + momentum) / top, (1 / top if momentum == 0 else None)


@functools.lru_cache(maxsize=128)
def _curvature(loss: sp.Expr, params: tuple[sp.Symbol, ...]) -> float | None:
    hessian = sp.hessian(loss, list(params))
    if hessian.free_symbols or hessian.has(sp.nan, sp.zoo):  # not a quadratic loss
        return None
    top = max(float(v) for v in np.linalg.eigvalsh(np.array(hessian, dtype=float)))
    return top if top > 0 else None


def curvature(loss: sp.Expr, params: Sequence[sp.Symbol]) -> float | None:
    """λ_max, the largest eigenvalue of the Hessian of a quadratic ``loss`` — how sharply the
    bowl curves along its steepest direction; ``None`` when the Hessian is not a constant with
    a positive eigenvalue.

    >>> w, b = sp.symbols("w b", real=True)
    >>> curvature(mean_squared_error([0, 1, 2, 3], [1, 3, 5, 7], w, b), [w, b])  # (9 + √61)/2
    8.405124837953327
    """
    return _curvature(loss, tuple(params))


def mean_squared_error(
    xs: Sequence[sp.Expr], ys: Sequence[sp.Expr], w: sp.Symbol, b: sp.Symbol
) -> sp.Expr:
    """L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)², the loss of the line ŷ = w·x + b on the data.

    >>> w, b = sp.symbols("w b", real=True)
    >>> mean_squared_error([0, 1], [1, 3], w, b)
    (b - 1)**2/2 + (b + w - 3)**2/2
    """
    if len(xs) != len(ys) or not xs:
        raise InputError(
            "data_mismatch",
            "x and y need the same number of values",
            {"xs": len(xs), "ys": len(ys)},
        )
    return sp.Add(*((w * x + b - y) ** 2 for x, y in zip(xs, ys, strict=True))) / len(xs)


def descent_verdict(trajectory: Trajectory) -> str:
    """Name what the run did: ``"diverges"``, ``"converges"``, ``"oscillates"`` (converges while
    jumping from side to side of the minimum), ``"stuck"`` (the loss does not fall: η on the
    stability edge, or η ≤ 0), or ``"slow"`` (still falling when the steps ran out).

    >>> w = sp.Symbol("w", real=True)
    >>> [descent_verdict(gradient_descent((2*w - 4)**2, [w], [0.0], lr, 60))
    ...  for lr in (0.05, 0.2, 0.25, 0.3, 0.001)]
    ['converges', 'oscillates', 'stuck', 'diverges', 'slow']
    """
    losses, points = trajectory.losses, trajectory.points
    if trajectory.diverged:
        return "diverges"
    if losses[-1] <= max(1e-9 * losses[0], 1e-12):
        moves = np.diff(points, axis=0)
        moves = moves[np.linalg.norm(moves, axis=1) > 1e-9]
        alternating = len(moves) > 2 and np.all(np.sum(moves[1:] * moves[:-1], axis=1) < 0)
        return "oscillates" if alternating else "converges"
    return "stuck" if losses[-1] >= 0.999 * losses[0] else "slow"
