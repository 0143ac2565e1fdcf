"""Step-by-step limits as data: which technique turns lim f into what, every step checked.

A derivation of lim f as x → a is a tuple of :class:`LimitStep` records, each naming a technique
from :data:`TECHNIQUES`, the expression whose limit is taken (``before``) and what it becomes
(``after``: another expression with the same limit, or the limit itself). Printing is separate
(``ui/``), so the same derivation reads in Korean or English.

Every step is checked by the numbers before it is shown: ``before`` and ``after`` are evaluated
by mpmath at points approaching a and must tend to the same limit (:func:`_agree`). The end value
must be the verdict of :func:`mathcore.limits.limit_at`, the engine's trusted limit; a derivation
that ends anywhere else is not shown (``steps`` is empty and the page shows the approach table).

>>> x = sp.Symbol("x", real=True)
>>> found = limit_steps((x**2 - 1) / (x - 1), x, 1)
>>> [(s.technique, s.after) for s in found.steps], found.value
([('factor_cancel', x + 1), ('direct_substitution', 2)], 2)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

import mpmath
import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from mathcore.errors import EVALUATION_FAILURES, SYMPY_FAILURES
from mathcore.limits import LimitResult, _resolve_side, limit_at
from mathcore.points import REAL_FUNCTIONS, Point, as_point, finite_at, finite_real, value_at
from mathcore.timelimit import TimeLimitExceeded, clock, time_limit

# Technique names, in the order they are tried (after ``one_sided``, which splits the question).
# Sources of the rules (Stewart, *Calculus*, 8th ed.): direct substitution and the limit laws
# §2.3; one-sided limits §2.2 and §2.3 (Theorem 1: the limit is L iff both one-sided limits are);
# factor and cancel, rationalize, the squeeze theorem §2.3; dominant terms (divide by the highest
# power of x in the denominator) §2.6; the known limits §3.3 (sin θ/θ), §3.1 and §3.6 (e);
# L'Hôpital's rule and indeterminate products, differences and powers §4.4.
TECHNIQUES = (
    "one_sided",  # the two one-sided limits derived apart (LimitSteps.left/right)
    "direct_substitution",  # f continuous at a: lim f = f(a)
    "limit_laws",  # the parts' limits combine without an indeterminate form (c/0± = ±∞ too)
    "piecewise",  # on one side of a, |u|, sign, floor, Max, Piecewise … equal one branch
    "factor_cancel",  # cancel the common factor of a 0/0 rational function
    "rationalize",  # multiply top and bottom by the conjugate of a square-root sum
    "common_denominator",  # ∞ − ∞ written as one fraction
    "known_limit",  # f = g·K(u) with u → 0 (or ∞) and K's limit known (KNOWN_LIMITS)
    "dominant_term",  # at ±∞, divide top and bottom by the highest power of x below
    "squeeze",  # bounded × vanishing → 0
    "product_to_quotient",  # 0·∞ written as a quotient, for L'Hôpital's rule
    "lhopital",  # 0/0 or ∞/∞: lim f/g = lim f'/g'
    "exponential_form",  # 1^∞, 0^0, ∞^0: b^p = e^(p ln b), the exponent's limit (substeps)
)
FORMS = ("0/0", "oo/oo", "0*oo", "oo-oo", "1^oo", "0^0", "oo^0", "c/0")
U = sp.Symbol("u", real=True)


@dataclass(frozen=True)
class KnownLimit:
    """lim ``expr`` = ``value`` as ``U`` → ``tends_to``, a limit the course takes as known."""

    expr: sp.Expr
    tends_to: sp.Expr
    value: sp.Expr


KNOWN_LIMITS = {  # name → the limit; a step's ``known`` is one of these names
    "sin(u)/u": KnownLimit(sp.sin(U) / U, sp.S.Zero, sp.S.One),
    "tan(u)/u": KnownLimit(sp.tan(U) / U, sp.S.Zero, sp.S.One),
    "(1-cos(u))/u**2": KnownLimit((1 - sp.cos(U)) / U**2, sp.S.Zero, sp.S.Half),
    "(exp(u)-1)/u": KnownLimit((sp.exp(U) - 1) / U, sp.S.Zero, sp.S.One),
    "log(1+u)/u": KnownLimit(sp.log(1 + U) / U, sp.S.Zero, sp.S.One),
    "(1+1/u)**u": KnownLimit((1 + 1 / U) ** U, sp.oo, sp.E),
    "(1+u)**(1/u)": KnownLimit((1 + U) ** (1 / U), sp.S.Zero, sp.E),
}
# The numeric check. Points: a ± s·10⁻ᵏ (s = 1, or |a| when 0 < |a| < 1, so they stay on a's side
# of 0) or ±10ᵏ toward ±∞, for these k, evaluated by mpmath at DIGITS digits. Near as 10⁻³² so that
# slow roots settle (∛x is 2·10⁻¹¹ there); 120 digits so that a ± 10⁻³² keeps 88 and the
# cancellation in (1 − cos x)/x² (64 digits lost at 10⁻³²) still leaves 24.
EXPONENTS = (4, 8, 12, 16, 20, 24, 28, 32)
DIGITS = 120
# A finite limit L: at the two nearest points, |before − after| ≤ TOLERANCE·max(1, |L|), and not
# larger than at the two farthest points. Correct steps differ there by O(distance·log) ≤ 10⁻³⁰
# (L'Hôpital, squeeze: ln x/x at 10³² is 7·10⁻³¹), by a slow root's O(distance^(1/3)) ≤ 10⁻¹⁰, or
# by rounding, ~10⁻¹¹⁵ (algebra); a wrong step moves the limit by the gap between two textbook
# values, ≥ 10⁻³. 10⁻⁸ leaves a margin of 10² or more on either side.
TOLERANCE = 1e-8
# A gap below NOISE needs no shrinking: the rounding residue of equal expressions grows toward a
# where terms cancel (1/(x−1) − 2/(x²−1) against 1/(x+1): 10⁻⁵⁸ at 10⁻³², 120 digits less the 62
# lost), and no two textbook limits are that close.
NOISE = 1e-20
# A limit ±∞: the four nearest values have its sign, grow in size toward a, and the nearest is at
# least GROWTH (ln(10⁻³²) ≈ −73.7, so a logarithm's slow −∞ passes).
GROWTH = 10
MIN_POINTS = 4  # points (of the eight) with both values computed, for a step to be checked
# e^u with |u| larger is not computed: mpmath needs u's integer part as extra bits of precision,
# 133 for 10⁴⁰, but some 10³² for e^(e^(10³²)), which would never finish
MAX_EXPONENT = 10**40
VALUES_SECONDS = 0.1  # CPU s for one expression at the points of one side
SYMPY_SECONDS = 0.3  # CPU s for one SymPy transformation (cancel, gcd, diff); then give up on it
STEPS_SECONDS = 1.0  # CPU s for a whole derivation, after limit_at's answer
CALL_SECONDS = 2.6  # and for the whole call, limit_at included (≤ 2.2 s): a worker allows 3
MAX_STEPS = 8  # the longest derivation tried
PART_STEPS = 3  # the longest for a part (known_limit's g, squeeze's v, an exponent)


@dataclass(frozen=True)
class LimitStep:
    """One step: lim ``before`` = lim ``after`` (or = ``after``, the value) by ``technique``.

    Parameters
    ----------
    technique : a name in :data:`TECHNIQUES`.
    before : the expression whose limit is taken.
    after : what it becomes: an expression with the same limit, or the limit itself (a number or
        ``±oo``); ``None`` for a ``one_sided`` step whose sides differ (no limit).
    form : the indeterminate form resolved (one of :data:`FORMS`; ``"c/0"``: a nonzero number
        over a quantity → 0 from one sign, giving ±∞).
    factor : ``factor_cancel``: the cancelled factor; ``rationalize``: the conjugate multiplied
        into top and bottom; ``known_limit``: g in before = g·K(u) (``None`` when g = 1).
    known : ``known_limit``: the name in :data:`KNOWN_LIMITS`.
    inner : ``known_limit``: the inner expression u (→ 0, or ±∞ for ``(1+1/u)**u``);
        ``exponential_form``: the exponent p·ln b of before = b^p = e^(p ln b).
    power : ``dominant_term``: the power of x divided by (``x**2``).
    bound : ``squeeze``: (b, M, v): before = b·v with |b| ≤ M and v → 0.
    ratio : ``product_to_quotient`` and ``lhopital``: (f, g), the quotient f/g whose
        derivatives' quotient f'/g' is taken. ``product_to_quotient``'s ``after`` is f/g built
        unevaluated (SymPy would turn ln x/(1/x) back into x·ln x); ``.doit()`` evaluates it.
    substeps : the limit of a part: ``known_limit``'s g, ``squeeze``'s v,
        ``exponential_form``'s exponent.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> step = limit_steps(sp.sin(3 * x) / x, x, 0).steps[0]
    >>> step.technique, step.known, step.inner, step.factor, step.after
    ('known_limit', 'sin(u)/u', 3*x, 3, 3)
    """

    technique: str
    before: sp.Expr
    after: sp.Expr | None
    form: str | None = None
    factor: sp.Expr | None = None
    known: str | None = None
    inner: sp.Expr | None = None
    power: sp.Expr | None = None
    bound: tuple[sp.Expr, sp.Expr, sp.Expr] | None = None
    ratio: tuple[sp.Expr, sp.Expr] | None = None
    substeps: tuple[LimitStep, ...] = ()


@dataclass(frozen=True)
class LimitSteps:
    """A derivation of lim ``expr`` as ``var`` → ``point`` from ``side``.

    ``side`` is the engine's (:func:`limit_at`: "left" toward ∞, "right" toward −∞).
    ``value`` and ``verdict`` are :func:`limit_at`'s; ``steps`` end in ``value`` (the last
    ``after``), or are empty when no technique applies or a derivation disagreed with the
    engine. Where the two-sided question needs its sides apart (they differ, or only one-sided
    steps reach the limit), ``steps`` is one ``one_sided`` step and ``left``/``right`` hold the
    sides' own derivations.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = limit_steps(sp.floor(x), x, 2)
    >>> found.techniques, found.verdict, found.left.value, found.right.value
    (('one_sided',), 'sides_differ', 1, 2)
    """

    expr: sp.Expr
    var: sp.Symbol
    point: sp.Expr
    side: str
    steps: tuple[LimitStep, ...]
    value: sp.Expr | None
    verdict: str
    left: LimitSteps | None = None
    right: LimitSteps | None = None

    @property
    def techniques(self) -> tuple[str, ...]:
        """The techniques of the top-level steps, in order."""
        return tuple(step.technique for step in self.steps)


def limit_steps(expr: sp.Expr, var: sp.Symbol, point: Point, side: str = "both") -> LimitSteps:
    """The steps of lim ``expr`` as ``var`` → ``point`` from ``side``, ending in the engine's limit.

    Techniques are tried in the order of :data:`TECHNIQUES`: substitution first, cheap algebra
    before L'Hôpital's rule (which, once used, is applied again while the quotient stays 0/0 or
    ∞/∞). A step the numbers contradict is not used; the next technique is tried instead.

    Parameters
    ----------
    expr : a SymPy expression in the real symbol ``var``.
    var : the variable.
    point : a finite real number, ``oo`` or ``-oo``.
    side : "both", "left" (x → a⁻) or "right" (x → a⁺); toward ±∞ the only side there is.

    Returns
    -------
    LimitSteps
        ``steps`` empty when no technique reaches the limit, or the limit does not exist and
        the sides do not differ (``verdict`` "oscillates", "undefined", "uncertain").

    Raises
    ------
    ValueError
        For a ``side`` other than the three above.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> found = limit_steps((sp.exp(x) - 1 - x) / x**2, x, 0)
    >>> found.techniques, [s.form for s in found.steps], found.value
    (('lhopital', 'lhopital', 'direct_substitution'), ['0/0', '0/0', None], 1/2)
    >>> found = limit_steps(1 / (x + 1), x, -1)
    >>> found.verdict, found.left.value, found.right.value, found.left.steps[0].form
    ('sides_differ', -oo, oo, 'c/0')
    >>> found = limit_steps(sp.sin(1 / x), x, 0)
    >>> found.steps, found.value, found.verdict
    ((), None, 'oscillates')
    """
    if side not in ("both", "left", "right"):
        raise ValueError(f"side must be 'both', 'left' or 'right', not {side!r}")
    a = as_point(point)
    started = clock()
    result = limit_at(expr, var, a, side)
    deadline = min(clock() + STEPS_SECONDS, started + CALL_SECONDS)
    found = _derivation(expr, var, a, result.side, result.value, result.verdict, deadline)
    if found.steps or found.side != "both" or a.is_infinite or result.verdict not in _SPLIT:
        return found
    left, right = (
        _derivation(expr, var, a, s, *_one_side(result, s), deadline) for s in ("left", "right")
    )
    steps = (LimitStep("one_sided", expr, result.value),) if left.steps and right.steps else ()
    if steps or result.verdict == "sides_differ":
        return replace(found, steps=steps, left=left, right=right)
    return found


_LIMITS = ("converges", "diverges_to_inf", "diverges_to_neg_inf")  # a limit, finite or ±oo
_SPLIT = (*_LIMITS, "sides_differ")  # the two-sided questions worth asking side by side


def _derivation(expr, var, a, side, value, verdict, deadline) -> LimitSteps:
    steps = ()
    if verdict in _LIMITS:
        steps = _derive(expr, _Question(var, a, side, deadline), value) or ()
    return LimitSteps(expr, var, a, side, steps, value, verdict)


def _one_side(result: LimitResult, side: str) -> tuple[sp.Expr | None, str]:
    """The engine's value and verdict for one side, read from its two-sided result:
    ``limit_at(…, side)`` would compute the same side again (each call does both sides)."""
    value, kind = (
        (result.left, result.left_kind) if side == "left" else (result.right, result.right_kind)
    )
    if kind != "limit":
        return None, {"unbounded": "oscillates"}.get(kind, kind)
    if value is sp.oo:
        return value, "diverges_to_inf"
    if value is -sp.oo:
        return value, "diverges_to_neg_inf"
    return value, "converges"


@dataclass(frozen=True)
class _Question:
    """Where the limit is taken, the points that check it, and the time left."""

    var: sp.Symbol
    a: sp.Expr
    side: str
    deadline: float
    cache: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def directions(self) -> tuple[int, ...]:
        """−1: from the left (x < a, and x → ∞ grows from below); +1: from the right."""
        if self.a is sp.oo:
            return (-1,)
        if self.a is -sp.oo:
            return (1,)
        return {"both": (-1, 1), "left": (-1,), "right": (1,)}[self.side]

    def points(self, direction: int) -> list:
        """Far to near: a + direction·s·10⁻ᵏ, or ±10ᵏ toward ±∞ (mpf at :data:`DIGITS`)."""
        with mpmath.workdps(DIGITS):
            if self.a.is_infinite:
                sign = 1 if self.a is sp.oo else -1
                return [sign * mpmath.mpf(10) ** k for k in EXPONENTS]
            centre = mpmath.mpf(str(sp.N(self.a, DIGITS)))
            scale = min(mpmath.mpf(1), abs(centre)) if centre else mpmath.mpf(1)
            return [centre + direction * scale * mpmath.mpf(10) ** -k for k in EXPONENTS]

    def values(self, expr: sp.Expr, direction: int) -> list:
        """``expr`` at :meth:`points` (far to near), as :func:`_values` gives them."""
        key = (expr, direction)
        if key not in self.cache:
            seconds = min(VALUES_SECONDS, max(self.time_left(), 0.01))
            self.cache[key] = _values(expr, self.var, self.points(direction), seconds)
        return self.cache[key]

    def time_left(self) -> float:
        return self.deadline - clock()


def _values(expr: sp.Expr, var: sp.Symbol, points: list, seconds: float) -> list:
    """``expr`` at ``points`` (mpmath, :data:`DIGITS` digits): ``nan`` where it is undefined or
    not real, ``None`` where it is too large to compute (:func:`_value`) or was not computed
    within ``seconds``."""
    try:
        numeric_form = expr.doit().replace(
            sp.Heaviside, lambda u, *_: sp.Piecewise((0, u < 0), (1, True))
        )
        numeric_form = numeric_form.xreplace({sp.zoo: sp.nan})
        modules = [REAL_FUNCTIONS, "mpmath"]
        f = sp.lambdify(var, numeric_form, modules)
        sizes = [sp.lambdify(var, u, modules) for u in _exponents(numeric_form, var)]
    except (*SYMPY_FAILURES, SyntaxError, NameError):  # no numeric form: nothing to check by
        return [None] * len(points)
    out = []
    try:
        with time_limit(seconds), mpmath.workdps(DIGITS):
            for x in points:
                out.append(_value(f, sizes, x))
    except TimeLimitExceeded:
        out += [None] * (len(points) - len(out))
    return out


def _exponents(expr: sp.Expr, var: sp.Symbol) -> list[sp.Expr]:
    """The exponents u of f's exponential-type parts (e^u, u = g·ln|b| for b^g), inner first."""
    found = []
    for node in sp.postorder_traversal(expr):
        if isinstance(node, (sp.exp, sp.sinh, sp.cosh, sp.tanh)):
            found.append(node.args[0])
        elif isinstance(node, sp.Pow) and var in node.exp.free_symbols:
            found.append(node.exp * sp.log(sp.Abs(node.base)))
    return found


