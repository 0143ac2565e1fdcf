"""gradient_descent: the course's loss L(w) = (wx − y)², thresholds, divergence, momentum."""

import numpy as np
import pytest
import sympy as sp

from mathcore import InputError, curvature, gradient_descent, mean_squared_error

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
    from mathcore import descent_verdict

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
        0.0: "stuck",
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
