"""Practice drills, reproducible by seed, checked by mathematical equivalence.

>>> x = sp.Symbol("x", real=True)
>>> f = 4*x**3 - 2*x**2 + x - 7
>>> check_derivative(f, 12*x**2 - 4*x + 1, x).correct
True
>>> wrong = check_derivative(f, 12*x**2 + 4*x + 1, x).wrong
>>> [(str(t.term), str(t.expected), str(t.given), t.mistake) for t in wrong]
[('-2*x**2', '-4*x', '4*x', 'sign')]
"""

from __future__ import annotations

import itertools
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


MISTAKES = {  # what a student turns the term a·xⁿ into instead of n·a·xⁿ⁻¹: (power, coefficient)
    "kept_constant": lambda n, a: (0, a) if n == 0 else None,  # a stays (its derivative is 0)
    "not_derived": lambda n, a: (n, a),  # a·xⁿ copied as it is
    "exponent_kept": lambda n, a: (n, n * a),  # the power brought down, the exponent not lowered
    "coefficient_kept": lambda n, a: (n - 1, a),  # the exponent lowered, not brought down
    "sign": lambda n, a: (n - 1, -n * a),
    "dropped": lambda n, a: (None, 0),  # the term is missing from the answer
}
MAX_MISTAKES = 5  # a quartic has 5 terms: every term can carry a named mistake


@dataclass(frozen=True)
class WrongTerm:
    """The derivative of ``term`` should be ``expected``; the answer has ``given`` instead.

    ``mistake`` names what went wrong: one of ``MISTAKES``, ``"wrong"`` (the coefficient of that
    power is off, for no reason we recognise) or ``"extra"`` (``term`` is 0: no term of f gives
    ``given``)."""

    term: sp.Expr
    expected: sp.Expr
    given: sp.Expr
    mistake: str = "wrong"


@dataclass(frozen=True)
class Feedback:
    """``correct``, or the terms of f whose derivative the answer gets ``wrong``."""

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
    """Is ``given`` the derivative of the polynomial ``expr``? If not, which mistake, on which term.

    Any equivalent form counts (``2(6x^2 − 2x) + 1`` is right). A wrong polynomial answer is
    explained, if it can be, as the fewest of the common mistakes in ``MISTAKES``,
    each on one term of f; otherwise the coefficients are compared power by power. A
    non-polynomial answer that is not equivalent is reported against the whole expression.

    Parameters
    ----------
    expr : the polynomial f
    given : the student's answer
    var : the variable

    Returns
    -------
    Feedback : ``correct``, or a ``WrongTerm`` per mistake (highest power of f first)

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> f = 4*x**3 - 2*x**2 + x - 7
    >>> check_derivative(f, 12*x**2 - 4*x + 1 - 7, x).wrong
    (WrongTerm(term=-7, expected=0, given=-7, mistake='kept_constant'),)
    >>> [(t.term, t.mistake) for t in check_derivative(f, 12*x**2 - 2*x + 1, x).wrong]
    [(-2*x**2, 'coefficient_kept')]
    """
    expected = derivative(expr, var)
    if sp.simplify(given - expected) == 0:
        return Feedback(True, ())
    if not given.is_polynomial(var) or not expr.is_polynomial(var):
        return Feedback(False, (WrongTerm(expr, expected, given),))
    got = _coefficients(sp.expand(given), var)
    terms = [(n, a) for n, a in sorted(_coefficients(expr, var).items(), reverse=True)]
    found = _named_mistakes(terms, got, var)
    if found is None:
        found = _power_by_power(terms, got, var)
    return Feedback(False, found)


def _coefficients(poly: sp.Expr, var: sp.Symbol) -> dict[int, sp.Expr]:
    """{n: a} for the terms a·xⁿ of ``poly`` with a ≠ 0."""
    return {k: a for (k,), a in sp.Poly(poly, var).as_dict().items() if a != 0}


def _variants(n: int, a: sp.Expr) -> list[tuple[str, int | None, sp.Expr]]:
    """What each mistake turns a·xⁿ into, as (mistake, power, coefficient); the derivative
    n·a·xⁿ⁻¹ first. A mistake that gives the right derivative, or the same result as an earlier
    one (for n = 1 an unlowered exponent is a copied term), is left out."""
    right = _nonzero(n - 1, n * a)
    variants, seen = [("right", *right)], {right}
    for mistake, turn in MISTAKES.items():
        result = turn(n, a)
        if result is None or (result[0] or 0) < 0:
            continue
        result = _nonzero(*result)
        if result not in seen:
            seen.add(result)
            variants.append((mistake, *result))
    return variants


def _nonzero(power: int | None, coefficient: sp.Expr) -> tuple[int | None, sp.Expr]:
    """A monomial as (power, coefficient), with every zero written (None, 0)."""
    return (power, coefficient) if coefficient != 0 else (None, sp.Integer(0))


def _named_mistakes(terms, got: dict[int, sp.Expr], var: sp.Symbol):
    """The fewest named mistakes that turn f' into the answer, or ``None``. Between equally
    short explanations the likelier mistakes (earlier in ``MISTAKES``) win: a constant 2 where
    f' has −2 from −2x, with f's constant 4, is the 4 kept rather than the sign of −2x."""
    options = [_variants(n, a) for n, a in terms]
    for count in range(1, min(MAX_MISTAKES, len(terms)) + 1):
        found = []
        for wrong_terms in itertools.combinations(range(len(terms)), count):
            for picked in itertools.product(*(options[i][1:] for i in wrong_terms)):
                chosen = dict(zip(wrong_terms, picked, strict=True))
                total: dict[int, sp.Expr] = {}
                for i, variants in enumerate(options):
                    _, power, coefficient = chosen.get(i, variants[0])
                    if power is not None:
                        total[power] = total.get(power, 0) + coefficient
                if {k: c for k, c in total.items() if c != 0} == got:
                    found.append(chosen)
        if found:
            order = list(MISTAKES)
            best = min(found, key=lambda c: sorted(order.index(v[0]) for v in c.values()))
            return tuple(_wrong_term(terms[i], options[i][0], v, var) for i, v in best.items())
    return None


def _wrong_term(term, right, variant, var: sp.Symbol) -> WrongTerm:
    """The mistake ``variant`` made on ``term`` = (n, a), whose derivative is ``right``."""
    n, a = term
    return WrongTerm(
        a * var**n, _monomial(*right[1:], var), _monomial(*variant[1:], var), variant[0]
    )


def _monomial(power: int | None, coefficient: sp.Expr, var: sp.Symbol) -> sp.Expr:
    return sp.Integer(0) if power is None else coefficient * var**power


def _power_by_power(terms, got: dict[int, sp.Expr], var: sp.Symbol) -> tuple[WrongTerm, ...]:
    """Each power whose coefficient is off, blamed on the term of f whose derivative has it."""
    original = dict(terms)
    want = {n - 1: n * a for n, a in terms if n}
    wrong = []
    for k in sorted(set(want) | set(got), reverse=True):
        if want.get(k, 0) != got.get(k, 0):
            source = original.get(k + 1, 0) * var ** (k + 1)
            wrong.append(
                WrongTerm(
                    source,
                    want.get(k, 0) * var**k,
                    got.get(k, 0) * var**k,
                    "wrong" if source != 0 else "extra",
                )
            )
    return tuple(wrong)


def check_value(drill: Drill, given: sp.Expr) -> bool:
    """Is ``given`` the exact answer of a limit or critical-point drill?"""
    return sp.simplify(given - drill.answer) == 0
