"""derivative, tangent_line, difference_quotient: hand-derived answers and finite differences."""

import math

import pytest
import sympy as sp

from mathcore import InputError, derivative, difference_quotient, tangent_line
from mathcore.derivatives import difference_quotients
from tests.reference import FD_TOLERANCE, finite_difference, numeric_value

x = sp.Symbol("x", real=True)
w, xs, ys = sp.symbols("w x y", real=True)
n = sp.Symbol("n", positive=True, integer=True)

RULE_TABLE = [  # the course's rule table
    (x**n, n * x ** (n - 1)),
    (sp.sin(x), sp.cos(x)),
    (sp.cos(x), -sp.sin(x)),
    (sp.exp(x), sp.exp(x)),
    (sp.log(x), 1 / x),
]


@pytest.mark.parametrize(("expr", "expected"), RULE_TABLE, ids=str)
def test_derivative_rule_table(expr, expected):
    assert sp.simplify(derivative(expr, x) - expected) == 0


def test_derivative_course_examples():
    assert derivative(4 * x**3 - 2 * x**2 + x - 7, x) == 12 * x**2 - 4 * x + 1
    assert sp.expand(derivative((w * xs - ys) ** 2, w) - 2 * xs * (w * xs - ys)) == 0


SMOOTH = [
    x**2 * sp.sin(x),
    sp.exp(-(x**2)),
    1 / (1 + sp.exp(-x)),
    sp.log(x**2 + 1),
    sp.atan(2 * x),
    sp.sqrt(x**2 + 1),
    x**x,
    sp.tanh(x) ** 2,
    sp.sin(x) / x,
    2**x,
    sp.cos(3 * x + 1) ** 3,
    x / (x + 1),
    sp.asin(x / 3),
    sp.sinh(x) * sp.cosh(x),
]


@pytest.mark.parametrize("expr", SMOOTH, ids=str)
@pytest.mark.parametrize("at", [0.3, 1.7, 2.2])
def test_derivative_matches_finite_differences(expr, at):
    assert numeric_value(derivative(expr, x), x, at) == pytest.approx(
        finite_difference(expr, x, at), rel=FD_TOLERANCE, abs=FD_TOLERANCE
    )


def test_derivative_is_undefined_exactly_at_kinks():
    relu = derivative(sp.Max(0, x), x)
    assert relu.subs(x, -2) == 0 and relu.subs(x, 3) == 1
    assert relu.subs(x, 0) is sp.nan
    assert not relu.has(sp.Heaviside)
    absolute = derivative(sp.Abs(x), x)
    assert (absolute.subs(x, -1), absolute.subs(x, 1), absolute.subs(x, 0)) == (-1, 1, sp.nan)
    assert not absolute.has(sp.sign)
    smooth_kink = derivative(x * sp.Abs(x), x)  # differentiable at 0 with derivative 0
    assert smooth_kink.subs(x, 0) == 0
    for at in (-1.3, 0.8):
        assert numeric_value(smooth_kink, x, at) == pytest.approx(
            finite_difference(x * sp.Abs(x), x, at), rel=FD_TOLERANCE
        )
    assert derivative(sp.sign(x**2 - 1), x).subs(x, 3) == 0
    stairs = derivative(sp.floor(x), x)
    assert stairs.subs(x, sp.Rational(1, 2)) == 0 and stairs.subs(x, 1) is sp.nan


def test_derivative_higher_order():
    assert derivative(x**4, x, order=2) == 12 * x**2
    assert derivative(sp.exp(2 * x), x, order=3) == 8 * sp.exp(2 * x)
    with pytest.raises(ValueError):
        derivative(x, x, order=0)


def test_tangent_line():
    t = tangent_line(x**2 - 4 * x + 3, x, 3)
    assert (t.point, t.value, t.slope, t.intercept) == (3, 0, 2, -6)
    t = tangent_line(sp.sin(x), x, sp.pi)
    assert (t.slope, t.intercept) == (-1, sp.pi)
    with pytest.raises(InputError) as err:
        tangent_line(sp.Abs(x), x, 0)
    assert err.value.code == "not_differentiable"


def test_difference_quotient():
    assert difference_quotient(x**2, x, 1, 0.5) == pytest.approx(2.5, rel=1e-15)
    for k in range(1, 13):  # secant slopes approach the tangent slope 2 as h -> 0
        h = 10.0**-k
        assert difference_quotient(x**2, x, 1, h) == pytest.approx(2 + h, rel=1e-12)
    assert difference_quotient(sp.Max(0, x), x, 0, -1e-6) == 0
    assert difference_quotient(sp.Max(0, x), x, 0, 1e-6) == 1
    assert math.isnan(difference_quotient(sp.sqrt(x), x, 0, -0.1))


