"""latex: the course's notation — ln, real roots as roots, cases, max/min, no -0."""

import pytest
import sympy as sp

from mathcore import derivative, derivative_steps, latex, parse_expression

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        ("ln x", r"\ln{\left(x \right)}"),
        ("x^(1/3)", r"\sqrt[3]{x}"),
        ("∛(x-1)", r"\sqrt[3]{x - 1}"),
        ("x^(2/3)", r"\sqrt[3]{x^{2}}"),
        ("x^(5/3)", r"\sqrt[3]{x^{5}}"),
        ("x^(-1/3)", r"\frac{1}{\sqrt[3]{x}}"),
        ("x^(-2/3)", r"\frac{1}{\sqrt[3]{x^{2}}}"),
        ("2x^(1/5)", r"2 \sqrt[5]{x}"),
        ("sqrt(x)", r"\sqrt{x}"),
        ("x^(-2)", r"\frac{1}{x^{2}}"),
        ("max(x, 0) + min(x, 1)", r"\max\left(0, x\right) + \min\left(1, x\right)"),
        (
            "{x != 0: x^2 sin(1/x), 0}",
            r"\begin{cases} x^{2} \sin{\left(\frac{1}{x} \right)} & \text{if } x \neq 0 \\ "
            r"0 & \text{otherwise} \end{cases}",
        ),
        ("{0 < x <= 1: x}", r"\begin{cases} x & \text{if } 0 < x \leq 1 \end{cases}"),
        ("x^2 - 4x + 3", r"x^{2} - 4 x + 3"),
    ],
)
def test_latex(text, tex):
    assert latex(parse_expression(text)) == tex


def test_latex_never_prints_minus_zero():
    assert "-0" not in latex(sp.Piecewise((sp.Float(-0.0), x < 0), (x, True)))
    assert latex(sp.Float(-0.0)) == "0"


def test_latex_of_derivative_steps_of_a_real_root():
    tree = derivative_steps(parse_expression("x^(1/3)"), x)
    assert latex(tree.expr) == r"\sqrt[3]{x}"
    assert latex(tree.unsimplified) == r"\frac{1}{3 \sqrt[3]{x^{2}}}"


@pytest.mark.parametrize(
    ("text", "order", "tex"),
    [
        ("|x|", 2, r"\begin{cases} 0 & \text{if } x \neq 0 \end{cases}"),
        ("sign(x)", 1, r"\begin{cases} 0 & \text{if } x \neq 0 \end{cases}"),
        ("{x<0: -x, x}", 2, r"\begin{cases} 0 & \text{if } x \neq 0 \end{cases}"),
        (
            "max(x, x^2)",
            1,
            r"\begin{cases} 1 & \text{if } 0 < x < 1 \\ 2 x & \text{if } x < 0 \text{ or } x > 1"
            r" \end{cases}",
        ),
        ("floor(x)", 1, r"\begin{cases} 0 & \text{if } x \notin \mathbb{Z} \end{cases}"),
        (
            "x|x|",
            2,
            r"\begin{cases} 2 & \text{if } x > 0 \\ -2 & \text{if } x < 0 \end{cases}",
        ),
    ],
)
def test_piecewise_derivatives_read_as_words(text, order, tex):
    """Conditions are intervals a student reads: no ∨/∧, equal neighbours merged."""
    f = parse_expression(text)
    for _ in range(order):
        f = derivative(f, x)
    printed = latex(f)
    assert printed == tex
    assert r"\vee" not in printed and r"\wedge" not in printed


def test_piecewise_conditions_in_korean():
    from ui.messages import tex

    d1 = derivative(parse_expression("max(x, x^2)"), x)
    assert r"x < 0 \text{ 또는 } x > 1 \text{일 때}" in tex("ko", d1)
