"""Step-by-step derivatives as a tree of named rules (after SymPy Gamma's ``diffsteps``).

Each node says which rule applies to ``expr`` and what it gives; a chain-rule node names the inner
function ``u``. The root's ``result`` is :func:`mathcore.derivative` of the whole expression.
Printing is separate (``ui.steps``), so the same tree renders in Korean or English.

>>> x = sp.Symbol("x", real=True)
>>> tree = derivative_steps(sp.sin(x**2), x)
>>> tree.rule, tree.inner, [s.rule for s in tree.substeps], tree.result
('chain', x**2, ['trig', 'power'], 2*x*cos(x**2))
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from mathcore.derivatives import derivative

RULES = (
    "constant",
    "variable",
    "power",
    "constant_multiple",
    "sum",
    "product",
    "quotient",
    "chain",
    "exp",
    "log",
    "trig",
    "inverse_trig",
    "hyperbolic",
    "abs",
    "piecewise",
    "rewrite",
)
U = sp.Symbol("u", real=True)
_ATOMIC = {
    sp.exp: "exp",
    sp.log: "log",
    sp.sin: "trig",
    sp.cos: "trig",
    sp.tan: "trig",
    sp.cot: "trig",
    sp.sec: "trig",
    sp.csc: "trig",
    sp.asin: "inverse_trig",
    sp.acos: "inverse_trig",
    sp.atan: "inverse_trig",
    sp.sinh: "hyperbolic",
    sp.cosh: "hyperbolic",
    sp.tanh: "hyperbolic",
    sp.Abs: "abs",
    sp.sign: "piecewise",
    sp.floor: "piecewise",
    sp.ceiling: "piecewise",
}


@dataclass(frozen=True)
class DerivativeStep:
    """d/d``var`` of ``expr`` is ``result`` by ``rule``.

    ``inner``: for ``chain`` the inner function u (the outer step is written in ``U``); for
    ``constant_multiple`` the constant; for ``rewrite`` the rewritten expression.
    ``unsimplified``: on the root, what the rules gave before simplification to ``result``.
    """

    rule: str
    expr: sp.Expr
    result: sp.Expr
    var: sp.Symbol
    substeps: tuple[DerivativeStep, ...] = ()
    inner: sp.Expr | None = None
    unsimplified: sp.Expr | None = None


def derivative_steps(
    expr: sp.Expr, var: sp.Symbol, *, result: sp.Expr | None = None
) -> DerivativeStep:
    """The rule tree of d/d``var`` ``expr``; the root's result equals ``derivative(expr, var)``
    (``result``: that derivative, when the caller has it already — it is found once, not again).

    Raises ``NotImplementedError`` for functions without a rule (e.g. ``factorial``).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> tree = derivative_steps(4*x**3 - 2*x**2 + x - 7, x)
    >>> tree.rule, [s.rule for s in tree.substeps], tree.result
    ('sum', ['constant_multiple', 'constant_multiple', 'variable', 'constant'], 12*x**2 - 4*x + 1)
    >>> derivative_steps(x * sp.exp(x), x).rule
    'product'
    """
    result = derivative(expr, var) if result is None else result
    if isinstance(expr, (sp.Max, sp.Min, sp.Piecewise)):  # one step: "by pieces"
        return DerivativeStep("piecewise", expr, result, var, unsimplified=result)
    tree = _steps(expr, var)
    return replace(tree, result=result, unsimplified=tree.result)


def _steps(expr: sp.Expr, var: sp.Symbol) -> DerivativeStep:
    if var not in expr.free_symbols:
        return DerivativeStep("constant", expr, sp.Integer(0), var)
    if expr == var:
        return DerivativeStep("variable", expr, sp.Integer(1), var)
    root = _real_root(expr)
    if root is not None:  # x^(1/3) = sign(x)|x|^(1/3): the power rule, valid for x ≠ 0
        base, exponent = root
        if base == var:
            return DerivativeStep("power", expr, exponent * _real_power(var, exponent - 1), var)
        return _chain(expr, base, _real_power(U, exponent), var)
    if isinstance(expr, sp.Add):
        subs = tuple(_steps(term, var) for term in expr.as_ordered_terms())
        return DerivativeStep("sum", expr, sp.Add(*(s.result for s in subs)), var, subs)
    if isinstance(expr, sp.Mul):
        return _product(expr, var)
    if isinstance(expr, sp.Pow):
        return _power(expr, var)
    if isinstance(expr, (sp.Max, sp.Min, sp.Piecewise)):
        return DerivativeStep("piecewise", expr, derivative(expr, var), var)
    if isinstance(expr, sp.Function) and type(expr) in _ATOMIC and len(expr.args) == 1:
        return _atomic(expr, var, _ATOMIC[type(expr)])
    raise NotImplementedError(f"no differentiation rule for {type(expr).__name__}")


def _real_power(base: sp.Expr, exponent: sp.Rational | int) -> sp.Expr:
    """``base**exponent`` as a real function: for an odd denominator q the real q-th root,
    as :func:`mathcore.parse_expression` builds it.

    >>> x = sp.Symbol("x", real=True)
    >>> _real_power(x, sp.Rational(-2, 3)), _real_power(x, sp.Rational(1, 3)), _real_power(x, 2)
    (Abs(x)**(-2/3), Abs(x)**(1/3)*sign(x), x**2)
    """
    exponent = sp.Rational(exponent)
    if exponent.q % 2 == 0 or exponent.q == 1:
        return base**exponent
    magnitude = sp.Abs(base) ** exponent
    return magnitude if exponent.p % 2 == 0 else sp.sign(base) * magnitude


def _real_root(expr: sp.Expr) -> tuple[sp.Expr, sp.Rational] | None:
    """``(u, p/q)`` if ``expr`` is ``_real_power(u, p/q)`` with q odd and q > 1, else ``None``."""
    if isinstance(expr, sp.Mul) and len(expr.args) == 2:
        sign, power = sorted(expr.args, key=lambda f: not isinstance(f, sp.sign))
        root = _abs_power(power)
        if isinstance(sign, sp.sign) and root and root[0] == sign.args[0] and root[1].p % 2:
            return root
        return None
    root = _abs_power(expr)
    return root if root and root[1].p % 2 == 0 else None


def _abs_power(expr: sp.Expr) -> tuple[sp.Expr, sp.Rational] | None:
    """``(u, p/q)`` if ``expr`` is ``|u|^(p/q)`` with q odd and q > 1."""
    if isinstance(expr, sp.Pow) and isinstance(expr.base, sp.Abs):
        exponent = expr.exp
        if exponent.is_Rational and exponent.q % 2 == 1 and exponent.q > 1:
            return expr.base.args[0], exponent
    return None


def _product(expr: sp.Mul, var: sp.Symbol) -> DerivativeStep:
    constant, rest = expr.as_independent(var, as_Add=False)
    if constant != 1:
        sub = _steps(rest, var)
        return DerivativeStep(
            "constant_multiple", expr, constant * sub.result, var, (sub,), constant
        )
    numer, denom = expr.as_numer_denom()
    if var in denom.free_symbols and var in numer.free_symbols:
        top, bottom = _steps(numer, var), _steps(denom, var)
        result = (top.result * denom - numer * bottom.result) / denom**2
        return DerivativeStep("quotient", expr, result, var, (top, bottom))
    first, *others = expr.as_ordered_factors()
    second = sp.Mul(*others)
    a, b = _steps(first, var), _steps(second, var)
    return DerivativeStep("product", expr, a.result * second + first * b.result, var, (a, b))


def _power(expr: sp.Pow, var: sp.Symbol) -> DerivativeStep:
    base, exponent = expr.as_base_exp()
    if var not in exponent.free_symbols:
        if base == var:
            return DerivativeStep("power", expr, exponent * var ** (exponent - 1), var)
        return _chain(expr, base, U**exponent, var)
    if var not in base.free_symbols:  # a^x
        if exponent == var:
            return DerivativeStep("exp", expr, expr * sp.log(base), var)
        return _chain(expr, exponent, base**U, var)
    rewritten = sp.exp(exponent * sp.log(base), evaluate=False)  # x^x = e^(x ln x)
    sub = _steps(rewritten, var)
    return DerivativeStep("rewrite", expr, sub.result, var, (sub,), rewritten)


def _atomic(expr: sp.Function, var: sp.Symbol, rule: str) -> DerivativeStep:
    (arg,) = expr.args
    if arg == var:
        return DerivativeStep(rule, expr, derivative(expr, var), var)
    return _chain(expr, arg, type(expr)(U), var)


def _chain(expr: sp.Expr, inner: sp.Expr, outer: sp.Expr, var: sp.Symbol) -> DerivativeStep:
    outer_step, inner_step = _steps(outer, U), _steps(inner, var)
    result = outer_step.result.subs(U, inner) * inner_step.result
    return DerivativeStep("chain", expr, result, var, (outer_step, inner_step), inner)
