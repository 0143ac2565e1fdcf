"""Backpropagation on a computation graph built from a SymPy expression (micrograd-sized), and
the records of the /backprop lab: the loss surface of a line (:func:`surface_analysis`,
:func:`surface_descent`, :func:`surface_sweep` for every η of the chart's slider) and one neuron
(:func:`neuron_analysis`).

Each node is one operation — a sum, a product, a power or a function such as exp or σ — whose
inputs are other nodes; numbers are folded into the operation (coefficients, constants,
exponents). A sub-expression that occurs twice is one node with two users, so the gradients that
reach it along both paths add up. The forward and backward passes are plain Python on floats;
SymPy only builds the graph and writes each local derivative as a formula for display.

>>> w, x, b = sp.symbols("w x b", real=True)
>>> g = build_graph((w*x + b)**2, {w: 3.0, x: 2.0, b: 1.0})
>>> [n.name for n in g.nodes], [n.value for n in g.nodes]
(['b', 'w', 'x', 'v_{1}', 'v_{2}', 'v_{3}'], [1.0, 3.0, 2.0, 6.0, 7.0, 49.0])
>>> [n.grad for n in g.nodes]  # ∂L/∂b = 2(wx + b) = 14, ∂L/∂w = 2(wx + b)·x = 28, …
[14.0, 28.0, 42.0, 14.0, 14.0, 1.0]
>>> g.gradient(w), g.paths(w)
(28.0, [[1, 3, 4, 5]])
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.derivatives import difference_quotient, partial_derivatives
from mathcore.diffsteps import DerivativeStep, derivative_steps
from mathcore.errors import InputError
from mathcore.optimization import (
    ETA_RATIOS,
    Trajectory,
    curvature,
    descent_advice,
    descent_verdict,
    gradient_descent,
    mean_squared_error,
)
from mathcore.parsing import MAX_DATA_VALUE
from mathcore.points import as_point

SIGMA = sp.Function("sigma")  # σ, for writing the sigmoid's local derivative σ(z)(1 − σ(z))


class UnsupportedOperation(NotImplementedError):
    """The expression uses an operation the graph has no local-derivative rule for."""


@dataclass(frozen=True, eq=False)
class Node:
    """One operation of the graph after the forward and backward passes.

    ``inputs`` are node indices; ``local[i]`` = ∂(this node)/∂(input i) at the forward values and
    ``formula[i]`` the same derivative written with the inputs' names; ``grad`` = ∂output/∂(this
    node), summed over every path to the output. ``op`` is ``"input"``, ``"constant"``,
    ``"add"``, ``"mul"``, ``"pow"``, ``"sigmoid"`` or a function name (``"exp"``, ``"log"``, …).
    """

    name: str
    op: str
    expr: sp.Expr
    inputs: tuple[int, ...]
    value: float
    local: tuple[float, ...]
    formula: tuple[sp.Expr, ...]
    grad: float


@dataclass(frozen=True, eq=False)
class Graph:
    """The nodes in topological order (every input before its users); the output is last."""

    nodes: tuple[Node, ...]

    def index(self, expr: sp.Expr) -> int:
        """The node that computes ``expr``."""
        return next(i for i, node in enumerate(self.nodes) if node.expr == expr)

    def gradient(self, symbol: sp.Symbol) -> float:
        """∂output/∂symbol."""
        return self.nodes[self.index(symbol)].grad

    def paths(self, symbol: sp.Symbol) -> list[list[int]]:
        """Every path from ``symbol``'s node to the output, as node indices. The gradient is the
        sum over these paths of the product of the local derivatives along each."""
        users: dict[int, list[int]] = {}
        for i, node in enumerate(self.nodes):
            for j in node.inputs:
                users.setdefault(j, []).append(i)
        out = len(self.nodes) - 1

        def walk(i: int) -> list[list[int]]:
            if i == out:
                return [[i]]
            return [[i, *rest] for user in dict.fromkeys(users.get(i, [])) for rest in walk(user)]

        return walk(self.index(symbol))

    def local(self, user: int, node: int) -> float:
        """∂(user)/∂(node) along the edge node → user."""
        return self.nodes[user].local[self.nodes[user].inputs.index(node)]


@dataclass(frozen=True)
class _Op:
    """An operation before the passes: what it is, its inputs, its numbers."""

    expr: sp.Expr
    op: str
    inputs: tuple[int, ...]
    numbers: tuple[sp.Expr, ...] = ()  # add: constant, coefficients; mul: coefficient; pow: power


def _sigmoid(u: float) -> float:
    return 1 / (1 + math.exp(-u)) if u >= 0 else math.exp(u) / (1 + math.exp(u))


Numbers = list[float]  # an operation's numbers (coefficients, constant, exponent) as floats


@dataclass(frozen=True)
class _Rule:
    """One operation's forward value and local derivatives kept together, as micrograd's
    ``Value`` keeps them: ``value(numbers, inputs)``, ``local(numbers, inputs)`` (∂node/∂input
    for each input, at the inputs' values) and ``formula(op, names)`` (the same derivatives
    written with the inputs' names, for display)."""

    value: Callable[[Numbers, Numbers], float]
    local: Callable[[Numbers, Numbers], Numbers]
    formula: Callable[[_Op, list[sp.Symbol]], tuple[sp.Expr, ...]]


def _derivatives(own: sp.Expr, names: list[sp.Symbol]) -> tuple[sp.Expr, ...]:
    return tuple(sp.diff(own, v) for v in names)


def _power(n: Numbers, u: Numbers) -> float:
    return math.pow(u[0], n[0] if n else u[1])


def _power_local(n: Numbers, u: Numbers) -> Numbers:
    if n:  # a number exponent: d(u^p)/du = p·u^(p − 1)
        return [n[0] * math.pow(u[0], n[0] - 1)]
    base, exponent = u
    return [exponent * math.pow(base, exponent - 1), math.pow(base, exponent) * math.log(base)]


def _function(fn: type, f: Callable[[float], float], df: Callable[[float], float]) -> _Rule:
    """The rule of a function of one input, such as exp: f and f′ on floats, f′ in SymPy."""
    return _Rule(
        lambda n, u: f(u[0]),
        lambda n, u: [df(u[0])],
        lambda op, names: _derivatives(fn(names[0]), names),
    )


_FUNCTIONS: dict[type, str] = {  # SymPy's functions with a rule below, by the rule's name
    sp.exp: "exp",
    sp.log: "log",
    sp.sin: "sin",
    sp.cos: "cos",
    sp.tanh: "tanh",
}
_RULES: dict[str, _Rule] = {  # every operation a node can be, by its name (``Node.op``)
    "input": _Rule(lambda n, u: math.nan, lambda n, u: [], lambda op, names: ()),  # given
    "constant": _Rule(lambda n, u: n[0], lambda n, u: [], lambda op, names: ()),
    "add": _Rule(
        lambda n, u: n[0] + sum(c * a for c, a in zip(n[1:], u, strict=True)),
        lambda n, u: n[1:],
        lambda op, names: op.numbers[1:],
    ),
    "mul": _Rule(
        lambda n, u: n[0] * math.prod(u),
        lambda n, u: [n[0] * math.prod(u[:i] + u[i + 1 :]) for i in range(len(u))],
        lambda op, names: _derivatives(op.numbers[0] * sp.Mul(*names), names),
    ),
    "pow": _Rule(
        _power,
        _power_local,
        lambda op, names: _derivatives(
            names[0] ** (op.numbers[0] if op.numbers else names[1]), names
        ),
    ),
    "sigmoid": _Rule(
        lambda n, u: _sigmoid(u[0]),
        lambda n, u: [_sigmoid(u[0]) * _sigmoid(-u[0])],  # σ(1 − σ), not 0 where σ rounds to 1
        lambda op, names: (SIGMA(names[0]) * (1 - SIGMA(names[0])),),
    ),
    "exp": _function(sp.exp, math.exp, math.exp),
    "log": _function(sp.log, math.log, lambda u: 1 / u),
    "sin": _function(sp.sin, math.sin, math.cos),
    "cos": _function(sp.cos, math.cos, lambda u: -math.sin(u)),
    "tanh": _function(sp.tanh, math.tanh, lambda u: 1 - math.tanh(u) ** 2),
}


def build_graph(
    expr: sp.Expr, values: Mapping[sp.Symbol, float], names: Mapping[sp.Expr, str] | None = None
) -> Graph:
    """The computation graph of ``expr`` with its forward values at ``values`` and every node's
    gradient. ``names`` labels sub-expressions (LaTeX); others are ``v_{1}``, ``v_{2}``, …

    ``1/(1 + exp(−z))`` is recognised as one σ node, as a network draws it.

    >>> z, y = sp.symbols("z y", real=True)
    >>> g = build_graph((1 / (1 + sp.exp(-z)) - y)**2, {z: 0.0, y: 1.0})
    >>> [(n.op, n.value) for n in g.nodes]
    [('input', 1.0), ('input', 0.0), ('sigmoid', 0.5), ('add', -0.5), ('pow', 0.25)]
    >>> g.nodes[2].formula, g.nodes[2].local
    (((1 - sigma(z))*sigma(z),), (0.25,))
    """
    ops: list[_Op] = []
    seen: dict[sp.Expr, int] = {}

    def visit(e: sp.Expr) -> int:
        if e not in seen:
            op = _operation(e, visit)
            seen[e] = len(ops)
            ops.append(op)
        return seen[e]

    for symbol in sorted(expr.free_symbols, key=sp.default_sort_key):  # leaves first, in order
        visit(symbol)
    visit(expr)
    labels = _names(ops, names or {})
    forward = _forward(ops, values)
    local = [_local(op, [forward[i] for i in op.inputs]) for op in ops]
    grads = _backward(ops, local)
    return Graph(
        tuple(
            Node(
                labels[k],
                op.op,
                op.expr,
                op.inputs,
                forward[k],
                tuple(local[k]),
                _formulas(op, [sp.Symbol(labels[i]) for i in op.inputs]),
                grads[k],
            )
            for k, op in enumerate(ops)
        )
    )


def _operation(e: sp.Expr, visit: Callable[[sp.Expr], int]) -> _Op:
    if e.is_Symbol:
        return _Op(e, "input", ())
    if e.is_number:
        return _Op(e, "constant", (), (e,))
    z = _sigmoid_argument(e)
    if z is not None:
        return _Op(e, "sigmoid", (visit(z),))
    if e.is_Add:
        constant, terms = e.as_coeff_add()
        split = [t.as_coeff_Mul() for t in terms]
        return _Op(
            e,
            "add",
            tuple(visit(rest) for _, rest in split),
            (constant, *(c for c, _ in split)),
        )
    if e.is_Mul:
        coefficient, factors = e.as_coeff_mul()
        return _Op(e, "mul", tuple(visit(f) for f in factors), (coefficient,))
    if e.is_Pow:
        base, exponent = e.args
        if exponent.is_number:
            return _Op(e, "pow", (visit(base),), (exponent,))
        return _Op(e, "pow", (visit(base), visit(exponent)))
    if type(e) in _FUNCTIONS:
        return _Op(e, _FUNCTIONS[type(e)], (visit(e.args[0]),))
    raise UnsupportedOperation(f"no backpropagation rule for {type(e).__name__}")


def _sigmoid_argument(e: sp.Expr) -> sp.Expr | None:
    """z when ``e`` is 1/(1 + exp(−z))."""
    if e.is_Pow and e.exp == -1 and e.base.is_Add and len(e.base.args) == 2:
        one, other = sorted(e.base.args, key=lambda t: not t.is_number)
        if one == 1 and isinstance(other, sp.exp):
            return -other.args[0]
    return None


def _names(ops: list[_Op], names: Mapping[sp.Expr, str]) -> list[str]:
    labels, count = [], 0
    for op in ops:
        if op.expr in names:
            labels.append(names[op.expr])
        elif op.op == "input":
            labels.append(sp.latex(op.expr))
        else:
            count += 1
            labels.append(f"v_{{{count}}}")
    return labels


def _forward(ops: list[_Op], values: Mapping[sp.Symbol, float]) -> list[float]:
    """Every node's value, inputs first; ``ValueError`` where the expression is undefined."""
    out: list[float] = []
    for op in ops:
        if op.op == "input":
            out.append(float(values[op.expr]))
        else:
            out.append(_RULES[op.op].value(_floats(op), [out[i] for i in op.inputs]))
    return out


def _local(op: _Op, u: list[float]) -> list[float]:
    """∂(node)/∂(input i) at the input values ``u`` (the rules a network library implements)."""
    return _RULES[op.op].local(_floats(op), u)


def _floats(op: _Op) -> Numbers:
    return [float(c) for c in op.numbers]


def _backward(ops: list[_Op], local: list[list[float]]) -> list[float]:
    """∂output/∂node for every node: the output's is 1; walking back, each node passes its
    gradient times the local derivative to each input, and an input used twice adds both."""
    grads = [0.0] * len(ops)
    grads[-1] = 1.0
    for k in range(len(ops) - 1, -1, -1):
        for i, d in zip(ops[k].inputs, local[k], strict=True):
            grads[i] += grads[k] * d
    return grads


def _formulas(op: _Op, u: list[sp.Symbol]) -> tuple[sp.Expr, ...]:
    """The local derivatives written with the inputs' names: ∂(wx)/∂w = x, ∂σ/∂z = σ(1 − σ)."""
    return tuple(_RULES[op.op].formula(op, u))


# The /backprop lab ------------------------------------------------------------------------------

W, B = sp.symbols("w b", real=True)  # the line's parameters, and the neuron's
X, Y = sp.symbols("x y", real=True)  # the neuron's input and target
CONTOUR_POINTS, SURFACE_POINTS = 40, 30  # the contour's grid 40 × 40, the 3-D surface's 30 × 30
MARGIN = 1.5  # the grids reach this far (in w and b) past the path and the least loss
DRAWN_LIMIT = 1e3  # iterates of a diverging descent beyond this are not drawn nor framed


@dataclass(frozen=True)
class LeastLoss:
    """Where L(w, b) is least: the point (w, b) and L there. ``line`` is ``(c, m)`` when every x
    equals c: then every point of the line c·w + b = m is least, and ``w, b`` is the one of
    them nearest to (0, 0)."""

    w: float
    b: float
    loss: float
    line: tuple[float, float] | None


@dataclass(frozen=True, eq=False)
class LossGrid:
    """L(w, b) on a rectangle: ``w`` of shape (n,), ``b`` of shape (m,) (the parameters' units)
    and ``loss`` of shape (m, n), ``loss[i, j]`` = L(w[j], b[i]) (y's units squared), the
    layout of a Plotly contour or surface."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray


@dataclass(frozen=True, eq=False)
class SurfaceAnalysis:
    """Everything /backprop shows of L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)² before a descent runs.

    ``xs``, ``ys`` are the data as floats; ``loss`` is L, exact (SymPy), with its partial
    derivatives ``partial_w`` = ∂L/∂w and ``partial_b`` = ∂L/∂b and their rule steps
    ``steps_w``, ``steps_b`` (:class:`mathcore.DerivativeStep` trees). ``hessian`` is
    the constant 2 × 2 matrix of second partials and ``curvature`` its largest eigenvalue
    λ_max (≥ 2: ∂²L/∂b² = 2). ``stable_lr`` = 2/λ_max, below which plain descent converges, and
    ``oscillation_lr`` = 1/λ_max, past which it zig-zags (both in units of 1/λ). ``least`` is
    the least loss.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    loss: sp.Expr
    partial_w: sp.Expr
    partial_b: sp.Expr
    steps_w: DerivativeStep
    steps_b: DerivativeStep
    hessian: sp.Matrix
    curvature: float
    stable_lr: float
    oscillation_lr: float
    least: LeastLoss


