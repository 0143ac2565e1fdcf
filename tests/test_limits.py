"""limit_at: both sides, with verdicts, against hand-solved textbook limits."""

import pytest
import sympy as sp

from mathcore import limit_at
from mathcore.limits import VERDICTS, approach_table

x = sp.Symbol("x", real=True)
oo = sp.oo


def test_limit_at_course_example_sides_differ():
    r = limit_at(1 / (x + 1), x, -1)
    assert (r.left, r.right, r.value, r.verdict, r.converges) == (
        -oo,
        oo,
        None,
        "sides_differ",
        False,
    )


@pytest.mark.parametrize(
    ("expr", "point", "left", "right", "value", "verdict"),
    [
        (sp.sin(x) / x, 0, 1, 1, 1, "converges"),
        ((x**2 - 1) / (x - 1), 1, 2, 2, 2, "converges"),
        (1 / x**2, 0, oo, oo, oo, "diverges_to_inf"),
        (-1 / x**2, 0, -oo, -oo, -oo, "diverges_to_neg_inf"),
        (sp.floor(x), 2, 1, 2, None, "sides_differ"),
        (sp.Abs(x) / x, 0, -1, 1, None, "sides_differ"),
        (sp.sin(1 / x), 0, None, None, None, "oscillates"),
        (sp.sqrt(x), 0, None, 0, None, "undefined"),  # not defined for x < 0
        (sp.log(x), 0, None, -oo, None, "undefined"),
        (sp.Max(0, x), 0, 0, 0, 0, "converges"),
        ((1 + x) ** (1 / x), 0, sp.E, sp.E, sp.E, "converges"),
    ],
)
def test_limit_at_two_sided(expr, point, left, right, value, verdict):
    r = limit_at(expr, x, point)
    assert r.verdict in VERDICTS
    assert (r.left, r.right, r.value, r.verdict) == (left, right, value, verdict)
    assert r.converges is (verdict == "converges")


def test_limit_at_one_side():
    r = limit_at(1 / (x + 1), x, -1, side="right")
    assert (r.value, r.verdict) == (oo, "diverges_to_inf")
    r = limit_at(sp.floor(x), x, 2, side="left")
    assert (r.value, r.verdict, r.converges) == (1, "converges", True)
    with pytest.raises(ValueError):
        limit_at(x, x, 0, side="up")


def test_limit_at_infinity():
    r = limit_at(sp.exp(-x), x, oo)  # Loss(epoch) = e^(-epoch) -> 0: training converges
    assert (r.left, r.right, r.value, r.verdict) == (0, None, 0, "converges")
    assert limit_at(sp.exp(-x), x, -oo).verdict == "diverges_to_inf"
    assert limit_at(sp.sin(x), x, oo).verdict == "oscillates"
    assert limit_at((2 * x + 1) / (x - 3), x, -oo).value == 2
    assert limit_at(1 / x, x, float("inf")).value == 0


def test_limit_at_symbolic_point():
    assert limit_at(sp.tan(x), x, sp.pi / 2).verdict == "sides_differ"
    assert limit_at(sp.sin(x), x, sp.pi / 2).value == 1


def test_approach_table():
    left, right = approach_table(sp.sin(x) / x, x, 0)
    assert [row[0] for row in left] == pytest.approx([-(10.0**-k) for k in range(1, 7)])
    assert [row[0] for row in right] == pytest.approx([10.0**-k for k in range(1, 7)])
    assert right[0][1] == pytest.approx(0.9983341664682815, rel=1e-15)  # sin(0.1)/0.1
    assert left[-1][1] == pytest.approx(1.0, abs=1e-12)
    left, right = approach_table(1 / (x + 1), x, -1)
    assert [y for _, y in left] == pytest.approx([-(10.0**k) for k in range(1, 7)])
    rows, none = approach_table(sp.exp(-x), x, oo)
    assert none == () and rows[0] == pytest.approx((10.0, 4.5399929762484854e-05))
