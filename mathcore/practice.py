"""Practice drills, reproducible by seed; answers read in the forms students write, checked by
mathematical equivalence, and worked solutions built from the engine's own steps.

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
import re
from dataclasses import dataclass

import sympy as sp

from mathcore.derivatives import derivative
from mathcore.diffsteps import DerivativeStep, derivative_steps
from mathcore.errors import InputError
from mathcore.extrema import critical_points
from mathcore.limits import limit_at
from mathcore.parsing import left_side_end, parse_expression, parse_point

LEVELS = (1, 2, 3)
X = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Drill:
    """A problem: ``expr`` (and the ``point`` for a limit); ``answer`` is the exact solution."""

    kind: str
    expr: sp.Expr
    answer: sp.Expr | None  # ``None``: the limit does not exist
    point: sp.Expr | None = None
    side: str = "both"  # a one-sided limit's side ("left", "right")
    params: tuple = ()  # the numbers of a gradient drill: (x, y, w) or (x, y, w, η)
    topic: str = ""  # which rule or function a drill is about (``mathcore.drills``)

    @property
    def key(self) -> str:
        """Names the problem, whatever seed or level produced it (one score per problem)."""
        key = f"{self.kind}:{sp.srepr(self.expr)}@{sp.srepr(self.point)}"
        extra = (self.side, self.params, self.topic)
        return key if extra == ("both", (), "") else f"{key}|{extra}"


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


def limit_drill(seed: int, level: int = 1) -> Drill:
    """A 0/0 limit with a clean answer, harder with the level.

    Level 1: (x² − a²)/(x − a), sin(kx)/x or (e^(kx) − 1)/x; level 2: (x − a)(x − b)/(x − a)
    multiplied out, sin(kx)/(mx) or (e^(kx) − 1)/(mx) (a fraction for an answer); level 3:
    (x³ − a³)/(x − a), (x³ − a³)/(x² − a²), or a standard limit with larger numbers.

    >>> d = limit_drill(3); d.answer == limit_at(d.expr, X, d.point).value
    True
    >>> d = limit_drill(3, 3); d.answer == limit_at(d.expr, X, d.point).value
    True
    """
    rng = random.Random(f"limit-{seed}" if level == 1 else f"limit-{seed}-{level}")
    a, k = rng.choice([-3, -2, -1, 1, 2, 3, 4]), rng.choice([2, 3, 4, 5])
    if level == 1:
        m, fractions = 1, [((X**2 - a**2) / (X - a), sp.Integer(a))]
    elif level == 2:
        b = rng.choice([c for c in range(-4, 5) if c not in (a, -a)])  # −a: level 1's form
        m = rng.choice([c for c in (2, 3, 4) if c != k])
        fractions = [(sp.expand((X - a) * (X - b)) / (X - a), sp.Integer(a))]
    else:
        k, m = rng.choice([6, 7, 8, 9]), rng.choice([2, 3, 4, 5])
        fractions = [
            ((X**3 - a**3) / (X - a), sp.Integer(a)),
            ((X**3 - a**3) / (X**2 - a**2), sp.Integer(a)),
        ]
    expr, point = rng.choice(
        [
            *fractions,
            (sp.sin(k * X) / (m * X), sp.Integer(0)),
            ((sp.exp(k * X) - 1) / (m * X), sp.Integer(0)),
        ]
    )
    return Drill("limit", expr, limit_at(expr, X, point).value, point)


def critical_drill(seed: int, level: int = 1) -> Drill:
    """Where is the minimum of a x² + b x + c (a > 0)? The answer −b/(2a) is an integer at level
    1, a half at level 2 (x² − 3x: 3/2), any fraction at level 3 (3x² − 4x: 2/3).

    >>> critical_drill(1).answer.is_Integer, critical_drill(1, 2).answer.q
    (True, 2)
    """
    if level == 1:
        rng = random.Random(f"critical-{seed}")
        a, m, c = rng.randint(1, 3), rng.randint(-4, 4), rng.randint(-5, 5)
        return Drill("critical", sp.expand(a * (X - m) ** 2 + c), sp.Integer(m))
    rng = random.Random(f"critical-{seed}-{level}")
    a = 1 if level == 2 else rng.randint(2, 5)
    b = rng.choice([b for b in range(-12, 13) if b % (2 * a)])  # −b/(2a) is not an integer
    c = rng.randint(-5, 5)
    return Drill("critical", a * X**2 + b * X + c, sp.Rational(-b, 2 * a))


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


# What a student may write before the answer ("f'(x) = …", "x = …"), per drill; longest first.
ANSWER_PREFIXES = {
    "derivative": ("f'(x)", "f′(x)", "dy/dx", "df/dx", "f'", "f′", "y'", "y′", "y"),
    "limit": ("lim", "L", "y"),
    "critical": ("x",),
    "gradient": ("dL/dw", "L'(w)", "L′(w)", "L'", "L′", "g"),  # mathcore.drills' numbers
    "descent_step": ("w_1", "w1", "w"),
}
# "The limit does not exist", as typed: lower case, without spaces or a final full stop.
NO_LIMIT = frozenset(
    {"dne", "doesnotexist", "doesn'texist", "doesn’texist", "nolimit", "none"}
    | {"없음", "없다", "존재하지않음", "존재하지않는다", "존재안함", "극한없음", "극한이없음"}
)
INFINITY = {"infinity": sp.oo, "+infinity": sp.oo, "-infinity": -sp.oo, "무한대": sp.oo}
INFINITY["-무한대"] = -sp.oo
_BARE_EQUALS = re.compile(r"(?<![<>=!])=(?!=)")


@dataclass(frozen=True)
class Answer:
    """A student's answer, read: ``value`` is f′, a number or ±oo, or ``None`` for "the limit
    does not exist"; ``y`` is the second coordinate when a point (x, y) was typed."""

    value: sp.Expr | None
    y: sp.Expr | None = None


