"""Backpropagation on a computation graph built from a SymPy expression (micrograd-sized).

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

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sympy as sp

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


_FUNCTIONS: dict[type, tuple[str, Callable[[float], float], Callable[[float], float]]] = {
    sp.exp: ("exp", math.exp, math.exp),
    sp.log: ("log", math.log, lambda u: 1 / u),
    sp.sin: ("sin", math.sin, math.cos),
    sp.cos: ("cos", math.cos, lambda u: -math.sin(u)),
    sp.tanh: ("tanh", math.tanh, lambda u: 1 - math.tanh(u) ** 2),
}


def _sigmoid(u: float) -> float:
    return 1 / (1 + math.exp(-u)) if u >= 0 else math.exp(u) / (1 + math.exp(u))


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
        return _Op(e, _FUNCTIONS[type(e)][0], (visit(e.args[0]),))
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
        u = [out[i] for i in op.inputs]
        n = [float(c) for c in op.numbers]
        if op.op == "input":
            out.append(float(values[op.expr]))
        elif op.op == "constant":
            out.append(n[0])
        elif op.op == "add":
            out.append(n[0] + sum(c * a for c, a in zip(n[1:], u, strict=True)))
        elif op.op == "mul":
            out.append(n[0] * math.prod(u))
        elif op.op == "pow":
            out.append(math.pow(u[0], n[0] if n else u[1]))
        elif op.op == "sigmoid":
            out.append(_sigmoid(u[0]))
        else:
            out.append(_FUNCTIONS[type(op.expr)][1](u[0]))
    return out


def _local(op: _Op, u: list[float]) -> list[float]:
    """∂(node)/∂(input i) at the input values ``u`` (the rules a network library implements)."""
    n = [float(c) for c in op.numbers]
    if op.op == "add":
        return n[1:]
    if op.op == "mul":
        return [n[0] * math.prod(u[:i] + u[i + 1 :]) for i in range(len(u))]
    if op.op == "pow" and n:
        return [n[0] * math.pow(u[0], n[0] - 1)]
    if op.op == "pow":
        base, exponent = u
        return [exponent * math.pow(base, exponent - 1), math.pow(base, exponent) * math.log(base)]
    if op.op == "sigmoid":
        s = _sigmoid(u[0])
        return [s * (1 - s)]
    if op.op in ("input", "constant"):
        return []
    return [_FUNCTIONS[type(op.expr)][2](u[0])]


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
    if op.op == "sigmoid":
        return (SIGMA(u[0]) * (1 - SIGMA(u[0])),)
    if op.op in ("input", "constant"):
        return ()
    if op.op == "add":
        return op.numbers[1:]
    if op.op == "mul":
        own = op.numbers[0] * sp.Mul(*u)
    elif op.op == "pow":
        own = u[0] ** (op.numbers[0] if op.numbers else u[1])
    else:
        own = type(op.expr)(u[0])
    return tuple(sp.diff(own, v) for v in u)
