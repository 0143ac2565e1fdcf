"""Practice drills, reproducible by seed, checked by mathematical equivalence.

>>> x = sp.Symbol("x", real=True)
>>> f = 4*x**3 - 2*x**2 + x - 7
>>> check_derivative(f, 12*x**2 - 4*x + 1, x).correct
True
>>> wrong = check_derivative(f, 12*x**2 + 4*x + 1, x).wrong
>>> [(str(t.term), str(t.expected), str(t.given)) for t in wrong]
[('-2*x**2', '-4*x', '4*x')]
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from mathcore.derivatives import derivative
from mathcore.limits import limit_at

LEVELS = (1, 2, 3)
X = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Drill:
    """A problem: ``expr`` (and the ``point`` for a limit); ``answer`` is the exact solution."""

    kind: str
    expr: sp.Expr
    answer: sp.Expr
    point: sp.Expr | None = None


@dataclass(frozen=True)
class WrongTerm:
    """The derivative of ``term`` should be ``expected``; the answer has ``given`` instead."""

    term: sp.Expr
    expected: sp.Expr
    given: sp.Expr


@dataclass(frozen=True)
class Feedback:
    correct: bool
    wrong: tuple[WrongTerm, ...]


def polynomial_drill(seed: int, level: int) -> Drill:
    """A polynomial to differentiate: level 1 quadratic, 2 cubic, 3 quartic with larger numbers.

    >>> polynomial_drill(7, 1).expr == polynomial_drill(7, 1).expr
    True
    """
    rng = random.Random(f"poly-{seed}-{level}")
    degree, size = {1: (2, 5), 2: (3, 6), 3: (4, 9)}[level]
    coefficients = [rng.randint(-size, size) for _ in range(degree)]
    coefficients.append(rng.choice([c for c in range(-size, size + 1) if c]))  # leading ≠ 0
    expr = sum(c * X**k for k, c in enumerate(coefficients))
    return Drill("derivative", expr, derivative(expr, X))


def limit_drill(seed: int) -> Drill:
    """A 0/0 limit with a clean answer: (x² − a²)/(x − a), sin(kx)/x or (e^(kx) − 1)/x.

    >>> d = limit_drill(3); d.answer == limit_at(d.expr, X, d.point).value
    True
    """
    rng = random.Random(f"limit-{seed}")
    a, k = rng.choice([-3, -2, -1, 1, 2, 3, 4]), rng.choice([2, 3, 4, 5])
    expr, point = rng.choice(
        [
            ((X**2 - a**2) / (X - a), sp.Integer(a)),
            (sp.sin(k * X) / X, sp.Integer(0)),
            ((sp.exp(k * X) - 1) / X, sp.Integer(0)),
        ]
    )
    return Drill("limit", expr, limit_at(expr, X, point).value, point)


def critical_drill(seed: int) -> Drill:
    """Where is the minimum of a x² + b x + c (a > 0)? The answer −b/(2a) is an integer.

    >>> critical_drill(1).answer.is_Integer
    True
    """
    rng = random.Random(f"critical-{seed}")
    a, m, c = rng.randint(1, 3), rng.randint(-4, 4), rng.randint(-5, 5)
    expr = sp.expand(a * (X - m) ** 2 + c)
    return Drill("critical", expr, sp.Integer(m))


def check_derivative(expr: sp.Expr, given: sp.Expr, var: sp.Symbol) -> Feedback:
    """Is ``given`` the derivative of the polynomial ``expr``? If not, which terms are off.

    Any equivalent form counts (``2(6x^2 − 2x) + 1`` is right). A non-polynomial answer that is
    not equivalent is reported against the whole expression."""
    expected = derivative(expr, var)
    if sp.simplify(given - expected) == 0:
        return Feedback(True, ())
    if not given.is_polynomial(var) or not expr.is_polynomial(var):
        return Feedback(False, (WrongTerm(expr, expected, given),))
    want, got = sp.Poly(expected, var), sp.Poly(sp.expand(given), var)
    original = sp.Poly(expr, var)
    wrong = []
    for k in range(max(want.degree(), got.degree(), 0), -1, -1):
        if want.coeff_monomial(var**k) != got.coeff_monomial(var**k):
            source = original.coeff_monomial(var ** (k + 1)) * var ** (k + 1)
            wrong.append(
                WrongTerm(
                    source,
                    want.coeff_monomial(var**k) * var**k,
                    got.coeff_monomial(var**k) * var**k,
                )
            )
    return Feedback(False, tuple(wrong))


def check_value(drill: Drill, given: sp.Expr) -> bool:
    """Is ``given`` the exact answer of a limit or critical-point drill?"""
    return sp.simplify(given - drill.answer) == 0
