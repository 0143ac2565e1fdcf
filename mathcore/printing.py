r"""LaTeX for the formulas students see: SymPy's printer with the notation of a calculus course.

Natural logs print as ``\ln``; the real roots that :func:`mathcore.parse_expression` builds
(``sign(u)*Abs(u)**(1/3)`` for ``x^(1/3)``) print as roots again; piecewise functions as
``cases`` with "if"/"otherwise"; ``Max``/``Min`` as ``\max``/``\min``.

>>> x = sp.Symbol("x", real=True)
>>> latex(sp.log(x) + sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3))
'\\ln{\\left(x \\right)} + \\sqrt[3]{x}'
"""

from __future__ import annotations

import contextlib

import sympy as sp
from sympy.printing.latex import LatexPrinter


class _RealRoot(sp.Function):
    """Placeholder for the real root ``(u**p)**(1/q)`` of odd ``q`` (printing only)."""

    nargs = 2

    def _latex(self, printer: LatexPrinter) -> str:
        u, r = self.args
        inner = u if r.p == 1 else sp.Pow(u, r.p, evaluate=False)
        return rf"\sqrt[{r.q}]{{{printer._print(inner)}}}"


def _odd_root(exponent: sp.Expr) -> bool:
    return bool(exponent.is_Rational and exponent.q % 2 == 1 and exponent.q > 1)


def _root(u: sp.Expr, exponent: sp.Rational) -> sp.Expr:
    root = _RealRoot(u, abs(exponent))
    return root if exponent > 0 else sp.Pow(root, -1, evaluate=False)


def _with_roots(expr: sp.Basic) -> sp.Basic:
    """``sign(u)*|u|^(p/q)`` (p odd) and ``|u|^(p/q)`` (p even), q odd, as :class:`_RealRoot`."""

    def is_abs_power(e: sp.Basic, parity: int) -> bool:
        return (
            isinstance(e, sp.Pow)
            and isinstance(e.base, sp.Abs)
            and _odd_root(e.exp)
            and e.exp.p % 2 == parity
        )

    def rewrite(e: sp.Basic) -> sp.Basic:
        if is_abs_power(e, 0):
            return _root(e.base.args[0], e.exp)
        if not isinstance(e, sp.Mul):
            return e
        factors = list(e.args)
        for f in e.args:
            if is_abs_power(f, 1) and sp.sign(f.base.args[0]) in factors:
                factors.remove(f)
                factors.remove(sp.sign(f.base.args[0]))
                factors.append(_root(f.base.args[0], f.exp))
        return sp.Mul(*factors, evaluate=False) if len(factors) != len(e.args) else e

    return expr.replace(lambda e: isinstance(e, (sp.Pow, sp.Mul)), rewrite)


WHEN = r"\text{if } {condition}"  # a piece's condition; the UI passes its language's words
OTHERWISE = r"\text{otherwise}"
GEQ = r"\geq"
JOINS = (r" \text{ or } ", r" \text{ and } ")  # how conditions join, in the reader's language


