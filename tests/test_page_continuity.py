"""AppTest: the continuity page checks the three conditions and draws the kind of break."""

import numpy as np
import pytest

from tests.apptest import chart, open_page, trace, values


def test_continuity_page_relu_kink():
    at = open_page("continuity", lang="en")
    assert not at.exception
    assert at.success[0].value == "**Continuous at $x = 0$.**"
    assert at.warning[0].value.startswith("**Continuous but not differentiable at $x = 0$.**")
    assert "from the left $0$, from the right $1$" in at.warning[0].value
    assert at.info[0].value.startswith("Sub-gradient: any slope in $[0, 1]$")
    figure = chart(at)
    assert values(trace(figure, "left tangent")["x"]) == [-1.5, 0.0]
    assert values(trace(figure, "right tangent")["y"]) == [0.0, 1.5]


def test_continuity_page_removable_hole_at_1_2():
    at = open_page("continuity", lang="en", f="(x^2-1)/(x-1)", a="1")
    assert at.error[0].value.startswith("**Removable discontinuity** at $x = 1$")
    conditions = [m.value for m in at.markdown if m.value.startswith(":material/")]
    assert conditions[0] == ":material/cancel: f(a) is not defined"
    assert conditions[1].startswith(":material/check_circle: The limit exists")
    hole = trace(chart(at), "left-hand limit")
    assert (values(hole["x"]), values(hole["y"]), hole["marker"]["color"]) == (
        [1.0],
        [2.0],
        "white",
    )


def test_continuity_page_kinds_in_korean():
    at = open_page("continuity", lang="ko", f="floor(x)", a="2")
    assert "도약 불연속" in at.error[0].value
    figure = chart(at)
    assert values(trace(figure, "f(a)")["y"]) == [2.0]
    assert values(trace(figure, "좌극한")["y"]) == [1.0]
    at = open_page("continuity", lang="ko", f="1/(x+1)", a="-1")
    assert "무한 불연속" in at.error[0].value
    assert any(s.get("type") == "line" and s["x0"] == -1 for s in chart(at)["layout"]["shapes"])
    at = open_page("continuity", lang="ko", f="sin(1/x)", a="0")
    assert "진동 불연속" in at.error[0].value


def test_continuity_page_differentiable_point():
    at = open_page("continuity", lang="en", f="x^2", a="1")
    assert at.success[1].value.startswith("**Differentiable at $x = 1$:** $f'(1) = 2$")
    assert values(trace(chart(at), "tangent")["y"]) == [-2.0, 4.0]


def test_continuity_page_needs_a_finite_point():
    at = open_page("continuity", lang="en", a="oo")
    assert at.error[0].value.startswith("Here the point must be a finite number")
    assert not at.exception


def test_continuity_page_vertical_tangent_and_cusp_in_both_languages():
    at = open_page("continuity", lang="en", f="x^(1/3)", a="0")
    assert not at.exception
    assert at.success[0].value == "**Continuous at $x = 0$.**"
    assert "a vertical tangent." in at.warning[0].value
    # ")" inside the math: a line never breaks between the formula and its closing bracket
    assert "(left $\\infty$, right $\\infty)$" in at.warning[0].value
    figure = chart(at)  # both half-tangents vertical: down on the left, up on the right
    assert values(trace(figure, "left tangent")["x"]) == [0.0, 0.0]
    assert values(trace(figure, "left tangent")["y"]) == [0.0, -1.5]
    assert values(trace(figure, "right tangent")["y"]) == [0.0, 1.5]
    at = open_page("continuity", lang="ko", f="x^(2/3)", a="0")
    assert "첨점" in at.warning[0].value
    figure = chart(at)  # a cusp: both half-tangents point up
    assert values(trace(figure, "왼쪽 접선")["y"]) == [0.0, 1.5]
    assert values(trace(figure, "오른쪽 접선")["y"]) == [0.0, 1.5]


