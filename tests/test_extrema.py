"""critical_points: the course's examples, the tests that decide them, windows and fallbacks."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathcore import critical_point_search, critical_points, extrema_analysis, parse_expression
from mathcore.extrema import KINDS, TESTS, piecewise_constant, switch_points
from tests.reference import FD_TOLERANCE, finite_difference

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

    # no time for solveset at all (a CPU-time signal comes only on a scheduler tick, ~4 ms: a
    # share of 1e-4 s let x³ − 3x be solved before it)
    monkeypatch.setattr(mathcore.extrema, "SOLVE_SECONDS", 0.0)
    points = critical_points(x**3 - 3 * x, x)
    assert [(round(float(p.x), 9), p.kind, p.numeric) for p in points] == [
        (-1.0, "local_max", True),
        (1.0, "local_min", True),
    ]
    # f' = tan x changes sign across its poles ±π/2 too: those are not critical points
    points = critical_points(-sp.log(sp.cos(x) ** 2) / 2, x, (-3, 3))
    assert [(round(float(p.x), 9), p.kind) for p in points] == [(0.0, "local_min")]


# --- critical points on piece boundaries and inside products (issue "kind 7") -----------------

R = sp.Rational
CUBE_ROOT = sp.sign(x) * sp.Abs(x) ** R(1, 3)  # what the parser makes of x^(1/3)


def details(expr, interval=None):
    return [(p.x, p.kind, p.test, p.stationary) for p in critical_points(expr, x, interval)]


def test_critical_points_stationary_on_a_piece_boundary():
    # f' = 2x + 3x|x| exists at 0 and is 0; f''(0) = 2 from both sides
    (p,) = critical_points(x**2 + sp.Abs(x) ** 3, x)
    assert (p.x, p.y, p.kind, p.test, p.stationary, p.numeric) == (
        0,
        0,
        "local_min",
        "second_derivative",
        True,
        False,
    )
    # f' = 2|x| ≥ 0: stationary at 0, f'' jumps from −2 to 2 there, f rises through
    assert details(x * sp.Abs(x)) == [(0, "neither", "first_derivative", True)]
    # |x|^(5/3): f'(0) = 0, f''(0) does not exist (infinite)
    assert details(sp.Abs(x) ** R(5, 3)) == [(0, "local_min", "first_derivative", True)]


def test_critical_points_kinks_of_abs_sin():
    found = critical_points(sp.Abs(sp.sin(x)), x)
    kinks = [(k * sp.pi, "local_min", "first_derivative", False) for k in range(-3, 4)]
    tops = [(k * sp.pi / 2, "local_max", "second_derivative", True) for k in (-5, -3, -1, 1, 3, 5)]
    assert [(p.x, p.kind, p.test, p.stationary) for p in found] == sorted(
        kinks + tops, key=lambda t: float(t[0])
    )
    assert not any(p.numeric for p in found)


def test_critical_points_switches_inside_products_and_compositions():
    assert details(x * sp.Abs(x - 1)) == [
        (R(1, 2), "local_max", "second_derivative", True),
        (1, "local_min", "first_derivative", False),
    ]
    assert details(sp.exp(sp.Abs(x))) == [(0, "local_min", "first_derivative", False)]
    assert details(sp.exp(-sp.Abs(x - 1))) == [(1, "local_max", "first_derivative", False)]
    assert details(sp.Abs(x) * (x - 2) ** 2) == [
        (0, "local_min", "first_derivative", False),
        (R(2, 3), "local_max", "second_derivative", True),
        (2, "local_min", "second_derivative", True),
    ]
    # continuous although floor jumps: corners at the integers, f rising through each
    stairs = details(sp.floor(x) + (x - sp.floor(x)) ** 2, (-2.5, 2.5))
    assert stairs == [(k, "neither", "first_derivative", False) for k in range(-2, 3)]


def test_critical_points_max_and_min():
    # Max(x, x²) is x² for x < 0, x on (0, 1), x² for x > 1: slopes 0|1 at 0, 1|2 at 1
    assert details(sp.Max(x, x**2)) == [
        (0, "local_min", "first_derivative", False),
        (1, "neither", "first_derivative", False),
    ]
    # Min(x, 1/x): x on (−∞, −1) and (0, 1), 1/x elsewhere; slopes 1|−1 at ±1; 0 not in domain
    assert details(sp.Min(x, 1 / x)) == [
        (-1, "local_max", "first_derivative", False),
        (1, "local_max", "first_derivative", False),
    ]
    # Max(sin, cos): corners (minima) at π/4 + kπ, smooth maxima where the larger one peaks
    found = details(sp.Max(sp.sin(x), sp.cos(x)), (-1, 3))
    assert found == [
        (0, "local_max", "second_derivative", True),
        (sp.pi / 4, "local_min", "first_derivative", False),
        (sp.pi / 2, "local_max", "second_derivative", True),
    ]
    assert details(sp.Min(x**2, x + 2)) == [
        (-1, "local_max", "first_derivative", False),
        (0, "local_min", "second_derivative", True),
        (2, "neither", "first_derivative", False),
    ]


def test_critical_points_cusps_and_vertical_tangents():
    assert details(sp.Abs(x) ** R(2, 3)) == [(0, "local_min", "first_derivative", False)]
    assert details(CUBE_ROOT) == [(0, "neither", "first_derivative", False)]
    assert details((x - 1) * CUBE_ROOT) == [  # f' = (4x − 1) / (3 x^(2/3))
        (0, "neither", "first_derivative", False),
        (R(1, 4), "local_min", "second_derivative", True),
    ]
    assert details(sp.Abs(x**2 - 1)) == [
        (-1, "local_min", "first_derivative", False),
        (0, "local_max", "second_derivative", True),
        (1, "local_min", "first_derivative", False),
    ]
    assert details(sp.Piecewise((x**2, x < 1), (2 - x, True))) == [
        (0, "local_min", "second_derivative", True),
        (1, "local_max", "first_derivative", False),
    ]


@pytest.mark.parametrize(
    "expr",
    [
        sp.floor(x),
        sp.floor(x) ** 2,
        sp.ceiling(x / 2),
        sp.sign(x),
        sp.sign(x - 1) + 2,
        3 * sp.Heaviside(x - 1),
        sp.sin(sp.floor(x)),
    ],
    ids=str,
)
def test_piecewise_constant(expr):
    assert piecewise_constant(expr, x) is True
    assert critical_points(expr, x) == []


def test_critical_points_at_jumps_compare_values():
    """f'(c) does not exist at a jump where f(c) is defined: a critical point, its kind decided
    by f(c) against the values just beside it (the derivative tests do not apply)."""
    assert piecewise_constant(x - sp.floor(x), x) is False
    found = critical_points(x - sp.floor(x), x, (-2.5, 2.5))  # f(n) = 0 < f just beside n
    assert [(p.x, p.kind, p.test, p.stationary) for p in found] == [
        (n, "local_min", "values", False) for n in range(-2, 3)
    ]
    (p,) = critical_points(x + sp.sign(x), x)  # −1 + x below f(0) = 0 on the left, 1 + x above
    assert (p.x, p.kind, p.test) == (0, "neither", "values")
    (p,) = critical_points(sp.Piecewise((x**2 + 1, x < 0), (x**2, True)), x)  # f(0) = 0 < f
    assert (p.x, p.y, p.kind) == (0, 0, "local_min")
    (p,) = critical_points(sp.Piecewise((-x, x < 0), (2 - x, True)), x)  # f(0) = 2 > 0+, 2−
    assert (p.x, p.y, p.kind) == (0, 2, "local_max")
    (p,) = critical_points(sp.Piecewise((x**2, sp.Ne(x, 0)), (-1, True)), x)  # f(0) = −1
    assert (p.x, p.kind) == (0, "local_min")
    # x² + ⌊x⌋ at −1: f(−1) = 0; left → 1 − 2 = −1, right x² − 1 < 0: a strict local maximum;
    # at 0 it jumps from −1 up to 0 while rising on the right: neither
    found = critical_points(x**2 + sp.floor(x), x, (-1.5, 0.5))
    assert [(p.x, p.kind) for p in found] == [(-1, "local_max"), (0, "neither")]
    # |frac(x) − 1/2| is continuous: maxima at the integers, minima halfway
    found = critical_points(sp.Abs(x - sp.floor(x) - R(1, 2)), x, (-1.2, 1.2))
    assert [(round(float(p.x), 12), p.kind) for p in found] == [
        (-1.0, "local_max"),
        (-0.5, "local_min"),
        (0.0, "local_max"),
        (0.5, "local_min"),
        (1.0, "local_max"),
    ]


def test_switch_points():
    assert switch_points(sp.Max(sp.sin(x), sp.cos(x)), x, (0, 4)) == [sp.pi / 4, 5 * sp.pi / 4]
    assert switch_points(sp.Piecewise((x**2, x < 1), (2 - x, True)), x) == [1]
    assert switch_points(x**2 + 1, x) == []
    (crossing,) = switch_points(sp.Max(x / 2, sp.sin(x)), x, (1, 3))  # x/2 = sin x: no closed form
    assert float(crossing) == pytest.approx(1.8954942670339809, abs=1e-14)


# An independent check: f on a dense grid in 40-digit arithmetic; the sign changes of the forward
# difference quotient locate every local min and max (a jump of f is no extremum).
ORACLE = [
    x**2 + sp.Abs(x) ** 3,
    sp.Abs(sp.sin(x)),
    x * sp.Abs(x - 1),
    sp.exp(sp.Abs(x)),
    sp.Max(sp.sin(x), sp.cos(x)),
    sp.Max(x, x**2),
    sp.Min(x, 1 / x),
    sp.Abs(x) ** R(2, 3),
    CUBE_ROOT,
    x**3,
    sp.Abs(x**2 - 1),
    x**3 - 3 * x,
    x**4,
    sp.Abs(x - 1) + 2 * sp.Abs(x + 1),
    sp.Abs(x) * (x - 2) ** 2,
    sp.Max(x**2, 2 - x**2),
    sp.Min(x**2, x + 2),
    sp.Piecewise((x**2, x < 1), (2 - x, True)),
    x**2 + x * sp.Heaviside(x),
    sp.sin(x) * sp.Abs(sp.cos(x)),
    sp.floor(x) + (x - sp.floor(x)) ** 2,
    sp.exp(-sp.Abs(x - 1)),
    sp.Abs(x) ** R(5, 3),
    (x - 1) * CUBE_ROOT,
    sp.Max(x / 2, sp.sin(x)),
    sp.Abs(x**3 - x),
    sp.Max(x, sp.cos(sp.Abs(x - 1))),
    sp.Min(x, sp.cos(sp.Abs(x - 1))),
    sp.Max(x, sp.sin(x), sp.cos(x)),
    sp.Max(x / 2, x**2 - 1, sp.cos(x)),
    sp.Abs(sp.sin(x) - R(1, 2)),
    sp.Min(x - 1, sp.sin(x)),
    sp.Max(-x, sp.sin(x)),
]
STEP = 0.004


def sampled_extrema(expr, lo=-3.7, hi=3.7):
    """(x, kind) of every local min / max of f sampled every STEP (grid offset off the
    rationals), from sign changes of (f(x + STEP) − f(x)) / STEP."""
    f = sp.lambdify(x, expr, modules="mpmath")
    with mpmath.workdps(40):
        xs = [mpmath.mpf(lo) + mpmath.sqrt(2) / 1000 + k * mpmath.mpf(STEP) for k in range(1850)]
        xs = [t for t in xs if t < hi]
        values = []
        for t in xs:
            try:
                values.append(mpmath.re(f(t)))
            except ZeroDivisionError:
                values.append(mpmath.nan)
        found, previous = [], None
        for i in range(1, len(xs) - 1):
            a, b, c = values[i - 1], values[i], values[i + 1]
            if any(mpmath.isnan(v) for v in (a, b, c)) or max(abs(b - a), abs(c - b)) > 0.5:
                continue  # undefined or jumping here
            left, right = mpmath.sign(b - a), mpmath.sign(c - b)
            if left < 0 < right or (left < 0 and right == 0 and previous != "min"):
                found.append((float(xs[i]), "local_min"))
            elif left > 0 > right or (left > 0 and right == 0 and previous != "max"):
                found.append((float(xs[i]), "local_max"))
            previous = {-1: "max", 1: "min"}.get(int(left * right) and 0, previous)
    return found


@pytest.mark.parametrize("expr", ORACLE, ids=str)
def test_critical_points_against_dense_sampling(expr):
    found = critical_points(expr, x, (-3.7, 3.7))
    extrema = [(float(p.x), p.kind) for p in found if p.kind != "neither"]
    oracle = sampled_extrema(expr)
    assert len(extrema) == len(oracle)
    for (at, kind), (sampled_at, sampled_kind) in zip(extrema, oracle, strict=True):
        assert kind == sampled_kind
        assert at == pytest.approx(sampled_at, abs=2 * STEP)
    for p in found:  # stationary: the central difference quotient vanishes; else one-sided
        at = float(p.x)  # quotients disagree (a corner) or blow up (a vertical tangent)
        left = finite_difference(expr, x, at - 1e-7, h="1e-9")
        right = finite_difference(expr, x, at + 1e-7, h="1e-9")
        if p.stationary:
            assert abs(finite_difference(expr, x, at)) < 1e-8
        else:
            assert abs(left - right) > 1e-3 or max(abs(left), abs(right)) > 1e3


def test_critical_points_include_the_switch_where_f_prime_is_zero():
    # f = x² sin(1/x), f(0) = 0: f′(0) = lim h sin(1/h) = 0, and f takes both signs arbitrarily
    # close to 0 (x = 1/(2πk ± π/2)), so 0 is a stationary point that is neither min nor max
    f = sp.Piecewise((x**2 * sp.sin(1 / x), sp.Ne(x, 0)), (0, True))
    (zero,) = [p for p in critical_points(f, x) if p.x == 0]
    assert (zero.kind, zero.stationary) == ("neither", True)


def test_critical_points_of_a_max_whose_switch_involves_a_step_inside_a_root():
    # Max(∛x, cos x), ∛x = sign(x)|x|^(1/3) in the course's real root: cos x is the larger for
    # x < c where ∛c = cos c (c ≈ 0.5824, solved below with mpmath to 30 digits); so f = cos x
    # on (−∞, c): maxima at 0, −2π, minima at −π, …; a corner minimum at c (−sin c | ⅓c^(−⅔))
    with mpmath.workdps(30):
        c = mpmath.findroot(lambda t: mpmath.cbrt(t) - mpmath.cos(t), 0.6)
    found = details(sp.Max(sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3), sp.cos(x)), (-4, 2))
    assert [k for _, k, *_ in found] == ["local_min", "local_max", "local_min"]
    expected = [-mpmath.pi, 0, c]
    assert all(abs(float(p) - float(e)) < 1e-9 for (p, *_), e in zip(found, expected, strict=True))


def test_critical_points_use_the_real_root_even_inside_abs():
    # √x has no real value for x < 0, so neither has |√x| (mpmath's √(−1) = i, |i| = 1 would
    # invent values there): |√x| + |x + 1| is √x + x + 1 on its domain x ≥ 0, with no point at −1
    assert details(sp.Abs(sp.sqrt(x)) + sp.Abs(x + 1)) == details(sp.sqrt(x) + x + 1)
    assert details(sp.Abs(sp.sqrt(x**2 - 1))) == details(sp.sqrt(x**2 - 1))


# --- switch points of Max/Min with transcendental equations (found numerically) ---------------
# Expected values are hand-derived (the reasoning is in each comment) or solved with
# mpmath.findroot at 30 digits; positions are compared within TOL.

TOL = 1e-12


def root(g, guess):
    """A zero of ``g`` (mpmath functions) near ``guess``, or inside ``guess`` = (a, b) where g
    changes sign, to 30 digits."""
    with mpmath.workdps(30):
        if isinstance(guess, tuple):
            return mpmath.findroot(g, guess, solver="illinois")
        return mpmath.findroot(g, guess)


def confirmed_by_values(expr, p, radius="1e-3"):
    """f's own values at 30 digits on ±radius (201 points) agree with ``p.kind``: a local
    minimum has none below f(p.x), a maximum none above, and "neither" is no strict extremum."""
    f = sp.lambdify(x, expr, modules="mpmath")
    with mpmath.workdps(30):
        c, radius = mpmath.mpf(sp.Float(sp.N(p.x, 30), 30)), mpmath.mpf(radius)
        centre = mpmath.re(f(c))
        others = [mpmath.re(f(c + k * radius / 100)) for k in range(-100, 101) if k]
    slack = 1e-12
    if p.kind == "local_min":
        return all(v >= centre - slack for v in others)
    if p.kind == "local_max":
        return all(v <= centre + slack for v in others)
    return not (all(v > centre + slack for v in others) or all(v < centre - slack for v in others))


def near(points, expected):
    """``points`` are the (x, kind) pairs ``expected``, x within TOL."""
    return len(points) == len(expected) and all(
        p.kind == kind and abs(float(p.x) - float(want)) < TOL
        for p, (want, kind) in zip(points, expected, strict=True)
    )


def test_critical_points_max_and_min_with_cos_of_abs():
    # x = cos|x − 1| only at 1: h = x − cos(x − 1) has h' = 1 + sin(x − 1) ≥ 0 and h(1) = 0, and
    # x > 1 ≥ cos beyond. So Max is cos(x − 1) left of 1 (a minimum −1 at 1 − π) and x right of
    # it: at 1, f rises on both sides (slope 0 then 1): neither. The root found numerically at 1
    # is the Abs's exact 1, not a second point (it was: a spurious minimum at 1 − 4e-58).
    found = critical_points(sp.Max(x, sp.cos(sp.Abs(x - 1))), x, (-3, 3))
    assert near(found, [(1 - sp.pi, "local_min"), (1, "neither")])
    assert (found[1].x, found[1].y) == (1, 1) and float(found[0].y) == pytest.approx(-1, abs=TOL)
    # Min is x left of 1 (rising to 1) and cos(x − 1) < 1 right of it: a local maximum at 1
    found = critical_points(sp.Min(x, sp.cos(sp.Abs(x - 1))), x, (-3, 3))
    assert [(p.x, p.y, p.kind) for p in found] == [(1, 1, "local_max")]


def test_critical_points_where_switch_points_pile_up():
    """x = cos((x + 2)/x) has infinitely many roots piling up at 0; the grid cannot tell them
    apart there, so nothing is claimed in that stretch, and every claim is what f's values say."""
    found = {}
    for expr in (sp.Max(x, sp.cos((x + 2) / x)), sp.Min(x, sp.cos((x + 2) / x))):
        found[expr] = critical_points(expr, x, (-3, 3))
        assert found[expr] and all(confirmed_by_values(expr, p) for p in found[expr])
        assert not [p for p in found[expr] if abs(float(p.x)) < 0.01]
        # away from the pile-up every local extremum of a dense sampling is found
        for lo, hi in ((-3.0, -0.15), (0.15, 3.0)):
            inside = [p.kind for p in found[expr] if lo < p.x < hi and p.kind != "neither"]
            assert inside == [kind for _, kind in sampled_extrema(expr, lo, hi)]
    # at −2, cos((x + 2)/x) = cos 0 = 1 > x: the largest value f takes
    largest = found[sp.Max(x, sp.cos((x + 2) / x))]
    (top,) = [p for p in largest if abs(float(p.x) + 2) < TOL]
    assert (float(top.y), top.kind) == (1.0, "local_max")
    # the only switch point in (−0.7, −0.55), x = cos((x + 2)/x) solved with mpmath; f falls
    # (cos) into it and rises (x) out of it: a corner minimum
    c = root(lambda t: t - mpmath.cos((t + 2) / t), (-0.7, -0.55))
    (corner,) = [p for p in largest if -0.7 < p.x < -0.55]
    assert corner.kind == "local_min" and abs(float(corner.x) - float(c)) < TOL
    # sin(1/x) and x·sin(1/x) pile up the same way: their extrema too are only claimed where
    # the grid resolves them
    for expr in (sp.sin(1 / x), x * sp.sin(1 / x), sp.Max(x, sp.sin(1 / x))):
        assert all(confirmed_by_values(expr, p) for p in critical_points(expr, x, (-3, 3)))