def surface_analysis(xs: Sequence[sp.Expr], ys: Sequence[sp.Expr]) -> SurfaceAnalysis:
    """The mean squared error of the line ŷ = w·x + b on the data, its partial derivatives step
    by step, its Hessian and curvature, and where it is least.

    Plain gradient descent on a quadratic loss converges iff 0 < η < 2/λ_max, λ_max the
    Hessian's largest eigenvalue, and zig-zags past η = 1/λ_max: Y. LeCun, L. Bottou,
    G. B. Orr, K.-R. Müller, "Efficient BackProp", in *Neural Networks: Tricks of the Trade*,
    LNCS 1524, Springer 1998, §5.1 (η_opt = 1/λ_max; divergence past 2η_opt). With momentum β
    the limit is 2(1 + β)/λ_max: G. Goh, "Why Momentum Really Works", Distill 2017.

    Parameters
    ----------
    xs, ys : the data columns, finite real numbers (``mathcore.parse_numbers`` gives them),
        of equal length, each within ±``MAX_DATA_VALUE``.

    Returns
    -------
    SurfaceAnalysis
        ``xs``, ``ys`` as tuples of n floats; ``hessian`` a 2 × 2 SymPy matrix (units of x²,
        x and 1); ``curvature`` a float.

    Raises
    ------
    InputError
        ``data_mismatch`` when the columns differ in length or are empty; ``out_of_range`` when
        a value is not a finite real number within ±``MAX_DATA_VALUE``.

    Examples
    --------
    >>> found = surface_analysis([0, 1, 2], [1, 3, 5])  # on the line y = 2x + 1
    >>> found.least
    LeastLoss(w=2.0, b=1.0, loss=0.0, line=None)
    >>> found.partial_w, found.partial_b
    (2*b + 10*w/3 - 26/3, 2*b + 2*w - 6)
    >>> found.hessian.tolist(), round(found.curvature, 6)  # λ_max = (16/3 + √(160/9))/2
    ([[10/3, 2], [2, 2]], 4.774852)
    >>> surface_analysis([2, 2, 2], [1, 2, 3]).least.line  # every x the same: a valley floor
    (2.0, 2.0)
    """
    x, y = _data(xs), _data(ys)
    loss = mean_squared_error(tuple(xs), tuple(ys), W, B)
    top = curvature(loss, [W, B])
    partials = partial_derivatives(loss, [W, B])
    return SurfaceAnalysis(
        xs=x,
        ys=y,
        loss=loss,
        partial_w=partials[W],
        partial_b=partials[B],
        steps_w=derivative_steps(loss, W),
        steps_b=derivative_steps(loss, B),
        hessian=sp.hessian(loss, [W, B]),
        curvature=top,
        stable_lr=2 / top,
        oscillation_lr=1 / top,
        least=least_loss(x, y),
    )


