"""descent_analysis (/gradient-descent): every η's run on L(w) = (wx − y)² against iteration
by hand, the verdicts against the stability limit η < 1/x², the η grid; loss_descent_analysis
(a loss the student types): its minima against mpmath's roots of L′, which minimum descent
reaches from each start against the update iterated by hand, divergence past η = 2/L″."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathcore import InputError, descent_analysis, learning_rate_grid, loss_descent_analysis
from mathcore.optimization import ETA_RATIOS


def by_hand(x: float, y: float, w0: float, lr: float, steps: int) -> list[float]:
    """w := w − η·dL/dw with dL/dw = 2(wx − y)x, iterated in plain floats (no SymPy, no NumPy)."""
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - lr * 2 * (ws[-1] * x - y) * x)
    return ws


def test_descent_analysis_against_hand_iteration():
    # x = 1.5, y = 3: η* = 1/x² = 0.444…; η = 0.1 is stable (w − 2 × 0.55 a step), η = 0.5
    # diverges (× |1 − 2.25| = 1.25 a step: the loss grows 1.5625× a step, 25 steps stay under
    # the 10⁶ cap: 1.5625²⁵ ≈ 7.0·10⁴)
    found = descent_analysis(1.5, 3.0, -1.0, 25, learning_rates=[0.1, 0.5])
    stable, diverging = found.trajectories
    assert stable.points[:, 0] == pytest.approx(by_hand(1.5, 3.0, -1.0, 0.1, 25), rel=1e-12)
    assert diverging.points[:, 0] == pytest.approx(by_hand(1.5, 3.0, -1.0, 0.5, 25), rel=1e-12)
    ws = np.array(by_hand(1.5, 3.0, -1.0, 0.5, 25))
    assert diverging.losses == pytest.approx((ws * 1.5 - 3) ** 2, rel=1e-12)
    assert found.verdicts == ("converges", "diverges")
    assert found.stable_lr == pytest.approx(1 / 2.25) and found.minimum == 2.0
    assert found.oscillation_lr == pytest.approx(1 / 4.5)
    for (lo, hi), run in zip(found.windows, found.trajectories, strict=True):
        assert lo <= min(run.points[:, 0].min(), 2.0) - 1 + 1e-12
        assert hi >= max(run.points[:, 0].max(), 2.0) + 1 - 1e-12
        assert found.curve.x.min() <= lo and found.curve.x.max() >= hi
    assert found.curve.y == pytest.approx((found.curve.x * 1.5 - 3) ** 2)


@pytest.mark.parametrize("x", [0.5, 2.0, 3.0, -7.0])
def test_descent_analysis_verdicts_follow_the_stability_limit(x):
    """For L = (wx − y)², L″ = 2x²: descent converges iff η < 2/L″ = 1/x², oscillates past
    1/(2x²), bounces at exactly 1/x² and diverges past it — for every η of the grid."""
    found = descent_analysis(x, 1.0, 0.0, 60)
    limit, half = 1 / x**2, 1 / (2 * x**2)
    assert limit in found.learning_rates and half in found.learning_rates
    for lr, verdict in zip(found.learning_rates, found.verdicts, strict=True):
        if lr > limit:
            assert verdict == "diverges", lr
        elif lr == limit:
            assert verdict == "stuck", lr
        elif lr > half:
            assert verdict in ("oscillates", "slow"), lr
        else:
            assert verdict in ("converges", "slow"), lr
    assert found.verdicts[found.learning_rates.index(half)] == "converges"  # one step: w = y/x


def test_learning_rate_grid():
    grid = learning_rate_grid(2.0)
    assert len(grid) == len(ETA_RATIOS) == 29 and list(grid) == sorted(set(grid))
    assert grid[0] == pytest.approx(0.25 / 64, rel=1e-2) and grid[-1] == pytest.approx(
        0.25 * 2**0.5, rel=1e-2
    )
    steps = np.array(grid[1:]) / np.array(grid[:-1])  # log-spaced: quarter, then eighth octaves
    assert np.all((steps > 2 ** (1 / 8) * 0.98) & (steps < 2 ** (1 / 4) * 1.02))
    linked = learning_rate_grid(2.0, 0.2499, 0.05, float("nan"), -1.0)
    assert 0.2499 in linked and 0.05 in linked and len(linked) == 31  # nan and −1 left out
    assert learning_rate_grid(0.0)[-1] == pytest.approx(2**0.5, rel=1e-2)  # x = 0: scale 1


def test_descent_analysis_flat_loss_and_bad_input():
    found = descent_analysis(0.0, 4.0, 1.0, 5, learning_rates=[0.1, 1.0])
    assert found.verdicts == ("flat", "flat") and found.minimum is None and found.stable_lr is None
    assert found.curve.y == pytest.approx(np.full_like(found.curve.x, 16.0))
    for bad in ({"steps": 0}, {"x": float("nan")}, {"learning_rates": [-0.1]}):
        arguments = {"x": 2.0, "y": 4.0, "w0": 0.0, "steps": 3} | bad
        with pytest.raises(InputError):
            descent_analysis(**arguments)


# --- loss_descent_analysis: a loss the student typed -------------------------------------------

W = sp.Symbol("w", real=True)
NONCONVEX = W**4 - 3 * W**2 + W


def nonconvex_roots() -> list[mpmath.mpf]:
    """The zeros of L′(w) = 4w³ − 6w + 1, to 30 digits (mpmath's polynomial roots, not SymPy)."""
    with mpmath.workdps(30):
        return sorted(mpmath.re(r) for r in mpmath.polyroots([4, 0, -6, 1], maxsteps=100))


def iterate(slope, w0: float, lr: float, steps: int) -> list[float]:
    """w := w − η·L′(w) in plain floats, by hand."""
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - lr * slope(ws[-1]))
    return ws


