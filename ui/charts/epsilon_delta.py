"""The ε–δ chart of /limits: f near a, the band L ± ε, the window a ± δ, the points that leave
the band when no δ works, and δ against ε on log–log axes beside it; one frame per ε of a
``mathcore.EpsilonDelta``, explored with the chart's own slider in the browser."""

from __future__ import annotations

import math
from collections.abc import Callable
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go

from ui.charts.kit import (
    COLORS,
    MOVE,
    band_traces,
    band_values,
    curve,
    evenly,
    figure,
    frame_slider,
    points,
    vertical_line,
    y_range,
)
from ui.tables import plain_number

HEIGHT = 500
MAIN, SIDE = [0.0, 0.64], [0.76, 1.0]  # the two plots' shares of the width
BAND, STRIP = "rgba(0, 158, 115, 0.18)", "rgba(86, 180, 233, 0.28)"  # green ε, sky-blue δ
ESCAPE = "#D55E00"
REDRAW = {**MOVE, "frame": {"duration": 0, "redraw": True}}  # a frame moves the axes
_NONE = np.empty(0)


def epsilon_delta_figure(
    found, labels: dict[str, str], opening: float, present: bool, title: Callable[[int], str]
) -> go.Figure:
    """The ε–δ game of ``found`` (a ``mathcore.EpsilonDelta`` that is not "unavailable"), one
    frame per ε, opening on ``opening`` (one of ``found.epsilons``). Each frame zooms to its
    window (a ± 2δ; toward ±∞ from 0 to ±2N, x > N shaded) and to L ± 3ε (where no δ works,
    to what f does there), so the band and the window look alike while their sizes shrink by
    decades: the axes' numbers and the log–log
    plot beside it tell how much. ``labels``: "f", "band", "window", "escapes", "delta_plot",
    "current", "no_delta", "epsilon", "delta"; ``title(i)`` is frame i's sentence."""
    L, finite = found.limit, found.point.is_finite
    frames = [_frame(found, i, labels, title(i)) for i in range(len(found.epsilons))]
    start = found.epsilons.index(opening)
    known = [(e, d) for e, d in zip(found.epsilons, found.deltas, strict=True) if d is not None]
    line = {
        **curve(
            [e for e, _ in known], [d for _, d in known], labels["delta_plot"], COLORS["accent"]
        ),
        "mode": "lines+markers",
        "xaxis": "x2",
        "yaxis": "y2",
    }
    lowest = min([d for _, d in known] + [found.reach]) / 10
    tops = [math.log10(lowest) - 0.3, math.log10(max([d for _, d in known] + [lowest])) + 0.3]
    failed = [e for e, d in zip(found.epsilons, found.deltas, strict=True) if d is None]
    # "no δ" sits on the ε axis itself, not at a height a student would read as a δ (0.1:
    # a fresh pair of eyes read it so)
    none = points(failed, [10 ** tops[0]] * len(failed), labels["no_delta"], ESCAPE)
    none["marker"] |= {"symbol": "x", "size": 9}
    hover = f"ε = %{{x}}: {labels['no_delta']}<extra></extra>"
    none |= {"xaxis": "x2", "yaxis": "y2", "cliponaxis": False, "hovertemplate": hover}
    ends = [math.log10(min(found.epsilons)) - 0.2, math.log10(max(found.epsilons)) + 0.2]
    names = [_name(e) for e in found.epsilons]
    slider = frame_slider(
        names, [plain_number(e, 6) for e in found.epsilons], start, "ε = ", "eps", names
    )
    for step in slider["steps"]:
        step["args"] = [step["args"][0], REDRAW]
    layout = frames[start]["layout"] | {
        "xaxis": {**frames[start]["layout"]["xaxis"], "domain": MAIN},
        "xaxis2": {
            "domain": SIDE,
            "type": "log",
            "anchor": "y2",
            "title": {"text": labels["epsilon"]},
            "exponentformat": "power",
            "range": ends,
        },
        "yaxis2": {
            "type": "log",
            "anchor": "x2",
            "title": {"text": labels["delta"]},
            "exponentformat": "power",
            "range": tops,
        },
        "shapes": [
            *([{**vertical_line(float(found.point)), "yref": "y domain"}] if finite else []),
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "y0": L,
                "y1": L,
                "line": {"color": COLORS["tangent"], "dash": "dot", "width": 1.5},
            },
        ],
        "sliders": [slider],
    }
    traces = [*_styled(frames[start]["data"], labels), line] + ([none] if failed else [])
    return figure(traces, "x", "f(x)", present, HEIGHT, layout=layout, frames=frames)