class CoursePrinter(LatexPrinter):
    r"""SymPy's :class:`~sympy.printing.latex.LatexPrinter` with ``\ln``, readable cases and
    conditions, and no ``-0``."""

    def __init__(
        self,
        settings: dict | None = None,
        when: str = WHEN,
        otherwise: str = OTHERWISE,
        joins: tuple[str, str] = JOINS,
    ) -> None:
        super().__init__({"ln_notation": True, "inv_trig_style": "full", **(settings or {})})
        self.when, self.otherwise = when, otherwise
        self.or_word, self.and_word = joins

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        rows: list[tuple[sp.Expr, sp.Basic]] = []
        for value, condition in expr.args:  # neighbours with one value are one piece
            if rows and rows[-1][0] == value and rows[-1][1] is not sp.true:
                condition = sp.true if condition is sp.true else sp.Or(rows[-1][1], condition)
                rows[-1] = (value, condition)
            else:
                rows.append((value, condition))
        lines = []
        for value, condition in rows:
            when = (
                self.otherwise
                if condition is sp.true
                else self.when.replace("{condition}", self._condition(condition))
            )
            lines.append(f"{self._print(value)} & {when}")
        return r"\begin{cases} " + r" \\ ".join(lines) + r" \end{cases}"

    def _condition(self, condition: sp.Basic) -> str:
        """A piece's condition as a student writes it: ``x \\neq 0``, ``0 < x < 1``,
        ``x < 0`` or ``x > 1``, ``x \\notin \\mathbb{Z}`` — never ``∨``/``∧``."""
        symbols = condition.free_symbols
        if len(symbols) == 1:
            (x,) = symbols
            if condition in (sp.Ne(x, sp.floor(x)), sp.Ne(x, sp.ceiling(x))):
                return rf"{self._print(x)} \notin \mathbb{{Z}}"
            solution = None
            if _polynomial_relations(condition, x):  # as_set is slow on cos(x) < x and the like
                with contextlib.suppress(NotImplementedError, TypeError, ValueError):
                    solution = condition.as_set()
            if solution is not None and not isinstance(solution, sp.ConditionSet):
                words = self._set_condition(x, solution)
                if words:
                    return words
        return self._print(condition)

    def _set_condition(self, x: sp.Symbol, solution: sp.Set) -> str | None:
        var = self._print(x)
        missing = sp.Complement(sp.Reals, solution)
        if isinstance(missing, sp.FiniteSet) and 0 < len(missing) <= 3:
            points = ", ".join(self._print(p) for p in sorted(missing, key=float))
            return rf"{var} \neq {points}"
        parts = solution.args if isinstance(solution, sp.Union) else (solution,)
        printed = []
        for part in parts:
            if isinstance(part, sp.FiniteSet) and len(part) == 1:
                printed.append(rf"{var} = {self._print(next(iter(part)))}")
            elif isinstance(part, sp.Interval):
                printed.append(self._interval(var, part))
            else:
                return None
        return self.or_word.join(printed)

    def _interval(self, var: str, part: sp.Interval) -> str:
        low = None if part.start is sp.S.NegativeInfinity else part.start
        high = None if part.end is sp.S.Infinity else part.end
        low_op = "<" if part.left_open else r"\leq"
        high_op = "<" if part.right_open else r"\leq"
        if low is None and high is None:
            return rf"{var} \in \mathbb{{R}}"
        if low is None:
            return f"{var} {high_op} {self._print(high)}"
        if high is None:
            return f"{var} {'>' if part.left_open else GEQ} {self._print(low)}"
        return f"{self._print(low)} {low_op} {var} {high_op} {self._print(high)}"

    def _print_And(self, expr: sp.And) -> str:
        chain = _chain(expr)
        if chain:
            return chain(self)
        return self.and_word.join(self._print(a) for a in expr.args)

    def _print_Or(self, expr: sp.Or) -> str:
        return self.or_word.join(self._print(a) for a in expr.args)

    def _print_Float(self, expr: sp.Float) -> str:
        return "0" if expr.is_zero else super()._print_Float(expr)

    def _print_Max(self, expr: sp.Max, exp: str | None = None) -> str:
        return self._extremum(r"\max", expr, exp)

    def _print_Min(self, expr: sp.Min, exp: str | None = None) -> str:
        return self._extremum(r"\min", expr, exp)

    def _extremum(self, name: str, expr: sp.Expr, exp: str | None) -> str:
        args = ", ".join(self._print(a) for a in expr.args)
        tex = rf"{name}\left({args}\right)"
        return f"{tex}^{{{exp}}}" if exp else tex


_LOWER = {sp.StrictGreaterThan: "<", sp.GreaterThan: r"\leq"}  # x > a  is  a < x
_UPPER = {sp.StrictLessThan: "<", sp.LessThan: r"\leq"}  # x < b


