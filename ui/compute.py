"""Cached, bounded engine calls: symbolic work happens once per function text (and point), in a
worker process with time and memory caps; reruns from widgets reuse it."""

from __future__ import annotations

import streamlit as st
import sympy as sp

import mathcore as mc
from mathcore.points import as_point

X = sp.Symbol("x", real=True)
ZOOMS = (0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 4.0, 10.0)  # the limits page's zoom slider
CACHE = {"max_entries": 256, "show_spinner": False}
ANALYSIS_SECONDS = 2.5  # a whole analysis, so any input is answered within 3 s


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


@st.cache_data(**CACHE)
def limit_view(f: str, a: str):
    """The limit, samples of f, and for every zoom the points marching toward a from each side
    (x = a ∓ zoom·0.7ᵏ, k = 1..12; toward ±∞, x grows to 15·zoom), so the slider needs no math."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    result = run(mc.limit_at, expr, X, point)
    samples = run(mc.sample_function, expr, X, *window(point), 1000)
    steps = [0.7**k for k in range(1, 13)]
    sides = {}
    for zoom in ZOOMS:
        if point.is_infinite:  # x grows toward +∞ ("left" side) or falls toward −∞ ("right")
            sign, side = (1, "left") if point is sp.oo else (-1, "right")
            sides[(zoom, side)] = [sign * 15 * zoom * (1 - t) for t in steps]
        else:
            sides[(zoom, "left")] = [float(point) - zoom * t for t in steps]
            sides[(zoom, "right")] = [float(point) + zoom * t for t in steps]
    xs = [x for side in sides.values() for x in side]
    ys = iter(run(mc.numeric_values, expr, X, xs))
    march = {key: (side, [next(ys) for _ in side]) for key, side in sides.items()}
    return result, samples, march


@st.cache_data(**CACHE)
def continuity_view(f: str, a: str):
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), _finite_point(a)
    continuity = run(mc.classify_continuity, expr, X, point)
    smooth = run(mc.differentiability_at, expr, X, point) if continuity.continuous else None
    return (
        continuity,
        smooth,
        run(mc.sample_function, expr, X, *window(point, 3.0), 1000),
    )


@st.cache_data(**CACHE)
def extrema_view(f: str, interval: tuple[float, float] | None):
    """Critical points, f, f' and f'' (samples and formulas) over a window that shows them."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr = mc.parse_expression(f)
    found = run(mc.critical_points, expr, X, interval)
    d1 = run(mc.derivative, expr, X)
    d2 = run(mc.derivative, expr, X, 2)
    if interval:
        lo, hi = interval
    elif found:
        xs = [float(p.x) for p in found]
        middle, half = (min(xs) + max(xs)) / 2, max((max(xs) - min(xs)) / 2 + 2, 3)
        lo, hi = middle - half, middle + half
    else:
        lo, hi = -5.0, 5.0
    samples = [run(mc.sample_function, e, X, lo, hi, 600) for e in (expr, d1, d2)]
    return found, d1, d2, samples


H_VALUES = (1.0, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-4, 1e-6)


@st.cache_data(**CACHE)
def derivative_view(f: str, a: str):
    """Everything the derivatives page draws for f at a; secant slopes for every h of the slider."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    expr, point = mc.parse_expression(f), _finite_point(a)
    d1 = run(mc.derivative, expr, X)
    try:
        tangent = run(mc.tangent_line, expr, X, point)
    except mc.InputError:
        tangent = None  # not differentiable at a: the page says so
    try:
        steps = run(mc.derivative_steps, expr, X)
    except NotImplementedError:
        steps = None
    slopes = {
        h: run(mc.difference_quotient, expr, X, point, h)
        for h in (*H_VALUES, *(-h for h in H_VALUES))
    }
    lo, hi = window(point, 3.0)
    samples = [run(mc.sample_function, e, X, lo, hi, 600) for e in (expr, d1)]
    value = run(mc.numeric_values, expr, X, [point])[0]
    return point, value, d1, tangent, steps, slopes, samples


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
    ws = trajectory.points[:, 0]
    finite = ws[abs(ws) < 1e3]
    minimum = y / x if x else 0.0
    lo = min([*finite, minimum]) - 1.0
    hi = max([*finite, minimum]) + 1.0
    curve = mc.sample_function(loss, W, lo, hi, 400)
    return trajectory, mc.descent_verdict(trajectory), curve
