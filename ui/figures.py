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

from ui.tables import plain_number

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


KIND_COLORS = {"local_min": "#0072B2", "local_max": "#D55E00", "neither": "#999999"}
_AXIS = {"zeroline": True, "zerolinecolor": "#bbbbbb", "exponentformat": "power"}  # 10⁻⁹, not 1n


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
        "xaxis": {**_AXIS, "title": {"text": x_title}},
        "yaxis": {**_AXIS, "title": {"text": y_title}},
    }
    for key, value in (layout or {}).items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    _dark_text(base)
    if present:
        _projector_text(base)
    return go.Figure(data=traces, layout=base, frames=frames)


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
    result, value, samples, march, labels: dict[str, str], key: float, present: bool
) -> go.Figure:
    """f near a as the slider shows it (``samples``: f sampled for that window), the approach
    from each side as points in two colours marching toward a (``march[(key, side)]``: xs, ys),
    dashed x = a, f(a) as a filled dot and each one-sided limit that f(a) does not equal as an
    open circle. ``key`` is the zoom (half-width) at a finite a; toward ±∞ it is the reach k of
    the window 1 ≤ |x| ≤ 10ᵏ on a log axis, the points are the table's, and a finite limit is a
    dashed horizontal line."""
    a = result.point
    if a.is_infinite:
        return _limit_at_infinity(result, samples, march, labels, key, present)
    centre = float(a)
    traces = [{**curve(samples.x, samples.y, labels["f"]), "legendgroup": "f"}]
    traces += band_traces(samples)
    for side in ("left", "right"):
        xs, ys = march.get((key, side), ([], []))
        if _any_finite(ys):  # no dots where f is undefined (√x left of 0): no legend entry
            sizes = np.linspace(7, 12, len(xs))  # growing as they close in on a
            traces.append(
                {
                    **points(xs, ys, labels[side], COLORS[side]),
                    "marker": {"color": COLORS[side], "size": sizes},
                }
            )
    markers, extra = _limit_markers(centre, value, result.left, result.right, labels, 14)
    traces.extend(markers)
    lo, hi = centre - key, centre + key
    even = np.linspace(lo, hi, 400)
    layout = {
        "xaxis": {"range": [lo, hi]},
        "yaxis": {
            "range": y_range(_evenly(samples, lo, hi), _band_values(samples, even), extra=extra)
        },
        "shapes": [vertical_line(centre)],
    }
    return figure(traces, "x", "f(x)", present, layout=layout)


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


def _band_values(samples, xs: np.ndarray) -> np.ndarray:
    """The bands' low and high ends at those ``xs`` inside a band: a y-range weighs a band as
    it weighs the line's samples at even x."""
    found = [np.empty(0)]
    for band in samples.bands:
        at = xs[(xs >= band.x[0]) & (xs <= band.x[-1])]
        found += [np.interp(at, band.x, band.low), np.interp(at, band.x, band.high)]
    return np.concatenate(found)


def _grid(samples, n: int = 400) -> np.ndarray:
    """``n`` even x across the samples' window (where bands are weighed for a y-range)."""
    return np.linspace(samples.x[0], samples.x[-1], n)


def _any_finite(values) -> bool:
    """Is any of ``values`` (floats, ``None`` for none) a finite number?"""
    return bool(np.isfinite(np.asarray(values, dtype=float)).any())


