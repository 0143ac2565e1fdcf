"""Cached, bounded engine calls: symbolic work happens once per function text (and point), in a
worker process with time and memory caps; reruns from widgets reuse it."""

from __future__ import annotations

import streamlit as st
import sympy as sp

import mathcore as mc

X = sp.Symbol("x", real=True)
CACHE = {"max_entries": 256, "show_spinner": False}
# CPU seconds for a page's whole analysis — one bounded call (mathcore.Deadline), its time in
# the worker — so any input is answered within ~3 s on a quiet server. CPU time, not wall time: a
# busy server gives the same answer, only later (up to the wall-clock ceiling 3 × 3 + 1 s).
# Costliest known inputs (python -m bench.analysis_budget, 2026-12-01): /extrema max(∛x, cos x)
# 1.99 s, /derivatives {x ≠ 0: sin(1/x), 0} at 0 0.91 s, the rest below 0.4 s.
ANALYSIS_SECONDS = 3.0


def _finite_point(a: str) -> sp.Expr:
    point = mc.parse_point(a)
    if point.is_infinite:
        raise mc.InputError("not_finite", "the point must be finite here")
    return point


@st.cache_data(**CACHE)
def limits(f: str, a: str) -> mc.LimitsAnalysis:
    """The limits page's :class:`mathcore.LimitsAnalysis` of f at a, in one bounded call: the
    limit, f(a), and f sampled with the points marching toward a for every frame of the chart's
    slider (``mathcore.ZOOMS`` at a finite a, ``mathcore.REACHES`` toward ±∞)."""
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.limits_analysis, expr, X, point)


@st.cache_data(**CACHE)
def limit_steps(key: str, _expr: sp.Expr, _point: sp.Expr) -> mc.LimitSteps:
    """The limit of f (already parsed: a :class:`mathcore.LimitsAnalysis`'s) at a step by step
    (:func:`mathcore.limit_steps`), in one bounded call: only when a student opens "Step by
    step" (each step is checked in 120-digit arithmetic: 10–300 ms, which every newly typed
    function would otherwise wait for). Cached by ``key`` (:func:`steps_key`): Streamlit cannot
    hash SymPy objects, and skips the arguments whose names start with ``_``."""
    expr, point = _expr, _point
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.limit_steps, expr, X, point)


@st.cache_data(**CACHE)
def epsilon_delta(key: str, _expr: sp.Expr, _limit: mc.LimitResult) -> mc.EpsilonDelta:
    """The ε–δ game for f at a (:func:`mathcore.epsilon_delta`) with the limit the page already
    found, in one bounded call: only when a student opens "ε–δ" (0.1–0.5 s of mpmath, which
    every newly typed function would otherwise wait for). Cached by ``key``
    (:func:`steps_key`), as :func:`limit_steps` is."""
    expr, limit = _expr, _limit
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.epsilon_delta, expr, X, limit.point, limit)


def steps_key(expr: sp.Expr, point: sp.Expr) -> str:
    """:func:`limit_steps`'s cache key: the two expressions' exact forms."""
    return f"{sp.srepr(expr)} at {sp.srepr(point)}"


@st.cache_data(**CACHE)
def continuity(f: str, a: str) -> mc.ContinuityAnalysis:
    """The continuity page's :class:`mathcore.ContinuityAnalysis` of f at a, in one bounded
    call: the verdict, the one-sided derivatives where f is continuous, f sampled on a ± 3."""
    expr, point = mc.parse_expression(f), _finite_point(a)
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.continuity_analysis, expr, X, point)


@st.cache_data(**CACHE)
def extrema(
    f: str, interval: tuple[float, float] | None, closed: bool = True
) -> mc.ExtremaAnalysis:
    """The extrema page's :class:`mathcore.ExtremaAnalysis` of f in one bounded call: f′, f″,
    the critical points in ``interval`` (``None``: the whole line), f, f′ and f″ sampled over a
    window that shows them, and on an interval ([lo, hi] if ``closed``) the absolute extrema."""
    expr = mc.parse_expression(f)
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.extrema_analysis, expr, X, interval, closed=closed)


