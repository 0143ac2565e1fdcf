"""Links that hold everything (issue #14): on every page a student reaches a state by clicking
(the neuron's backward steps, a drill's hints, a fold-out opened, a switch turned on), the
address is copied into a new browser context, and the page opens showing the same."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE
from ui.i18n import text

LANG = "en"
TOAST = ".st-key-link-refused"  # ui.links: what a link asked for and could not get
# What the main area shows, as the student sees it: the text of every visible element but the
# charts, where each frame slider's step counts (its frames: tests/e2e/test_links_browser.py),
# and every fold-out's title with whether it is open.
SHOWN = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const texts = [...main.querySelectorAll('[data-testid="stElementContainer"]')]
    .filter((e) => e.checkVisibility() && !e.querySelector('.js-plotly-plot'))
    .map((e) => e.innerText.trim()).filter(Boolean);
  const sliders = [...main.querySelectorAll('.js-plotly-plot')]
    .map((c) => ((c.layout && c.layout.sliders) || []).map((s) => `${s.name}: ${s.active}`));
  const folds = [...main.querySelectorAll('[data-testid="stExpander"] details')]
    .filter((d) => d.checkVisibility())
    .map((d) => `${d.querySelector('summary').innerText.trim().split('\\n').pop()}: ${d.open}`);
  return {texts, sliders, folds};
}"""


def idle(page) -> None:
    page.wait_for_timeout(200)
    page.wait_for_selector(IDLE, timeout=60_000)


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1')
    idle(page)


def shown(page) -> dict:
    """``SHOWN`` once it holds still (two reads 0.4 s apart agree, within 15 s): a rerun's
    elements are swapped in one by one."""
    now = page.evaluate(SHOWN)
    for _ in range(35):
        page.wait_for_timeout(400)
        page.wait_for_selector(IDLE, timeout=60_000)
        now, before = page.evaluate(SHOWN), now
        if now == before:
            return now
    return now


def press(page, key: str, **params) -> None:
    page.get_by_role("button", name=text(LANG, key, **params), exact=True).click()
    idle(page)


def fold(page, key: str) -> None:
    """Open (or close) the fold-out titled by catalog ``key``."""
    title = text(LANG, key)
    page.locator('[data-testid="stExpander"] summary').filter(has_text=title).first.click()
    idle(page)


def switch(page, key: str) -> None:
    page.get_by_text(text(LANG, key), exact=True).click()
    idle(page)


def backprop(page) -> list[str]:
    for key in ("backprop.forward", *["backprop.backward"] * 3):
        press(page, key)
    fold(page, "backprop.steps")
    return ["neuron=backward-3", "derivation=true"]


def practice(page) -> list[str]:
    page.get_by_role("combobox", name=text(LANG, "practice.drills.kind")).click()
    page.get_by_role("option", name=text(LANG, "practice.drills.kinds.limit")).click()
    idle(page)
    press(page, "practice.new")
    press(page, "practice.new")
    press(page, "practice.drills.hint_button")
    press(page, "practice.drills.step_button")
    return ["drill=limit", "seed=3", "reveal=step"]


def derivatives(page) -> list[str]:
    fold(page, "derivatives.steps")  # open by default: folded
    fold(page, "code.title")
    return ["steps=false", "code=true"]


def descent(page) -> list[str]:
    switch(page, "descent.log")
    fold(page, "descent.table")
    fold(page, "descent.derivation")  # open by default: folded
    switch(page, "descent.own.compare")
    slider = page.locator(".js-plotly-plot").nth(1).locator("g.slider-group[role='slider']")
    for _ in range(3):  # the compared runs' step: 30 → 27, in the browser
        slider.focus()
        page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    return ["log=true", "table=true", "derivation=false", "compare=true", "compare_step=27"]


def limits(page) -> list[str]:
    fold(page, "limit_steps.title")
    fold(page, "code.title")
    return ["steps=true", "code=true"]


def continuity(page) -> list[str]:
    fold(page, "code.title")
    return ["code=true"]


def extrema(page) -> list[str]:
    switch(page, "extrema.interval")
    fold(page, "code.title")
    return ["restrict=true", "code=true"]


def home(page) -> list[str]:
    box = page.locator('[data-testid="stMain"] input[type="text"]').first
    box.fill("x^3 - x")
    box.press("Enter")
    idle(page)
    return ["f=x%5E3+-+x"]


CASES = [
    ("backprop", backprop),
    ("practice", practice),
    ("derivatives", derivatives),
    ("gradient-descent", descent),
    ("limits", limits),
    ("continuity", continuity),
    ("extrema", extrema),
    ("", home),
]


@pytest.mark.parametrize(("path", "drive"), CASES, ids=[c[0] or "home" for c in CASES])
def test_a_reached_state_opens_from_its_link(server, browser, page, path, drive):
    open_page(page, f"{server.url}/{path}?lang={LANG}")
    before = shown(page)
    params = drive(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    link = page.url
    for param in params:
        assert param in link, (param, link)
    reached = shown(page)
    assert reached != before  # the clicks changed what is shown
    other = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    copy = other.new_page()
    open_page(copy, link)
    for _ in range(40):  # a fresh browser loads each widget's code as it first draws one
        if (opened := copy.evaluate(SHOWN)) == reached:
            break
        copy.wait_for_timeout(500)
    assert opened == reached
    expect(copy.locator(TOAST)).to_have_count(0)  # a link the app wrote: nothing refused
    other.close()


def test_a_mistyped_link_is_said_and_page_changes_are_not(server, page):
    """A hand-typed ``level=9`` is named at the top of the page, with the level shown, and
    leaves the address; the next page (whose controls share names: /limits' ``steps`` is a
    fold-out) says nothing, and neither does the first page once left."""
    open_page(page, f"{server.url}/practice?lang={LANG}&level=9&seed=4")
    toast = page.locator(TOAST)
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text("level=9 → 1")
    assert "seed" not in toast.inner_text()
    assert "level=" not in page.url
    open_page(page, f"{server.url}/gradient-descent?lang={LANG}&steps=20&log=true")
    expect(page.locator(TOAST)).to_have_count(0)
    page.locator('[data-testid="stSidebarNav"], [data-testid="stSidebar"]').get_by_role(
        "link", name=text(LANG, "nav.limits")
    ).first.click()
    page.wait_for_url("**/limits**")
    idle(page)
    page.wait_for_timeout(1000)
    expect(page.locator(TOAST)).to_have_count(0)
