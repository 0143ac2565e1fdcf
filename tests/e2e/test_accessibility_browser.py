"""Accessibility in Chromium: axe-core (npm, pinned in package.json) finds no serious or critical
violation on any page, in either language or in projector mode; the keyboard reaches the controls
and shows where it is."""

from pathlib import Path

import pytest

from tests.e2e.conftest import IDLE, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/limits", "/continuity", "/extrema", "/derivatives", "/gradient-descent"]
PAGES += ["/backprop", "/practice"]
QUERIES = ["lang=en", "lang=ko", "present=1&lang=en", "present=1&lang=ko"]
VIOLATIONS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}"""
FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {label: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
            || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent.trim(),
          role: e.getAttribute('role') || e.tagName.toLowerCase(), type: e.type || '',
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          tag: e.tagName.toLowerCase()};
}"""


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')  # IDLE also matches before the first run
    page.wait_for_function(  # the page's style (ui.style) has arrived
        "[...document.querySelectorAll('style')].some(s => s.textContent.includes('st-key-alt-'))"
    )
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(1000)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(server, page, path, query):
    if not Path(AXE).exists():
        pytest.fail("axe-core is missing: npm ci (scripts/test.sh runs it)")
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{server.url}{path}?{query}")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(VIOLATIONS) == []


def test_keyboard_reaches_the_controls_with_a_visible_focus(server, page):
    open_page(page, f"{server.url}/limits?lang=en")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body":
            continue
        assert focused["outline"], f"no visible focus on {focused}"
        seen.append(focused)
    radios = [f for f in seen if f["type"] == "radio" or f["role"] == "radio"]
    languages = [f for f in seen if "English" in f["label"] or "한국어" in f["label"]]
    assert radios or languages, seen
    assert any(f["tag"] == "input" and "Function" in f["label"] for f in seen), seen


CHART_PAGES = ["/limits", "/continuity", "/extrema", "/derivatives", "/gradient-descent"]
CHART_PAGES += ["/backprop"]
ALTERNATIVES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
  const key = c.closest('[data-testid="stElementContainer"]').className.match(/st-key-(\\S+)/)[1];
  const next = document.querySelector(`.st-key-alt-${key}`);
  const box = next ? next.getBoundingClientRect() : {width: 0, height: 0};
  return {key, alt: next ? next.textContent.trim() : '', visible: box.width > 1 || box.height > 1};
})"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_has_a_text_alternative(server, page, path, lang):
    open_page(page, f"{server.url}{path}?lang={lang}")
    page.wait_for_selector('[data-testid="stPlotlyChart"]')
    found = page.evaluate(ALTERNATIVES)
    assert found, "no chart"
    for chart in found:
        assert len(chart["alt"]) > 30 and not chart["visible"], chart  # read aloud, not shown
