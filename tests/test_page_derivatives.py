"""AppTest: the derivatives page — secant slopes, tangent, table, steps and the rule table."""

import math

import pytest

from tests.apptest import chart, open_page, tables, trace, values

H_VALUES = (1.0, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-4, 1e-6)  # the chart's h steps


def test_derivatives_page_secant_turns_into_tangent():
    at = open_page("derivatives", lang="en")
    assert not at.exception
    assert at.latex[1].value.strip("$\n") == "f'(x) = 2 x"
    assert at.success[0].value == ("Tangent line at $x = 1$: $y = 2 x - 1$, slope $f'(1) = 2$")
    assert chart(at)["layout"]["title"]["text"].endswith("= 3")  # at h = 1: (4 − 1)/1
    (table,) = tables(at)
    assert table["h"][:3] == [1.0, 0.5, 0.2]
    for h, q in zip(table["h"], table["(f(a+h)−f(a))/h"], strict=True):
        assert q == pytest.approx(2 + h, rel=1e-12)  # independent: ((1+h)² − 1)/h
    figure = chart(at)
    assert values(trace(figure, "tangent")["y"]) == [-5.0, 7.0]  # y = 2x − 1 at x = −2, 4
    assert len(figure["frames"]) == 9  # Play runs through every h in the browser
    frame = figure["frames"][H_VALUES.index(0.01)]  # the chart's slider at h = 0.01
    assert frame["layout"]["title"]["text"].endswith("= 2.01")
    assert values(frame["data"][0]["y"]) == pytest.approx([-5.03, 7.03])  # 1 + 2.01(x − 1)


def test_derivatives_page_kink_has_no_tangent():
    at = open_page("derivatives", lang="en", f="relu(x)", a="0")
    assert at.warning[0].value.startswith("**Continuous but not differentiable at $x = 0$.**")
    assert at.info[0].value.startswith("Sub-gradient: any slope in $[0, 1]$")
    (table,) = tables(at)
    assert set(table["(f(a+h)−f(a))/h"]) == {1.0}
    assert set(table["(f(a−h)−f(a))/(−h)"]) == {0.0}


def test_derivatives_page_steps_and_rule_table_in_korean():
    at = open_page("derivatives", lang="ko", f="x^2 sin x", a="1")
    steps = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert steps.startswith("- **곱의 법칙**")
    at.button(key="try-ln x").click().run()
    assert at.text_input(key="f").value == "ln x"
    assert at.latex[1].value.strip("$\n") == r"f'(x) = \frac{1}{x}"


def test_derivatives_page_irrational_tangent_is_readable():
    at = open_page("derivatives", lang="en", f="x^2 sin x", a="1")
    message = at.success[0].value  # slope cos 1 + 2 sin 1 = 2.2232…, intercept −1.3818…
    assert r"\approx 2.223" in message and "2.223 x - 1.382" in message


def test_derivatives_page_kink_between_curves_draws_no_tangent():
    at = open_page("derivatives", lang="en", f="max(x, x^2)", a="1")
    assert "from the left $1$, from the right $2$" in at.warning[0].value
    assert not [t for t in chart(at)["data"] if t.get("name") == "tangent"]
    (table,) = tables(at)  # right quotients → 2 (x² side), left ones → 1 (x side)
    assert table["(f(a+h)−f(a))/h"][-1] == pytest.approx(2, abs=1e-5)
    assert table["(f(a−h)−f(a))/(−h)"][-1] == pytest.approx(1, abs=1e-9)


def test_derivatives_page_real_cube_root_tangent():
    at = open_page("derivatives", lang="en", f="x^(1/3)", a="-8")
    # d/dx ∛x = 1/(3∛(x²)) = 1/12 at −8; ∛(−8) = −2, so y = x/12 − 4/3
    assert at.success[0].value == (
        r"Tangent line at $x = -8$: $y = \frac{x}{12} - \frac{4}{3}$, slope $f'(-8) = \frac{1}{12}$"
    )


