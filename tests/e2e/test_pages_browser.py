"""End to end: every page opened by URL in headless Chromium, lesson links, sliders, languages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
PAGES = [  # (lesson link, text the verdict must show)
    ("/limits?f=1/(x%2B1)&a=-1&lang=en", "does not exist because the sides differ"),
    ("/continuity?f=(x%5E2-1)/(x-1)&a=1&lang=en", "Removable discontinuity"),
    ("/continuity?lang=en", "Continuous but not differentiable"),
    ("/extrema?f=x%5E4&lang=en", "first-derivative (sign) test"),
    ("/derivatives?f=x%5E2&a=1&lang=en", "Tangent line at x=1"),
    ("/gradient-descent?lr=0.3&lang=en", "Diverges"),
    ("/practice?seed=1&lang=en", "Differentiate"),
]


def open_idle(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_deep_link_is_the_first_request_to_a_fresh_server(fresh_server, page):
    open_idle(page, f"{fresh_server.url}/limits?f=1/(x%2B1)&a=-1&lang=ko")
    expect(page.locator("h1").first).to_have_text("극한")
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text(
        "좌극한과 우극한이 달라서"
    )
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("link", name="경사하강법")).to_be_visible()  # translated navigation
    expect(sidebar.get_by_role("link", name="pages")).to_have_count(0)
    expect(page.locator(CHART)).to_have_count(1)


@pytest.mark.parametrize(("link", "verdict"), PAGES, ids=[p[0].split("?")[0] for p in PAGES])
def test_every_page_by_url(server, page, link, verdict):
    open_idle(page, server.url + link)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(verdict)
    if "practice" not in link:
        expect(page.locator(CHART).first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_the_charts_own_h_slider_moves_the_secant(server, page):
    # one h control: the chart's own slider and ▶; the browser plays the frames, no rerun
    open_idle(page, f"{server.url}/derivatives?f=x%5E2&a=1&lang=en")
    page.wait_for_selector(CHART)
    plot = "document.querySelectorAll('.js-plotly-plot')[0]"
    secant = f"() => JSON.stringify({plot}.data[1].y)"
    title = f"() => {plot}.layout.title.text"
    before, first_title = page.evaluate(secant), page.evaluate(title)
    assert before and before != "null" and "h = 1" in first_title
    # no second (Streamlit) h control: the one slider is the chart's own (ui/plotly_keys.js)
    assert page.locator('[data-testid="stSlider"]').count() == 0
    assert page.locator(CHART).first.locator("[role=slider]").count() == 1  # (the f′ chart
    # below has its own: the tangent explorer's x)
    page.locator(".updatemenu-button").first.click()  # ▶
    page.wait_for_function(f"({title})().includes('h = 10⁻⁶')", timeout=20_000)  # not 1e-06
    assert page.evaluate(secant) != before
    assert "2.000001" in page.evaluate(title)  # (f(1 + h) − f(1))/h = 2 + h for f = x²


def test_the_limits_zoom_moves_the_drawn_axes(server, page):
    """/limits' zoom steps move the axes with the traces: the tick labels drawn after each key
    (End, Home: the widest and the narrowest window) are those of the frame's window a ± z."""
    open_idle(page, f"{server.url}/limits?f=sin(x)%2Fx&a=0&lang=en")
    page.wait_for_selector(CHART)
    slider = page.locator(".js-plotly-plot g.slider-group[role='slider']").first
    drawn = """() => { const g = document.querySelectorAll('.js-plotly-plot')[0];
      const ticks = [...g.querySelectorAll('.xtick text')].map((t) =>
        Number(t.textContent.replace('\u2212', '-')));
      return {active: g.layout.sliders[0].active, ticks}; }"""
    for key, zoom in (("ArrowLeft", 2.0), ("ArrowLeft", 1.0), ("End", 10.0), ("Home", 0.01)):
        slider.focus()
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        shown = page.evaluate(drawn)
        ticks = shown["ticks"]
        assert len(ticks) >= 3 and max(abs(t) for t in ticks) <= zoom, (key, zoom, ticks)
        assert max(abs(t) for t in ticks) >= zoom / 2.5, (key, zoom, ticks)  # not the old window


def test_extrema_on_a_closed_then_open_interval(server, page):
    """A lesson link on [−1.5, 10]: x³ − 3x's absolute maximum is at the endpoint 10; with the
    endpoints left out (the switch, kept in the link as ?open=true) there is none."""
    open_idle(page, f"{server.url}/extrema?f=x%5E3-3x&restrict=true&lo=-1.5&hi=10&lang=en")
    said = page.locator('[data-testid="stMarkdownContainer"]')
    expect(said.filter(has_text="Absolute maximum:")).to_contain_text("at x = 101010.")
    expect(said.filter(has_text="No absolute maximum")).to_have_count(0)
    page.get_by_text("Leave out the endpoints (open interval)").click()
    expect(said.filter(has_text="No absolute maximum")).to_have_count(1, timeout=20_000)
    expect(said.filter(has_text="Absolute minimum:")).to_contain_text("at x = 111.")
    assert "open=true" in page.url
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_limit_steps_unfold_and_render(server, page):
    """/limits' "Step by step": folded, then each step's technique and its formula rendered
    (KaTeX, no raw TeX) — rationalise, then substitute, for (√(x + 4) − 2)/x at 0."""
    open_idle(page, f"{server.url}/limits?f=(sqrt(x%2B4)-2)%2Fx&a=0&lang=en")
    # in the page, exactly: the lesson panel has a box "Step by step (folded) · steps"
    page.get_by_test_id("stMain").get_by_text("Step by step", exact=True).click()
    steps = page.locator('[data-testid="stExpander"]').filter(has_text="Rationalise")
    expect(steps).to_contain_text("multiply top and bottom by")
    expect(steps).to_contain_text("Direct substitution")
    assert steps.locator(".katex").count() == 3  # the conjugate and both steps, typeset
    assert "\\lim" not in steps.inner_text()


def test_language_switch_and_hostile_input(server, page, tmp_path):
    open_idle(page, f"{server.url}/continuity?lang=en")
    page.get_by_role("radio", name="한국어").click()
    expect(page.locator("h1").first).to_have_text("연속")
    canary = tmp_path / "CANARY"
    box = page.get_by_role("textbox", name="함수 f(x)")
    box.fill(f"__import__('os').system('touch {canary}')")
    box.press("Enter")
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text("사용할 수 없습니다")
    expect(page.locator(CHART)).to_have_count(0)
    assert not canary.exists()
