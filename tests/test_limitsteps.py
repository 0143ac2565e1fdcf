"""limit_steps: hand-derived techniques and values; every step's limit checked here by mpmath.

The numeric check below is independent of the module's own: plain ``mpmath`` lambdify (not the
engine's real-only namespace), 30 digits, its own points and tolerance.
"""

import time

import mpmath
import pytest
import sympy as sp

from mathcore import limitsteps as ls
from mathcore import parse_expression
from mathcore.limits import LimitResult, _limit_at
from mathcore.limitsteps import FORMS, KNOWN_LIMITS, TECHNIQUES, LimitStep, limit_steps

x = sp.Symbol("x", real=True)
oo = sp.oo
DPS = 30
# Points: a ∓ 10⁻ᵏ (or ±10ᵏ toward ±∞), k = 6, 7, 8, evaluated at 30 digits, which keep ≥ 6
# after the worst cancellation here ((x − sin x)/x³ loses 24 at 10⁻⁸). The nearest value must be
# within TOL of the limit: the slowest textbook steps are 2·10⁻⁷ away at k = 8 (x ln x at 10⁻⁸,
# ln x/x at 10⁸; L'Hôpital's and the squeeze's gaps are ~10⁻⁸), while two textbook limits a step
# could be confused with differ by ≥ 10⁻³: 10⁻⁵ separates them with a margin of 50 and 100. The
# farther values must be within COARSE (x ln x at 10⁻⁶ is 1.4·10⁻⁵ from 0).
EXPONENTS = (6, 7, 8)
TOL = 1e-5
COARSE = 1e-3
BIG = 1e5  # a limit ±∞: every value past this in size, with its sign, growing toward a


def approach(point, side, exponents=EXPONENTS):
    """Points approaching ``point`` from ``side`` ("left"/"right"; toward ±∞ the only one)."""
    with mpmath.workdps(DPS):
        if point is oo:
            return [mpmath.mpf(10) ** k for k in exponents]
        if point is -oo:
            return [-(mpmath.mpf(10) ** k) for k in exponents]
        sign = -1 if side == "left" else 1
        return [mpmath.mpf(point) + sign * mpmath.mpf(10) ** -k for k in exponents]


def sides_of(point, side):
    if point in (oo, -oo):
        return ("left",)  # unused by approach() toward ±∞
    return ("left", "right") if side == "both" else (side,)


def assert_tends(expr, point, side, limit, exponents=EXPONENTS):
    """``expr`` → ``limit`` (a number or ±oo) as x → point from side, by its values."""
    f = sp.lambdify(x, sp.sympify(expr).doit(), "mpmath")
    for s in sides_of(point, side):
        with mpmath.workdps(DPS):
            ys = [mpmath.mpmathify(f(p)) for p in approach(point, s, exponents)]
            assert all(mpmath.im(y) == 0 for y in ys), (expr, ys)
            ys = [mpmath.re(y) for y in ys]
            if limit in (oo, -oo):
                sign = 1 if limit is oo else -1
                assert all(sign * y > BIG for y in ys), (expr, s, ys)
                assert sign * ys[0] < sign * ys[1] < sign * ys[2], (expr, s, ys)
            else:
                target = mpmath.mpf(sp.N(limit, DPS))
                scale = max(1, abs(target))
                assert abs(ys[-1] - target) <= TOL * scale, (expr, s, limit, ys)
                assert all(abs(y - target) <= COARSE * scale for y in ys), (expr, s, limit, ys)


def assert_steps_hold(steps, point, side, limit, exponents=EXPONENTS):
    """Every step's ``before`` and ``after`` tend to ``limit``, the last ``after`` is it (the
    others are expressions), and each step's parts (substeps) tend to their own end value."""
    assert steps, "no steps"
    assert steps[-1].after == limit
    for step in steps:
        assert step.technique in TECHNIQUES
        assert step.form is None or step.form in FORMS
        assert_tends(step.before, point, side, limit, exponents)
        if step is not steps[-1]:
            assert x in step.after.free_symbols
            assert_tends(step.after, point, side, limit, exponents)
        if step.substeps:
            assert_steps_hold(step.substeps, point, side, step.substeps[-1].after, exponents)