def test_continuity_page_edge_oscillation_and_piecewise():
    at = open_page("continuity", lang="en", f="sqrt(x)", a="0")
    assert "a vertical tangent at the edge of f's domain" in at.warning[0].value
    at = open_page("continuity", lang="en", f="sin(1/x)/x", a="0")
    assert not at.exception
    assert at.error[0].value.startswith("**Oscillating discontinuity**")
    assert "arbitrarily large values" in at.error[0].value
    at = open_page("continuity", lang="en", f="{x != 0: x sin(1/x), 0}", a="0")
    assert at.success[0].value == "**Continuous at $x = 0$.**"
    assert "the difference quotient oscillates" in at.warning[0].value
    at = open_page("continuity", lang="en", f="max(x, x^2)", a="1")
    assert "from the left $1$, from the right $2$" in at.warning[0].value
    assert at.info[0].value.startswith("Sub-gradient: any slope in $[1, 2]$")


def test_continuity_page_jump_draws_f_of_a_filled_and_no_connector():
    """floor x at 2: open circle at the left limit 1, f(2) = 2 filled, no open circle where
    the right limit equals f(2), and no step of the line rises by 1/2 (floor's rises are 0)."""
    figure = chart(open_page("continuity", lang="en", f="floor(x)", a="2"))
    assert "right-hand limit" not in {t.get("name") for t in figure["data"]}
    assert trace(figure, "f(a)")["marker"]["color"] == "#000000"
    ys = np.array([np.nan if y is None else y for y in values(trace(figure, "f(x)")["y"])])
    both = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    assert np.abs(np.diff(ys))[both].max() < 0.5


def test_continuity_page_open_circle_beside_an_asymptote():
    """e^(1/x) at 0: → 0 from the left (a hole at (0, 0), f(0) undefined), → ∞ from the right."""
    figure = chart(open_page("continuity", lang="en", f="e^(1/x)", a="0"))
    hole = trace(figure, "left-hand limit")
    assert (values(hole["x"]), values(hole["y"]), hole["marker"]["color"]) == (
        [0.0],
        [0.0],
        "white",
    )


def test_continuity_page_says_what_each_side_does_in_words():
    at = open_page("continuity", lang="en", f="ln(x) sin(1/x)", a="0")
    lines = [m.value for m in at.markdown if m.value.startswith(":material/")]
    assert lines[1] == (
        ":material/cancel: The limit does not exist: from the left f is not defined there, "
        "from the right f oscillates"
    )
    at = open_page("continuity", lang="ko", f="sqrt(x)", a="0")
    assert at.success[0].value.startswith("**$x = 0$에서 오른쪽 연속입니다**")
    assert all("?" not in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("f", "a", "lang", "said", "not_said"),
    [
        # floor at 2: → 1 from the left, → 2 from the right: a jump, nothing about corners
        ("floor(x)", "2", "en", "**Jump discontinuity** at $x = 2$", "corner"),
        ("floor(x)", "2", "ko", "**도약 불연속**", "꺾"),
        # |x| and ReLU at 0: continuous with a corner (slopes −1, 1 and 0, 1)
        ("|x|", "0", "en", "**Continuous at $x = 0$.**", "discontinuity"),
        ("max(x, 0)", "0", "en", "**Continuous at $x = 0$.**", "discontinuity"),
        # ln x → −∞ as x → 0⁺: f falls, it does not grow
        ("ln(x)", "0", "en", "f falls without bound", "grows"),
        ("ln(x)", "0", "ko", "f가 한없이 작아집니다", "커집니다"),
        # 1/(x + 1) at −1: −∞ from the left, +∞ from the right
        ("1/(x+1)", "-1", "en", "on one side and falls without bound", "f grows without bound —"),
        ("1/x^2", "0", "en", "f grows without bound — a vertical asymptote", "falls"),
    ],
)
def test_continuity_page_names_each_break_by_what_f_does(f, a, lang, said, not_said):
    at = open_page("continuity", lang=lang, f=f, a=a)
    verdict = [*at.success, *at.error][0].value
    assert said in verdict and not_said not in verdict


def test_continuity_page_corners_are_continuous_kinks():
    for f in ("|x|", "max(x, 0)", "relu(x)"):
        at = open_page("continuity", lang="en", f=f, a="0")
        assert at.success[0].value == "**Continuous at $x = 0$.**"
        assert at.warning[0].value.startswith("**Continuous but not differentiable at $x = 0$.**")