def _value(f, sizes, x):
    """f(x): an mpf, ``nan`` where f is undefined or not real, ``None`` where it is too large
    to compute (an exponent past :data:`MAX_EXPONENT`, or beyond mpmath's range)."""
    for size in sizes:  # e^(e^(10³²)) would take mpmath forever: such a point is not computed
        try:
            u = mpmath.mpmathify(size(x))
        except (*EVALUATION_FAILURES, NameError):
            continue  # its base is 0 or undefined here: f itself says what that means
        if isinstance(u, mpmath.mpc) or not mpmath.isfinite(u) or abs(u) > MAX_EXPONENT:
            return None
    try:
        v = mpmath.mpmathify(f(x))
    except (*EVALUATION_FAILURES, NameError):
        return mpmath.nan
    if isinstance(v, mpmath.mpc):
        v = v.real if abs(v.imag) <= mpmath.mpf(10) ** -30 * abs(v) else mpmath.nan
    return None if mpmath.isinf(v) else v


def _agree(before: sp.Expr, after: sp.Expr, target: sp.Expr, q: _Question) -> bool:
    """Do ``before`` and ``after`` tend to the same limit (``target``) at q's points?

    Both must be defined (real) at every point; points where either is too large to compute
    are left out, and at least :data:`MIN_POINTS` must remain."""
    for direction in q.directions:
        b = q.values(before, direction)
        if target.is_infinite:
            exprs = (before,) if after.is_infinite else (before, after)
            if not all(_grows(q.values(e, direction), target) for e in exprs):
                return False
            continue
        pairs = [
            (p, r)
            for p, r in zip(b, q.values(after, direction), strict=True)
            if p is not None and r is not None
        ]
        if len(pairs) < MIN_POINTS or any(mpmath.isnan(p) or mpmath.isnan(r) for p, r in pairs):
            return False
        scale = max(1, abs(float(target)))
        gaps = [abs(p - r) / scale for p, r in pairs]
        near, far = max(gaps[-2:]), max(gaps[:2])
        if near > TOLERANCE or (near > far and near > NOISE):
            return False
    return True


