"""Projector mode (?present=1) in Chromium at 1920×1080, in both languages: text readable from the
back of a lecture room (widget labels, slider values and what was typed too), charts across the
page, f in view, the verdict and the main chart's top above the fold with some of the chart in
view, and a warning about what the student typed never folded away."""

import pytest

from tests.e2e.conftest import IDLE

PAGES = ["/", "/limits", "/continuity", "/extrema", "/derivatives", "/gradient-descent"]
PAGES += ["/backprop", "/practice"]
WITH_F = ["/limits", "/continuity", "/extrema", "/derivatives"]  # f typed in the folded inputs
# What a student types that adds a note or a warning above the chart
TYPED = ["/gradient-descent?x=0.0001", "/gradient-descent?x=500", "/gradient-descent?y=-250"]
FOLD = 1080
CHART_IN_VIEW = 200  # px of the main chart (its legend and the top of the plot) above the fold
# Computed font sizes (px) of what the class reads: min over the visible elements, None if none
SIZES = """() => {
  const sizes = (selector) => {
    const found = [...document.querySelectorAll(selector)].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    }).map(e => parseFloat(getComputedStyle(e).fontSize));
    return found.length ? Math.min(...found) : null;
  };
  // in an expander that is closed (its title aside): not on screen
  const folded = (e) => {
    const d = e.closest('details');
    return Boolean(d && !d.open && !e.closest('summary'));
  };
  // every text in view outside charts, KaTeX (measured whole) and screen-reader-only text:
  // the smallest, with what it says and where it is
  let smallest = null;
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'),
    NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.replace(/[\\s\\u200b]/g, '') || folded(e)
        || e.closest('.js-plotly-plot, .katex, [class*="st-key-alt-"]')) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (!smallest || size < smallest.size) {
      const where = e.closest('[data-testid]:not([data-testid="stMarkdownContainer"])');
      smallest = {size, text: n.textContent.trim().slice(0, 40), in: where && where.dataset.testid};
    }
  }
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const style = getComputedStyle(main);
  const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .map(c => c.getBoundingClientRect()).filter(r => r.width > 0);
  const alerts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stAlert"]')];
  const box = (a) => {
    const r = a.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, folded: folded(a),
            warning: Boolean(a.querySelector('[data-testid="stAlertContentWarning"]')),
            text: a.textContent.slice(0, 60)};
  };
  return {
    paragraph: sizes('[data-testid="stMain"] [data-testid="stMarkdown"] '
      + '[data-testid="stMarkdownContainer"] > p'),
    caption: sizes('[data-testid="stMain"] [data-testid="stCaptionContainer"] > p'),
    alert: sizes('[data-testid="stAlert"] p'),
    cell: sizes('[data-testid="stMain"] td'),
    katex: sizes('[data-testid="stMain"] .katex'),
    label: sizes('[data-testid="stMain"] [data-testid="stWidgetLabel"] p'),
    slider: sizes('[data-testid="stMain"] [data-testid="stSliderThumbValue"] p, '
      + '[data-testid="stMain"] [data-testid="stSliderTickBar"] p'),
    typed: sizes('[data-testid="stMain"] input'),
    smallest,
    ticks: sizes('.js-plotly-plot g[class$="tick"] > text'),
    legend: sizes('.js-plotly-plot .legendtext'),
    annotation: sizes('.js-plotly-plot .annotation-text'),
    widths: charts.map(r => r.width / inner),
    chartTops: charts.map(r => r.top),
    alerts: alerts.map(box),
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


def measure(page, url: str, chart: bool = False) -> dict:
    """The sizes and positions on ``url`` once it has finished drawing (its chart, if ``chart``)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')  # IDLE also matches before the first run
    if "present=1" in url:
        page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '28px'")
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(1500)  # Plotly draws its SVG text after the script has finished
    if chart:  # drawn and visible (a redraw empties the axes for a moment)
        page.wait_for_selector('.js-plotly-plot g[class$="tick"] > text', state="visible")
        page.wait_for_selector(IDLE)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stPlotlyChart\"]')"
        " || document.querySelector('.js-plotly-plot g[class$=\"tick\"] > text')"
    )
    return page.evaluate(SIZES)


def projector_url(server, path: str, lang: str) -> str:
    return f"{server.url}{path}{'&' if '?' in path else '?'}present=1&lang={lang}"


def check_readable(sizes: dict) -> None:
    for name in ("paragraph", "caption", "alert", "cell", "katex", "label", "slider", "typed"):
        assert sizes[name] is None or sizes[name] >= 28, (name, sizes)
    assert sizes["paragraph"] and sizes["katex"]
    assert sizes["smallest"] is None or sizes["smallest"]["size"] >= 28, sizes["smallest"]
    for name in ("ticks", "legend", "annotation"):
        assert sizes[name] is None or sizes[name] >= 20, (name, sizes)
    assert all(w > 0.95 for w in sizes["widths"]), sizes["widths"]  # no squeezing columns


