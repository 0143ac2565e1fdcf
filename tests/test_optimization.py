"""gradient_descent: the course's loss L(w) = (wx − y)², thresholds, divergence, momentum."""

import numpy as np
import pytest
import sympy as sp

from mathcore import (
    InputError,
    curvature,
    descent_verdict,
    gradient_descent,
    mean_squared_error,
)
from mathcore.optimization import descent_advice, step_factor

w, b = sp.symbols("w b", real=True)


def test_gradient_descent_converges_on_course_loss():
    t = gradient_descent((2 * w - 4) ** 2, [w], [0.0], learning_rate=0.05, steps=100)
    assert t.points[1, 0] == pytest.approx(0.8)  # 0 − 0.05 · 2·2·(0 − 4)
    assert t.points[-1, 0] == pytest.approx(2.0, abs=1e-9)
    assert t.losses[0] == 16 and t.losses[-1] < 1e-15
    assert np.all(np.diff(t.losses) <= 0) and not t.diverged
    assert t.points.shape == (101, 1) and t.losses.shape == (101,)
    assert t.gradients.shape == (101, 1)
    assert t.gradients[:, 0] == pytest.approx(8 * t.points[:, 0] - 16)  # d/dw (2w − 4)²


def test_gradient_descent_diverges_when_the_rate_is_too_large():
    t = gradient_descent((2 * w - 4) ** 2, [w], [0.0], learning_rate=0.3, steps=100)
    assert t.diverged
    assert len(t.points) == len(t.losses) < 101
    assert t.losses[-1] > 1e6 * t.losses[0] or not np.isfinite(t.losses[-1])


def test_gradient_descent_thresholds_for_the_course_loss():
    for x_value in (1, 2, 3):
        loss = (w * x_value - 5) ** 2
        t = gradient_descent(loss, [w], [0.0], 0.01, 1)
        assert t.max_stable_lr == pytest.approx(1 / x_value**2)
        assert t.oscillation_lr == pytest.approx(1 / (2 * x_value**2))
    loss = (2 * w - 4) ** 2  # η between 1/(2x²) and 1/x²: converges while alternating sides
    t = gradient_descent(loss, [w], [0.0], learning_rate=0.2, steps=60)
    assert not t.diverged and t.points[-1, 0] == pytest.approx(2.0, abs=1e-6)
    assert np.all(np.sign(np.diff(t.points[:, 0]))[:-1] != np.sign(np.diff(t.points[:, 0]))[1:])
    assert gradient_descent(loss, [w], [0.0], 0.25, 20).losses[-1] == pytest.approx(16)


def test_gradient_descent_two_parameters_and_momentum():
    data = [(0, 1), (1, 3), (2, 5), (3, 7)]  # y = 2x + 1
    loss = sum((w * xi + b - yi) ** 2 for xi, yi in data) / len(data)
    plain = gradient_descent(loss, [w, b], [0.0, 0.0], learning_rate=0.05, steps=2000)
    assert plain.points[-1] == pytest.approx([2.0, 1.0], abs=1e-6)
    heavy = gradient_descent(loss, [w, b], [0.0, 0.0], learning_rate=0.05, steps=300, momentum=0.9)
    assert heavy.points[-1] == pytest.approx([2.0, 1.0], abs=1e-4)
    lam = max(np.linalg.eigvalsh(np.array(sp.hessian(loss, [w, b]), dtype=float)))
    assert heavy.max_stable_lr == pytest.approx(2 * 1.9 / lam) and heavy.oscillation_lr is None


def test_gradient_descent_non_quadratic_has_no_threshold():
    t = gradient_descent(sp.log(1 + sp.exp(-w)), [w], [0.0], 0.5, 10)
    assert t.max_stable_lr is None and t.oscillation_lr is None and not t.diverged