def least_loss(xs: Sequence[float], ys: Sequence[float]) -> LeastLoss:
    """Where the mean squared error of ŷ = w·x + b is least (least squares), and L there.

    Parameters
    ----------
    xs, ys : the data, n floats each (n ≥ 1).

    Returns
    -------
    LeastLoss
        ``w`` (units of y/x), ``b`` (y's units), ``loss`` (y's units squared); ``line`` =
        ``(c, mean of y)`` when every x is c, else ``None``.

    Examples
    --------
    >>> found = least_loss([0, 1, 2], [1, 2, 2])  # residuals −1/6, 1/3, −1/6: L = 1/18
    >>> found.w, found.b, round(found.loss, 15), found.line
    (0.5, 1.1666666666666667, 0.055555555555556, None)
    >>> least_loss([5], [7]).line
    (5.0, 7.0)
    """
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    spread = np.mean((x - x.mean()) ** 2)
    if spread == 0:  # L depends on c·w + b only: the point of c·w + b = m nearest to (0, 0)
        c, m = float(x[0]), float(y.mean())
        w, b, line = c * m / (c * c + 1), m / (c * c + 1), (c, m)
    else:  # the normal equations, centred: w = cov(x, y)/var(x), b = ȳ − w·x̄
        w = np.mean((x - x.mean()) * (y - y.mean())) / spread
        b, line = y.mean() - w * x.mean(), None
    return LeastLoss(float(w), float(b), float(_mse(x, y, w, b)), line)


