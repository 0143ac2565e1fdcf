"""sample_function: NaN breaks at poles and jumps, holes and asymptotes, NumPy evaluation."""

import math

import numpy as np
import pytest
import sympy as sp

from mathcore import parse_expression, sample_function
from mathcore.sampling import MAX_POINTS, evaluate, sample_windows

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
    """sin(1/x) on ±0.01 needs its own samples (the wide window's step is 2/1000), each on f;
    sin x / x on ±0.01 stays within 2·10⁻⁵ of 1 (1 − x²/6), with samples crowding toward 0."""
    wide, narrow = sample_windows(sp.sin(1 / x), x, [(-1, 1), (-0.01, 0.01)], 800, focus=0)
    assert wide.x[0] == -1 and wide.x[-1] == 1
    assert narrow.x[0] == -0.01 and narrow.x[-1] == 0.01 and len(narrow.x) >= 800
    finite = np.isfinite(narrow.y)
    assert np.allclose(narrow.y[finite], np.sin(1 / narrow.x[finite]))
    (sinc,) = sample_windows(sp.sin(x) / x, x, [(-0.01, 0.01)], 400, focus=0)
    shown = sinc.y[np.isfinite(sinc.y)]
    assert len(shown) >= 400 and np.all(np.abs(shown - 1) <= 2e-5)
    assert np.sum((sinc.x > 0) & (sinc.x < 1e-4)) >= 50


ZOOMS = (0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 4.0, 10.0)  # the limits page's


def chart_view(true):
    """The y-range a chart shows (robust percentiles and a margin, as ``ui.charts.kit.y_range``)
    and a function clipping values to it: what is off the chart is not drawn wrong."""
    low, high = np.percentile(true[np.isfinite(true)], [3, 97])
    pad = 0.15 * (high - low)
    return high - low, lambda y: np.clip(y, low - pad, high + pad)


def misses(s, xs, true):
    """How far the picture of ``s`` is from f's values ``true`` at ``xs``, as a chart shows
    both (:func:`chart_view`): from the line (straight between neighbouring samples), or outside
    the band that holds x; 0 where f or the line is undefined there."""
    _, seen = chart_view(true)
    i = np.searchsorted(s.x, xs).clip(1, len(s.x) - 1)
    x0, x1, y0, y1 = s.x[i - 1], s.x[i], s.y[i - 1], s.y[i]
    line = y0 + (y1 - y0) * (xs - x0) / (x1 - x0)
    found = np.abs(seen(line) - seen(true))
    found[~(np.isfinite(line) & np.isfinite(true))] = 0.0
    for band in s.bands:
        at = (xs >= band.x[0]) & (xs <= band.x[-1])
        low, high = np.interp(xs[at], band.x, band.low), np.interp(xs[at], band.x, band.high)
        value = seen(true[at])
        found[at] = np.maximum(np.maximum(seen(low) - value, value - seen(high)), 0.0)
    return found


def in_bands(s, xs):
    return np.any([(xs >= b.x[0]) & (xs <= b.x[-1]) for b in s.bands], axis=0)


@pytest.mark.parametrize(
    ("f", "a"), [(sp.sin(1 / x), 0.0), (x * sp.sin(1 / x), 0.0), (sp.sin(1 / x) ** 2, 0.0)]
)
def test_sample_windows_draws_f_true_or_the_band_it_sweeps(f, a):
    """At every zoom, at 20 000 random x: the line is within 1 % of the y-range of f (sin(1/x)
    itself, by NumPy), or x is in a band that holds f(x) within 1 %; within 4000 points. The
    grid alone missed sin(1/x) by its whole height for |x| < 0.003 at zoom 0.01 (aliasing)."""
    curves = sample_windows(f, x, [(a - z, a + z) for z in ZOOMS], 800, focus=a)
    reference = sp.lambdify(x, f, "numpy")
    rng = np.random.default_rng(7)
    for zoom, s in zip(ZOOMS, curves, strict=True):
        xs = np.sort(rng.uniform(a - zoom, a + zoom, 20_000))
        with np.errstate(all="ignore"):
            true = reference(xs)
        span, _ = chart_view(true)
        assert len(s.x) <= MAX_POINTS
        assert misses(s, xs, true).max() <= 0.01 * span, zoom


