"""Plotly figure builders shared by the pages: one palette, lean traces, projector styling.

Colours are Okabe–Ito (colour-blind safe) and mean the same on every page: left approach blue,
right approach vermillion, f black, tangents green, secants purple, f' orange.
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
KIND_COLORS = {"local_min": "#0072B2", "local_max": "#D55E00", "neither": "#999999"}


def style(
    fig: go.Figure, x_title: str, y_title: str, present: bool, height: int = 420
) -> go.Figure:
    """Axis titles, compact margins; larger type and thicker lines in projector mode."""
    scale = 1.6 if present else 1.0
    fig.update_layout(
        height=int(height * (1.25 if present else 1.0)),
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"size": 13 * scale},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode="closest",
    )
    fig.update_xaxes(title_text=x_title, zeroline=True, zerolinecolor="#bbbbbb")
    fig.update_yaxes(title_text=y_title, zeroline=True, zerolinecolor="#bbbbbb")
    for trace in fig.data:
        if getattr(trace, "line", None) is not None and trace.line.width:
            trace.line.width *= scale
        if getattr(trace, "marker", None) is not None and trace.marker.size:
            trace.marker.size *= scale
    return fig


def curve(
    x: np.ndarray,
    y: np.ndarray,
    name: str,
    color: str = COLORS["f"],
    width: float = 2.5,
    dash: str | None = None,
) -> go.Scatter:
    """A line trace; NaN values leave gaps (no line across poles and jumps)."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        name=name,
        connectgaps=False,
        line={"color": color, "width": width, "dash": dash},
    )


def points(
    x, y, name: str, color: str, open_marker: bool = False, size: float = 11, text=None
) -> go.Scatter:
    """Markers: filled, or open circles for holes and excluded endpoints."""
    marker = {
        "color": "white" if open_marker else color,
        "size": size,
        "line": {"color": color, "width": 2.5},
        "symbol": "circle",
    }
    return go.Scatter(
        x=list(x),
        y=list(y),
        mode="markers" + ("+text" if text else ""),
        name=name,
        marker=marker,
        text=text,
        textposition="top center",
    )


def vertical_line(fig: go.Figure, x: float, color: str, dash: str = "dash") -> None:
    fig.add_vline(x=x, line={"color": color, "dash": dash, "width": 1.5})


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
    low, high = min(low, *extra) if extra else low, max(high, *extra) if extra else high
    pad = max(high - low, 1e-6) * 0.15
    return [float(low - pad), float(high + pad)]


