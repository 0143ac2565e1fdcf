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

    ∂L/∂L = 1 is where the pass starts, not a step: it is a row only while it is the one node
    done, and never a factor (∂L/∂e = ∂L/∂L · ∂L/∂e says nothing; ∂L/∂e = 2e does).

    >>> from mathcore.backprop import build_graph
    >>> w = sp.Symbol("w")
    >>> graph = build_graph((w + 1) ** 2, {w: 1.0})  # v₁ = w + 1, L = v₂ = v₁²
    >>> print(backward_rows(graph, [2]))
    \frac{\partial L}{\partial v_{2}} &= 1
    >>> print(backward_rows(graph, [2, 1]))  # ∂L/∂v₁ = 2v₁
    \frac{\partial L}{\partial v_{1}} &= 2 v_{1} = 4
    >>> print(backward_rows(graph, [2, 1, 0]).split(r" \\ ")[1].split(" = ", 1)[1])
    (4)\left[1\right] = 4
    """
    out = len(graph.nodes) - 1
    rows = [i for i in nodes if i != out] or list(nodes)
    return r" \\ ".join(_row(graph, i) for i in rows)


def _row(graph, i: int) -> str:
    name = graph.nodes[i].name
    out = len(graph.nodes) - 1
    if i == out:
        return rf"\frac{{\partial L}}{{\partial {name}}} &= 1"
    terms, values = [], []
    for k, user in enumerate(graph.nodes):
        if i in user.inputs:
            slot = user.inputs.index(i)
            formula = user.formula[slot]
            local = tex_number(user.local[slot])
            if not formula.is_number:  # 2e = −0.64; a constant such as 1 needs no "= 1"
                local = f"{course_latex(formula)} = {local}"
            if k == out:  # a direct input of L: ∂L/∂L = 1 is no factor
                terms.append(rf"\frac{{\partial L}}{{\partial {name}}}")
                values.append(rf"\left[{local}\right]")
                continue
            terms.append(
                rf"\frac{{\partial L}}{{\partial {user.name}}}"
                rf"\frac{{\partial {user.name}}}{{\partial {name}}}"
            )
            values.append(rf"({tex_number(user.grad)})\left[{local}\right]")
    grad = tex_number(graph.nodes[i].grad, 6)
    if len(terms) == 1 and not values[0].startswith("("):  # L's one input: ∂L/∂e = 2e
        formula = graph.nodes[out].formula[graph.nodes[out].inputs.index(i)]
        shown = "" if formula.is_number else f"{course_latex(formula)} = "
        return rf"\frac{{\partial L}}{{\partial {name}}} &= {shown}{grad}"
    return (
        rf"\frac{{\partial L}}{{\partial {name}}} &= {' + '.join(terms)} = "
        rf"{' + '.join(values)} = {grad}"
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