def test_loss_descent_minima_against_mpmath_roots():
    low, middle, high = nonconvex_roots()
    found = loss_descent_analysis(NONCONVEX, W, 2.0, 30)
    assert [p.w for p in found.points] == pytest.approx([float(r) for r in (low, middle, high)])
    # L″ = 12w² − 6: positive at the outer roots (minima), negative at the middle one
    assert [p.kind for p in found.points] == ["local_min", "local_max", "local_min"]
    loss = [float(r**4 - 3 * r**2 + r) for r in (low, middle, high)]
    assert [p.loss for p in found.points] == pytest.approx(loss, rel=1e-9)
    assert loss[0] < loss[2]  # L(−1.3008) = −3.5139 < L(1.1309) = −1.0705: the left is global
    assert [p.lowest for p in found.points] == [True, False, False]
    assert found.complete and found.range == (-10.0, 10.0)
    assert found.unbounded == (False, False)  # w⁴ wins both ways: L → +∞
    curvature = float(12 * low**2 - 6)  # the sharper minimum: 14.305…
    assert found.scale == pytest.approx(2 / curvature, rel=1e-3)
    assert [p.curvature for p in found.minima] == pytest.approx(
        [curvature, float(12 * high**2 - 6)]
    )


@pytest.mark.parametrize(("w0", "reached", "lowest"), [(2.0, 2, False), (-2.0, 0, True)])
def test_which_minimum_descent_reaches_depends_on_the_start(w0, reached, lowest):
    """From w₀ = 2 descent rolls into the local minimum 1.1309, from −2 into the global one
    −1.3008: the update iterated by hand ends at the same root of 4w³ − 6w + 1."""
    roots = nonconvex_roots()
    found = loss_descent_analysis(NONCONVEX, W, w0, 60, learning_rates=[0.035])
    by_hand = iterate(lambda w: 4 * w**3 - 6 * w + 1, w0, 0.035, 60)
    run = found.trajectories[0]
    assert run.points[:, 0] == pytest.approx(by_hand, rel=1e-12)
    assert run.losses == pytest.approx([w**4 - 3 * w**2 + w for w in by_hand], rel=1e-12)
    assert by_hand[-1] == pytest.approx(float(roots[reached]), abs=1e-9)
    assert found.verdicts == ("converges",) and found.targets == (reached,)
    assert found.points[reached].lowest is lowest and found.points[reached].kind == "local_min"


def test_a_larger_step_jumps_to_the_other_minimum():
    # from w₀ = −2 with η = 0.118 the first step overshoots the global minimum's basin:
    # w₁ = −2 − 0.118·(−19) = 0.242 > 0.1699 (the maximum), so it settles at 1.1309
    found = loss_descent_analysis(NONCONVEX, W, -2.0, 60, learning_rates=[0.118])
    assert found.trajectories[0].points[1, 0] == pytest.approx(-2 + 0.118 * 19)
    assert found.verdicts[0] in ("converges", "oscillates") and found.targets == (2,)


@pytest.mark.parametrize("lr", [0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.05, 1.1, 1.5])
def test_w_squared_diverges_iff_eta_above_one(lr):
    """L = w²: w := w − 2ηw = (1 − 2η)w, so wₖ = (1 − 2η)ᵏ w₀: it diverges iff |1 − 2η| > 1,
    i.e. η > 1; at η = 1 it bounces between ±w₀ for ever; below, it converges (or is on its
    way after 30 steps when |1 − 2η|³⁰ is not yet 10⁻⁶)."""
    found = loss_descent_analysis(W**2, W, 1.0, 30, learning_rates=[lr])
    run, verdict = found.trajectories[0], found.verdicts[0]
    factor = 1 - 2 * lr
    shown = len(run.points)
    assert run.points[:, 0] == pytest.approx(
        [factor**k for k in range(shown)], rel=1e-9, abs=1e-300
    )
    if abs(factor) > 1:
        assert verdict == "diverges" and found.targets[0] is None
    elif abs(factor) == 1:
        assert verdict == "bounces" and shown == 31
    elif abs(factor) ** 30 <= 1e-6:  # the step fell 10⁶-fold within the 30 steps
        assert verdict in ("converges", "oscillates") and found.targets == (0,)
        assert (verdict == "oscillates") == (factor < 0)
    else:
        assert verdict == "slow" and found.targets == (0,)
    assert found.scale == 1.0  # 2/L″ = 2/2