def test_derivatives_page_derivative_exists_but_oscillates():
    at = open_page("derivatives", lang="ko", f="{x != 0: x^2 sin(1/x), 0}", a="0")
    assert not at.exception
    assert "기울기 $f'(0) = 0$" in at.success[0].value
    assert at.info[0].value.startswith("**f′($0$)는 존재하지만 그 점에서 f′는 연속이 아닙니다")


def test_derivatives_page_missing_value_keeps_the_derivative():
    at = open_page("derivatives", lang="en", f="1/x", a="0")
    # the same words as the continuity page: f has no value at 0, so no difference quotient
    assert at.warning[0].value.startswith("**Not differentiable at $x = 0$:** f has no finite")
    assert [c for c in at.caption if c.value.startswith("There is no point (a, f(a))")]
    assert at.latex[1].value.strip("$\n") == r"f'(x) = - \frac{1}{x^{2}}"
    assert chart(at, 1)  # f and f′ still drawn


def test_derivatives_page_says_why_there_is_no_tangent():
    """The same words as the continuity page, from the one-sided slopes: not 'the two sides do
    not settle' where both sides agree on +∞ (∛x) or one side does not exist (√x)."""
    at = open_page("derivatives", lang="en", f="x^(1/3)", a="0")
    assert "a vertical tangent." in at.warning[0].value
    at = open_page("derivatives", lang="ko", f="sqrt(x)", a="0")
    assert "정의역의 끝점에서 수직 접선" in at.warning[0].value
    at = open_page("derivatives", lang="en", f="floor(x)", a="2")
    assert at.warning[0].value.startswith("**f is not continuous at $x = 2$")


def test_derivatives_page_secant_without_a_value_says_so():
    at = open_page("derivatives", lang="en", f="sin(1/x)/x", a="1", h="1")  # a − h = 0
    assert not at.exception and at.success  # f′(1) exists: the tangent is shown
    (table,) = tables(at)
    assert math.isnan(table["(f(a−h)−f(a))/(−h)"][0])  # f(0) does not exist
    assert not any("nan" in m.value for m in at.markdown)
    at = open_page("derivatives", lang="ko", f="sqrt(1 - x^2)", a="0.5")  # f(1.5) does not
    titles = {f["name"]: f["layout"]["title"]["text"] for f in chart(at)["frames"]}
    assert titles["1"] == "h = 1 · 할선 없음: x = a + h에서 f가 정의되지 않습니다"
    assert "nan" not in " ".join(titles.values())


def test_derivatives_page_has_one_h_control_and_frames_carry_the_slope():
    """One h control (the chart's own slider): each frame names its h and the secant slope, so
    what is shown beside the secant cannot disagree with it."""
    at = open_page("derivatives", lang="en")  # f = x², a = 1: slope (f(1+h) − f(1))/h = 2 + h
    assert not at.select_slider and not at.slider
    assert not [m for m in at.markdown if m.value.startswith("Slope of this secant")]
    figure = chart(at)
    (slider,) = figure["layout"]["sliders"]
    labels = ["1", "0.5", "0.2", "0.1", "0.05", "0.01", "0.001", "0.0001", "10⁻⁶"]  # not 1e-06
    assert [s["label"] for s in slider["steps"]] == labels
    for frame, label in zip(figure["frames"], labels, strict=True):
        h = float(frame["name"])
        title = frame["layout"]["title"]["text"]
        assert f"{2 + h:.10g}" in title and f"h = {label} ·" in title
    assert figure["layout"]["title"]["text"] == figure["frames"][0]["layout"]["title"]["text"]


def test_derivatives_page_old_h_link_opens_on_that_h():
    at = open_page("derivatives", lang="ko", h="0.01")  # a lesson link from before
    assert not at.exception
    figure = chart(at)
    assert figure["layout"]["sliders"][0]["active"] == H_VALUES.index(0.01)
    assert "2.01" in figure["layout"]["title"]["text"]  # (1.01² − 1)/0.01
    assert values(trace(figure, "할선")["y"]) == pytest.approx([-5.03, 7.03])
    assert not open_page("derivatives", lang="en", h="banana").exception


