"""The ε–δ game (mathcore.epsilon_delta) against δ derived by hand, and limits that do not exist.

Tolerance: δ is refined by bisection to ~10⁻¹⁴ of the step it lies in, so hand-derived δ are met
to 10⁻⁹ relative (far looser than that, far tighter than any sampling error would be)."""

import math

import mpmath
import pytest
import sympy as sp

from mathcore import limit_at, parse_expression
from mathcore.epsilon_delta import REACH, epsilon_delta

x = sp.Symbol("x", real=True)
TOL = 1e-9


def found(text: str, a, **kwargs):
    return epsilon_delta(parse_expression(text), x, a, **kwargs)


def close(value: float, expected: float) -> bool:
    return abs(value - expected) <= TOL * abs(expected)


def test_epsilon_delta_linear_is_half_of_epsilon():
    r = found("2x + 1", 1)
    assert (r.kind, r.limit, r.limit_exact) == ("converges", 3.0, 3)
    assert len(r.epsilons) >= 10 and list(r.epsilons) == sorted(r.epsilons, reverse=True)
    for eps, delta, side in zip(r.epsilons, r.deltas, r.binding, strict=True):
        assert close(delta, eps / 2)  # |2x + 1 − 3| = 2|x − 1| < ε  ⇔  |x − 1| < ε/2
        assert side == "both"
    assert r.witness is None and not any(r.capped) and not any(r.escapes)


@pytest.mark.parametrize("a, side", [(2, "right"), (-2, "left")])
def test_epsilon_delta_quadratic_binding_side(a, side):
    """x² at ±2: on the outer side x² grows faster, 4t + t² = ε gives δ = √(4 + ε) − 2; the inner
    side's 2 − √(4 − ε) is larger. At −2 the outer side is the left one."""
    r = found("x^2", a, epsilons=(1.0, 0.3, 0.01, 1e-4))
    for eps, delta in zip(r.epsilons, r.deltas, strict=True):
        assert close(delta, math.sqrt(4 + eps) - 2)
        assert delta < 2 - math.sqrt(4 - eps)  # the other side allows more
    assert r.binding == (side,) * 4


def test_epsilon_delta_left_side_binds_a_kink():
    """{x < 1: 3x, x + 2} at 1, L = 3: the left slope 3 gives δ = ε/3, the right one ε."""
    r = found("{x < 1: 3x, x + 2}", 1)
    assert r.limit == 3.0
    for eps, delta, side in zip(r.epsilons, r.deltas, r.binding, strict=True):
        assert close(delta, eps / 3) and side == "left"


def test_epsilon_delta_survives_cancellation_near_a():
    """(x² − 1)/(x − 1) = x + 1 beside 1: δ = ε (a float's cancellation would stop it near 10⁻⁸);
    sin x / x at 0: δ solves sin δ / δ = 1 − ε (mpmath's root, 30 digits)."""
    hole = found("(x^2 - 1)/(x - 1)", 1, epsilons=(0.1, 1e-6, 1e-9))
    assert all(close(d, e) for e, d in zip(hole.epsilons, hole.deltas, strict=True))
    sinc = found("sin x / x", 0)
    assert sinc.limit == 1.0 and sinc.binding == ("both",) * len(sinc.epsilons)
    with mpmath.workdps(30):
        for eps, delta in zip(sinc.epsilons, sinc.deltas, strict=True):
            target = 1 - mpmath.mpf(eps)
            root = mpmath.findroot(lambda t, c=target: mpmath.sin(t) / t - c, math.sqrt(6 * eps))
            assert close(delta, float(root))


def test_epsilon_delta_where_f_is_defined_on_one_side_only():
    r = found("sqrt(x)", 0, epsilons=(0.5, 0.01))
    assert r.sides == ("right",) and r.binding == ("right", "right")
    assert close(r.deltas[0], 0.25) and close(r.deltas[1], 1e-4)  # √t < ε  ⇔  t < ε²


def test_epsilon_delta_every_delta_works_for_a_constant():
    r = found("5", 1, epsilons=(1.0, 1e-6))
    assert r.deltas == (REACH, REACH) and r.capped == (True, True)


def test_epsilon_delta_jump_fails_from_half_the_gap():
    """floor(x) at 2: the candidate is the midpoint 1.5 of the one-sided limits 1 and 2; the
    left values 1 are 0.5 from it, so every ε ≤ 0.5 fails at points x → 2⁻; ε = 1 allows δ = 1
    (f = 0 left of 1 is 1.5 away)."""
    r = found("floor(x)", 2)
    assert (r.kind, r.limit, r.half, r.witness) == ("jump", 1.5, 0.5, 0.5)
    assert 0.5 in r.epsilons and any(e > 0.5 for e in r.epsilons)
    for eps, delta, escapes in zip(r.epsilons, r.deltas, r.escapes, strict=True):
        if eps <= 0.5:
            assert delta is None and len(escapes) >= 10
            assert min(2 - x for x, _ in escapes) < 1e-11  # ever nearer to 2 …
            for xe, ye in escapes:  # … where floor(x) = 1 leaves the band
                assert 1 < xe < 2 and math.floor(xe) == ye == 1 and abs(ye - 1.5) >= eps
        else:
            assert delta is not None and not escapes
    assert close(r.deltas[r.epsilons.index(1.0)], 1.0)


