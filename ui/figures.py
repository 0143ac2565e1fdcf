"""Plotly figure builders shared by the pages: one palette, lean traces, projector styling.

Colours are Okabe–Ito (colour-blind safe) and mean the same on every page: left approach blue,
right approach vermillion, f black, tangents green, secants purple, f' orange.

Traces and layouts are plain dicts and each figure is constructed once: Plotly's incremental
``update_*`` calls validate on every call and cost 10–30 ms a figure, which a slider pays.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import sympy as sp

COLORS = {
    "f": "#000000",
    "left": "#0072B2",
    "right": "#D55E00",
    "tangent": "#009E73",
    "secant": "#CC79A7",
    "derivative": "#E69F00",
    "accent": "#56B4E9",
    "neutral": "#999999",
}
DRAWN_LIMIT = 1e3  # iterates of a diverging descent beyond this are left out of plots and ranges


def on_screen(points: np.ndarray) -> np.ndarray:
    """Which descent iterates (rows of ``Trajectory.points``) are small enough to draw."""
    return np.all(np.abs(points) < DRAWN_LIMIT, axis=1)


KIND_COLORS = {"local_min": "#0072B2", "local_max": "#D55E00", "neither": "#999999"}
_AXIS = {"zeroline": True, "zerolinecolor": "#bbbbbb"}


def figure(
    traces: list[dict],
    x_title: str,
    y_title: str,
    present: bool,
    height: int = 420,
    layout: dict | None = None,
    frames: list[dict] | None = None,
) -> go.Figure:
    """One figure: axis titles, compact margins; larger type and thicker lines when projecting.

    A frame keeps only its traces' coordinates: Plotly merges them into the traces the frame
    names, which keep their style; validating the styles of every frame again cost a slider
    move ~40 ms on the gradient-descent page (31 frames).
    """
    scale = 1.6 if present else 1.0
    for trace in traces:
        _scale(trace, scale)
    frames = [
        {**frame, "data": [{"type": t["type"], "x": t["x"], "y": t["y"]} for t in frame["data"]]}
        for frame in frames or ()
    ]
    base = {
        "height": int(height * (1.25 if present else 1.0)),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "font": {"size": 13 * scale},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "hovermode": "closest",
        "xaxis": {**_AXIS, "title": {"text": x_title}},
        "yaxis": {**_AXIS, "title": {"text": y_title}},
    }
    for key, value in (layout or {}).items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    return go.Figure(data=traces, layout=base, frames=frames)


def _scale(trace: dict, scale: float) -> None:
    """Thicker lines and larger markers (a number or one size per point) for projector mode."""
    for part, key in (("line", "width"), ("marker", "size")):
        value = trace.get(part, {}).get(key)
        if value is not None:
            trace[part] = {**trace[part], key: np.multiply(value, scale)}


def curve(
    x, y, name: str, color: str = COLORS["f"], width: float = 2.5, dash: str | None = None
) -> dict:
    """A line trace; NaN values leave gaps (no line across poles and jumps)."""
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "lines",
        "name": name,
        "connectgaps": False,
        "line": {"color": color, "width": width, "dash": dash},
    }


def points(x, y, name: str, color: str, open_marker: bool = False, size: float = 11) -> dict:
    """Markers: filled, or open circles for holes and excluded endpoints."""
    marker = {
        "color": "white" if open_marker else color,
        "size": size,
        "line": {"color": color, "width": 2.5},
        "symbol": "circle",
    }
    return {
        "type": "scatter",
        "x": list(x),
        "y": list(y),
        "mode": "markers",
        "name": name,
        "marker": marker,
    }


def vertical_line(x: float, color: str = COLORS["neutral"]) -> dict:
    """A dashed vertical line across the plot (an asymptote, or x = a)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "dash": "dash", "width": 1.5},
    }


def play_buttons(frame_ms: int, y: float) -> dict:
    """▶ / ❚❚ that play a figure's frames in the browser, with no server round trip."""
    play = {"frame": {"duration": frame_ms}, "fromcurrent": True}
    return {
        "type": "buttons",
        "x": 0,
        "y": y,
        "xanchor": "left",
        "buttons": [
            {"label": "▶", "method": "animate", "args": [None, play]},
            {"label": "❚❚", "method": "animate", "args": [[None], {"mode": "immediate"}]},
        ],
    }