def _chain(expr: sp.And):
    """``a < x`` and ``x < b`` as the chain ``a < x < b``, else ``None``."""
    if len(expr.args) != 2:
        return None
    bounds: dict[str, tuple[str, sp.Expr, sp.Expr]] = {}
    for rel in expr.args:
        kind = type(rel)
        if kind in _LOWER and not rel.rhs.free_symbols:
            bounds["lower"] = (_LOWER[kind], rel.rhs, rel.lhs)
        elif kind in _UPPER and not rel.rhs.free_symbols:
            bounds["upper"] = (_UPPER[kind], rel.rhs, rel.lhs)
        elif kind in _UPPER and not rel.lhs.free_symbols:  # a < x
            bounds["lower"] = (_UPPER[kind], rel.lhs, rel.rhs)
        elif kind in _LOWER and not rel.lhs.free_symbols:  # b > x
            bounds["upper"] = (_LOWER[kind], rel.lhs, rel.rhs)
    if len(bounds) != 2 or bounds["lower"][2] != bounds["upper"][2]:
        return None
    (low_op, low, middle), (high_op, high, _) = bounds["lower"], bounds["upper"]
    return lambda p: f"{p._print(low)} {low_op} {p._print(middle)} {high_op} {p._print(high)}"


def _polynomial_relations(condition: sp.Basic, x: sp.Symbol) -> bool:
    """Every comparison in ``condition`` is between polynomials in ``x`` of degree at most 2."""
    relations = condition.atoms(sp.core.relational.Relational)
    return bool(relations) and all(
        (r.lhs - r.rhs).is_polynomial(x) and sp.degree(r.lhs - r.rhs, x) <= 2 for r in relations
    )


def latex(
    expr: sp.Basic, when: str = WHEN, otherwise: str = OTHERWISE, joins: tuple[str, str] = JOINS
) -> str:
    r"""LaTeX for ``expr`` in the course's notation.

    Parameters
    ----------
    expr : a SymPy expression, e.g. from :func:`mathcore.parse_expression`.
    when, otherwise : how a piece's condition reads (``{condition}`` stands for it) and the
        last piece's "otherwise", in the reader's language (Korean puts the condition first).
    joins : the words "or" and "and" between conditions, as LaTeX.

    Returns
    -------
    The LaTeX source, without ``$`` delimiters.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> print(latex(sp.log(x)))
    \ln{\left(x \right)}
    >>> print(latex(sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)))
    \sqrt[3]{x}
    >>> print(latex(sp.sign(x) * sp.Abs(x) ** sp.Rational(5, 3)))
    \sqrt[3]{x^{5}}
    >>> print(latex(sp.Abs(x - 1) ** sp.Rational(2, 3)))
    \sqrt[3]{\left(x - 1\right)^{2}}
    >>> print(latex(sp.sign(x) * sp.Abs(x) ** sp.Rational(-1, 3)))
    \frac{1}{\sqrt[3]{x}}
    >>> print(latex(x ** -2))
    \frac{1}{x^{2}}
    >>> print(latex(sp.Piecewise((x**2, sp.Ne(x, 0)), (1, True))))
    \begin{cases} x^{2} & \text{if } x \neq 0 \\ 1 & \text{otherwise} \end{cases}
    >>> korean = ("{condition} \\text{일 때}", "\\text{그 외}")
    >>> print(latex(sp.Piecewise((x, x > 0), (0, True)), *korean))
    \begin{cases} x & x > 0 \text{일 때} \\ 0 & \text{그 외} \end{cases}
    >>> print(latex(sp.asin(x)))
    \arcsin{\left(x \right)}
    >>> print(latex(sp.Piecewise((x, (x > 0) & (x < 1)))))
    \begin{cases} x & \text{if } 0 < x < 1 \end{cases}
    >>> print(latex(sp.Max(0, x) - sp.Min(x, 1)))
    \max\left(0, x\right) - \min\left(1, x\right)
    >>> print(latex(sp.Float(-0.0) * x + 1))
    1
    >>> print(latex(sp.Piecewise((0, x > 0), (0, x < 0))))
    \begin{cases} 0 & \text{if } x \neq 0 \end{cases}
    >>> print(latex(sp.Piecewise((1, (x > 0) & (x < 1)), (2 * x, (x > 1) | (x < 0)))))
    \begin{cases} 1 & \text{if } 0 < x < 1 \\ 2 x & \text{if } x < 0 \text{ or } x > 1 \end{cases}
    """
    return CoursePrinter(when=when, otherwise=otherwise, joins=joins).doprint(_with_roots(expr))
