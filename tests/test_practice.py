"""mathcore.practice: reproducible drills, answers read as students write them, equivalence
checks that name the wrong term, each drill's own hints, and worked solutions."""

import pytest
import sympy as sp

from mathcore import InputError, critical_points, derivative, derivative_steps, limit_at
from mathcore.practice import (
    MISTAKES,
    Answer,
    CriticalSolution,
    Drill,
    Feedback,
    Verdict,
    WrongTerm,
    X,
    check_answer,
    check_derivative,
    check_value,
    critical_drill,
    critical_solution,
    limit_drill,
    limit_solution,
    polynomial_drill,
    read_answer,
    solution,
)


def test_polynomial_drill_is_reproducible_and_levelled():
    assert polynomial_drill(5, 2).expr == polynomial_drill(5, 2).expr
    assert polynomial_drill(5, 2).expr != polynomial_drill(6, 2).expr
    for level, degree in ((1, 2), (2, 3), (3, 4)):
        for seed in range(1, 30):
            drill = polynomial_drill(seed, level)
            assert sp.degree(drill.expr, X) == degree
            assert drill.answer == derivative(drill.expr, X)


def test_check_derivative_course_example():
    f = 4 * X**3 - 2 * X**2 + X - 7
    assert check_derivative(f, 12 * X**2 - 4 * X + 1, X) == Feedback(True, ())
    assert check_derivative(f, 2 * (6 * X**2 - 2 * X) + 1, X).correct  # any equivalent form
    feedback = check_derivative(f, 12 * X**2 - 4 * X + 1 - 7, X)  # kept the constant
    assert not feedback.correct
    # the constant of the answer is 1 − 7: the −7 of f kept, not a wrong derivative of x
    assert feedback.wrong == (WrongTerm(-7, 0, -7, "kept_constant"),)
    assert not check_derivative(f, sp.sin(X), X).correct


F = 4 * X**3 - 2 * X**2 + X - 7  # f' = 12x² − 4x + 1, term by term: 12x², −4x, 1, 0


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        # the constant −7 kept: the derivative of a constant is 0
        (12 * X**2 - 4 * X + 1 - 7, [(-7, 0, -7, "kept_constant")]),
        # −2x² left as it is: 12x² − 2x² + 1 = 10x² + 1 (the x² coefficients merge)
        (10 * X**2 + 1, [(-2 * X**2, -4 * X, -2 * X**2, "not_derived")]),
        # power rule half done on 4x³: 3·4·x³ (exponent not lowered) or 4x² (3 not multiplied)
        (12 * X**3 - 4 * X + 1, [(4 * X**3, 12 * X**2, 12 * X**3, "exponent_kept")]),
        (4 * X**2 - 4 * X + 1, [(4 * X**3, 12 * X**2, 4 * X**2, "coefficient_kept")]),
        (12 * X**2 + 4 * X + 1, [(-2 * X**2, -4 * X, 4 * X, "sign")]),  # −(−4x)
        (12 * X**2 - 4 * X, [(X, 1, 0, "dropped")]),
        # two mistakes at once: the sign of −4x and the constant
        (
            12 * X**2 + 4 * X + 1 - 7,
            [(-2 * X**2, -4 * X, 4 * X, "sign"), (-7, 0, -7, "kept_constant")],
        ),
        # f copied: every term underived (x's derivative 1, not x; −7's 0)
        (
            F,
            [
                (4 * X**3, 12 * X**2, 4 * X**3, "not_derived"),
                (-2 * X**2, -4 * X, -2 * X**2, "not_derived"),
                (X, 1, X, "not_derived"),
                (-7, 0, -7, "kept_constant"),
            ],
        ),
        # no named mistake gives a constant 8 (the −7 kept would give −6): power by power
        (12 * X**2 - 4 * X + 8, [(X, 1, 8, "wrong")]),
        (12 * X**2 - 4 * X + 1 + X**5, [(0, 0, X**5, "extra")]),
    ],
)
def test_check_derivative_names_the_mistake(answer, wrong):
    feedback = check_derivative(F, answer, X)
    assert not feedback.correct
    assert [(t.term, t.expected, t.given, t.mistake) for t in feedback.wrong] == wrong
    assert {t.mistake for t in feedback.wrong} <= {*MISTAKES, "wrong", "extra"}


def test_check_derivative_prefers_the_kept_constant():
    # f = x³ − 2x + 4, f' = 3x² − 2. The answer 3x² + 2 is f' with the 4 kept (−2 + 4) — and
    # also f' with the sign of −2x flipped: the constant kept is the likelier mistake
    (kept,) = check_derivative(X**3 - 2 * X + 4, 3 * X**2 + 2, X).wrong
    assert (kept.term, kept.expected, kept.given, kept.mistake) == (4, 0, 4, "kept_constant")
    both = check_derivative(X**3 - 2 * X + 4, 3 * X**2 + 6, X).wrong  # 6 = −(−2) + 4
    assert [(t.term, t.mistake) for t in both] == [(-2 * X, "sign"), (4, "kept_constant")]


