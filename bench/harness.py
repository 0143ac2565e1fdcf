"""What the browser benchmarks share: the floor page and the app, each a real server, and
Debian's headless Chromium, started together and stopped whatever happens."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from playwright.sync_api import Browser, sync_playwright

from tests.e2e.conftest import CHROMIUM_ARGS, Server


@contextlib.contextmanager
def floor_and_app() -> Iterator[tuple[Browser, Server, Server]]:
    """(browser, floor, app): ``bench/floor_app.py`` (one Streamlit slider and one chart, the
    framework's floor) and ``streamlit_app.py`` on their own loopback ports, and Chromium."""
    floor, app = Server("bench/floor_app.py"), Server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                yield browser, floor, app
            finally:
                browser.close()
    finally:
        floor.stop()
        app.stop()
