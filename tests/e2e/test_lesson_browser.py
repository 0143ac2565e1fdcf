"""The lesson builder in Chromium (issue #14 part 1): a teacher clears controls in the sidebar's
"lesson link" panel and copies the link; a student opens it in a new browser and sees the page
without those controls, computed with the link's values; the QR code shown to the class in
projector mode is large and scans (Debian's ``zbarimg``) to the same link."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE
from ui.i18n import text


def _open(browser, url: str, lang: str, size=(1366, 900)):
    context = browser.new_context(
        locale="ko-KR" if lang == "ko" else "en-US",
        viewport={"width": size[0], "height": size[1]},
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector(IDLE)
    return context, page


def _open_panel(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    if not sidebar.is_visible() or sidebar.get_attribute("aria-expanded") == "false":
        page.get_by_test_id("stExpandSidebarButton").click()
    page.locator(".st-key-lesson summary").click()  # opening reruns the page: a fresh link
    expect(page.locator("button.lesson-copy")).to_be_visible()
    page.wait_for_selector(IDLE)


def _untick(page, name: str) -> None:
    page.locator(f".st-key-show-{name} label").click()
    page.wait_for_selector(IDLE)
    expect(page.locator(f".st-key-show-{name} input")).not_to_be_checked()


def test_a_teachers_link_hides_what_was_cleared_and_keeps_the_values(server, browser):
    teacher, page = _open(
        browser, f"{server.url}/extrema?f=x%5E3-3x&restrict=true&lo=-1.5&hi=8&lang=en", "en"
    )
    _open_panel(page)
    for name in ("f", "presets", "lang"):
        _untick(page, name)
    expect(page.get_by_test_id("stCode").first).to_contain_text("hide=presets,f,lang")
    expect(page.locator(".st-key-f")).to_be_hidden()  # at once, for the teacher too
    page.locator("button.lesson-copy").click()
    expect(page.locator("button.lesson-copy")).to_have_text(text("en", "lesson.copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.get_by_test_id("stMain").inner_text()  # what is in view (not display: none)
    assert copied == page.get_by_test_id("stCode").first.inner_text().replace("\n", "")
    query = parse_qs(urlsplit(copied).query)
    assert query["hide"] == ["presets,f,lang"] and query["f"] == ["x^3-3x"]
    assert query["lo"] == ["-1.5"] and query["hi"] == ["8"] and query["restrict"] == ["true"]
    teacher.close()

    student, page = _open(browser, copied, "en")
    try:
        for name, key in (("f", "f"), ("presets", "presets"), ("lang", "lang_switch")):
            expect(page.locator(f".st-key-{key}")).to_be_hidden(), name
        for key in ("lo", "hi", "restrict", "open", "present_switch"):
            expect(page.locator(f".st-key-{key}")).to_be_visible()
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        page.wait_for_selector(IDLE)
        assert page.get_by_test_id("stMain").inner_text() == shown
        assert "x^3-3x" not in shown and "−1.5" in shown  # f out of view; the interval in it
        assert page.locator(".st-key-f input").input_value() == "x^3-3x"  # kept, out of view
    finally:
        student.close()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_qr_code_fills_the_projector_and_scans_to_the_link(server, browser, tmp_path, lang):
    scanner = shutil.which("zbarimg")
    if scanner is None:
        pytest.fail("Debian's zbar-tools is missing (scripts/test.sh installs it)")
    url = f"{server.url}/derivatives?f=x%5E3&a=1&present=1&lang={lang}"
    context, page = _open(browser, url, lang, (1920, 1080))
    try:
        _open_panel(page)
        _untick(page, "a")
        expect(page.get_by_test_id("stCode").first).to_contain_text("hide=a")
        link = page.get_by_test_id("stCode").first.inner_text().replace("\n", "")
        page.locator(".st-key-lesson-qr button").click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text(text(lang, "lesson.qr_title"))
        qr = dialog.locator("img.lesson-qr")
        expect(qr).to_be_visible()
        page.wait_for_timeout(500)  # the dialog's opening animation
        box = qr.bounding_box()
        assert box["height"] >= 0.6 * 1080 and abs(box["width"] - box["height"]) < 2
        whole = dialog.bounding_box()  # the title, the QR and the link in view, no scrolling
        assert whole["y"] >= 0 and whole["y"] + whole["height"] <= 1080
        assert dialog.locator("p.lesson-link").inner_text() == link
        shot = tmp_path / "qr.png"
        qr.screenshot(path=str(shot))
        found = subprocess.run(
            [scanner, "--quiet", "--raw", str(shot)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert found == link
        query = parse_qs(urlsplit(found).query)
        assert query["hide"] == ["a"] and "present" not in query and query["lang"] == [lang]
    finally:
        context.close()


def test_the_link_follows_a_change_inside_a_fragment(server, browser):
    """w₀ of /gradient-descent reruns only its fragment; while the panel is open such a change
    reruns the page, so the link and QR code shown are the page's current state."""
    context, page = _open(browser, f"{server.url}/gradient-descent?x=2&y=4&lang=en", "en")
    try:
        _open_panel(page)
        code = page.get_by_test_id("stCode").first
        expect(code).not_to_contain_text("w0=")
        page.locator(".st-key-w0").get_by_role("slider").focus()
        page.keyboard.press("ArrowRight")  # w₀: 0 → 0.1
        expect(code).to_contain_text("w0=0.1")
        qr = page.locator(".st-key-lesson img.lesson-qr")
        assert "w0=0.1" in qr.get_attribute("alt")
    finally:
        context.close()


@pytest.mark.parametrize(("hide", "folded_inputs_shown"), [("presets,f,a", False), ("f", True)])
def test_projector_inputs_fold_out_leaves_when_all_it_holds_is_hidden(
    server, browser, hide, folded_inputs_shown
):
    url = f"{server.url}/limits?f=sin(x)%2Fx&a=0&present=1&lang=ko&hide={hide}"
    context, page = _open(browser, url, "ko", (1920, 1080))
    try:
        title = re.compile(rf"{text('ko', 'app.inputs')}\s*$")  # after the fold's arrow
        main = page.get_by_test_id("stMain")
        inputs = main.get_by_test_id("stExpander").filter(
            has=page.locator("summary", has_text=title)
        )
        expect(main.get_by_test_id("stExpander").first).to_be_attached()
        if folded_inputs_shown:
            expect(inputs).to_be_visible()
        else:
            expect(inputs).to_be_hidden()
        expect(page.get_by_test_id("stMain")).to_contain_text(text("ko", "limits.title"))
    finally:
        context.close()
