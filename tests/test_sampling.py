"""sample_function: NaN breaks at poles and jumps, holes and asymptotes, NumPy evaluation."""

import math

import numpy as np
import pytest
import sympy as sp

from mathcore import parse_expression, sample_function
from mathcore.sampling import evaluate

x = sp.Symbol("x", real=True)


def segments(s):
    """Runs of finite y: the pieces a line plot draws."""
    finite = np.isfinite(s.y)
    return int(np.sum(finite[1:] & ~finite[:-1]) + finite[0])


def test_sample_function_removable_hole():
    s = sample_function((x**2 - 1) / (x - 1), x, -3, 3)
    assert s.holes == ((1.0, 2.0),) and s.asymptotes == ()
    assert len(s.x) <= 1001 and np.isnan(s.y[s.x == 1.0]).all()
    assert s.y[np.argmin(abs(s.x - 2.5))] == pytest.approx(3.5, abs=1e-2)


def test_sample_function_never_joins_across_a_pole():
    s = sample_function(1 / (x + 1), x, -3, 3)
    assert s.asymptotes == (-1.0,) and segments(s) == 2
    left = s.y[s.x < -1][np.isfinite(s.y[s.x < -1])]
    assert left.max() < 0 and s.y[s.x > -1][np.isfinite(s.y[s.x > -1])].min() > 0
    tan = sample_function(sp.tan(x), x, -5, 5)
    assert tan.asymptotes == pytest.approx(
        [-3 * math.pi / 2, -math.pi / 2, math.pi / 2, 3 * math.pi / 2]
    )
    assert segments(tan) == 5


def test_sample_function_jumps_are_broken():
    s = sample_function(sp.floor(x), x, -0.5, 3.5)
    assert s.breaks == (0.0, 1.0, 2.0, 3.0) and segments(s) == 5
    assert s.holes == () and s.asymptotes == ()


def test_sample_function_undefined_and_oscillating():
    s = sample_function(sp.sqrt(x), x, -2, 2, n=401)
    assert np.isnan(s.y[s.x < 0]).all() and np.isfinite(s.y[s.x >= 0]).all()
    s = sample_function(sp.sin(1 / x), x, -1, 1)
    assert s.holes == () and s.asymptotes == () and s.breaks == (0.0,)
    s = sample_function(sp.sin(x) / x, x, -5, 5)
    assert s.holes == ((0.0, 1.0),)


def test_evaluate_handles_constants_overflow_and_piecewise():
    xs = np.array([-1.0, 0.0, 2.0])
    assert evaluate(sp.Integer(3), x, xs).tolist() == [3.0, 3.0, 3.0]
    assert evaluate(sp.Max(0, x), x, xs).tolist() == [0.0, 0.0, 2.0]
    assert np.isnan(evaluate(sp.exp(x**3), x, np.array([1000.0]))).all()
    assert evaluate(sp.log(x), x, xs)[2] == pytest.approx(math.log(2))
    roots = evaluate(sp.floor(sp.sqrt(x)), x, np.array([-1.0, 0.5, 4.5]))  # floor of a root
    assert np.isnan(roots[0]) and roots[1:].tolist() == [0.0, 2.0]


def test_sample_function_real_cube_root_has_no_gap():
    """∛x is defined and continuous on all of ℝ: no NaN at 0, and ∛(−8) = −2 on the curve."""
    f = parse_expression("x^(1/3)")
    s = sample_function(f, x, -8, 8, n=161)
    assert s.breaks == () and not np.isnan(s.y).any()
    assert s.y[0] == pytest.approx(-2.0) and s.y[-1] == pytest.approx(2.0)