def test_check_derivative_non_polynomial_answer_and_drills():
    (whole,) = check_derivative(F, sp.sin(X), X).wrong
    assert (whole.term, whole.given, whole.mistake) == (F, sp.sin(X), "wrong")
    for seed in range(1, 15):  # the constant kept on generated drills: named on that constant
        drill = polynomial_drill(seed, 2)
        constant = drill.expr.subs(X, 0)
        if constant:
            (kept,) = check_derivative(drill.expr, drill.answer + constant, X).wrong
            assert (kept.term, kept.mistake) == (constant, "kept_constant")


def test_limit_and_critical_drills_have_independent_answers():
    for seed in range(1, 25):
        drill = limit_drill(seed)
        assert drill.answer == limit_at(drill.expr, X, drill.point).value
        assert check_value(drill, drill.answer) and not check_value(drill, drill.answer + 1)
        drill = critical_drill(seed)
        (point,) = critical_points(drill.expr, X)
        assert (point.x, point.kind) == (drill.answer, "local_min")


@pytest.mark.parametrize(
    ("text", "kind", "answer"),
    [
        ("f'(x)=12x^2-12x", "derivative", Answer(12 * X**2 - 12 * X)),
        ("f′(x) = 12x^2 - 12x", "derivative", Answer(12 * X**2 - 12 * X)),
        ("  F'(X) = 3x", "derivative", Answer(3 * X)),
        ("y = 2x + 1", "derivative", Answer(2 * X + 1)),
        ("dy/dx=2x", "derivative", Answer(2 * X)),
        ("y' = 2x", "derivative", Answer(2 * X)),
        ("(x + 1)(x - 1)", "derivative", Answer((X + 1) * (X - 1))),  # brackets, not a point
        ("x = -1", "critical", Answer(-1)),
        ("-1/2", "critical", Answer(sp.Rational(-1, 2))),
        ("(2, -1)", "critical", Answer(2, -1)),
        ("2, -1", "critical", Answer(2, -1)),
        ("( sqrt(4) , -(1) )", "critical", Answer(2, -1)),
        ("max(1, 2)", "critical", Answer(2)),  # a comma inside a function's brackets
        ("L = 4", "limit", Answer(4)),
        ("oo", "limit", Answer(sp.oo)),
        ("∞", "limit", Answer(sp.oo)),
        ("-∞", "limit", Answer(-sp.oo)),
        ("-infinity", "limit", Answer(-sp.oo)),
        ("does not exist", "limit", Answer(None)),
        ("Does not exist.", "limit", Answer(None)),
        ("DNE", "limit", Answer(None)),
        ("없음", "limit", Answer(None)),
        ("존재하지 않음", "limit", Answer(None)),
    ],
)
def test_read_answer_accepts_natural_forms(text, kind, answer):
    assert read_answer(text, kind) == answer


@pytest.mark.parametrize(
    ("text", "kind", "code", "position"),
    [
        ("(2, -1)", "limit", "answer_form", 2),  # a point where a number is asked
        ("2, -1", "derivative", "answer_form", 1),
        ("(1, 2, 3)", "critical", "answer_form", 5),  # the second comma
        ("x", "limit", "answer_form", 0),
        ("x = 3x", "critical", "answer_form", 5),  # the x after the prefix
        ("x = 2", "derivative", "answer_form", 2),  # x = is not f'(x) =
        ("f(x) = 2", "critical", "answer_form", 5),
        ("x =", "critical", "answer_form", 3),
        ("DNE", "critical", "answer_form", None),
        ("DNE", "derivative", "answer_form", None),
        # the parser's own errors, positioned in what was typed (the prefix counted)
        ("f'(x)=8x-", "derivative", "incomplete", 8),
        ("f′(x) = 8y", "derivative", "unknown_name", 9),
        ("x = sinn 2", "critical", "unknown_name", 4),
        ("(1, 2y)", "critical", "answer_form", 5),  # a variable where a number belongs
    ],
)
def test_read_answer_refuses_other_forms_with_a_position(text, kind, code, position):
    with pytest.raises(InputError) as err:
        read_answer(text, kind)
    assert (err.value.code, err.value.position) == (code, position)
    if code == "answer_form":
        assert err.value.params == {"kind": kind}