def _grows(ys: list, target: sp.Expr) -> bool:
    """The nearest values tend to ``target`` (±oo): its sign, growing in size, ≥ GROWTH."""
    ys = [y for y in ys if y is not None]
    if len(ys) < MIN_POINTS or any(mpmath.isnan(y) for y in ys):
        return False
    sign = 1 if target is sp.oo else -1
    tail = [sign * y for y in ys[-4:]]
    return tail[0] > 0 and all(p < r for p, r in pairwise(tail)) and tail[-1] >= GROWTH


def _same_value(found: sp.Expr, target: sp.Expr, q: _Question) -> bool:
    if found == target:
        return True
    if found.is_infinite or target.is_infinite or finite_real(found) is None:
        return False
    return _timed(q, sp.simplify, found - target) == 0


# --- the derivation -------------------------------------------------------------------------

Technique = Callable[[sp.Expr, "_Question", sp.Expr], tuple[LimitStep, ...] | None]


def _derive(
    expr: sp.Expr, q: _Question, target: sp.Expr, depth: int = 0, prefer: tuple[str, ...] = ()
) -> tuple[LimitStep, ...] | None:
    """Steps from lim ``expr`` to ``target``, each checked, or ``None``: the first technique (in
    :data:`TECHNIQUES` order, ``prefer`` first) whose steps pass the check and lead on to
    ``target``; one that fails falls back on the next."""
    if depth >= MAX_STEPS:
        return None
    order = prefer + tuple(name for name in _RULES if name not in prefer)
    for name in order:
        if q.time_left() <= 0:
            return None
        steps = _RULES[name](expr, q, target)
        if not steps or not all(_agree(s.before, s.after, target, q) for s in steps):
            continue
        last = steps[-1].after
        if q.var not in last.free_symbols:
            if _same_value(last, target, q):
                return steps
            continue
        rest = _derive(last, q, target, depth + len(steps), _FOLLOW.get(name, ()))
        if rest is not None:
            return (*steps, *rest)
    return None