def y_range(*arrays: np.ndarray, extra: list[float] = ()) -> list[float]:
    """A y-range that shows the curve's shape: robust percentiles, so a pole does not flatten it."""
    values = np.concatenate([a[np.isfinite(a)] for a in arrays] + [np.array(extra, dtype=float)])
    if not len(values):
        return [-1.0, 1.0]
    low, high = np.percentile(values, [3, 97])
    if len(extra):
        low, high = min(low, *extra), max(high, *extra)
    pad = max(high - low, 1e-6) * 0.15
    return [float(low - pad), float(high + pad)]


def limit_figure(
    result, samples, march, labels: dict[str, str], zoom: float, present: bool
) -> go.Figure:
    """f near a; the approach from the left and from the right as points in two colours marching
    toward a (``march[(zoom, side)]``: xs, ys), the one-sided limits as open circles at x = a,
    dashed line at x = a."""
    a = result.point
    traces = [curve(samples.x, samples.y, labels["f"])]
    for side in ("left", "right"):
        if (zoom, side) in march:
            xs, ys = march[(zoom, side)]
            sizes = np.linspace(7, 12, len(xs))  # growing as they close in on a
            traces.append(
                {
                    **points(xs, ys, labels[side], COLORS[side]),
                    "marker": {"color": COLORS[side], "size": sizes},
                }
            )
    shapes = []
    if a.is_finite:
        shapes.append(vertical_line(float(a)))
        for side, value in (("left", result.left), ("right", result.right)):
            if value is not None and value.is_finite:
                traces.append(
                    points(
                        [float(a)],
                        [float(value)],
                        labels[f"{side}_limit"],
                        COLORS[side],
                        open_marker=True,
                        size=14,
                    )
                )
        lo, hi = float(a) - zoom, float(a) + zoom
    else:
        lo, hi = (0.0, zoom * 15) if a is sp.oo else (-zoom * 15, 0.0)
    inside = (samples.x >= lo) & (samples.x <= hi)
    limits = [float(v) for v in (result.left, result.right) if v is not None and v.is_finite]
    layout = {
        "xaxis": {"range": [lo, hi]},
        "yaxis": {"range": y_range(samples.y[inside], extra=limits)},
        "shapes": shapes,
    }
    return figure(traces, "x", "f(x)", present, layout=layout)


