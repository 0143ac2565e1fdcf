"""The ε–δ explorer on /limits in Chromium: opened by a click (and then in the address), its ε
slider runs in the browser with no message to the server, moves the band and the window, keeps
?eps= in the address, and a link opens on that ε; where no δ works the frame says so."""

import math

import pytest

from tests.e2e.conftest import IDLE
from ui.i18n import text

SLIDER = ".js-plotly-plot g.slider-group[role='slider']"
# the ε–δ chart: the one whose slider is named after ?eps=
STATE = """() => {
  const chart = [...document.querySelectorAll('.js-plotly-plot')]
    .find((c) => c.layout.sliders && c.layout.sliders[0].name === 'eps');
  if (!chart) return null;
  const strip = chart.data[1].x || [];
  const band = chart.data[0].y || [];
  return {active: chart.layout.sliders[0].active,
          title: chart.querySelector('.gtitle') ? chart.querySelector('.gtitle').textContent : '',
          strip: strip.length ? [Math.min(...strip), Math.max(...strip)] : [],
          band: band.length ? [Math.min(...band), Math.max(...band)] : []};
}"""


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(500)


def epsilon_slider(page):
    page.wait_for_function(f"({STATE})() !== null")
    page.wait_for_selector(SLIDER)
    charts = page.locator(".js-plotly-plot")
    index = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
             .findIndex((c) => c.layout.sliders && c.layout.sliders[0].name === 'eps')"""
    )
    return charts.nth(index).locator("g.slider-group[role='slider']")


def test_epsilon_slider_runs_in_the_browser_and_keeps_its_link(server, browser, page):
    """x² at 2: ε 1 → 0.5 → 0.2 → 0.1 by keyboard, no message to the server; the strip is
    2 ± δ with δ = √(4 + ε) − 2 (by hand), the band 4 ± ε; the address gets eps=0.1 and a new
    browser opens on that frame."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    open_page(page, f"{server.url}/limits?f=x%5E2&a=2&lang=en&epsilon_delta=true")
    slider = epsilon_slider(page)
    assert page.evaluate(STATE)["active"] == 0
    before = len(sent)
    for _ in range(3):
        slider.focus()
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"({STATE})().active === 3")
    page.wait_for_timeout(300)
    assert len(sent) == before  # moved in the browser: no message to the server
    state = page.evaluate(STATE)
    delta = math.sqrt(4.1) - 2
    assert state["strip"] == [
        pytest.approx(2 - delta, rel=1e-9),
        pytest.approx(2 + delta, rel=1e-9),
    ]
    assert state["band"] == [
        pytest.approx(3.9, rel=1e-12),
        pytest.approx(4.1, rel=1e-12),
    ]
    assert state["title"].startswith(f"ε = 0.1 → largest δ = {delta:.6g}")
    assert "eps=0.1" in page.url and "epsilon_delta=true" in page.url
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, page.url)
    epsilon_slider(other)
    assert other.evaluate(STATE) == state
    other.context.close()


def test_epsilon_delta_opens_by_a_click_and_says_when_no_delta_works(server, page):
    """floor(x) at 2 in Korean: folded until clicked (then ?epsilon_delta=true); it opens on
    ε = 1/2, where no δ works (no strip), and Home shows ε = 2, where δ = 1 (at least) works."""
    open_page(page, f"{server.url}/limits?f=floor(x)&a=2&lang=ko")
    assert page.evaluate(STATE) is None  # folded: not worked out
    page.get_by_text(text("ko", "epsilon_delta.title")).click()
    slider = epsilon_slider(page)
    page.wait_for_selector(IDLE)
    assert "epsilon_delta=true" in page.url
    state = page.evaluate(STATE)
    assert state["title"] == text("ko", "epsilon_delta.frame_none", eps="0.5")
    assert state["strip"] == [] and state["band"] == [1.0, 2.0]
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function(f"({STATE})().active === 0")
    state = page.evaluate(STATE)
    assert state["title"] == text("ko", "epsilon_delta.frame_capped", eps="2", reach="1")
    assert state["strip"] == [1.0, 3.0]
