"""The /extrema chart: f, f′ and f″ with the critical points marked by kind."""

from __future__ import annotations

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
                f.y, band_values(f, sample_grid(f)), extra=[float(p.y) for p in found]
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
