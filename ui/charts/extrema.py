"""The /extrema chart: f, f′ and f″ with the critical points marked by kind."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ui.charts.kit import (
    AXIS,
    COLORS,
    band_traces,
    band_values,
    curve,
    figure,
    points,
    sample_grid,
    y_range,
)

KIND_COLORS = {"local_min": "#0072B2", "local_max": "#D55E00", "neither": "#999999"}
LABELS = (  # the names :func:`extrema_figure` needs (keys of ``fig.*`` in the catalogs)
    "abs_max",
    "abs_min",
    "approached",
    "concave_up",
    "concave_down",
    *KIND_COLORS,
    "rising",
    "falling",
    "derivative",
)


def extrema_figure(analysis, labels: dict[str, str], present: bool) -> go.Figure:
    """f (a :class:`mathcore.ExtremaAnalysis`) with its critical points (colour = kind) and
    concavity (solid up, dotted down); below, f' with its sign shaded."""
    found = analysis.search.points
    f, d1 = analysis.curve, analysis.derivative_curve
    bending = analysis.second_derivative_curve.y  # f″ at f's own samples
    traces = [
        curve(f.x, np.where(bending >= 0, f.y, np.nan), labels["concave_up"]),
        curve(f.x, np.where(bending < 0, f.y, np.nan), labels["concave_down"], dash="dot"),
    ]
    for kind, color in KIND_COLORS.items():
        chosen = [p for p in found if p.kind == kind]
        if chosen:
            traces.append(
                points(
                    [float(p.x) for p in chosen],
                    [float(p.y) for p in chosen],
                    labels[kind],
                    color,
                    size=13,
                )
            )
    absolute = _absolute(analysis.absolute, labels)
    traces += absolute
    marked = [y for t in absolute for y in t["y"] if math.isfinite(y)]  # the axis shows them
    below = {"xaxis": "x2", "yaxis": "y2"}
    for sign, key, color in ((1, "rising", COLORS["left"]), (-1, "falling", COLORS["right"])):
        shaded = np.where(np.isnan(d1.y), np.nan, np.where(sign * d1.y > 0, d1.y, 0.0))
        traces.append(
            {
                "type": "scatter",
                "x": d1.x,
                "y": shaded,
                "fill": "tozeroy",
                "mode": "none",
                "name": labels[key],
                "fillcolor": color,
                "opacity": 0.3,
                **below,
            }
        )
    traces.append({**curve(d1.x, d1.y, labels["derivative"], COLORS["derivative"]), **below})
    traces += band_traces(f, group="") + band_traces(d1, 1.0, COLORS["derivative"], "", **below)
    layout = {
        "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False, "title": {"text": ""}},
        "yaxis": {
            "domain": [0.41, 1.0],
            "range": y_range(
                f.y, band_values(f, sample_grid(f)), extra=[float(p.y) for p in found] + marked
            ),
        },
        "xaxis2": {**AXIS, "anchor": "y2", "title": {"text": "x"}},
        "yaxis2": {
            **AXIS,
            "domain": [0.0, 0.35],
            "range": y_range(d1.y, band_values(d1, sample_grid(d1)), extra=[0.0]),
            "title": {"text": "f'(x)"},
        },
    }
    return figure(traces, "", "f(x)", present, height=560, layout=layout)


def _absolute(absolute, labels: dict[str, str]) -> list[dict]:
    """On an interval: the absolute maximum and minimum as large diamonds, and a value f only
    comes close to (at an open end, a hole, a jump) as an open circle; none for the whole line."""
    if absolute is None:
        return []
    traces = []
    for key, value, at in (
        ("abs_max", absolute.maximum, absolute.max_at),
        ("abs_min", absolute.minimum, absolute.min_at),
    ):
        if value is not None:
            marks = points([float(x) for x in at], [float(value)] * len(at), labels[key], "#000")
            marks["marker"].update(symbol="diamond-open", size=20, line={"width": 3})
            traces.append(marks)
    near = [a for a in (*absolute.sup, *absolute.inf) if a.value.is_finite]
    if near:
        xs, ys = [float(a.x) for a in near], [float(a.value) for a in near]
        traces.append(points(xs, ys, labels["approached"], "#000", open_marker=True, size=12))
    return traces
