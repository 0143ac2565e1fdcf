"""Projector mode (?present=1) in Chromium at 1920×1080: text readable from the back of a lecture
room, charts across the page, f in view, the verdict and the chart's top above the fold."""

import pytest

from tests.e2e.conftest import IDLE

PAGES = ["/", "/limits", "/continuity", "/extrema", "/derivatives", "/gradient-descent"]
PAGES += ["/backprop", "/practice"]
WITH_F = ["/limits", "/continuity", "/extrema", "/derivatives"]  # f typed in the folded inputs
FOLD = 1080
# Computed font sizes (px) of what the class reads: min over the visible elements, None if none
SIZES = """() => {
  const sizes = (selector) => {
    const found = [...document.querySelectorAll(selector)].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    }).map(e => parseFloat(getComputedStyle(e).fontSize));
    return found.length ? Math.min(...found) : null;
  };
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const style = getComputedStyle(main);
  const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .map(c => c.getBoundingClientRect()).filter(r => r.width > 0);
  const tops = (selector) => [...document.querySelectorAll(selector)]
    .map(e => e.getBoundingClientRect().top);
  return {
    paragraph: sizes('[data-testid="stMain"] [data-testid="stMarkdown"] '
      + '[data-testid="stMarkdownContainer"] > p'),
    caption: sizes('[data-testid="stMain"] [data-testid="stCaptionContainer"] > p'),
    alert: sizes('[data-testid="stAlert"] p'),
    cell: sizes('[data-testid="stMain"] td'),
    katex: sizes('[data-testid="stMain"] .katex'),
    ticks: sizes('.js-plotly-plot g[class$="tick"] > text'),
    legend: sizes('.js-plotly-plot .legendtext'),
    annotation: sizes('.js-plotly-plot .annotation-text'),
    widths: charts.map(r => r.width / inner),
    chartTops: charts.map(r => r.top),
    alertTops: tops('[data-testid="stMain"] [data-testid="stAlert"]'),
    echo: [...document.querySelectorAll('[data-testid="stMain"] .katex')].some(k =>
      k.closest('[data-testid="stExpander"]') === null && k.getBoundingClientRect().top < 1080
      && /f\\s*\\(\\s*x\\s*\\)\\s*=/.test(k.querySelector('annotation')?.textContent ?? '')),
  };
}"""


@pytest.fixture
def screen(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1920, "height": FOLD})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def measure(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')  # IDLE also matches before the first run
    if "present=1" in url:
        page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '28px'")
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(1500)  # Plotly draws its SVG text after the script has finished
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stPlotlyChart\"]')"
        " || document.querySelector('.js-plotly-plot g[class$=\"tick\"] > text')"
    )
    return page.evaluate(SIZES)


@pytest.mark.parametrize("path", PAGES)
def test_projector_mode_is_readable_from_the_back(server, screen, path):
    sizes = measure(screen, f"{server.url}{path}?present=1&lang=en")
    for name in ("paragraph", "caption", "alert", "cell", "katex"):
        assert sizes[name] is None or sizes[name] >= 28, (name, sizes)
    assert sizes["paragraph"] and sizes["katex"]
    for name in ("ticks", "legend", "annotation"):
        assert sizes[name] is None or sizes[name] >= 20, (name, sizes)
    assert all(w > 0.95 for w in sizes["widths"]), sizes["widths"]  # no squeezing columns
    if path in WITH_F:
        assert sizes["echo"], "f(x) is not in view outside the folded inputs"
    assert all(top < FOLD for top in sizes["chartTops"][:1]), sizes["chartTops"]
    assert all(top < FOLD for top in sizes["alertTops"][:1]), sizes["alertTops"]


def test_projector_mode_in_korean(server, screen):
    sizes = measure(screen, f"{server.url}/limits?present=1&lang=ko")
    assert sizes["paragraph"] >= 28 and sizes["alert"] >= 28 and sizes["katex"] >= 28
    assert sizes["ticks"] >= 20 and sizes["legend"] >= 20
    assert sizes["echo"] and sizes["chartTops"][0] < FOLD


def test_normal_mode_keeps_normal_sizes(server, screen):
    sizes = measure(screen, f"{server.url}/limits?lang=en")
    assert sizes["paragraph"] == 16 and sizes["alert"] == 16 and sizes["cell"] == 16
    assert sizes["ticks"] == 12 and sizes["legend"] == 12
    assert sizes["widths"][0] < 0.7  # beside its approach tables
