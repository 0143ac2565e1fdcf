"""AppTest: the practice page reads answers as students write them, names wrong terms, gives each
drill its own hints and worked solution, and scores each problem once."""

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
    # one score per problem: the first check counted (wrong), the later right answer does not
    assert at.metric[0].value == "0 / 1"
    assert at.caption[-1].value == "Only the first check of a problem counts toward the score."


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


def messages(at) -> list[str]:
    """Every alert and line of text the page shows (the solutions folded away included)."""
    return [e.value for e in (*at.error, *at.success, *at.markdown, *at.caption)]


@pytest.mark.parametrize(
    ("lang", "hint", "limit_hint"),
    [
        ("en", "The minimum is where $f'(x) = 0$", "0/0"),
        ("ko", "최솟값은 $f'(x) = 0$인 곳에서 생깁니다", "0/0"),
    ],
)
def test_critical_drill_has_its_own_hint(lang, hint, limit_hint):
    at = open_page("practice", lang=lang, seed="5")  # x² − 4x + 3: minimum at x = 2
    submit(at, "critical", "3")
    shown = messages(at)
    assert any(m.startswith(hint) for m in shown)
    assert not any(limit_hint in m or "frac{0}" in m for m in shown)  # not the limit's hint
    submit(at, "critical", "-1")  # f(2) = −1: the value of the minimum, not where it is
    assert any("$-1$" in m and "$x$" in m for m in messages(at) if "f'(x) = 0" not in m)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limit_drill_hint_is_said_once(lang):
    at = open_page("practice", lang=lang, seed="8")  # (x² − 4)/(x − 2) at 2
    submit(at, "limit", "5")
    assert [e.value for e in at.error] == [{"en": "Not yet.", "ko": "아직 아닙니다."}[lang]]
    shown = messages(at)
    assert sum(m.startswith(("Not yet", "아직 아닙니다")) for m in shown) == 1
    assert any("$x = 2$" in m and r"\frac{0}{0}" in m for m in shown)  # the limit's own hint


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("kind", "answer"),
    [
        ("derivative", "f'(x)=8x-4"),  # seed 1: f = 4x² − 4x − 1
        ("derivative", "f′(x) = 8x - 4"),
        ("derivative", "y = 8x - 4"),
        ("derivative", "dy/dx = 4(2x - 1)"),
        ("critical", "x = -1"),  # seed 1: x² + 2x + 1, minimum at −1 with f(−1) = 0
        ("critical", "(-1, 0)"),
        ("limit", "L = 4"),  # seed 1: sin(4x)/x → 4
    ],
)
def test_natural_answer_forms_are_accepted(lang, kind, answer):
    at = open_page("practice", lang=lang, seed="1")
    submit(at, kind, answer)
    assert not at.exception and not at.error
    assert at.success[0].value.startswith(("Correct!", "정답입니다!"))
    assert at.metric[0].value == "1 / 1"


def test_point_with_the_wrong_y_is_wrong():
    at = open_page("practice", lang="en", seed="1")
    submit(at, "critical", "(-1, 3)")
    assert at.error[0].value == "Not yet."
    assert "The $x$ is right, but the point of the graph there is $(-1, 0)$: $f(-1) = 0$." in [
        m.value for m in at.markdown
    ]


NO_LIMIT = practice.Drill("limit", 1 / X, None, sp.Integer(0))
INFINITE = practice.Drill("limit", 1 / X**2, sp.oo, sp.Integer(0))


@pytest.mark.parametrize(
    ("lang", "drill", "answer"),
    [
        ("en", NO_LIMIT, "does not exist"),
        ("en", NO_LIMIT, "DNE"),
        ("ko", NO_LIMIT, "없음"),
        ("ko", NO_LIMIT, "존재하지 않음"),
        ("en", INFINITE, "oo"),
        ("ko", INFINITE, "∞"),
    ],
)
def test_limit_answers_in_words_and_infinity(monkeypatch, lang, drill, answer):
    monkeypatch.setattr(practice, "limit_drill", lambda seed, level=1: drill)
    at = open_page("practice", lang=lang, seed="1")
    submit(at, "limit", answer)
    assert not at.error
    assert at.success[0].value.startswith(("Correct!", "정답입니다!"))


def test_dne_on_a_limit_that_exists_says_it_exists():
    at = open_page("practice", lang="en", seed="8")  # (x² − 4)/(x − 2) → 4
    submit(at, "limit", "dne")
    assert at.error[0].value == "Not yet."
    assert any(m.value.startswith("This limit exists") for m in at.markdown)


