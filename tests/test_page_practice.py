"""AppTest: the practice page reads answers as students write them, names wrong terms, gives each
drill its own hints and worked solution, and scores each problem once."""

import pytest
import sympy as sp

from mathcore import drills, practice
from mathcore.practice import X, critical_drill, limit_drill, polynomial_drill
from tests.apptest import open_page
from ui.i18n import text


def submit(at, kind: str, answer: str):
    """Type ``answer`` on the ``kind`` drill (chosen first if another one is shown) and check."""
    if at.selectbox(key="drill").value != kind:
        at.selectbox(key="drill").set_value(kind).run()
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
    # solved on the second check: half a point, and no streak
    assert [m.value for m in at.metric] == ["0.5 / 1", "0"]
    submit(at, "derivative", "8x - 4")  # once solved, a problem scores no more
    assert [m.value for m in at.metric] == ["0.5 / 1", "0"]
    said = "This problem is already scored: checking it again does not change its points."
    assert said in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_python_script_shows_only_once_the_problem_is_over(lang):
    """The script works the answer out (``dL/dw: …``): shown before the problem is over it
    would give the answer away and still score (a fresh pair of eyes); it appears once the
    problem is solved or its solution shown."""
    at = open_page("practice", lang=lang, seed="3", level="2", drill="gradient")
    assert not [e for e in at.expander if e.label == "Python"]
    submit(at, "gradient", typed(drills.drill(3, 2, "gradient")))
    assert at.success and at.metric[0].value == "1 / 1"
    (script,) = [e for e in at.expander if e.label == "Python"]
    assert "your_answer" in script.get("code")[0].value


def test_practice_page_limit_and_critical_drills():
    at = open_page("practice", lang="ko", seed="4")
    submit(at, "limit", str(limit_drill(4).answer))
    assert at.success[0].value.startswith("정답입니다!")
    submit(at, "critical", str(critical_drill(4).answer + 1))
    assert at.error[0].value == "아직 아닙니다."
    assert [m.value for m in at.metric] == ["1 / 2", "0"]  # the streak broke


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
    monkeypatch.setitem(drills._MAKERS, "derivative", lambda seed, level: course)
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
    monkeypatch.setitem(drills._MAKERS, "limit", lambda seed, level=1: drill)
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
    assert at.main.code[-1].value == caret  # the first: the folded Python script
    assert "Tuple" not in at.error[0].value and "U+0027" not in at.error[0].value
    assert at.metric[0].value == "0 / 0"  # an answer that could not be read is not a try


