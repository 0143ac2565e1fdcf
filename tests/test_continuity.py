"""classify_continuity and differentiability_at against the course's textbook cases."""

import math

import numpy as np
import pytest
import sympy as sp

from mathcore import InputError, classify_continuity, continuity_analysis, differentiability_at
from mathcore.continuity import KINDS
from tests.reference import FD_TOLERANCE, finite_difference

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


CBRT = sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)


@pytest.mark.parametrize(
    ("expr", "point", "left", "right", "shape"),
    [
        # (∛h − 0)/h = |h|^(−2/3) → +∞ from both sides: a vertical tangent
        (CBRT, 0, sp.oo, sp.oo, "vertical_tangent"),
        # |h|^(2/3)/h = sign(h)|h|^(−1/3): −∞ from the left, +∞ from the right: a cusp
        (sp.Abs(x) ** sp.Rational(2, 3), 0, -sp.oo, sp.oo, "cusp"),
        (CBRT.subs(x, x - 1) ** 2, 1, -sp.oo, sp.oo, "cusp"),
        # max(x, x²): x on (0, 1), x² beyond 1: slopes 1 and 2
        (sp.Max(x, x**2), 1, 1, 2, "corner"),
        (sp.Max(x, x**2), 0, 0, 1, "corner"),  # x² left of 0, x right of it
        (sp.Max(sp.sin(x), sp.cos(x)), sp.pi / 4, -sp.sqrt(2) / 2, sp.sqrt(2) / 2, "corner"),
        (x * sp.sqrt(x), 0, None, 0, "one_sided"),  # h^(3/2)/h = √h → 0, f undefined left of 0
        (sp.floor(x), 2, sp.oo, 0, "discontinuous"),  # (1 − 2)/h with h < 0 → +∞
    ],
)
def test_differentiability_at_one_sided_derivatives(expr, point, left, right, shape):
    d = differentiability_at(expr, x, point)
    assert (d.differentiable, d.left_derivative, d.right_derivative, d.shape) == (
        False,
        left,
        right,
        shape,
    )


def test_differentiability_at_real_root_away_from_zero():
    # d/dx ∛x = 1/(3∛(x²)) = 1/12 at −8, so the tangent is y = x/12 − 4/3
    d = differentiability_at(CBRT, x, -8)
    assert (d.differentiable, d.derivative) == (True, sp.Rational(1, 12))


def test_differentiability_at_wiggly_functions_at_zero():
    # f = x² sin(1/x), f(0) = 0: (h² sin(1/h))/h = h sin(1/h) → 0, so f′(0) = 0
    f = sp.Piecewise((x**2 * sp.sin(1 / x), sp.Ne(x, 0)), (0, True))
    d = differentiability_at(f, x, 0)
    assert (d.differentiable, d.derivative) == (True, 0)
    # f = x sin(1/x), f(0) = 0: the quotient sin(1/h) oscillates: continuous, not differentiable
    g = sp.Piecewise((x * sp.sin(1 / x), sp.Ne(x, 0)), (0, True))
    assert classify_continuity(g, x, 0).continuous is True
    assert differentiability_at(g, x, 0).shape == "oscillating"


def test_differentiability_at_second_method_where_sympy_is_wrong():
    # SymPy's limit of this quotient is +∞; f′(x) = e^σ(x)·σ(x)(1 − σ(x)) is continuous, and
    # by the mean value theorem the one-sided derivatives equal lim f′: 0.43793068385935…
    f = sp.exp(1 / (1 + sp.exp(-x)))
    d = differentiability_at(f, x, sp.Rational(1, 2))
    expected = sp.diff(f, x).subs(x, sp.Rational(1, 2))
    assert d.differentiable is True
    assert abs(float(d.derivative) - float(expected)) < 1e-12


@pytest.mark.parametrize(
    ("expr", "point", "kind"),
    [
        (sp.sin(1 / x) / x, 0, "oscillating"),  # oscillates without bound: still oscillating
        (x - sp.floor(x), 0, "jump"),
        (sp.acot(x), 0, "jump"),
        (sp.log(-sp.Abs(x)), 0, "undefined"),  # no real values near 0 at all
    ],
)
def test_classify_continuity_from_the_function_itself(expr, point, kind):
    assert classify_continuity(expr, x, point).kind == kind


def test_differentiability_at_constant_built_two_ways():
    """f(a+h) − f(a) is exactly 0 while its two terms are written differently (σ(1) against
    e/(1+e)): SymPy's limit of the quotient says ±∞; the values, once the rounding residue is
    seen to shrink with the precision, say 0 — the function is constant there."""
    sigma = lambda u: 1 / (1 + sp.exp(-u))  # noqa: E731
    d = differentiability_at(sigma(sp.Max(2 ** sp.Rational(1, 3), x)), x, -2)
    assert (d.differentiable, d.derivative) == (True, 0)
    d = differentiability_at(sigma(sp.Piecewise((x, x < -2), (1, True))), x, -2)
    assert (d.left_derivative, d.right_derivative, d.shape) == (oo, 0, "discontinuous")