@dataclass(frozen=True, eq=False)
class SurfaceDescent:
    """One run of gradient descent on a :class:`SurfaceAnalysis`'s L(w, b) and what is drawn.

    ``path`` holds the iterates (``points`` of shape (k + 1, 2), (w, b) per row), ``verdict``
    names what the run does (:func:`mathcore.descent_verdict`) and ``advice`` what would help
    a run that is still descending (:func:`mathcore.optimization.descent_advice`; empty for
    every other verdict). ``momentum_lr`` = 2(1 + β)/λ_max, the limit with momentum β.
    ``steps_done`` = k (fewer than asked when the loss blew up); ``end`` = (w, b, L) after them.
    ``drawn`` (shape (k + 1,), bool) marks the iterates within ±``DRAWN_LIMIT``, which the
    charts draw and frame; ``contour`` and ``surface`` cover those and the least loss.
    """

    path: Trajectory
    verdict: str
    advice: tuple[str, ...]
    momentum_lr: float
    steps_done: int
    end: tuple[float, float, float]
    drawn: np.ndarray
    contour: LossGrid
    surface: LossGrid


def surface_descent(
    analysis: SurfaceAnalysis,
    learning_rate: float,
    momentum: float,
    steps: int,
    start: tuple[float, float],
    more_steps: bool = False,
) -> SurfaceDescent:
    """Heavy-ball gradient descent on L(w, b) from ``start``, its verdict, and L on the grids
    that show it. NumPy work of milliseconds (no user text): run in-process.

    Parameters
    ----------
    analysis : the loss surface, from :func:`surface_analysis`.
    learning_rate : η ≥ 0; momentum : β in [0, 1); steps : how many steps to take.
    start : (w₀, b₀).
    more_steps : whether the student can still add steps (for the advice).

    Returns
    -------
    SurfaceDescent
        ``contour`` on a ``CONTOUR_POINTS`` × ``CONTOUR_POINTS`` grid, ``surface`` on a
        ``SURFACE_POINTS`` × ``SURFACE_POINTS`` one, each reaching ``MARGIN`` past the drawn
        iterates and the least loss.

    Raises
    ------
    Nothing for finite numbers: a diverging run stops at 10⁶ × its starting loss.

    Examples
    --------
    >>> surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])  # λ_max = (9 + √61)/2 ≈ 8.405
    >>> run = surface_descent(surface, 0.2, 0.0, 100, (-2.0, 4.0))
    >>> run.verdict, run.path.points[1].round(6).tolist(), run.contour.loss.shape
    ('converges', [1.8, 5.2], (40, 40))
    >>> run = surface_descent(surface, 0.3, 0.0, 100, (-2.0, 4.0))  # 0.3 > 2/λ_max ≈ 0.238
    >>> run.verdict, run.steps_done, round(run.path.contraction, 5)
    ('diverges', 17, 1.52154)
    """
    path = gradient_descent(analysis.loss, [W, B], start, learning_rate, steps, momentum)
    verdict = descent_verdict(path)
    advice = descent_advice(path, analysis.loss, [W, B], more_steps, True)
    drawn = np.all(np.abs(path.points) < DRAWN_LIMIT, axis=1)
    least = analysis.least
    corners = np.vstack([path.points[drawn], [[least.w, least.b]]])
    lo, hi = corners.min(axis=0) - MARGIN, corners.max(axis=0) + MARGIN
    x, y = np.asarray(analysis.xs), np.asarray(analysis.ys)

    def grid(n: int) -> LossGrid:
        gw, gb = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
        return LossGrid(gw, gb, _mse(x, y, *np.meshgrid(gw, gb)))

    (w, b), loss = path.points[-1], path.losses[-1]
    return SurfaceDescent(
        path=path,
        verdict=verdict,
        advice=advice if verdict == "slow" else (),
        momentum_lr=2 * (1 + momentum) / analysis.curvature,
        steps_done=len(path.losses) - 1,
        end=(float(w), float(b), float(loss)),
        drawn=drawn,
        contour=grid(CONTOUR_POINTS),
        surface=grid(SURFACE_POINTS),
    )