def test_switch_points_found_numerically_are_roots():
    # x = cos x at the Dottie number only; x = cos((x + 2)/x): every point listed is a root to
    # 1e-25 (60-digit bisection), none is listed where the roots pile up at 0
    (dottie,) = switch_points(sp.Max(x, sp.cos(x)), x, (-3, 3))
    assert abs(float(dottie) - float(root(lambda t: mpmath.cos(t) - t, 0.7))) < TOL
    found = switch_points(sp.Max(x, sp.cos((x + 2) / x)), x, (-3, 3))
    assert found and not [c for c in found if abs(float(c)) < 0.01]
    with mpmath.workdps(60):
        for c in found:
            t = mpmath.mpf(str(c))
            assert abs(t - mpmath.cos((t + 2) / t)) < 1e-25


# Max(relu, cos|·|) as the parser writes it: Piecewise inside Max and inside cos
RELU_COS = sp.Max(sp.Piecewise((x, x > 0), (0, True)), sp.cos(sp.Piecewise((x, x > 0), (-x, True))))


def test_critical_points_max_of_piecewise_and_cos_of_piecewise(monkeypatch):
    # x ≤ 0: max(0, cos x), flat 0 until −π/2, then cos rising to its top 1 at 0 (f'' = −1);
    # x > 0: max(x, cos x), cos falling until x = cos x (the Dottie number), then x: a corner
    dottie = root(lambda t: mpmath.cos(t) - t, 0.7)
    expected = [(-sp.pi / 2, "local_min"), (0, "local_max"), (dottie, "local_min")]
    assert near(critical_points(RELU_COS, x, (-3, 3)), expected)

    # NumPy may refuse a formula when called ("invalid entry 0 in condlist": a condition that
    # is not an array of booleans): the grid is then evaluated point by point, same answer
    def refuse(*args, **kwargs):
        raise TypeError("invalid entry 0 in condlist: should be boolean ndarray")

    monkeypatch.setattr(np, "select", refuse)
    assert near(critical_points(RELU_COS, x, (-3, 3)), expected)


