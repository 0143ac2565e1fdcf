"""descent_analysis (/gradient-descent): every η's run on L(w) = (wx − y)² against iteration
by hand, the verdicts against the stability limit η < 1/x², the η grid."""

import numpy as np
import pytest

from mathcore import InputError, descent_analysis, learning_rate_grid
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