def _timed(q: _Question, fn: Callable, *args):
    """``fn(*args)`` within :data:`SYMPY_SECONDS` (and the time left), else ``None``."""
    try:
        with time_limit(min(SYMPY_SECONDS, q.time_left())):
            return fn(*args)
    except (*SYMPY_FAILURES, *_POLY_FAILURES, TimeLimitExceeded, RecursionError):
        return None


_POLY_FAILURES = (BasePolynomialError, ZeroDivisionError)  # cancel, gcd, together on odd input


class _Indeterminate(Exception):
    def __init__(self, form: str) -> None:
        super().__init__(form)
        self.form = form


class _Laws:
    """The limit of f from its parts' limits by the limit laws, in the extended reals.

    ``limit`` returns a finite real, ``oo``, ``-oo``, or ``None`` (a part has no limit the laws
    can name: sin at ∞, floor at an integer, c/0 with the sign changing across a); it raises
    :class:`_Indeterminate` with the form where the laws say nothing (0/0, ∞ − ∞, …). The sign
    of a denominator → 0 is read from its values at q's points. ``divides_by_zero`` is set when
    a nonzero quantity was divided by one → 0 (the ``c/0`` form, a limit ±∞)."""

    def __init__(self, q: _Question) -> None:
        self.q = q
        self.divides_by_zero = False

    def limit(self, e: sp.Expr) -> sp.Expr | None:
        var = self.q.var
        if var not in e.free_symbols:
            return _extended(e)
        if e == var:
            return self.q.a
        if isinstance(e, sp.Add):
            parts = [self.limit(term) for term in e.args]
            if any(p is None for p in parts):
                return None
            if sp.oo in parts and -sp.oo in parts:
                raise _Indeterminate("oo-oo")
            return sp.Add(*parts)
        if isinstance(e, (sp.Mul, sp.Pow, sp.exp)):
            numer, denom = sp.fraction(e)
            if denom != 1:
                return self.quotient(numer, denom)
        if isinstance(e, sp.Mul):
            parts = [self.limit(f) for f in e.args]
            if any(p is None for p in parts):
                return None
            if any(p == 0 for p in parts) and any(p.is_infinite for p in parts):
                raise _Indeterminate("0*oo")
            return sp.Mul(*parts)
        if isinstance(e, sp.Pow):
            return self.power(e.base, e.exp)
        return self.function(e)

    def quotient(self, numer: sp.Expr, denom: sp.Expr) -> sp.Expr | None:
        top, bottom = self.limit(numer), self.limit(denom)
        if top is None or bottom is None:
            return None
        if bottom == 0:
            if top == 0:
                raise _Indeterminate("0/0")
            sign = self.sign_near(denom)
            if sign is None:
                return None
            self.divides_by_zero = True
            return sp.oo * sp.sign(top) * sign
        if bottom.is_infinite:
            if top.is_infinite:
                raise _Indeterminate("oo/oo")
            return sp.S.Zero
        return top / bottom

    def power(self, base: sp.Expr, exponent: sp.Expr) -> sp.Expr | None:
        var = self.q.var
        b = self.limit(base)
        if b is None:
            return None
        if var not in exponent.free_symbols:
            if b == 0:
                return sp.S.Zero if exponent > 0 else None
            if b is sp.oo:
                return sp.oo if exponent > 0 else sp.S.Zero
            if b is -sp.oo:
                if exponent.is_integer and exponent > 0:
                    return sp.oo if exponent.is_even else -sp.oo
                return None
            return finite_real(b**exponent)
        e = self.limit(exponent)
        if e is None:
            return None
        if b == 1 and e.is_infinite:
            raise _Indeterminate("1^oo")
        if b == 0 and e == 0:
            raise _Indeterminate("0^0")
        if b is sp.oo and e == 0:
            raise _Indeterminate("oo^0")
        if b.is_finite and b > 0 and e.is_finite:
            return finite_real(b**e)
        if b == 0 or b is sp.oo or (b.is_finite and b > 0):
            return _extended(b**e)  # SymPy's 0**oo, oo**-2, 2**-oo, (1/2)**oo are the limits
        return None

    def function(self, e: sp.Expr) -> sp.Expr | None:
        if isinstance(e, (sp.Max, sp.Min)):
            parts = [self.limit(arg) for arg in e.args]
            return None if any(p is None for p in parts) else e.func(*parts)
        if len(e.args) != 1 or type(e) not in _CONTINUOUS:
            return None
        if type(e) in _RATIOS:  # tan u = sin u/cos u: at a zero of cos, c/0
            top, bottom = _RATIOS[type(e)]
            arg = e.args[0]
            return self.quotient(top(arg), bottom(arg))
        u = self.limit(e.args[0])
        if u is None:
            return None
        if isinstance(e, sp.log) and (u == 0 or u is -sp.oo):
            return -sp.oo if u == 0 else None  # SymPy's log(−oo) is oo: |log| of a complex
        if u.is_infinite:  # SymPy's e^(−oo) = 0, atan(oo) = π/2 …; sin(oo) is AccumBounds: None
            return _extended(e.func(u))
        if isinstance(e, (sp.floor, sp.ceiling, sp.frac)) and u.is_integer is not False:
            return None  # a jump at every integer
        if isinstance(e, (sp.sign, sp.Heaviside)) and u == 0:
            return None
        return finite_real(e.func(u))

    def sign_near(self, expr: sp.Expr) -> int | None:
        """+1 or −1: the sign of ``expr`` at the nearest points of every side asked; else None."""
        signs = set()
        for direction in self.q.directions:
            ys = [y for y in self.q.values(expr, direction) if y is not None][-3:]
            if len(ys) < 3 or any(mpmath.isnan(y) or y == 0 for y in ys):
                return None
            signs |= {1 if y > 0 else -1 for y in ys}
        return signs.pop() if len(signs) == 1 else None


