"""mathcore.practice: reproducible drills and equivalence checks that name the wrong term."""

import pytest
import sympy as sp

from mathcore import critical_points, derivative, limit_at
from mathcore.practice import (
    MISTAKES,
    Feedback,
    WrongTerm,
    X,
    check_derivative,
    check_value,
    critical_drill,
    limit_drill,
    polynomial_drill,
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