# (expression, point, side, techniques, value): the techniques as a textbook would pick them.
CASES = [
    # course preset: (x²−1)/(x−1) is 0/0 at 1; x²−1 = (x−1)(x+1), cancel x−1, then x+1 → 2
    ((x**2 - 1) / (x - 1), 1, "both", ("factor_cancel", "direct_substitution"), 2),
    # course preset: sin x/x is the known limit sin u/u with u = x
    (sp.sin(x) / x, 0, "both", ("known_limit",), 1),
    # course preset: 2e^(−x/10): e^(−x/10) → 0 as x → ∞, times 2 (limit laws)
    (2 * sp.exp(-x / 10), oo, "both", ("limit_laws",), 0),
    # 0/0 with a root: times (√(x+4)+2)/(√(x+4)+2) gives x/(x(√(x+4)+2)) = 1/(√(x+4)+2) → 1/4
    (
        (sp.sqrt(x + 4) - 2) / x,
        0,
        "both",
        ("rationalize", "direct_substitution"),
        sp.Rational(1, 4),
    ),
    # 1^∞: the known limit (1+1/u)^u → e with u = x
    ((1 + 1 / x) ** x, oo, "both", ("known_limit",), sp.E),
    # (e^u − 1)/u → 1 with u = x
    ((sp.exp(x) - 1) / x, 0, "both", ("known_limit",), 1),
    # |sin(1/x)| ≤ 1 and x → 0: squeezed between −|x| and |x|
    (x * sp.sin(1 / x), 0, "both", ("squeeze",), 0),
    # ∞/∞ rational: divide by x² (the denominator's highest power): (3 + 1/x²)/(2 − 1/x) → 3/2
    (
        (3 * x**2 + 1) / (2 * x**2 - x),
        oo,
        "both",
        ("dominant_term", "limit_laws"),
        sp.Rational(3, 2),
    ),
    # ∞/∞ twice: x²/eˣ → 2x/eˣ → 2/eˣ, and 2/eˣ → 0 by the limit laws
    (x**2 / sp.exp(x), oo, "both", ("lhopital", "lhopital", "limit_laws"), 0),
    # 0/0 twice: (eˣ−1−x)/x² → (eˣ−1)/(2x) → eˣ/2, continuous: 1/2
    (
        (sp.exp(x) - 1 - x) / x**2,
        0,
        "both",
        ("lhopital", "lhopital", "direct_substitution"),
        sp.Rational(1, 2),
    ),
    # the known limit (1 − cos u)/u² → 1/2 with u = x
    ((1 - sp.cos(x)) / x**2, 0, "both", ("known_limit",), sp.Rational(1, 2)),
    # sin(3x)/x = 3·sin(3x)/(3x), u = 3x → 0: 3·1
    (sp.sin(3 * x) / x, 0, "both", ("known_limit",), 3),
    # ∞/∞: (1/x)/1 = 1/x → 0
    (sp.log(x) / x, oo, "both", ("lhopital", "limit_laws"), 0),
    # 0·(−∞) from the right: ln x/(1/x) is ∞/∞, → (1/x)/(−1/x²) = −x → 0
    (
        x * sp.log(x),
        0,
        "right",
        ("product_to_quotient", "lhopital", "direct_substitution"),
        0,
    ),
    # x³ − 8 = (x − 2)(x² + 2x + 4): cancel, then 4 + 4 + 4
    ((x**3 - 8) / (x - 2), 2, "both", ("factor_cancel", "direct_substitution"), 12),
    # the known limit tan u/u → 1
    (sp.tan(x) / x, 0, "both", ("known_limit",), 1),
    # times (√x + 1): (x − 1)/((x − 1)(√x + 1)) = 1/(√x + 1) → 1/2
    (
        (sp.sqrt(x) - 1) / (x - 1),
        1,
        "both",
        ("rationalize", "direct_substitution"),
        sp.Rational(1, 2),
    ),
    # polynomials are continuous: substitute
    (x**3 - 2 * x + 1, 2, "both", ("direct_substitution",), 5),
    (4 * x**2 - 3 * x, -1, "both", ("direct_substitution",), 7),
    # |sin x| ≤ 1 and 1/x → 0 as x → ∞
    (sp.sin(x) / x, oo, "both", ("squeeze",), 0),
    # ∞/∞ at −∞: divide by x: (2 + 1/x)/(1 − 3/x) → 2
    ((2 * x + 1) / (x - 3), -oo, "both", ("dominant_term", "limit_laws"), 2),
    # 1/0⁺ from both sides: +∞
    (1 / x**2, 0, "both", ("limit_laws",), oo),
    # ∞ − ∞: x³(1 − 1/x²) → ∞·1
    (x**3 - x, oo, "both", ("dominant_term", "limit_laws"), oo),
    # the known limit ln(1+u)/u → 1
    (sp.log(1 + x) / x, 0, "both", ("known_limit",), 1),
    # root in the denominator: x(√(x+1)+1)/x = √(x+1) + 1 → 2
    (x / (sp.sqrt(x + 1) - 1), 0, "both", ("rationalize", "direct_substitution"), 2),
    # 0^0: x^x = e^(x ln x), and x ln x → 0 (as above): e^0
    (x**x, 0, "right", ("exponential_form",), 1),
    # 1^∞: e^(x ln(1 + 2/x)), x ln(1 + 2/x) = 2·ln(1+u)/u with u = 2/x → 2: e²
    ((1 + 2 / x) ** x, oo, "both", ("exponential_form",), sp.exp(2)),
    # ∞ − ∞: (sin x − x)/(x sin x), then 0/0 twice: −sin x/(2 cos x − x sin x) → 0
    (
        1 / x - 1 / sp.sin(x),
        0,
        "both",
        ("common_denominator", "lhopital", "lhopital", "direct_substitution"),
        0,
    ),
    # 0/0 three times: (1 − cos x)/(3x²), sin x/(6x), cos x/6 → 1/6
    (
        (x - sp.sin(x)) / x**3,
        0,
        "both",
        ("lhopital", "lhopital", "lhopital", "direct_substitution"),
        sp.Rational(1, 6),
    ),
    # 0·∞ at −∞: x/e^(−x) is ∞/∞ → 1/(−e^(−x)) → 0
    (x * sp.exp(x), -oo, "both", ("product_to_quotient", "lhopital", "limit_laws"), 0),
]