@pytest.mark.parametrize(("f", "a"), [("tan x", "pi/2"), ("1/x", "0"), ("ln x", "0")])
def test_derivatives_page_undefined_value_draws_no_secant(f, a):
    """f(a) does not exist (tan at π/2 evaluates to 10¹⁶ in floats): no quotient, no secant, no
    absurd axis — the y-range is set by the curve near the pole, a few units."""
    at = open_page("derivatives", lang="en", f=f, a=a)
    assert "f has no finite value there" in at.warning[0].value
    assert "e+" not in " ".join(m.value for m in at.markdown)
    (table,) = tables(at)
    assert all(math.isnan(q) for q in table["(f(a+h)−f(a))/h"])
    figure = chart(at)
    low, high = figure["layout"]["yaxis"]["range"]
    assert -100 < low < high < 100
    assert not [t for t in figure["data"] if t.get("name") == "secant"]
    assert "sliders" not in figure["layout"] and not figure.get("frames")
    assert chart(at, 1)  # f and f′ still drawn


@pytest.mark.parametrize(("f", "a"), [("ln x", "1"), ("ln(x^2-1)", "2"), ("sqrt(x)", "1")])
def test_derivatives_page_draws_f_prime_only_where_f_is_defined(f, a):
    figure = chart(open_page("derivatives", lang="en", f=f, a=a), 1)
    f_trace, d_trace = trace(figure, "f(x)"), trace(figure, "f′(x)")
    fx, fy = values(f_trace["x"]), values(f_trace["y"])
    dx, dy = values(d_trace["x"]), values(d_trace["y"])
    undefined = [x for x, y in zip(fx, fy, strict=True) if math.isnan(y)]
    assert undefined  # each has a stretch where f is not defined in the window
    for x, y in zip(dx, dy, strict=True):
        if not math.isnan(y):  # drawn: f is defined there (|x| ≤ 1 undefined for ln(x² − 1))
            assert (x > 0) if f != "ln(x^2-1)" else (abs(x) > 1)


def test_derivatives_tangent_of_sin_at_pi_has_no_float_one():
    # found by a fresh pair of eyes: "y = 3.142 − 1.0 x"; f′(π) = −1 exactly, f(π) = 0
    at = open_page("derivatives", lang="en", f="sin x", a="pi")
    said = " ".join(e.value for e in [*at.success, *at.markdown])
    assert "3.142 - x" in said and "1.0" not in said


def _said(at) -> str:
    """Every caption and Markdown text of the page, the charts' text alternatives included."""
    return " ".join(e.value for e in [*at.caption, *at.markdown])


def test_derivatives_page_words_name_only_what_is_drawn():
    # found by a fresh user: at tan x, π/2 (f(a) does not exist) the caption still promised
    # an h slider and a secant turning into the tangent, neither of them drawn
    at = open_page("derivatives", lang="en", f="tan(x)", a="pi/2")
    names = {t.get("name") for t in chart(at)["data"]}
    assert "secant" not in names and "tangent" not in names
    assert "Drag the h slider" not in _said(at) and "and the tangent there" not in _said(at)
    assert "f(a) does not exist, so there is no secant and no tangent" in _said(at)
    ko = open_page("derivatives", lang="ko", f="tan(x)", a="pi/2")
    # (the f-and-f′ chart below has its own x slider, the tangent explorer: it is drawn)
    assert "h 슬라이더" not in _said(ko) and "접선 그래프" not in _said(ko)
    # |x| at 0: the secant is drawn, no tangent (f′(0) does not exist)
    at = open_page("derivatives", lang="en", f="|x|", a="0")
    names = {t.get("name") for t in chart(at)["data"]}
    assert "secant" in names and "tangent" not in names
    assert "turn into the tangent" not in _said(at) and "and the tangent there" not in _said(at)
    assert "no tangent line is drawn" in _said(at)
    # x² at 1: both drawn, and said
    at = open_page("derivatives", lang="en", f="x^2", a="1")
    assert {"secant", "tangent"} <= {t.get("name") for t in chart(at)["data"]}
    assert "watch the secant turn into the tangent" in _said(at)