def surface_rates(analysis: SurfaceAnalysis, momentum: float, *extra: float) -> tuple[float, ...]:
    """The η values of /backprop's chart slider: :data:`mathcore.optimization.ETA_RATIOS` × the
    limit 2(1 + β)/λ_max (1/64 of it up to √2 times it, log-spaced), rounded to 3 significant
    digits, plus 1/λ_max, 2/λ_max and the limit kept exact, plus the ``extra`` values (a link's
    η, the page's default) exactly as given (finite and ≥ 0; others are left out); increasing.

    Parameters
    ----------
    analysis : the loss surface, from :func:`surface_analysis` (its ``curvature`` is λ_max).
    momentum : β in [0, 1).
    extra : further η values to include.

    Returns
    -------
    tuple[float, ...] : the learning rates η (units of 1/λ), sorted, without repeats.

    Examples
    --------
    >>> surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])  # 2/λ_max ≈ 0.238
    >>> grid = surface_rates(surface, 0.0, 0.21)
    >>> len(grid), grid[0], 0.21 in grid, surface.stable_lr in grid, grid[-1]
    (30, 0.00372, True, True, 0.337)
    """
    limit = 2 * (1 + momentum) / analysis.curvature
    grid = {float(f"{r * limit:.3g}") for r in ETA_RATIOS if r not in (0.5, 1.0)}
    grid |= {analysis.oscillation_lr, analysis.stable_lr, limit}
    grid |= {float(e) for e in extra if math.isfinite(e) and e >= 0}
    return tuple(sorted(grid))