_CONTINUOUS = {  # functions continuous on their domain, or with jumps that _Laws.function sees
    sp.exp,
    sp.log,
    sp.sin,
    sp.cos,
    sp.tan,
    sp.cot,
    sp.sec,
    sp.csc,
    sp.asin,
    sp.acos,
    sp.atan,
    sp.sinh,
    sp.cosh,
    sp.tanh,
    sp.Abs,
    sp.floor,
    sp.ceiling,
    sp.frac,
    sp.sign,
    sp.Heaviside,
}
_RATIOS = {
    sp.tan: (sp.sin, sp.cos),
    sp.cot: (sp.cos, sp.sin),
    sp.sec: (lambda u: sp.S.One, sp.cos),
    sp.csc: (lambda u: sp.S.One, sp.sin),
}


def _extended(value: sp.Expr) -> sp.Expr | None:
    """``value`` if it is a finite real number or ±oo, else ``None``."""
    return value if value in (sp.oo, -sp.oo) else finite_real(value)


def _laws_limit(expr: sp.Expr, q: _Question) -> tuple[sp.Expr | None, str | None, bool]:
    """(limit by the laws or None, the indeterminate form or None, whether c/0 was used)."""
    laws = _Laws(q)
    try:
        return laws.limit(expr), None, laws.divides_by_zero
    except _Indeterminate as found:
        return None, found.form, False
    except (*SYMPY_FAILURES, ArithmeticError, RecursionError):
        return None, None, False