@pytest.mark.parametrize(("expr", "point", "side", "techniques", "value"), CASES)
def test_limit_steps(expr, point, side, techniques, value):
    found = limit_steps(expr, x, point, side)
    assert found.techniques == techniques
    assert found.value == value
    assert found.left is None and found.right is None
    assert found.verdict == {oo: "diverges_to_inf"}.get(value, "converges")
    assert_steps_hold(found.steps, point, side, value)


@pytest.mark.parametrize(
    ("expr", "point", "left", "right", "left_value", "right_value"),
    [
        # course preset: 1/(x+1), numerator → 1, denominator → 0⁻ (left), 0⁺ (right)
        (1 / (x + 1), -1, ("limit_laws",), ("limit_laws",), -oo, oo),
        # course preset: floor(x) = 1 on [1, 2), = 2 on [2, 3)
        (sp.floor(x), 2, ("piecewise",), ("piecewise",), 1, 2),
        # |x| = −x for x < 0, x for x > 0: |x|/x = −1, 1
        (sp.Abs(x) / x, 0, ("piecewise",), ("piecewise",), -1, 1),
    ],
)
def test_limit_steps_sides_differ(expr, point, left, right, left_value, right_value):
    found = limit_steps(expr, x, point)
    assert (found.verdict, found.value, found.techniques) == ("sides_differ", None, ("one_sided",))
    assert found.steps[0].after is None
    for one, side, techniques, value in (
        (found.left, "left", left, left_value),
        (found.right, "right", right, right_value),
    ):
        assert (one.side, one.techniques, one.value) == (side, techniques, value)
        assert one.left is None and one.right is None
        assert_steps_hold(one.steps, point, side, value)
    if left_value is -oo:
        assert found.left.steps[0].form == found.right.steps[0].form == "c/0"