def check_in_view(sizes: dict) -> None:
    """The main chart starts high enough that its top is on screen, the alerts above it (the
    verdict) are whole on screen, and no warning is folded away with the inputs."""
    tops = sizes["chartTops"][:1]
    assert all(0 < top <= FOLD - CHART_IN_VIEW for top in tops), sizes["chartTops"]
    above = [a for a in sizes["alerts"] if not a["folded"] and (not tops or a["top"] < tops[0])]
    assert all(a["bottom"] <= FOLD for a in above), above
    if not tops and sizes["alerts"]:  # a page without a chart: its first alert in view
        assert sizes["alerts"][0]["bottom"] <= FOLD, sizes["alerts"]
    assert not [a for a in sizes["alerts"] if a["warning"] and a["folded"]], sizes["alerts"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", PAGES)
def test_projector_mode_is_readable_from_the_back(server, screen, path, lang):
    sizes = measure(screen, projector_url(server, path, lang), chart=path not in ("/", "/practice"))
    check_readable(sizes)
    if path in WITH_F:
        assert sizes["echo"], "f(x) is not in view outside the folded inputs"
    check_in_view(sizes)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", TYPED)
def test_what_was_typed_keeps_the_result_in_view(server, screen, path, lang):
    """A tiny x adds a note, an x or y out of range a warning: both in view above the folded
    inputs, with the verdict and the chart's top still on screen."""
    sizes = measure(screen, projector_url(server, path, lang), chart=True)
    check_readable(sizes)
    check_in_view(sizes)
    notes = [a for a in sizes["alerts"] if a["bottom"] <= sizes["chartTops"][0]]
    # the note or warning, and the verdict — on /gradient-descent the verdict is the chart's
    # title (it follows the chart's own η slider), on screen with the chart's top
    verdict_boxes = 0 if path.startswith("/gradient-descent") else 1
    assert len(notes) >= 1 + verdict_boxes, sizes["alerts"]
    if "500" in path or "250" in path:
        assert [a for a in notes if a["warning"] and not a["folded"]], sizes["alerts"]


def test_normal_mode_keeps_normal_sizes(server, screen):
    sizes = measure(screen, f"{server.url}/limits?lang=en", chart=True)
    assert sizes["paragraph"] == 16 and sizes["alert"] == 16 and sizes["cell"] == 16
    assert sizes["ticks"] == 12 and sizes["legend"] == 12
    assert sizes["widths"][0] < 0.7  # beside its approach tables


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_neuron_input_out_of_range_is_said_outside_the_folded_inputs(server, screen, lang):
    """/backprop's neuron inputs (w = 10⁹ is past their range): the warning is not folded away
    with the inputs in projector mode."""
    sizes = measure(screen, projector_url(server, "/backprop?w=1e9", lang), chart=True)
    assert [a for a in sizes["alerts"] if a["warning"] and not a["folded"]], sizes["alerts"]


# Where a displayed formula's ink (its text's glyph boxes) comes nearer than 2 px to the element
# above or below it (a fold-out's border, a box), and the sidebar's names that do not fit
CLEARANCE = """() => {
  const ink = (el) => {
    let top = Infinity, bottom = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const b of range.getClientRects()) {
        if (b.height) { top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom); }
      }
    }
    return [top, bottom];
  };
  const beside = (e, dir) => {
    for (let s = e[dir]; s; s = s[dir]) {
      if (s.checkVisibility() && s.getBoundingClientRect().height > 0) return s;
    }
    return null;
  };
  const clashes = [];
  for (const d of document.querySelectorAll('[data-testid="stMain"] .katex-display')) {
    if (!d.checkVisibility()) continue;
    const box = d.closest('[data-testid="stElementContainer"]');
    const [top, bottom] = ink(d.querySelector('.katex-html'));
    const tex = d.querySelector('annotation')?.textContent.slice(0, 40);
    const next = beside(box, 'nextElementSibling'), prev = beside(box, 'previousElementSibling');
    const below = next && next.getBoundingClientRect().top;
    const above = prev && prev.getBoundingClientRect().bottom;
    if (next && below < bottom + 2) clashes.push(['below', tex, bottom, below]);
    if (prev && above > top - 2) clashes.push(['above', tex, top, above]);
  }
  const names = '[data-testid="stSidebar"] :is(a, button) p';
  const cut = [...document.querySelectorAll(names)]
    .filter((p) => p.checkVisibility() && p.scrollWidth > p.clientWidth + 1)
    .map((p) => p.innerText);
  const right = document.querySelector('[data-testid="stMain"]').getBoundingClientRect().right;
  const presets = [...document.querySelectorAll('[data-testid="stMain"] button *')]
    .filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.innerText);
  const off = [...document.querySelectorAll('[data-testid="stMain"] :is(button, input)')]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > right + 1)
    .map((e) => e.innerText || e.getAttribute('aria-label') || e.tagName);
  const switches = [...document.querySelectorAll('.st-key-lang_switch button')]
    .map((b) => Math.round(b.getBoundingClientRect().top));
  return {clashes, cut: [...cut, ...presets, ...off], switches};
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366", "1920"])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "path", ["/limits?f=1/(x%2B1)&a=-1", "/derivatives", "/extrema", "/practice"]
)
def test_formulas_keep_clear_and_the_sidebar_fits(server, browser, path, lang, size):
    """Projector mode: no displayed formula touches the fold-out or box above or below it (a
    fraction's denominator and lim's x → a did), and with the sidebar and the inputs opened,
    every page name, the language switch and every button's label fit, and no button or box
    is past the page's right edge (the examples were cut to "sin …" in six equal columns;
    /practice's level 3 was off the page)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(60_000)
    measure(page, projector_url(server, path, lang))
    found = page.evaluate(CLEARANCE)  # the formulas as the class first sees them
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    folds = page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary')
    if folds.count():  # the Inputs fold-out (/practice keeps its controls in view)
        folds.first.click()
    page.wait_for_timeout(1000)
    found = {**page.evaluate(CLEARANCE), "clashes": found["clashes"]}
    context.close()
    assert found["clashes"] == [], found["clashes"]
    assert found["cut"] == [], found["cut"]
    assert len(found["switches"]) == 2 and len(set(found["switches"])) == 1, found["switches"]
