"""The computation graph: forward values, local derivatives, gradients that add up over paths;
and the /backprop lab's records (the loss surface of a line, one neuron)."""

import itertools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as hst

from mathcore import (
    InputError,
    neuron_analysis,
    parse_expression,
    partial_derivatives,
    surface_analysis,
    surface_descent,
)
from mathcore.backprop import (
    SIGMA,
    B,
    UnsupportedOperation,
    W,
    build_graph,
    least_loss,
    level_curves,
    surface_rates,
    surface_sweep,
)

w, b, x, y = sp.symbols("w b x y", real=True)
VALUES = {w: 0.7, b: -0.4, x: 1.5, y: 0.2}
NEURON = (1 / (1 + sp.exp(-(w * x + b))) - y) ** 2
EXPRESSIONS = [
    (w * x + b) ** 2,
    NEURON,
    sp.sin(w * x) * sp.exp(w * x) + (1 + w * x) ** 3,  # w·x shared by three users
    sp.log(1 + w**2) + sp.tanh(w * b) - 3 * sp.cos(2 * w) / x,
    x**w + w**b * y,  # powers with a variable exponent
    (w - y) ** 2 + (w - y) * sp.exp(-(w - y)),  # w − y shared, and inside exp
]


def finite_difference(expr, symbol, h=1e-6):
    f = sp.lambdify(list(VALUES), expr, modules="math")
    up = {**VALUES, symbol: VALUES[symbol] + h}
    down = {**VALUES, symbol: VALUES[symbol] - h}
    return (f(*up.values()) - f(*down.values())) / (2 * h)


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
def test_every_gradient_matches_sympy_and_finite_differences(expr):
    graph = build_graph(expr, VALUES)
    assert graph.nodes[-1].value == pytest.approx(float(expr.subs(VALUES)), rel=1e-12)
    assert graph.nodes[-1].grad == 1.0
    for symbol in expr.free_symbols:
        exact = float(sp.diff(expr, symbol).subs(VALUES))
        assert graph.gradient(symbol) == pytest.approx(exact, rel=1e-12, abs=1e-12)
        # central differences, h = 1e-6: error ~ h² · f''' plus rounding ~ 1e-16 / h
        assert graph.gradient(symbol) == pytest.approx(
            finite_difference(expr, symbol), rel=1e-6, abs=1e-8
        )


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
def test_gradient_is_the_sum_over_paths_of_products_of_local_derivatives(expr):
    graph = build_graph(expr, VALUES)
    for symbol in expr.free_symbols:
        total = sum(
            math.prod(graph.local(user, node) for node, user in itertools.pairwise(path))
            for path in graph.paths(symbol)
        )
        assert total == pytest.approx(graph.gradient(symbol), rel=1e-12, abs=1e-15)


def test_shared_sub_expression_is_one_node_whose_gradients_add_up():
    expr = sp.sin(w * x) * sp.exp(w * x) + (1 + w * x) ** 3
    graph = build_graph(expr, VALUES)
    shared = graph.index(w * x)
    users = [n for n in graph.nodes if shared in n.inputs]
    assert len(users) == 3  # sin, exp and 1 + wx
    u = 0.7 * 1.5  # d/du [sin u · e^u + (1 + u)³] = (cos u + sin u) e^u + 3(1 + u)²
    assert graph.nodes[shared].grad == pytest.approx(
        (math.cos(u) + math.sin(u)) * math.exp(u) + 3 * (1 + u) ** 2
    )
    assert len(graph.paths(w)) == 3
    assert graph.gradient(w) == pytest.approx(1.5 * graph.nodes[shared].grad)


