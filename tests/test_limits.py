"""limit_at: both sides, with verdicts, against hand-solved textbook limits."""

import mpmath
import numpy as np
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


# --- Issue: true on the functions students type. Each value derived by hand (comment). ------
CBRT = sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)  # the real cube root, as the parser builds it


@pytest.mark.parametrize(
    ("expr", "point", "left", "right"),
    [
        # odd roots are real: ∛x → ∛0 = 0 from both sides; ∛(x³ − x) at 1 → 0
        (CBRT, 0, 0, 0),
        (CBRT.subs(x, x**3 - x), 1, 0, 0),
        (CBRT / x, 0, oo, oo),  # |x|^(1/3)/|x| = |x|^(−2/3) → +∞ on both sides
        # the branch active on each side, not the one whose condition holds at a
        (sp.Min(x, x**2) / x, 0, 1, 0),  # x<0: min = x, x/x = 1; 0<x<1: min = x², x²/x → 0
        (sp.Max(x, 1 / x), 0, 0, oo),  # x<0: 1/x → −∞ < x, so max = x → 0; x>0: 1/x → +∞
        (sp.Max(sp.sin(x), sp.cos(x)), sp.pi / 4, sp.sqrt(2) / 2, sp.sqrt(2) / 2),
        (sp.Piecewise((x**2, x < 1), (2 * x, True)), 1, 1, 2),
        # jumps that no list of names knows about: decided from the function itself
        (x - sp.floor(x), 0, 1, 0),  # frac(x): frac(−0.1) = 0.9 → 1, frac(0.1) → 0
        (sp.Mod(x, 1), 1, 1, 0),
        (sp.acot(x), 0, -sp.pi / 2, sp.pi / 2),  # SymPy's acot x = atan(1/x)
        (sp.atan(1 / x), 0, -sp.pi / 2, sp.pi / 2),
        (sp.floor(1 / x), 0, -oo, oo),
        (x * sp.floor(1 / x), 0, 1, 1),  # 1 − x < x⌊1/x⌋ ≤ 1 for x > 0 (and ≥ 1 for x < 0)
        # an unbounded factor times a bounded positive one: (2 + sin(1/x))/x ≥ 1/x on the right
        ((2 + sp.sin(1 / x)) / x, 0, -oo, oo),
    ],
)
def test_limit_at_one_sided_limits_students_meet(expr, point, left, right):
    r = limit_at(expr, x, point)
    assert (r.left, r.right) == (left, right)
    assert (r.left_kind, r.right_kind) == ("limit", "limit")


@pytest.mark.parametrize(
    ("expr", "point", "value"),
    [
        (sp.sin(x) ** 2 + sp.cos(x) ** 2, oo, 1),  # an enclosure ⟨0, 2⟩ is not an oscillation
        (sp.floor(x) / x, oo, 1),  # 1 − 1/x < ⌊x⌋/x ≤ 1
        (sp.sin(x) / x, oo, 0),
        (sp.exp(sp.exp(sp.exp(x + sp.exp(-x)))) / sp.exp(sp.exp(sp.exp(x))), oo, oo),  # overflow
    ],
)
def test_limit_at_infinity_is_not_fooled(expr, point, value):
    assert limit_at(expr, x, point).value == value


@pytest.mark.parametrize(
    ("expr", "point", "unbounded"),
    [
        (sp.sin(1 / x), 0, False),
        (sp.sin(x**2), oo, False),
        (x - sp.floor(x), oo, False),  # the sawtooth keeps sweeping [0, 1)
        (x * sp.sin(x), oo, True),  # f is defined there: not "undefined"
        (x * sp.cos(x), -oo, True),
        (sp.exp(x) * sp.sin(x), oo, True),
        (sp.sin(1 / x) / x, 0, True),
        (sp.tan(x), oo, True),  # a pole every period: tan runs through all of ℝ each time
        (1 / sp.sin(x), oo, True),
        (sp.tan(1 / x), 0, True),  # poles at 1/(π/2 + kπ) → 0
        (sp.log(x) * sp.sin(x), oo, True),  # ln x at x = 2πk + π/2: slow, but no bound
        (sp.exp(sp.exp(x)) * sp.sin(x), oo, True),  # no probe can be computed: SymPy's ⟨−∞, ∞⟩
        (1 / (2 + sp.sin(x)), oo, False),  # between 1/3 and 1: no poles
        (sp.sign(sp.sin(x)), oo, False),  # ±1 in level steps
        (sp.floor(sp.sin(1 / x)), 0, False),
        (sp.sin(sp.log(x)), 0, False),  # a slow swing: two turns per 6 decades
    ],
)
def test_limit_at_oscillation_bounded_or_not(expr, point, unbounded):
    r = limit_at(expr, x, point)
    assert (r.verdict, r.unbounded) == ("oscillates", unbounded)


@pytest.mark.parametrize(
    ("expr", "point", "left", "right", "verdict"),
    [
        # √ of a negative number is undefined in a real course, even inside |·|: the left side
        # has no values (SymPy alone says −∞ there, while |…| of the complex value reads +707)
        (x / sp.Abs(sp.sqrt(x**2 - 1)), 1, None, oo, "undefined"),
        ((-sp.Rational(1, 4)) ** x, oo, None, None, "undefined"),  # not real at non-integers
        (sp.log(-sp.Abs(x)), 0, None, None, "undefined"),
        (sp.sqrt(x), 0, None, 0, "undefined"),
    ],
)
def test_limit_at_undefined_only_without_real_values(expr, point, left, right, verdict):
    r = limit_at(expr, x, point)
    assert (r.left, r.right, r.verdict) == (left, right, verdict)


