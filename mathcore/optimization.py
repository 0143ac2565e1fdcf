"""Gradient descent on a symbolic loss: w := w − η·∇L(w), optionally with momentum, and its
verdicts; the engine of /gradient-descent (:mod:`mathcore.descent`) and /backprop.

>>> w = sp.Symbol("w", real=True)
>>> t = gradient_descent((2*w - 4)**2, [w], [0.0], learning_rate=0.05, steps=3)
>>> t.points[:, 0].round(4).tolist(), t.diverged, t.max_stable_lr
([0.0, 0.8, 1.28, 1.568], False, 0.25)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.errors import InputError

DIVERGENCE_FACTOR = 1e6
EDGE_TOLERANCE = 1e-9  # a contraction this close to 1 is the stability edge
GROWTH_WINDOW = 5  # a non-quadratic loss that rose at each of the last 5 steps diverges


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
    ``max_stable_lr`` = 2(1 + β)/λ_max. ``None`` when the loss is not quadratic.

    ``contraction`` is what one step multiplies the distance to the minimum by, in the long run,
    for a quadratic loss: the largest |1 − ηλ| over the Hessian's eigenvalues λ along which this
    run moves (with momentum the largest root of z² − (1 + β − ηλ)z + β). Above 1 the run
    diverges however few steps it was given, exactly 1 it cycles for ever, below 1 it
    converges; 0 when the start is a stationary point, ``None`` when the loss is not quadratic.
    ``flat`` says the gradient is 0 identically (the loss does not depend on the parameters)."""

    points: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    diverged: bool
    max_stable_lr: float | None
    oscillation_lr: float | None
    contraction: float | None = None
    learning_rate: float = 0.0
    momentum: float = 0.0
    flat: bool = False


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

    Parameters
    ----------
    loss : the loss, an expression in ``params``
    params : the parameters w, in the order of ``start``
    start : their starting values
    learning_rate : η
    steps : how many steps to take (fewer if the loss blows up past 10⁶ × its start)
    momentum : β (0 for plain descent)

    Returns
    -------
    Trajectory : the iterates, losses and gradients, the η thresholds and the contraction

    Examples
    --------
    >>> w = sp.Symbol("w", real=True)
    >>> t = gradient_descent((2*w - 4)**2, [w], [0.0], learning_rate=0.3, steps=50)
    >>> t.diverged, len(t.losses) < 51, t.contraction  # |1 − 2·0.3·2²| = 1.4
    (True, True, 1.4)
    >>> gradient_descent((w*3 - 6)**2, [w], [0.0], 0.01, 1).oscillation_lr  # 1/(2·3²)
    0.05555555555555555
    """
    params = tuple(params)
    loss_fn, grad_fn, flat = _compiled(loss, params)
    w = np.asarray(start, dtype=float).reshape(len(params))
    velocity = np.zeros_like(w)
    with np.errstate(all="ignore"):
        points, losses = [w.copy()], [float(loss_fn(*w))]
        gradients = [np.asarray(grad_fn(*w), dtype=float).reshape(len(params))]
        limit = DIVERGENCE_FACTOR * max(abs(losses[0]), 1e-12)
        diverged = not np.isfinite(losses[0])
        for _ in range(int(steps)):
            if diverged:
                break
            velocity = momentum * velocity - learning_rate * gradients[-1]
            w = w + velocity
            points.append(w.copy())
            losses.append(float(loss_fn(*w)))
            gradients.append(np.asarray(grad_fn(*w), dtype=float).reshape(len(params)))
            diverged = not np.isfinite(losses[-1]) or abs(losses[-1]) > limit
    spectrum = _spectrum(loss, params)
    max_stable, oscillation = _thresholds(spectrum, momentum)
    return Trajectory(
        np.array(points),
        np.array(losses),
        np.array(gradients),
        diverged,
        max_stable,
        oscillation,
        _contraction(spectrum, gradients[0], learning_rate, momentum),
        float(learning_rate),
        float(momentum),
        flat,
    )


@functools.lru_cache(maxsize=128)
def _compiled(loss: sp.Expr, params: tuple[sp.Symbol, ...]):
    """L and ∇L as NumPy functions, built once per loss (a slider move only changes η or w₀),
    and whether ∇L is 0 identically."""
    gradient = [derivative(loss, p) for p in params]  # no DiracDelta at a kink (|w|, sign)
    return (
        sp.lambdify(params, loss, modules="numpy"),
        sp.lambdify(params, gradient, modules="numpy"),
        all(g.is_zero for g in gradient),
    )


def _thresholds(spectrum, momentum) -> tuple[float | None, float | None]:
    top = None if spectrum is None else float(max(spectrum[0]))
    if top is None or top <= 0:
        return None, None
    return 2 * (1 + momentum) / top, (1 / top if momentum == 0 else None)


def _contraction(spectrum, gradient, learning_rate: float, momentum: float) -> float | None:
    """The largest step factor over the Hessian's eigen-directions that ``gradient`` (the first
    step's) has a part along: only those directions ever move."""
    if spectrum is None:
        return None
    eigenvalues, eigenvectors = spectrum
    parts = np.abs(eigenvectors.T @ gradient)
    moved = parts > 1e-9 * np.linalg.norm(gradient)
    curvatures = [float(lam) for lam in eigenvalues[moved] if lam]
    return max((step_factor(lam, learning_rate, momentum) for lam in curvatures), default=0.0)


