"""AppTest: the practice page checks answers, names wrong terms and keeps a score."""

import pytest
import sympy as sp

from mathcore import practice
from mathcore.practice import X, critical_drill, limit_drill, polynomial_drill
from tests.apptest import open_page


def submit(at, kind: str, answer: str):
    at.text_input(key=f"answer-{kind}").input(answer)
    return at.button(key=f"check-{kind}").click().run()


def test_practice_page_derivative_drill_and_score():
    at = open_page("practice", lang="en", seed="1")
    assert not at.exception
    drill = polynomial_drill(1, 1)  # 4x² − 4x − 1
    assert at.markdown[0].value == "Differentiate: $f(x) = 4 x^{2} - 4 x - 1$. Type $f'(x)$."
    submit(at, "derivative", "8x + 4")
    assert at.error[0].value == "Not yet."
    assert "Check the sign: the derivative of $- 4 x$ is $-4$, not $4$." in [
        m.value.removeprefix("- ") for m in at.markdown
    ]
    submit(at, "derivative", "4(2x - 1)")
    assert at.success[0].value == "Correct! $f'(x) = 8 x - 4$"
    assert drill.answer.equals(8 * drill.answer.free_symbols.pop() - 4)
    assert at.metric[0].value == "1 / 2"


def test_practice_page_limit_and_critical_drills():
    at = open_page("practice", lang="ko", seed="4")
    submit(at, "limit", str(limit_drill(4).answer))
    assert at.success[0].value.startswith("정답입니다!")
    submit(at, "critical", str(critical_drill(4).answer + 1))
    assert at.error[0].value == "아직 아닙니다."
    assert at.metric[0].value == "1 / 2"


def test_practice_page_new_problems_and_bad_answers():
    at = open_page("practice", lang="en", seed="1")
    at.button(key="new").click().run()
    assert at.number_input(key="seed").value == 2
    submit(at, "derivative", "8x +")
    assert at.error[0].value.startswith("The input ends with `+`")


COURSE_F = 4 * X**3 - 2 * X**2 + X - 7  # the lesson's example; its −7 is outside every level


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "You kept the constant $-7$: a constant does not change, so its derivative is $0$"
            " — leave it out.",
        ),
        (
            "ko",
            "상수항 $-7$까지 남겨 두었습니다. 상수는 변하지 않으므로 그 도함수는 $0$입니다"
            " — 빼세요.",
        ),
    ],
)
def test_practice_page_names_the_kept_constant(monkeypatch, lang, line):
    course = practice.Drill("derivative", COURSE_F, sp.diff(COURSE_F, X))
    monkeypatch.setattr(practice, "polynomial_drill", lambda seed, level: course)
    at = open_page("practice", lang=lang, seed="1")
    assert "4 x^{3} - 2 x^{2} + x - 7" in at.markdown[0].value
    submit(at, "derivative", "12x^2-4x+1-7")  # f' = 12x² − 4x + 1, the −7 kept
    assert not at.exception
    shown = [m.value.removeprefix("- ") for m in at.markdown if m.value.startswith("- ")]
    assert shown == [line]  # one mistake, on −7; nothing about the term x


def test_practice_page_names_each_mistake_on_a_drill():
    at = open_page("practice", lang="ko", seed="1")  # 4x² − 4x − 1, f' = 8x − 4
    submit(at, "derivative", "4x^2 - 4x")  # 4x² and −4x copied, the −1 dropped as it should be
    shown = [m.value.removeprefix("- ") for m in at.markdown if m.value.startswith("- ")]
    assert shown == [
        "$4 x^{2}$ 항을 미분하지 않고 그대로 옮겼습니다. 이 항의 도함수는 $8 x$입니다.",
        "$- 4 x$ 항을 미분하지 않고 그대로 옮겼습니다. 이 항의 도함수는 $-4$입니다.",
    ]