def limit_figure(result, samples, labels: dict[str, str], zoom: float, present: bool) -> go.Figure:
    """f near a; the approach from the left and from the right as points in two colours marching
    toward a, the one-sided limits as open circles at x = a, dashed line at x = a."""
    a = result.point
    fig = go.Figure([curve(samples.x, samples.y, labels["f"])])
    for side, table in (("left", result.table_left), ("right", result.table_right)):
        if table:
            xs, ys = zip(*table, strict=True)
            fig.add_trace(points(xs, ys, labels[side], COLORS[side], size=9))
    finite = a.is_finite
    if finite:
        vertical_line(fig, float(a), COLORS["neutral"])
        for side, value in (("left", result.left), ("right", result.right)):
            if value is not None and value.is_finite:
                fig.add_trace(
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
    fig.update_xaxes(range=[lo, hi])
    fig.update_yaxes(range=y_range(samples.y[inside], extra=limits))
    return style(fig, "x", "f(x)", present)


def continuity_figure(
    continuity, smooth, samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f near a with the break drawn by kind: hole (open circle), jump (filled and open ends),
    infinite (dashed asymptote), and at a kink the two one-sided tangent half-lines."""
    a = float(continuity.point)
    fig = go.Figure([curve(samples.x, samples.y, labels["f"])])
    extra = []
    if continuity.kind == "infinite":
        vertical_line(fig, a, COLORS["neutral"])
    for side, value in (("left", continuity.left), ("right", continuity.right)):
        if continuity.kind in ("removable", "jump") and value is not None and value.is_finite:
            fig.add_trace(
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
        fig.add_trace(points([a], [float(continuity.value)], labels["value"], COLORS["f"], size=11))
        extra.append(float(continuity.value))
    if smooth is not None:
        _tangents(fig, a, float(continuity.value), smooth, labels)
    fig.update_xaxes(range=[float(samples.x[0]), float(samples.x[-1])])
    fig.update_yaxes(range=y_range(samples.y, extra=extra))
    return style(fig, "x", "f(x)", present)


def _tangents(fig: go.Figure, a: float, fa: float, smooth, labels: dict[str, str]) -> None:
    if smooth.differentiable:
        xs = np.array([a - 1.5, a + 1.5])
        fig.add_trace(
            curve(
                xs,
                fa + float(smooth.derivative) * (xs - a),
                labels["tangent"],
                COLORS["tangent"],
                dash="dash",
            )
        )
        return
    for side, slope, xs in (
        ("left", smooth.left_derivative, np.array([a - 1.5, a])),
        ("right", smooth.right_derivative, np.array([a, a + 1.5])),
    ):
        if slope is not None:
            fig.add_trace(
                curve(
                    xs,
                    fa + float(slope) * (xs - a),
                    labels[f"{side}_tangent"],
                    COLORS[side],
                    width=3,
                    dash="dash",
                )
            )


def extrema_figure(found, samples, labels: dict[str, str], present: bool) -> go.Figure:
    """f with its critical points (colour = kind) and concavity (solid up, dashed down); below,
    f' with its sign shaded."""
    from plotly.subplots import make_subplots

    f, d1, d2 = samples
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.06
    )
    up = np.where(d2.y >= 0, f.y, np.nan)
    down = np.where(d2.y < 0, f.y, np.nan)
    fig.add_trace(curve(f.x, up, labels["concave_up"]), row=1, col=1)
    fig.add_trace(curve(f.x, down, labels["concave_down"], dash="dot"), row=1, col=1)
    for kind, color in KIND_COLORS.items():
        chosen = [p for p in found if p.kind == kind]
        if chosen:
            fig.add_trace(
                points(
                    [float(p.x) for p in chosen],
                    [float(p.y) for p in chosen],
                    labels[kind],
                    color,
                    size=13,
                ),
                row=1,
                col=1,
            )
    positive = np.where(d1.y > 0, d1.y, 0.0)
    negative = np.where(d1.y < 0, d1.y, 0.0)
    for y, key, color in (
        (positive, "rising", COLORS["left"]),
        (negative, "falling", COLORS["right"]),
    ):
        fig.add_trace(
            go.Scatter(
                x=d1.x,
                y=np.where(np.isnan(d1.y), np.nan, y),
                fill="tozeroy",
                mode="none",
                name=labels[key],
                fillcolor=color,
                opacity=0.3,
            ),
            row=2,
            col=1,
        )
    fig.add_trace(curve(d1.x, d1.y, labels["derivative"], COLORS["derivative"]), row=2, col=1)
    fig.update_yaxes(range=y_range(f.y, extra=[float(p.y) for p in found]), row=1, col=1)
    fig.update_yaxes(range=y_range(d1.y, extra=[0.0]), row=2, col=1)
    fig = style(fig, "", "f(x)", present, height=560)
    fig.update_xaxes(title_text="x", row=2, col=1)
    fig.update_yaxes(title_text="f'(x)", row=2, col=1)
    return fig


def secant_figure(
    point, value, slopes, tangent, f_samples, labels: dict[str, str], h: float, present: bool
) -> go.Figure:
    """f, the secant through (a, f(a)) and (a+h, f(a+h)), and the tangent; Play runs the secant
    through every h in the browser (Plotly frames, no server round trip)."""
    a = float(point)
    xs = np.array([a - 3.0, a + 3.0])

    def secant(step: float) -> go.Scatter:
        slope = slopes[step]
        line = curve(xs, value + slope * (xs - a), labels["secant"], COLORS["secant"], 2.5)
        return line

    def ends(step: float) -> go.Scatter:
        return points(
            [a, a + step],
            [value, value + slopes[step] * step],
            labels["points"],
            COLORS["secant"],
            size=10,
        )

    base = [curve(f_samples.x, f_samples.y, labels["f"]), secant(h), ends(h)]
    if tangent is not None:
        base.append(
            curve(
                xs,
                float(tangent.intercept) + float(tangent.slope) * xs,
                labels["tangent"],
                COLORS["tangent"],
                dash="dash",
            )
        )
    fig = go.Figure(base)
    steps = [s for s in slopes if s > 0]
    fig.frames = [go.Frame(data=[secant(s), ends(s)], traces=[1, 2], name=f"{s:g}") for s in steps]
    fig.update_layout(
        updatemenus=[play_buttons(600, y=-0.18)],
        sliders=[
            {
                "x": 0.12,
                "y": -0.12,
                "len": 0.88,
                "currentvalue": {"prefix": "h = "},
                "active": steps.index(h),
                "steps": [
                    {
                        "label": f"{s:g}",
                        "method": "animate",
                        "args": [[f"{s:g}"], {"mode": "immediate"}],
                    }
                    for s in steps
                ],
            }
        ],
    )
    fig.update_xaxes(range=[a - 3.0, a + 3.0])
    fig.update_yaxes(range=y_range(f_samples.y, extra=[value]))
    return style(fig, "x", "f(x)", present, height=470)


def function_and_derivative(
    f_samples, d_samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f and f' on the same axes."""
    fig = go.Figure(
        [
            curve(f_samples.x, f_samples.y, labels["f"]),
            curve(d_samples.x, d_samples.y, labels["derivative"], COLORS["derivative"]),
        ]
    )
    fig.update_yaxes(range=y_range(f_samples.y, d_samples.y))
    return style(fig, "x", "y", present, height=340)


def descent_figure(
    trajectory, curve_samples, gradient, labels: dict[str, str], present: bool
) -> go.Figure:
    """L(w) with every step as a point and a short tangent; Play adds the steps one by one in
    the browser (Plotly frames)."""
    ws, losses = trajectory.points[:, 0], trajectory.losses
    shown = np.abs(ws) < 1e3
    ws, losses = ws[shown], losses[shown]
    slopes = gradient(ws)
    seg_x = np.column_stack([ws - 0.3, ws + 0.3, np.full_like(ws, np.nan)]).ravel()
    seg_y = np.column_stack(
        [losses - 0.3 * slopes, losses + 0.3 * slopes, np.full_like(ws, np.nan)]
    ).ravel()

    def upto(k: int) -> list[go.Scatter]:
        return [
            curve(seg_x[: 3 * k], seg_y[: 3 * k], labels["tangent"], COLORS["tangent"], 1.5),
            go.Scatter(
                x=ws[:k],
                y=losses[:k],
                mode="lines+markers",
                name=labels["steps"],
                line={"color": COLORS["right"], "width": 1, "dash": "dot"},
                marker={"color": COLORS["right"], "size": 9},
            ),
        ]

    fig = go.Figure([curve(curve_samples.x, curve_samples.y, labels["loss"]), *upto(len(ws))])
    fig.frames = [go.Frame(data=upto(k), traces=[1, 2], name=str(k)) for k in range(1, len(ws) + 1)]
    fig.update_layout(updatemenus=[play_buttons(250, y=-0.15)])
    fig.update_yaxes(range=y_range(curve_samples.y, extra=[0.0]))
    return style(fig, "w", "L(w)", present)


def loss_curve(losses: np.ndarray, labels: dict[str, str], log: bool, present: bool) -> go.Figure:
    """Loss against iteration, optionally on a log scale."""
    fig = go.Figure(
        [
            go.Scatter(
                x=np.arange(len(losses)),
                y=losses,
                mode="lines+markers",
                name=labels["loss"],
                line={"color": COLORS["left"], "width": 2},
                marker={"size": 5},
            )
        ]
    )
    fig.update_yaxes(type="log" if log else "linear")
    return style(fig, labels["iteration"], "L", present, height=300)
