"""Figures of the backpropagation lab: the loss surface of a line (contours with the descent path
and the step arrow, a 3-D surface) and one neuron's computation graph."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures import COLORS, figure, on_screen, play_buttons
from ui.tables import plain_number

CONTOUR_SCALE = [[0.0, "#f7fbff"], [0.5, "#9ecae1"], [1.0, "#2171b5"]]
CONTOUR_LINES = [[0.0, "#9ecae1"], [1.0, "#08306b"]]
FORWARD, KNOWN = "#cfe6f5", "#fbd9a6"  # node fill: value computed; gradient known too
MAX_FRAMES = 26  # Play shows every step up to 25 steps, evenly spaced steps beyond (lighter)


def contour_figure(path, grid, best, lr: float, labels: dict[str, str], present: bool):
    """Contours of L(w, b), the least-loss point, the descent path and, at the current point, the
    step −η∇L as an arrow. Play (or the step slider) walks the path in the browser, through at
    most ``MAX_FRAMES`` steps."""
    gw, gb, z = grid
    shown = on_screen(path.points)
    points, gradients = path.points[shown], path.gradients[shown]
    heads = points - lr * gradients

    def upto(k: int) -> list[dict]:
        return [
            {
                "type": "scatter",
                "x": points[: k + 1, 0],
                "y": points[: k + 1, 1],
                "mode": "lines+markers",
                "name": labels["path"],
                "line": {"color": COLORS["right"], "width": 2},
                "marker": {"color": COLORS["right"], "size": 7},
            },
            {
                "type": "scatter",
                "x": [points[k, 0], heads[k, 0]],
                "y": [points[k, 1], heads[k, 1]],
                "mode": "lines+markers",
                "name": labels["arrow"],
                "line": {"color": COLORS["tangent"], "width": 3},
                "marker": {
                    "color": COLORS["tangent"],
                    "size": [9, 16],
                    "symbol": ["circle", "arrow"],
                    "angleref": "previous",
                },
            },
        ]

    last = len(points) - 1
    shown_steps = sorted({int(k) for k in np.linspace(0, last, min(last + 1, MAX_FRAMES)).round()})
    traces = [
        {
            "type": "contour",
            "x": gw,
            "y": gb,
            "z": np.sqrt(z),  # the same level curves as L, spaced evenly out from the minimum
            "ncontours": 24,
            "colorscale": CONTOUR_LINES,
            "showscale": False,
            "contours": {"coloring": "lines"},  # a filled heatmap redraws ~3× slower
            "line": {"width": 1.2},
            "hoverinfo": "skip",
        },
        _least_loss(best, gw, labels),
        *upto(last),
    ]
    frames = [{"data": upto(k), "traces": [2, 3], "name": str(k)} for k in shown_steps]
    slider = {
        "x": 0.16,
        "y": -0.1,
        "len": 0.84,
        "currentvalue": {"prefix": f"{labels['step']} "},
        "active": len(shown_steps) - 1,
        "steps": [
            {"label": str(k), "method": "animate", "args": [[str(k)], {"mode": "immediate"}]}
            for k in shown_steps
        ],
    }
    layout = {
        "updatemenus": [play_buttons(300, y=-0.1)],
        "sliders": [slider],
        "xaxis": {"range": [gw[0], gw[-1]]},
        "yaxis": {"range": [gb[0], gb[-1]]},
    }
    return figure(traces, "w", "b", present, height=500, layout=layout, frames=frames)


def _least_loss(best, gw, labels: dict[str, str], solid: bool = False) -> dict:
    """The least loss: a star at (w, b) (a diamond at L's height on the surface), or the whole
    line c·w + b = m across the window when every x equals c (``best.line``)."""
    if best.line is None:
        w, b, symbol, size = [best.w], [best.b], "diamond" if solid else "star", 5 if solid else 16
        mode, name, line = "markers", labels["minimum"], {}
    else:
        (c, m), w = best.line, [gw[0], gw[-1]]
        b, symbol, size = [m - c * w[0], m - c * w[-1]], "circle", 1
        mode, name, line = "lines", labels["minimum_line"], {"color": COLORS["f"], "width": 4}
    trace = {
        "type": "scatter3d" if solid else "scatter",
        "x": w,
        "y": b,
        "mode": mode,
        "name": name,
        "marker": {"symbol": symbol, "size": size, "color": COLORS["f"]},
    }
    if line:
        trace["line"] = line | ({} if solid else {"dash": "dash"})
    if solid:
        trace["z"] = [best.loss] * len(w)
    return trace


def surface_figure(path, grid, best, labels: dict[str, str], present: bool) -> go.Figure:
    """L(w, b) as a 3-D surface with the descent path on it."""
    gw, gb, z = grid
    shown = on_screen(path.points)
    traces = [
        {
            "type": "surface",
            "x": gw,
            "y": gb,
            "z": z,
            "colorscale": CONTOUR_SCALE,
            "showscale": False,
            "opacity": 0.9,
            "hoverinfo": "skip",
        },
        {
            "type": "scatter3d",
            "x": path.points[shown, 0],
            "y": path.points[shown, 1],
            "z": path.losses[shown],
            "mode": "lines+markers",
            "name": labels["path"],
            "line": {"color": COLORS["right"], "width": 5},
            "marker": {"color": COLORS["right"], "size": 3},
        },
        _least_loss(best, gw, labels, solid=True),
    ]
    layout = {
        "scene": {  # 3-D axes do not inherit figure()'s: powers of ten, never SI letters
            "xaxis": {"title": {"text": "w"}, "exponentformat": "power"},
            "yaxis": {"title": {"text": "b"}, "exponentformat": "power"},
            "zaxis": {"title": {"text": "L"}, "exponentformat": "power"},
            "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}},
        },
        "showlegend": False,
    }
    return figure(traces, "", "", present, height=500, layout=layout)


def graph_figure(graph, labels: list[str], forward: bool, known: set[int], present: bool):
    """The computation graph left to right: each node with its operation, its value once the
    forward pass ran, and ∂L/∂(node) once the backward pass reached it (``known``); each edge
    carries its local derivative once the gradient has flowed along it."""
    xs, ys = _layout(graph)
    text_scale = 1.75 if present else 1.0  # 21 px in projector mode: ≥ 20 px from the back
    edge_x, edge_y, mid_x, mid_y, mid_text = [], [], [], [], []
    for i, node in enumerate(graph.nodes):
        for j, local in zip(node.inputs, node.local, strict=True):
            edge_x += [xs[j], xs[i], None]
            edge_y += [ys[j], ys[i], None]
            if j in known:
                mid_x.append((xs[i] + xs[j]) / 2)
                mid_y.append((ys[i] + ys[j]) / 2 + 0.12)
                mid_text.append(plain_number(local, 3))
    text, colors = [], []
    for i, node in enumerate(graph.nodes):
        lines = [f"<b>{labels[i]}</b>"]
        if forward:
            lines.append(f"= {plain_number(node.value)}")
        if i in known:
            short = labels[i].split(" = ")[0]
            lines.append(f"∂L/∂{short} = {plain_number(node.grad, 3)}")
        text.append("<br>".join(lines))
        colors.append(KNOWN if i in known else FORWARD if forward else "#eeeeee")
    traces = [
        {
            "type": "scatter",
            "x": edge_x,
            "y": edge_y,
            "mode": "lines",
            "line": {"color": COLORS["neutral"], "width": 2},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers+text",
            "text": text,
            "textposition": "middle center",
            "textfont": {"color": "#000000", "size": 12 * text_scale},
            "marker": {"size": 96, "color": colors, "line": {"color": "#333333", "width": 1.5}},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": mid_x,
            "y": mid_y,
            "mode": "text",
            "text": mid_text,
            "textfont": {"color": "#8a3a6b", "size": 14 * text_scale},
            "hoverinfo": "skip",
        },
    ]
    hidden = {"visible": False, "range": [min(xs) - 0.5, max(xs) + 0.5]}
    layout = {
        "showlegend": False,
        "xaxis": hidden,
        "yaxis": {"visible": False, "range": [min(ys) - 0.8, max(ys) + 0.8]},
    }
    return figure(traces, "", "", present, height=400, layout=layout)


def _layout(graph) -> tuple[list[float], list[float]]:
    """Columns by depth (an input sits just left of its first user); rows spread evenly."""
    depth = [0] * len(graph.nodes)
    for i, node in enumerate(graph.nodes):
        if node.inputs:
            depth[i] = 1 + max(depth[j] for j in node.inputs)
    for j, node in enumerate(graph.nodes):
        if not node.inputs:
            users = [i for i, n in enumerate(graph.nodes) if j in n.inputs]
            depth[j] = min(depth[i] for i in users) - 1 if users else 0
    rows: dict[int, list[int]] = {}
    for i, d in enumerate(depth):
        rows.setdefault(d, []).append(i)
    xs, ys = [0.0] * len(depth), [0.0] * len(depth)
    for d, members in rows.items():
        for k, i in enumerate(members):
            xs[i], ys[i] = float(d), (len(members) - 1) / 2 - k
    return xs, ys
