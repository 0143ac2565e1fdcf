"""End to end: nothing a page shows is fetched from outside the server (issue #14: an offline
classroom, or one behind a school's filter). The browser's network is limited to the app's own
origin; every other request is refused and recorded."""

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