def test_repeated_checks_score_once():
    at = open_page("practice", lang="en", seed="4", drill="limit")
    for _ in range(5):
        submit(at, "limit", "2")  # (e^(2x) − 1)/x → 2
    assert at.success[0].value == "Correct! $2$"
    assert [m.value for m in at.metric] == ["1 / 1", "1"]
    submit(at, "critical", "4")  # another problem: its own score
    assert [m.value for m in at.metric] == ["2 / 2", "2"]
    at.button(key="new").click().run()  # a new problem counts again
    submit(at, "limit", "4")  # seed 5: (e^(4x) − 1)/x → 4
    assert [m.value for m in at.metric] == ["3 / 3", "3"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_new_problems_clear_the_answers(lang):
    at = open_page("practice", lang=lang, seed="1")
    submit(at, "derivative", "8x - 4")
    at.button(key="new").click().run()
    assert at.number_input(key="seed").value == 2
    assert at.text_input(key="answer-derivative").value == ""
    at.selectbox(key="drill").set_value("critical").run()
    at.text_input(key="answer-critical").input("3").run()
    at.number_input(key="seed").set_value(7).run()  # another problem number: blank boxes too
    assert at.text_input(key="answer-critical").value == ""


def reveal_all(at, kind: str):
    """Hint until there are no more, then the next step, then the solution."""
    while not at.button(key=f"hint-{kind}").disabled:
        at.button(key=f"hint-{kind}").click().run()
    at.button(key=f"step-{kind}").click().run()
    return at.button(key=f"solve-{kind}").click().run()


@pytest.mark.parametrize(
    ("lang", "seed", "kind", "lines"),
    [
        (
            "en",
            "8",
            "limit",
            [
                "**Factor and cancel** $x - 2$",
                r"= \lim_{x \to 2} \left(x + 2\right)$",
                r"\lim_{x \to 2} \left(x + 2\right) = 4$",
            ],
        ),
        ("ko", "1", "limit", [r"\lim_{x \to 0} \frac{\sin{\left(4 x \right)}}{x} = 4$"]),
        (
            "en",
            "5",
            "critical",
            [
                "Differentiate: $f'(x) = 2 x - 4$.",
                "Set $f'(x) = 0$: $2 x - 4 = 0$ gives $x = 2$.",
                "Second-derivative test: $f''(2) = 2 > 0$",
            ],
        ),
        ("ko", "5", "critical", ["이계도함수 판정: $f''(2) = 2 > 0$이므로", "$f(2) = -1$"]),
        ("en", "1", "derivative", ["- **Power rule**", "= 8 x - 4$"]),
        ("ko", "1", "derivative", ["- **거듭제곱 법칙**", "= 8 x - 4$"]),
    ],
)
def test_worked_solution_revealed_in_order(lang, seed, kind, lines):
    at = open_page("practice", lang=lang, seed=seed, drill=kind)
    assert not at.info and at.button(key=f"step-{kind}").disabled  # the order: hint first
    assert at.button(key=f"solve-{kind}").disabled
    at.button(key=f"hint-{kind}").click().run()
    assert len(at.info) == 1 and at.info[0].value.startswith(("**Hint 1.** ", "**힌트 1.** "))
    assert not at.button(key=f"step-{kind}").disabled and at.button(key=f"solve-{kind}").disabled
    reveal_all(at, kind)
    worked = "\n".join(m.value for m in at.markdown)
    for line in lines:
        assert line in worked
    assert [m.value for m in at.metric] == ["0 / 1", "0"]  # the solution shown: no point
    at.text_input(key=f"answer-{kind}").input("").run()  # another rerun: still shown
    assert all(line in "\n".join(m.value for m in at.markdown) for line in lines)


def test_the_level_changes_every_drill():
    # found by a fresh user: the level control acted on the derivative drill only
    for kind in drills.KINDS:
        easy = open_page("practice", lang="en", seed="3", level="1", drill=kind)
        hard = open_page("practice", lang="en", seed="3", level="3", drill=kind)
        assert not hard.exception
        assert easy.markdown[0].value != hard.markdown[0].value, kind
    drill = critical_drill(3, 3)
    submit(hard, "critical", str(drill.answer))  # a fraction: −b/(2a) by hand below
    a, b = sp.Poly(drill.expr, X).all_coeffs()[:2]
    assert drill.answer == sp.Rational(-b, 2 * a)
    assert hard.success[0].value.startswith("Correct!")


# ------------------------------------------------------------------ the new drill kinds

NEW_KINDS = ("rules", "relu", "one_sided", "second_test", "gradient", "descent_step")


def typed(d) -> str:
    """The drill's exact answer as a student types it."""
    if d.kind == "relu":
        left, right, _ = d.answer
        return f"{left}; {right}; undefined"
    return str(d.answer).replace("**", "^")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("kind", NEW_KINDS)
def test_new_drill_right_on_first_try_scores_and_streaks(lang, kind):
    at = open_page("practice", lang=lang, seed="2", level="2", drill=kind)
    assert not at.exception
    submit(at, kind, typed(drills.drill(2, 2, kind)))
    assert not at.error and at.success[0].value.startswith(("Correct!", "정답입니다!"))
    assert [m.value for m in at.metric] == ["1 / 1", "1"]
    at.button(key="new").click().run()  # the next problem: the streak grows
    submit(at, kind, typed(drills.drill(3, 2, kind)))
    assert [m.value for m in at.metric] == ["2 / 2", "2"]
    assert at.query_params["drill"] == kind and at.query_params["seed"] == "3"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("kind", NEW_KINDS)
def test_new_drill_hints_step_and_solution_in_both_languages(lang, kind):
    at = open_page("practice", lang=lang, seed="5", level="3", drill=kind)
    reveal_all(at, kind)
    assert not at.exception and not at.error and not at.warning
    shown = [e.value for e in (*at.info, *at.markdown, *at.caption)]
    assert 1 <= len(at.info) <= 3
    assert any(m in shown for m in ("**Next step**", "**다음 단계**"))
    assert any(m in shown for m in ("**Solution**", "**풀이**"))
    assert not any("practice.drills" in m or "{" + "u}" in m for m in shown)  # every key found
    if lang == "ko":
        assert not any(w in m for m in shown for w in ("Hint", "Solution", "Differentiate"))
    assert [m.value for m in at.metric] == ["0 / 1", "0"]  # solution shown: no point
    submit(at, kind, typed(drills.drill(5, 3, kind)))  # right now, but the problem is over
    assert [m.value for m in at.metric] == ["0 / 1", "0"]
    assert text(lang, "practice.drills.ended") in [c.value for c in at.caption]
    assert [e for e in at.expander if e.label == "Python"]  # the problem is over: the script


def test_relu_drill_says_undefined_at_the_corner():
    at = open_page("practice", lang="en", seed="1", drill="relu")  # ReLU(x + 2), corner at −2
    assert at.markdown[0].value.startswith(r"$f(x) = \operatorname{ReLU}\left(x + 2\right)$")
    submit(at, "relu", "0, 1, undefined")  # commas: the form is explained, no try counted
    assert at.error[0].value.startswith("Type three parts separated by `;`")
    assert [m.value for m in at.metric] == ["0 / 0", "0"]
    submit(at, "relu", "0; 1; 1")  # f′(−2) = 1: the corner missed
    assert any(m.value.startswith("At $x = -2$ the graph has a corner") for m in at.markdown)
    submit(at, "relu", "0; 1; undefined")
    assert at.success[0].value.startswith("Correct!")
    assert [m.value for m in at.metric] == ["0.5 / 1", "0"]  # right on the second check


def test_gradient_drill_sign_slip_and_decimals():
    at = open_page("practice", lang="ko", seed="1", drill="gradient")  # x=1, y=3, w=2: −2
    assert "$(x, y) = (1, 3)$" in at.markdown[0].value and "$w = 2$" in at.markdown[0].value
    submit(at, "gradient", "2")
    assert "부호를 확인하세요" in at.markdown[-1].value
    at = open_page("practice", lang="en", seed="1", level="3", drill="descent_step")
    d = drills.drill(1, 3, "descent_step")
    eta = d.params[3]
    assert rf"\eta = {float(eta):g}" in at.markdown[0].value  # 0.1, not \frac{1}{10}
    submit(at, "descent_step", f"w = {float(d.answer) + 0.0004 * max(1, abs(float(d.answer)))}")
    assert at.success[0].value.startswith("Correct!")  # within 0.1 %


def test_the_drill_kind_is_linkable_and_language_independent():
    at = open_page("practice", lang="ko", seed="1", drill="second_test")
    assert at.selectbox(key="drill").value == "second_test"
    assert at.markdown[0].value.startswith("$f(x) = ")
    at.selectbox(key="drill").set_value("gradient").run()
    assert at.query_params["drill"] == "gradient"  # the name, not the translated label
    at = open_page("practice", lang="en", seed="1", drill="nonsense")  # an unknown kind
    assert not at.exception and at.selectbox(key="drill").value == "derivative"


def revealed(at) -> list[str]:
    """What the reveal buttons have shown: the hints (infos) and the Markdown after them."""
    return [e.value for e in (*at.info, *at.markdown)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_what_was_revealed_is_in_the_link(lang):
    """Hint, next step, solution: each is written into the link (?reveal=), and the link opens
    on the same problem with the same shown; new problems start with nothing revealed."""
    kind, steps = "limit", []
    at = open_page("practice", lang=lang, seed="8", drill=kind)
    assert "reveal" not in at.query_params
    while not at.button(key=f"hint-{kind}").disabled:
        at.button(key=f"hint-{kind}").click().run()
        steps.append(at.query_params["reveal"])
    at.button(key=f"step-{kind}").click().run()
    steps.append(at.query_params["reveal"])
    assert steps == ["hint", *(f"hint-{k}" for k in range(2, len(steps))), "step"]
    for reveal in steps:
        linked = open_page("practice", lang=lang, seed="8", drill=kind, reveal=reveal)
        assert linked.query_params["reveal"] == reveal and len(linked.info) == steps.index(
            reveal
        ) + (reveal != "step")
    assert revealed(linked) == revealed(at)  # the next step: every hint and the step
    assert [m.value for m in linked.metric] == ["0 / 0", "0"]  # hints are free
    at.button(key=f"solve-{kind}").click().run()
    assert at.query_params["reveal"] == "solution"
    linked = open_page("practice", lang=lang, seed="8", drill=kind, reveal="solution")
    assert revealed(linked) == revealed(at)
    assert [m.value for m in linked.metric] == ["0 / 1", "0"]  # a solution shown: 0 points
    assert [e for e in linked.expander if e.label == "Python"]  # the problem is over
    at.button(key="new").click().run()  # a new problem: nothing revealed, nor in the link
    assert "reveal" not in at.query_params and not at.info
    linked.selectbox(key="drill").set_value("critical").run()  # another kind: the same
    assert "reveal" not in linked.query_params and not linked.info
    linked.selectbox(key="drill").set_value(kind).run()  # back: its solution is still shown
    assert linked.query_params["reveal"] == "solution"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("given", "hints", "written"),
    [
        ("hint-99", "all", None),  # past the last hint: all of them
        ("hint-0", 0, None),
        ("HINT", 1, "hint"),
        ("hint-1", 1, "hint"),
        ("steps", 0, None),
        ("<script>", 0, None),
        ("hint-" + "9" * 40, "all", None),
    ],
)
def test_a_hostile_reveal_link_falls_back_quietly(lang, given, hints, written):
    """Nothing breaks; a value that reveals nothing is named at the top (``ui.links``)."""
    at = open_page("practice", lang=lang, seed="8", drill="limit", reveal=given)
    assert not at.exception and not at.error
    said = [text(lang, "link.refused", items=f"`reveal={given}`")] if hints == 0 else []
    assert [w.value for w in at.warning] == said
    total = len(drills.walkthrough(drills.drill(8, 1, "limit")).hints)
    assert total >= 2  # so hint-99 is cut to the last
    shown = total if hints == "all" else hints
    assert len(at.info) == shown
    written = written or (f"hint-{total}" if hints == "all" else None)
    assert at.query_params.get("reveal") == written
    assert [m.value for m in at.metric] == ["0 / 0", "0"]