def test_critical_points_more_switches_with_trig():
    dottie = root(lambda t: mpmath.cos(t) - t, 0.7)
    # Max of three: sin on (−3, −3π/4), cos on (−3π/4, d), x beyond d = cos d
    found = critical_points(sp.Max(x, sp.sin(x), sp.cos(x)), x, (-3, 3))
    assert near(found, [(-3 * sp.pi / 4, "local_min"), (0, "local_max"), (dottie, "local_min")])
    # x² − 1 until x² − 1 = cos x (−r), cos until cos x = x/2 (s), x/2 until x/2 = x² − 1, at
    # (1 + √17)/4, where f keeps rising (slopes ½ then (1 + √17)/2): neither
    r = root(lambda t: t**2 - 1 - mpmath.cos(t), 1.2)
    s = root(lambda t: mpmath.cos(t) - t / 2, 1.0)
    found = critical_points(sp.Max(x / 2, x**2 - 1, sp.cos(x)), x, (-3, 3))
    assert near(
        found,
        [(-r, "local_min"), (0, "local_max"), (s, "local_min"), ((1 + sp.sqrt(17)) / 4, "neither")],
    )
    # |sin x − 1/2|: zeros (corners, minima) at π/6 and 5π/6, tops 3/2 at −π/2 and 1/2 at π/2
    found = critical_points(sp.Abs(sp.sin(x) - R(1, 2)), x, (-3, 3))
    assert [(p.x, p.y, p.kind) for p in found] == [
        (-sp.pi / 2, R(3, 2), "local_max"),
        (sp.pi / 6, 0, "local_min"),
        (sp.pi / 2, R(1, 2), "local_max"),
        (5 * sp.pi / 6, 0, "local_min"),
    ]
    # Min(x − 1, sin x): sin x until x − 1 = sin x, then x − 1 falls below it: one corner top
    c = root(lambda t: t - 1 - mpmath.sin(t), 1.9)
    assert near(critical_points(sp.Min(x - 1, sp.sin(x)), x, (-3, 3)), [(c, "local_max")])
    # Max(−x, sin x): −x = sin x only at 0 (a point of the grid, where −x − sin x is exactly 0);
    # −x for x < 0, sin x after: a corner minimum at 0, the top of sin at π/2
    found = critical_points(sp.Max(-x, sp.sin(x)), x, (-3, 3))
    assert near(found, [(0, "local_min"), (sp.pi / 2, "local_max")])