def test_limit_at_never_shows_a_value_its_numbers_contradict():
    """A slowly converging function and a contradiction check that does not cry wolf."""
    assert limit_at(x ** sp.Rational(1, 100), x, 0, side="right").value == 0  # 10⁻¹⁴^0.01 ≈ 0.72
    r = limit_at(1 / sp.log(1 / x), x, 0, side="right")
    assert r.value == 0  # 1/ln(10¹⁴) ≈ 0.031: slow, but the distance to 0 keeps shrinking


def test_limit_at_piecewise_point_value_does_not_decide_the_limit():
    # SymPy's directional limit takes the branch at x = 0 (value 0) whatever the side; the
    # values cos(1/x) swing over [−1, 1] on both sides, so there is no limit
    f = sp.Piecewise((0, sp.Eq(x, 0)), (2 * x * sp.sin(1 / x) - sp.cos(1 / x), True))
    assert limit_at(f, x, 0).verdict == "oscillates"
    # a damped swing still converges, even slowly: |sin(1/x)/ln(1/|x|)| ≤ 1/ln(1/|x|) → 0
    assert limit_at(sp.sin(1 / x) / sp.log(1 / sp.Abs(x)), x, 0).value == 0


# limits_analysis: the page's record, against values computed here (mpmath, by hand)


def test_limits_analysis_sinc_marches_on_sin_t_over_t_in_every_window():
    """sin(x)/x at 0: for every zoom z the points are ∓z·0.7ᵏ (k = 1..12) and their values are
    sin(t)/t by mpmath to 10⁻¹²; each window's curve is sampled on exactly a ± z and lies
    within 1 − z²/6 ≤ y ≤ 1 there (|x| ≤ z)."""
    from mathcore import ZOOMS, limits_analysis

    found = limits_analysis(sp.sin(x) / x, x, 0)
    assert (found.limit.value, found.value, found.frames, found.reaches) == (1, None, ZOOMS, ())
    for z in ZOOMS:
        assert found.windows[z] == (-z, z)
        for side, sign in (("left", -1), ("right", 1)):
            xs, ys = found.march[(z, side)]
            assert xs == pytest.approx([sign * z * 0.7**k for k in range(1, 13)], rel=1e-15)
            for t, y in zip(xs, ys, strict=True):
                with mpmath.workdps(40):
                    assert abs(y - float(mpmath.sin(t) / t)) <= 1e-12
        curve = found.curves[z]
        assert curve.x.min() == -z and curve.x.max() == z and len(curve.x) >= 400
        finite = curve.y[np.isfinite(curve.y)]
        assert (
            len(finite) >= 399  # n = 400 samples, but the hole at 0
            and np.all(finite <= 1 + 1e-15)
            and np.all(finite >= 1 - z**2 / 6 - 1e-12)
        )


def test_limits_analysis_where_f_is_undefined_on_a_side_has_no_values_there():
    """√x at 0: no real value left of 0 at any zoom (nan), √t right of it; f(0) = 0."""
    from mathcore import limits_analysis

    found = limits_analysis(sp.sqrt(x), x, 0, zooms=(0.5, 4.0))
    assert found.value == 0 and (found.limit.left_kind, found.limit.right) == ("undefined", 0)
    for z in (0.5, 4.0):
        assert all(np.isnan(found.march[(z, "left")][1]))
        xs, ys = found.march[(z, "right")]
        assert ys == pytest.approx([t**0.5 for t in xs], rel=1e-14)


@pytest.mark.parametrize("point", [oo, -oo])
def test_limits_analysis_toward_infinity_frames_are_reaches_with_the_tables_rows(point):
    """1/x toward ±∞: one frame per reach k, window 1 ≤ |x| ≤ 10^(k+0.3) on the
    side x comes from; the points are the table's rows ±10ᵏ with 1/x by hand."""
    from mathcore import REACHES, limits_analysis

    sign = 1 if point is oo else -1
    side = "left" if point is oo else "right"
    found = limits_analysis(1 / x, x, point)
    assert (found.frames, found.zooms, found.value, found.limit.value) == (REACHES, (), None, 0)
    for k in REACHES:
        assert found.windows[k] == tuple(sorted((sign * 1.0, sign * 10 ** (k + 0.3))))
        xs, ys = found.march[(k, side)]
        assert xs == tuple(sign * 10.0**j for j in range(1, 7))
        assert [float(y) for y in ys] == pytest.approx([1 / v for v in xs], rel=1e-15)
        curve = found.curves[k]
        lo, hi = found.windows[k]
        assert curve.x.min() == pytest.approx(lo, rel=1e-12)
        assert curve.x.max() == pytest.approx(hi, rel=1e-12)
        assert np.all((curve.x >= lo - 1e-9 * abs(lo)) & (curve.x <= hi + 1e-9 * abs(hi)))


def test_limits_analysis_refuses_a_window_of_no_width():
    from mathcore import limits_analysis

    with pytest.raises(ValueError, match="zooms must be positive"):
        limits_analysis(x, x, 0, zooms=(0.0,))


def test_limit_at_is_remembered_per_process():
    """A page's analysis asks for the same limit twice (at a, then a's break on the chart): the
    second answer is the first one, not computed again; another side is another question."""
    x = sp.Symbol("x", real=True)
    f = (x**2 - 9) / (x - 3)
    first = limit_at(f, x, 3)
    assert limit_at(f, x, sp.Integer(3)) is first
    assert limit_at(f, x, 3, side="left") is not first
    assert limit_at(f, x, 3, side="left").value == first.value == 6
