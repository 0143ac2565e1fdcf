"""Every engine entry point runs through run_bounded: arguments and results pickle."""

import sympy as sp

from mathcore import (
    classify_continuity,
    critical_points,
    derivative,
    derivative_steps,
    difference_quotient,
    differentiability_at,
    gradient_descent,
    limit_at,
    parse_expression,
    run_bounded,
    sample_function,
    tangent_line,
)

x = sp.Symbol("x", real=True)
w = sp.Symbol("w", real=True)


def test_engine_functions_through_run_bounded():
    f = parse_expression("1/(x+1)")
    assert run_bounded(limit_at, f, x, -1).verdict == "sides_differ"
    assert run_bounded(classify_continuity, f, x, -1).kind == "infinite"
    assert run_bounded(differentiability_at, sp.Max(0, x), x, 0).subgradient == (0, 1)
    assert run_bounded(derivative, x**3, x) == 3 * x**2
    assert run_bounded(derivative_steps, sp.sin(x**2), x).rule == "chain"
    assert run_bounded(tangent_line, x**2, x, 1).slope == 2
    assert run_bounded(difference_quotient, x**2, x, 1, 0.5) == 2.5
    assert [p.x for p in run_bounded(critical_points, x**2 - 4 * x + 3, x)] == [2]
    assert run_bounded(gradient_descent, (2 * w - 4) ** 2, [w], [0.0], 0.05, 2).points[1, 0] == 0.8
    assert run_bounded(sample_function, f, x, -3, 3).asymptotes == (-1.0,)