def test_derivative_of_steps_and_periodic_pieces():
    halves = derivative(sp.ceiling(x / 2), x)  # SymPy leaves a Subs(…) for the inner x/2
    assert not halves.has(sp.Subs, sp.Derivative)
    assert halves.subs(x, sp.Rational(1, 2)) == 0 and halves.subs(x, 2) is sp.nan
    larger = sp.Max(sp.sin(x), sp.cos(x))  # pieces SymPy cannot write as sets: no slow detour
    for at in (-2.0, 0.3, 1.7):
        assert numeric_value(derivative(larger, x), x, at) == pytest.approx(
            finite_difference(larger, x, at), rel=FD_TOLERANCE, abs=FD_TOLERANCE
        )
    assert derivative(larger, x).subs(x, sp.pi / 4) is sp.nan


def test_difference_quotients_only_where_f_has_a_real_finite_value():
    # ln at 1 with h = −1 reaches ln 0 (mpmath: −∞): no quotient, not "inf"; (ln 2 − 0)/1 = ln 2
    q = difference_quotients(sp.log(x), x, 1, [1.0, -1.0])
    assert math.isnan(q[-1.0]) and abs(q[1.0] - math.log(2)) < 1e-15
    # |√x| has no real value at −1 (mpmath's |√−1| = |i| = 1 would invent one)
    q = difference_quotients(sp.Abs(sp.sqrt(x)), x, 0, [1.0, -1.0])
    assert q[1.0] == 1.0 and math.isnan(q[-1.0])


# --- the derivatives page's one analysis (topic slice) ------------------------------------------


def test_derivatives_analysis_secant_slopes_and_tangent_against_hand_values():
    from mathcore import H_STEPS, derivatives_analysis

    found = derivatives_analysis(x**3, x, 2)
    assert found.hs == H_STEPS and found.window == (-1.0, 5.0)
    assert (found.derivative, found.tangent.slope, found.tangent.intercept) == (3 * x**2, 12, -16)
    assert found.differentiability is None and found.value == 8.0
    for h in H_STEPS:  # ((2 + h)³ − 8)/h = 12 + 6h + h², by hand
        for step in (h, -h):
            assert found.slopes[step] == pytest.approx(12 + 6 * step + step**2, rel=1e-12)
    assert found.steps.rule == "power"


@pytest.mark.parametrize(
    ("text", "at"),
    [("x^2 sin x", 1), ("e^(-x^2)", 0), ("ln(x + 4)", -1), ("max(x, x^2)", 0.5)],
)
def test_tangent_explorer_slopes_are_f_prime_by_finite_differences(text, at):
    """Every grid point's slope is f′ there (central difference at 60 digits, 1e-9), every
    value is f there, and the grid runs across the window with a itself in the middle."""
    from mathcore import derivatives_analysis, parse_expression

    f = parse_expression(text)
    found = derivatives_analysis(f, x, at)
    xs = found.tangent_points
    assert xs.shape == (49,) and xs[24] == at and (xs[0], xs[-1]) == found.window
    for point, value, slope in zip(xs, found.tangent_values, found.tangent_slopes, strict=True):
        reference = numeric_value(f, x, float(point))
        if not math.isfinite(reference):  # ln 0 at x = −4: no value, no tangent
            assert math.isnan(value) and math.isnan(slope)
            continue
        assert value == pytest.approx(reference, rel=1e-12, abs=1e-12)
        if text == "max(x, x^2)" and point in (0.0, 1.0):  # the kinks: no derivative
            assert math.isnan(slope)
            continue
        expected = finite_difference(f, x, float(point))
        assert slope == pytest.approx(expected, rel=FD_TOLERANCE, abs=FD_TOLERANCE)


def test_tangent_explorer_is_honest_where_the_formula_is_not():
    """SymPy's formula for (max(∛x, cos x))′ has no value at 0, where f′(0) = 0 (cos x is the
    larger near 0); |x| has no derivative at 0 and x^(1/3) a vertical tangent: no slope."""
    from mathcore import derivatives_analysis, parse_expression

    found = derivatives_analysis(parse_expression("max(cbrt(x), cos x)"), x, 1)
    at_zero = list(found.tangent_points).index(0.0)
    assert found.tangent_slopes[at_zero] == pytest.approx(0.0, abs=1e-12)
    for text in ("abs(x)", "x^(1/3)"):
        found = derivatives_analysis(parse_expression(text), x, 1)
        assert math.isnan(found.tangent_slopes[list(found.tangent_points).index(0.0)])
