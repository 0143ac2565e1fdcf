"""mathcore.practice: reproducible drills and equivalence checks that name the wrong term."""

import sympy as sp

from mathcore import critical_points, derivative, limit_at
from mathcore.practice import (
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
    assert check_derivative(f, 12 * X**2 - 4 * X + 1, X).correct
    assert check_derivative(f, 2 * (6 * X**2 - 2 * X) + 1, X).correct  # any equivalent form
    feedback = check_derivative(f, 12 * X**2 - 4 * X + 1 - 7, X)  # kept the constant
    assert not feedback.correct
    assert [(t.term, t.expected, t.given) for t in feedback.wrong] == [(X, 1, -6)]
    feedback = check_derivative(f, 12 * X**3 - 4 * X + 1, X)  # power rule forgotten
    assert [(t.term, t.expected, t.given) for t in feedback.wrong] == [
        (0, 0, 12 * X**3),
        (4 * X**3, 12 * X**2, 0),
    ]
    assert not check_derivative(f, sp.sin(X), X).correct


def test_limit_and_critical_drills_have_independent_answers():
    for seed in range(1, 25):
        drill = limit_drill(seed)
        assert drill.answer == limit_at(drill.expr, X, drill.point).value
        assert check_value(drill, drill.answer) and not check_value(drill, drill.answer + 1)
        drill = critical_drill(seed)
        (point,) = critical_points(drill.expr, X)
        assert (point.x, point.kind) == (drill.answer, "local_min")