Window = tuple[float, float, float, float]  # (w low, w high, b low, b high)


@dataclass(frozen=True, eq=False)
class SurfaceSweep:
    """Gradient descent on a :class:`SurfaceAnalysis`'s L(w, b) from one start, for every η of
    the chart's slider: ``learning_rates[i]`` has the run ``paths[i]`` (a
    :class:`mathcore.Trajectory`: ``points`` of shape (k + 1, 2), (w, b) per row, k ≤ ``steps``;
    fewer when the loss blew up), its ``verdicts[i]`` (:func:`mathcore.descent_verdict`) and
    ``advice[i]`` (:func:`mathcore.optimization.descent_advice`, only for ``"slow"``).
    ``shown[i]`` iterates from the start are within ±``DRAWN_LIMIT`` (the ones drawn), and
    ``windows[i]`` = (w low, w high, b low, b high) shows them and the least loss, ``MARGIN`` to
    spare. ``near`` is the window of every run that does not diverge (with the start and the
    least loss). ``levels`` are the values of L whose level curves the chart draws
    (:func:`level_curves`): L_min + e for e spaced evenly in log — ``LEVELS`` of them across the
    ``LEVEL_DECADES`` decades below the largest L − L_min in ``near``, on past it up to the
    largest in any window — so a converging run's window (a few units wide) and a diverging
    one's (up to 2000) show as many curves. ``momentum`` is β and ``momentum_lr`` =
    2(1 + β)/λ_max, the limit."""

    learning_rates: tuple[float, ...]
    paths: tuple[Trajectory, ...]
    verdicts: tuple[str, ...]
    advice: tuple[tuple[str, ...], ...]
    shown: tuple[int, ...]
    windows: tuple[Window, ...]
    near: Window
    levels: tuple[float, ...]
    steps: int
    momentum: float
    momentum_lr: float

    def index(self, learning_rate: float) -> int:
        """The position of η in ``learning_rates`` (:class:`ValueError` if it is not there)."""
        return self.learning_rates.index(float(learning_rate))