def test_critical_points_when_sympy_never_answers(monkeypatch):
    """Every equation solved numerically: jumps at thresholds and corners come out as floats,
    and each verdict still agrees with f's values at the point reported."""
    import mathcore.extrema

    monkeypatch.setattr(mathcore.extrema, "_solve", lambda *args, **kwargs: None)
    # x ≤ −1: max(x + 2, sin(…)) = x + 2 rising to f(−1) = 1; just right of −1 it is
    # max(x, sin(x − 1/2)) ≈ sin(−3/2) ≈ −0.997: a jump down, so −1 is a local maximum
    expr = sp.Max(
        sp.Piecewise((x + 2, x <= -1), (x, True)),
        sp.sin(sp.Piecewise((x, x < -2), (x - R(1, 2), True))),
    )
    found = critical_points(expr, x, (-3, 3))
    corner = root(lambda t: t + 2 - mpmath.sin(t), -2.5)  # x + 2 = sin x: sin falls, x + 2 rises
    crossing = root(lambda t: t - mpmath.sin(t - 0.5), -1.0)  # both rise: neither
    assert near(found, [(corner, "local_min"), (-1, "local_max"), (crossing, "neither")])
    assert all(p.numeric for p in found) and all(confirmed_by_values(expr, p) for p in found)
    found = critical_points(sp.Max(x, sp.cos(sp.Abs(x - 1))), x, (-3, 3))
    assert near(found, [(1 - sp.pi, "local_min"), (1, "neither")])


