"""AppTest: the derivatives page — secant slopes, tangent, table, steps and the rule table."""

import math

import pytest

from tests.apptest import chart, open_page, tables, trace, values


def test_derivatives_page_secant_turns_into_tangent():
    at = open_page("derivatives", lang="en")
    assert not at.exception
    assert at.latex[1].value.strip("$\n") == "f'(x) = 2 x"
    assert at.success[0].value == ("Tangent line at $x = 1$: $y = 2 x - 1$, slope $f'(1) = 2$")
    slope = [m.value for m in at.markdown if m.value.startswith("Slope of this secant")]
    assert slope[0].endswith("= 3$")  # secant slope at h = 1: (4 − 1)/1
    (table,) = tables(at)
    assert table["h"][:3] == [1.0, 0.5, 0.2]
    for h, q in zip(table["h"], table["(f(a+h)−f(a))/h"], strict=True):
        assert q == pytest.approx(2 + h, rel=1e-12)  # independent: ((1+h)² − 1)/h
    figure = chart(at)
    assert values(trace(figure, "tangent")["y"]) == [-5.0, 7.0]  # y = 2x − 1 at x = −2, 4
    assert len(figure["frames"]) == 9  # Play runs through every h in the browser
    at.select_slider(key="h").set_value(0.01).run()
    slope = [m.value for m in at.markdown if m.value.startswith("Slope of this secant")]
    assert slope[0].endswith("= 2.01$")
    assert values(trace(chart(at), "secant")["y"]) == pytest.approx([-5.03, 7.03])  # 1 + 2.01(x−1)


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
    assert at.warning[0].value.startswith("**f($0$) does not exist**")
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
    at = open_page("derivatives", lang="en", f="sin(1/x)/x", a="1", h="1")  # a + h... a − h = 0
    assert not at.exception and at.success  # f′(1) exists: the tangent is shown
    at.select_slider(key="h").set_value(1.0).run()
    (table,) = tables(at)
    assert math.isnan(table["(f(a−h)−f(a))/(−h)"][0])  # f(0) does not exist
    assert not any("nan" in m.value for m in at.markdown)
    at = open_page("derivatives", lang="ko", f="1/x", a="0")
    assert any(m.value.startswith("이 h에는 할선이 없습니다") for m in at.markdown)