def test_neuron_graph_reads_like_the_network():
    names = {w * x: "u", w * x + b: "z", 1 / (1 + sp.exp(-(w * x + b))): r"\hat{y}", NEURON: "L"}
    graph = build_graph(NEURON, VALUES, names)
    assert [n.name for n in graph.nodes] == ["b", "w", "x", "y", "u", "z", r"\hat{y}", "v_{1}", "L"]
    assert [n.op for n in graph.nodes][4:] == ["mul", "add", "sigmoid", "add", "pow"]
    z = 0.7 * 1.5 - 0.4
    s = 1 / (1 + math.exp(-z))
    hat = graph.nodes[graph.index(1 / (1 + sp.exp(-(w * x + b))))]
    assert hat.value == pytest.approx(s)
    assert hat.local == pytest.approx((s * (1 - s),))  # ∂ŷ/∂z = σ(z)(1 − σ(z))
    assert hat.formula == (SIGMA(sp.Symbol("z")) * (1 - SIGMA(sp.Symbol("z"))),)
    u = graph.nodes[graph.index(w * x)]
    assert u.formula == (sp.Symbol("x"), sp.Symbol("w"))  # ∂(wx)/∂w = x, ∂(wx)/∂x = w
    assert u.local == (1.5, 0.7)
    # ∂L/∂w = 2(ŷ − y) · σ(z)(1 − σ(z)) · x, hand-derived
    assert graph.gradient(w) == pytest.approx(2 * (s - 0.2) * s * (1 - s) * 1.5, rel=1e-13)
    assert graph.paths(w) == [[1, 4, 5, 6, 7, 8]]


def test_undefined_values_and_unknown_operations_are_refused():
    with pytest.raises(ValueError):
        build_graph(sp.log(w), {w: -1.0})
    with pytest.raises(UnsupportedOperation):
        build_graph(sp.Abs(w), {w: 1.0})


def test_partial_derivatives_of_the_mean_squared_error():
    xs, ys = [0, 1, 2, 3], [1, 3, 5, 7]
    loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(xs, ys, strict=True)) / 4
    d = partial_derivatives(loss, [w, b])
    # hand-derived: ∂L/∂w = (2/n) Σ (w xᵢ + b − yᵢ) xᵢ = 7w + 3b − 17; ∂L/∂b = 3w + 2b − 8
    assert sp.expand(d[w] - (7 * w + 3 * b - 17)) == 0
    assert sp.expand(d[b] - (3 * w + 2 * b - 8)) == 0
    assert d[w].subs({w: 2, b: 1}) == 0 and d[b].subs({w: 2, b: 1}) == 0