def test_check_answer_gives_each_drill_its_own_hint():
    drill = critical_drill(5)  # x² − 4x + 3: minimum at 2, f(2) = −1
    assert check_answer(drill, Answer(2)) == Verdict(True)
    assert check_answer(drill, Answer(2, -1)) == Verdict(True)
    assert check_answer(drill, Answer(3)) == Verdict(False, "derivative_zero")
    assert check_answer(drill, Answer(-1)) == Verdict(False, "min_value")
    assert check_answer(drill, Answer(2, 5)) == Verdict(False, "wrong_y", value=-1)
    assert check_answer(drill, Answer(3, -1)).hint == "derivative_zero"
    limit = limit_drill(8)  # (x² − 4)/(x − 2) → 4
    assert check_answer(limit, Answer(4)).correct
    assert check_answer(limit, Answer(5)) == Verdict(False, "zero_over_zero")
    assert check_answer(limit, Answer(None)) == Verdict(False, "exists")
    assert check_answer(limit, Answer(sp.oo)) == Verdict(False, "exists")
    no_limit = Drill("limit", 1 / X, None, sp.Integer(0))
    assert check_answer(no_limit, Answer(None)).correct
    assert check_answer(no_limit, Answer(0)) == Verdict(False, "approach")
    infinite = Drill("limit", 1 / X**2, sp.oo, sp.Integer(0))
    assert check_answer(infinite, Answer(sp.oo)).correct
    assert not check_answer(infinite, Answer(-sp.oo)).correct
    assert not check_answer(infinite, Answer(None)).correct
    verdict = check_answer(polynomial_drill(1, 1), Answer(8 * X + 4))  # f' = 8x − 4
    assert (verdict.correct, verdict.hint, [t.mistake for t in verdict.wrong]) == (
        False,
        "terms",
        ["sign"],
    )
    assert check_answer(polynomial_drill(1, 1), Answer(4 * (2 * X - 1))) == Verdict(True)


def test_drill_key_names_the_problem():
    assert limit_drill(3).key == limit_drill(7).key  # both sin(2x)/x at 0
    assert limit_drill(3).key != limit_drill(4).key
    assert polynomial_drill(1, 1).key != polynomial_drill(1, 2).key


def test_limit_solution_agrees_with_the_engine():
    rules = set()
    for seed in range(1, 40):
        drill = limit_drill(seed)
        worked = limit_solution(drill)
        rules.add(worked.rule)
        assert worked.answer == drill.answer == limit_at(drill.expr, X, drill.point).value
        if worked.rule == "cancel":  # the factored fraction is f, and cancels to ``simpler``
            assert sp.simplify(worked.numerator / worked.denominator - drill.expr) == 0
            assert sp.degree(worked.simpler, X) == 1
        else:  # f = k · (standard form in u = kx), and the answer is k
            assert sp.simplify(worked.scale * worked.simpler - drill.expr) == 0
            assert worked.inner == worked.scale * X and worked.answer == worked.scale
    assert rules == {"cancel", "sin", "exp"}
    with pytest.raises(NotImplementedError):
        limit_solution(Drill("limit", 1 / X, None, sp.Integer(0)))


def test_critical_solution_and_solution_dispatch():
    for seed in range(1, 25):
        drill = critical_drill(seed)
        worked = critical_solution(drill)
        assert worked.derivative.subs(X, worked.x) == 0 and worked.x == drill.answer
        assert worked.second > 0 and worked.y == drill.expr.subs(X, drill.answer)
        assert solution(drill) == worked
    assert critical_solution(Drill("critical", X**2 - 4 * X + 1, 2)) == CriticalSolution(
        X**2 - 4 * X + 1, 2 * X - 4, 2, 2, -3
    )
    drill = polynomial_drill(2, 3)
    tree = solution(drill)
    assert tree == derivative_steps(drill.expr, X) and tree.result == drill.answer
    with pytest.raises(NotImplementedError):  # a maximum, not a minimum
        critical_solution(Drill("critical", -(X**2), 0))


def _numeric_limit(expr, point: float) -> float:
    """The limit as the average of f just left and right of the point (no SymPy limit)."""
    f = sp.lambdify(X, expr, "math")
    return (f(point - 1e-7) + f(point + 1e-7)) / 2


@pytest.mark.parametrize("level", [1, 2, 3])
def test_every_drill_follows_the_level(level):
    # found by a fresh user: the level changed only the derivative drill
    limits = [limit_drill(seed, level) for seed in range(1, 30)]
    criticals = [critical_drill(seed, level) for seed in range(1, 30)]
    for drill in limits:  # each answer checked against f's own values beside the point
        assert float(drill.answer) == pytest.approx(
            _numeric_limit(drill.expr, float(drill.point)), rel=1e-5
        )
        assert limit_solution(drill).answer == drill.answer  # the worked solution still works
    for drill in criticals:  # f′ = 2ax + b vanishes at the answer, and f″ = 2a > 0
        a, b = sp.Poly(drill.expr, X).all_coeffs()[:2]
        assert drill.answer == sp.Rational(-b, 2 * a) and a > 0
        assert critical_solution(drill).x == drill.answer
    denominators = {d.answer.q for d in criticals}
    if level == 1:
        assert denominators == {1}
        assert all(d == limit_drill(s) for s, d in enumerate(limits, 1))  # links still hold
    elif level == 2:
        assert denominators == {2}  # x² + bx + c with b odd: the minimum at a half
    else:
        assert 1 not in denominators and len(denominators) > 1
    if level > 1:  # harder drills: fractions as answers, not only the level-1 forms
        assert {d.expr for d in limits}.isdisjoint({limit_drill(s).expr for s in range(1, 30)})
        assert any(not d.answer.is_Integer for d in limits)
    if level == 3:  # the cubic 0/0 forms: (x³ − a³)/(x − a) → 3a², (x³ − a³)/(x² − a²) → 3a/2
        assert any(sp.fraction(d.expr)[0] == X**3 - d.point**3 for d in limits)