def read_answer(text: str, kind: str) -> Answer:
    """Read what a student typed on a ``kind`` drill, in the forms students write.

    A leading ``f'(x) =`` (derivative), ``x =`` (critical point) or ``y =`` is dropped; a point
    ``(a, b)`` answers a critical-point drill; ``DNE``, ``does not exist``, ``없음`` say that a
    limit does not exist and ``oo``, ``∞`` that it is infinite. Error positions count in ``text``.

    Raises
    ------
    InputError
        The parser's own errors, or code ``answer_form`` (``params["kind"]`` is ``kind``) when
        the answer has a form the drill does not expect: the page says which form it wants.

    Examples
    --------
    >>> read_answer("f'(x) = 12x^2 - 12x", "derivative")
    Answer(value=12*x**2 - 12*x, y=None)
    >>> read_answer("(2, -1)", "critical"), read_answer("Does not exist.", "limit")
    (Answer(value=2, y=-1), Answer(value=None, y=None))
    >>> read_answer("x = 2", "limit")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: expected a number on a limit drill
    """
    words = re.sub(r"\s+", "", text).lower().rstrip(".")
    if words in NO_LIMIT:
        if kind == "limit":
            return Answer(None)
        raise _form(kind)
    if kind == "limit" and words in INFINITY:
        return Answer(INFINITY[words])
    start, _ = left_side_end(text, ANSWER_PREFIXES[kind])
    body = " " * start + text[start:]  # padded: positions still count in ``text``
    if not body.strip():
        raise _form(kind, len(text))
    equals = _BARE_EQUALS.search(body)
    if equals:
        raise _form(kind, equals.start())
    point = _point(body)
    if point is not None:
        if kind != "critical":
            raise _form(kind, point[1])
        x, y = point[0]
        return Answer(_number(x, kind), _number(y, kind))
    if kind == "derivative":
        return Answer(parse_expression(body))
    return Answer(_number(body, kind))


def _form(kind: str, position: int | None = None) -> InputError:
    wanted = "an expression in x" if kind == "derivative" else "a number"
    return InputError(
        "answer_form", f"expected {wanted} on a {kind} drill", {"kind": kind}, position
    )