def test_descent_verdict():
    loss = (2 * w - 4) ** 2  # stable iff η < 1/4, alternating sides when η > 1/8
    verdicts = {
        lr: descent_verdict(gradient_descent(loss, [w], [0.0], lr, 80))
        for lr in (0.05, 0.1, 0.2, 0.25, 0.3, 0.0, 0.001)
    }
    assert verdicts == {
        0.05: "converges",
        0.1: "converges",
        0.2: "oscillates",
        0.25: "stuck",
        0.3: "diverges",
        0.0: "no_step",
        0.001: "slow",
    }


def test_mean_squared_error_and_its_curvature_on_the_line_data():
    w, b = sp.symbols("w b", real=True)
    loss = mean_squared_error([0, 1, 2, 3], [1, 3, 5, 7], w, b)
    assert loss.subs({w: 2, b: 1}) == 0  # the data lie on y = 2x + 1
    assert loss.subs({w: 0, b: 0}) == sp.Rational(1 + 9 + 25 + 49, 4)
    # Hessian (2/n)[[Σx², Σx], [Σx, n]] = [[7, 3], [3, 2]]: λ = (9 ± √61)/2, by hand
    assert curvature(loss, [w, b]) == pytest.approx((9 + 61**0.5) / 2, rel=1e-12)
    assert curvature(w**4, [w]) is None  # not quadratic
    with pytest.raises(InputError) as err:
        mean_squared_error([0, 1], [1], w, b)
    assert err.value.code == "data_mismatch"


# L(w) = (wx − y)² from w₀ = 0: λ = 2x², one step multiplies w − y/x by 1 − 2ηx² (plain), or
# (momentum β) by the roots of z² − (1 + β − 2ηx²)z + β. Diverges iff the larger |root| > 1.
COURSE_VERDICTS = [  # x, y, η, steps, β, the factor by hand, verdict
    (2, 4, 0.28, 30, 0.0, 1.24, "diverges"),  # |1 − 2.24|: loss 16 → 6.4·10⁶, under the cap
    (2, 4, 0.26, 3, 0.0, 1.08, "diverges"),  # three steps are enough to tell
    (2, 4, 0.2501, 3, 0.0, 1.0008, "diverges"),  # just above the edge 1/x² = 0.25
    (2, 4, 0.25, 30, 0.0, 1.0, "stuck"),  # the edge: 0 ↔ 4 for ever
    (2, 4, 0.2499, 30, 0.0, 0.9992, "slow"),  # just below: loss 16 · 0.9992⁶⁰ ≈ 15.2
    (2, 4, 0.2, 60, 0.0, 0.6, "oscillates"),  # 1 − 1.6 = −0.6: alternating sides
    (2, 4, 0.05, 60, 0.0, 0.6, "converges"),  # 1 − 0.4 = +0.6: one side
    (1, 3, 1.0, 30, 0.0, 1.0, "stuck"),  # edge 1/x² = 1
    (1, 3, 1.01, 5, 0.0, 1.02, "diverges"),
    (3, 6, 0.1, 5, 0.0, 0.8, "slow"),  # |1 − 1.8|; loss × 0.64⁵ ≈ 0.11 after 5 steps
    (2, 4, 0.0, 30, 0.0, 1.0, "no_step"),  # η = 0: w never moves
    (0, 4, 0.1, 30, 0.0, None, "flat"),  # L = 16 whatever w: no descent possible
    # β = 1/2: edge η = 2(1 + β)/λ = 0.375; at 0.4: z² + 1.7z + 0.5, root (1.7 + √0.89)/2
    (2, 4, 0.375, 30, 0.5, 1.0, "stuck"),
    (2, 4, 0.4, 3, 0.5, 1.3217, "diverges"),
    (2, 4, 0.6, 30, 0.5, 3.1408, "diverges"),  # z² + 3.3z + 0.5: (3.3 + √8.89)/2
    # β = 1/4: edge 0.3125; at 0.3 (past the plain edge 0.25): z² + 1.15z + 0.25, both roots
    # negative, the larger (1.15 + √0.3225)/2 = 0.8589: converges, alternating sides
    (2, 4, 0.3, 200, 0.25, 0.8589, "oscillates"),
    (2, 4, 0.32, 4, 0.25, 1.0781, "diverges"),  # z² + 1.31z + 0.25: (1.31 + √0.7161)/2
]