def _form(expr: sp.Expr, q: _Question) -> str | None:
    return _laws_limit(expr, q)[1]


# --- the techniques: each returns the steps it takes from lim expr, or None ----------------------

_JUMPS = (sp.floor, sp.ceiling, sp.frac, sp.sign, sp.Heaviside)


def _continuous_at(expr: sp.Expr, var: sp.Symbol, a: sp.Expr) -> bool:
    """Is every part of f finite at a, with no jump (floor at an integer, sign at 0) or 0^u?"""
    for part in sp.preorder_traversal(expr):
        if var not in getattr(part, "free_symbols", ()):
            continue
        if isinstance(part, (sp.Piecewise, sp.Mod)) or not finite_at(part, var, a):
            return False
        if isinstance(part, _JUMPS):
            inner = part.args[0].subs(var, a)
            integer_jump = isinstance(part, (sp.floor, sp.ceiling, sp.frac))
            if (inner.is_integer is not False) if integer_jump else (inner.is_zero is not False):
                return False
        power = isinstance(part, sp.Pow) and var in part.exp.free_symbols
        if power and part.base.subs(var, a).is_zero is not False:
            return False
    return True


def _direct_substitution(expr, q: _Question, target):
    if q.a.is_infinite or not _continuous_at(expr, q.var, q.a):
        return None
    value = _timed(q, value_at, expr, q.var, q.a)
    return None if value is None else (LimitStep("direct_substitution", expr, value),)


def _limit_laws(expr, q: _Question, target):
    value, _, by_zero = _laws_limit(expr, q)
    if value is None:
        return None
    return (LimitStep("limit_laws", expr, value, form="c/0" if by_zero else None),)


_PIECES = (sp.Abs, sp.sign, sp.floor, sp.ceiling, sp.frac, sp.Heaviside, sp.Max, sp.Min)


def _piecewise(expr, q: _Question, target):
    if len(q.directions) != 1 or not expr.has(*_PIECES, sp.Piecewise, sp.Mod):
        return None
    branch = _timed(q, _resolve_side, expr, q.var, q.a, q.directions[0])
    if branch is None or branch == expr or branch.has(sp.nan):
        return None
    return (LimitStep("piecewise", expr, branch),)


def _factor_cancel(expr, q: _Question, target):
    var = q.var
    if q.a.is_infinite or not expr.is_rational_function(var):
        return None
    numer, denom = sp.fraction(_timed(q, sp.together, expr) or expr)
    if var not in denom.free_symbols or numer.subs(var, q.a) != 0 or denom.subs(var, q.a) != 0:
        return None
    common = _timed(q, sp.gcd, numer, denom)
    after = _timed(q, sp.cancel, expr)
    if common is None or after is None or var not in common.free_symbols:
        return None
    # 0/0 as one fraction; a sum of fractions that blow up (1/(x−1) − 2/(x²−1)) is ∞ − ∞
    form = _form(expr, q) or ("oo-oo" if isinstance(expr, sp.Add) else "0/0")
    factor = _timed(q, sp.factor, common) or common
    return (LimitStep("factor_cancel", expr, after, form=form, factor=factor),)


