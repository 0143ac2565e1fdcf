"""Links keep what is shown (issue "topic slices"): a slider that runs in the browser writes its
value into the address without a rerun, so the link copied after a drag opens on that view in a
new browser; and the slider moves with no message to the server."""

from tests.e2e.conftest import IDLE

SLIDERS = ".js-plotly-plot g.slider-group[role='slider']"
ACTIVE = """(index) => {
  const chart = document.querySelectorAll('.js-plotly-plot')[index];
  return chart.layout.sliders[0].active;
}"""


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')
    page.wait_for_selector(IDLE)
    page.wait_for_selector(SLIDERS)
    page.wait_for_timeout(500)


def test_a_dragged_view_is_in_the_link(server, browser, page):
    """h on the secant chart and x on the tangent explorer: three steps by keyboard (each a
    click on the slider's rail, as a drag's end), then the address is copied into a new browser
    context: both charts open on the same frames."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    open_page(page, f"{server.url}/derivatives?f=x%5E2&a=1&lang=en")
    before = len(sent)
    for index, key in ((0, "ArrowRight"), (1, "ArrowLeft")):  # the secant's h, the tangent's x
        slider = page.locator(SLIDERS).nth(index)
        for _ in range(3):
            slider.focus()
            page.keyboard.press(key)
        expected = 24 - 3 if index else 3
        page.wait_for_function(f"() => ({ACTIVE})({index}) === {expected}")
    page.wait_for_timeout(300)
    assert len(sent) == before  # moved in the browser: no message to the server
    link = page.url
    assert "h=0.1" in link and "tangent=0.625" in link  # h: 1, 0.5, 0.2, 0.1; x: 1 − 3/8
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, link)
    assert other.evaluate(ACTIVE, 0) == 3 and other.evaluate(ACTIVE, 1) == 21
    titles = other.locator(".js-plotly-plot .gtitle").all_text_contents()
    assert titles[0].startswith("h = 0.1 ·") and titles[1].startswith("x = 0.625 ·")
    other.context.close()


def _slider_state(page, chart: int, slider: int) -> dict:
    return page.evaluate(
        """([c, s]) => { const g = document.querySelectorAll('.js-plotly-plot')[c];
           return {active: g.layout.sliders[s].active,
                   title: g.querySelector('.gtitle') ? g.querySelector('.gtitle').textContent : ''};
        }""",
        [chart, slider],
    )


def test_eta_and_zoom_links_keep_the_view(server, browser, page):
    """/gradient-descent's and /backprop's η and step, and /limits' zoom: moved in the browser,
    kept in the address, and the link opens on them; the η frame's title (its verdict) is the
    one shown."""
    cases = [  # page, (chart, slider), key, query parameter
        ("/gradient-descent?x=3&lang=en", (0, 1), "ArrowRight", "lr="),
        ("/limits?f=sin(x)%2Fx&a=0&lang=en", (0, 0), "ArrowLeft", "zoom="),
        ("/backprop?lang=en", (0, 1), "ArrowRight", "lr="),  # η 0.2 → 0.283 > 2/λ_max
        # the step sliders (a fresh pair of eyes: a link reopened on the last step)
        ("/gradient-descent?x=3&lang=en", (0, 0), "ArrowLeft", "step="),
        ("/backprop?lang=en", (0, 0), "ArrowLeft", "step="),
    ]
    for path, (chart, slider), key, param in cases:
        open_page(page, server.url + path)
        before = _slider_state(page, chart, slider)
        charts = page.locator(".js-plotly-plot")
        control = charts.nth(chart).locator("g.slider-group[role='slider']")
        for _ in range(3):
            control.nth(slider).focus()
            page.keyboard.press(key)
        page.wait_for_timeout(500)
        moved = _slider_state(page, chart, slider)
        assert moved["active"] != before["active"]
        assert param in page.url
        other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        open_page(other, page.url)
        assert _slider_state(other, chart, slider) == moved, path
        other.context.close()


def test_a_language_or_projector_switch_keeps_the_dragged_view(server, page):
    """Found by a fresh pair of eyes: Streamlit, which never saw the browser-side move, rewrote
    the address without ?h= on the next run (a language switch, projector mode) and the chart
    opened again on h = 1. The value is kept in the address and the redrawn chart follows it."""
    open_page(page, f"{server.url}/derivatives?f=x%5E2&a=1&lang=en")
    slider = page.locator(SLIDERS).nth(0)
    for _ in range(3):
        slider.focus()
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({ACTIVE})(0) === 3")
    page.get_by_role("radio", name="한국어").click()
    page.wait_for_selector("h1:has-text('미분')")
    page.wait_for_selector(IDLE)
    page.wait_for_function(f"() => ({ACTIVE})(0) === 3", timeout=20_000)
    assert "h=0.1" in page.url and "lang=ko" in page.url
    title = page.locator(".js-plotly-plot .gtitle").first.text_content()
    assert title.startswith("h = 0.1 ·"), title