def test_a_loss_that_grew_400000_fold_diverges_not_stuck():
    # L = w², η = 1.05: w × −1.1 a step, L × 1.21; after 68 steps L has grown 1.21⁶⁸ ≈ 4.3·10⁵
    # times — under the 10⁶ cap, so the run is not cut off, and it still diverges
    found = loss_descent_analysis(W**2, W, 1.0, 68, learning_rates=[1.05])
    run = found.trajectories[0]
    assert len(run.points) == 69 and run.losses[-1] == pytest.approx(1.21**68)
    assert 4e5 < run.losses[-1] < 1e6 and found.verdicts == ("diverges",)
    # the non-convex loss past its limit: the loss passes 10⁶ × max(|L(w₀)|, 1) = 6·10⁶
    found = loss_descent_analysis(NONCONVEX, W, 2.0, 30, learning_rates=[0.198])
    ws = iterate(lambda w: 4 * w**3 - 6 * w + 1, 2.0, 0.198, 3)
    assert found.verdicts == ("diverges",) and len(found.trajectories[0].points) == 5
    assert found.trajectories[0].points[:4, 0] == pytest.approx(ws, rel=1e-12)


def test_loss_descent_unbounded_flat_undefined_and_corner():
    found = loss_descent_analysis(-(W**2), W, 1.0, 30, learning_rates=[0.1])
    assert found.unbounded == (True, True) and found.verdicts == ("escapes",)
    assert [p.kind for p in found.points] == ["local_max"] and not found.minima
    found = loss_descent_analysis(W**3, W, 1.0, 30, learning_rates=[0.1, 0.5])
    assert found.unbounded == (True, False)
    assert found.verdicts[0] == "slow" and found.points[found.targets[0]].kind == "neither"
    assert found.verdicts[1] == "escapes"  # 1 − 0.5·3 = −0.5, then ever further left
    found = loss_descent_analysis(sp.Integer(3), W, 0.0, 5, learning_rates=[0.1])
    assert found.verdicts == ("flat",) and found.points == ()
    # √w from 1 with η = 4: w₁ = 1 − 4·½ = −1, where √w has no real value: not taken
    found = loss_descent_analysis(sp.sqrt(W), W, 1.0, 5, learning_rates=[4.0])
    assert found.verdicts == ("undefined",) and len(found.trajectories[0].points) == 1
    # |w| from 1 with η = 0.5: w = 0.5, 0 — a corner, where L′ does not exist
    found = loss_descent_analysis(sp.Abs(W), W, 1.0, 5, learning_rates=[0.5])
    assert found.verdicts == ("corner",) and found.trajectories[0].points[:, 0].tolist() == [
        1.0,
        0.5,
        0.0,
    ]
    assert found.points[found.targets[0]].lowest
    assert loss_descent_analysis(W**2, W, 0.0, 5, learning_rates=[0.1]).verdicts == ("stationary",)
    assert loss_descent_analysis(W**2, W, 1.0, 5, learning_rates=[0.0]).verdicts == ("no_step",)
    for bad in ({"w0": math.nan}, {"steps": 0}, {"learning_rates": [-1.0]}):
        arguments = {"loss": W**2, "var": W, "w0": 1.0, "steps": 3} | bad
        with pytest.raises(InputError):
            loss_descent_analysis(**arguments)


def test_loss_descent_grid_holds_a_linked_rate_and_the_thresholds():
    found = loss_descent_analysis(W**2, W, 1.0, 5, extra=(0.3333, 99.0))
    assert 0.3333 in found.learning_rates and 99.0 not in found.learning_rates  # past the end
    assert 0.5 in found.learning_rates and 1.0 in found.learning_rates  # 1/L″ and 2/L″
    assert len(found.learning_rates) == len(ETA_RATIOS) + 1
    assert found.learning_rates == tuple(sorted(found.learning_rates))


@pytest.mark.parametrize("w0", [1.5, 2.0])
def test_a_run_that_stalls_on_a_flat_tail_does_not_converge(w0):
    """L = e^(e^w) has no critical point (L′ = e^w·e^(e^w) > 0) and no minimum: L → 1 as
    w → −∞. A large step lands far out (w ≈ −3000 from w₀ = 2 by hand: 2 − η·e²·e^(e²) with
    η ≈ 0.2), where L′ underflows to 0 and the run settles: "flattens", never "converges" to
    a minimum that is not there (a fresh pair of eyes saw "Converges … reached w ≈ −2987")."""
    from mathcore import parse_expression

    expr = parse_expression("exp(exp(w))", ("w",))
    (w,) = expr.free_symbols
    found = loss_descent_analysis(expr, w, w0, 30)
    assert found.points == () and found.complete
    assert "flattens" in found.verdicts
    assert not {"converges", "oscillates"} & set(found.verdicts)
    for verdict, end in zip(found.verdicts, found.ends, strict=True):
        if verdict == "flattens":
            assert float(sp.diff(expr, w).subs(w, end)) < 1e-3  # flat there, by L′ itself