def test_epsilon_delta_oscillation_fails_below_half_the_spread():
    r = found("sin(1/x)", 0)
    assert (r.kind, r.limit, r.half, r.limit_exact) == ("oscillates", 0.0, 1.0, None)
    assert r.witness is not None and r.witness < 1.0
    for eps, delta, escapes in zip(r.epsilons, r.deltas, r.escapes, strict=True):
        if eps < 1.0:
            assert delta is None
            assert min(abs(xe) for xe, _ in escapes) < 1e-11
            with mpmath.workdps(30):  # an independent check of each escaping point
                for xe, ye in escapes:
                    assert abs(float(mpmath.sin(1 / mpmath.mpf(xe)))) >= eps
                    assert abs(ye - float(mpmath.sin(1 / mpmath.mpf(xe)))) < 1e-6
        else:  # |sin(1/x) − 0| ≤ 1 < ε everywhere
            assert delta == REACH


@pytest.mark.parametrize(
    "text, a, reason",
    [
        ("1/x^2", 0, "infinite_limit"),
        ("1/(x+1)", -1, "infinite_limit"),
        ("x", sp.oo, "infinite_limit"),
        ("sin x", sp.oo, "oscillates"),
        ("sin(1/x)/x", 0, "unbounded"),
        ("sqrt(x)", -1, "undefined"),
    ],
)
def test_epsilon_delta_needs_a_finite_limit_at_a_finite_point(text, a, reason):
    r = found(text, a)
    assert (r.kind, r.reason, r.epsilons, r.deltas) == ("unavailable", reason, (), ())


def test_epsilon_delta_uses_the_given_limit_and_checks_its_point():
    expr = parse_expression("x^2")
    given = limit_at(expr, x, 2)
    assert epsilon_delta(expr, x, 2, given, epsilons=(0.5,)).limit == 4.0
    with pytest.raises(ValueError):
        epsilon_delta(expr, x, 3, given)
    with pytest.raises(ValueError):
        epsilon_delta(expr, x, 2, epsilons=(0.1, 0.0))


def test_epsilon_delta_chart_windows_follow_delta():
    r = found("2x + 1", 1)
    for (lo, hi), delta, curve in zip(r.windows, r.deltas, r.curves, strict=True):
        assert close(hi - 1, 2 * delta) and close(1 - lo, 2 * delta)
        assert curve.x[0] == pytest.approx(lo) and curve.x[-1] == pytest.approx(hi)


def test_epsilon_delta_cube_root_is_epsilon_cubed_and_never_a_witness():
    """∛x at 0 (the real root): |∛x| < ε  ⇔  |x| < ε³. δ falls below the sampled floor for
    small ε; the limit exists, so that is no witness, and the default grid stops before it."""
    r = found("x^(1/3)", 0)
    assert r.kind == "converges" and r.witness is None and None not in r.deltas
    assert all(close(d, e**3) for e, d in zip(r.epsilons, r.deltas, strict=True))
    assert min(r.deltas) >= r.floor
    given = found("x^(1/3)", 0, epsilons=(0.1, 1e-4))
    assert close(given.deltas[0], 1e-3) and given.deltas[1] is None and given.witness is None


def test_epsilon_n_toward_infinity():
    """The course's loss 2e^(−x/10) → 0 as x → ∞: 2e^(−N/10) = ε gives N = 10 ln(2/ε); 1/x as
    x → −∞: |1/x| < ε for all x < −N with N = 1/ε (by hand); the shaded x > N (x < −N)."""
    loss = found("2e^(-x/10)", sp.oo)
    assert (loss.kind, loss.limit, loss.sides) == ("converges", 0.0, ("left",))
    assert len(loss.epsilons) >= 10 and loss.epsilons[0] == 1.0
    for eps, N, (lo, hi) in zip(loss.epsilons, loss.deltas, loss.strips, strict=True):
        assert close(N, 10 * math.log(2 / eps)) and close(lo, N) and close(hi, 2 * N)
    inverse = found("1/x", -sp.oo, epsilons=(0.5, 1e-3))
    assert all(close(N, 1 / e) for e, N in zip(inverse.epsilons, inverse.deltas, strict=True))
    assert close(inverse.strips[1][0], -2000) and close(inverse.strips[1][1], -1000)


def test_epsilon_n_finds_a_narrow_excursion_past_the_log_steps():
    """sin x / x as x → ∞ with ε = 0.01: the last x where |sin x| / x ≥ 0.01 lies just past
    the trough at x = 63π/2 ≈ 98.96 (−sin x = 0.01 x there: mpmath's root, 30 digits), a
    stretch ~0.3 wide that steps 4 % apart (~4 at x ≈ 100) would skip."""
    r = found("sin x / x", sp.oo, epsilons=(0.01,))
    with mpmath.workdps(30):
        root = mpmath.findroot(lambda t: -mpmath.sin(t) - t / 100, (98.96, 99.3), solver="illinois")
    assert close(r.deltas[0], float(root))
