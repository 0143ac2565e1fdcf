"""Found by a fresh pair of eyes: power towers reached mpmath's limits (OverflowError: complex
exponentiation; "too many digits in integer") and the pages showed the app's bug message; ∞ typed
as f was analysed as a function. Evaluation failures of every kind now mean "no value here"."""

import math

import pytest
import sympy as sp

from mathcore import InputError, limit_at, numeric_values, parse_expression, parse_point
from tests.apptest import open_page

x = sp.Symbol("x", real=True)
BUG = ("Something went wrong on our side", "앱 내부에서 문제가 생겼습니다")


def shown(at) -> list[str]:
    return [m.value for m in (*at.error, *at.warning, *at.info, *at.markdown)]


def test_a_power_tower_is_evaluated_or_has_no_value():
    tower = parse_expression("x^x^x")  # x^(x^x)
    values = numeric_values(tower, x, [-1000, -2, 2])  # no OverflowError on the way
    assert math.isnan(values[1])  # (−2)^(1/4) is not real
    assert values[2] == 16.0  # 2^(2^2), hand-derived
    assert limit_at(tower, x, 1).value == 1  # 1^(1^1)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("limits", {"f": "x^x^x", "a": "1"}),
        ("limits", {"f": "x^x^x^x"}),
        ("derivatives", {"f": "x^x^x^x^x^x^x"}),
    ],
)
def test_power_towers_never_show_the_bug_message(page, query):
    for lang in ("en", "ko"):
        at = open_page(page, lang=lang, **query)
        assert not at.exception
        assert not [m for m in shown(at) if m.startswith(tuple(f"**{b}" for b in BUG))]


@pytest.mark.parametrize("text", ["oo", "-oo", "x + oo", "∞", "exp(x) + oo"])
def test_infinity_is_no_function(text):
    with pytest.raises(InputError) as error:
        parse_expression(text)
    assert error.value.code == "infinite_value"


def test_infinity_is_still_a_point():
    assert parse_point("oo") == sp.oo and parse_point("-∞") == -sp.oo


@pytest.mark.parametrize("page", ["limits", "continuity", "extrema", "derivatives"])
def test_infinity_as_f_is_refused_in_words(page):
    at = open_page(page, lang="en", f="oo")
    assert any(m.startswith("∞ is not a value a function can take") for m in shown(at))
    at = open_page(page, lang="ko", f="oo")
    assert any(m.startswith("∞는 함수가 가질 수 있는 값이 아닙니다") for m in shown(at))
    assert not at.get("plotly_chart")


def test_a_step_function_says_its_flat_points_are_extrema():
    """⌊x⌋: every point of a flat piece is a non-strict local minimum and maximum (the page used
    to say "there are no local extrema to list")."""
    (note,) = open_page("extrema", lang="en", f="floor(x)").info
    assert "both a (non-strict) local minimum and a local maximum" in note.value
    assert "no local extrema" not in note.value