def test_critical_points_never_raise_where_numpy_cannot_evaluate():
    # |sin x| / max(0, x): undefined for x ≤ 0 (the grid's NumPy formula has a zoo there);
    # sin x / x on (0, 3) has derivative (x cos x − sin x)/x² < 0 (tan x > x): no critical point
    assert critical_points(sp.Abs(sp.sin(x)) / sp.Max(0, x), x, (-3, 3)) == []


def test_critical_points_when_f_prime_has_polynomial_root_boundaries():
    # Min(x⁵ − x, 1/2): f' is a Piecewise whose pieces end at roots of x⁵ − x − 1/2, which
    # SymPy keeps as CRootOf (lambdify cannot print those: this raised NameError). x⁵ − x has
    # its top 4/5·5^(−1/4) ≈ 0.535 > 1/2 at −5^(−1/4): capped by 1/2 between the roots a < b < 0
    # of x⁵ − x = 1/2 around it (rising into the flat: a maximum; falling out of it: a maximum);
    # the bottom at 5^(−1/4) is a minimum; at the root c > 1 it rises into 1/2: a maximum.
    a, b, c = (root(lambda t: t**5 - t - 0.5, guess) for guess in (-0.77, -0.55, 1.1))
    bottom = 5 ** R(-1, 4)
    found = critical_points(sp.Min(x**5 - x, R(1, 2)), x, (-3, 3))
    expected = [(a, "local_max"), (b, "local_max"), (bottom, "local_min"), (c, "local_max")]
    assert near(found, expected)