def step_factor(curvature: float, learning_rate: float, momentum: float = 0.0) -> float:
    """What one step multiplies the distance to the minimum by, in the long run, along a
    direction where the loss curves by ``curvature`` (λ): |1 − ηλ| for plain descent; with
    momentum β the larger root in size of z² − (1 + β − ηλ)z + β (the heavy-ball step).

    Parameters
    ----------
    curvature : λ, an eigenvalue of the loss's Hessian
    learning_rate : η
    momentum : β

    Returns
    -------
    float : below 1 the distance shrinks, above 1 it grows, exactly 1 it cycles

    Examples
    --------
    >>> step_factor(8, 0.28), step_factor(8, 0.25), step_factor(8, 0.05)  # L = (2w − 4)²
    (1.2400000000000002, 1.0, 0.6)
    >>> step_factor(8, 0.375, momentum=0.5)  # the heavy-ball edge η = 2(1 + β)/λ
    1.0
    """
    trace = 1 + momentum - learning_rate * curvature
    discriminant = trace**2 - 4 * momentum
    if discriminant < 0:  # complex roots, both of size √β
        return math.sqrt(momentum)
    return float((abs(trace) + math.sqrt(discriminant)) / 2)


@functools.lru_cache(maxsize=128)
def _spectrum(loss: sp.Expr, params: tuple[sp.Symbol, ...]):
    """The eigenvalues and eigenvectors of the constant Hessian; ``None`` if it is not constant."""
    hessian = sp.hessian(loss, list(params))
    if hessian.free_symbols or hessian.has(sp.nan, sp.zoo):  # not a quadratic loss
        return None
    if not any(hessian):  # L is linear or constant: no curvature
        return None
    return np.linalg.eigh(np.array(hessian, dtype=float))


def curvature(loss: sp.Expr, params: Sequence[sp.Symbol]) -> float | None:
    """λ_max, the largest eigenvalue of the Hessian of a quadratic ``loss`` — how sharply the
    bowl curves along its steepest direction; ``None`` when the Hessian is not a constant with
    a positive eigenvalue.

    >>> w, b = sp.symbols("w b", real=True)
    >>> curvature(mean_squared_error([0, 1, 2, 3], [1, 3, 5, 7], w, b), [w, b])  # (9 + √61)/2
    8.405124837953327
    """
    spectrum = _spectrum(loss, tuple(params))
    top = None if spectrum is None else float(max(spectrum[0]))
    return top if top is not None and top > 0 else None


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


def descent_advice(
    trajectory: Trajectory,
    loss: sp.Expr,
    params: Sequence[sp.Symbol],
    more_steps: bool,
    momentum_control: bool = False,
) -> tuple[str, ...]:
    """What would bring a run that is still descending (verdict ``"slow"``) to the minimum
    sooner, given its settings — only advice that helps from where the settings are.

    ``"more_steps"`` when ``more_steps`` (the steps can still be raised); ``"raise_lr"`` or
    ``"lower_lr"`` when a 10 % larger or smaller η makes the per-step factor (the
    ``contraction``) smaller — too small an η crawls, one near the stability limit jumps over
    the minimum; ``"momentum"`` when the page has a momentum control and β is still 0.

    Parameters
    ----------
    trajectory : a run of :func:`gradient_descent` on ``loss``
    loss, params : its loss and parameters
    more_steps : whether the student can still add steps
    momentum_control : whether the page offers momentum β

    Returns
    -------
    tuple[str, ...] : the advice names, in that order

    Examples
    --------
    >>> w = sp.Symbol("w", real=True)
    >>> loss = (2*w - 4)**2  # one step multiplies the distance by |1 − 8η|
    >>> descent_advice(gradient_descent(loss, [w], [0.0], 0.001, 100), loss, [w], False)
    ('raise_lr',)
    >>> descent_advice(gradient_descent(loss, [w], [0.0], 0.2499, 30), loss, [w], True)
    ('more_steps', 'lower_lr')
    """
    t, params = trajectory, tuple(params)
    tips = ["more_steps"] if more_steps else []
    spectrum = _spectrum(loss, params)
    if spectrum is not None and t.contraction is not None and t.learning_rate > 0:

        def factor(rate: float) -> float:
            return _contraction(spectrum, t.gradients[0], rate, t.momentum)

        if factor(1.1 * t.learning_rate) < t.contraction:
            tips.append("raise_lr")
        elif factor(0.9 * t.learning_rate) < t.contraction:
            tips.append("lower_lr")
    if momentum_control and t.momentum == 0:
        tips.append("momentum")
    return tuple(tips)


