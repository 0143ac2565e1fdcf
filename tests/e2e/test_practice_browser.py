"""End to end: the practice page in headless Chromium — a drill chosen by link, answered right on
the first try (score and streak), hints, next step and solution in order, in both languages."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE
from ui.i18n import text


def idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=60_000)


def press(page, lang: str, key: str) -> None:
    page.get_by_role("button", name=text(lang, key), exact=True).click()
    idle(page)


def metrics(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_gradient_drill_scores_then_teaches(server, page, lang):
    page.goto(f"{server.url}/practice?seed=1&drill=gradient&lang={lang}")
    idle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # x = 1, y = 3, w = 2: dL/dw = 2(wx − y)x = 2·(−1)·1 = −2 (tests/test_practice.py)
    box = page.get_by_role("textbox", name=text(lang, "practice.answer"))
    box.fill("-2")
    press(page, lang, "practice.check")
    expect(main).to_contain_text(text(lang, "practice.right", answer="").strip())
    assert metrics(page) == ["1 / 1", "1"]
    # the buttons open in order: the next step only after a hint, the solution after it
    step = page.get_by_role("button", name=text(lang, "practice.drills.step_button"))
    expect(step).to_be_disabled()
    press(page, lang, "practice.drills.hint_button")
    expect(main).to_contain_text(text(lang, "practice.drills.hint_title", n=1))
    press(page, lang, "practice.drills.step_button")
    expect(main).to_contain_text(text(lang, "practice.drills.step_title"))
    press(page, lang, "practice.drills.solution_button")
    expect(main).to_contain_text(text(lang, "practice.drills.solution_title"))
    assert metrics(page) == ["1 / 1", "1"]  # solved first: the solution takes nothing away
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_drill_kind_is_a_link_and_the_solution_ends_scoring(server, page):
    page.goto(f"{server.url}/practice?seed=1&lang=en")
    idle(page)
    page.get_by_label(text("en", "practice.drills.kind"), exact=True).click()
    page.get_by_role("option", name=text("en", "practice.drills.kinds.relu")).click()
    idle(page)
    expect(page).to_have_url(re.compile(r"drill=relu"))
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Give")
    for _ in range(2):  # two hints, then the next step and the solution
        press(page, "en", "practice.drills.hint_button")
    press(page, "en", "practice.drills.step_button")
    press(page, "en", "practice.drills.solution_button")
    expect(main).to_contain_text(text("en", "practice.drills.ended"))
    assert metrics(page) == ["0 / 1", "0"]
    page.get_by_role("textbox", name=text("en", "practice.answer")).fill("0; 1; undefined")
    press(page, "en", "practice.check")
    expect(main).to_contain_text("Correct!")
    assert metrics(page) == ["0 / 1", "0"]  # the solution was shown first: no point
