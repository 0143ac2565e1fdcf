"""Figures of the backpropagation lab: the loss surface of a line (contours with the descent path
and the step arrow for every η, η and the step chosen in the browser; a 3-D surface) and one
neuron's computation graph."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from mathcore.backprop import level_curves
from ui.charts.kit import COLORS, figure, frame_slider, step_play, sweep_frames
from ui.tables import plain_number

CONTOUR_SCALE = [[0.0, "#f7fbff"], [0.5, "#9ecae1"], [1.0, "#2171b5"]]
CONTOUR_LINE = "#6a9ec5"  # L's level curves
FORWARD, KNOWN = "#cfe6f5", "#fbd9a6"  # node fill: value computed; gradient known too
MAX_FRAMES = 26  # Play shows every step up to 25 steps, evenly spaced steps beyond


def contour_figure(
    surface, sweep, lr: float, labels: dict[str, str], captions: dict[float, str], present: bool
) -> go.Figure:
    """Contours of L(w, b), the least loss and the descent, from a ``mathcore.SurfaceAnalysis``
    and a ``mathcore.SurfaceSweep``.

    Two controls under the chart, both in the browser with no server round trip:

    * the η slider, one frame per η of ``sweep.learning_rates`` (named ``lr0``, ``lr1``, …): that
      η's path (the iterates, drawn up to the first beyond ±10³), the step −η∇L at each framed
      step, the axes that show the path and the least loss, and as the title ``captions[η]``
      (its verdict and where it ends), so the numbers shown and the path drawn cannot disagree;
    * the step slider and ▶, one frame per step k of at most ``MAX_FRAMES`` (``step0``, …): the
      iterates up to k shown and the step −η∇L at k, the rest hidden (their markers' opacity
      0) — the same for every η, so it keeps its place while η moves. The path's line stays
      whole (lighter: a line cannot be hidden piece by piece), so each η's route shows at once.

    L's level curves are spaced evenly in log(L − L_min) (``mathcore.SurfaceSweep.levels``), so
    a window 7 wide (a converging run) and one 2000 wide (a diverging run) show as many.
    The chart opens on ``lr`` (one of the sweep's η) with every step shown.
    """
    rates = sweep.learning_rates
    last = sweep.steps
    framed = sorted({int(k) for k in np.linspace(0, last, min(last + 1, MAX_FRAMES)).round()})
    start = sweep.index(lr)

    def run(i: int) -> list[dict]:
        path, k = sweep.paths[i], sweep.shown[i]
        points = path.points[:k]
        return [
            {"type": "scatter", "x": points[:, 0], "y": points[:, 1]},
            {"type": "scatter", **_arrows(path, k, framed)},
        ]

    def layout(i: int) -> dict:
        w_lo, w_hi, b_lo, b_hi = sweep.windows[i]
        return {
            "title": _title(captions[rates[i]]),
            "xaxis": {"range": [w_lo, w_hi]},
            "yaxis": {"range": [b_lo, b_hi]},
        }

    def shown(s: int) -> list[dict]:
        upto = [int(j <= framed[s]) for j in range(last + 1)]  # 0/1: shorter than floats
        arrow = [int(j // ARROW_POINTS == s) for j in range(len(framed) * ARROW_POINTS)]
        return [{"type": "scatter", "marker": {"opacity": o}} for o in (upto, arrow)]

    hover = f"{labels['step']} %{{customdata}}<br>w = %{{x}}<br>b = %{{y}}<extra></extra>"

    opening = run(start)
    traces = [
        _contours(surface, sweep),
        _least_loss(surface.least, _far(sweep)[:2], labels),
        {
            **opening[0],
            "mode": "lines+markers",
            "name": labels["path"],
            "line": {"color": PATH_LINE, "width": 2},  # the whole route, lighter
            "customdata": np.arange(last + 1),
            "hovertemplate": hover,
            "marker": {"color": COLORS["right"], "size": 7, "opacity": [1] * (last + 1)},
        },
        {
            **opening[1],
            "mode": "markers",
            "name": labels["arrow"],
            "hoverinfo": "skip",
            "marker": {
                "color": COLORS["tangent"],
                "size": [9, 4, 4, 4, 16] * len(framed),
                "symbol": ["circle", "circle", "circle", "circle", "arrow"] * len(framed),
                "angleref": "previous",
                "opacity": shown(len(framed) - 1)[1]["marker"]["opacity"],
            },
        },
    ]
    frames, eta_names, step_names = sweep_frames(len(rates), run, layout, framed, shown, [2, 3])
    play = step_play(300, -0.12, step_names)
    step_slider = frame_slider(  # a link copied after moving the step opens on it
        step_names,
        [str(k) for k in framed],
        len(framed) - 1,
        f"{labels['step']} ",
        param="step",
        values=[str(k) for k in framed],
    )
    eta_slider = frame_slider(
        eta_names,
        [_eta_label(r, surface, sweep) for r in rates],
        start,
        "η = ",
        param="lr",  # a link copied after moving η opens on that η
        values=[repr(float(r)) for r in rates],
    )
    opened = layout(start)
    fig = figure(
        traces,
        "w",
        "b",
        present,
        height=600,
        layout={
            "title": opened["title"],
            "margin": {"t": 140 if present else 100, "b": 40},  # a title of up to 3 lines
            "updatemenus": [play],
            "sliders": [
                step_slider | {"x": 0.12, "y": -0.12, "len": 0.88},
                eta_slider | {"x": 0.04, "y": -0.3, "len": 0.96},
            ],
            "xaxis": opened["xaxis"],
            "yaxis": opened["yaxis"],
        },
    )
    fig.frames = frames  # after ``figure``: it keeps only x and y of a frame's traces
    return fig


PATH_LINE = "rgba(213, 94, 0, 0.45)"  # COLORS["right"], lighter: the line under the iterates


def _eta_label(rate: float, surface, sweep) -> str:
    """η as the grid (3 significant digits) or a link (as typed) has it; the thresholds kept
    exact say which they are (0.119 = 1/λₘₐₓ), not 0.118975 among 0.1 and 0.141."""
    named = {  # with β = 0 the limit 2(1 + β)/λₘₐₓ is 2/λₘₐₓ: that name wins
        sweep.momentum_lr: "2(1 + β)/λₘₐₓ",
        surface.oscillation_lr: "1/λₘₐₓ",
        surface.stable_lr: "2/λₘₐₓ",
    }
    return f"{plain_number(rate, 3)} = {named[rate]}" if rate in named else plain_number(rate, 6)


ARROW_POINTS = 5  # the step −η∇L: a dot at the iterate, three small dots, the arrowhead


def _arrows(path, shown: int, framed: list[int]) -> dict:
    """The step −η∇L at each framed step k, as ``ARROW_POINTS`` markers from the iterate to
    the head (NaN where the run stopped or left the drawn window before step k)."""
    t = np.linspace(0.0, 1.0, ARROW_POINTS)[:, None]
    xs, ys = [], []
    for k in framed:
        if k < shown:
            p, g = path.points[k], path.gradients[k]
            dots = p + t * (-path.learning_rate * g)
        else:
            dots = np.full((ARROW_POINTS, 2), np.nan)
        xs.append(dots[:, 0])
        ys.append(dots[:, 1])
    return {"x": np.concatenate(xs).astype(np.float32), "y": np.concatenate(ys).astype(np.float32)}


def _contours(surface, sweep) -> dict:
    """L's level curves (``sweep.levels``, exact ellipses or lines) as one line trace: a
    scatter, so the frames' redraws keep it (a frame shown without a full redraw re-plots only
    the scatter traces and drops a contour trace's layer)."""
    w_lo, w_hi, b_lo, b_hi = _far(sweep)
    reach = math.hypot(w_hi - w_lo, b_hi - b_lo)  # a valley floor's lines cross every window
    curves = level_curves(surface, sweep.levels, reach).astype(np.float32)  # half the bytes
    return {
        "type": "scatter",
        "x": curves[:, 0],
        "y": curves[:, 1],
        "mode": "lines",
        "line": {"color": CONTOUR_LINE, "width": 1.2},
        "connectgaps": False,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _far(sweep) -> tuple[float, float, float, float]:
    """(w low, w high, b low, b high) that holds every η's window."""
    low, high = np.min(sweep.windows, axis=0), np.max(sweep.windows, axis=0)
    return float(low[0]), float(high[1]), float(low[2]), float(high[3])


def _title(caption: str) -> dict:
    """A frame's title: bold in every frame (a frame's title replaces the theme's weight too)."""
    return {"text": caption, "font": {"weight": "bold"}, "x": 0.01, "xanchor": "left", "y": 0.98}


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


def surface_figure(surface, descent, labels: dict[str, str], present: bool) -> go.Figure:
    """L(w, b) as a 3-D surface with the descent path on it (the same records as
    :func:`contour_figure`)."""
    grid, path, shown = descent.surface, descent.path, descent.drawn
    gw, gb, z = grid.w, grid.b, grid.loss
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
        _least_loss(surface.least, gw, labels, solid=True),
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
