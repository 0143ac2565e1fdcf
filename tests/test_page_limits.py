"""AppTest: the limits page shows the verdict with its reason, the sides, the table and graph."""

import math

import pytest

from tests.apptest import chart, open_page, tables, trace, values


def test_limits_page_course_example_sides_differ():
    at = open_page("limits", lang="en")
    assert not at.exception
    assert at.error[0].value.startswith("**The limit does not exist because the sides differ:**")
    assert r"\lim_{x \to -1^-} f(x) = -\infty" in at.latex[1].value
    assert r"\lim_{x \to -1^+} f(x) = \infty" in at.latex[1].value
    left, right = tables(at)
    assert left["f(x)"] == [-(10**k) for k in range(1, 7)]
    assert right["x"][0] == -0.9
    figure = chart(at)
    assert math.isnan(
        values(trace(figure, "f(x)")["y"])[values(trace(figure, "f(x)")["x"]).index(-1.0)]
    )
    left = trace(figure, "from the left")
    xs, ys = values(left["x"]), values(left["y"])
    assert all(x < -1 for x in xs) and xs == sorted(xs) and xs[-1] > -1.06  # marching to a
    assert ys == sorted(ys, reverse=True) and ys[-1] < -10  # f → −∞ from the left
    at.select_slider(key="zoom").set_value(0.1).run()
    xs = values(trace(chart(at), "from the left")["x"])
    assert xs[0] > -1.1 and xs[-1] < -1  # the slider re-spaces them (no SymPy on the move)


def test_limits_page_link_and_verdicts_in_both_languages():
    at = open_page("limits", lang="en", f="sin x / x", a="0")
    assert at.success[0].value.startswith("**The limit exists.**")
    assert r"\lim_{x \to 0} f(x) = 1" in at.success[0].value
    figure = chart(at)
    assert values(trace(figure, "left-hand limit")["y"]) == [1.0]
    at.segmented_control(key="lang_switch").set_value("ko").run()
    assert at.success[0].value.startswith("**극한이 존재합니다.**")
    at.text_input(key="f").input("sin(1/x)").run()
    assert "진동" in at.error[0].value


def test_limits_page_presets_and_infinity():
    at = open_page("limits", lang="en")
    at.button(key="preset-limits.preset.loss").click().run()
    assert at.text_input(key="f").value == "2e^(-x/10)"
    assert at.text_input(key="a").value == "oo"
    assert r"\lim_{x \to \infty} f(x) = 0" in at.success[0].value
    assert len(tables(at)) == 1


def test_limits_page_bad_input_is_explained():
    at = open_page("limits", lang="en", f="1/(x+1", a="-1")
    assert at.error[0].value == "A `(` has no partner: check the brackets."
    assert at.code[0].value == "1/(x+1\n  ^"
    assert not at.get("plotly_chart")
    at = open_page("limits", lang="en", a="x")
    assert at.error[0].value.startswith("Unknown name `x`")


@pytest.mark.parametrize(
    ("f", "a", "lang", "box", "start"),
    [
        (
            "sin(1/x)/x",
            "0",
            "en",
            "error",
            "**The limit does not exist: f oscillates without",
        ),
        (
            "x sin x",
            "oo",
            "ko",
            "error",
            "**극한이 존재하지 않습니다: f가 $\\infty$ 근처",
        ),
        ("x^(1/3)", "0", "en", "success", "**The limit exists.**"),
        ("sin(x)^2 + cos(x)^2", "oo", "en", "success", "**The limit exists.**"),
        (
            "min(x, x^2)/x",
            "0",
            "en",
            "error",
            "**The limit does not exist because the sides",
        ),
        ("{x < 1: x^2, 2x}", "1", "ko", "error", "**좌극한과 우극한이 달라서"),
        (
            "x/|sqrt(x^2-1)|",
            "1",
            "en",
            "error",
            "**The limit does not exist: f is not defined",
        ),
    ],
)
def test_limits_page_true_on_student_functions(f, a, lang, box, start):
    at = open_page("limits", lang=lang, f=f, a=a)
    assert not at.exception
    assert getattr(at, box)[0].value.startswith(start)


def test_limits_page_sides_in_words_not_a_contradicted_value():
    at = open_page("limits", lang="en", f="x/|sqrt(x^2-1)|", a="1")
    limits_row = at.latex[-1].value
    assert r"\text{f is not defined there}" in limits_row  # left: √ of a negative number
    assert r"1^+} f(x) = \infty" in limits_row
    assert r"-\infty" not in limits_row  # SymPy alone says −∞ on the left
    at = open_page("limits", lang="en", f="min(x, x^2)/x", a="0")
    assert "from the left f → $1$, from the right f → $0$" in at.error[0].value


def test_limits_page_draws_no_points_where_f_is_undefined():
    """|√(x² − 1)| for |x| < 1 would be real through a complex √: no dots there either."""
    at = open_page("limits", lang="en", f="x/|sqrt(x^2-1)|", a="1")
    left = trace(chart(at), "from the left")
    inside = [y for x, y in zip(values(left["x"]), values(left["y"]), strict=True) if -1 < x < 1]
    assert inside and all(y is None or math.isnan(y) for y in inside)
