"""The /continuity chart: f around a, its one-sided limits and value, tangents beside a kink."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import sympy as sp

from ui.charts.kit import (
    COLORS,
    band_traces,
    band_values,
    curve,
    evenly,
    figure,
    limit_markers,
    vertical_line,
    y_range,
)


def continuity_figure(analysis, labels: dict[str, str], present: bool) -> go.Figure:
    """f near a (a :class:`mathcore.ContinuityAnalysis`) with the break drawn by kind: an open
    circle for each one-sided limit f(a) does not equal (a hole; a jump's open end), f(a)
    filled, a dashed asymptote at an infinite break, and at a kink the two one-sided tangent
    half-lines."""
    continuity, smooth, samples = analysis.continuity, analysis.differentiability, analysis.curve
    a = float(analysis.point)
    traces = [{**curve(samples.x, samples.y, labels["f"]), "legendgroup": "f"}]
    traces += band_traces(samples)
    shapes = [vertical_line(a)] if continuity.kind == "infinite" else []
    markers, extra = limit_markers(
        a, continuity.value, continuity.left, continuity.right, labels, 15
    )
    traces.extend(markers)
    if smooth is not None:
        traces.extend(_tangents(a, float(continuity.value), smooth, labels))
    ends = (samples.x[0], samples.x[-1])
    even = np.linspace(*ends, 400)
    layout = {
        "xaxis": {"range": [float(samples.x[0]), float(samples.x[-1])]},
        "yaxis": {
            "range": y_range(evenly(samples, *ends), band_values(samples, even), extra=extra)
        },
        "shapes": shapes,
    }
    return figure(traces, "x", "f(x)", present, layout=layout)


def _tangents(a: float, fa: float, smooth, labels: dict[str, str]) -> list[dict]:
    if smooth.differentiable:
        xs = np.array([a - 1.5, a + 1.5])
        return [
            curve(
                xs,
                fa + float(smooth.derivative) * (xs - a),
                labels["tangent"],
                COLORS["tangent"],
                dash="dash",
            )
        ]
    halves = []
    for side, slope, xs in (
        ("left", smooth.left_derivative, np.array([a - 1.5, a])),
        ("right", smooth.right_derivative, np.array([a, a + 1.5])),
    ):
        if slope is None:
            continue
        if slope.is_infinite:  # a vertical half-tangent: up or down from (a, f(a))
            outward = -1 if side == "left" else 1  # the direction x moves away from a
            up = 1 if (slope is sp.oo) == (outward > 0) else -1
            xs, ys = np.array([a, a]), np.array([fa, fa + 1.5 * up])
        else:
            ys = fa + float(slope) * (xs - a)
        halves.append(curve(xs, ys, labels[f"{side}_tangent"], COLORS[side], width=3, dash="dash"))
    return halves
