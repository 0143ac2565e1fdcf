"""Plot samples of f that never join across a pole or a jump, with holes and asymptotes marked.

>>> x = sp.Symbol("x", real=True)
>>> s = sample_function((x**2 - 1) / (x - 1), x, -3, 3, n=7)
>>> s.holes, s.asymptotes
(((1.0, 2.0),), ())
"""

from __future__ import annotations

import math
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
    and jumps.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> s = sample_function(1 / (x + 1), x, -3, 3, n=601)
    >>> s.asymptotes, bool(np.isnan(s.y[s.x == -1.0]).all())
    ((-1.0,), True)
    >>> sample_function(sp.floor(x), x, 0, 3, n=301).breaks
    (1.0, 2.0)
    """
    xs = np.linspace(float(start), float(stop), int(n))
    exact_breaks = _break_points(expr, var, float(start), float(stop))
    breaks = [float(b) for b in exact_breaks]
    if breaks:  # a NaN sample at each break so the plotted line stops there
        xs = np.union1d(xs, np.array(breaks))
    ys = evaluate(expr, var, xs)
    holes, asymptotes = [], []
    kept = []
    for exact, b in zip(exact_breaks, breaks, strict=True):
        kind = classify_continuity(expr, var, exact)
        if kind.continuous:  # a candidate that is no break: ∛x at 0, |x| at 0
            continue
        kept.append(b)
        ys[xs == b] = np.nan
        if kind.kind == "removable":
            holes.append((b, float(kind.left if kind.left is not None else kind.right)))
        elif kind.kind == "infinite":
            asymptotes.append(b)
    return Samples(xs, ys, tuple(holes), tuple(asymptotes), tuple(kept))


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
    """x in (start, stop) where f may be discontinuous: zeros of denominators and of log/root
    arguments, where floor/ceiling arguments are integers, where sign/step arguments vanish."""
    window = sp.Interval.open(start, stop)
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