@st.cache_data(**CACHE)
def derivatives(f: str, a: str) -> mc.DerivativesAnalysis:
    """The derivatives page's :class:`mathcore.DerivativesAnalysis` of f at a, in one bounded
    call; the secant slopes for every h of the chart's slider (``mathcore.H_STEPS``)."""
    expr, point = mc.parse_expression(f), _finite_point(a)
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.derivatives_analysis, expr, X, point)


W = sp.Symbol("w", real=True)


@st.cache_data(**CACHE)
def descent_steps():
    """dL/dw of L(w) = (wx − y)² with letters, rule by rule: 2x(wx − y) (the same for all x, y)."""
    run = mc.Deadline(ANALYSIS_SECONDS).run
    x, y = sp.symbols("x y", real=True)
    return run(mc.derivative_steps, (W * x - y) ** 2, W)


@st.cache_data(**CACHE)
def descent(x: float, y: float, w0: float, steps: int, lr: float) -> mc.DescentAnalysis:
    """The /gradient-descent page's :class:`mathcore.DescentAnalysis`: a run from w0 for every η
    of ``mathcore.learning_rate_grid(x)`` and for ``lr`` (the η the chart opens on). A quadratic
    in one variable from numbers (no user text): NumPy work of milliseconds, run in-process."""
    return mc.descent_analysis(x, y, w0, steps, learning_rates=mc.learning_rate_grid(x, lr))


@st.cache_data(**CACHE)
def loss_descent(loss: str, w0: float, steps: int, lr: float | None) -> mc.LossDescentAnalysis:
    """/gradient-descent's own loss L(w), typed (``?loss=``): its
    :class:`mathcore.LossDescentAnalysis` from w0 for every η of its grid (and ``lr``, a link's
    η, when on the grid's span), in one bounded call: L′, its critical points, the runs."""
    expr = mc.parse_expression(loss, ("w",))
    extra = () if lr is None else (lr,)
    budget = mc.Deadline(ANALYSIS_SECONDS)
    return budget.run(mc.loss_descent_analysis, expr, W, w0, steps, None, extra)


@st.cache_data(**CACHE)
def surface(xs: str, ys: str) -> mc.SurfaceAnalysis:
    """/backprop's :class:`mathcore.SurfaceAnalysis` of the data columns (text), in one bounded
    call: L(w, b), its partials with steps, the Hessian, λ_max and the least loss."""
    data = mc.parse_numbers(xs), mc.parse_numbers(ys)
    return mc.Deadline(ANALYSIS_SECONDS).run(mc.surface_analysis, *data)


@st.cache_data(**CACHE)
def surface_descent(
    xs: str, ys: str, lr: float, momentum: float, steps: int, start: tuple[float, float], more: bool
) -> mc.SurfaceDescent:
    """The descent on the data's L(w, b) (:class:`mathcore.SurfaceDescent`): NumPy work of
    milliseconds, run in-process so a slider move does not wait for a worker."""
    return mc.surface_descent(surface(xs, ys), lr, momentum, steps, start, more)


@st.cache_data(**CACHE)
def surface_sweep(
    xs: str, ys: str, lr: float, momentum: float, steps: int, start: tuple[float, float], more: bool
) -> mc.backprop.SurfaceSweep:
    """The descent on the data's L(w, b) for every η of /backprop's chart slider
    (``mathcore.backprop.surface_rates``, with ``lr``, the η the chart opens on):
    :class:`mathcore.backprop.SurfaceSweep`. NumPy work of milliseconds, run in-process so a
    slider move does not wait for a worker."""
    found = surface(xs, ys)
    rates = mc.backprop.surface_rates(found, momentum, lr)
    return mc.backprop.surface_sweep(found, rates, momentum, steps, start, more)


@st.cache_data(**CACHE)
def neuron(x: float, y: float, w: float, b: float) -> mc.NeuronAnalysis:
    """/backprop's neuron (:class:`mathcore.NeuronAnalysis`): four bounded numbers into a fixed
    formula, run in-process (its symbolic ∂L/∂w is found once per process)."""
    return mc.neuron_analysis(x, y, w, b)