def _has_root(e: sp.Expr, var: sp.Symbol) -> bool:
    return any(
        isinstance(p, sp.Pow) and p.exp == sp.S.Half and var in p.base.free_symbols
        for p in sp.preorder_traversal(e)
    )


def _rationalize(expr, q: _Question, target):
    var = q.var
    form = _form(expr, q)
    if form is None:
        return None
    numer, denom = sp.fraction(expr)
    for part in (numer, denom):
        if not isinstance(part, sp.Add):
            continue
        roots = [t for t in part.args if _has_root(t, var)]
        if not roots:
            continue
        r = roots[0]
        s = part - r
        conjugate = r - s
        product = _timed(q, sp.expand, r**2 - s**2)
        if product is None or _has_root(product, var):
            continue
        if part is numer:
            rest = _timed(q, sp.cancel, product / denom)
            after = None if rest is None else rest / conjugate
        else:
            rest = _timed(q, sp.cancel, numer / product)
            after = None if rest is None else rest * conjugate
        if after is not None and after != expr:
            return (LimitStep("rationalize", expr, after, form=form, factor=conjugate),)
    return None


def _common_denominator(expr, q: _Question, target):
    """∞ − ∞ as one fraction: 1/x − 1/sin x = (sin x − x)/(x sin x). (Two-sided, each
    term's sign changes across a, so the laws see no form; two terms without a finite limit
    are enough.)"""
    if not isinstance(expr, sp.Add) or _laws_limit(expr, q)[0] is not None:
        return None
    limits = [_laws_limit(term, q)[0] for term in expr.args]
    if sum(v is None or v.is_infinite for v in limits) < 2:
        return None
    after = _timed(q, sp.together, expr)
    if after is None or after == expr or q.var not in sp.fraction(after)[1].free_symbols:
        return None
    return (LimitStep("common_denominator", expr, after, form="oo-oo"),)


def _exponential_form(expr, q: _Question, target):
    """b^p with the form 1^∞, 0^0 or ∞^0 is e^(p ln b): the limit L of p ln b (substeps)
    gives e^L (0 for L = −∞, ∞ for L = ∞), since e^u is continuous."""
    if not isinstance(expr, sp.Pow) or target is -sp.oo:
        return None
    form = _form(expr, q)
    if form not in ("1^oo", "0^0", "oo^0"):
        return None
    inner = sp.expand_log(expr.exp * sp.log(expr.base), force=False)
    if target is sp.oo:
        inner_limit = sp.oo
    elif target == 0:
        inner_limit = -sp.oo
    elif target.is_positive:
        inner_limit = sp.log(target)
    else:
        return None
    substeps = _derive(inner, q, inner_limit, MAX_STEPS - PART_STEPS)
    if substeps is None:
        return None
    step = LimitStep("exponential_form", expr, target, form=form, inner=inner, substeps=substeps)
    return (step,)


def _known_limit(expr, q: _Question, target):
    """f = g·K(u) with K(u) a known limit's expression, u → its point, and g's limit by the
    limit laws (finite); or f = (1 + 1/u)^u, (1 + u)^(1/u) exactly."""
    var = q.var
    if target.is_infinite:
        return None
    seen = set()
    for node in sp.preorder_traversal(expr):
        if node in seen or var not in getattr(node, "free_symbols", ()):
            continue
        seen.add(node)
        for name, u in _candidates(node, q):
            known = KNOWN_LIMITS[name]
            if _laws_limit(u, q)[0] != known.tends_to:
                continue
            k = known.expr.subs(U, u)
            g = expr / k
            if var in g.free_symbols:
                g = _timed(q, sp.cancel, g) or g
            g_limit = _laws_limit(g, q)[0]
            if g_limit is None or g_limit.is_infinite:
                continue
            substeps = ()
            if var in g.free_symbols:
                substeps = _derive(g, q, g_limit, MAX_STEPS - PART_STEPS)
                if substeps is None:
                    continue
            value = g_limit * known.value
            factor = None if g == 1 else g
            step = LimitStep(
                "known_limit", expr, value, factor=factor, known=name, inner=u, substeps=substeps
            )
            return (step,)
    return None


def _candidates(node: sp.Expr, q: _Question):
    """(known limit's name, u) that ``node`` suggests: sin(u) suggests sin(u)/u, …"""
    if isinstance(node, sp.sin):
        yield "sin(u)/u", node.args[0]
    elif isinstance(node, sp.tan):
        yield "tan(u)/u", node.args[0]
    elif isinstance(node, sp.cos):
        yield "(1-cos(u))/u**2", node.args[0]
    elif isinstance(node, sp.exp):
        yield "(exp(u)-1)/u", node.args[0]
    elif isinstance(node, sp.log):
        yield "log(1+u)/u", node.args[0] - 1
    elif isinstance(node, sp.Pow) and q.var in node.exp.free_symbols:
        step = node.base - 1
        if step != 0 and _timed(q, sp.cancel, node.exp * step) == 1:
            yield "(1+1/u)**u", node.exp  # base = 1 + 1/u with u = the exponent
            yield "(1+u)**(1/u)", step


