"""Cached, bounded engine calls: symbolic work happens once per function text (and point), in a
worker process with time and memory caps; reruns from widgets reuse it."""

from __future__ import annotations

import concurrent.futures
import functools
from typing import NamedTuple

import numpy as np
import streamlit as st
import sympy as sp

import mathcore as mc
from mathcore.backprop import build_graph
from mathcore.extrema import piecewise_constant
from mathcore.points import as_point, finite_at, value_at
from mathcore.sampling import sample_windows
from ui.figures import LINE_LIMIT, on_screen

X = sp.Symbol("x", real=True)
ZOOMS = (0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 4.0, 10.0)  # the limits page's zoom slider
CACHE = {"max_entries": 256, "show_spinner": False}
# CPU seconds for a whole analysis along its longest chain of calls (mathcore.Deadline, with a
# branch for work run side by side), which is its wall time on a quiet server: any input is answered
# within ~3 s. CPU time, not wall time, so a busy server gives the same answer, only later (up to
# the wall-clock ceiling 3 × 3 + 1 s). Costliest pages measured: /extrema max(∛x, cos x) 2.0–2.4 s,
# /derivatives {x ≠ 0: sin(1/x), 0} 1.5 s (python -m bench.analysis_budget).
ANALYSIS_SECONDS = 3.0


def window(a: sp.Expr, half_width: float = 4.0) -> tuple[float, float]:
    """The x-range drawn around a point (or toward ±∞)."""
    if a is sp.oo:
        return 0.0, 60.0
    if a is -sp.oo:
        return -60.0, 0.0
    return float(a) - half_width, float(a) + half_width


def _finite_point(a: str) -> sp.Expr:
    point = mc.parse_point(a)
    if point.is_infinite:
        raise mc.InputError("not_finite", "the point must be finite here")
    return point


REACHES = (1, 2, 3, 4, 5, 6)  # toward ±∞ the slider shows |x| from 1 to 10ᵏ (log axis)


@st.cache_data(**CACHE)
def limit_view(f: str, a: str):
    """The limit, f(a), and for every slider position f sampled for the window it shows and the
    points marching toward a, so the slider needs no math. At a finite a: per zoom z the window
    a ± z, densely sampled near a, and x = a ∓ z·0.7ᵏ (k = 1..12). Toward ±∞: per reach k the
    window 1 ≤ |x| ≤ 10ᵏ on a log axis, and the points are the table's own rows: x = ±10ᵏ as
    floats, f(x) as the table's ``mpf`` values (e^1000 ≈ 1.97 × 10⁴³⁴ is no float; the chart
    marks it on its edge and its hover says the table's value)."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    result = run(mc.limit_at, expr, X, point)
    if point.is_infinite:
        sign = 1 if point is sp.oo else -1
        windows = [sorted((sign * 1.0, sign * 10 ** (k + 0.3))) for k in REACHES]
        curves = run(sample_windows, expr, X, windows, 800, geometric=True)
        side = "left" if point is sp.oo else "right"
        table = result.table_left if side == "left" else result.table_right
        xs, ys = [float(x) for x, _ in table], [y for _, y in table]
        return (
            result,
            None,
            dict(zip(REACHES, curves, strict=True)),
            {(k, side): (xs, ys) for k in REACHES},
        )
    value = run(value_at, expr, X, point)
    centre = float(point)
    windows = [(centre - zoom, centre + zoom) for zoom in ZOOMS]
    curves = run(sample_windows, expr, X, windows, 800, focus=centre)
    steps = [0.7**k for k in range(1, 13)]
    sides = {}
    for zoom in ZOOMS:
        sides[(zoom, "left")] = [centre - zoom * t for t in steps]
        sides[(zoom, "right")] = [centre + zoom * t for t in steps]
    xs = [x for side in sides.values() for x in side]
    ys = iter(run(mc.numeric_values, expr, X, xs))
    march = {key: (side, [next(ys) for _ in side]) for key, side in sides.items()}
    return result, value, dict(zip(ZOOMS, curves, strict=True)), march


@st.cache_data(**CACHE)
def continuity_view(f: str, a: str):
    """The continuity verdict, the one-sided derivatives where f is continuous, and f sampled
    on a ± 3 (densely near a, with no line across a jump)."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), _finite_point(a)
    continuity = run(mc.classify_continuity, expr, X, point)
    smooth = run(mc.differentiability_at, expr, X, point) if continuity.continuous else None
    (samples,) = run(sample_windows, expr, X, [window(point, 3.0)], 1000, focus=float(point))
    return continuity, smooth, samples


