"""The /limits chart: f near a (or toward ±∞) and the points marching toward a, one frame per
zoom (per reach toward ±∞), explored with the chart's own slider in the browser."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import sympy as sp

from ui.charts.kit import (
    COLORS,
    MOVE,
    band_traces,
    band_values,
    curve,
    evenly,
    figure,
    frame_slider,
    limit_markers,
    points,
    vertical_line,
    y_range,
)
from ui.tables import plain_number

SIDES = ("left", "right")
HEIGHT = 480  # the frame slider under the plot takes ~60 px
_NONE = np.empty(0)
_NO_BANDS = SimpleNamespace(bands=(SimpleNamespace(x=_NONE, low=_NONE, high=_NONE),))


def limit_figure(
    analysis,
    labels: dict[str, str],
    opening: float,
    present: bool,
    beyond: Callable[[dict], list[str]] | None = None,
) -> go.Figure:
    """f near a from a ``mathcore.LimitsAnalysis``: the approach from each side as points in
    two colours marching toward a, dashed x = a, f(a) as a filled dot and each one-sided limit
    that f(a) does not equal as an open circle.

    The chart's own slider is the page's one zoom control, run in the browser (Plotly frames,
    no server round trip): one frame per zoom z of ``analysis.zooms``, each with f sampled for
    the window a ± z, the points a ∓ z·0.7ᵏ and the axis ranges of that window. It opens on
    ``opening`` (a zoom; toward ±∞ a reach, see :func:`_limit_at_infinity`, which ``beyond``
    serves). ``labels["slider"]`` is the slider's name, shown before its value.
    """
    if analysis.point.is_infinite:
        return _limit_at_infinity(analysis, labels, opening, present, beyond)
    centre, limit = float(analysis.point), analysis.limit
    markers, extra = limit_markers(centre, analysis.value, limit.left, limit.right, labels, 14)
    # no dots where f is undefined (√x left of 0) at any zoom: no trace, no legend entry
    sides = [
        s for s in SIDES if any(_any_finite(analysis.march[(z, s)][1]) for z in analysis.zooms)
    ]

    def data(zoom: float) -> list[dict]:
        samples = analysis.curves[zoom]
        traces = [{**curve(samples.x, samples.y, labels["f"]), "legendgroup": "f"}, _band(samples)]
        for side in sides:
            xs, ys = analysis.march[(zoom, side)]
            sizes = np.linspace(7, 12, len(xs))  # growing as they close in on a
            marks = points(xs, ys, labels[side], COLORS[side])
            traces.append({**marks, "marker": {"color": COLORS[side], "size": sizes}})
        return traces

    def window(zoom: float) -> dict:
        lo, hi = analysis.windows[zoom]
        samples, even = analysis.curves[zoom], np.linspace(lo, hi, 400)
        bottom, top = y_range(evenly(samples, lo, hi), band_values(samples, even), extra=extra)
        return {"xaxis": {"range": [lo, hi]}, "yaxis": {"range": [bottom, top]}}

    frames = _frames(analysis.zooms, data, window)
    names = {z: plain_number(z, 6) for z in analysis.zooms}
    layout = window(opening) | {
        "shapes": [vertical_line(centre)],
        "sliders": [_slider(names, opening, labels["slider"], "zoom")],
    }
    return figure(
        data(opening) + markers, "x", "f(x)", present, HEIGHT, layout=layout, frames=frames
    )


def _frames(keys, data, window) -> list[dict]:
    """One frame per zoom (reach) ``k``, named ``f"{k:g}"``: its traces ``data(k)``, which
    restyle the chart's first ones (the curve, the band, the marks; the markers at a after them
    stay), and its axes ``window(k)``."""
    frames = []
    for k in keys:
        traces = data(k)
        shown = list(range(len(traces)))
        frames.append({"data": traces, "traces": shown, "name": f"{k:g}", "layout": window(k)})
    return frames


# A step redraws the chart: a frame moves the axes to its window (and toward ±∞ their ticks),
# not only the traces that kit.MOVE restyles in place.
REDRAW = {**MOVE, "frame": {"duration": 0, "redraw": True}}


def _slider(names: dict, opening, prefix: str, param: str) -> dict:
    """The slider under the chart (:func:`ui.charts.kit.frame_slider`): one step per frame
    (``names``: frame key → its label), the frame ``opening`` selected; as it moves, the address
    keeps ``?param=`` on the frame shown (the page opens a link on it)."""
    keys = list(names)
    frames = [f"{k:g}" for k in keys]
    labels = list(names.values())
    slider = frame_slider(frames, labels, keys.index(opening), f"{prefix} ", param)
    for step in slider["steps"]:
        step["args"] = [step["args"][0], REDRAW]
    return slider


def _band(samples, sign: float = 1.0) -> dict:
    """The band where f swings too fast to draw in this window; an empty one where there is
    none, so that every frame has the same traces (its style stays on the chart's trace)."""
    return (band_traces(samples, sign) or band_traces(_NO_BANDS, sign))[0]


def _any_finite(values) -> bool:
    """Is any of ``values`` (floats, ``None`` for none) a finite number?"""
    return bool(np.isfinite(np.asarray(values, dtype=float)).any())


GROUPS = ("toward", "above", "below")
_EDGE_SYMBOL = {"toward": "circle", "above": "triangle-up", "below": "triangle-down"}


def _limit_at_infinity(
    analysis, labels, opening: int, present: bool, beyond: Callable[[dict], list[str]] | None
) -> go.Figure:
    """Toward ±∞ on a log x axis (toward −∞ mirrored: |x| plotted, ticks labelled −10ᵏ), one
    frame per reach k: the window 1 ≤ |x| ≤ 10^(k + 0.3).

    Every table point in the window is on the chart: a dot where f(x) lies in that frame's
    y-range, else a ▲ (▼) on the top (bottom) edge, named ``labels["above"]``
    (``["below"]``): e^1000 ≈ 1.97 × 10⁴³⁴ is no float at all. The hover gives the table's own
    value. Each of the three traces holds every table row (``nan`` where the row is not in it
    in that frame), so the hover's values stay with their rows in every frame. Each frame's
    title is ``beyond(meta)``, words on the points shown only on an edge or not at all:
    ``meta`` has ``above``, ``below`` and ``outside`` (the table's x of those points) and
    ``top``, ``bottom`` (the frame's y-range)."""
    sign = 1 if analysis.point is sp.oo else -1
    side = "left" if sign > 0 else "right"
    limit = analysis.limit.left if sign > 0 else analysis.limit.right
    extra, shapes = [], []
    if limit is not None and limit.is_finite:
        extra.append(float(limit))
        shapes.append(_horizontal_line(float(limit), COLORS[side]))
    prefix = "" if sign > 0 else "−"
    hover = {"hovertemplate": f"x = {prefix}%{{x}}<br>f(x) = %{{y}}<extra></extra>"}
    xs, ys = analysis.march[(analysis.reaches[0], side)]  # the table's rows, at every reach
    sizes = [float(y) for y in ys]  # ±inf past a float's range, 0.0 below it
    frames = {k: _reach(analysis.curves[k], k, xs, sizes, extra) for k in analysis.reaches}
    # a trace for each kind of mark some frame has (√(−x) as x → ∞: none at all)
    groups = [g for g in GROUPS if any(np.isfinite(f[0][g][0]).any() for f in frames.values())]
    hover_value = f"x = {prefix}%{{x}}<br>f(x) = %{{customdata}}<extra></extra>"
    shown = [plain_number(y, 6) for y in ys]

    def data(k: int, styled: bool = False) -> list[dict]:
        samples, marks = analysis.curves[k], frames[k][0]
        traces = [
            {**curve(sign * samples.x, samples.y, labels["f"]), **hover, "legendgroup": "f"},
            _band(samples, sign),
        ]
        for group in groups:
            trace = points(*marks[group], labels[group], COLORS[side])  # at |x|, as the curve
            if styled:
                trace["marker"]["symbol"] = _EDGE_SYMBOL[group]
                trace |= {"cliponaxis": False, "hovertemplate": hover_value, "customdata": shown}
            traces.append(trace)
        return traces

    words = {k: _wrap(beyond(frames[k][2]) if beyond else []) for k in analysis.reaches}
    lines = max(text.count("<br>") + 1 if text else 0 for text in words.values())

    def layout(k: int) -> dict:
        ticks = [10**i for i in range(k + 1)]
        text = [
            prefix + (f"{t:g}" if i <= 3 else f"10{_SUPERSCRIPT[i]}") for i, t in enumerate(ticks)
        ]
        ends = [0.0, k + 0.3]
        return {
            "xaxis": {
                "type": "log",
                "range": ends if sign > 0 else ends[::-1],
                "tickvals": ticks,
                "ticktext": text,
            },
            "yaxis": {"range": frames[k][1]},
            "title": {"text": words[k], "x": 0.01, "xanchor": "left", "y": 0.98},
        }

    names = {k: f"10{_SUPERSCRIPT[k]}" for k in analysis.reaches}
    whole = layout(opening) | {
        "shapes": shapes,
        "sliders": [_slider(names, opening, labels["slider"], "reach")],
    }
    if lines:  # the words above the legend, apart
        whole["margin"] = {"t": 55 + lines * (30 if present else 18)}
    movie = _frames(analysis.reaches, data, layout)
    return figure(data(opening, styled=True), "x", "f(x)", present, HEIGHT, whole, movie)


def _reach(samples, reach: int, xs, sizes: list[float], extra: list[float]):
    """One reach's marks, y-range and meta: ``({group: (|x|, y)}, [bottom, top], meta)``, each
    group's arrays one entry per table row (``nan`` where the row is not in that group)."""
    even = np.geomspace(samples.x[0], samples.x[-1], 400)  # even on the log axis
    bottom, top = y_range(samples.y, band_values(samples, even), extra=extra)
    at = {g: np.full(len(xs), np.nan) for g in GROUPS}
    on = {g: np.full(len(xs), np.nan) for g in GROUPS}
    meta = {"above": [], "below": [], "outside": [], "top": top, "bottom": bottom}
    for i, (x, size) in enumerate(zip(xs, sizes, strict=True)):
        if np.isnan(size):  # f undefined there (√(−x) as x → ∞): no point
            continue
        where = "above" if size > top else "below" if size < bottom else "toward"
        if abs(x) > 10 ** (reach + 0.3):
            meta["outside"].append(x)
            continue
        if where != "toward":
            meta[where].append(x)
        at[where][i] = abs(x)
        on[where][i] = {"above": top, "below": bottom}.get(where, size)
    return {g: (at[g], on[g]) for g in GROUPS}, [bottom, top], meta


def _wrap(sentences: list[str]) -> str:
    """Sentences as a chart title: each on its own lines of at most ~64 characters (~34 in
    Korean, whose letters are twice as wide), joined by ``<br>``."""
    lines = []
    for sentence in sentences:
        width = 34 if re.search("[가-힣]", sentence) else 64
        lines += textwrap.wrap(sentence, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines)


_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _horizontal_line(y: float, color: str) -> dict:
    """A dashed horizontal line across the plot (the limit toward ±∞)."""
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": y,
        "y1": y,
        "line": {"color": color, "dash": "dash", "width": 1.5},
    }