@pytest.mark.parametrize(("x", "y", "lr", "steps", "beta", "factor", "verdict"), COURSE_VERDICTS)
def test_descent_verdict_course_loss_table(x, y, lr, steps, beta, factor, verdict):
    t = gradient_descent((w * x - y) ** 2, [w], [0.0], lr, steps, beta)
    assert descent_verdict(t) == verdict
    if factor is None:
        assert t.contraction is None and t.flat
    else:
        assert t.contraction == pytest.approx(factor, abs=1e-4)


def test_descent_verdict_course_example_grows_without_hitting_the_cap():
    t = gradient_descent((2 * w - 4) ** 2, [w], [0.0], 0.28, 30)
    assert not t.diverged  # 16 · 1.24⁶⁰ ≈ 6.45·10⁶ < 10⁶ · 16: the run was not cut short
    assert t.losses[-1] == pytest.approx(16 * 1.24**60, rel=1e-9)
    assert t.losses[1:] / t.losses[:-1] == pytest.approx(np.full(30, 1.24**2))
    assert descent_verdict(t) == "diverges"


LINE = mean_squared_error([0, 1, 2, 3], [1, 3, 5, 7], w, b)  # Hessian [[7, 3], [3, 2]]
TOP = (9 + 61**0.5) / 2  # λ_max = 8.405, λ_min = (9 − √61)/2 = 0.595


@pytest.mark.parametrize(
    ("lr", "steps", "beta", "factor", "verdict"),
    [
        (0.2, 200, 0.0, 1 - 0.2 * (9 - 61**0.5) / 2, "converges"),  # λ_min's factor 0.881 wins
        (2 / TOP, 100, 0.0, 1.0, "stuck"),  # the edge 2/λ_max exactly
        (2 / TOP * 1.001, 10, 0.0, 1.002, "diverges"),  # just above: |1 − 2.002|
        (2 / TOP * 0.999, 100, 0.0, 0.998, "slow"),  # just below: |1 − 1.998|
        (0.3, 3, 0.0, 0.3 * TOP - 1, "diverges"),  # 1.52 > 1 after three steps
        (0.25, 5, 0.0, 0.25 * TOP - 1, "diverges"),
        # β = 1/2 raises the edge to 2(1 + β)/λ_max = 0.357; at 0.4: t = 1.5 − 0.4λ_max
        (0.4, 5, 0.5, None, "diverges"),
    ],
)
def test_descent_verdict_two_parameter_mse(lr, steps, beta, factor, verdict):
    t = gradient_descent(LINE, [w, b], [-2.0, 4.0], lr, steps, beta)
    assert descent_verdict(t) == verdict
    if factor is None:  # heavy ball: the larger root of z² − tz + β, t = 1 + β − ηλ_max
        trace_ = 1.5 - lr * TOP
        factor = (abs(trace_) + (trace_**2 - 2) ** 0.5) / 2
    assert t.contraction == pytest.approx(factor, rel=1e-9)


def test_descent_verdict_minimum_above_zero_and_at_the_start():
    # y = 1, 3, 5, 8 is not on a line: least squares w = 2.3, b = 0.8, MSE 0.3/4 = 0.075
    loss = mean_squared_error([0, 1, 2, 3], [1, 3, 5, 8], w, b)
    t = gradient_descent(loss, [w, b], [-2.0, 4.0], 0.2, 200)
    assert descent_verdict(t) == "converges"  # the loss stops at 0.075, not at 0
    assert t.points[-1] == pytest.approx([2.3, 0.8]) and t.losses[-1] == pytest.approx(0.075)
    at_minimum = gradient_descent((2 * w - 4) ** 2, [w], [2.0], 0.28, 30)
    assert descent_verdict(at_minimum) == "stationary" and at_minimum.contraction == 0
    assert descent_verdict(gradient_descent(LINE, [w, b], [2.0, 1.0], 0.3, 30)) == "stationary"