def test_limit_steps_one_sided_when_only_sides_have_steps():
    # ∛x = sign(x)|x|^(1/3): the sign's jump at 0 stops substitution there; on each side it is
    # one branch, −(−x)^(1/3) or x^(1/3), continuous at 0 from that side
    found = limit_steps(parse_expression("x^(1/3)"), x, 0)
    assert (found.verdict, found.value, found.techniques) == ("converges", 0, ("one_sided",))
    assert found.steps[0].after == 0
    for one, side in ((found.left, "left"), (found.right, "right")):
        assert one.techniques == ("piecewise", "direct_substitution")
        # ∛x is 10⁻¹⁰ at 10⁻³⁰ (exact in 30 digits at a = 0): nearer points than usual
        assert_steps_hold(one.steps, 0, side, 0, exponents=(24, 27, 30))


def test_limit_steps_records_the_printers_data():
    step = limit_steps((x**2 - 1) / (x - 1), x, 1).steps[0]
    assert (step.form, step.factor, step.after) == ("0/0", x - 1, x + 1)
    step = limit_steps((sp.sqrt(x + 4) - 2) / x, x, 0).steps[0]
    assert (step.form, step.factor, step.after) == (
        "0/0",
        sp.sqrt(x + 4) + 2,
        1 / (sp.sqrt(x + 4) + 2),
    )
    step = limit_steps(sp.sin(3 * x) / x, x, 0).steps[0]
    assert (step.known, step.inner, step.factor, step.after) == ("sin(u)/u", 3 * x, 3, 3)
    step = limit_steps((1 + 1 / x) ** x, x, oo).steps[0]
    assert (step.known, step.inner, step.factor) == ("(1+1/u)**u", x, None)
    step = limit_steps((1 - sp.cos(x)) / x**2, x, 0).steps[0]
    assert (step.known, step.inner) == ("(1-cos(u))/u**2", x)
    step = limit_steps((3 * x**2 + 1) / (2 * x**2 - x), x, oo).steps[0]
    assert (step.power, step.after) == (x**2, (3 + 1 / x**2) / (2 - 1 / x))
    step = limit_steps(x * sp.sin(1 / x), x, 0).steps[0]
    assert step.bound == (sp.sin(1 / x), 1, x)
    assert [(s.technique, s.before, s.after) for s in step.substeps] == [
        ("direct_substitution", x, 0)
    ]
    step = limit_steps(sp.sin(x) / x, x, oo).steps[0]
    assert step.bound == (sp.sin(x), 1, 1 / x)
    assert [(s.technique, s.after) for s in step.substeps] == [("limit_laws", 0)]
    steps = limit_steps((sp.exp(x) - 1 - x) / x**2, x, 0).steps
    assert [(s.form, s.ratio) for s in steps[:2]] == [
        ("0/0", (sp.exp(x) - 1 - x, x**2)),
        ("0/0", (sp.exp(x) - 1, 2 * x)),
    ]
    assert steps[1].after == sp.exp(x) / 2
    rewrite, lhopital, _ = limit_steps(x * sp.log(x), x, 0, side="right").steps
    assert (rewrite.form, rewrite.ratio, lhopital.form) == ("0*oo", (sp.log(x), 1 / x), "oo/oo")
    assert rewrite.after.doit() == x * sp.log(x)  # ln x/(1/x), kept unevaluated for printing
    assert sp.latex(rewrite.after) == r"\frac{\log{\left(x \right)}}{\frac{1}{x}}"
    assert lhopital.after == -x
    step = limit_steps(x**x, x, 0, side="right").steps[0]
    assert (step.form, step.inner) == ("0^0", x * sp.log(x))
    assert [s.technique for s in step.substeps] == [
        "product_to_quotient",
        "lhopital",
        "direct_substitution",
    ]


def test_the_check_here_can_fail():
    """This file's own check rejects a wrong step: x + 2 does not tend to the limit 2 at 1."""
    wrong = (
        LimitStep("factor_cancel", (x**2 - 1) / (x - 1), x + 2),
        LimitStep("direct_substitution", x + 2, 3),
    )
    with pytest.raises(AssertionError):
        assert_steps_hold(wrong, 1, "both", 3)
    with pytest.raises(AssertionError):
        assert_steps_hold((wrong[0], LimitStep("direct_substitution", x + 2, 2)), 1, "both", 2)
    with pytest.raises(AssertionError):  # −∞ from the left, not +∞
        assert_steps_hold((LimitStep("limit_laws", 1 / (x + 1), oo),), -1, "left", oo)


