"""The chain rule written out for a computation graph (``mathcore.backprop``), in LaTeX."""

from __future__ import annotations

import itertools
import math

import sympy as sp

from mathcore import latex as course_latex
from ui.tables import tex_number


def backward_rows(graph, nodes: list[int]) -> str:
    r"""The backward pass at ``nodes``, one aligned row each: ∂L/∂n = Σ over the users u of n of
    ∂L/∂u · ∂u/∂n, with the numbers.

    >>> from mathcore.backprop import build_graph
    >>> w = sp.Symbol("w")
    >>> rows = backward_rows(build_graph((w + 1) ** 2, {w: 1.0}), [2, 1]).split(r" \\ ")
    >>> print(rows[1].split(" = ", 1)[1])  # v₁ = w + 1, v₂ = v₁²: ∂L/∂v₁ = 1 · 2v₁
    (1)\left[2 v_{1} = 4\right] = 4
    """
    return r" \\ ".join(_row(graph, i) for i in nodes)


def _row(graph, i: int) -> str:
    name = graph.nodes[i].name
    if i == len(graph.nodes) - 1:
        return rf"\frac{{\partial L}}{{\partial {name}}} &= 1"
    terms, values = [], []
    for user in graph.nodes:
        if i in user.inputs:
            slot = user.inputs.index(i)
            terms.append(
                rf"\frac{{\partial L}}{{\partial {user.name}}}"
                rf"\frac{{\partial {user.name}}}{{\partial {name}}}"
            )
            formula = user.formula[slot]
            local = tex_number(user.local[slot])
            if not formula.is_number:  # 2e = −0.64; a constant such as 1 needs no "= 1"
                local = f"{course_latex(formula)} = {local}"
            values.append(rf"({tex_number(user.grad)})\left[{local}\right]")
    return (
        rf"\frac{{\partial L}}{{\partial {name}}} &= {' + '.join(terms)} = "
        rf"{' + '.join(values)} = {tex_number(graph.nodes[i].grad, 6)}"
    )


def path_product(graph, symbol: sp.Symbol) -> tuple[str, float]:
    r"""∂L/∂symbol along its one path to the output: the local derivatives as fractions, their
    values, and the product.

    >>> from mathcore.backprop import build_graph
    >>> w = sp.Symbol("w")
    >>> latex, product = path_product(build_graph((w + 1) ** 2, {w: 1.0}), w)
    >>> print(latex.split(" = ", 1)[1])
    \frac{\partial v_{2}}{\partial v_{1}} \frac{\partial v_{1}}{\partial w} = (4) \cdot (1) = 4
    """
    (path,) = graph.paths(symbol)
    product, factors, names = 1.0, [], []
    for node, user in itertools.pairwise(path):
        local = graph.local(user, node)
        product *= local
        factors.append(f"({tex_number(local, 6)})")
        names.append(
            rf"\frac{{\partial {graph.nodes[user].name}}}{{\partial {graph.nodes[node].name}}}"
        )
    latex = (
        rf"\frac{{\partial L}}{{\partial {course_latex(symbol)}}} = "
        + " ".join(reversed(names))
        + " = "
        + r" \cdot ".join(reversed(factors))
        + f" = {product:.10g}"
    )
    return latex, product


def agreeing_digits(a: float, b: float) -> int:
    """How many significant digits two numbers share (at most 15).

    >>> agreeing_digits(0.2097160660255044, 0.20971606602550444), agreeing_digits(1.0, 1.001)
    (15, 3)
    """
    if a == b:
        return 15
    return max(0, min(15, int(-math.log10(abs(a - b) / max(abs(a), abs(b))))))
