"""AppTest: the practice page checks answers, names wrong terms and keeps a score."""

from mathcore.practice import critical_drill, limit_drill, polynomial_drill
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
    assert "The derivative of $- 4 x$ should be $-4$; your answer has $4$." in [
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