def _name(eps: float) -> str:
    """A frame's name and the slider's value in the address: the float's exact repr, so that
    ``?eps=`` reads back as the same ε."""
    return repr(float(eps))


def _frame(found, i: int, labels: dict[str, str], title: str) -> dict:
    """Frame i: its traces' coordinates and its axes' ranges, with its title."""
    L, eps, delta = found.limit, found.epsilons[i], found.deltas[i]
    lo, hi = found.windows[i]
    samples = found.curves[i]
    escapes = [(x, y) for x, y in found.escapes[i] if lo <= x <= hi and math.isfinite(y)]
    if delta is not None and not found.capped[i]:
        bottom, top = L - 3 * eps, L + 3 * eps
    else:
        even = np.linspace(lo, hi, 400)
        shown = [L - eps, L + eps] + [y for _, y in escapes]
        bottom, top = y_range(evenly(samples, lo, hi), band_values(samples, even), extra=shown)
    band = {"x": [lo, hi, hi, lo, lo], "y": [L - eps, L - eps, L + eps, L + eps, L - eps]}
    if delta is None:
        strip = {"x": [], "y": []}
    else:
        left, right = found.strips[i]  # a ± δ; toward ±∞ x > N (x < −N) in the window
        strip = {"x": [left, right, right, left, left]}
        strip["y"] = [bottom, bottom, top, top, bottom]
    swept = band_traces(samples) or band_traces(_NO_BANDS)
    current = {"x": [eps] if delta is not None else [], "y": [delta] if delta is not None else []}
    data = [
        {"type": "scatter", **band},
        {"type": "scatter", **strip},
        {"type": "scatter", "x": samples.x, "y": samples.y},
        {"type": "scatter", "x": swept[0]["x"], "y": swept[0]["y"]},
        {"type": "scatter", "x": [x for x, _ in escapes], "y": [y for _, y in escapes]},
        {"type": "scatter", "x": [x for x, _ in samples.holes], "y": [y for _, y in samples.holes]},
        {"type": "scatter", **current},
    ]
    layout = {
        "xaxis": {"range": [lo, hi]},
        "yaxis": {"range": [bottom, top]},
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
    }
    return {"name": _name(eps), "data": data, "traces": list(range(len(data))), "layout": layout}


_NO_BANDS = SimpleNamespace(bands=(SimpleNamespace(x=_NONE, low=_NONE, high=_NONE),))  # none


def _styled(data: list[dict], labels: dict[str, str]) -> list[dict]:
    """The opening frame's coordinates with each trace's style and name (frames carry only
    coordinates; Plotly keeps the style of the trace a frame updates)."""
    band, strip, f, swept, escapes, holes, current = data
    filled = {"mode": "lines", "fill": "toself", "hoverinfo": "skip", "line": {"width": 0}}
    marks = points(escapes["x"], escapes["y"], labels["escapes"], ESCAPE)
    marks["marker"] |= {"symbol": "x", "size": 11}
    dot = points(current["x"], current["y"], labels["current"], COLORS["right"])
    return [
        {**band, **filled, "fillcolor": BAND, "name": labels["band"]},
        {**strip, **filled, "fillcolor": STRIP, "name": labels["window"]},
        {**curve(f["x"], f["y"], labels["f"]), "legendgroup": "f"},
        {
            **swept,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": COLORS["f"],
            "opacity": 0.45,
            "line": {"width": 1, "color": COLORS["f"]},
            "hoverinfo": "skip",
            "showlegend": False,
            "legendgroup": "f",
        },
        marks,
        {**points(holes["x"], holes["y"], labels["f"], COLORS["f"], True), "showlegend": False},
        {**dot, "xaxis": "x2", "yaxis": "y2", "showlegend": False},
    ]
