"""sample_function: NaN breaks at poles and jumps, holes and asymptotes, NumPy evaluation."""

import math

import numpy as np
import pytest
import sympy as sp

from mathcore import parse_expression, sample_function
from mathcore.sampling import evaluate, sample_windows

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


def connectors(s):
    """Rises of the drawn line: |Δy| between neighbouring finite samples."""
    both = np.isfinite(s.y[:-1]) & np.isfinite(s.y[1:])
    return np.abs(np.diff(s.y))[both]


def test_sample_function_no_connector_at_the_windows_edge_or_a_piecewise_jump():
    """floor x jumps by 1 at the window's right end x = 6 and {x < 1: x², 2x} by 1 at x = 1:
    no drawn step may rise by 1/2 (elsewhere the rises are 0, and ≤ 2·0.02 for x², 2x)."""
    assert connectors(sample_function(sp.floor(x), x, -2, 6)).max() < 0.5
    piecewise = parse_expression("{x < 1: x^2, 2x}")
    s = sample_function(piecewise, x, -1, 3)
    assert connectors(s).max() < 0.5
    assert s.y[np.argmin(abs(s.x - 2.0))] == pytest.approx(4.0, abs=1e-2)
    frac = sample_function(parse_expression("x - floor(x)") * 1, x, 0.5, 40.5, n=300)
    assert connectors(frac).max() < 0.5  # 40 jumps of −1


def test_sample_windows_resamples_each_zoom_densely_near_the_focus():
    """sin(1/x) on ±0.01 needs its own samples (the wide window's step is 2/1000); near 0 they
    crowd toward x = 0; sin x / x on ±0.01 stays within 2·10⁻⁵ of 1 (1 − x²/6)."""
    wide, narrow = sample_windows(sp.sin(1 / x), x, [(-1, 1), (-0.01, 0.01)], 800, focus=0)
    assert wide.x[0] == -1 and wide.x[-1] == 1
    assert narrow.x[0] == -0.01 and narrow.x[-1] == 0.01 and len(narrow.x) >= 800
    assert np.sum((narrow.x > 0) & (narrow.x < 1e-4)) >= 50
    finite = np.isfinite(narrow.y)
    assert np.allclose(narrow.y[finite], np.sin(1 / narrow.x[finite]))
    (sinc,) = sample_windows(sp.sin(x) / x, x, [(-0.01, 0.01)], 400, focus=0)
    shown = sinc.y[np.isfinite(sinc.y)]
    assert len(shown) >= 400 and np.all(np.abs(shown - 1) <= 2e-5)