SUPPORTED = ["sin", "cos", "exp", "tanh", "sigmoid", "ln", "sqrt"]
formulas = hst.recursive(
    hst.sampled_from(["x", "x", "2", "3", "0.5", "pi", "-1"]),
    lambda inner: hst.one_of(
        hst.tuples(inner, hst.sampled_from(["+", "-", "*", "/", "^"]), inner).map(
            lambda t: f"({t[0]}){t[1]}({t[2]})"
        ),
        hst.tuples(hst.sampled_from(SUPPORTED), inner).map(lambda t: f"{t[0]}({t[1]})"),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(formulas)
def test_property_graph_gradient_equals_sympy_diff(text):
    """Random expressions in x (sub-expressions repeat freely): wherever the forward pass is
    defined, the backward pass gives SymPy's derivative."""
    try:
        expr = parse_expression(text)
    except InputError:
        return
    if not expr.has(x):
        return
    try:
        graph = build_graph(expr, {x: 0.7})
    except (ValueError, OverflowError):  # undefined or overflowing at x = 0.7
        return
    except UnsupportedOperation:  # e.g. (x²)^x, which SymPy writes with |x|
        assert expr.has(sp.Abs), text
        return
    exact = complex(sp.diff(expr, x).subs(x, sp.Rational(7, 10)).evalf(30))
    assert exact.imag == 0
    assert graph.gradient(x) == pytest.approx(exact.real, rel=1e-8, abs=1e-10), text


# The /backprop lab's records: every field against a number found another way.


def test_surface_analysis_of_data_on_a_line():
    """x = 0, 1, 2 and y = 1, 3, 5 lie on y = 2x + 1: L = ((b − 1)² + (w + b − 3)² +
    (2w + b − 5)²)/3, by hand ∂L/∂w = (10w + 6b − 26)/3, ∂L/∂b = 2w + 2b − 6, H = [[10/3, 2],
    [2, 2]]; least at (2, 1) with L = 0."""
    found = surface_analysis([0, 1, 2], [1, 3, 5])
    assert (found.least.w, found.least.b, found.least.loss, found.least.line) == (2, 1, 0, None)
    assert sp.expand(found.partial_w - (10 * W + 6 * B - 26) / 3) == 0
    assert sp.expand(found.partial_b - (2 * W + 2 * B - 6)) == 0
    assert sp.simplify(found.steps_w.result - found.partial_w) == 0
    assert sp.simplify(found.steps_b.result - found.partial_b) == 0
    assert found.hessian == sp.Matrix([[sp.Rational(10, 3), 2], [2, 2]])
    top = max(np.linalg.eigvalsh([[10 / 3, 2], [2, 2]]))
    assert found.curvature == pytest.approx(top, rel=1e-12)
    assert found.stable_lr == pytest.approx(2 / top)
    assert found.oscillation_lr == pytest.approx(1 / top)
    assert found.xs == (0.0, 1.0, 2.0) and found.ys == (1.0, 3.0, 5.0)


@settings(max_examples=60, deadline=None)
@given(
    hst.lists(
        hst.tuples(hst.integers(-20, 20), hst.integers(-20, 20)), min_size=2, max_size=12
    ).filter(lambda pairs: len({x for x, _ in pairs}) > 1)
)
def test_property_least_loss_is_numpys_least_squares_and_a_stationary_point(pairs):
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    found = least_loss(xs, ys)
    (w, b), *_ = np.linalg.lstsq(np.column_stack([xs, np.ones(len(xs))]), ys, rcond=None)
    assert (found.w, found.b) == pytest.approx((w, b), abs=1e-9)
    loss = sum((w * x + b - y) ** 2 for x, y in pairs) / len(pairs)
    assert found.loss == pytest.approx(loss, abs=1e-9)
    residuals = [found.w * x + found.b - y for x, y in pairs]  # ∂L/∂w, ∂L/∂b vanish there
    assert sum(r * x for r, (x, _) in zip(residuals, pairs, strict=True)) == pytest.approx(
        0, abs=1e-8
    )
    assert sum(residuals) == pytest.approx(0, abs=1e-8)


def test_least_loss_on_a_line_when_every_x_is_the_same():
    """x = 2, 2, 2: L depends on 2w + b only, least (2/3) on 2w + b = mean(y) = 2; the point of
    that line nearest to (0, 0) is (2, 1)·2/5 = (0.8, 0.4)."""
    found = surface_analysis([2, 2, 2], [1, 2, 3]).least
    assert found.line == (2.0, 2.0)
    assert (found.w, found.b) == pytest.approx((0.8, 0.4))
    assert found.loss == pytest.approx(2 / 3)


def test_surface_descent_first_step_grids_and_verdict():
    surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])
    run = surface_descent(surface, 0.2, 0.0, 100, (-2.0, 4.0))
    # ∂L/∂w = 7w + 3b − 17, ∂L/∂b = 3w + 2b − 8 (hand-derived above): at (−2, 4) the gradient
    # is (−19, −6), so the first step lands on (−2 + 0.2·19, 4 + 0.2·6) = (1.8, 5.2)
    assert run.path.points[1].tolist() == pytest.approx([1.8, 5.2])
    assert run.verdict == "converges" and run.advice == () and run.steps_done == 100
    assert run.end[:2] == pytest.approx((2.0, 1.0), abs=1e-4)
    assert run.end[2] == pytest.approx(0.0, abs=1e-8)
    assert run.drawn.all()
    for grid, n in ((run.contour, 40), (run.surface, 30)):
        assert grid.w.shape == (n,) and grid.b.shape == (n,) and grid.loss.shape == (n, n)
        assert grid.w[0] <= min(run.path.points[:, 0]) and grid.w[-1] >= 2.0
        assert grid.b[0] <= 1.0 and grid.b[-1] >= max(run.path.points[:, 1])
        i, j = n // 3, n // 2  # loss[i, j] = L(w[j], b[i]), summed here by hand
        gw, gb = grid.w[j], grid.b[i]
        direct = sum((gw * k + gb - (2 * k + 1)) ** 2 for k in range(4)) / 4  # y = 2x + 1
        assert grid.loss[i, j] == pytest.approx(direct, rel=1e-12)
    top = (9 + math.sqrt(61)) / 2  # λ_max of [[7, 3], [3, 2]]
    with_momentum = surface_descent(surface, 0.2, 0.5, 100, (-2.0, 4.0))
    assert with_momentum.momentum_lr == pytest.approx(2 * 1.5 / top)


def test_surface_descent_past_the_limit_stops_and_draws_only_what_fits():
    surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])
    run = surface_descent(surface, 0.3, 0.0, 100, (-2.0, 4.0))  # 0.3 > 2/λ_max ≈ 0.238
    top = (9 + math.sqrt(61)) / 2
    assert run.verdict == "diverges"
    assert run.path.contraction == pytest.approx(abs(1 - 0.3 * top))
    assert run.steps_done == 17 < 100  # stopped once L passed 10⁶ × its start
    assert not run.drawn.all() and run.drawn[0]
    assert (np.abs(run.path.points[run.drawn]) < 1e3).all()
    assert max(abs(run.contour.w[0]), abs(run.contour.w[-1])) < 1e3 + 2


