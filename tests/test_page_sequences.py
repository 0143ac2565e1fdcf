"""Stateful sequences on every page: a student (or a hostile visitor) types functions and points,
moves sliders to their ends, presses buttons and switches language in random orders; after
every step the page answers — no exception element — and every message is in the page's
language. Named regression tests for each crash these sequences found follow."""

import logging
import re

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import mathcore as mc
from mathcore.practice import LEVELS
from tests.apptest import chart, open_page
from ui import compute
from ui.i18n import LANGUAGES, catalog, text

STUDENT = ["x^2", "sin x / x", "1/(x+1)", "relu(x)", "|x - 1|", "e^(-x^2)", "x^3 - 3x", "sqrt x"]
HOSTILE = [
    "x^(1/3)",
    "{x<0: -x, x}",
    "sin(1/x)/x",
    "floor(x)^2",
    "1/0",
    "x^^2",
    "",
    "(((",
    "9^9^9^9",
    "max(x,1/x)",
    "|x|",
    "ln|x|",
    "sin x cos x",
]
ANSWERS = ["3x^2", "0", "oo", "(((", "", "1/0", "-1"]
TEXTS = {  # text box key → what gets typed into it
    "f": STUDENT + HOSTILE,
    "a": ["0", "1", "-1", "pi/2", "oo", "-oo", "abc", "", "1e400", "2.5"],
    "xs": ["0, 1, 2, 3", "0,10,20,30", "0,100,200,300", "5", "", "1,2", "a,b", "0,0,0", "1e9,2e9"],
    "ys": ["1, 3, 5, 7", "1,21,41,61", "1,201,401,601", "5", "", "1,2", "(((", "0,0,0", "-1e9,0"],
    **{f"answer-{k}": ANSWERS for k in ("derivative", "limit", "critical")},  # practice
}
SELECT = {"h": mc.H_STEPS}  # select sliders: their options (limits: its chart's own slider)
NUMBERS = [0.0, 1.0, -1.0, 3.0, 10.0, 1e-5, -0.5, 1e6, -1e6]  # number inputs, within their range
HANGUL = re.compile("[가-힣]")


def english_fragments() -> list[str]:
    """The opening words of each English sentence that Korean does not share (before any
    placeholder, formula or code): none may appear on a Korean page."""
    en, ko = catalog("en"), catalog("ko")
    fragments = set()
    for key, value in en.items():
        head = re.split(r"[{$`(]", value)[0].strip(" *:—")
        if value != ko[key] and len(head) >= 15 and " " in head:
            fragments.add(head)
    return sorted(fragments)


ENGLISH = english_fragments()


def messages(at) -> list[str]:
    """Every alert the page shows (and any exception element)."""
    return [e.value for kind in ("error", "warning", "info", "success") for e in at.get(kind)] + [
        e.message for e in at.exception
    ]