@pytest.mark.parametrize(
    ("lang", "kind", "answer", "message", "caret"),
    [
        ("en", "limit", "(2, -1)", "Type a number such as `2` or `-1/2`", "(2, -1)\n  ^"),
        ("ko", "limit", "x", "수를 입력하세요. 예: `2`, `-1/2`", "x\n^"),
        ("en", "critical", "2x", "Type a number such as `2` or `-1/2`, or `x = 2`", "2x\n ^"),
        ("ko", "critical", "(1, 2, 3)", "수 또는 점을 입력하세요", "(1, 2, 3)\n     ^"),
        ("en", "derivative", "x = 2", "Type $f'(x)$ as an expression in $x$", "x = 2\n  ^"),
        # a prefix is stripped, and the caret still points into what the student typed
        ("en", "derivative", "f'(x)=8x-", "The input ends with `-`", "f'(x)=8x-\n        ^"),
    ],
)
def test_unexpected_forms_say_what_is_expected(lang, kind, answer, message, caret):
    at = open_page("practice", lang=lang, seed="1")
    submit(at, kind, answer)
    assert at.error[0].value.startswith(message)
    assert at.code[0].value == caret
    assert "Tuple" not in at.error[0].value and "U+0027" not in at.error[0].value
    assert at.metric[0].value == "0 / 0"  # an answer that could not be read is not a try


def test_repeated_checks_score_once():
    at = open_page("practice", lang="en", seed="4")
    for _ in range(5):
        submit(at, "limit", "2")  # (e^(2x) − 1)/x → 2
    assert at.success[0].value == "Correct! $2$"
    assert at.metric[0].value == "1 / 1"
    submit(at, "critical", "4")  # another problem: its own score
    assert at.metric[0].value == "2 / 2"
    at.button(key="new").click().run()  # a new problem counts again
    submit(at, "limit", "4")  # seed 5: (e^(4x) − 1)/x → 4
    assert at.metric[0].value == "3 / 3"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_new_problems_clear_the_answers(lang):
    at = open_page("practice", lang=lang, seed="1")
    submit(at, "derivative", "8x - 4")
    at.text_input(key="answer-limit").input("4").run()
    at.button(key="new").click().run()
    assert at.number_input(key="seed").value == 2
    assert [at.text_input(key=f"answer-{k}").value for k in ("derivative", "limit")] == ["", ""]
    at.text_input(key="answer-critical").input("3").run()
    at.number_input(key="seed").set_value(7).run()  # another problem number: blank boxes too
    assert at.text_input(key="answer-critical").value == ""


@pytest.mark.parametrize(
    ("lang", "seed", "kind", "wrong", "lines"),
    [
        (
            "en",
            "8",
            "limit",
            "2",
            [
                "1. Factor the numerator and cancel the factor it shares with the denominator",
                r"\frac{\left(x - 2\right) \left(x + 2\right)}{x - 2} = x + 2$.",
                r"so substitute: $\lim_{x \to 2} \left(x + 2\right) = 4$.",
            ],
        ),
        (
            "ko",
            "1",
            "limit",
            "1",
            [
                r"1. 치환 $u = 4 x$",
                r"\frac{\sin u}{u} = 1$이므로",
                r"= 4 \cdot 1 = 4$입니다.",
            ],
        ),
        ("en", "4", "limit", "1", [r"\frac{e^{u} - 1}{u} = 1$", r"= 2 \cdot 1 = 2$."]),
        (
            "en",
            "5",
            "critical",
            "3",
            [
                "1. Differentiate: $f'(x) = 2 x - 4$.",
                "2. Set $f'(x) = 0$: $2 x - 4 = 0$ gives $x = 2$.",
                "3. Second-derivative test: $f''(2) = 2 > 0$",
            ],
        ),
        ("ko", "5", "critical", "3", ["이계도함수 판정: $f''(2) = 2 > 0$이므로", "$f(2) = -1$"]),
        ("en", "1", "derivative", "8x", ["- **Power rule**", "= 8 x - 4$"]),
        ("ko", "1", "derivative", "8x", ["- **거듭제곱 법칙**", "= 8 x - 4$"]),
    ],
)
def test_worked_solution_after_a_wrong_try(lang, seed, kind, wrong, lines):
    at = open_page("practice", lang=lang, seed=seed)
    assert not at.expander  # nothing to offer before a try
    submit(at, kind, wrong)
    (box,) = at.expander
    assert box.label == {"en": "Show the solution", "ko": "풀이 보기"}[lang]
    worked = "\n".join(m.value for m in box.markdown)
    for line in lines:
        assert line in worked
    at.text_input(key="answer-derivative").input("").run()  # another rerun: still offered
    assert len(at.expander) == 1


def test_the_level_changes_every_drill():
    # found by a fresh user: the level control acted on the derivative drill only
    easy = open_page("practice", lang="en", seed="3", level="1")
    hard = open_page("practice", lang="en", seed="3", level="3")
    assert not hard.exception
    asked = lambda at: [m.value for m in at.markdown if m.value.startswith(("Find", "At which"))]  # noqa: E731
    assert len(asked(hard)) == 2
    for before, after in zip(asked(easy), asked(hard), strict=True):
        assert before != after
    drill = critical_drill(3, 3)
    submit(hard, "critical", str(drill.answer))  # a fraction: −b/(2a) by hand below
    a, b = sp.Poly(drill.expr, X).all_coeffs()[:2]
    assert drill.answer == sp.Rational(-b, 2 * a)
    assert hard.success[0].value.startswith("Correct!")
