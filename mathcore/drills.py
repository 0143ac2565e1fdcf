"""More practice drills, each with hints, a next step and a worked solution from the engine's own
steps, in the order a student asks for them (hint → next step → solution).

Kinds (:data:`KINDS`): the three of :mod:`mathcore.practice` (``derivative``, ``limit``,
``critical``) and ``rules`` (product, quotient and chain rule, σ, tanh, softplus), ``relu``
(ReLU's derivative and its corner), ``one_sided`` (one-sided limits and limits at ±∞),
``second_test`` (critical points and the second-derivative test), ``gradient`` (dL/dw of
L(w) = (wx − y)² at a point) and ``descent_step`` (one gradient-descent step by hand). Every
drill is built from (seed, level, kind) alone: the same link gives the same problem.

Sources: the differentiation rules, Stewart, *Calculus*, 8th ed., §3.2–3.4; one-sided limits and
limits at infinity §2.2, §2.6; the second-derivative test §4.3; σ′ = σ(1 − σ), tanh′ = 1 − tanh²,
softplus′ = σ and the gradient-descent update w := w − η·dL/dw: Goodfellow, Bengio and
Courville, *Deep Learning* (2016), §3.10, §4.3, §6.3.

>>> d = drill(1, 1, "gradient"); d.params, d.answer
((1, 3, 2), -2)
>>> [line.key for line in walkthrough(d).hints]
['practice.drills.hint.gradient_chain', 'practice.drills.hint.gradient_substitute']
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

import mpmath
import sympy as sp

from mathcore.derivatives import derivative
from mathcore.diffsteps import DerivativeStep, U, derivative_steps
from mathcore.errors import InputError
from mathcore.extrema import critical_points
from mathcore.limits import limit_at
from mathcore.limitsteps import LimitSteps, limit_steps
from mathcore.practice import (
    NO_LIMIT,
    Answer,
    Drill,
    Verdict,
    X,
    check_answer,
    critical_drill,
    critical_solution,
    limit_drill,
    polynomial_drill,
    read_answer,
)

KINDS = (
    "derivative",
    "rules",
    "relu",
    "limit",
    "one_sided",
    "critical",
    "second_test",
    "gradient",
    "descent_step",
)
W = sp.Symbol("w", real=True)
SIGMA = sp.Function("sigma")  # σ, for showing an answer only (never differentiated)
# A numeric answer (gradient, next w) counts within this of the exact value, relative to
# max(1, |exact|): 2.333 for 7/3, 0.012 for 3/250 are right; the 0.1 % is stated on the page.
TOLERANCE = sp.Rational(1, 1000)
# "Undefined" (f′ at ReLU's corner), as typed: lower case, no spaces, no final full stop.
UNDEFINED = NO_LIMIT | {"undefined", "notdefined", "정의되지않음", "정의안됨", "미정의"}
_READ_AS = {"rules": "derivative", "one_sided": "limit", "second_test": "critical"}


def _sigmoid(u: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-u))


def _softplus(u: sp.Expr) -> sp.Expr:
    return sp.log(1 + sp.exp(u))


def drill(seed: int, level: int, kind: str) -> Drill:
    """The problem of ``kind`` for this ``seed`` and ``level`` (1–3); the three first kinds are
    :mod:`mathcore.practice`'s own drills, unchanged.

    Raises
    ------
    ValueError
        For a ``kind`` not in :data:`KINDS`.

    Examples
    --------
    >>> drill(3, 2, "rules") == drill(3, 2, "rules")
    True
    >>> d = drill(1, 1, "relu"); d.expr, d.answer, d.point
    (Max(0, x + 2), (0, 1, None), -2)
    """
    if kind not in _MAKERS:
        raise ValueError(f"no drill of kind {kind!r}")
    if kind in ("derivative", "limit", "critical"):
        return _MAKERS[kind](int(seed), int(level))
    return _MAKERS[kind](random.Random(f"{kind}-{seed}-{level}"), int(level))


def _rules(rng: random.Random, level: int) -> Drill:
    k, n, a = rng.choice([2, 3, 4]), rng.choice([2, 3]), rng.choice([2, 3, 5])
    b, c = rng.choice([-3, -2, -1, 1, 2, 3]), rng.choice([1, 2, 4])
    pools = {
        1: [
            ("product", X**n * sp.exp(k * X)),
            ("product", X**n * sp.sin(k * X)),
            ("chain", (a * X + b) ** (n + 2)),
            ("chain", sp.sin(X**2 + b)),
        ],
        2: [
            ("sigmoid", _sigmoid(k * X)),
            ("tanh", sp.tanh(k * X)),
            ("softplus", _softplus(k * X)),
            ("quotient", (a * X + b) / (X**2 + c)),
        ],
        3: [
            ("swish", X * _sigmoid(k * X)),  # x·σ(kx): SiLU/swish, product and chain rule
            ("tanh", sp.tanh(a * X**2 + b)),
            ("softplus", _softplus(a * X + b)),
            ("quotient", sp.exp(k * X) / (X**2 + c)),
        ],
    }
    topic, expr = rng.choice(pools[level])
    return Drill("rules", expr, derivative(expr, X), topic=topic)


def _relu(rng: random.Random, level: int) -> Drill:
    c = rng.choice([-3, -2, -1, 1, 2, 3])
    a = 1 if level == 1 else rng.choice([-3, -2, 2, 3])
    m = rng.choice([-2, -1, 1, 2]) if level == 3 else 0
    expr = sp.Max(0, a * (X - c)) + m * X
    right, left = (a + m, m) if a > 0 else (m, a + m)
    return Drill("relu", expr, (sp.Integer(left), sp.Integer(right), None), sp.Integer(c))


def _one_sided(rng: random.Random, level: int) -> Drill:
    a, k = rng.choice([-2, -1, 1, 2, 3]), rng.choice([2, 3, 4])
    p, q = rng.choice([1, 2, 3, 5]), rng.choice([-4, -1, 1, 3])
    side = rng.choice(["left", "right"])
    point = sp.Integer(a)
    if level == 1:
        expr = rng.choice([k / (X - a), sp.Abs(X - a) / (k * (X - a))])
    elif level == 2:
        side, point = "both", rng.choice([sp.oo, -sp.oo])
        expr = rng.choice(
            [
                (p * X**2 + q) / (k * X**2 + 1),
                (p * X + q) / (X**2 + k),
                (p * X**2 + q * X) / (k * X + 1),
            ]
        )
    else:
        expr, point = rng.choice(
            [
                (sp.exp(1 / (X - a)), point),
                (X * sp.exp(-k * X), sp.oo),
                (sp.exp(k * X) / X**2, -sp.oo),
            ]
        )
        side = side if point.is_finite else "both"
    return Drill("one_sided", expr, limit_at(expr, X, point, side).value, point, side=side)


def _second_test(rng: random.Random, level: int) -> Drill:
    p = rng.choice([-3, -2, -1, 0, 1, 2])
    q = p + rng.choice([1, 2, 3, 4])
    sign = 1 if level == 1 else rng.choice([-1, 1])
    scale = 1 if level < 3 else rng.choice([2, 3])
    c = rng.randint(-5, 5)
    # f′ = 6·sign·scale·(x − p)(x − q): integer critical points p < q
    expr = sp.expand(sign * scale * (2 * X**3 - 3 * (p + q) * X**2 + 6 * p * q * X) + c)
    want = rng.choice(["local_max", "local_min"])
    # f″(p) = 6·sign·scale·(p − q) < 0 for sign = 1: the maximum is at p
    at = p if (want == "local_max") == (sign > 0) else q
    return Drill("second_test", expr, sp.Integer(at), topic=want)


def _data(rng: random.Random, level: int) -> tuple:
    """(x, y, w) of L(w) = (wx − y)²: integers, then halves, then tenths."""
    while True:  # until wx ≠ y: a gradient of 0 teaches nothing
        if level == 1:
            found = rng.choice([1, 2, 3]), rng.randint(-3, 5), rng.randint(-2, 2)
            x, y, w = (sp.Integer(v) for v in found)
        else:
            step = sp.Rational(1, 2) if level == 2 else sp.Rational(1, 10)
            x = sp.Integer(rng.choice([1, 2, 3])) if level == 2 else rng.choice([5, 10, 15]) * step
            y, w = rng.randint(-6, 10) * step, rng.randint(-4, 4) * step
        if w * x != y:
            return x, y, w


def _gradient(rng: random.Random, level: int) -> Drill:
    x, y, w = _data(rng, level)
    return Drill("gradient", (W * x - y) ** 2, 2 * (w * x - y) * x, params=(x, y, w))


def _descent_step(rng: random.Random, level: int) -> Drill:
    x, y, w = _data(rng, level)
    eta = rng.choice([sp.Rational(1, 10), sp.Rational(1, 20), sp.Rational(1, 100)])
    gradient = 2 * (w * x - y) * x
    return Drill("descent_step", (W * x - y) ** 2, w - eta * gradient, params=(x, y, w, eta))


_MAKERS = {
    "derivative": polynomial_drill,
    "limit": limit_drill,
    "critical": critical_drill,
    "rules": _rules,
    "relu": _relu,
    "one_sided": _one_sided,
    "second_test": _second_test,
    "gradient": _gradient,
    "descent_step": _descent_step,
}


# ---------------------------------------------------------------------------------- answers


def read(text: str, kind: str) -> Answer:
    """Read a student's answer on a ``kind`` drill (see :func:`mathcore.practice.read_answer`).

    ``relu``: three parts separated by ``;`` — f′ left of the corner, right of it, and at it
    (``undefined``, ``DNE``, ``없음``) — read into ``Answer.value`` as a tuple. ``gradient`` and
    ``descent_step``: one number (``dL/dw =`` or ``w =`` may lead).

    Raises
    ------
    InputError
        The parser's errors, or ``answer_form`` with ``params["kind"]`` = ``kind``.

    Examples
    --------
    >>> read("0; 2; undefined", "relu").value
    (0, 2, None)
    >>> read("dL/dw = -4", "gradient").value
    -4
    """
    if kind == "relu":
        return Answer(tuple(_part(text, span) for span in _parts(text)))
    try:
        return read_answer(text, _READ_AS.get(kind, kind))
    except InputError as err:
        if err.code != "answer_form":
            raise
        raise InputError(err.code, str(err), {"kind": kind}, err.position) from err


def _parts(text: str) -> list[tuple[int, int]]:
    cuts = [m.start() for m in re.finditer(";", text)]
    if len(cuts) != 2:
        position = cuts[2] if len(cuts) > 2 else len(text)
        raise InputError("answer_form", "three parts: left; right; at", {"kind": "relu"}, position)
    bounds = [-1, *cuts, len(text)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(3)]


def _part(text: str, span: tuple[int, int]) -> sp.Expr | None:
    start, end = span
    words = re.sub(r"\s+", "", text[start:end]).lower().rstrip(".")
    if words in UNDEFINED:
        return None
    body = " " * start + text[start:end]  # positions count in ``text``
    return read_answer(body, "gradient").value  # a number, as a gradient is


def check(d: Drill, answer: Answer) -> Verdict:
    """Is ``answer`` right on ``d``? The old kinds keep :func:`mathcore.practice.check_answer`'s
    verdicts and hints; derivatives are compared by equivalence, numbers exactly or within
    :data:`TOLERANCE`.

    >>> d = drill(1, 1, "gradient")
    >>> check(d, Answer(sp.Float("-2.0004"))).correct, check(d, Answer(sp.Integer(2))).hint
    (True, 'sign')
    """
    if d.kind in ("derivative", "limit", "critical"):
        return check_answer(d, answer)
    if d.kind == "rules":
        return Verdict(_equivalent(answer.value, d.answer), "rules")
    if d.kind == "one_sided":
        right = check_answer(replace(d, kind="limit"), answer).correct
        return Verdict(right, "" if right else "infinity" if d.point.is_infinite else "side")
    if d.kind == "second_test":
        right = answer.value is not None and sp.simplify(answer.value - d.answer) == 0
        y = d.expr.subs(X, d.answer)
        if right and answer.y is not None and sp.simplify(answer.y - y) != 0:
            return Verdict(False, "wrong_y", value=y)
        other = [p.x for p in critical_points(d.expr, X) if p.x != d.answer]
        return Verdict(right, "" if right else ("other" if answer.value in other else "test"))
    if d.kind == "relu":
        given = answer.value
        right = all(_same_part(g, e) for g, e in zip(given, d.answer, strict=True))
        at_corner = given[2] is None
        return Verdict(right, "" if right else ("slopes" if at_corner else "corner"))
    return _check_number(d, answer.value)


def _same_part(given: sp.Expr | None, expected: sp.Expr | None) -> bool:
    if given is None or expected is None:
        return given is expected
    return sp.simplify(given - expected) == 0


def _close(given: sp.Expr, expected: sp.Expr) -> bool:
    return bool(abs(given - expected) <= TOLERANCE * max(1, abs(expected)))


def _check_number(d: Drill, given: sp.Expr) -> Verdict:
    if given is None or not given.is_finite:
        return Verdict(False, "number")
    if _close(given, d.answer):
        return Verdict(True)
    x, y, w, *rest = d.params
    gradient = 2 * (w * x - y) * x
    slips = {  # the usual slips, each with its own hint
        "gradient": {"sign": -gradient, "forgot_2": gradient / 2, "forgot_x": gradient / x},
        "descent_step": {
            "plus": w + rest[0] * gradient if rest else None,
            "no_eta": w - gradient,
            "gradient_only": gradient,
        },
    }[d.kind]
    for hint, value in slips.items():
        if value is not None and value != d.answer and _close(given, value):
            return Verdict(False, hint)
    return Verdict(False, "recompute")


def _equivalent(given: sp.Expr, expected: sp.Expr) -> bool:
    """Equal as functions. First the numbers: the difference at seven points by 30-digit
    mpmath; a clear gap there (above 10⁻²⁰) is a wrong answer, found without SymPy's
    ``simplify`` (slow on ``x^(10^9)``). Then SymPy proves the difference 0, or, where it
    cannot, vanishing to 25 digits at all seven points counts (two elementary functions the
    drills use that agree there differ nowhere; a wrong answer misses by far more)."""
    values = _differences(given - expected)
    if values is not None and any(abs(v) > mpmath.mpf(10) ** -20 for v in values):
        return False
    if sp.simplify(given - expected) == 0:
        return True
    return values is not None and all(abs(v) < mpmath.mpf(10) ** -25 for v in values)


def _differences(difference: sp.Expr) -> list | None:
    """The difference at x = −9/7, −5/7, …, 11/7 (mpmath, 30 digits), ``None`` where it cannot
    be evaluated (a value undefined at a point, a function mpmath lacks)."""
    with mpmath.workdps(30):
        try:
            f = sp.lambdify(X, difference, modules="mpmath")
            values = [f(mpmath.mpf(t) / 7) for t in (-9, -5, -2, 3, 4, 8, 11)]
        except (ValueError, ZeroDivisionError, TypeError, NameError, OverflowError):
            return None
    return values if all(isinstance(v, (mpmath.mpf, mpmath.mpc)) for v in values) else None


# ------------------------------------------------------------------------- hints and steps


@dataclass(frozen=True)
class Line:
    """One sentence: the catalog ``key`` with its placeholders ``values`` (SymPy values, shown
    as LaTeX) — the page translates it."""

    key: str
    values: tuple[tuple[str, sp.Expr], ...] = ()


Part = Line | DerivativeStep | LimitSteps  # a derivative tree or limit derivation is printed


@dataclass(frozen=True)
class Walkthrough:
    """What a student may ask for, in order: ``hints`` (1–3), the ``step`` that starts the
    solution, then the whole ``solution``."""

    hints: tuple[Line, ...]
    step: tuple[Part, ...]
    solution: tuple[Part, ...]


def _line(name: str, **values: sp.Expr) -> Line:
    return Line(f"practice.drills.{name}", tuple(values.items()))


def walkthrough(d: Drill) -> Walkthrough:
    """The hints, the next step and the worked solution of drill ``d``, from the engine's own
    steps: :func:`~mathcore.diffsteps.derivative_steps` for derivatives,
    :func:`~mathcore.limitsteps.limit_steps` for limits, :func:`~mathcore.extrema.critical_points`
    for critical points, w := w − η·dL/dw with dL/dw = 2(wx − y)x for the gradient drills.
    Picklable: safe to call through :func:`mathcore.run_bounded`.

    >>> w = walkthrough(drill(1, 1, "limit"))  # one step: the free next step does not give it
    >>> w.step[0].key, w.solution[-1].steps[0].technique, w.solution[-1].value
    ('practice.drills.step.one_step', 'known_limit', 4)
    """
    return _WALKS[d.kind](d)


def _derivative_walk(d: Drill) -> Walkthrough:
    tree = derivative_steps(d.expr, X)
    first = tree.substeps[0] if tree.rule == "sum" else tree
    return Walkthrough(
        (_line("hint.power_sum"), _line("hint.power_rule")),
        (_line("step.first_term"), replace(first, unsimplified=None)),
        (tree, _line("answer.derivative", answer=d.answer)),
    )


def _rules_walk(d: Drill) -> Walkthrough:
    tree = derivative_steps(d.expr, X)
    if d.topic in ACTIVATIONS:
        return _activation_walk(d, tree)
    if tree.rule not in ("product", "quotient", "chain"):
        raise NotImplementedError("a rules drill is a product, a quotient or a composition")
    hints = [_line(f"hint.{tree.rule}")]
    if d.topic == "tanh":
        hints.append(_line("hint.tanh"))
    outer, inner = tree.substeps
    if tree.rule == "chain":
        hints.append(_line("hint.inner", u=tree.inner))
        step = _line(
            "step.chain", u=tree.inner, outer=outer.expr, d_outer=outer.result, d_inner=inner.result
        )
    else:
        names = {"f": outer.expr, "g": inner.expr, "df": outer.result, "dg": inner.result}
        step = _line(f"step.{tree.rule}", **names)
    return Walkthrough(tuple(hints), (step,), (tree, _line("answer.derivative", answer=d.answer)))


# σ(u), softplus(u) and their derivatives σ′ = σ(1 − σ), softplus′ = σ, written with σ
ACTIVATIONS = {
    "sigmoid": (SIGMA(U), SIGMA(U) * (1 - SIGMA(U))),
    "softplus": (sp.log(1 + sp.exp(U)), SIGMA(U)),
    "swish": (SIGMA(U), SIGMA(U) * (1 - SIGMA(U))),
}


def _activation_walk(d: Drill, tree: DerivativeStep) -> Walkthrough:
    """σ(u), softplus(u), x·σ(u): the rule for the activation itself, not for the 1/(1 + e^(−u))
    or ln(1 + e^u) SymPy sees; the engine's own tree is the solution, and the answer is written
    with σ as well (equal to the engine's: ``tests/test_practice.py`` checks it)."""
    (power,) = d.expr.atoms(sp.exp)
    u = power.args[0] if d.topic == "softplus" else -power.args[0]
    outer, d_outer = ACTIVATIONS[d.topic]
    inner = derivative_steps(u, X).result
    shown = (d_outer * inner).subs(U, u)
    if d.topic == "swish":
        shown = SIGMA(u) + X * shown
        hints = (_line("hint.product"), _line("hint.swish"))
        step = _line(
            "step.product", f=X, g=SIGMA(u), df=sp.Integer(1), dg=(d_outer * inner).subs(U, u)
        )
    else:
        hints = (_line("hint.chain"), _line(f"hint.{d.topic}"), _line("hint.inner", u=u))
        step = _line("step.chain", u=u, outer=outer, d_outer=d_outer, d_inner=inner)
    answer = _line("answer.sigma", shown=shown, answer=d.answer)
    return Walkthrough(hints, (step,), (tree, answer))


def _relu_walk(d: Drill) -> Walkthrough:
    c = d.point
    (relu,) = d.expr.atoms(sp.Max)
    rest = d.expr - relu
    inside = relu.args[1] if relu.args[0] == 0 else relu.args[0]
    positive_left = inside.subs(X, c - 1) > 0
    left = sp.expand(inside + rest) if positive_left else sp.expand(rest)
    right = sp.expand(rest) if positive_left else sp.expand(inside + rest)
    dl, dr, _ = d.answer
    return Walkthrough(
        (_line("hint.relu_pieces", c=c), _line("hint.relu_corner", c=c)),
        (_line("step.relu_pieces", c=c, left=left, right=right),),
        (
            _line("step.relu_pieces", c=c, left=left, right=right),
            _line("solve.relu_slopes", c=c, dl=dl, dr=dr),
            _line("solve.relu_corner", c=c, dl=dl, dr=dr),
            _line("answer.relu", c=c, dl=dl, dr=dr),
        ),
    )


def _limit_walk(d: Drill) -> Walkthrough:
    found = limit_steps(d.expr, X, d.point, d.side)
    if not found.steps:
        raise NotImplementedError("no step-by-step derivation of this limit")
    if d.kind == "limit":
        hints = (_line("hint.zero_over_zero", point=d.point), _line("hint.limit_techniques"))
    elif d.point.is_infinite:
        hints = (_line("hint.at_infinity"), _line("hint.dominant"))
    else:
        hints = (_line(f"hint.side_{d.side}", point=d.point), _line("hint.sign_near"))
    first = replace(found, steps=found.steps[:1], left=None, right=None)
    if found.steps[0].technique == "one_sided":
        first = found
    if len(first.steps) == len(found.steps):  # one step is the whole answer: not given free
        return Walkthrough(hints, (_line("step.one_step"),), (found,))
    return Walkthrough(hints, (first,), (found,))


def _critical_walk(d: Drill) -> Walkthrough:
    s = critical_solution(d)
    values = {"derivative": s.derivative, "x": s.x, "second": s.second, "y": s.y}
    return Walkthrough(
        (_line("hint.set_zero"), _line("hint.second_derivative")),
        (Line("practice.solve.differentiate", (("derivative", s.derivative),)),),
        tuple(
            Line(f"practice.solve.{k}", tuple(values.items()))
            for k in ("differentiate", "stationary", "second_test")
        ),
    )


def _second_test_walk(d: Drill) -> Walkthrough:
    first = derivative(d.expr, X)
    second = derivative(first, X)
    points = [p for p in critical_points(d.expr, X) if p.stationary]
    p, q = (point.x for point in points)  # f′ = 6a(x − p)(x − q): two stationary points
    lines = [_line("step.stationary", derivative=sp.factor(first), p=p, q=q)]
    lines.append(_line("solve.second", second=second))
    for point in points:
        kind = "max" if point.kind == "local_max" else "min"
        lines.append(
            _line(f"solve.test_{kind}", x=point.x, value=second.subs(X, point.x), y=point.y)
        )
    lines.append(_line(f"answer.{d.topic}", x=d.answer))
    return Walkthrough(
        (_line("hint.set_zero"), _line("hint.second_derivative")), tuple(lines[:1]), tuple(lines)
    )


def _gradient_walk(d: Drill) -> Walkthrough:
    x, y, w, *rest = d.params
    residual = w * x - y
    gradient = 2 * residual * x
    formula = _line("step.gradient_formula", x=x, y=y)
    solution = [
        formula,
        _line("solve.residual", x=x, y=y, w=w, r=residual),
        _line("solve.gradient", x=x, r=residual, g=gradient),
    ]
    hints = [_line("hint.gradient_chain"), _line("hint.gradient_substitute")]
    if rest:
        (eta,) = rest
        hints = [_line("hint.update_rule"), _line("hint.gradient_chain")]
        solution.append(_line("solve.update", w=w, eta=eta, g=gradient, new=d.answer))
        formula = _line("step.update_gradient", x=x, y=y, w=w, g=gradient)
    return Walkthrough(tuple(hints), (formula,), tuple(solution))


_WALKS = {
    "derivative": _derivative_walk,
    "rules": _rules_walk,
    "relu": _relu_walk,
    "limit": _limit_walk,
    "one_sided": _limit_walk,
    "critical": _critical_walk,
    "second_test": _second_test_walk,
    "gradient": _gradient_walk,
    "descent_step": _gradient_walk,
}