def surface_sweep(
    analysis: SurfaceAnalysis,
    learning_rates: Sequence[float],
    momentum: float,
    steps: int,
    start: tuple[float, float],
    more_steps: bool = False,
) -> SurfaceSweep:
    """Heavy-ball gradient descent on L(w, b) from ``start`` for each η of ``learning_rates``
    (:func:`surface_rates` gives the chart's), each run's verdict and window, and the values
    of L whose level curves show them all. NumPy work of milliseconds (no user text): run
    in-process.

    Parameters
    ----------
    analysis : the loss surface, from :func:`surface_analysis`.
    learning_rates : the η values, each ≥ 0; kept in this order.
    momentum : β in [0, 1); steps : how many steps each run takes; start : (w₀, b₀).
    more_steps : whether the student can still add steps (for the advice).

    Returns
    -------
    SurfaceSweep
        one run per η (``paths[i].points`` of shape (k + 1, 2)); ``levels`` increasing, at
        most ``MAX_LEVELS``.

    Raises
    ------
    Nothing for finite numbers: a diverging run stops at 10⁶ × its starting loss.

    Examples
    --------
    >>> surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])  # 2/λ_max ≈ 0.238
    >>> sweep = surface_sweep(surface, [0.2, 0.3], 0.0, 100, (-2.0, 4.0))
    >>> sweep.verdicts, sweep.paths[0].points[1].round(6).tolist(), sweep.shown
    (('converges', 'diverges'), [1.8, 5.2], (101, 15))
    >>> sweep.windows[0]  # the path and the least loss (2, 1), 1.5 to spare
    (-3.5, 3.5, -0.5, 6.7)
    """
    params, loss = [W, B], analysis.loss
    paths = tuple(
        gradient_descent(loss, params, start, float(rate), steps, momentum)
        for rate in learning_rates
    )
    verdicts = tuple(descent_verdict(path) for path in paths)
    least = np.array([[analysis.least.w, analysis.least.b]])
    shown = tuple(_leading(np.all(np.abs(p.points) < DRAWN_LIMIT, axis=1)) for p in paths)
    windows = tuple(_window(p.points[:k], least) for p, k in zip(paths, shown, strict=True))
    calm = [p.points[:k] for p, k, v in zip(paths, shown, verdicts, strict=True) if v != "diverges"]
    near = _window(np.vstack([[start], *calm]), least)
    x, y = np.asarray(analysis.xs), np.asarray(analysis.ys)

    def highest(window: Window) -> float:  # L is convex: its largest value is at a corner
        w_lo, w_hi, b_lo, b_hi = window
        return float(_mse(x, y, [w_lo, w_lo, w_hi, w_hi], [b_lo, b_hi, b_lo, b_hi]).max())

    least_loss_value = analysis.least.loss
    top = max(highest(near) - least_loss_value, 1e-300)
    far = max(max(highest(w) for w in windows) - least_loss_value, top)
    ratio = 10 ** (LEVEL_DECADES / LEVELS)
    count = min(int(math.log(far / top, ratio)) + LEVELS + 1, MAX_LEVELS)
    levels = tuple(least_loss_value + top * ratio ** (k - LEVELS) for k in range(1, count + 1))
    tips = (
        descent_advice(p, loss, params, more_steps, True) if v == "slow" else ()
        for p, v in zip(paths, verdicts, strict=True)
    )
    return SurfaceSweep(
        learning_rates=tuple(float(r) for r in learning_rates),
        paths=paths,
        verdicts=verdicts,
        advice=tuple(tips),
        shown=shown,
        windows=windows,
        near=near,
        levels=levels,
        steps=int(steps),
        momentum=float(momentum),
        momentum_lr=2 * (1 + momentum) / analysis.curvature,
    )


def _leading(drawn: np.ndarray) -> int:
    """How many iterates from the start are drawn (a path is drawn up to its first far point)."""
    return int(np.argmin(drawn)) if not drawn.all() else len(drawn)


def _window(points: np.ndarray, least: np.ndarray) -> Window:
    """The (w low, w high, b low, b high) that shows ``points`` and the least loss, ``MARGIN``
    to spare."""
    corners = np.vstack([points, least])
    lo, hi = corners.min(axis=0) - MARGIN, corners.max(axis=0) + MARGIN
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


LEVELS, LEVEL_DECADES, MAX_LEVELS = 18, 2.5, 80  # see SurfaceSweep.levels
CURVE_POINTS = 49  # points on each closed level curve (the first repeated last)


def level_curves(analysis: SurfaceAnalysis, levels: Sequence[float], reach: float) -> np.ndarray:
    """The curves L(w, b) = ℓ for each ℓ of ``levels``, exactly: L is quadratic, L = L_min +
    ½ (p − p*)ᵀ H (p − p*) with p* the least loss and H the Hessian, so each is the ellipse
    p* + √(2(ℓ − L_min)) (cos t · v₁/√λ₁ + sin t · v₂/√λ₂) (λᵢ, vᵢ: H's eigenvalues and unit
    eigenvectors); when every x is the same (λ₂ = 0) it is the two lines v₁·(p − p*) =
    ±√(2(ℓ − L_min)/λ₁), drawn ``reach`` each way along v₂.

    Parameters
    ----------
    analysis : the loss surface, from :func:`surface_analysis`.
    levels : values of L, each above the least loss.
    reach : how far (in w, b units) each line runs from p* in the degenerate case.

    Returns
    -------
    np.ndarray
        shape (m, 2), (w, b) per row; each curve is followed by a row of NaN (a break).

    Examples
    --------
    >>> surface = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7])  # least L = 0 at (2, 1)
    >>> curve = level_curves(surface, [4.0], 10.0)[:-1]
    >>> w, b = curve.T
    >>> bool(np.allclose((7 * w**2 + 6 * w * b + 2 * b**2 - 34 * w - 16 * b + 42) / 2, 4.0))
    True
    """
    hessian = np.array(analysis.hessian.tolist(), dtype=float)
    eigenvalues, vectors = np.linalg.eigh(hessian)  # ascending: λ₂, λ₁
    centre = np.array([analysis.least.w, analysis.least.b])
    gap = np.full((1, 2), np.nan)
    curves = []
    for level in levels:
        radius = math.sqrt(max(2 * (level - analysis.least.loss), 0.0))
        if eigenvalues[0] <= 1e-12 * eigenvalues[1]:  # a valley floor: two parallel lines
            offset = radius / math.sqrt(eigenvalues[1]) * vectors[:, 1]
            along = np.outer([-reach, reach], vectors[:, 0])
            curves += [centre + offset + along, gap, centre - offset + along, gap]
        else:
            t = np.linspace(0, 2 * math.pi, CURVE_POINTS)[:, None]
            axes = radius * vectors / np.sqrt(eigenvalues)
            curves += [centre + np.cos(t) * axes[:, 1] + np.sin(t) * axes[:, 0], gap]
    return np.vstack(curves) if curves else np.empty((0, 2))


