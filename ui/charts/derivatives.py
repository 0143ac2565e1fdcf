"""The /derivatives charts: the secant through a and a + h for every h (frames), and f with f′."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.charts.kit import (
    COLORS,
    band_traces,
    band_values,
    curve,
    figure,
    frame_slider,
    play_buttons,
    points,
    sample_grid,
    y_range,
)
from ui.tables import plain_number


def secant_figure(
    analysis, labels: dict[str, str], h: float, captions: dict[float, str], present: bool
) -> go.Figure:
    """f, the secant through (a, f(a)) and (a+h, f(a+h)), and the tangent, from a
    ``mathcore.DerivativesAnalysis``.

    The chart's own slider (and ▶) is the page's one h control, run in the browser (Plotly
    frames, no server round trip): one frame per h of ``analysis.hs``, each carrying its secant
    and, as the title, its h and slope (``captions[h]``), so the number shown and the line drawn
    cannot disagree. Where f(a) does not exist (``value`` is nan) there is no secant at all: f
    alone, no frames.
    """
    a, value, slopes = float(analysis.point), analysis.value, analysis.slopes
    tangent, f_samples = analysis.tangent, analysis.curve
    lo, hi = analysis.window
    xs = np.array([lo, hi])
    traces = [{**curve(f_samples.x, f_samples.y, labels["f"]), "legendgroup": "f"}]
    traces += band_traces(f_samples)
    layout = {"xaxis": {"range": [lo, hi]}}
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
        steps = list(analysis.hs)
        frames = [
            {"data": secant(s), "traces": [1, 2], "name": f"{s:g}", "layout": {"title": title(s)}}
            for s in steps
        ]
        layout |= {
            "title": title(h),
            "margin": {"t": 120 if present else 75},  # the title above the legend, apart
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
        "range": y_range(f_samples.y, band_values(f_samples, sample_grid(f_samples)), extra=extra)
    }
    return figure(traces, "x", "f(x)", present, height=470, layout=layout, frames=frames)


def _h_slider(steps: list[float], h: float) -> dict:
    """The h slider under the secant chart: one step per frame, ``h`` selected."""
    names, labels = [f"{s:g}" for s in steps], [plain_number(s, 6) for s in steps]
    return frame_slider(names, labels, steps.index(h), "h = ", "h") | {"x": 0.12, "len": 0.88}


def explorer_names(analysis) -> list[str]:
    """The tangent explorer's frame names: each grid x to 10 digits (``?tangent=`` holds one)."""
    return [f"{float(x):.10g}" for x in analysis.tangent_points]


def function_and_derivative(
    analysis, labels: dict[str, str], captions: list[str], present: bool, active: int
) -> go.Figure:
    """f and f′ on the same axes, with the tangent explorer: the chart's own x slider (frames,
    in the browser) moves a tangent along f over ``analysis.tangent_points`` and a dot along
    f′ at the same x, its height the tangent's slope; ``captions[i]`` titles frame i. f′ only
    where f itself is defined (f′ = 1/x of ln x is not drawn for x ≤ 0, nor 2x/(x² − 1) of
    ln(x² − 1) for |x| ≤ 1). The slider opens on grid point ``active`` and keeps
    ``?tangent=`` in the address as it moves."""
    f_samples, d_samples = analysis.curve, analysis.derivative_curve
    d_y = np.where(_defined(f_samples, d_samples.x), d_samples.y, np.nan)
    traces = [
        {**curve(f_samples.x, f_samples.y, labels["f"]), "legendgroup": "f"},
        {**curve(d_samples.x, d_y, labels["derivative"], COLORS["derivative"]), "legendgroup": "d"},
        *band_traces(f_samples),
        *band_traces(d_samples, 1.0, COLORS["derivative"], "d"),
    ]
    for trace in traces[:2]:  # the legend names only a curve that is drawn somewhere
        trace["showlegend"] = bool(np.isfinite(np.asarray(trace["y"], dtype=float)).any())
    xs, values, slopes = analysis.tangent_points, analysis.tangent_values, analysis.tangent_slopes
    reach = (xs[-1] - xs[0]) / 6  # the tangent drawn one sixth of the window to either side

    def explorer(i: int) -> list[dict]:
        x, y, m = float(xs[i]), float(values[i]), float(slopes[i])
        ends = np.array([x - reach, x + reach])
        return [
            curve(ends, y + m * (ends - x), labels["tangent"], COLORS["tangent"], dash="dash"),
            points([x], [y], labels["points"], COLORS["tangent"], size=10),
            points([x], [m], labels["explore_point"], COLORS["derivative"], size=10),
        ]

    traces += explorer(active)
    moving = list(range(len(traces) - 3, len(traces)))
    names = explorer_names(analysis)

    def title(i: int) -> dict:  # bold in every frame, as the secant chart's
        font = {"weight": "bold"}
        return {"text": captions[i], "font": font, "x": 0.01, "xanchor": "left", "y": 0.98}

    frames = [
        {"data": explorer(i), "traces": moving, "name": names[i], "layout": {"title": title(i)}}
        for i in range(len(xs))
    ]
    finite = values[np.isfinite(values)], slopes[np.isfinite(slopes)]
    y_limits = y_range(
        f_samples.y, d_y, band_values(f_samples, sample_grid(f_samples)), extra=list(finite[0])
    )
    return figure(
        traces,
        "x",
        "y",
        present,
        height=420,
        layout={
            "yaxis": {"range": y_limits},
            "title": title(active),
            "margin": {"t": 120 if present else 75},
            "sliders": [
                frame_slider(
                    names, [plain_number(float(x), 4) for x in xs], active, "x = ", "tangent"
                )
            ],
        },
        frames=frames,
    )


def _defined(samples, xs: np.ndarray) -> np.ndarray:
    """Where f (sampled as ``samples``) is defined, at the points ``xs``: both neighbouring
    samples finite (the two sample sets may differ in their break points)."""
    finite = np.isfinite(samples.y)
    right = np.clip(np.searchsorted(samples.x, xs), 0, len(samples.x) - 1)
    left = np.clip(right - 1, 0, len(samples.x) - 1)
    exact = samples.x[right] == xs
    return np.where(exact, finite[right], finite[left] & finite[right])
