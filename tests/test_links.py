"""A link's values that a page cannot use are said, once, in a warning at the top of the page
naming each parameter and the value shown instead (``ui.links``), and leave the address; a link
the app itself writes is never refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.apptest import open_page
from ui import lesson
from ui.i18n import text

# (page, the link's query, what the warning must say: name → value shown, None: no value named).
# The values shown are the controls' defaults or the readers' nearest values, read off the code
# (w₀ 0, level 1, the first drill kind, problem 1, the neuron's 9 nodes, h's first frame 1, the
# limits chart's opening zoom 4, the extrema interval's −10).
REFUSED = [
    ("gradient-descent", {"w0": "abc", "steps": "30"}, {"w0": "0"}),
    ("gradient-descent", {"w0": "99", "log": "maybe"}, {"w0": "0", "log": "false"}),
    (
        "practice",
        {"level": "9", "drill": "xyz", "seed": "abc"},
        {"level": "1", "drill": "derivative", "seed": "1"},
    ),
    ("practice", {"reveal": "bogus"}, {"reveal": None}),
    ("backprop", {"neuron": "abc"}, {"neuron": None}),
    ("backprop", {"neuron": "99"}, {"neuron": "backward-9"}),
    ("backprop", {"neuron": "backward-0"}, {"neuron": "backward-1"}),
    ("backprop", {"momentum": "2"}, {"momentum": "0"}),
    ("backprop", {"code": "1"}, {"code": "false"}),  # Streamlit's switches read true/false only
    ("derivatives", {"h": "3"}, {"h": "1"}),
    (
        "limits",
        {"zoom": "7", "present": "maybe", "hide": "fx,f"},
        {"zoom": "4", "present": None, "hide": None},
    ),
    ("extrema", {"restrict": "maybe", "lo": "abc"}, {"restrict": "false", "lo": "-10"}),
    (None, {"lang": "xx"}, {"lang": None}),
]
# Links a teacher writes by hand or copies, every value usable
USABLE = [
    (None, {"f": "x^2"}),
    ("gradient-descent", {"w0": "1.5", "steps": "10", "log": "true", "table": "true", "x": "2"}),
    ("practice", {"seed": "3", "level": "2", "drill": "rules", "reveal": "hint"}),
    ("backprop", {"neuron": "3"}),  # a bare k: backward-k, rewritten quietly
    ("backprop", {"neuron": " Forward"}),
    (
        "backprop",
        {"neuron": "backward-2", "w0": "1", "b0": "-1", "momentum": "0.5", "code": "true"},
    ),
    ("extrema", {"restrict": "true", "lo": "-1", "hi": "2", "open": "true"}),
    ("limits", {"f": "sin(x)/x", "a": "0", "steps": "false", "epsilon_delta": "true"}),
    ("derivatives", {"f": "x^(1/3)", "a": "0", "present": "1", "hide": "f,a,lang"}),
]
PAGE_NAMES = [None, "limits", "continuity", "extrema", "derivatives", "gradient-descent"]
PAGE_NAMES += ["backprop", "practice"]


def _said(at) -> list[str]:
    """The texts of the link warnings the run showed (at the top of the page)."""
    starts = tuple(text(lang, "link.refused", items="") for lang in ("en", "ko"))
    return [w.value for w in at.main.warning if w.value.startswith(starts)]


def _items(toast: str) -> dict[str, str | None]:
    """``name=given → shown`` items of a warning, as name → shown (None: no value named)."""
    found = re.findall(r"`([a-z_0-9]+)=[^`]*`(?: → `([^`]*)`)?", toast)
    return {name: shown or None for name, shown in found}


@pytest.mark.parametrize(("page", "query", "expected"), REFUSED)
def test_a_refused_value_is_named_with_what_is_shown(page, query, expected):
    at = open_page(page, **{"lang": "en", **query})
    assert not at.exception
    (toast,) = _said(at)
    assert _items(toast) == expected
    for name in set(expected) - {"hide", "lang"}:  # those two: rewritten (tests below, setup)
        # out of the address, as Streamlit drops a widget's unusable value, or what is shown
        assert at.query_params.get(name) in (None, [], expected[name], [expected[name]]), name


@pytest.mark.parametrize(("page", "query"), USABLE)
def test_a_usable_link_is_not_refused(page, query):
    at = open_page(page, lang="en", **query)
    assert not at.exception
    assert _said(at) == []


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_the_link_a_page_writes_is_never_refused(page):
    """Open a page, change a control, take the address it wrote, open that in a new session."""
    first = open_page(page, lang="ko")
    for box in [*first.main.checkbox, *first.main.toggle][:1]:
        box.set_value(not box.value).run()
    written = {name: first.query_params[name] for name in first.query_params}
    again = open_page(page, **{k: v[-1] if isinstance(v, list) else v for k, v in written.items()})
    assert not again.exception
    assert _said(again) == [], written


def test_said_once_and_in_the_pages_language():
    at = open_page("practice", lang="ko", level="9")
    (toast,) = _said(at)
    assert toast == text("ko", "link.refused", items="`level=9` → `1`")
    at.run()  # the next run reads the address the controls wrote: nothing more to say
    assert _said(at) == []


def test_a_repeated_name_is_quoted_with_every_value():
    at = open_page("gradient-descent", lang="en", w0=["abc", "1"])
    (toast,) = _said(at)
    assert "`w0=abc&w0=1` → `0`" in toast


def test_a_hidden_name_the_page_lacks_leaves_the_address_the_rest_stays():
    at = open_page("limits", lang="en", hide="fx,f")
    (toast,) = _said(at)
    assert _items(toast) == {"hide": None}
    assert at.query_params["hide"] in ("f", ["f"])


def test_a_hostile_value_is_cut_and_cannot_break_out_of_its_code_span():
    at = open_page("gradient-descent", lang="en", w0="`**bold**`<img src=x>" + "9" * 5000)
    (toast,) = _said(at)
    (item,) = re.findall(r"`w0=[^`]*`", toast)
    assert len(item) <= len("`w0=`") + 24 and "<img" in item  # inside the code span, cut
    assert toast.count("`") == 4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=st.sampled_from(PAGE_NAMES),
    values=st.dictionaries(
        st.sampled_from(sorted({n for names in lesson.CONTROLS.values() for n in names})),
        st.one_of(
            st.sampled_from(["abc", "-1", "1e9", "true", "0", "", "x^2", "nan", "inf", "2,3"]),
            st.text(max_size=12),
        ),
        max_size=4,
    ),
)
def test_any_link_opens_and_only_its_own_names_are_said(page, values):
    """Generated links: no page fails, and every name a toast says is one of the link's."""
    at = open_page(page, lang="en", **values)
    assert not at.exception
    for toast in _said(at):
        assert set(_items(toast)) <= set(values) | {"lang"}
