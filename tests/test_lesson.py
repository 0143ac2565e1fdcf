"""The lesson builder (issue #14 part 1): ``?hide=`` takes a page's controls out of view and
keeps their values; the sidebar's "lesson link" panel writes ``hide=`` and makes the link and
its QR code. The browser side (what is out of view, copy, scanning the QR) is in
``tests/e2e/test_lesson_browser.py``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.apptest import open_page
from ui import lesson
from ui.i18n import text
from ui.page import PAGES

# page file → (page name for ``open_page``, its title key)
PAGE_NAMES = {key: (None if page == "streamlit_app.py" else page[6:-3]) for page, key, _ in PAGES}


def _keys(at) -> set[str]:
    """The user keys of every widget and keyed container the page drew (Streamlit's element
    ids end in ``-<key>``)."""
    found: set[str] = set()

    def walk(node) -> None:
        ident = str(getattr(getattr(node, "proto", None), "id", "") or "")
        if ident.startswith("$$ID-"):
            found.add(ident.split("-", 2)[2])
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def _hiding_css(at) -> str:
    """The style element ``ui.lesson.apply`` adds (none when nothing is hidden)."""
    mark = '[data-testid="stExpander"]:has(:is('  # its rule for a fold-out left empty
    return "".join(h.proto.body for h in at.get("html") if mark in h.proto.body)


@pytest.mark.parametrize("page_key", list(lesson.CONTROLS))
def test_every_listed_control_is_on_its_page(page_key):
    """The panel offers only controls the page has: each name's widget (or keyed row) is
    drawn, under the key the hiding CSS selects."""
    at = open_page(PAGE_NAMES[page_key], lang="en")
    assert not at.exception
    keys = _keys(at)
    for name in lesson.controls(page_key):
        if name in ("try", "help"):  # a group of buttons, a key each
            prefixes = ("try-",) if name == "try" else ("hint-", "step-", "solve-")
            assert all(any(k.startswith(p) for k in keys) for p in prefixes), (page_key, name)
            continue
        key = lesson.SELECTORS.get(name, f".st-key-{name}").removeprefix(".st-key-")
        assert key in keys, (page_key, name)


@pytest.mark.parametrize("page_key", list(lesson.CONTROLS))
def test_the_panel_lists_every_control_in_both_languages(page_key):
    for lang in ("en", "ko"):
        at = open_page(PAGE_NAMES[page_key], lang=lang)
        boxes = {b.key: b for b in at.checkbox if b.key and b.key.startswith("show-")}
        assert list(boxes) == [f"show-{n}" for n in lesson.controls(page_key)]
        assert all(b.value for b in boxes.values())  # nothing hidden: every box ticked
        assert all(f"`{n}`" in boxes[f"show-{n}"].label for n in lesson.controls(page_key))


def test_hidden_controls_keep_their_values_from_the_link():
    """f and a out of view, the page still works on the link's f and a: the limit of
    (x² − 1)/(x − 1) at 1 is 2 (cancel the factor x − 1: x + 1 → 2)."""
    at = open_page("limits", lang="en", f="(x^2-1)/(x-1)", a="1", hide="f,a")
    assert not at.exception
    assert _hiding_css(at).startswith("<style>.st-key-f, .st-key-a { display: none !important; }\n")
    assert at.text_input(key="f").value == "(x^2-1)/(x-1)"
    assert at.text_input(key="a").value == "1"
    assert any(r"f(x) = 2" in s.value for s in at.success)
    assert at.checkbox(key="show-f").value is False and at.checkbox(key="show-a").value is False
    assert at.checkbox(key="show-steps").value is True


@pytest.mark.parametrize(
    "asked",
    [
        "</style><script>alert(1)</script>",
        "f;}body{display:none",
        "*",
        ",,,",
        "F",  # names are exact: f is not F
        "x" * 5000,
    ],
)
def test_a_hostile_hide_hides_nothing(asked):
    at = open_page("limits", lang="en", hide=asked)
    assert not at.exception
    assert _hiding_css(at) == ""
    (shown,) = [c.value for c in at.code if c.value.startswith("?")]
    assert "hide" not in shown  # the link carries only names the page has


def test_only_the_pages_own_controls_are_hidden():
    """``hide=loss`` on /limits (a control of /gradient-descent) is ignored there."""
    at = open_page("limits", lang="en", hide="loss,a,lang")
    assert _hiding_css(at) == f"<style>{lesson.hide_css(('a', 'lang'))}</style>"
    assert _hiding_css(at).startswith("<style>.st-key-a, .st-key-lang_switch { display")


def test_clearing_a_box_writes_hide_and_the_link():
    at = open_page("derivatives", lang="ko", f="x^3", a="2", present="1")
    at.checkbox(key="show-f").uncheck().run()
    assert at.query_params["hide"] == "f"
    at.checkbox(key="show-lang").uncheck().run()
    assert at.query_params["hide"] == "f,lang"
    (shown,) = [c.value for c in at.code if "hide=" in c.value]
    query = parse_qs(urlsplit(shown).query)
    assert query["hide"] == ["f,lang"] and query["f"] == ["x^3"] and query["a"] == ["2"]
    assert "present" not in query  # students open it on their own screens
    assert query["lang"] == ["ko"]
    at.checkbox(key="show-f").check().run()
    at.checkbox(key="show-lang").check().run()
    assert "hide" not in at.query_params


def test_the_link_in_words_and_the_qr_button():
    at = open_page("practice", lang="en", seed="4", drill="limit")
    assert at.button(key="lesson-qr").label == text("en", "lesson.show_qr")
    (copy,) = [h.proto.body for h in at.get("html") if "lesson-copy" in h.proto.body]
    assert 'data-link="?lang=en&amp;seed=4&amp;drill=limit"' in copy
    qr = [h.proto.body for h in at.get("html") if "lesson-qr" in h.proto.body]
    assert len(qr) == 1 and 'alt="QR code of the lesson link ?lang=en&amp;seed=4' in qr[0]


def test_a_link_too_long_for_a_qr_code_says_so():
    """A QR code holds at most 2331 characters at level M (ISO/IEC 18004, version 40): past
    that, the panel says so instead of failing."""
    at = open_page("limits", lang="ko", junk="x" * 3000)
    assert not at.exception
    assert text("ko", "lesson.too_long") in [c.value for c in at.caption]
    assert not [h for h in at.get("html") if "lesson-qr" in h.proto.body]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, "http://h/limits"),
        ({"lang": "en"}, "http://h/limits?lang=en"),
        ({"f": "x+1", "present": "1"}, "http://h/limits?f=x%2B1"),
        ({"hide": "f,a", "f": "sin(x)/x"}, "http://h/limits?f=sin%28x%29%2Fx&hide=f,a"),
        ({"hide": ""}, "http://h/limits"),
    ],
)
def test_link(query, expected):
    """The address keeps every value but projector mode; ``+`` is encoded (a raw + reads as a
    space), ``hide`` stays readable and last."""
    assert lesson.link(query, "http://h/limits") == expected


@pytest.mark.parametrize(
    ("page", "name", "selector"),
    [
        ("derivatives", "try", '[class*="st-key-try-"]'),  # each "Try" sets f
        ("practice", "help", '[class*="st-key-solve-"]'),  # a quiz without the solution
        ("backprop", "neuron_code", ".st-key-neuron_code"),
    ],
)
def test_buttons_that_change_a_hidden_control_can_be_hidden_too(page, name, selector):
    at = open_page(page, lang="en", hide=f"{name},nonsense")
    assert selector in _hiding_css(at)
    assert at.checkbox(key=f"show-{name}").value is False