@st.cache_data(**CACHE)
def extrema_view(f: str, interval: tuple[float, float] | None):
    """Critical points (a ``CriticalPointSearch``), f, f' and f'' (samples and formulas) over a
    window that shows them."""
    budget = mc.Deadline(ANALYSIS_SECONDS)
    run = budget.run
    expr = mc.parse_expression(f)
    # f′ once; then the critical points (often the longest call) in the second worker while f″
    # is found: max(∛x, cos x) took 0.5 s + 1.5 s + 0.9 s of CPU when each found f′ itself
    d1 = run(mc.derivative, expr, X)
    side = budget.branch()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        searching = pool.submit(side.run, mc.critical_point_search, expr, X, interval, d1=d1)
        d2 = run(mc.derivative, d1, X)
        search = searching.result()
    budget.join(side)
    found = search.points
    if interval:
        lo, hi = interval
    elif found:
        xs = [float(p.x) for p in found]
        middle, half = (min(xs) + max(xs)) / 2, max((max(xs) - min(xs)) / 2 + 2, 3)
        lo, hi = middle - half, middle + half
    else:
        lo, hi = -5.0, 5.0
    samples = [run(mc.sample_function, e, X, lo, hi, 600) for e in (expr, d1, d2)]
    steps_only = not found and run(piecewise_constant, expr, X, d1)
    if steps_only and d1 == 0:  # no jumps at all: a constant, not a step function
        steps_only = "constant"
    return search, d1, d2, samples, steps_only


H_VALUES = (1.0, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-4, 1e-6)


@st.cache_data(**CACHE)
def derivative_view(f: str, a: str):
    """Everything the derivatives page draws for f at a; secant slopes for every h of the slider."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), _finite_point(a)
    d1 = run(mc.derivative, expr, X)
    smooth = run(mc.differentiability_at, expr, X, point)
    try:
        tangent = run(mc.tangent_line, expr, X, point, differentiability=smooth)
    except mc.InputError:
        tangent = None  # not differentiable at a: the page says why, from the one-sided slopes
    smooth = smooth if tangent is None else None
    # f′(a) may exist while f′ has no limit at a (x² sin(1/x), f(0) = 0): f′ is not continuous
    slope_limit = run(mc.limit_at, d1, X, point) if tangent is not None else None
    try:
        steps = run(mc.derivative_steps, expr, X)
    except NotImplementedError:
        steps = None
    slopes = run(mc.difference_quotients, expr, X, point, (*H_VALUES, *(-h for h in H_VALUES)))
    lo, hi = window(point, 3.0)
    samples = [run(mc.sample_function, e, X, lo, hi, 600) for e in (expr, d1)]
    # f(a) exactly: a float π/2 would give tan x a value of 10¹⁶ where f has none
    value = run(mc.numeric_values, expr, X, [point])[0] if finite_at(expr, X, point) else np.nan
    return point, value, d1, tangent, steps, slopes, samples, slope_limit, smooth


W = sp.Symbol("w", real=True)


@st.cache_data(**CACHE)
def descent_steps():
    """dL/dw of L(w) = (wx − y)² with letters, rule by rule: 2x(wx − y) (the same for all x, y)."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    x, y = sp.symbols("x y", real=True)
    return run(mc.derivative_steps, (W * x - y) ** 2, W)


def descent_loss(x: float, y: float) -> sp.Expr:
    return (W * as_point(x) - as_point(y)) ** 2


@st.cache_data(**CACHE)
def descent_view(x: float, y: float, lr: float, w0: float, steps: int):
    """The descent from w0 on L(w) = (wx − y)² and L sampled around it. A quadratic in one
    variable from two numbers (no user text): NumPy work of a millisecond, run in-process so a
    slider move does not wait for a worker."""
    loss = descent_loss(x, y)
    trajectory = mc.gradient_descent(loss, [W], [w0], lr, steps)
    finite = trajectory.points[on_screen(trajectory.points, LINE_LIMIT), 0]
    minimum = y / x if x else 0.0
    lo = min([*finite, minimum]) - 1.0
    hi = max([*finite, minimum]) + 1.0
    curve = mc.sample_function(loss, W, lo, hi, 400)
    return trajectory, mc.descent_verdict(trajectory), curve


B = sp.Symbol("b", real=True)
Y = sp.Symbol("y", real=True)


