"""End to end: the backpropagation lab in headless Chromium, in both languages."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE
from ui.i18n import text

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
# the path's dots shown: the step frames hide the later ones (marker opacity 0), for every η
PATH_LENGTH = """() => {
  const data = document.querySelectorAll('.js-plotly-plot')[0]._fullData;
  const dots = data.find((t) => t.marker && Array.isArray(t.marker.opacity) && t.x.length > 2);
  return dots.marker.opacity.filter((o) => o > 0).length;
}"""


def press(page, lang: str, key: str) -> None:
    page.get_by_role("button", name=text(lang, f"backprop.{key}"), exact=True).click()
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=60_000)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_backprop_lab_forward_backward_update(server, page, lang):
    page.goto(f"{server.url}/backprop?lang={lang}")
    page.wait_for_selector(IDLE, timeout=60_000)
    main = page.locator('[data-testid="stMain"]')
    expect(page.locator("h1").first).to_have_text(text(lang, "backprop.title"))
    expect(page.locator(CHART)).to_have_count(2)  # contour, the neuron's graph
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    press(page, lang, "forward")
    for _ in range(9):
        press(page, lang, "backward")
    expect(main).to_contain_text("-0.209716")  # ∂L/∂w, derived by hand in the AppTest
    graph = "() => document.querySelectorAll('.js-plotly-plot')[1].data[1].text.join(' ')"
    assert "∂L/∂w = -0.21" in page.evaluate(graph)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    product, symbolic, finite = (float(m) for m in metrics)
    assert product == symbolic and abs(finite - product) < 1e-6
    press(page, lang, "update")
    expect(page).to_have_url(re.compile(r"w=0\.709716"))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_play_walks_the_descent_path_in_the_browser(server, page):
    page.goto(f"{server.url}/backprop?lang=en")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(CHART)
    assert page.evaluate(PATH_LENGTH) == 101
    page.locator(".updatemenu-button").first.click()  # ▶ on the contour plot
    page.wait_for_function(f"({PATH_LENGTH})() < 101", timeout=10_000)
    script = page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
    assert script == "notRunning"  # frames come from the figure, not from the server
    page.get_by_text("The surface L(w, b) in 3-D").click()  # the 3-D view is drawn when opened
    expect(page.locator(CHART)).to_have_count(3, timeout=20_000)
    expect(page).to_have_url(re.compile(r"surface3d=true"))