def test_derivatives_page_steps_do_not_call_a_jump_a_corner():
    # found by a fresh user: floor(x) (a jump at every integer) read "undefined at a corner"
    at = open_page("derivatives", lang="en", f="floor(x)", a="2")
    steps = " ".join(m.value for e in at.expander for m in e.markdown)
    assert "Piecewise" in steps and "corner" not in steps
    assert "where the pieces meet" in steps
    ko = open_page("derivatives", lang="ko", f="floor(x)", a="2")
    assert "꺾이는" not in " ".join(m.value for e in ko.expander for m in e.markdown)


def test_derivatives_page_does_not_call_a_break_continuous():
    # f = sin(1/x) for x ≠ 0, f(0) = 0: f has no limit at 0, so f is not continuous there
    # (and the difference quotient sin(1/h)/h oscillates without bound)
    at = open_page("derivatives", lang="en", f="{x != 0: sin(1/x), 0}", a="0")
    (warning,) = at.warning
    assert warning.value.startswith("**f is not continuous at $x = 0$")
    assert "Continuous" not in warning.value and "jumps" not in warning.value


@pytest.mark.parametrize("f", ["150", "x*10^-9", "10^9 x"])
def test_derivatives_page_axes_never_show_si_letters(f):
    # f = 150 is flat: Plotly's default tick format had labelled such axes "150n", "1B", "0.5µ"
    at = open_page("derivatives", lang="en", f=f, a="1")
    for index in (0, 1):
        layout = chart(at, index)["layout"]
        assert layout["xaxis"]["exponentformat"] == "power"
        assert layout["yaxis"]["exponentformat"] == "power"


def test_derivatives_page_tangent_explorer_moves_in_the_browser():
    """The f-and-f′ chart's own x slider: 49 frames across a ± 3, each a tangent whose slope is
    f′ there (x² at 0.5: y = 0.25 + 1·(x − 0.5)) and a dot on f′ at that height."""
    at = open_page("derivatives", lang="en", f="x^2", a="1")
    figure = chart(at, 1)
    assert len(figure["frames"]) == 49
    (slider,) = figure["layout"]["sliders"]
    assert slider["name"] == "tangent" and slider["active"] == 24  # opens at a = 1
    assert figure["layout"]["title"]["text"].startswith("x = 1 · f′(x) = 2")
    frame = next(f for f in figure["frames"] if f["name"] == "0.5")
    line, on_f, on_derivative = (values(d["y"]) for d in frame["data"])
    ends = [0.5 - 1.0, 0.5 + 1.0]  # one sixth of the 6-wide window either side
    assert line == pytest.approx([0.25 + (e - 0.5) for e in ends])
    assert (on_f, on_derivative) == ([0.25], [1.0])
    assert frame["layout"]["title"]["text"].startswith("x = 0.5 · f′(x) = 1")


def test_derivatives_page_tangent_explorer_opens_where_the_link_says():
    at = open_page("derivatives", lang="ko", f="abs(x)", a="1", tangent="0")
    figure = chart(at, 1)
    assert figure["layout"]["sliders"][0]["active"] == 16  # x = 0 is 8 steps of 1/8 left of 1
    assert figure["layout"]["title"]["text"] == "x = 0 · 여기서는 f의 도함수가 없습니다: 접선 없음"
    at = open_page("derivatives", lang="en", f="x^2", a="1", tangent="0.1234")  # not on the grid
    assert chart(at, 1)["layout"]["sliders"][0]["active"] == 24


def test_derivatives_page_tangent_explorer_says_where_f_is_not_defined():
    """Found by a fresh pair of eyes: ln x at x ≤ 0 said "f has no derivative here" — f is not
    defined there; and the dot on f was named like the secant's two points."""
    at = open_page("derivatives", lang="en", f="ln x", a="1")
    figure = chart(at, 1)
    at_minus_one = next(f for f in figure["frames"] if f["name"] == "-1")
    assert at_minus_one["layout"]["title"]["text"] == "x = -1 · f is not defined here: no tangent"
    names = [t.get("name") for t in figure["data"]]
    assert "point of tangency (x, f(x))" in names
    assert "(a, f(a)) and (a+h, f(a+h))" not in names
