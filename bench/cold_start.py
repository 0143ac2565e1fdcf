"""Cold start: a fresh server process, and at once a lesson link in headless Chromium.

Measures the time from starting ``streamlit run`` to the page settled (the script idle and its
chart drawn) for the floor app (bench/floor_app.py: one slider, one chart, no math) and for a
lesson link of this app, alternately; median of ``runs``. The worker pool starts with the server
(ui/server.py), so the first analysis should not wait for it.

Run: .venv/bin/python -m bench.cold_start [runs, default 3] [app directory, default this one]
(the directory lets a checkout of an older commit be measured the same way)
"""

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM_ARGS, IDLE, ROOT, Server

LINK = "/derivatives?f=x%5E2%20sin%20x&a=1&lang=en"  # a lesson link: f, a point, a language


def cold(browser, script: str, cwd: Path, path: str) -> float:
    """Seconds from starting the server to the page at ``path`` settled with its chart."""
    start = time.monotonic()
    server = Server(script, cwd=cwd)
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(server.url + path)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=120_000)
        page.wait_for_selector(IDLE, timeout=120_000)
        took = time.monotonic() - start
        page.close()
        return took
    finally:
        server.stop()


def main(runs: int = 3, app: Path = ROOT) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        floor, ours = [], []
        for _ in range(runs):
            floor.append(cold(browser, "bench/floor_app.py", ROOT, "/"))
            ours.append(cold(browser, "streamlit_app.py", app, LINK))
        browser.close()
    base, median = statistics.median(floor), statistics.median(ours)
    print(f"{time.strftime('%Y-%m-%d')}, {runs} cold starts each, alternately; app: {app}")
    print("| server start → page settled | median s | runs s | / floor |")
    print("| --- | ---: | --- | ---: |")
    print(f"| floor app | {base:.2f} | {', '.join(f'{t:.2f}' for t in floor)} | 1.00 |")
    print(
        f"| lesson link `{LINK}` | {median:.2f} | {', '.join(f'{t:.2f}' for t in ours)} | "
        f"{median / base:.2f} |"
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 3,
        Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT,
    )
