"""AppTest: the extrema page marks critical points with their kind and the deciding test."""

import math

import pytest

from tests.apptest import chart, open_page, tables, trace, values


def test_extrema_page_course_example():
    at = open_page("extrema", lang="en")
    assert not at.exception
    assert at.latex[1].value.strip("$\n") == r"f'(x) = 2 x - 4 \qquad f''(x) = 2"
    (table,) = tables(at)
    assert table["x"] == ["$2$"] and table["f(x)"] == [-1.0]
    assert table["kind"] == ["local minimum"]
    assert table["decided by"] == ["second-derivative test"]
    figure = chart(at)
    assert values(trace(figure, "local minimum")["x"]) == [2.0]
    assert "xaxis2" in figure["layout"]  # f' drawn below


def test_extrema_page_first_derivative_test_and_korean():
    at = open_page("extrema", lang="ko", f="x^4")
    (table,) = tables(at)
    assert table["종류"] == ["극소"]
    assert table["판정 방법"] == ["일계도함수(부호) 판정"]
    at = open_page("extrema", lang="en", f="x^3")
    assert tables(at)[0]["kind"] == ["neither"]


def test_extrema_page_interval_and_numeric_fallback():
    at = open_page("extrema", lang="en", f="x^2 sin x")
    assert len(tables(at)[0]["x"]) == 7
    assert at.main.caption[-1].value.startswith("f′(x) = 0 has no solution the app can write")
    at.toggle(key="restrict").set_value(True).run()
    at.number_input(key="lo").set_value(1.0).run()
    at.number_input(key="hi").set_value(6.0).run()
    assert tables(at)[0]["kind"] == ["local maximum", "local minimum"]


def test_extrema_page_kink_and_no_points():
    at = open_page("extrema", lang="en", f="|x - 1|")
    assert tables(at)[0]["x"] == ["$1$"]
    at = open_page("extrema", lang="en", f="e^x")
    assert at.info[0].value == "No critical points on the whole real line."  # where it looked


def test_extrema_page_interval_from_a_lesson_link():
    at = open_page("extrema", lang="en", f="x^2 sin x", restrict="true", lo="1", hi="6")
    assert tables(at)[0]["kind"] == ["local maximum", "local minimum"]


def test_extrema_page_roots_holes_and_kinks_inside_sums():
    at = open_page("extrema", lang="en", f="x^(2/3)")
    assert not at.exception
    (table,) = tables(at)  # a cusp at 0: f′ undefined there, f falls then rises
    assert (table["x"], table["kind"]) == (["$0$"], ["local minimum"])
    for f in ("sqrt(x)", "(x^2-1)/(x-1)", "x^(1/3)"):
        assert not open_page("extrema", lang="en", f=f).exception, f
    at = open_page("extrema", lang="en", f="x^2 + |x|^3")
    (table,) = tables(at)  # f′(0) = 0, and f ≥ 0 = f(0)
    assert (table["x"], table["kind"]) == (["$0$"], ["local minimum"])


def test_extrema_page_step_functions_are_said_to_be_steps():
    at = open_page("extrema", lang="ko", f="floor(x)^2")
    assert not at.exception
    assert at.info[0].value.startswith("**f는 계단함수입니다:**")
    assert not tables(at)


def test_extrema_page_no_derivative_values_where_none_exist():
    at = open_page("extrema", lang="en", f="|sin x|")
    (table,) = tables(at)
    kinks = [i for i, k in enumerate(table["kind"]) if k == "local minimum"]
    assert len(kinks) == 7  # kπ for k = −3 … 3: |sin x| has a corner there
    assert all(math.isnan(table["f′(x)"][i]) for i in kinks)  # shown as —, not ±1
    peaks = [i for i, k in enumerate(table["kind"]) if k == "local maximum"]
    assert all(table["f′(x)"][i] == 0 for i in peaks)
    assert "-0" not in next(m.value for m in at.markdown if m.value.startswith("| "))