def test_descent_verdict_non_quadratic_loss():
    # L = w⁴, η = 0.6 from w = 1: w₁ = 1 − 0.6·4 = −1.4, w₂ = −1.4 + 0.6·4·1.4³ = 5.1856
    t = gradient_descent(w**4, [w], [1.0], 0.6, 2)
    assert t.points[:, 0] == pytest.approx([1.0, -1.4, 5.1856])
    assert t.contraction is None and not t.diverged
    assert descent_verdict(t) == "diverges"  # the loss rose at every step: 1, 3.84, 723
    assert descent_verdict(gradient_descent(w**4, [w], [1.0], 0.05, 50)) == "slow"
    assert descent_verdict(gradient_descent(sp.log(1 + sp.exp(-w)), [w], [0.0], 0.5, 10)) == (
        "slow"
    )


def test_step_factor():
    assert step_factor(8, 0.28) == pytest.approx(1.24)  # |1 − 0.28·8|
    assert step_factor(8, 0.25) == 1.0 and step_factor(8, 0.0) == 1.0
    assert step_factor(8, 0.05) == pytest.approx(0.6)
    assert step_factor(8, 0.375, 0.5) == pytest.approx(1.0)  # 2(1 + β)/λ
    assert step_factor(8, 0.1, 0.5) == pytest.approx(0.5**0.5)  # complex roots, |z| = √β
    assert step_factor(8, -0.1) == pytest.approx(1.8)  # ascent: grows


def test_descent_advice():
    loss = (2 * w - 4) ** 2  # λ = 8: |1 − 8η| per step, fastest at η = 1/8
    small = gradient_descent(loss, [w], [0.0], 0.001, 100)  # 0.992 a step: η too small
    assert descent_advice(small, loss, [w], more_steps=False) == ("raise_lr",)
    assert descent_advice(small, loss, [w], more_steps=True) == ("more_steps", "raise_lr")
    bouncing = gradient_descent(loss, [w], [0.0], 0.2499, 30)  # |1 − 1.9992|: jumps over
    assert descent_advice(bouncing, loss, [w], more_steps=True) == ("more_steps", "lower_lr")
    bowl = mean_squared_error([0, 1, 2, 3], [1, 3, 5, 7], w, b)
    plain = gradient_descent(bowl, [w, b], [-2.0, 4.0], 0.001, 100)
    assert descent_advice(plain, bowl, [w, b], False, momentum_control=True) == (
        "raise_lr",
        "momentum",
    )
    heavy = gradient_descent(bowl, [w, b], [-2.0, 4.0], 0.001, 100, momentum=0.9)
    assert "momentum" not in descent_advice(heavy, bowl, [w, b], False, momentum_control=True)


def test_descent_on_a_loss_with_a_kink():
    """L(w) = |w − 1| from w = 3 with η = 0.5: dL/dw = 1 while w > 1, so w = 3, 2.5, 2, 1.5, 1
    (hand-derived); found by the fuzz test: sp.diff left DiracDelta in sign(w)'s gradient, which
    NumPy cannot evaluate (NameError), so a step loss now stays where it is (dL/dw = 0)."""
    w = sp.Symbol("w", real=True)
    path = gradient_descent(sp.Abs(w - 1), [w], [3.0], 0.5, 4)
    assert path.points[:, 0].tolist() == [3.0, 2.5, 2.0, 1.5, 1.0]
    assert gradient_descent(sp.sign(w), [w], [3.0], 0.5, 3).points[:, 0].tolist() == [3.0] * 4
