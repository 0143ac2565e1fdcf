"""Slider latency in headless Chromium: each topic page against the floor page, alternately.

For each page: key press on its slider → the chart changed (the first change to what a chart
draws: its traces, axes or title, not the slider's own handle), and → the last DOM change after
the script settled (``data-test-script-state="notRunning"`` and 300 ms without mutations).
Prints median and p90 per page and the ratios to the floor page measured in the same run: a
slider run in the browser changes its chart without a round trip (issue #12, goal 2: ≤ 0.3 ×
the floor's key → chart changed); the floor's chart changes only once the server has answered.
Then a newly typed function: Enter → the last DOM change (goal 3: ≤ 2 × the floor's slider move).

Run: .venv/bin/python -m bench.latency [presses per page, default 16]
"""

import statistics
import sys
import time

from bench.harness import floor_and_app
from tests.e2e.conftest import IDLE

CHART_SLIDER = ".js-plotly-plot g.slider-group[role='slider']"  # in the browser: no rerun
TOPICS = {  # name: (lesson link, the slider pressed: CSS and which of them)
    "limits (zoom, in the browser)": ("/limits?lang=en", CHART_SLIDER, 0),
    "derivatives (h, in the browser)": ("/derivatives?f=x%5E2&a=1&lang=en", CHART_SLIDER, 0),
    "gradient descent (η, in the browser)": ("/gradient-descent?lang=en", CHART_SLIDER, 1),
    "backprop (η, in the browser)": ("/backprop?lang=en", CHART_SLIDER, 1),
    "backprop (momentum β, server)": (
        "/backprop?lang=en",
        "[data-testid='stSlider'] >> role=slider",
        0,
    ),
}
WATCH = """() => { window.__last = performance.now(); window.__chart = null;
  const drawn = (node) => {  // what a chart draws: not its slider, buttons or hover layer
    const element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest('.js-plotly-plot') &&
      !element.closest('.slider-container, .updatemenu-container, .hoverlayer');
  };
  new MutationObserver((changes) => {
    const now = performance.now();
    window.__last = now;
    if (window.__chart === null && changes.some((c) => drawn(c.target))) window.__chart = now;
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true}); }"""


def open_tab(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=60_000)
    page.wait_for_timeout(1000)
    page.evaluate(WATCH)
    return page


def settled(page) -> float:
    """Wait until the rerun finished and 300 ms passed without a DOM change; when was the last?"""
    page.wait_for_function(
        "() => performance.now() - window.__last > 300 && "
        "document.querySelector('[data-testid=stApp]')"
        ".dataset.testScriptState === 'notRunning'",
        timeout=30_000,
    )
    return page.evaluate("window.__last")


def press(page, key: str, slider: tuple[str, int] = ("role=slider", 0)) -> tuple[float, float]:
    """Milliseconds from the key press to the chart changed, and to the last DOM change once
    the rerun (if any) settled."""
    page.bring_to_front()
    page.locator(slider[0]).nth(slider[1]).focus()
    start = page.evaluate("window.__chart = null; performance.now()")
    page.keyboard.press(key)
    last = settled(page)
    chart = page.evaluate("window.__chart")
    return (chart if chart is not None else float("nan")) - start, last - start


TYPED = [
    "sin x / x",
    "x^2 - 4x + 3",
    "1/(x+1)",
    "relu(x)",
    "e^(-x^2)",
    "(x^2-1)/(x-1)",
    "floor(x)",
    "x^3 - 3x",
]  # the course's everyday functions, each new to the server


def type_function(page, text: str) -> float:
    """Milliseconds from Enter in the function box to the last DOM change once rendered."""
    page.bring_to_front()
    box = page.get_by_role("textbox", name="Function f(x)")
    box.fill(text)
    start = page.evaluate("performance.now()")
    box.press("Enter")
    return settled(page) - start


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(t for t in times if t == t) or [float("nan")]  # nan: the chart never changed
    return statistics.median(ordered), ordered[int(0.9 * (len(ordered) - 1))]


def main(presses: int = 16) -> None:
    with floor_and_app() as (browser, floor, app):
        print(f"{time.strftime('%Y-%m-%d')}, {presses} presses per page, A B A B …")
        print(
            "| page | key → chart changed: median ms | p90 | / floor | "
            "key → settled: median ms | p90 | / floor |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, (link, *slider) in TOPICS.items():
            a, b = open_tab(browser, floor.url), open_tab(browser, app.url + link)
            times = {"floor": [], name: []}
            for i in range(presses):
                key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
                times["floor"].append(press(a, key))
                times[name].append(press(b, key, tuple(slider)))
            for who in ("floor", name):
                changed = summary([t[0] for t in times[who]])
                done = summary([t[1] for t in times[who]])
                base = summary([t[0] for t in times["floor"]])[0]
                base_done = summary([t[1] for t in times["floor"]])[0]
                label = f"floor (beside {name})" if who == "floor" else name
                print(
                    f"| {label} | {changed[0]:.0f} | {changed[1]:.0f} | "
                    f"{changed[0] / base:.2f} | {done[0]:.0f} | {done[1]:.0f} | "
                    f"{done[0] / base_done:.2f} |"
                )
            a.close()
            b.close()
        a, b = open_tab(browser, floor.url), open_tab(browser, app.url + "/limits?a=1&lang=en")
        floor_times, typed = [], []
        for i, text in enumerate(TYPED):
            floor_times.append(press(a, "ArrowRight" if i % 2 == 0 else "ArrowLeft")[1])
            typed.append(type_function(b, text))
        base, _ = summary(floor_times)
        median, p90 = summary(typed)
        print(
            f"| limits: a newly typed function ({len(TYPED)}) | {median:.0f} | {p90:.0f} | "
            f"{median / base:.2f} (floor {base:.0f}) |"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 16)