def test_sample_windows_band_where_sin_1_over_x_turns_faster_than_a_line_can_show():
    """sin(1/x) on ±0.01: its wave is shorter than ~4 of 1000 columns (2πx² < 8·10⁻⁵) for
    |x| < 0.0036 and drawable beyond ~0.002: bands cover |x| < 0.0025 and nothing beyond
    0.0036, each sweeping [−1, 1] and no more; the line stops across them."""
    (s,) = sample_windows(sp.sin(1 / x), x, [(-0.01, 0.01)], 800, focus=0)
    xs = np.linspace(-0.01, 0.01, 20_001)
    assert in_bands(s, xs[np.abs(xs) < 0.0025]).all()
    assert not in_bands(s, xs[np.abs(xs) > 0.0036]).any()
    for band in s.bands:
        assert band.low.min() >= -1 and band.high.max() <= 1
    (middle,) = [b for b in s.bands if b.x[0] < 0 < b.x[-1]]
    assert middle.low.max() < -0.95 and middle.high.min() > 0.95  # each column: all the swing
    assert not np.isfinite(s.y[np.abs(s.x) < 0.0025]).any()


@pytest.mark.parametrize(
    ("f", "a"),
    [
        (sp.sin(x) / x, 0.0),
        (x**2, 1.0),
        (1 / x, 0.0),
        (1 / (x + 1), -1.0),
        (sp.tan(x), math.pi / 2),
        (sp.floor(x), 2.0),
        (sp.log(x), 0.0),
        (sp.sqrt(x), 0.0),
        (sp.sqrt(1 - x), 1.0),
    ],
)
def test_sample_windows_smooth_pieces_need_no_band(f, a):
    """Functions a line can draw get no band at any zoom, and the line (as a chart clips it)
    stays within 1 % of the y-range of f; a pole or a jump still breaks it."""
    curves = sample_windows(f, x, [(a - z, a + z) for z in ZOOMS], 800, focus=a)
    reference = sp.lambdify(x, f, "numpy")
    rng = np.random.default_rng(7)
    for zoom, s in zip(ZOOMS, curves, strict=True):
        assert s.bands == () and len(s.x) <= MAX_POINTS
        xs = np.sort(rng.uniform(a - zoom, a + zoom, 20_000))
        with np.errstate(all="ignore"):
            true = reference(xs).astype(float)
        true[~np.isfinite(true)] = np.nan
        span, clip = chart_view(true)
        i = np.searchsorted(s.x, xs).clip(1, len(s.x) - 1)
        line = s.y[i - 1] + (s.y[i] - s.y[i - 1]) * (xs - s.x[i - 1]) / (s.x[i] - s.x[i - 1])
        both = np.isfinite(line) & np.isfinite(true)
        assert np.abs(clip(line) - clip(true))[both].max() <= 0.01 * span, zoom


def test_sample_windows_toward_infinity_on_a_log_axis():
    """x sin x for 1 ≤ ±x ≤ 10^6.3 (log-spaced): x increasing, and where a log axis' column
    holds many waves (x ≳ 10³), a band holding f within 1 % of the y-range."""
    for sign in (1, -1):
        windows = [sorted((sign * 1.0, sign * 10 ** (k + 0.3))) for k in (1, 3, 6)]
        curves = sample_windows(x * sp.sin(x), x, windows, 800, geometric=True)
        rng = np.random.default_rng(7)
        for (start, stop), s in zip(windows, curves, strict=True):
            assert s.x[0] == start and s.x[-1] == stop and np.all(np.diff(s.x) > 0)
            xs = np.sort(sign * np.exp(rng.uniform(0, math.log(abs(stop - start) + 1), 20_000)))
            xs = xs[(xs >= start) & (xs <= stop)]
            true = xs * np.sin(xs)
            span, _ = chart_view(true)
            assert misses(s, xs, true).max() <= 0.01 * span
        assert curves[0].bands == () and curves[-1].bands
