"""The /gradient-descent chart: L(w) with the descent's iterates for every η, and the loss per
iteration; η and the step are the chart's own sliders, run in the browser (Plotly frames)."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ui.charts.kit import (
    AXIS,
    COLORS,
    LINE_LIMIT,
    MOVE,
    curve,
    figure,
    frame_slider,
    step_play,
    sweep_frames,
    y_range,
)
from ui.tables import plain_number

IMMEDIATE = MOVE  # a step shows its frame at once (ui.charts.kit.MOVE)


def descent_figure(
    analysis,
    lr: float,
    labels: dict[str, str],
    captions: dict[float, str],
    log: bool,
    present: bool,
    tangents: str | None = None,
    marks: tuple[dict, ...] = (),
) -> go.Figure:
    """Two panels, from a ``mathcore.DescentAnalysis``: L(w) with the iterates w₀, w₁, … as
    points, and the loss against the iteration (optionally on a log scale). With ``tangents``
    (its legend name) each step is also drawn along the tangent it follows, from
    (wₖ, L(wₖ)) to (wₖ₊₁, L(wₖ) − η·L′(wₖ)²) (each η frame its own); ``marks`` are further
    traces drawn as they are (a typed loss's minima).

    Two controls under the chart, both in the browser with no server round trip:

    * the η slider, one frame per η of ``analysis.learning_rates`` (named ``lr0``, ``lr1``, …):
      the iterates of that η's run, the axes that show them, and as the title ``captions[η]``
      (its verdict and final loss), so the numbers shown and the points drawn cannot disagree;
    * the step slider and ▶, one frame per step k (``step0`` … ``stepN``): the first k + 1
      iterates shown, the rest hidden (their markers' opacity 0) — the same for every η, so it
      keeps its place while η moves.

    The chart opens on ``lr`` (one of the grid's η) with every step shown.
    """
    rates, steps = analysis.learning_rates, analysis.steps
    iterations = np.arange(steps + 1)

    def run(i: int) -> list[dict]:
        t = analysis.trajectories[i]
        ws, losses = t.points[:, 0], t.losses
        return [
            {"type": "scatter", "x": ws, "y": losses},
            {"type": "scatter", "x": iterations[: len(losses)], "y": losses},
        ]

    def layout(i: int) -> dict:
        t, (lo, hi) = analysis.trajectories[i], analysis.windows[i]
        xs, ys = analysis.curve.x, analysis.curve.y
        inside = ys[(xs >= lo) & (xs <= hi)]
        finite = t.losses[np.isfinite(t.losses)]
        return {
            "title": _title(captions[rates[i]]),
            "xaxis": {"range": [lo, hi]},
            "yaxis": {"range": y_range(inside, extra=[0.0, float(finite.max(initial=0.0))])},
            "yaxis2": {"range": _iteration_range(finite, log)},
        }

    def shown(k: int) -> list[dict]:
        opacity = [int(j <= k) for j in iterations]  # 0/1 as a list: shorter than 8-byte floats
        return [{"type": "scatter", "marker": {"opacity": opacity}}] * 2

    start = rates.index(lr)
    hover = f"{labels['iteration']} %{{customdata}}<br>w = %{{x}}<br>L = %{{y}}<extra></extra>"
    opening = run(start)
    traces = [
        curve(analysis.curve.x, analysis.curve.y, labels["loss"]),
        {
            **opening[0],
            "mode": "markers",
            "name": labels["steps"],
            "customdata": iterations,
            "hovertemplate": hover,
            "marker": {"color": COLORS["right"], "size": 9, "opacity": [1] * (steps + 1)},
        },
        {
            **opening[1],
            "mode": "markers",
            "name": labels["iteration_loss"],
            "xaxis": "x2",
            "yaxis": "y2",
            "marker": {"color": COLORS["left"], "size": 6, "opacity": [1] * (steps + 1)},
        },
    ]
    every = list(range(steps + 1))
    frames, eta_names, step_names = sweep_frames(len(rates), run, layout, every, shown, [1, 2])
    if tangents:
        traces.append(curve(*_tangent_steps(analysis, start), tangents, COLORS["tangent"], 2))
        traces[-1]["line"]["dash"] = "dot"
        for i, frame in enumerate(frames[: len(rates)]):
            xs, ys = _tangent_steps(analysis, i)
            frame["data"].append({"type": "scatter", "x": xs, "y": ys})
            frame["traces"] = [1, 2, 3]
    traces.extend(marks)
    play = step_play(250, -0.2, step_names)
    opened = layout(start)
    fig = figure(
        traces,
        "w",
        "L(w)",
        present,
        height=560,
        layout={
            "title": opened["title"],
            "margin": {"t": 110 if present else 80, "b": 40},
            "updatemenus": [play],
            "sliders": [
                _slider(
                    [f"{labels['iteration']} "],
                    [str(k) for k in iterations],
                    step_names,
                    steps,
                    -0.2,
                    param="step",  # a link copied after moving the step opens on it
                    values=[str(k) for k in iterations],
                ),
                _slider(
                    ["η = "],
                    [plain_number(r, 6) for r in rates],
                    eta_names,
                    start,
                    -0.42,
                    0.04,
                    param="lr",  # a link copied after moving η opens on that η
                    values=[repr(float(r)) for r in rates],
                ),
            ],
            "xaxis": {"domain": [0.0, 0.56], "range": opened["xaxis"]["range"]},
            "yaxis": opened["yaxis"],
            "xaxis2": {
                **AXIS,
                "domain": [0.68, 1.0],
                "anchor": "y2",
                "range": [-0.5, steps + 0.5],
                "title": {"text": labels["iteration"]},
            },
            "yaxis2": {
                **AXIS,
                "anchor": "x2",
                "type": "log" if log else "linear",
                "range": opened["yaxis2"]["range"],
                "title": {"text": "L"},
            },
        },
    )
    fig.frames = frames  # after ``figure``: it keeps only x and y of a frame's traces
    return fig


def _tangent_steps(analysis, i: int) -> tuple[np.ndarray, np.ndarray]:
    """The i-th run's steps along their tangents: segments from (wₖ, L(wₖ)) with slope L′(wₖ)
    to wₖ₊₁ = wₖ − η·L′(wₖ), where the tangent is at L(wₖ) − η·L′(wₖ)², ``nan`` between."""
    t = analysis.trajectories[i]
    ws, losses, slopes = t.points[:, 0], t.losses, t.gradients[:, 0]
    k = len(ws) - 1
    xs = np.full(3 * k, np.nan)
    ys = np.full(3 * k, np.nan)
    xs[0::3], xs[1::3] = ws[:-1], ws[1:]
    ys[0::3] = losses[:-1]
    ys[1::3] = losses[:-1] + slopes[:-1] * (ws[1:] - ws[:-1])
    return xs, ys


def _title(caption: str) -> dict:
    """A frame's title: bold in every frame (a frame's title replaces the theme's weight too)."""
    return {"text": caption, "font": {"weight": "bold"}, "x": 0.01, "xanchor": "left", "y": 0.98}


def _iteration_range(losses: np.ndarray, log: bool) -> list[float]:
    """The loss axis of the iteration panel: every finite loss of the run (a log axis in
    decades: only the positive losses, 0 cannot be drawn there)."""
    if log:
        positive = losses[losses > 0]
        if not len(positive):
            return [-1.0, 1.0]
        low, high = math.log10(positive.min()), math.log10(positive.max())
        return [low - 0.3, high + 0.3]
    high = float(losses.max(initial=0.0))
    low = float(losses.min(initial=0.0))
    pad = max(high - low, 1e-6) * 0.08
    return [min(low, 0.0) - pad, high + pad]


def _slider(
    prefix: list[str],
    labels: list[str],
    names: list[str],
    active: int,
    y: float,
    x: float = 0.12,
    param: str | None = None,
    values: list[str] | None = None,
) -> dict:
    """A frame slider under the chart: one step per frame of ``names``; with ``param`` it keeps
    that query parameter in the address (``ui.charts.kit.frame_slider``)."""
    slider = frame_slider(names, labels, active, prefix[0], param, values)
    return slider | {"x": x, "y": y, "len": 1.0 - x}


# Each compared run's colour, dash and marker: told apart without colour too (a projector, a
# colour-blind student); Okabe–Ito's blue, vermillion and bluish green (ui.charts.kit.COLORS).
STYLES = (
    (COLORS["left"], "solid", "circle"),
    (COLORS["right"], "dash", "square"),
    (COLORS["tangent"], "dot", "diamond"),
)


def comparison_figure(
    analysis,
    chosen: list[int],
    names: list[str],
    labels: dict[str, str],
    title: str,
    present: bool,
) -> go.Figure:
    """Two or three η side by side (Goh, "Why Momentum Really Works", Distill 2017): every run
    of ``chosen`` (indices into ``analysis.learning_rates``) on the same L(w) curve and in the
    same loss-per-step panel, each in its colour, dash and marker (:data:`STYLES`) with its
    ``names`` in the legend. Works for a ``mathcore.DescentAnalysis`` and a
    ``mathcore.LossDescentAnalysis`` alike.

    One control, in the browser with no server round trip: the step slider (kept in the
    address as ``?compare_step=``) and ▶, one frame per step k (``step0`` … ``stepN``)
    drawing the first k + 1 iterates of every run. The axes show the runs that stay (a
    diverging or escaping run leaves them, as it leaves the curve, within a few steps).
    """
    steps = analysis.steps
    runs = [analysis.trajectories[i] for i in chosen]
    away = ("diverges", "escapes")  # runs that leave: the axes follow the others
    kept = [i for i in chosen if analysis.verdicts[i] not in away] or list(chosen)
    lo = min(analysis.windows[i][0] for i in kept)
    hi = max(analysis.windows[i][1] for i in kept)
    xs, ys = analysis.curve.x, analysis.curve.y
    inside = ys[(xs >= lo) & (xs <= hi)]
    shown = [r.losses[np.isfinite(r.losses) & (np.abs(r.points[:, 0]) < LINE_LIMIT)] for r in runs]
    tame = [s for s, i in zip(shown, chosen, strict=True) if i in kept]
    traces = [curve(xs, ys, labels["loss"])]
    for run, name, (color, dash, symbol) in zip(runs, names, STYLES, strict=False):
        style = {"color": color, "dash": dash, "width": 2.5}
        common = {"type": "scatter", "mode": "lines+markers", "legendgroup": name}
        marker = {"color": color, "symbol": symbol, "size": 9}
        traces.append(
            common
            | {"x": run.points[:, 0], "y": run.losses, "name": name, "line": style}
            | {"marker": marker, "hovertemplate": "w = %{x}<br>L = %{y}<extra></extra>"}
        )
        traces.append(
            common
            | {"x": np.arange(len(run.losses)), "y": run.losses, "name": name}
            | {"line": style, "marker": marker | {"size": 6}, "showlegend": False}
            | {"xaxis": "x2", "yaxis": "y2"}
        )

    def upto(k: int) -> list[dict]:
        data = []
        for run in runs:
            ws, losses = run.points[: k + 1, 0], run.losses[: k + 1]
            data.append({"type": "scatter", "x": ws, "y": losses})
            data.append({"type": "scatter", "x": np.arange(len(losses)), "y": losses})
        return data

    names_of_steps = [f"step{k}" for k in range(steps + 1)]
    frames = [
        {"name": name, "data": upto(k), "traces": list(range(1, 2 * len(runs) + 1))}
        for k, name in enumerate(names_of_steps)
    ]
    every = np.concatenate(tame) if tame else np.array([0.0])
    fig = figure(
        traces,
        "w",
        "L(w)",
        present,
        height=520,
        layout={
            "title": _title(title),
            "legend": {"y": 1.0, "yanchor": "bottom"},
            "margin": {"b": 40},
            "updatemenus": [step_play(250, -0.2, names_of_steps)],
            "sliders": [
                _slider(
                    [f"{labels['iteration']} "],
                    [str(k) for k in range(steps + 1)],
                    names_of_steps,
                    steps,
                    -0.2,
                    param="compare_step",  # a link copied after moving the step opens on it
                    values=[str(k) for k in range(steps + 1)],
                )
            ],
            "xaxis": {"domain": [0.0, 0.56], "range": [lo, hi]},
            "yaxis": {"range": y_range(inside, extra=[float(every.min()), float(every.max())])},
            "xaxis2": {
                **AXIS,
                "domain": [0.68, 1.0],
                "anchor": "y2",
                "range": [-0.5, steps + 0.5],
                "title": {"text": labels["iteration"]},
            },
            "yaxis2": {**AXIS, "anchor": "x2", "range": _iteration_range(every, False)},
        },
        frames=frames,
    )
    return fig