def test_search_says_when_critical_points_pile_up():
    """sin(1/x): f′ = −cos(1/x)/x² = 0 at x = 1/(π/2 + kπ) (hand-derived), infinitely many as
    x → 0. Every listed point is one of them (to 1e-9), the largest ±2/π, and the stretch the
    search could not resolve holds 0 and none of the listed points."""

    found = critical_point_search(sp.sin(1 / x), x)
    assert found.points and not found.complete
    for p in found.points:
        k = round(1 / float(p.x) / math.pi - 0.5)
        assert abs(float(p.x) - 1 / (math.pi / 2 + k * math.pi)) < 1e-9
    assert max(abs(float(p.x)) for p in found.points) == pytest.approx(2 / math.pi, abs=1e-9)
    ((lo, hi),) = found.crowded
    assert lo < 0 < hi and hi - lo < 0.2
    assert all(not lo <= float(p.x) <= hi for p in found.points)


@pytest.mark.parametrize(
    ("f", "endless", "window_only"),
    [
        (sp.sin(x), True, False),  # cos x = 0 at π/2 + kπ
        (sp.Abs(sp.sin(x)), True, False),  # a corner at every kπ
        (x - sp.cos(x), True, False),  # 1 + sin x = 0 at −π/2 + 2kπ
        (x**2 * sp.sin(x), False, True),  # 2x sin x + x² cos x = 0: solved on a grid
        (x**2 - 4 * x + 3, False, False),
        (sp.tan(x), False, False),  # f′ = 1/cos²x has infinitely many poles, no zero
        (sp.floor(x), False, False),
    ],
)
def test_search_says_when_the_list_is_not_everything(f, endless, window_only):

    found = critical_point_search(f, x)
    assert (found.endless, found.window_only, found.crowded) == (endless, window_only, ())
    assert found.window == (-10.0, 10.0)
    inside = critical_point_search(f, x, (1, 6))  # an interval the teacher chose: all of them
    assert (inside.endless, inside.window_only) == (False, False)


# extrema_analysis: the /extrema page's record, against hand values and difference quotients


def second_difference(f, c: float, h: float = 1e-4) -> float:
    """(f(c + h) − 2 f(c) + f(c − h))/h² with floats: exact for a cubic but for rounding
    (~4·10⁻¹⁶·|f|/h² ≈ 10⁻⁷ here)."""
    return (f(c + h) - 2 * f(c) + f(c - h)) / h**2