def test_limit_steps_no_technique():
    # course preset: sin(1/x) oscillates at 0: no steps, the engine's verdict
    found = limit_steps(sp.sin(1 / x), x, 0)
    assert (found.steps, found.value, found.verdict) == ((), None, "oscillates")
    assert found.left is None and found.right is None
    found = limit_steps(x * sp.sin(x), x, oo)
    assert (found.steps, found.value, found.verdict) == ((), None, "oscillates")
    found = limit_steps(sp.sqrt(x), x, 0)  # no values left of 0
    assert (found.steps, found.value, found.verdict) == ((), None, "undefined")
    # a limit that exists but no technique here reaches: √(x²+1)/x → 1 at ∞ (roots at ∞)
    found = limit_steps(sp.sqrt(x**2 + 1) / x, x, oo)
    assert (found.steps, found.value, found.verdict) == ((), 1, "converges")


def test_limit_steps_drops_a_wrong_step(monkeypatch):
    """A technique that gives a wrong expression is not shown: the check falls back."""

    def wrong_cancel(expr, q, target):
        return (LimitStep("factor_cancel", expr, x + 2, form="0/0", factor=x - 1),)

    monkeypatch.setitem(ls._RULES, "factor_cancel", wrong_cancel)
    found = limit_steps((x**2 - 1) / (x - 1), x, 1)
    assert found.value == 2
    assert found.techniques == ("lhopital", "direct_substitution")  # 2x/1, then 2
    assert all(step.after != x + 2 for step in found.steps)
    assert_steps_hold(found.steps, 1, "both", 2)


def test_limit_steps_drops_a_wrong_value(monkeypatch):
    """A wrong end value (f(a) + 1 by "substitution") fails the check; the limit laws give 2."""
    original = ls._RULES["direct_substitution"]

    def off_by_one(expr, q, target):
        steps = original(expr, q, target)
        return steps and (LimitStep("direct_substitution", expr, steps[0].after + 1),)

    monkeypatch.setitem(ls._RULES, "direct_substitution", off_by_one)
    found = limit_steps((x**2 - 1) / (x - 1), x, 1)
    assert found.techniques == ("factor_cancel", "limit_laws")
    assert [step.after for step in found.steps] == [x + 1, 2]


def test_limit_steps_end_in_the_engines_value(monkeypatch):
    """If the engine's limit is not where the (numerically sound) steps end, none are shown."""
    real = ls.limit_at(sp.sin(x) / x, x, 0)

    def engine_says_two(expr, var, point, side="both"):
        two = sp.Integer(2)
        return LimitResult(point, side, two, two, False, False, two, "converges", (), ())

    monkeypatch.setattr(ls, "limit_at", engine_says_two)
    found = limit_steps(sp.sin(x) / x, x, 0)
    assert (found.steps, found.value, found.verdict) == ((), 2, "converges")
    assert real.value == 1


def test_limit_steps_bad_side():
    with pytest.raises(ValueError, match="side"):
        limit_steps(x, x, 0, side="up")


@pytest.mark.parametrize("name", list(KNOWN_LIMITS))
def test_known_limits(name):
    """Each known limit holds by the numbers, and is the one step for its own expression."""
    known = KNOWN_LIMITS[name]
    expr = known.expr.subs(ls.U, x)
    assert_tends(expr, known.tends_to, "both", known.value)
    (step,) = limit_steps(expr, x, known.tends_to).steps
    assert (step.technique, step.known, step.inner, step.after) == (
        "known_limit",
        name,
        x,
        known.value,
    )


def test_limit_steps_time():
    """The course presets, engine included, well within a worker's 3 CPU seconds each."""
    presets = [
        (1 / (x + 1), -1),
        (sp.sin(x) / x, 0),
        ((x**2 - 1) / (x - 1), 1),
        (sp.floor(x), 2),
        (sp.sin(1 / x), 0),
        (2 * sp.exp(-x / 10), oo),
    ]
    _limit_at.cache_clear()  # the engine's memory: time it too
    for expr, point in presets:
        started = time.process_time()
        limit_steps(expr, x, point)
        assert time.process_time() - started < 1.0, expr