def test_extrema_page_says_when_the_interval_is_empty():
    at = open_page("extrema", lang="en", f="x^2 - 4x + 3", restrict="true", lo="3", hi="1")
    assert at.warning[0].value.startswith("The interval is empty")
    assert tables(at)[0]["x"] == ["$2$"]  # the whole line instead, and the page says so
    at = open_page("extrema", lang="ko", f="x^2 - 4x + 3", restrict="true", lo="2", hi="2")
    assert at.warning[0].value.startswith("구간이 비어 있습니다")


def test_extrema_page_max_of_a_cube_root_and_a_cosine():
    at = open_page("extrema", lang="en", f="max(cbrt(x), cos x)")
    assert not at.exception and not at.error
    kinds = tables(at)[0]["kind"]
    assert "local minimum" in kinds and "local maximum" in kinds


@pytest.mark.parametrize(
    ("lang", "start"), [("en", "**f is constant:**"), ("ko", "**f는 상수함수")]
)
def test_extrema_page_a_constant_is_not_a_step_function(lang, start):
    # found by a fresh pair of eyes: f = 0 and f = 5 were called step functions "between jumps"
    for f in ("0", "5"):
        at = open_page("extrema", lang=lang, f=f)
        assert [i.value for i in at.info if i.value.startswith(start)]
    at = open_page("extrema", lang="en", f="floor(x)")  # a real step function still is one
    assert at.info[0].value.startswith("**f is a step function:**")


def test_extrema_page_says_when_the_table_is_not_every_critical_point():
    """sin(1/x) has infinitely many critical points near 0 (x = 1/(π/2 + kπ)): the page names the
    stretch it cannot list; sin x has infinitely many along the line; x² sin x was searched on a
    grid in (−10, 10) only. A polynomial's table is complete and says nothing more."""
    at = open_page("extrema", lang="en", f="sin(1/x)")
    (warning,) = at.warning
    assert warning.value.startswith("Between -0.04 and 0.04 the critical points pile up")
    assert not at.info  # nothing repeats outward: no "between -10 and 10"
    assert "**16 critical points shown in $(-10, 10)$ (there are more: see below)**" in [
        m.value for m in at.markdown
    ]
    at = open_page("extrema", lang="en", f="sin(x)")
    assert len(tables(at)[0]["x"]) == 6
    assert "infinitely many critical points" in at.info[0].value
    assert "between -10 and 10" in at.info[0].value
    at = open_page("extrema", lang="ko", f="x^2 sin x")
    assert at.info[0].value.startswith("이 임계점들은 -10과 10 사이에서만")
    at = open_page("extrema", lang="ko", f="sin(1/x)")
    assert at.warning[0].value.startswith("-0.04와 0.04 사이에서는")
    for f in ("x^2 - 4x + 3", "|x - 1|"):
        at = open_page("extrema", lang="en", f=f)
        assert not at.warning and not at.info
    at = open_page("extrema", lang="en", f="sin(x)", restrict="true", lo="1", hi="6")
    assert not at.info


def test_extrema_page_cubic_table_reads_the_analysis():
    # x³ − 3x: f′ = 3x² − 3 = 0 at ±1, f(∓1) = ±2, f″ = 6x = ∓6 there (by hand)
    at = open_page("extrema", lang="en", f="x^3 - 3x")
    (table,) = tables(at)
    assert (table["f(x)"], table["f′(x)"], table["f″(x)"]) == ([2.0, -2.0], [0.0, 0.0], [-6, 6])
    assert table["kind"] == ["local maximum", "local minimum"]
    figure = chart(at)  # drawn on −3 … 3: the points with 2 on each side
    assert values(trace(figure, "local maximum")["x"]) == [-1.0]
    assert figure["layout"]["xaxis2"].get("range") in (None, [-3.0, 3.0])


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_extrema_page_closed_interval_marks_the_absolute_extrema(lang):
    """``restrict=true&lo=…&hi=…`` is the closed interval [lo, hi]: x³ − 3x on [−1.5, 10] has
    its absolute maximum 970 at the endpoint 10 and its minimum −2 at the critical point 1 (by
    hand: f(−1.5) = 1.125, f(−1) = 2, f(1) = −2, f(10) = 970); the chart marks both, its y-axis
    reaching 970, and the count says where it looked."""
    at = open_page("extrema", lang=lang, f="x^3 - 3x", restrict="true", lo="-1.5", hi="10")
    assert not at.exception
    said = "\n".join(m.value for m in at.markdown)
    words = {
        "en": ("**Absolute maximum:** f = $970$ at x = $10$.", "2 critical points in"),
        "ko": ("**최댓값:** x = $10$에서 f = $970$", "에서 임계점 2개"),
    }[lang]
    assert words[0] in said and words[1] in said and "$[-1.5, 10]$" in said
    table = tables(at)[-1]  # the candidates: both endpoints and both critical points
    assert table["x"] == ["$-1.5$", "$-1$", "$1$", "$10$"]
    figure = chart(at)
    top = trace(figure, {"en": "absolute maximum", "ko": "최댓값"}[lang])
    assert values(top["x"]) == [10.0] and values(top["y"]) == [970.0]
    assert figure["layout"]["yaxis"]["range"][1] >= 970