def test_extrema_analysis_of_a_cubic_against_hand_values():
    def f(t):
        return t**3 - 3 * t

    found = extrema_analysis(x**3 - 3 * x, x)
    points = found.search.points
    # f′ = 3x² − 3 = 0 at x = ±1; f(−1) = 2 (a maximum), f(1) = −2 (a minimum)
    assert [(p.x, p.y, p.kind, p.stationary) for p in points] == [
        (-1, 2, "local_max", True),
        (1, -2, "local_min", True),
    ]
    assert found.search.complete and found.steps is None
    for p, curvature in zip(points, found.curvatures, strict=True):
        assert float(p.y) == f(float(p.x))
        assert abs(finite_difference(found.expr, x, float(p.x))) < FD_TOLERANCE  # f′(c) = 0
        assert curvature == pytest.approx(second_difference(f, float(p.x)), abs=1e-6)  # ∓6
    # drawn on −3 … 3: the points ±1 with 2 on each side (6 wide at least)
    assert found.window == (-3.0, 3.0)
    curve, slope, bend = found.curve, found.derivative_curve, found.second_derivative_curve
    assert (curve.x[0], curve.x[-1]) == (-3.0, 3.0) and len(curve.x) >= 600
    assert np.allclose(curve.y, f(curve.x), rtol=0, atol=1e-12)
    at = slope.x[:: len(slope.x) // 7]
    quotients = [finite_difference(found.expr, x, float(t)) for t in at]
    assert np.allclose(slope.y[:: len(slope.x) // 7], quotients, rtol=0, atol=1e-8)
    assert np.allclose(bend.y, second_difference(f, bend.x), rtol=0, atol=1e-5)


def test_extrema_analysis_kink_in_an_interval():
    found = extrema_analysis(sp.Abs(x - 1), x, (0, 4))
    ((p,),) = (found.search.points,)
    assert (p.x, p.y, p.kind, p.stationary) == (1, 0, "local_min", False)
    assert math.isnan(found.curvatures[0])  # no f″ at a corner
    assert found.window == (0.0, 4.0) and found.search.window == (0.0, 4.0)
    assert (found.curve.x[0], found.curve.x[-1]) == (0.0, 4.0)
    # f′ on each side of the corner against difference quotients of |x − 1| in floats
    slope = found.derivative_curve
    for side in ((slope.x > 0.1) & (slope.x < 0.9), slope.x > 1.1):
        xs, h = slope.x[side], 1e-7
        quotients = (np.abs(xs + h - 1) - np.abs(xs - h - 1)) / (2 * h)
        assert len(xs) > 100 and np.allclose(slope.y[side], quotients, rtol=0, atol=1e-8)
    step = 4 / 599  # of the even grid: the line breaks between its two points around 1
    assert np.isnan(slope.y[np.abs(slope.x - 1) < step]).any()


@pytest.mark.parametrize(
    ("expr", "steps"),
    [
        (sp.floor(x), "piecewise_constant"),
        (sp.sign(x - 1) + 2, "piecewise_constant"),
        (sp.Integer(5), "constant"),  # f′ ≡ 0 and no jumps
        (sp.Integer(0), "constant"),
        (x**2, None),
    ],
)
def test_extrema_analysis_says_when_f_is_flat_between_steps(expr, steps):
    found = extrema_analysis(expr, x)
    assert found.steps == steps
    assert (found.search.points == ()) is (steps is not None)


def test_extrema_analysis_window_when_nothing_is_found():
    found = extrema_analysis(sp.exp(x), x)
    assert found.search.points == () and found.search.complete
    assert found.window == (-5.0, 5.0) and found.curvatures == ()


# Absolute extrema on an interval (the closed interval method), against hand-worked values:
# f at each critical point inside and at each endpoint, the greatest and least of them; on an
# open interval, or across a break, the values f only comes close to (one-sided limits).
ABSOLUTE = [
    # f, (lo, hi), closed, maximum, where, minimum, where
    # f(−2) = −2, f(−1) = 2, f(1) = −2, f(2) = 2: each extreme value twice
    ("x^3 - 3x", (-2, 2), True, 2, {-1, 2}, -2, {-2, 1}),
    ("x^3 - 3x", (-1.5, 10), True, 970, {10}, -2, {1}),  # f(10) = 1000 − 30
    ("x^2 - 4x + 3", (0, 5), True, 8, {5}, -1, {2}),  # f(0) = 3, f(2) = −1, f(5) = 8
    ("sqrt(x)", (0, 4), True, 2, {4}, 0, {0}),
    ("|x - 1|", (0, 4), True, 3, {4}, 0, {1}),  # the kink at 1 is the minimum
    ("e^(-x^2)", (-3, 3), False, 1, {0}, None, set()),  # e^(−9) only approached at both ends
    ("x^2", (-1, 1), False, None, set(), 0, {0}),  # 1 only approached
    ("x", (0, 1), False, None, set(), None, set()),
    ("(x^2-1)/(x-1)", (0, 2), True, 3, {2}, 1, {0}),  # the hole at 1 (value 2) is inside
    ("(x^2-1)/(x-1)", (0, 1), True, None, set(), 1, {0}),  # f(1) undefined: 2 approached
    ("1/x", (-1, 1), True, None, set(), None, set()),  # a pole inside: unbounded both ways
]


@pytest.mark.parametrize(("f", "interval", "closed", "top", "top_at", "low", "low_at"), ABSOLUTE)
def test_absolute_extrema_by_hand(f, interval, closed, top, top_at, low, low_at):
    from mathcore.extrema import absolute_extrema

    found = absolute_extrema(parse_expression(f), x, interval, closed)
    assert found.decided
    assert found.maximum == top and {float(x) for x in found.max_at} == top_at
    assert found.minimum == low and {float(x) for x in found.min_at} == low_at
    assert bool(found.sup) == (top is None) and bool(found.inf) == (low is None)


def test_absolute_extrema_say_what_is_only_approached():
    from mathcore.extrema import Approach, absolute_extrema

    found = absolute_extrema(parse_expression("x^2"), x, (-1, 1), closed=False)
    assert set(found.sup) == {Approach(1, -1, "right"), Approach(1, 1, "left")}
    found = absolute_extrema(parse_expression("(x^2-1)/(x-1)"), x, (0, 1))
    assert found.sup == (Approach(2, 1, "left"),) and not found.continuous
    found = absolute_extrema(parse_expression("tan(x)"), x, (0, 3))
    assert found.breaks == (sp.pi / 2,)
    assert found.sup == (Approach(sp.oo, sp.pi / 2, "left"),)
    assert found.inf == (Approach(-sp.oo, sp.pi / 2, "right"),)
    assert absolute_extrema(parse_expression("floor(x)"), x, (0.5, 2)).breaks == (1, 2)
    # sin(1/x) on [−1, 1]: critical points pile up at 0; nothing is claimed
    undecided = absolute_extrema(parse_expression("x sin(1/x)"), x, (-1, 1))
    assert not undecided.decided and undecided.maximum is None and undecided.sup == ()
    with pytest.raises(ValueError):
        absolute_extrema(x, x, (1, 1))


@pytest.mark.parametrize(
    ("f", "interval"),
    [
        ("x^3 - 3x", (-2.5, 2.2)),
        ("x^2 sin x", (-5, 5)),
        ("cos x + x/3", (0, 9)),
        ("x e^(-x)", (0, 6)),
        ("|x^2 - 2|", (-3, 1)),
    ],
)
def test_absolute_extrema_against_a_dense_grid(f, interval):
    """On a closed interval where f is continuous, the reported extreme values bound f's values
    on a grid of 200 001 points and are reached by them to within the grid's resolution
    (|f′| ≤ 60 here, step 5·10⁻⁵: 3·10⁻³)."""
    from mathcore.extrema import absolute_extrema

    expr = parse_expression(f)
    found = absolute_extrema(expr, x, interval)
    xs = np.linspace(*interval, 200_001)
    ys = sp.lambdify(x, expr, "numpy")(xs)
    assert found.continuous and found.decided
    assert float(found.maximum) >= ys.max() - 1e-9 and float(found.maximum) - ys.max() < 3e-3
    assert float(found.minimum) <= ys.min() + 1e-9 and ys.min() - float(found.minimum) < 3e-3


def test_absolute_extrema_on_open_intervals_with_a_break_inside():
    """Found by a fresh pair of eyes: on (0, 3) tan x has no maximum (→ +∞ at π/2⁻), not "0";
    1/x on (−1, 1) none either way; and ⌊x⌋ on (0.5, 2.5) takes 2 on all of [2, 2.5) and 0 on
    (0.5, 1): both are attained (a flat stretch), though no endpoint counts."""
    from mathcore.extrema import absolute_extrema

    tan = absolute_extrema(parse_expression("tan x"), x, (0, 3), closed=False)
    assert tan.maximum is None and [a.value for a in tan.sup] == [sp.oo]
    assert tan.minimum is None and [a.value for a in tan.inf] == [-sp.oo]
    pole = absolute_extrema(parse_expression("1/x^2"), x, (-1, 1), closed=False)
    assert [a.value for a in pole.sup] == [sp.oo, sp.oo] and [a.value for a in pole.inf] == [1, 1]
    steps = absolute_extrema(parse_expression("floor(x)"), x, (0.5, 2.5), closed=False)
    assert (steps.maximum, steps.minimum, steps.sup, steps.inf) == (2, 0, (), ())
    assert set(steps.max_at) == {2, sp.Rational(5, 2)}  # beside 2 (right) and 2.5 (left)
    flat = absolute_extrema(parse_expression("relu(x)"), x, (-2, -1))
    assert flat.maximum == flat.minimum == 0 and {c.where for c in flat.candidates} >= {"flat"}
    # a continuous f that only approaches its bound is not flat there
    assert absolute_extrema(x, x, (0, 1), closed=False).maximum is None


@pytest.mark.parametrize(("f", "interval"), [("sin(1/x)", (-1, 1)), ("cos(1/x) + 2", (-0.5, 2))])
def test_absolute_extrema_reached_bounds_decide_what_endless_critical_points_cannot(f, interval):
    """sin(1/x) on [−1, 1]: its critical points pile up at 0, so not all are known, yet f takes
    the values ±1 (at x = 2/((4k ± 1)π), by hand) and |sin| ≤ 1: they are its absolute maximum
    and minimum (a fresh pair of eyes found "not decided"). Checked on a 200 001-point grid."""
    from mathcore.extrema import absolute_extrema

    expr = parse_expression(f)
    found = absolute_extrema(expr, x, interval)
    shift = 0 if f.startswith("sin") else 2
    assert not found.decided
    assert float(found.maximum) == pytest.approx(1 + shift, abs=1e-12)
    assert float(found.minimum) == pytest.approx(-1 + shift, abs=1e-12)
    for at, value in ((found.max_at, 1 + shift), (found.min_at, -1 + shift)):
        assert at and all(float(expr.subs(x, p).evalf(30)) == pytest.approx(value) for p in at)
    with np.errstate(all="ignore"):
        ys = sp.lambdify(x, expr, "numpy")(np.linspace(*interval, 200_001))
    ys = ys[np.isfinite(ys)]
    assert ys.max() <= float(found.maximum) + 1e-9 and ys.min() >= float(found.minimum) - 1e-9