def descent_verdict(trajectory: Trajectory) -> str:
    """Name what the run does.

    ``"diverges"`` (each step takes it further from the minimum: for a quadratic loss the
    contraction exceeds 1, however few steps were run; otherwise the loss rose at each of the
    last steps, or blew up), ``"stuck"`` (on the stability edge, contraction exactly 1: the
    iterates bounce between two points for ever), ``"converges"``, ``"oscillates"`` (converges
    while jumping from side to side of the minimum), ``"slow"`` (heading for the minimum but
    not there when the steps ran out), ``"no_step"`` (η = 0: nothing moves), ``"flat"`` (the
    gradient is 0 identically: the loss does not depend on the parameters, no descent is
    possible) or ``"stationary"`` (the gradient is 0 at the start, so no step moves).

    Parameters
    ----------
    trajectory : a run of :func:`gradient_descent`

    Returns
    -------
    str : one of the names above

    Examples
    --------
    >>> w = sp.Symbol("w", real=True)
    >>> [descent_verdict(gradient_descent((2*w - 4)**2, [w], [0.0], lr, 60))
    ...  for lr in (0.05, 0.2, 0.25, 0.3, 0.001, 0.0)]
    ['converges', 'oscillates', 'stuck', 'diverges', 'slow', 'no_step']
    >>> descent_verdict(gradient_descent((2*w - 4)**2, [w], [0.0], 0.26, 3))  # |1 − 2.08| > 1
    'diverges'
    >>> descent_verdict(gradient_descent((0*w - 4)**2, [w], [0.0], 0.1, 3))
    'flat'
    >>> descent_verdict(gradient_descent((2*w - 4)**2, [w], [0.0], 1e-18, 3))  # 1 − 8·10⁻¹⁸
    'slow'
    """
    t = trajectory
    losses, gradients = t.losses, t.gradients
    if t.flat:
        return "flat"
    if t.learning_rate == 0:
        return "no_step"
    if not np.any(gradients[0]):
        return "stationary"
    if t.diverged:
        return "diverges"
    factor = t.contraction
    if factor is not None and factor > 1 + EDGE_TOLERANCE:
        return "diverges"
    if factor is not None and factor >= 1 - EDGE_TOLERANCE:
        # |factor| ≈ 1 at two places: the stability edge (the factor ≈ −1: bouncing for ever)
        # and η ≈ 0 (the factor ≈ +1: w crawls); only the edge is stuck
        edge = t.max_stable_lr
        return "stuck" if edge is None or t.learning_rate > edge / 2 else "slow"
    start, end = np.linalg.norm(gradients[0]), np.linalg.norm(gradients[-1])
    if losses[-1] <= max(1e-9 * losses[0], 1e-12) or end <= 1e-6 * start:
        moves = np.diff(t.points, axis=0)
        moves = moves[np.linalg.norm(moves, axis=1) > 1e-9]
        alternating = len(moves) > 2 and np.all(np.sum(moves[1:] * moves[:-1], axis=1) < 0)
        return "oscillates" if alternating else "converges"
    if factor is not None:
        return "slow"
    if np.all(np.diff(losses[-GROWTH_WINDOW - 1 :]) > 0):
        return "diverges"
    return "stuck" if losses[-1] >= 0.999 * losses[0] else "slow"


# The η grid of /gradient-descent, as multiples ηx² of the scale 1/x²: for L(w) = (wx − y)²,
# L″(w) = 2x², and one step multiplies w − y/x by 1 − ηL″ = 1 − 2ηx², so descent converges iff
# |1 − 2ηx²| < 1, i.e. 0 < η < 2/L″ = 1/x² (the quadratic case of the classic η < 2/λ_max bound,
# Nesterov, *Introductory Lectures on Convex Optimization*, §1.2.3), and overshoots the minimum
# (alternating sides) past 1/(2x²). Quarter-octaves from 1/64 up to the limit, eighth-octaves past
# it to 2^(1/2): the slow, converging, oscillating, stuck and diverging runs, each a few frames.
ETA_RATIOS = tuple(2.0 ** (k / 4) for k in range(-24, 1)) + tuple(
    2.0 ** (k / 8) for k in (1, 2, 3, 4)
)