def assert_answers_in_its_language(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    lang = at.session_state["language"]
    for message in messages(at):
        if lang == "ko":
            assert HANGUL.search(message), message
            assert not [f for f in ENGLISH if f in message], message
        else:
            assert not HANGUL.search(message), message


PICK = st.integers(0, 2**16)  # which widget / which text: taken modulo what the page shows
PLACE = st.sampled_from(["low", "high"]) | st.floats(0, 1)  # where along a slider or box


def _pick(items: list, index: int):
    return items[index % len(items)] if items else None


def _along(low: float, high: float, place, whole: bool) -> float:
    value = {"low": low, "high": high}.get(place)
    if value is None:
        value = round(low + place * (high - low), 4)
    value = min(max(value, low), high)
    return round(value) if whole else value


class PageSequence(RuleBasedStateMachine):
    """The rules every page shares. What a rule draws never depends on the page (so Hypothesis
    can replay and shrink); a rule whose widget is not on the page at that moment does nothing."""

    page = ""

    def __init__(self) -> None:
        super().__init__()
        self.at = None

    @initialize(lang=st.sampled_from(LANGUAGES))
    def open(self, lang: str) -> None:
        self.at = open_page(self.page, lang=lang)

    def _widgets(self, kind: str, keys=None) -> list:
        found = [w for w in self.at.get(kind) if not getattr(w, "disabled", False)]
        return [w for w in found if keys is None or w.key in keys]

    @rule()
    def switch_language(self) -> None:
        control = self.at.segmented_control(key="lang_switch")
        control.set_value("en" if control.value == "ko" else "ko").run()

    @rule(box=PICK, choice=PICK)
    def type_text(self, box: int, choice: int) -> None:
        if found := _pick(self._widgets("text_input", TEXTS), box):
            found.input(_pick(TEXTS[found.key], choice)).run()

    @rule(which=PICK, place=PLACE)
    def move_slider(self, which: int, place) -> None:
        slider = _pick(self._widgets("slider") + self._widgets("select_slider", SELECT), which)
        if slider is None:
            return
        if slider.key in SELECT:
            options = SELECT[slider.key]
            value = options[_along(0, len(options) - 1, place, whole=True)]
        else:
            value = _along(slider.min, slider.max, place, isinstance(slider.value, int))
        slider.set_value(value).run()

    @rule(which=PICK, choice=PICK, place=PLACE)
    def type_number(self, which: int, choice: int, place) -> None:
        box = _pick(self._widgets("number_input"), which)
        if box is None:
            return
        low = box.min if box.min is not None else -1e6
        high = box.max if box.max is not None else 1e6
        whole = isinstance(box.value, int)
        typical = [v for v in NUMBERS if low <= v <= high]  # the values a student types
        value = _pick(typical, choice) if choice % 2 else _along(low, high, place, whole)
        box.set_value(int(value) if whole else value).run()

    @rule(which=PICK)
    def press_button(self, which: int) -> None:
        if button := _pick(self._widgets("button"), which):
            button.click().run()

    @rule(which=PICK)
    def flip_toggle(self, which: int) -> None:
        if toggle := _pick(self._widgets("toggle"), which):
            toggle.set_value(not toggle.value).run()

    @rule(level=st.sampled_from(LEVELS))
    def pick_level(self, level: int) -> None:
        if self._widgets("segmented_control", {"level"}):
            self.at.segmented_control(key="level").set_value(level).run()

    @rule(which=PICK)
    def tick_lesson_box(self, which: int) -> None:
        """A teacher clears or ticks a control in the lesson-link panel (``ui.lesson``)."""
        boxes = [b for b in self.at.checkbox if (b.key or "").startswith("show-")]
        if box := _pick(boxes, which):
            box.set_value(not box.value).run()

    @rule()
    def open_written_link(self) -> None:
        """A student opens the address the page wrote, in a new session: nothing in it is
        refused (``ui.links``' warning), whatever the sequence typed, moved or clicked."""
        written = {k: v[-1] if isinstance(v, list) else v for k, v in self.at.query_params.items()}
        self.at = open_page(self.page, **written)
        starts = tuple(text(lang, "link.refused", items="") for lang in LANGUAGES)
        refused = [w.value for w in self.at.main.warning if w.value.startswith(starts)]
        assert not refused, (written, refused)

    @invariant()
    def lesson_link_hides_what_is_cleared(self) -> None:
        """The panel's boxes, ``?hide=`` and the link it shows agree, whatever came before."""
        if self.at is None:
            return
        boxes = [b for b in self.at.checkbox if (b.key or "").startswith("show-")]
        cleared = ",".join(b.key.removeprefix("show-") for b in boxes if not b.value)
        (shown,) = [c.value for c in self.at.sidebar.code]
        if cleared:
            assert self.at.query_params["hide"] == cleared
            assert shown.endswith(f"hide={cleared}")
        else:
            assert "hide" not in self.at.query_params and "hide=" not in shown

    @invariant()
    def answers(self) -> None:
        if self.at is not None:
            assert_answers_in_its_language(self.at)


SEQUENCES = settings(
    max_examples=16,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PAGES = (
    "limits",
    "continuity",
    "extrema",
    "derivatives",
    "gradient-descent",
    "backprop",
    "practice",
)
for _page in PAGES:
    _name = "".join(part.title() for part in _page.split("-"))
    _machine = type(f"{_name}Sequence", (PageSequence,), {"page": _page})
    _case = _machine.TestCase
    _case.settings = SEQUENCES
    globals()[f"Test{_name}Sequences"] = _case
del _page, _name, _machine, _case  # so pytest collects each page's case once


# Regression tests: one per crash the sequences found.


def descent_title(at) -> str:
    """What /gradient-descent's chart says of the η it opens on (its title: verdict, numbers)."""
    return chart(at)["layout"]["title"]["text"]


@pytest.mark.parametrize(
    ("lang", "note"), [("en", "**η from the link:**"), ("ko", "**링크의 η:**")]
)
def test_descent_linked_eta_past_new_range_opens_on_default_with_note(lang, note):
    # η = 0.05 from a link, x = 3 then x = 10: the chart's η range 0 … 1.5/x² ends at 0.015,
    # below 0.05, so the chart opens on the default min(0.05, 1/(4x²)) = 0.0025 and says why
    at = open_page("gradient-descent", lang=lang, lr="0.05")
    at.number_input(key="x").set_value(3.0).run()
    assert descent_title(at).startswith(
        text(lang, "descent.frame", verdict=text(lang, "descent.word.converges"), lr="0.05")
    )
    at.number_input(key="x").set_value(10.0).run()
    assert_answers_in_its_language(at)
    (moved,) = [m.value for m in at.info if m.value.startswith(note)]
    assert "0.05" in moved and "0.015" in moved and "0.0025" in moved
    assert descent_title(at).startswith(text(lang, "descent.word.converges") + ": η = 0.0025")
    at.slider(key="w0").set_value(1.0).run()  # said once: the next move shows no note
    assert not [m for m in at.info if m.value.startswith(note)]


def test_descent_eta_still_valid_is_kept():
    at = open_page("gradient-descent", lang="en", x="3", lr="0.1")
    at.number_input(key="x").set_value(2.0).run()  # the range grows to 0.375: η stays 0.1
    assert_answers_in_its_language(at)
    assert ": η = 0.1," in descent_title(at) and not at.info


def test_descent_x_near_zero_or_huge():
    at = open_page("gradient-descent", lang="ko")
    at.number_input(key="x").set_value(1e-200).run()  # 1/x² overflowed: ZeroDivisionError
    assert_answers_in_its_language(at)
    assert at.info[0].value.startswith("**x가 0에 너무 가깝습니다:**")
    assert at.number_input(key="x").value == 1e-200  # the student's value stays in the box
    assert "= 0.9999999<br>" in descent_title(at)  # |1 − 2ηx²|, not rounded to 1
    at = open_page("gradient-descent", lang="en", x="1e300")  # x² overflowed: out of range
    assert_answers_in_its_language(at)
    assert "the page uses 100" in at.warning[0].value  # said in en, not Streamlit's words


@pytest.mark.parametrize(
    ("lang", "note"), [("en", "**η from the link:**"), ("ko", "**링크의 η:**")]
)
def test_backprop_eta_past_new_end_moves_with_note(lang, note):
    # η = 0.00257 in the address (the chart's η slider writes it there), then data 10× wider:
    # λ_max × 100, so the chart's range ends 100× lower, at 1.5 · 2/λ_max = 4.29 × 10⁻⁵; the
    # chart opens on the default 0.9 · 2/λ_max = 2.57 × 10⁻⁵ and says why, once
    at = open_page("backprop", lang=lang, xs="0,10,20,30", ys="1,21,41,61", lr="0.00257")
    at.text_input(key="xs").input("0,100,200,300")
    at.text_input(key="ys").input("1,201,401,601").run()
    assert_answers_in_its_language(at)
    (moved,) = [m.value for m in at.info if m.value.startswith(note)]
    assert "η = 0.00257" in moved and "4.29 × 10⁻⁵" in moved and "η = 2.57 × 10⁻⁵" in moved
    slider = next(s for s in chart(at)["layout"]["sliders"] if s.get("name") == "lr")
    assert slider["steps"][slider["active"]]["value"] == "2.57e-05"
    assert chart(at)["layout"]["title"]["text"].split("<br>")[0].count("η = 2.57 × 10⁻⁵") == 1
    at.slider(key="w0").set_value(1.0).run()  # said once: the next move shows no note
    assert not [m for m in at.info if m.value.startswith(note)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unexpected_error_is_translated_and_logged(lang, monkeypatch, caplog):
    def broken(f: str, a: str):
        raise RuntimeError("a bug in the analysis")

    monkeypatch.setattr(compute, "limits", broken)
    with caplog.at_level(logging.ERROR, logger="ui.inputs"):
        at = open_page("limits", lang=lang, f="sin x / x", a="0")
    assert_answers_in_its_language(at)
    assert [e.value for e in at.error] == [text(lang, "app.unexpected")]
    assert at.text_input(key="f").value == "sin x / x" and at.text_input(key="a").value == "0"
    (record,) = [r for r in caplog.records if r.name == "ui.inputs"]
    assert record.exc_info and "a bug in the analysis" in str(record.exc_info[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_derivatives_where_f_has_no_value(lang):
    # ln|x| at 0: f(0) = −∞, so the shape is "undefined" — its message was missing (KeyError)
    at = open_page("derivatives", lang=lang, f="ln|x|", a="0")
    assert_answers_in_its_language(at)
    assert text(lang, "continuity.undefined", a="0") in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_descent_tiny_eta_is_slow_not_stuck(lang):
    # found by a fresh pair of eyes: at x = 0.001 an η of 5·10⁻¹² makes |1 − 2ηx²| = 1 − 10⁻¹⁷,
    # which is 1 in floats and read as "bounces for ever"; it is slow, and said as 1 − 10⁻¹⁷
    at = open_page("gradient-descent", lang=lang, x="0.001", lr="5e-12")
    assert_answers_in_its_language(at)
    shown = descent_title(at)
    assert shown.startswith(text(lang, "descent.word.slow") + ": η = ")
    assert "1 − 10⁻¹⁷" in shown
