"""The computation graph: forward values, local derivatives, gradients that add up over paths."""

import itertools
import math

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as hst

from mathcore import InputError, parse_expression, partial_derivatives
from mathcore.backprop import SIGMA, UnsupportedOperation, build_graph

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
