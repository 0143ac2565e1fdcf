"""End to end: the home page in headless Chromium against a freshly started server."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import IDLE


def test_home_reads_input_and_refuses_hostile_text(fresh_server, page, tmp_path):
    page.goto(f"{fresh_server.url}/?lang=en&f=sinn%20x")  # the server's very first request
    page.wait_for_selector(IDLE)
    expect(page.locator('[data-testid="stAlert"]')).to_contain_text(
        "Unknown name sinn — did you mean sin?"
    )

    box = page.get_by_role("textbox", name="Function f(x)")
    box.fill("3x² − |x|")
    box.press("Enter")
    expect(page.locator(".katex").first).to_be_visible()
    expect(page.locator('[data-testid="stAlert"]')).to_have_count(0)

    canary = tmp_path / "CANARY"
    box.fill(f"__import__('os').system('touch {canary}')")
    box.press("Enter")
    expect(page.locator('[data-testid="stAlert"]')).to_contain_text("is not allowed")
    assert not canary.exists()


def test_home_switches_language(fresh_server, page):
    page.goto(f"{fresh_server.url}/?lang=en")
    page.wait_for_selector(IDLE)
    expect(page.locator("h1").first).to_have_text("ML Calculus Lab")
    page.get_by_role("radio", name="한국어").click()
    expect(page.locator("h1").first).to_have_text("ML 미적분 실험실")
    expect(page).to_have_url(re.compile(r"lang=ko"))
