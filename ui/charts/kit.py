"""The plotting kit every chart module uses: one palette, a base figure, curves, points, play
controls, bands that break at jumps, projector styling.

Colours are Okabe–Ito (colour-blind safe) and mean the same on every page: left approach blue,
right approach vermillion, f black, tangents green, secants purple, f' orange.

Traces and layouts are plain dicts and each figure is constructed once: Plotly's incremental
``update_*`` calls validate on every call and cost 10–30 ms a figure, which a slider pays.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

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


def on_screen(points: np.ndarray, limit: float = DRAWN_LIMIT) -> np.ndarray:
    """Which descent iterates (rows of ``Trajectory.points``) are small enough to draw."""
    return np.all(np.abs(points) < limit, axis=1)


LINE_LIMIT = 1e8  # one weight: a diverging run is drawn to its last step (it stops at 10⁶ × L₀)

AXIS = {"zeroline": True, "zerolinecolor": "#bbbbbb", "exponentformat": "power"}  # 10⁻⁹, not 1n


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
        "font": {"size": 13 * scale, "color": TEXT_COLOR},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "hovermode": "closest",
        # Plotly's toolbar down the right edge on every chart, not across the top where it
        # covered titles and legends (found by fresh pairs of eyes on /limits and /derivatives)
        "modebar": {"orientation": "v"},
        "xaxis": {**AXIS, "title": {"text": x_title}},
        "yaxis": {**AXIS, "title": {"text": y_title}},
    }
    for key, value in (layout or {}).items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    _dark_text(base)
    if present:
        _projector_text(base)
    _fit_titles(base, frames, _legend_rows(traces, base, present))
    return go.Figure(data=traces, layout=base, frames=frames)


# px a horizontal legend can count on: a page-wide chart at 1366 px; projecting, at 1920 px
LEGEND_WIDTH, PROJECTED_LEGEND_WIDTH = 700, 1700


def _legend_rows(traces: list[dict], layout: dict, present: bool = False) -> int:
    """How many rows the horizontal legend takes (0 without one). Plotly fills the first row
    with as many entries as fit and aligns the next rows in the same columns, each as wide
    as its widest entry: the most columns whose widths add up to at most :data:`LEGEND_WIDTH`
    (projecting: :data:`PROJECTED_LEGEND_WIDTH`), an entry's width estimated as a symbol and
    a gap (40 px) and 0.55 em per character. One row was assumed, and the own loss's seven
    entries ran into the title (found by a fresh pair of eyes at 1366 px)."""
    if not layout.get("showlegend", True):
        return 0
    size = layout["font"]["size"]
    names = [t["name"] for t in traces if t.get("name") and t.get("showlegend", True) is not False]
    widths = [40 + 0.55 * size * len(name) for name in dict.fromkeys(names)]
    room = PROJECTED_LEGEND_WIDTH if present else LEGEND_WIDTH
    for columns in range(len(widths), 0, -1):
        if sum(max(widths[i::columns]) for i in range(columns)) <= room:
            return math.ceil(len(widths) / columns)
    return len(widths)


def _fit_titles(layout: dict, frames: list[dict], legend_rows: int = 1) -> None:
    """Every title — the figure's and each frame's (a slider's h, η, verdict; up to three lines)
    — at the top of the figure in one size, and the top margin as tall as the longest of them
    plus the legend: a frame's title with more lines than the first was cut off at the top
    (found by a fresh pair of eyes on /gradient-descent in projector mode, /limits toward ∞).

    Plotly's ``yanchor: "top"`` puts a title's first line above the figure's edge, by about a
    quarter of the font size for one line and a whole font size for more (measured in Chromium
    at 16 and 30 px): ``pad.t`` makes up for it, so the first line's top is 7–9 px below."""
    titles = [layout.get("title")] + [f.get("layout", {}).get("title") for f in frames]
    titles = [t for t in titles if isinstance(t, dict) and t.get("text")]
    if not titles:
        return
    size = round(1.25 * layout["font"]["size"])  # 16 px, 28 px when projecting
    lines = max(t["text"].count("<br>") + 1 for t in titles)
    for title in titles:
        lifted = 0.25 * size if title["text"].count("<br>") == 0 else 1.0 * size
        title.update({"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 6 + lifted}})
        title["font"] = {**title.get("font", {}), "size": size}
    rows = (0.4 + 1.6 * legend_rows) if legend_rows else 0  # one row: 2 em, as before
    legend = rows * layout["font"]["size"] + 6 if legend_rows else 0
    need = int(12 + lines * 1.3 * size + legend)
    layout["margin"] = {**layout["margin"], "t": max(layout["margin"].get("t", 0), need)}


PROJECTOR_TEXT = 22  # px: chart text readable from the back of a lecture room (at least 20)


# Streamlit's text colour, 12.5:1 on the white chart: Streamlit's chart theme draws ticks, axis
# titles and ▶ in #808495, 3.7:1, below WCAG AA's 4.5:1.
TEXT_COLOR = "#31333f"


def _dark_text(layout: dict) -> None:
    """Every text of the layout in ``TEXT_COLOR``: the theme's grey is set per part (ticks, axis
    titles, legend, menus, sliders), which layout.font alone does not override."""

    def dark(item: dict, part: str = "font") -> dict:
        return {**item, part: {**item.get(part, {}), "color": TEXT_COLOR}}

    layout["legend"] = dark(layout["legend"])
    scene = layout.get("scene", {})
    axes = [(layout, k) for k in layout if k.startswith(("xaxis", "yaxis"))]
    axes += [(scene, k) for k in ("xaxis", "yaxis", "zaxis") if k in scene]
    for parent, key in axes:
        if isinstance(parent[key], dict):
            axis = dark(parent[key], "tickfont")
            parent[key] = {**axis, "title": dark(axis.get("title", {}))}
    for part in ("annotations", "updatemenus", "sliders"):
        if part in layout:
            layout[part] = [dark(item) for item in layout[part]]
    for slider in layout.get("sliders", []):
        slider["currentvalue"] = dark(slider.get("currentvalue", {}))


def _projector_text(layout: dict) -> None:
    """Every text of the layout at ``PROJECTOR_TEXT`` px, in near-black: Streamlit's chart theme
    sets ticks and legend to 12 px grey, which layout.font alone does not override."""
    font = {"size": PROJECTOR_TEXT, "color": TEXT_COLOR}
    layout["font"] = {**layout["font"], **font}
    layout["legend"] = {**layout["legend"], "font": font}
    layout["hoverlabel"] = {"font": {"size": PROJECTOR_TEXT}}
    for key, axis in list(layout.items()):
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title = axis.get("title", {})
            layout[key] = {**axis, "tickfont": font, "title": {**title, "font": font}}
    for part in ("annotations", "updatemenus", "sliders"):
        layout[part] = [
            {**item, "font": {**item.get("font", {}), **font}} for item in layout.get(part, [])
        ]
    for slider in layout["sliders"]:
        slider["currentvalue"] = {**slider.get("currentvalue", {}), "font": font}
    if not layout["annotations"]:
        del layout["annotations"]
    for part in ("updatemenus", "sliders"):
        if not layout[part]:
            del layout[part]


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


# A slider step shows its frame at once: no 500 ms frame or transition (Plotly's defaults), and no
# full redraw — Plotly restyles the frame's line and marker traces in place and transitions its
# axis ranges; the frame's title (the h, slope, η, verdict the slider is about), which Plotly does
# not redraw then, is set by ui/plotly_keys.js when the frame is shown.
MOVE = {
    "mode": "immediate",
    "frame": {"duration": 0, "redraw": False},
    "transition": {"duration": 0},
}


def frame_slider(
    names: list[str],
    labels: list[str],
    active: int,
    prefix: str,
    param: str | None = None,
    values: list[str] | None = None,
) -> dict:
    """A slider under a chart with one step per frame (``names``), shown as ``labels``, run in
    the browser (no server round trip); ``active`` is the step it opens on. With ``param`` (a
    query parameter's name) the browser writes the step's value (``values``, default the frame
    names) into the address as the slider moves (``ui/plotly_keys.js``), so a link copied after
    a drag opens on that frame."""
    return {
        "name": param or "",
        "x": 0.0,
        "y": -0.12,
        "len": 1.0,
        "currentvalue": {"prefix": prefix},
        "active": active,
        "steps": [
            {"label": label, "value": value, "method": "animate", "args": [[name], MOVE]}
            for name, label, value in zip(names, labels, values or names, strict=True)
        ],
    }


def sweep_frames(
    rates: int, run, layout, steps: list[int], shown, traces: list[int]
) -> tuple[list[dict], list[str], list[str]]:
    """Frames of a descent chart with two sliders: one per η (``lr0``, ``lr1``, …: ``run(i)``,
    ``layout(i)``) and one per step shown (``step0``, …: ``shown(index)``, which only hides the
    later iterates, so the step keeps its place when η moves), on the same ``traces``. Returns
    the frames and the names of the η frames and of the step frames."""
    eta_names = [f"lr{i}" for i in range(rates)]
    step_names = [f"step{k}" for k in steps]
    frames = [
        {"name": name, "data": run(i), "traces": traces, "layout": layout(i)}
        for i, name in enumerate(eta_names)
    ] + [{"name": name, "data": shown(i), "traces": traces} for i, name in enumerate(step_names)]
    return frames, eta_names, step_names


def step_play(frame_ms: int, y: float, step_names: list[str]) -> dict:
    """▶ / ❚❚ that play the step frames only, never sweeping through η."""
    play = play_buttons(frame_ms, y)
    play["buttons"][0]["args"][0] = step_names
    return play


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


def band_traces(
    samples, sign: float = 1.0, color: str = COLORS["f"], group: str = "f", **axes: str
) -> list[dict]:
    """Where a curve swings faster than a line can show (``samples.bands``, sin(1/x) near 0):
    the band it sweeps, outlined in the curve's ``color`` and filled lighter, shown and hidden
    with its legend entry (``legendgroup`` ``group``). ``sign`` −1 mirrors x (a log axis
    toward −∞); ``axes`` (``xaxis="x2"``, …) place it on a chart's other axes."""
    if not samples.bands:
        return []
    xs, ys = [], []
    for band in samples.bands:  # one closed outline each: along the top, back along the bottom
        xs += [*(sign * band.x), *(sign * band.x[::-1]), np.nan]
        ys += [*band.high, *band.low[::-1], np.nan]
    return [
        {
            "type": "scatter",
            "x": np.array(xs),
            "y": np.array(ys),
            "mode": "lines",
            "fill": "toself",
            "fillcolor": color,
            "opacity": 0.45,  # lighter than the line: swept too fast to draw, not a solid
            "line": {"width": 1, "color": color},  # a thin band still looks like the curve
            "hoverinfo": "skip",
            "showlegend": False,
            "legendgroup": group,
            **axes,
        }
    ]


def band_values(samples, xs: np.ndarray) -> np.ndarray:
    """The bands' low and high ends at those ``xs`` inside a band: a y-range weighs a band as
    it weighs the line's samples at even x."""
    found = [np.empty(0)]
    for band in samples.bands:
        at = xs[(xs >= band.x[0]) & (xs <= band.x[-1])]
        found += [np.interp(at, band.x, band.low), np.interp(at, band.x, band.high)]
    return np.concatenate(found)


def sample_grid(samples, n: int = 400) -> np.ndarray:
    """``n`` even x across the samples' window (where bands are weighed for a y-range)."""
    return np.linspace(samples.x[0], samples.x[-1], n)


def limit_markers(a: float, value, left, right, labels, size: float):
    """At x = a: an open circle for each finite one-sided limit that f(a) does not equal (f(a)
    missing or different), and f(a) as a filled dot whenever it exists; also the y values the
    range must show."""
    traces, extra = [], []
    for side, limit in (("left", left), ("right", right)):
        if limit is None or not limit.is_finite:
            continue
        extra.append(float(limit))
        if value is None or abs(float(limit) - float(value)) > 1e-12 * max(1.0, abs(float(value))):
            traces.append(
                points([a], [float(limit)], labels[f"{side}_limit"], COLORS[side], True, size)
            )
    if value is not None:
        traces.append(points([a], [float(value)], labels["value"], COLORS["f"], size=size - 3))
        extra.append(float(value))
    return traces, extra


def evenly(samples, lo: float, hi: float, n: int = 400) -> np.ndarray:
    """f's samples nearest n even x in [lo, hi]: the y-range weighs the window evenly, not
    toward a, where the samples crowd (ln x near 0 would pull the range down to −20)."""
    index = np.searchsorted(samples.x, np.linspace(lo, hi, n)).clip(0, len(samples.x) - 1)
    return samples.y[np.unique(index)]