def _dominant_term(expr, q: _Question, target):
    var = q.var
    if not q.a.is_infinite or not expr.is_rational_function(var):
        return None
    if _form(expr, q) not in ("oo/oo", "oo-oo", "0*oo"):
        return None
    numer, denom = sp.fraction(_timed(q, sp.together, expr) or expr)
    degree = sp.degree(denom, var) or sp.degree(numer, var)
    if degree <= 0:
        return None
    power = var**degree
    top = _timed(q, sp.expand, numer / power)
    bottom = _timed(q, sp.expand, denom / power)  # (the polynomial's: x³ − x = x³(1 − 1/x²))
    if top is None or bottom is None:
        return None
    after = top / bottom if var in denom.free_symbols else power * top / denom
    return (LimitStep("dominant_term", expr, after, form=_form(expr, q), power=power),)


def _bound(e: sp.Expr, var: sp.Symbol) -> sp.Expr | None:
    """An M with |e| ≤ M for all x, from sin and cos (|·| ≤ 1) and constants; else None."""
    if var not in e.free_symbols:
        return finite_real(abs(e))
    if isinstance(e, (sp.sin, sp.cos)):
        return sp.S.One
    if isinstance(e, (sp.Add, sp.Mul)):
        parts = [_bound(arg, var) for arg in e.args]
        if any(p is None for p in parts):
            return None
        return sp.Add(*parts) if isinstance(e, sp.Add) else sp.Mul(*parts)
    if isinstance(e, sp.Pow) and e.exp.is_integer and e.exp > 0:
        inner = _bound(e.base, var)
        return None if inner is None else inner**e.exp
    return None


def _squeeze(expr, q: _Question, target):
    var = q.var
    if target != 0:
        return None
    bounded = [f for f in sp.Mul.make_args(expr) if var in f.free_symbols and _bound(f, var)]
    if not bounded:
        return None
    b = sp.Mul(*bounded)
    vanishing = expr / b
    if var not in vanishing.free_symbols:
        return None
    substeps = _derive(vanishing, q, sp.S.Zero, MAX_STEPS - PART_STEPS)
    if substeps is None:
        return None
    bound = (b, _bound(b, var), vanishing)
    return (LimitStep("squeeze", expr, sp.S.Zero, bound=bound, substeps=substeps),)


def _lhopital(expr, q: _Question, target):
    numer, denom = sp.fraction(expr)
    form = _quotient_form(numer, denom, q)
    if form is not None:
        step = _lhopital_step(expr, numer, denom, form, q)
        return None if step is None else (step,)
    if _form(expr, q) != "0*oo" or not isinstance(expr, sp.Mul):
        return None
    # 0·∞: f·g = f/(1/g) or g/(1/f); the one whose derivatives' quotient is no longer
    # indeterminate, then the shorter (x ln x = ln x/(1/x) → −x, not x/(1/ln x))
    vanishing, rest = [], []
    for factor in expr.args:
        (vanishing if _laws_limit(factor, q)[0] == 0 else rest).append(factor)
    options = []
    for top, below in ((sp.Mul(*rest), sp.Mul(*vanishing)), (sp.Mul(*vanishing), sp.Mul(*rest))):
        bottom = 1 / below
        quotient = sp.Mul(top, sp.Pow(bottom, -1, evaluate=False), evaluate=False)
        form = _quotient_form(top, bottom, q)
        step = None if form is None else _lhopital_step(quotient, top, bottom, form, q)
        if step is not None:
            score = (_form(step.after, q) is not None, sp.count_ops(step.after))
            options.append((score, quotient, step))
    if not options:
        return None
    _, quotient, step = min(options, key=lambda option: option[0])
    rewrite = LimitStep("product_to_quotient", expr, quotient, form="0*oo", ratio=step.ratio)
    return rewrite, step


def _quotient_form(numer, denom, q: _Question) -> str | None:
    """ "0/0" or "oo/oo" if numer and denom → 0 or both → ±∞ (by the laws), else None."""
    if q.var not in denom.free_symbols:
        return None
    top, bottom = _laws_limit(numer, q)[0], _laws_limit(denom, q)[0]
    if top is None or bottom is None:
        return None
    if top == 0 and bottom == 0:
        return "0/0"
    if top.is_infinite and bottom.is_infinite:
        return "oo/oo"
    return None


def _lhopital_step(expr, numer, denom, form, q: _Question) -> LimitStep | None:
    derivatives = _timed(q, lambda: (sp.diff(numer, q.var), sp.diff(denom, q.var)))
    if derivatives is None or derivatives[1] == 0:
        return None
    after = derivatives[0] / derivatives[1]
    shorter = _timed(q, sp.cancel, after)
    if shorter is not None and sp.count_ops(shorter) < sp.count_ops(after):
        after = shorter
    return LimitStep("lhopital", expr, after, form=form, ratio=(numer, denom))


_RULES: dict[str, Technique] = {  # tried in this order (TECHNIQUES without "one_sided")
    "direct_substitution": _direct_substitution,
    "limit_laws": _limit_laws,
    "piecewise": _piecewise,
    "factor_cancel": _factor_cancel,
    "rationalize": _rationalize,
    "common_denominator": _common_denominator,
    "known_limit": _known_limit,
    "dominant_term": _dominant_term,
    "squeeze": _squeeze,
    "lhopital": _lhopital,  # also gives the product_to_quotient step before it
    "exponential_form": _exponential_form,
}
# after a technique, these are tried first: L'Hôpital again while the quotient stays 0/0 or ∞/∞
_FOLLOW = {"lhopital": ("lhopital",)}
