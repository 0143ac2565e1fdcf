"""critical_points: the course's examples, the tests that decide them, windows and fallbacks."""

import pytest
import sympy as sp

from mathcore import critical_points
from mathcore.extrema import KINDS, TESTS
from tests.reference import finite_difference

x = sp.Symbol("x", real=True)


def summary(expr, interval=None):
    found = critical_points(expr, x, interval)
    assert all(p.kind in KINDS and p.test in TESTS for p in found)
    return [(p.x, p.kind, p.test) for p in found]


def test_critical_points_course_example():
    (p,) = critical_points(x**2 - 4 * x + 3, x)
    assert (p.x, p.y, p.kind, p.test, p.stationary, p.numeric) == (
        2,
        -1,
        "local_min",
        "second_derivative",
        True,
        False,
    )


def test_critical_points_second_derivative_silent():
    assert summary(x**4) == [(0, "local_min", "first_derivative")]
    assert summary(-(x**4)) == [(0, "local_max", "first_derivative")]
    assert summary(x**3) == [(0, "neither", "first_derivative")]


def test_critical_points_cubic():
    assert summary(x**3 - 3 * x) == [
        (-1, "local_max", "second_derivative"),
        (1, "local_min", "second_derivative"),
    ]


def test_critical_points_where_the_derivative_does_not_exist():
    (p,) = critical_points(sp.Abs(x), x)
    assert (p.x, p.y, p.kind, p.stationary) == (0, 0, "local_min", False)
    assert summary(sp.Abs(x - 1) + sp.Abs(x + 1)) == [
        (-1, "local_min", "first_derivative"),
        (1, "local_min", "first_derivative"),
    ]


def test_critical_points_interval_and_periodic_window():
    assert summary(sp.sin(x), (0, 7)) == [
        (sp.pi / 2, "local_max", "second_derivative"),
        (3 * sp.pi / 2, "local_min", "second_derivative"),
    ]
    points = critical_points(sp.cos(x), x)  # infinitely many: those in (-10, 10)
    assert [p.x for p in points] == [k * sp.pi for k in range(-3, 4)]
    assert summary(x**2 - 4 * x + 3, (3, 5)) == []
    assert critical_points(sp.Integer(3), x) == []


def test_critical_points_numeric_fallback():
    points = critical_points(x**2 * sp.sin(x), x, (1, 6))  # 2 sin x + x cos x = 0: no closed form
    assert [p.kind for p in points] == ["local_max", "local_min"]
    assert all(p.numeric for p in points)
    for p in points:
        assert abs(finite_difference(x**2 * sp.sin(x), x, float(p.x))) < 1e-9
    assert float(points[0].x) == pytest.approx(2.2889297281, abs=1e-9)


def test_critical_points_when_sympy_is_too_slow(monkeypatch):
    import mathcore.extrema

    monkeypatch.setattr(mathcore.extrema, "SOLVE_SECONDS", 1e-4)  # solveset interrupted at once
    points = critical_points(x**3 - 3 * x, x)
    assert [(round(float(p.x), 9), p.kind, p.numeric) for p in points] == [
        (-1.0, "local_max", True),
        (1.0, "local_min", True),
    ]
    # f' = tan x changes sign across its poles ±π/2 too: those are not critical points
    points = critical_points(-sp.log(sp.cos(x) ** 2) / 2, x, (-3, 3))
    assert [(round(float(p.x), 9), p.kind) for p in points] == [(0.0, "local_min")]