def test_surface_descent_advice_only_while_still_descending():
    surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])
    slow = surface_descent(surface, 0.001, 0.0, 50, (-2.0, 4.0), more_steps=True)
    assert slow.verdict == "slow" and slow.advice == ("more_steps", "raise_lr", "momentum")
    done = surface_descent(surface, 0.001, 0.9, 100, (-2.0, 4.0), more_steps=False)
    assert done.verdict == "slow" and done.advice == ("raise_lr",)


def test_surface_rates_around_the_limit_with_the_links_eta_exactly():
    """λ_max = (9 + √61)/2 for x = 0 … 3: the grid runs from 1/64 of 2(1 + β)/λ_max to √2
    times it, holds 1/λ_max, 2/λ_max and the limit exactly, and a link's η as given."""
    surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])
    top = (9 + math.sqrt(61)) / 2
    grid = surface_rates(surface, 0.0, 0.2499)
    assert list(grid) == sorted(set(grid)) and 0.2499 in grid
    assert 1 / top in grid and 2 / top in grid
    assert grid[0] == pytest.approx(2 / top / 64, rel=1e-2)
    assert grid[-1] == pytest.approx(2 / top * math.sqrt(2), rel=1e-2)
    heavy = surface_rates(surface, 0.5, float("nan"), -1.0)  # nan, < 0: left out
    assert 3 / top in heavy and heavy[-1] == pytest.approx(3 / top * math.sqrt(2), rel=1e-2)
    assert all(math.isfinite(r) and r >= 0 for r in heavy)


def test_surface_sweep_runs_each_eta_as_descent_by_hand():
    """∇L = (7w + 3b − 17, 3w + 2b − 8) on y = 2x + 1 (hand-derived above): each run is
    (w, b) := (w, b) − η∇L from (−2, 4), for η = 0.2 < 2/λ_max ≈ 0.238 and η = 0.3 > it;
    the verdicts follow the threshold, the windows show the drawn iterates, and the level
    curves the chart draws are where L takes those values."""
    surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])
    rates = [0.2, surface.stable_lr, 0.3]
    sweep = surface_sweep(surface, rates, 0.0, 100, (-2.0, 4.0), more_steps=False)
    for i, lr in ((0, 0.2), (2, 0.3)):
        w, b = -2.0, 4.0
        by_hand = [(w, b)]
        for _ in range(len(sweep.paths[i].points) - 1):
            w, b = w - lr * (7 * w + 3 * b - 17), b - lr * (3 * w + 2 * b - 8)
            by_hand.append((w, b))
        assert sweep.paths[i].points.ravel().tolist() == pytest.approx(np.ravel(by_hand).tolist())
    assert sweep.verdicts == ("converges", "stuck", "diverges")
    assert sweep.index(0.3) == 2 and sweep.learning_rates == tuple(rates)
    assert sweep.shown[:2] == (101, 101) and sweep.shown[2] < len(sweep.paths[2].points)
    assert sweep.advice == ((), (), ())  # only a run still descending gets advice
    for (w_lo, w_hi, b_lo, b_hi), path, k in zip(
        sweep.windows, sweep.paths, sweep.shown, strict=True
    ):
        drawn = path.points[:k]
        assert (np.abs(drawn) < 1e3).all()
        assert w_lo < drawn[:, 0].min() and w_hi > drawn[:, 0].max() >= -2.0
        assert b_lo < min(drawn[:, 1].min(), 1.0) and b_hi > drawn[:, 1].max()
    # the level curves: evenly spaced in log(L − L_min), 18 across the 2.5 decades below the
    # largest L in the window of the runs that do not diverge, then on past it
    excess = np.array(sweep.levels) - surface.least.loss
    ratios = excess[1:] / excess[:-1]
    assert np.allclose(ratios, 10 ** (2.5 / 18)) and len(excess) > 18
    w_lo, w_hi, b_lo, b_hi = sweep.near
    corners = [(w_lo, b_lo), (w_lo, b_hi), (w_hi, b_lo), (w_hi, b_hi)]

    def loss(w: float, b: float) -> float:  # by hand, on y = 2x + 1
        return sum((w * k + b - (2 * k + 1)) ** 2 for k in range(4)) / 4

    assert excess[17] == pytest.approx(max(loss(*c) for c in corners))
    curves = level_curves(surface, sweep.levels[:3], 10.0)
    rows = [r for r in curves if np.isfinite(r).all()]
    assert len(rows) == 3 * 49
    for k, level in enumerate(sweep.levels[:3]):
        assert all(loss(*r) == pytest.approx(level) for r in rows[49 * k : 49 * (k + 1)])
    valley = surface_analysis([2, 2, 2], [1, 2, 3])  # L − 2/3 = (2w + b − 2)²: lines
    (first, second) = np.split(level_curves(valley, [2 / 3 + 1.0], 5.0), [3])
    for w, b in [*first[:2], *second[:2]]:
        assert abs(2 * w + b - 2) == pytest.approx(1.0)
    slow = surface_sweep(surface, [0.001], 0.0, 50, (-2.0, 4.0), more_steps=True)
    assert slow.advice == (("more_steps", "raise_lr", "momentum"),)