def _limit_at_infinity(result, samples, march, labels, reach: int, present: bool) -> go.Figure:
    """Toward ±∞ on a log x axis (toward −∞ mirrored: |x| plotted, ticks labelled −10ᵏ).

    Every table point in the window (|x| ≤ 10^(reach + 0.3)) is on the chart: a dot where f(x)
    lies in the y-range, else a ▲ (▼) on the top (bottom) edge, named ``labels["above"]``
    (``["below"]``): e^1000 ≈ 1.97 × 10⁴³⁴ is no float at all. The hover gives the table's own
    value. ``layout.meta`` tells the page what to say beside the chart: ``above``, ``below`` and
    ``outside`` (the table's x of the points on an edge, and beyond this window), ``top`` and
    ``bottom`` (the y-range)."""
    sign = 1 if result.point is sp.oo else -1
    side = "left" if sign > 0 else "right"
    xs, ys = march.get((reach, side), ([], []))
    prefix = "" if sign > 0 else "−"
    hover = {"hovertemplate": f"x = {prefix}%{{x}}<br>f(x) = %{{y}}<extra></extra>"}
    traces = [
        {**curve(sign * samples.x, samples.y, labels["f"]), **hover, "legendgroup": "f"},
        *band_traces(samples, sign),
    ]
    limit = result.left if sign > 0 else result.right
    extra, shapes = [], []
    if limit is not None and limit.is_finite:
        extra.append(float(limit))
        shapes.append(_horizontal_line(float(limit), COLORS[side]))
    even = np.geomspace(samples.x[0], samples.x[-1], 400)  # even on the log axis
    bottom, top = y_range(samples.y, _band_values(samples, even), extra=extra)
    groups = {"toward": [], "above": [], "below": [], "outside": []}
    for x, y in zip(xs, ys, strict=True):
        size = float(y)  # ±inf past a float's range, 0.0 below it: drawn where it belongs
        if np.isnan(size):  # f undefined there (√(−x) as x → ∞): no point, no legend entry
            continue
        where = "above" if size > top else "below" if size < bottom else "toward"
        where = "outside" if abs(x) > 10 ** (reach + 0.3) else where
        groups[where].append((abs(float(x)), size, plain_number(y, 6)))
    edges = {"above": (top, "triangle-up"), "below": (bottom, "triangle-down")}
    hover_value = f"x = {prefix}%{{x}}<br>f(x) = %{{customdata}}<extra></extra>"
    for where in ("toward", "above", "below"):
        if groups[where]:
            at, size, shown = zip(*groups[where], strict=True)
            edge, symbol = edges.get(where, (None, "circle"))
            on = size if edge is None else [edge] * len(at)
            marks = points(at, on, labels[where], COLORS[side])  # at |x|, as the curve
            marks["marker"]["symbol"], marks["cliponaxis"] = symbol, False  # edges not clipped
            traces.append({**marks, "hovertemplate": hover_value, "customdata": list(shown)})
    ticks = [10**k for k in range(reach + 1)]
    text = [prefix + (f"{t:g}" if k <= 3 else f"10{_SUPERSCRIPT[k]}") for k, t in enumerate(ticks)]
    ends = [0.0, reach + 0.3]
    layout = {
        "xaxis": {
            "type": "log",
            "range": ends if sign > 0 else ends[::-1],
            "tickvals": ticks,
            "ticktext": text,
        },
        "yaxis": {"range": [bottom, top]},
        "shapes": shapes,
        "meta": {
            **{key: [sign * x for x, *_ in groups[key]] for key in ("above", "below", "outside")},
            "top": top,
            "bottom": bottom,
        },
    }
    return figure(traces, "x", "f(x)", present, layout=layout)


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


def _limit_markers(a: float, value, left, right, labels, size: float):
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