def test_extrema_page_open_interval_says_when_there_is_no_absolute_extremum():
    """``open=true``: (0, 1) for f = x has neither; x³ − 3x on (−1.5, 10) keeps its minimum −2
    at 1 but only comes close to 970 at 10."""
    at = open_page("extrema", lang="en", f="x", restrict="true", open="true", lo="0", hi="1")
    said = "\n".join(m.value for m in at.markdown)
    assert "**No absolute maximum:** f comes as close as you like to $1$ as $x \\to 1^{-}$" in said
    assert "**No absolute minimum:** f comes as close as you like to $0$ as $x \\to 0^{+}$" in said
    at = open_page(
        "extrema", lang="en", f="x^3 - 3x", restrict="true", open="true", lo="-1.5", hi="10"
    )
    said = "\n".join(m.value for m in at.markdown)
    assert "**No absolute maximum:**" in said and "$970$ as $x \\to 10^{-}$" in said
    assert "**Absolute minimum:** f = $-2$ at x = $1$." in said
    at = open_page("extrema", lang="en", f="1/x", restrict="true", lo="-1", hi="1")
    said = "\n".join(m.value for m in at.markdown)
    assert "not continuous on $[-1, 1]$ (at x = $0$)" in said
    assert "**No absolute maximum:** f grows without bound as $x \\to 0^{+}$." in said


def test_extrema_page_writes_a_typed_end_as_typed_and_decimals_in_tex():
    """x on [−1.5, 2.5]: the maximum 2.5 is at the end x = 2.5, written as typed, not 5/2 (a
    fresh pair of eyes); e^x on [0, 20]: e²⁰ ≈ 4.85165 × 10⁸ (by hand 485165195.4), in TeX."""
    at = open_page("extrema", lang="en", f="x", restrict="true", lo="-1.5", hi="2.5")
    said = "\n".join(m.value for m in at.markdown)
    assert "**Absolute maximum:** f = $\\frac{5}{2} \\approx 2.5$ at x = $2.5$." in said
    assert "x = $\\frac{5}{2}$" not in said
    at = open_page("extrema", lang="en", f="e^x", restrict="true", lo="0", hi="20")
    said = "\n".join(m.value for m in at.markdown)
    assert "f = $e^{20} \\approx 4.85165 \\times 10^{8}$ at x = $20$" in said


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_extrema_page_sin_one_over_x_reaches_its_bounds(lang):
    """sin(1/x) on [−1, 1]: not every critical point is known, but ±1 are reached: the page says
    both, lists three places and an ellipsis (there are infinitely many)."""
    at = open_page("extrema", lang=lang, f="sin(1/x)", restrict="true", lo="-1", hi="1")
    assert not at.exception
    said = "\n".join(m.value for m in at.markdown)
    info = "\n".join(m.value for m in at.info)
    words = {
        "en": ("**Absolute maximum:** f = $1$ at x = $", "interval arithmetic"),
        "ko": ("**최댓값:** x = $", "구간 연산"),
    }[lang]
    assert words[0] in said and ", …" in said and words[1] in info