@pytest.mark.parametrize(
    ("xs", "ys", "code"),
    [
        ([0, 1], [1], "data_mismatch"),
        ([], [], "data_mismatch"),
        ([0, 1], [1, sp.zoo], "out_of_range"),
        ([0, 1], [1, sp.I], "out_of_range"),
        ([0, sp.Integer(2) ** 6561], [1, 2], "out_of_range"),
    ],
)
def test_surface_analysis_refuses_data_that_is_no_column_of_numbers(xs, ys, code):
    with pytest.raises(InputError) as caught:
        surface_analysis(xs, ys)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("x", "y", "w", "b"), [(1.5, 1.0, 0.5, 0.0), (-2.0, 0.3, 1.7, -0.4), (100.0, -100.0, 3.0, 1.0)]
)
def test_neuron_analysis_three_ways_and_a_central_difference(x, y, w, b):
    found = neuron_analysis(x, y, w, b)

    def loss(weight: float, bias: float = b) -> float:
        s = 1 / (1 + math.exp(-(weight * x + bias)))
        return (s - y) ** 2

    z = w * x + b
    s = 1 / (1 + math.exp(-z))
    assert found.loss == pytest.approx(loss(w), rel=1e-12)
    # ∂L/∂z = 2(ŷ − y)·σ′(z), σ′(z) = e^(−z)/(1 + e^(−z))² (≈ e^(−301) at z = 301, where
    # σ(1 − σ) in floats is 0); ∂z/∂w = x, ∂z/∂b = 1
    by_hand = 2 * (s - y) * math.exp(-z) / (1 + math.exp(-z)) ** 2
    assert found.gradient_w == pytest.approx(by_hand * x, rel=1e-12, abs=1e-300)
    assert found.gradient_b == pytest.approx(by_hand, rel=1e-12, abs=1e-300)
    h = 1e-6
    central = (loss(w + h) - loss(w - h)) / (2 * h)
    assert found.gradient_w == pytest.approx(central, abs=1e-6)
    assert found.path_product == pytest.approx(found.gradient_w, rel=1e-14, abs=1e-300)
    assert found.symbolic_w == pytest.approx(found.gradient_w, rel=1e-10, abs=1e-300)
    assert found.h == 1e-6
    assert found.finite_w == pytest.approx((loss(w + h) - loss(w)) / h, rel=1e-6, abs=1e-9)
    assert (found.x, found.y, found.w, found.b) == (x, y, w, b)
    assert [n.name for n in found.graph.nodes][-5:] == ["u", "z", r"\hat{y}", "e", "L"]


def test_the_forward_difference_is_off_by_about_h_times_half_the_second_derivative():
    """What /backprop says of (L(w + h) − L(w))/h: off by h·L″(w)/2 (Taylor), not h·L″."""
    x, y, w, b = 1.5, 1.0, 0.5, 0.0
    found = neuron_analysis(x, y, w, b)
    W = sp.Symbol("W")
    loss = (1 / (1 + sp.exp(-(W * x + b))) - y) ** 2
    second = float(sp.diff(loss, W, 2).subs(W, w).evalf(30))
    assert found.finite_w - found.symbolic_w == pytest.approx(found.h * second / 2, rel=1e-3)
