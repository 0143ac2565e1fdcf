"""derivative_steps: rules named from the fixed vocabulary, every step checked independently."""

import pytest
import sympy as sp

from mathcore import derivative, derivative_steps, parse_expression
from mathcore.diffsteps import RULES, U
from tests.reference import FD_TOLERANCE, finite_difference, numeric_value

x = sp.Symbol("x", real=True)
CASES = [
    "4x^3 - 2x^2 + x - 7",
    "x^5",
    "sin x",
    "cos x",
    "e^x",
    "ln x",
    "x^2 sin x",
    "sin(x)/x",
    "1/(x+1)",
    "sigmoid(x)",
    "relu(x)",
    "|x|",
    "asin(x/2)",
    "sinh(x)",
    "tanh(3x)",
    "x^x",
    "2^x",
    "sqrt(x^2 + 1)",
    "e^(-x^2)",
    "(x^2+1)^3",
    "ln(cos x)",
    "max(x, x^2)",
    "x sin x cos x",
]


def walk(step):
    yield step
    for sub in step.substeps:
        yield from walk(sub)


def check_step(step, points):
    """Each step's result (and the root's rule-built form) is the derivative of its expression,
    by finite differences."""
    for result in (step.result, step.unsimplified):
        for at in points:
            value = numeric_value(result, step.var, at) if result is not None else float("nan")
            if value == value:  # defined there
                assert value == pytest.approx(
                    finite_difference(step.expr, step.var, at), rel=1e-8, abs=1e-8
                ), (step.rule, step.expr, at)


@pytest.mark.parametrize("text", CASES)
def test_derivative_steps(text):
    expr = parse_expression(text)
    tree = derivative_steps(expr, x)
    assert tree.result == derivative(expr, x)
    assert tree.unsimplified is not None
    for step in walk(tree):
        assert step.rule in RULES
        check_step(step, (0.31, 0.77, 1.3))
        if step.rule == "chain":
            assert step.inner is not None and step.substeps[0].var == U


def test_derivative_steps_name_the_rules():
    rules = lambda text: [s.rule for s in walk(derivative_steps(parse_expression(text), x))]  # noqa: E731
    assert rules("x^2 sin x") == ["product", "power", "trig"]
    assert rules("sin(x)/x")[0] == "quotient"
    assert rules("e^(-x^2)")[:2] == ["chain", "exp"]
    assert "abs" in rules("|x|") and "piecewise" in rules("relu(x)")
    assert rules("x^x")[0] == "rewrite"
    assert rules("asin x") == ["inverse_trig"] and rules("cosh x") == ["hyperbolic"]
    assert rules("ln x") == ["log"] and rules("7") == ["constant"] and rules("x") == ["variable"]


def test_derivative_steps_sum_of_course_polynomial():
    tree = derivative_steps(4 * x**3 - 2 * x**2 + x - 7, x)
    assert [s.result for s in tree.substeps] == [12 * x**2, -4 * x, 1, 0]
    assert tree.result == 12 * x**2 - 4 * x + 1


def test_derivative_steps_unsupported():
    with pytest.raises(NotImplementedError):
        derivative_steps(sp.factorial(x), x)


def test_derivative_steps_root_matches_finite_differences():
    expr = parse_expression("x^2 sin x + e^(2x)/x")
    check_step(derivative_steps(expr, x), (0.5, 1.5, 2.5))
    assert numeric_value(derivative(expr, x), x, 1.5) == pytest.approx(
        finite_difference(expr, x, 1.5), rel=FD_TOLERANCE
    )


REAL_ROOTS = ["x^(1/3)", "x^(2/3)", "x^(-1/3)", "x^(5/3)", "∛(x-1)", "2x^(1/5)", "sin(x)^(1/3)"]


@pytest.mark.parametrize("text", REAL_ROOTS)
def test_derivative_steps_real_roots(text):
    """The power rule on a real root, on both sides of 0 (x^(1/3) is defined for x < 0 too)."""
    expr = parse_expression(text)
    tree = derivative_steps(expr, x)
    assert tree.result == derivative(expr, x)
    assert "power" in [s.rule for s in walk(tree)]
    for step in walk(tree):
        assert step.rule in RULES
        if step.var == x:
            check_step(step, (-2.3, -0.7, 0.31, 1.9))


def test_derivative_steps_real_root_power_rule():
    tree = derivative_steps(parse_expression("x^(1/3)"), x)
    assert tree.rule == "power"
    assert tree.unsimplified == sp.Abs(x) ** sp.Rational(-2, 3) / 3
    tree = derivative_steps(parse_expression("x^(2/3)"), x)
    assert tree.unsimplified == 2 * sp.sign(x) * sp.Abs(x) ** sp.Rational(-1, 3) / 3


def test_derivative_steps_piecewise_input():
    expr = parse_expression("{x < 0: -x, x^2}")
    tree = derivative_steps(expr, x)
    assert tree.rule == "piecewise" and tree.result == derivative(expr, x)
