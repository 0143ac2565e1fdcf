"""Dragging a chart's own slider in headless Chromium: does the chart follow the pointer?

For each in-browser slider (Plotly frames, no server round trip) the mouse presses on the rail's
left end, moves to the right end in 60 steps of 16 ms (one display frame each: ~1 s), and
releases. Recorded in the page, once per display frame: whether what the chart shows changed
(its title, its traces' paths and points: a new frame drawn); the pointer moves;
every websocket message the page sends during the drag. Printed: frames shown during the drag,
the median and p90 interval between them, how long after the last pointer move a frame appeared
(goal: ≤ 33 ms, the chart keeping up at ≥ 30 updates per second), and messages sent (goal: none).
A slider with 9 steps shows at most 9 frames in a drag: the interval then says how fast the
pointer crossed steps, the lag whether the chart kept up. The floor page's Streamlit slider is
dragged the same way in the same run: its chart cannot change before the thumb is released.

Run: .venv/bin/python -m bench.drag [drags per slider, default 3]
"""

import itertools
import statistics
import sys
import time

from bench.harness import floor_and_app
from tests.e2e.conftest import IDLE

SLIDERS = {  # name: (lesson link, index of the chart, index of the slider on it)
    "derivatives h": ("/derivatives?f=x%5E2%20sin%20x&a=1&lang=en", 0, 0),
    "derivatives tangent x": ("/derivatives?f=x%5E2%20sin%20x&a=1&lang=en", 1, 0),
    "limits zoom": ("/limits?f=sin(x)%2Fx&a=0&lang=en", 0, 0),
    "gradient descent η": ("/gradient-descent?x=3&lang=en", 0, 1),
    "gradient descent step": ("/gradient-descent?x=3&lang=en", 0, 0),
}
RAIL = ".js-plotly-plot g.slider-group rect.slider-rail-touch-rect"
WATCH = """(index) => {  // each display frame: has what the chart shows (title, traces) changed?
  const chart = document.querySelectorAll('.js-plotly-plot')[index];
  const state = window.__drag = {updates: [], moves: [], last: null, on: true};
  const title = () => (chart.querySelector('.gtitle') || {}).textContent + '|' +
    [...chart.querySelectorAll('.scatterlayer path, .scatterlayer .point')]
      .map((e) => (e.getAttribute('d') || '') + (e.style.opacity || '')).join('').length;
  state.last = title();
  const poll = () => {
    if (!state.on) return;
    const now = title();
    if (now !== state.last) { state.updates.push(performance.now()); state.last = now; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  document.addEventListener('mousemove', () => state.moves.push(performance.now()), true);
}"""
FLOOR_WATCH = """() => {  // the floor chart has no title: any change to its SVG is an update
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const state = window.__drag = {updates: [], moves: [], on: true};
  new MutationObserver(() => state.updates.push(performance.now()))
    .observe(chart, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('mousemove', () => state.moves.push(performance.now()), true);
}"""


def changes(page, start: float, end: float) -> tuple[list[float], list[float]]:
    """Visible updates between ``start`` and ``end`` (4 ms apart at least), and for each the
    time since the last pointer move before it (how far the chart lags behind the pointer)."""
    state = page.evaluate("(() => { window.__drag.on = false; return window.__drag; })()")
    merged: list[float] = []
    for t in (t for t in state["updates"] if start <= t <= end + 100):
        if not merged or t - merged[-1] > 4:
            merged.append(t)
    lags = [t - max((m for m in state["moves"] if m <= t), default=t) for t in merged]
    return merged, lags


def drag(page, box: dict) -> tuple[float, float]:
    """Press at the rail's left end, move to its right end in 60 steps of 16 ms, release."""
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    start = page.evaluate("performance.now()")
    page.mouse.down()
    for i in range(1, 61):
        page.mouse.move(box["x"] + 2 + (box["width"] - 4) * i / 60, y)
        page.wait_for_timeout(16)
    end = page.evaluate("performance.now()")
    page.mouse.up()
    return start, end


def measure(page, box: dict, sent: list, repeat: int, watch: str, arg=None) -> dict:
    counts, intervals, lags, messages = [], [], [], 0
    for _ in range(repeat):
        page.evaluate(watch, arg) if arg is not None else page.evaluate(watch)
        before = len(sent)
        start, end = drag(page, box)
        messages += len(sent) - before
        seen, lag = changes(page, start, end)
        counts.append(len(seen))
        lags += lag
        intervals += [b - a for a, b in itertools.pairwise(seen)]
        page.wait_for_timeout(1500)  # the floor page's rerun after the release, settled
        page.wait_for_selector(IDLE)
        page.mouse.move(0, 0)
        page.mouse.click(5, 5)  # back to the left: the next drag starts there again
    ordered = sorted(intervals) or [float("nan")]
    return {
        "lag": statistics.median(lags) if lags else float("nan"),
        "updates": statistics.median(counts),
        "median": statistics.median(ordered),
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "messages": messages / repeat,
    }


def main(repeat: int = 3) -> None:
    with floor_and_app() as (browser, floor, app):
        print(f"{time.strftime('%Y-%m-%d')}, {repeat} drags of ~1 s per slider")
        print(
            "| slider | frames shown in the drag | median ms between | p90 ms | "
            "median lag behind the pointer ms | messages sent |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        rows = []
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        sent: list = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda data: sent.append(data)))
        page.goto(floor.url)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot')
        page.wait_for_selector(IDLE)
        thumb = page.get_by_role("slider").first.bounding_box()
        track = page.locator('[data-testid="stSlider"]').bounding_box()
        rail = {"x": track["x"] + 8, "y": thumb["y"], "width": track["width"] - 16}
        rail["height"] = thumb["height"]
        floor_row = measure(page, rail, sent, repeat, FLOOR_WATCH)
        rows.append(("floor (Streamlit slider)", floor_row))
        for name, (link, index, which) in SLIDERS.items():
            page.goto(app.url + link)
            page.wait_for_selector(IDLE)
            page.wait_for_selector(RAIL)
            page.wait_for_timeout(1000)
            chart = page.locator(".js-plotly-plot").nth(index)
            chart.scroll_into_view_if_needed()
            rails = chart.locator("g.slider-group rect.slider-rail-touch-rect")
            box = rails.nth(which).bounding_box()
            rows.append((name, measure(page, box, sent, repeat, WATCH, index)))
        for name, r in rows:
            print(
                f"| {name} | {r['updates']:.0f} | {r['median']:.1f} | {r['p90']:.1f} | "
                f"{r['lag']:.1f} | {r['messages']:.1f} |"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