def test_differentiability_at_inputs_the_fuzz_found():
    # (−1)^x is not real at non-integers: f(0) = sin 1 exists, but no slope on either side
    f = sp.sin((-1) ** x)
    assert differentiability_at(f, x, 0).shape == "undefined"
    # 0^x: log 0 inside the probe's digit estimate must not crash the limit
    assert classify_continuity(sp.sin(sp.Integer(0) ** x), x, 1).kind in KINDS


@pytest.mark.parametrize(
    ("expr", "shape"),
    [
        # f has no limit at 0 (sin(1/x) swings between −1 and 1): not continuous, so the
        # oscillating quotient is a break, not the "continuous but" kind of oscillation
        (sp.Piecewise((sp.sin(1 / x), sp.Ne(x, 0)), (0, True)), "discontinuous"),
        # |x sin(1/x)| ≤ |x| → 0 = f(0): continuous, and the quotient sin(1/h) oscillates
        (sp.Piecewise((x * sp.sin(1 / x), sp.Ne(x, 0)), (0, True)), "oscillating"),
        (sp.floor(x), "discontinuous"),  # a jump: floor(0 + h) = −1 for small h < 0
        (sp.Abs(x), "corner"),  # continuous, slopes −1 and 1
        (sp.Max(x, 0), "corner"),  # ReLU: continuous, slopes 0 and 1
    ],
)
def test_differentiability_shape_matches_what_f_does(expr, shape):
    assert differentiability_at(expr, x, 0).shape == shape


# continuity_analysis: the /continuity page's record, against values found without the engine


def one_sided_quotients(f, a: float, h: float = 1e-8) -> tuple[float, float]:
    """(f(a − h) − f(a))/(−h) and (f(a + h) − f(a))/h with plain floats: exact for a function
    linear on each side of a (ReLU), error ~h·|f″| otherwise."""
    return (f(a - h) - f(a)) / -h, (f(a + h) - f(a)) / h


def test_continuity_analysis_relu_one_sided_derivatives_are_0_and_1():
    found = continuity_analysis(sp.Max(0, x), x, 0)
    assert (found.point, found.window) == (0, (-3.0, 3.0))
    assert found.continuity.continuous and found.continuity.kind == "continuous"
    left, right = one_sided_quotients(lambda t: max(0.0, t), 0.0)
    kink = found.differentiability
    assert not kink.differentiable and kink.shape == "corner"
    assert float(kink.left_derivative) == pytest.approx(left, abs=1e-12)  # 0
    assert float(kink.right_derivative) == pytest.approx(right, abs=1e-12)  # 1
    curve = found.curve  # f on −3 … 3, crowded toward 0: every sample is max(0, x)
    assert curve.x.shape == curve.y.shape and len(curve.x) >= 1000
    assert (curve.x[0], curve.x[-1]) == (-3.0, 3.0)
    assert np.allclose(curve.y, np.maximum(0.0, curve.x), rtol=0, atol=1e-15)
    assert (np.abs(curve.x) < 1e-6).sum() > 10  # densely near a


def test_continuity_analysis_differentiable_point_matches_a_central_difference():
    f = sp.sin(x) * x**2
    found = continuity_analysis(f, x, 1)
    smooth = found.differentiability
    assert smooth.differentiable
    slope = finite_difference(f, x, 1.0)
    assert float(smooth.derivative) == pytest.approx(slope, abs=FD_TOLERANCE)
    assert float(smooth.derivative) == pytest.approx(2 * math.sin(1) + math.cos(1), abs=1e-12)


def test_continuity_analysis_jump_has_no_derivatives_and_no_line_across_it():
    found = continuity_analysis(sp.floor(x), x, 2)
    c = found.continuity
    assert (c.kind, c.value, c.left, c.right) == ("jump", 2, 1, 2)
    assert found.differentiability is None  # a break: no one-sided tangents drawn
    curve = found.curve
    assert np.isnan(curve.y[curve.x == 2.0]).all()
    finite = np.isfinite(curve.y)
    assert np.array_equal(curve.y[finite], np.floor(curve.x[finite]))
    steps = np.abs(np.diff(curve.y))  # the line never rises between two defined samples
    assert np.nanmax(steps) == 0


def test_continuity_analysis_pole_marks_the_asymptote():
    found = continuity_analysis(1 / (x + 1), x, -1)
    assert found.continuity.kind == "infinite" and found.differentiability is None
    assert found.window == (-4.0, 2.0) and found.curve.asymptotes == (-1.0,)


def test_continuity_analysis_needs_a_finite_point():
    with pytest.raises(InputError) as err:
        continuity_analysis(x, x, sp.oo)
    assert err.value.code == "not_finite"
