"""classify_continuity and differentiability_at against the course's textbook cases."""

import pytest
import sympy as sp

from mathcore import classify_continuity, differentiability_at
from mathcore.continuity import KINDS

x = sp.Symbol("x", real=True)
oo = sp.oo


def test_classify_continuity_relu_is_continuous_at_0():
    c = classify_continuity(sp.Max(0, x), x, 0)
    assert (c.continuous, c.kind, c.value, c.left, c.right) == (True, "continuous", 0, 0, 0)
    assert (c.defined, c.limit_exists, c.equal) == (True, True, True)


@pytest.mark.parametrize(
    ("expr", "point", "kind", "value", "left", "right", "conditions"),
    [
        ((x**2 - 1) / (x - 1), 1, "removable", None, 2, 2, (False, True, False)),
        (
            sp.Piecewise((5, sp.Eq(x, 1)), (x + 1, True)),
            1,
            "removable",
            5,
            2,
            2,
            (True, True, False),
        ),
        (sp.floor(x), 2, "jump", 2, 1, 2, (True, False, False)),
        (sp.sign(x), 0, "jump", 0, -1, 1, (True, False, False)),
        (1 / (x + 1), -1, "infinite", None, -oo, oo, (False, False, False)),
        (1 / x**2, 0, "infinite", None, oo, oo, (False, False, False)),
        (sp.sin(1 / x), 0, "oscillating", None, None, None, (False, False, False)),
        (sp.Abs(x), 0, "continuous", 0, 0, 0, (True, True, True)),
        (sp.sqrt(x), 0, "continuous", 0, None, 0, (True, True, True)),  # edge of the domain
        (sp.log(x), 0, "infinite", None, None, -oo, (False, False, False)),
    ],
)
def test_classify_continuity(expr, point, kind, value, left, right, conditions):
    c = classify_continuity(expr, x, point)
    assert c.kind in KINDS
    assert (c.kind, c.value, c.left, c.right) == (kind, value, left, right)
    assert (c.defined, c.limit_exists, c.equal) == conditions
    assert c.continuous is (kind == "continuous")


def test_differentiability_at_relu_and_abs():
    d = differentiability_at(sp.Max(0, x), x, 0)
    assert (d.differentiable, d.left_derivative, d.right_derivative) == (False, 0, 1)
    assert (d.derivative, d.subgradient) == (None, (0, 1))
    d = differentiability_at(sp.Abs(x), x, 0)
    assert (d.differentiable, d.left_derivative, d.right_derivative, d.subgradient) == (
        False,
        -1,
        1,
        (-1, 1),
    )


def test_differentiability_at_other_points():
    d = differentiability_at(sp.Max(0, x), x, 2)
    assert (d.differentiable, d.derivative, d.subgradient) == (True, 1, None)
    d = differentiability_at(x * sp.Abs(x), x, 0)
    assert (d.differentiable, d.derivative) == (True, 0)
    d = differentiability_at(-sp.Abs(x), x, 0)  # a concave kink has no sub-gradient
    assert (d.differentiable, d.left_derivative, d.right_derivative, d.subgradient) == (
        False,
        1,
        -1,
        None,
    )
    d = differentiability_at(sp.sqrt(x), x, 0)
    assert (d.differentiable, d.left_derivative, d.right_derivative, d.shape) == (
        False,
        None,  # f is undefined left of 0
        sp.oo,  # (√h − 0)/h = 1/√h → +∞: a vertical tangent at the edge of the domain
        "vertical_tangent",
    )
    d = differentiability_at(1 / x, x, 0)
    assert (d.differentiable, d.left_derivative, d.right_derivative) == (False, None, None)
