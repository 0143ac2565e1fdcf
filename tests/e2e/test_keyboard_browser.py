"""Plotly's own animation controls by keyboard, in Chromium (``ui.keyboard``): Tab reaches ▶ / ❚❚
and the charts' frame sliders, each with a role, a name and a visible focus ring; Enter / Space
press a button, arrows / Home / End move a slider one frame, and the chart shows that frame."""

import pytest

from tests.e2e.conftest import IDLE
from ui.i18n import text

FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {role: e.getAttribute('role'), name: e.getAttribute('aria-label'),
          now: Number(e.getAttribute('aria-valuenow')),
          last: Number(e.getAttribute('aria-valuemax')),
          valuetext: e.getAttribute('aria-valuetext'), chart: Boolean(e.closest('.js-plotly-plot')),
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
}"""
TITLE = "() => document.querySelector('.js-plotly-plot .gtitle').textContent"  # the secant's h
# the iterates shown: the step frames hide the later ones (marker opacity 0), for every η
STEPS_DRAWN = """() => {
  const data = document.querySelector('.js-plotly-plot')._fullData;
  const iterates = data.find((t) => t.marker && Array.isArray(t.marker.opacity));
  return iterates.marker.opacity.filter((o) => o > 0).length;
}"""


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')  # IDLE also matches before the first run
    page.wait_for_selector(IDLE)
    page.wait_for_selector(".js-plotly-plot g.slider-group[role='slider']")
    page.wait_for_timeout(500)
    page.evaluate("document.activeElement && document.activeElement.blur()")


def tab_to(page, role: str) -> dict:
    """Press Tab until a chart control with ``role`` has the focus; what it says."""
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["chart"] and focused["role"] == role:
            assert focused["ring"], f"no visible focus on {focused}"
            return focused
    raise AssertionError(f"Tab never reached a chart {role}")


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    page.wait_for_timeout(300)  # Plotly runs the step's animation on the next frame
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_play_button_on_the_secant_chart(server, page, lang):
    open_page(page, f"{server.url}/derivatives?lang={lang}")
    before = page.evaluate(TITLE)
    play = tab_to(page, "button")
    assert play["name"] == text(lang, "chart_keys.play")
    page.keyboard.press("Enter")
    page.wait_for_function(f"({TITLE})() !== {before!r}", timeout=10_000)  # a later frame
    pause = tab_to(page, "button")
    assert pause["name"] == text(lang, "chart_keys.pause")
    page.keyboard.press(" ")
    page.wait_for_timeout(300)
    held = page.evaluate(TITLE)
    page.wait_for_timeout(1500)  # 600 ms a frame: a playing chart would have moved on
    assert page.evaluate(TITLE) == held


def test_h_slider_moves_one_frame_a_key(server, page):
    open_page(page, f"{server.url}/derivatives?lang=en")
    slider = tab_to(page, "slider")
    assert slider["name"] == "h" and slider["last"] > 2
    first = press(page, "Home")
    assert first["now"] == 1 and first["valuetext"] == "h = 1"
    page.wait_for_function(f"({TITLE})().startsWith('h = 1 ')")
    second = press(page, "ArrowRight")
    assert second["now"] == 2 and second["valuetext"] == "h = 0.5"
    page.wait_for_function(f"({TITLE})().startsWith('h = 0.5 ')")  # the chart shows the new h
    end = press(page, "End")
    assert end["now"] == end["last"] and end["valuetext"].startswith("h = 10")
    assert press(page, "ArrowRight")["now"] == end["last"]  # stays at the end
    assert press(page, "ArrowLeft")["now"] == end["last"] - 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_descent_step_slider_and_play(server, page, lang):
    open_page(page, f"{server.url}/gradient-descent?lang={lang}")
    slider = tab_to(page, "slider")
    assert slider["name"] == text(lang, "fig.iteration")
    assert slider["now"] == slider["last"] == 31  # 30 steps: all drawn at first
    assert page.evaluate(STEPS_DRAWN) == 31
    assert press(page, "Home")["now"] == 1 and page.evaluate(STEPS_DRAWN) == 1
    moved = press(page, "ArrowRight")
    assert moved["now"] == 2 and moved["valuetext"].endswith(" 1")  # one step taken
    assert page.evaluate(STEPS_DRAWN) == 2
    assert press(page, "ArrowUp")["now"] == 3 and page.evaluate(STEPS_DRAWN) == 3
    assert press(page, "ArrowDown")["now"] == 2 and page.evaluate(STEPS_DRAWN) == 2
    assert press(page, "End")["now"] == 31 and page.evaluate(STEPS_DRAWN) == 31
    press(page, "Home")
    play = tab_to(page, "button")
    assert play["name"] == text(lang, "chart_keys.play")
    page.keyboard.press(" ")
    page.wait_for_function(f"({STEPS_DRAWN})() > 2", timeout=10_000)  # playing from step 0