@st.cache_data(**CACHE)
def surface_view(xs: str, ys: str):
    """L(w, b) = MSE of ŷ = w·x + b on the data; its partial derivatives with steps, and the
    largest Hessian eigenvalue λ_max (η < 2/λ_max for plain descent to converge)."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    loss = mc.mean_squared_error(mc.parse_numbers(xs), mc.parse_numbers(ys), W, B)
    partials = run(mc.partial_derivatives, loss, [W, B])
    steps = {v: run(mc.derivative_steps, loss, v) for v in (W, B)}
    hessian = sp.hessian(loss, [W, B])
    return loss, partials, steps, hessian, mc.curvature(loss, [W, B])


class LeastLoss(NamedTuple):
    """Where L(w, b) is least: the point (w, b) and L there; ``line`` is ``(c, m)`` when every x
    equals c, and then every point of the line c·w + b = m is least (``w, b``: the nearest to 0)."""

    w: float
    b: float
    loss: float
    line: tuple[float, float] | None


@st.cache_data(**CACHE)
def surface_descent(xs: str, ys: str, lr: float, momentum: float, steps: int, w0: float, b0: float):
    """The descent on L(w, b) from (w0, b0), the least loss (:class:`LeastLoss`), and L on a grid
    that shows the path and the minimum (contour 40 × 40, surface 30 × 30 points)."""
    loss = surface_view(xs, ys)[0]
    path = mc.gradient_descent(loss, [W, B], [w0, b0], lr, steps, momentum)
    shown = path.points[on_screen(path.points)]
    f = _loss_numpy(xs, ys)
    w, b = _least_squares(xs, ys)
    best = LeastLoss(w, b, float(f(w, b)), least_loss_line(xs, ys))
    lo = np.minimum(shown.min(axis=0), [w, b]) - 1.5
    hi = np.maximum(shown.max(axis=0), [w, b]) + 1.5
    grids = []
    for n in (40, 30):
        gw, gb = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
        grids.append((gw, gb, f(*np.meshgrid(gw, gb))))
    return path, mc.descent_verdict(path), best, grids


@functools.lru_cache(maxsize=64)
def _loss_numpy(xs: str, ys: str):
    """L(w, b) as a NumPy function, compiled once per data set (a slider move reuses it)."""
    return sp.lambdify([W, B], surface_view(xs, ys)[0], modules="numpy")


@functools.lru_cache(maxsize=64)
def least_loss_line(xs: str, ys: str) -> tuple[float, float] | None:
    """``(c, m)`` when every x equals c: then L depends on c·w + b only and its least value is
    on the whole line c·w + b = m (m the mean of y), not at one point; else ``None``."""
    x = [float(v) for v in mc.parse_numbers(xs)]
    y = [float(v) for v in mc.parse_numbers(ys)]
    return (x[0], sum(y) / len(y)) if len(set(x)) == 1 else None


@functools.lru_cache(maxsize=64)
def _least_squares(xs: str, ys: str) -> tuple[float, float]:
    """The (w, b) of least loss (the smallest such when the x are all equal), once per data set."""
    x = np.array([float(v) for v in mc.parse_numbers(xs)])
    y = np.array([float(v) for v in mc.parse_numbers(ys)])
    (w, b), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    return float(w), float(b)


SIGMOID = 1 / (1 + sp.exp(-(W * X + B)))
NEURON_LOSS = (SIGMOID - Y) ** 2  # one neuron ŷ = σ(w·x + b), squared error against y
NEURON_NAMES = {W * X: "u", W * X + B: "z", SIGMOID: r"\hat{y}", SIGMOID - Y: "e", NEURON_LOSS: "L"}
FINITE_H = 1e-6


@st.cache_data(**CACHE)
def neuron_derivatives() -> dict:
    """∂L/∂w and ∂L/∂b of the neuron's loss by ``mathcore.derivative``: once, symbolically."""
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.partial_derivatives, NEURON_LOSS, [W, B])


@st.cache_data(**CACHE)
def neuron_view(x: float, y: float, w: float, b: float):
    """The neuron's graph after forward and backward passes, and ∂L/∂w three ways: the graph's
    product of local derivatives, the symbolic derivative at these values, and a forward
    difference quotient with h = 10⁻⁶."""
    values = {X: x, Y: y, W: w, B: b}
    graph = build_graph(NEURON_LOSS, values, NEURON_NAMES)
    symbolic = neuron_derivatives()[W]
    at_point = float(symbolic.subs(values))
    along_w = NEURON_LOSS.subs({X: x, Y: y, B: b})
    finite = mc.difference_quotient(along_w, W, as_point(float(w)), FINITE_H)
    return graph, symbolic, at_point, finite
