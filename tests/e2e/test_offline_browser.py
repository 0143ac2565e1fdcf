"""End to end: nothing a page shows is fetched from outside the server (issue #14: an offline
classroom, or one behind a school's filter). The browser's network is limited to the app's own
origin; every other request is refused and recorded. And the engine's workers start with the
server, so the first lesson link does not wait for them."""

import subprocess
import time

import pytest

from tests.e2e.conftest import IDLE

PAGES = [  # every page, with its folded parts opened where a link can open them
    "/?lang=ko",
    "/limits?lang=en&steps=true&epsilon_delta=true",
    "/continuity?lang=ko&f=relu(x)&a=0",
    "/extrema?lang=en&f=x%5E3-3x&restrict=true&lo=-1.5&hi=10",
    "/derivatives?lang=ko&f=x%5E2&a=1",
    "/gradient-descent?lang=en&loss=w%5E4-3w%5E2%2Bw&w0=2&compare=true",
    "/backprop?lang=ko&surface3d=true",
    "/practice?lang=en&drill=rules",
    "/limits?lang=en&present=1",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_nothing_from_outside_the_server(server, page, path):
    outside = []

    def only_the_app(route):
        url = route.request.url
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_the_app)
    page.goto(server.url + path)
    page.wait_for_selector(IDLE)
    page.wait_for_selector('[data-testid="stMain"] h1')
    page.wait_for_timeout(1500)  # Plotly, KaTeX and the favicon have asked for what they need
    assert outside == []
    icon = page.evaluate("(document.querySelector('link[rel*=icon]') || {}).href || ''")
    assert icon.startswith(server.url), icon  # the tab's icon too, served by the app


def _children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(
        ["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout
    return [(int(line.split(None, 1)[0]), line.split(None, 1)[1]) for line in out.splitlines()]


def test_the_worker_pool_starts_with_the_server(fresh_server):
    """The first lesson link on a sleeping server does not wait for the engine's workers: the
    server starts them itself (``ui/server.py``), before any page is asked for — a forkserver
    with SymPy loaded, and workers forked from it."""
    deadline = time.monotonic() + 60
    workers = []
    while time.monotonic() < deadline and not workers:
        forkservers = [p for p, args in _children(fresh_server.process.pid) if "forkserver" in args]
        workers = [w for f in forkservers for w in _children(f)]
        time.sleep(0.5)
    assert forkservers and "sympy" in dict(_children(fresh_server.process.pid))[forkservers[0]]
    assert workers  # no page has been requested: the server started them
