"""End to end: /gradient-descent with a loss of one's own and two or three η compared, in
headless Chromium, both languages — η and the steps move in the browser, not on the server."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE
from ui.i18n import text

NONCONVEX = "w%5E4+-+3w%5E2+%2B+w"  # w^4 - 3w^2 + w, as the app's own links write it
CHARTS = ".js-plotly-plot"
STATE = '[data-testid="stApp"]'
TITLE = (
    "(i) => document.querySelectorAll('.js-plotly-plot')[i].querySelector('.gtitle').textContent"
)
# how many iterates of the first compared run the comparison chart draws now
COMPARED = "() => document.querySelectorAll('.js-plotly-plot')[1]._fullData[1].x.length"


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')  # IDLE also matches before the first run
    page.wait_for_selector(IDLE)
    page.wait_for_selector(f"{CHARTS} g.slider-group[role='slider']")
    page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_own_loss_reaches_a_minimum_and_compares_rates(server, page, lang):
    open_page(page, f"{server.url}/gradient-descent?lang={lang}&loss={NONCONVEX}&w0=2&compare=true")
    expect(page.locator(CHARTS)).to_have_count(2)  # the η chart, the comparison
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # from w₀ = 2, η = 0.035 rolls into the local minimum 1.131, not the global one −1.301
    local = text(lang, "descent.own.reached.local", w="1.131", loss="-1.07", best="-1.301")
    assert local in page.evaluate(TITLE, 0)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(local)
    # η moves in the browser: the title names the next η's verdict; no rerun on the server
    slider = page.locator(CHARTS).nth(0).locator("g.slider-group[role='slider']").nth(1)
    slider.focus()
    page.keyboard.press("End")  # η = 0.198, past 2/L″ = 0.1398: it diverges
    page.wait_for_function(f"({TITLE})(0).includes('η = 0.198')")
    assert page.evaluate(TITLE, 0).startswith(text(lang, "descent.own.word.diverges"))
    assert page.locator(STATE).get_attribute("data-test-script-state") == "notRunning"
    expect(page).to_have_url(re.compile(r"lr=0\.198"))
    # the comparison: three runs, the steps played in the browser
    title = text(lang, "descent.own.compare_title", w0="2")
    assert page.evaluate(TITLE, 1) == title
    assert page.evaluate(COMPARED) == 31
    steps = page.locator(CHARTS).nth(1).locator("g.slider-group[role='slider']").first
    steps.focus()
    page.keyboard.press("Home")
    page.wait_for_function(f"({COMPARED})() === 1")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"({COMPARED})() === 2")
    assert page.locator(STATE).get_attribute("data-test-script-state") == "notRunning"
    legend = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')[1]"
        ".querySelectorAll('.legendtext')].map((e) => e.textContent)"
    )
    assert len([name for name in legend if name.startswith("η = ")]) == 3


def test_a_typed_loss_that_cannot_be_read_says_why(server, page):
    open_page(page, f"{server.url}/gradient-descent?lang=ko")  # the seed page: its chart first
    box = page.get_by_label(text("ko", "descent.own.loss"), exact=True)
    box.fill("x + w")
    box.press("Enter")
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE)
    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text("x")
    expect(page.locator(CHARTS)).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page).to_have_url(re.compile(r"loss=x"))