def _data(values: Sequence[sp.Expr]) -> tuple[float, ...]:
    """The values as floats; ``out_of_range`` unless each is real, finite and within bounds."""
    out = []
    for value in values:
        try:  # numbers parse_numbers read (or plain ints and floats), never text: no sympify
            v = value if isinstance(value, sp.Basic) else sp.Float(float(value))
            number = float(v) if v.is_number and v.is_extended_real else math.nan
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if not abs(number) <= MAX_DATA_VALUE:  # nan too
            raise InputError("out_of_range", "out of range", {"bound": MAX_DATA_VALUE})
        out.append(number)
    return tuple(out)


def _mse(x: np.ndarray, y: np.ndarray, w, b):
    """(1/n) Σ (w·xᵢ + b − yᵢ)² for scalar or array w, b (of one shape): NumPy, no SymPy."""
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    return np.mean((w[..., None] * x + b[..., None] - y) ** 2, axis=-1)


SIGMOID = 1 / (1 + sp.exp(-(W * X + B)))
NEURON_LOSS = (SIGMOID - Y) ** 2  # one neuron ŷ = σ(w·x + b), squared error against y
NEURON_NAMES = {W * X: "u", W * X + B: "z", SIGMOID: r"\hat{y}", SIGMOID - Y: "e", NEURON_LOSS: "L"}
FINITE_H = 1e-6  # the step of the neuron's forward difference quotient


@dataclass(frozen=True, eq=False)
class NeuronAnalysis:
    """One neuron ŷ = σ(w·x + b) with loss L = (ŷ − y)², after the forward and backward passes.

    ``graph`` has every node's value and ∂L/∂(node); ``loss`` is L's value and ``gradient_w``,
    ``gradient_b`` are ∂L/∂w and ∂L/∂b by backpropagation. ∂L/∂w three ways:
    ``path_product`` multiplies the local derivatives along w's one path to L;
    ``derivative_w`` is the symbolic ∂L/∂w (by ``mathcore.derivative``) and ``symbolic_w``
    its value here; ``finite_w`` is the forward difference quotient (L(w + h) − L(w))/h with
    h = ``h`` (50-digit arithmetic: its error is the truncation, about h·∂²L/∂w²/2).
    """

    x: float
    y: float
    w: float
    b: float
    graph: Graph
    loss: float
    gradient_w: float
    gradient_b: float
    path_product: float
    derivative_w: sp.Expr
    symbolic_w: float
    h: float
    finite_w: float


def neuron_analysis(x: float, y: float, w: float, b: float) -> NeuronAnalysis:
    """The neuron's computation graph at these values and ∂L/∂w three ways.

    Parameters
    ----------
    x, y : the input and the target; w, b : the weight and the bias (finite floats).

    Returns
    -------
    NeuronAnalysis
        ``loss`` in y's units squared; the gradients in those per unit of w (or b).

    Raises
    ------
    ValueError
        Where a node has no value (it does not happen for finite inputs: σ is bounded).

    Examples
    --------
    >>> n = neuron_analysis(1.5, 1.0, 0.5, 0.0)  # ∂L/∂w = 2(ŷ − y)·σ(z)(1 − σ(z))·x
    >>> round(n.gradient_w, 12), round(n.path_product, 12), round(n.symbolic_w, 12)
    (-0.209716066026, -0.209716066026, -0.209716066026)
    >>> abs(n.finite_w - n.symbolic_w) < 1e-6, [node.name for node in n.graph.nodes][4:]
    (True, ['u', 'z', '\\\\hat{y}', 'e', 'L'])
    """
    values = {X: float(x), Y: float(y), W: float(w), B: float(b)}
    graph = build_graph(NEURON_LOSS, values, NEURON_NAMES)
    (path,) = graph.paths(W)
    product = math.prod(graph.local(user, node) for node, user in itertools.pairwise(path))
    derivative_w = _neuron_partials()[W]
    along_w = NEURON_LOSS.subs({X: values[X], Y: values[Y], B: values[B]})
    return NeuronAnalysis(
        x=values[X],
        y=values[Y],
        w=values[W],
        b=values[B],
        graph=graph,
        loss=graph.nodes[-1].value,
        gradient_w=graph.gradient(W),
        gradient_b=graph.gradient(B),
        path_product=product,
        derivative_w=derivative_w,
        symbolic_w=float(derivative_w.subs(values)),
        h=FINITE_H,
        finite_w=difference_quotient(along_w, W, as_point(values[W]), FINITE_H),
    )


@functools.lru_cache(maxsize=1)
def _neuron_partials() -> dict[sp.Symbol, sp.Expr]:
    """∂L/∂w and ∂L/∂b of the neuron's loss, symbolically: once per process."""
    return partial_derivatives(NEURON_LOSS, [W, B])