def continuity_figure(
    continuity, smooth, samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f near a with the break drawn by kind: hole (open circle), jump (filled and open ends),
    infinite (dashed asymptote), and at a kink the two one-sided tangent half-lines."""
    a = float(continuity.point)
    traces = [curve(samples.x, samples.y, labels["f"])]
    shapes = [vertical_line(a)] if continuity.kind == "infinite" else []
    extra = []
    for side, value in (("left", continuity.left), ("right", continuity.right)):
        if continuity.kind in ("removable", "jump") and value is not None and value.is_finite:
            traces.append(
                points(
                    [a],
                    [float(value)],
                    labels[f"{side}_limit"],
                    COLORS[side],
                    open_marker=True,
                    size=15,
                )
            )
            extra.append(float(value))
    if continuity.value is not None:
        traces.append(points([a], [float(continuity.value)], labels["value"], COLORS["f"]))
        extra.append(float(continuity.value))
    if smooth is not None:
        traces.extend(_tangents(a, float(continuity.value), smooth, labels))
    layout = {
        "xaxis": {"range": [float(samples.x[0]), float(samples.x[-1])]},
        "yaxis": {"range": y_range(samples.y, extra=extra)},
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


def extrema_figure(found, samples, labels: dict[str, str], present: bool) -> go.Figure:
    """f with its critical points (colour = kind) and concavity (solid up, dotted down); below,
    f' with its sign shaded."""
    f, d1, d2 = samples
    # f″ on f's own grid: each sample set gains points at its own breaks (a corner of f is a
    # break of f″), so the arrays can differ in length
    bending = d2.y if np.array_equal(d2.x, f.x) else np.interp(f.x, d2.x, d2.y)
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
    layout = {
        "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False, "title": {"text": ""}},
        "yaxis": {"domain": [0.41, 1.0], "range": y_range(f.y, extra=[float(p.y) for p in found])},
        "xaxis2": {**_AXIS, "anchor": "y2", "title": {"text": "x"}},
        "yaxis2": {
            **_AXIS,
            "domain": [0.0, 0.35],
            "range": y_range(d1.y, extra=[0.0]),
            "title": {"text": "f'(x)"},
        },
    }
    return figure(traces, "", "f(x)", present, height=560, layout=layout)


def secant_figure(
    point, value, slopes, tangent, f_samples, labels: dict[str, str], h: float, present: bool
) -> go.Figure:
    """f, the secant through (a, f(a)) and (a+h, f(a+h)), and the tangent; Play runs the secant
    through every h in the browser (Plotly frames, no server round trip)."""
    a = float(point)
    xs = np.array([a - 3.0, a + 3.0])

    def secant(step: float) -> list[dict]:
        slope = slopes[step]
        return [
            curve(xs, value + slope * (xs - a), labels["secant"], COLORS["secant"]),
            points(
                [a, a + step],
                [value, value + slope * step],
                labels["points"],
                COLORS["secant"],
                size=10,
            ),
        ]

    traces = [curve(f_samples.x, f_samples.y, labels["f"]), *secant(h)]
    if tangent is not None:
        traces.append(
            curve(
                xs,
                float(tangent.intercept) + float(tangent.slope) * xs,
                labels["tangent"],
                COLORS["tangent"],
                dash="dash",
            )
        )
    steps = [s for s in slopes if s > 0]
    frames = [{"data": secant(s), "traces": [1, 2], "name": f"{s:g}"} for s in steps]
    slider = {
        "x": 0.12,
        "y": -0.12,
        "len": 0.88,
        "currentvalue": {"prefix": "h = "},
        "active": steps.index(h),
        "steps": [
            {"label": f"{s:g}", "method": "animate", "args": [[f"{s:g}"], {"mode": "immediate"}]}
            for s in steps
        ],
    }
    layout = {
        "updatemenus": [play_buttons(600, y=-0.18)],
        "sliders": [slider],
        "xaxis": {"range": [a - 3.0, a + 3.0]},
        "yaxis": {"range": y_range(f_samples.y, extra=[value])},
    }
    return figure(traces, "x", "f(x)", present, height=470, layout=layout, frames=frames)


def function_and_derivative(
    f_samples, d_samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f and f' on the same axes."""
    traces = [
        curve(f_samples.x, f_samples.y, labels["f"]),
        curve(d_samples.x, d_samples.y, labels["derivative"], COLORS["derivative"]),
    ]
    return figure(
        traces,
        "x",
        "y",
        present,
        height=340,
        layout={"yaxis": {"range": y_range(f_samples.y, d_samples.y)}},
    )


def descent_figure(
    trajectory, curve_samples, labels: dict[str, str], log: bool, present: bool
) -> go.Figure:
    """Two panels in one figure (one chart to redraw per slider move): L(w) with every step as a
    point and a short tangent, and the loss against the iteration (optionally log scale). Play
    adds the steps one by one in the browser (Plotly frames)."""
    ws, losses = trajectory.points[:, 0], trajectory.losses
    shown = on_screen(trajectory.points)
    ws, losses, slopes = ws[shown], losses[shown], trajectory.gradients[shown, 0]
    gap = np.full_like(ws, np.nan)
    seg_x = np.column_stack([ws - 0.3, ws + 0.3, gap]).ravel()
    seg_y = np.column_stack([losses - 0.3 * slopes, losses + 0.3 * slopes, gap]).ravel()
    iterations = np.arange(len(trajectory.losses))

    def upto(k: int) -> list[dict]:
        return [
            curve(seg_x[: 3 * k], seg_y[: 3 * k], labels["tangent"], COLORS["tangent"], 1.5),
            {
                "type": "scatter",
                "x": ws[:k],
                "y": losses[:k],
                "mode": "lines+markers",
                "name": labels["steps"],
                "line": {"color": COLORS["right"], "width": 1, "dash": "dot"},
                "marker": {"color": COLORS["right"], "size": 9},
            },
            {
                "type": "scatter",
                "x": iterations[:k],
                "y": trajectory.losses[:k],
                "mode": "lines+markers",
                "name": labels["iteration_loss"],
                "xaxis": "x2",
                "yaxis": "y2",
                "line": {"color": COLORS["left"], "width": 2},
                "marker": {"size": 5},
            },
        ]

    steps = len(trajectory.losses)
    traces = [curve(curve_samples.x, curve_samples.y, labels["loss"]), *upto(steps)]
    frames = [{"data": upto(k), "traces": [1, 2, 3], "name": str(k)} for k in range(1, steps + 1)]
    layout = {
        "updatemenus": [play_buttons(250, y=-0.15)],
        "xaxis": {"domain": [0.0, 0.56]},
        "yaxis": {"range": y_range(curve_samples.y, extra=[0.0])},
        "xaxis2": {
            **_AXIS,
            "domain": [0.68, 1.0],
            "anchor": "y2",
            "title": {"text": labels["iteration"]},
        },
        "yaxis2": {
            **_AXIS,
            "anchor": "x2",
            "type": "log" if log else "linear",
            "title": {"text": "L"},
        },
    }
    return figure(traces, "w", "L(w)", present, layout=layout, frames=frames)