def _point(body: str) -> tuple[tuple[str, str], int] | None:
    """``((x_text, y_text), comma)`` when ``body`` is ``(x, y)`` or ``x, y``; parts padded so
    positions still count in ``body``. ``None`` when it has no comma outside brackets."""
    stripped = body.strip()
    lead = len(body) - len(body.lstrip())
    inner = lead, lead + len(stripped)
    if stripped.startswith("(") and _closing(stripped) == len(stripped) - 1:
        inner = lead + 1, lead + len(stripped) - 1
    depth, commas = 0, []
    for i in range(*inner):
        ch = body[i]
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth == 0:
            commas.append(i)
    if not commas:
        return None
    comma = commas[0]
    if len(commas) > 1:
        raise InputError(
            "answer_form", "a point has two coordinates", {"kind": "critical"}, commas[1]
        )
    x = " " * inner[0] + body[inner[0] : comma]
    y = " " * (comma + 1) + body[comma + 1 : inner[1]]
    return (x, y), comma


def _closing(text: str) -> int | None:
    """The index of the bracket that closes ``text[0]``."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if depth == 0:
            return i
    return None


def _number(body: str, kind: str) -> sp.Expr:
    """``parse_point(body)``; an x (or any variable) where a number belongs is a form error."""
    if not body.strip():
        raise _form(kind, len(body))
    try:
        return parse_point(body)
    except InputError as err:
        if err.code == "unknown_name" and err.params.get("name") in ("x", "y"):
            raise _form(kind, err.position) from err
        raise


@dataclass(frozen=True)
class Verdict:
    """``correct``; else ``hint``, the drill's own advice (a name the page translates), with
    ``wrong`` the mistakes on a derivative and ``value`` a number the hint quotes."""

    correct: bool
    hint: str = ""
    wrong: tuple[WrongTerm, ...] = ()
    value: sp.Expr | None = None


def check_answer(drill: Drill, answer: Answer) -> Verdict:
    """Is ``answer`` right for ``drill``, and if not, what should the student look at?

    Hints: a derivative names its wrong terms; a limit says ``zero_over_zero`` (simplify first),
    ``exists`` (it was called non-existent or infinite) or ``approach``; a critical point says
    ``derivative_zero``, ``min_value`` (the minimum's value, not its x) or ``wrong_y`` (x is
    right, ``value`` = f(x) is the y of the point).

    >>> drill = critical_drill(1)
    >>> check_answer(drill, Answer(drill.answer)).correct
    True
    >>> check_answer(drill, Answer(drill.expr.subs(X, drill.answer))).hint
    'min_value'
    """
    if drill.kind == "derivative":
        feedback = check_derivative(drill.expr, answer.value, X)
        return Verdict(feedback.correct, "" if feedback.correct else "terms", feedback.wrong)
    if drill.kind == "limit":
        return _check_limit(drill, answer.value)
    lowest = drill.expr.subs(X, drill.answer)
    if not _same(answer.value, drill.answer):
        hint = "min_value" if _same(answer.value, lowest) else "derivative_zero"
        return Verdict(False, hint)
    if answer.y is not None and not _same(answer.y, lowest):
        return Verdict(False, "wrong_y", value=lowest)
    return Verdict(True)


def _check_limit(drill: Drill, given: sp.Expr | None) -> Verdict:
    given = _expr(given)
    expected = _expr(drill.answer)
    if given is None or expected is None or given.is_infinite or expected.is_infinite:
        if given == expected:
            return Verdict(True)
        if expected is not None and expected.is_finite:
            return Verdict(False, "exists")
        return Verdict(False, "approach")
    if _same(given, expected):
        return Verdict(True)
    numerator, denominator = sp.fraction(sp.together(drill.expr))
    at = {X: drill.point}
    zero_over_zero = numerator.subs(at) == 0 and denominator.subs(at) == 0
    return Verdict(False, "zero_over_zero" if zero_over_zero else "approach")


def _expr(value: sp.Expr | int | None) -> sp.Expr | None:
    """A Python ``int`` (a drill or answer written by hand) as a SymPy integer."""
    return sp.Integer(value) if isinstance(value, int) else value


def _same(given: sp.Expr | None, expected: sp.Expr | None) -> bool:
    given, expected = _expr(given), _expr(expected)
    if given is None or expected is None or given.is_infinite or expected.is_infinite:
        return given == expected
    return sp.simplify(given - expected) == 0


@dataclass(frozen=True)
class LimitSolution:
    """How a drill's 0/0 limit is found.

    ``rule`` ``"cancel"``: ``expr`` = ``numerator`` (factored) / ``denominator`` = ``simpler``
    for x ≠ ``point``, then substitute. ``"sin"``, ``"exp"``: with u = ``inner`` = k·x,
    ``expr`` = ``scale`` · ``simpler`` (sin u / u or (eᵘ − 1)/u, in x), whose limit is 1.
    """

    rule: str
    expr: sp.Expr
    point: sp.Expr
    simpler: sp.Expr
    answer: sp.Expr
    numerator: sp.Expr | None = None
    denominator: sp.Expr | None = None
    scale: sp.Expr | None = None
    inner: sp.Expr | None = None


def limit_solution(drill: Drill) -> LimitSolution:
    """The worked solution of a limit drill: factor and cancel, or a standard limit.

    >>> s = limit_solution(Drill("limit", (X**2 - 4) / (X - 2), 4, sp.Integer(2)))
    >>> s.rule, s.numerator, s.simpler, s.answer
    ('cancel', (x - 2)*(x + 2), x + 2, 4)
    >>> s = limit_solution(Drill("limit", sp.sin(3 * X) / X, 3, sp.Integer(0)))
    >>> s.rule, s.scale, s.inner, s.answer
    ('sin', 3, 3*x, 3)
    """
    expr, point = drill.expr, drill.point
    for rule, pattern in (("sin", sp.sin), ("exp", sp.exp)):
        inner = next((f.args[0] for f in expr.atoms(pattern)), None)
        if inner is None:
            continue
        standard = sp.sin(inner) / inner if rule == "sin" else (sp.exp(inner) - 1) / inner
        scale = sp.simplify(expr / standard)  # sin(6x)/(4x) = 3/2 · sin(6x)/(6x)
        if point != 0 or scale.has(X):
            break
        return LimitSolution(rule, expr, point, standard, answer=scale, scale=scale, inner=inner)
    numerator, denominator = sp.fraction(sp.together(expr))
    simpler = sp.cancel(expr)
    if simpler == expr or not sp.fraction(simpler)[1].subs(X, point):
        raise NotImplementedError("only a fraction that cancels or sin(kx)/x, (e^(kx) − 1)/x")
    return LimitSolution(
        "cancel",
        expr,
        point,
        simpler,
        simpler.subs(X, point),
        numerator=sp.factor(numerator),
        denominator=sp.factor(denominator),  # x² − 4 as (x − 2)(x + 2): the factor to cancel
    )


@dataclass(frozen=True)
class CriticalSolution:
    """f′(x) = ``derivative`` = 0 at ``x``; f″(x) = ``second`` > 0 there: a minimum, of value
    f(x) = ``y``."""

    expr: sp.Expr
    derivative: sp.Expr
    x: sp.Expr
    second: sp.Expr
    y: sp.Expr


def critical_solution(drill: Drill) -> CriticalSolution:
    """f′(x) = 0 solved, then the second-derivative test, from the engine's critical points.

    >>> s = critical_solution(Drill("critical", X**2 - 4*X + 1, 2))
    >>> s.derivative, s.x, s.second, s.y
    (2*x - 4, 2, 2, -3)
    """
    first = derivative(drill.expr, X)
    minima = [p for p in critical_points(drill.expr, X) if p.kind == "local_min"]
    if len(minima) != 1 or not minima[0].stationary:
        raise NotImplementedError("only a function with one stationary minimum")
    x = minima[0].x
    return CriticalSolution(
        drill.expr, first, x, derivative(first, X).subs(X, x), drill.expr.subs(X, x)
    )


SOLUTIONS = {  # the worked solution of each kind of drill
    "derivative": lambda drill: derivative_steps(drill.expr, X),
    "limit": limit_solution,
    "critical": critical_solution,
}


def solution(drill: Drill) -> DerivativeStep | LimitSolution | CriticalSolution:
    """The worked solution of any drill (picklable: safe to call through ``run_bounded``)."""
    return SOLUTIONS[drill.kind](drill)