def continuity_figure(
    continuity, smooth, samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f near a with the break drawn by kind: an open circle for each one-sided limit f(a) does
    not equal (a hole; a jump's open end), f(a) filled, a dashed asymptote at an infinite
    break, and at a kink the two one-sided tangent half-lines."""
    a = float(continuity.point)
    traces = [{**curve(samples.x, samples.y, labels["f"]), "legendgroup": "f"}]
    traces += band_traces(samples)
    shapes = [vertical_line(a)] if continuity.kind == "infinite" else []
    markers, extra = _limit_markers(
        a, continuity.value, continuity.left, continuity.right, labels, 15
    )
    traces.extend(markers)
    if smooth is not None:
        traces.extend(_tangents(a, float(continuity.value), smooth, labels))
    ends = (samples.x[0], samples.x[-1])
    even = np.linspace(*ends, 400)
    layout = {
        "xaxis": {"range": [float(samples.x[0]), float(samples.x[-1])]},
        "yaxis": {
            "range": y_range(_evenly(samples, *ends), _band_values(samples, even), extra=extra)
        },
        "shapes": shapes,
    }
    return figure(traces, "x", "f(x)", present, layout=layout)


def _evenly(samples, lo: float, hi: float, n: int = 400) -> np.ndarray:
    """f's samples nearest n even x in [lo, hi]: the y-range weighs the window evenly, not
    toward a, where the samples crowd (ln x near 0 would pull the range down to −20)."""
    index = np.searchsorted(samples.x, np.linspace(lo, hi, n)).clip(0, len(samples.x) - 1)
    return samples.y[np.unique(index)]


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
    traces += band_traces(f, group="") + band_traces(d1, 1.0, COLORS["derivative"], "", **below)
    layout = {
        "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False, "title": {"text": ""}},
        "yaxis": {
            "domain": [0.41, 1.0],
            "range": y_range(f.y, _band_values(f, _grid(f)), extra=[float(p.y) for p in found]),
        },
        "xaxis2": {**_AXIS, "anchor": "y2", "title": {"text": "x"}},
        "yaxis2": {
            **_AXIS,
            "domain": [0.0, 0.35],
            "range": y_range(d1.y, _band_values(d1, _grid(d1)), extra=[0.0]),
            "title": {"text": "f'(x)"},
        },
    }
    return figure(traces, "", "f(x)", present, height=560, layout=layout)


def secant_figure(
    point,
    value: float,
    slopes: dict[float, float],
    tangent,
    f_samples,
    labels: dict[str, str],
    h: float,
    captions: dict[float, str],
    present: bool,
) -> go.Figure:
    """f, the secant through (a, f(a)) and (a+h, f(a+h)), and the tangent.

    The chart's own slider (and ▶) is the page's one h control, run in the browser (Plotly
    frames, no server round trip): each frame carries its secant and, as the title, its h and
    slope (``captions[h]``), so the number shown and the line drawn cannot disagree. Where f(a)
    does not exist (``value`` is nan) there is no secant at all: f alone, no frames.
    """
    a = float(point)
    xs = np.array([a - 3.0, a + 3.0])
    traces = [{**curve(f_samples.x, f_samples.y, labels["f"]), "legendgroup": "f"}]
    traces += band_traces(f_samples)
    layout = {"xaxis": {"range": [a - 3.0, a + 3.0]}}
    frames = None
    if np.isfinite(value):

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

        def title(step: float) -> dict:
            # bold in every frame: a frame's title replaces the whole title, theme's weight too
            font = {"weight": "bold"}
            return {"text": captions[step], "font": font, "x": 0.01, "xanchor": "left", "y": 0.98}

        traces.extend(secant(h))
        steps = [s for s in slopes if s > 0]
        frames = [
            {"data": secant(s), "traces": [1, 2], "name": f"{s:g}", "layout": {"title": title(s)}}
            for s in steps
        ]
        layout |= {
            "title": title(h),
            "margin": {"t": 120 if present else 75},  # the title above the legend, apart
            "modebar": {"orientation": "v"},  # down the right edge, not over the title's end
            "updatemenus": [play_buttons(600, y=-0.18)],
            "sliders": [_h_slider(steps, h)],
        }
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
    extra = [value] if np.isfinite(value) else []
    layout["yaxis"] = {
        "range": y_range(f_samples.y, _band_values(f_samples, _grid(f_samples)), extra=extra)
    }
    return figure(traces, "x", "f(x)", present, height=470, layout=layout, frames=frames)


def _h_slider(steps: list[float], h: float) -> dict:
    """The h slider under the secant chart: one step per frame, ``h`` selected."""
    return {
        "x": 0.12,
        "y": -0.12,
        "len": 0.88,
        "currentvalue": {"prefix": "h = "},
        "active": steps.index(h),
        "steps": [
            {
                "label": plain_number(s, 6),
                "method": "animate",
                "args": [[f"{s:g}"], {"mode": "immediate"}],
            }
            for s in steps
        ],
    }


def function_and_derivative(
    f_samples, d_samples, labels: dict[str, str], present: bool
) -> go.Figure:
    """f and f' on the same axes; f' only where f itself is defined (f′ = 1/x of ln x is not
    drawn for x ≤ 0, nor 2x/(x² − 1) of ln(x² − 1) for |x| ≤ 1)."""
    d_y = np.where(_defined(f_samples, d_samples.x), d_samples.y, np.nan)
    traces = [
        {**curve(f_samples.x, f_samples.y, labels["f"]), "legendgroup": "f"},
        {**curve(d_samples.x, d_y, labels["derivative"], COLORS["derivative"]), "legendgroup": "d"},
        *band_traces(f_samples),
        *band_traces(d_samples, 1.0, COLORS["derivative"], "d"),
    ]
    for trace in traces[:2]:  # the legend names only a curve that is drawn somewhere
        trace["showlegend"] = bool(np.isfinite(np.asarray(trace["y"], dtype=float)).any())
    return figure(
        traces,
        "x",
        "y",
        present,
        height=340,
        layout={
            "yaxis": {"range": y_range(f_samples.y, d_y, _band_values(f_samples, _grid(f_samples)))}
        },
    )


def _defined(samples, xs: np.ndarray) -> np.ndarray:
    """Where f (sampled as ``samples``) is defined, at the points ``xs``: both neighbouring
    samples finite (the two sample sets may differ in their break points)."""
    finite = np.isfinite(samples.y)
    right = np.clip(np.searchsorted(samples.x, xs), 0, len(samples.x) - 1)
    left = np.clip(right - 1, 0, len(samples.x) - 1)
    exact = samples.x[right] == xs
    return np.where(exact, finite[right], finite[left] & finite[right])


def descent_figure(
    trajectory, curve_samples, labels: dict[str, str], log: bool, present: bool
) -> go.Figure:
    """Two panels in one figure (one chart to redraw per slider move): L(w) with every step as a
    point and a short tangent, and the loss against the iteration (optionally log scale). Play
    adds the steps one by one in the browser (Plotly frames)."""
    ws, losses = trajectory.points[:, 0], trajectory.losses
    shown = on_screen(trajectory.points, LINE_LIMIT)  # the caption names the last w: draw it
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
        "updatemenus": [play_buttons(250, y=-0.2)],
        "sliders": [  # frame k shows the first k iterates: k − 1 steps taken
            {
                "x": 0.12,
                "y": -0.2,  # below the axis titles
                "len": 0.88,
                "currentvalue": {"prefix": f"{labels['iteration']} "},
                "active": steps - 1,
                "steps": [
                    {
                        "label": str(k - 1),
                        "method": "animate",
                        "args": [[str(k)], {"mode": "immediate"}],
                    }
                    for k in range(1, steps + 1)
                ],
            }
        ],
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
