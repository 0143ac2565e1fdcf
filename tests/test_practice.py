"""mathcore.practice: reproducible drills, answers read as students write them, equivalence
checks that name the wrong term, each drill's own hints, and worked solutions."""

import mpmath
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathcore import InputError, critical_points, derivative, derivative_steps, drills, limit_at
from mathcore.drills import KINDS, SIGMA, Line, W, check, read, walkthrough
from mathcore.drills import drill as make
from mathcore.practice import (
    MISTAKES,
    Answer,
    CriticalSolution,
    Drill,
    Feedback,
    Verdict,
    WrongTerm,
    X,
    check_answer,
    check_derivative,
    check_value,
    critical_drill,
    critical_solution,
    limit_drill,
    limit_solution,
    polynomial_drill,
    read_answer,
    solution,
)
from ui.i18n import catalog, text


def test_polynomial_drill_is_reproducible_and_levelled():
    assert polynomial_drill(5, 2).expr == polynomial_drill(5, 2).expr
    assert polynomial_drill(5, 2).expr != polynomial_drill(6, 2).expr
    for level, degree in ((1, 2), (2, 3), (3, 4)):
        for seed in range(1, 30):
            drill = polynomial_drill(seed, level)
            assert sp.degree(drill.expr, X) == degree
            assert drill.answer == derivative(drill.expr, X)


def test_check_derivative_course_example():
    f = 4 * X**3 - 2 * X**2 + X - 7
    assert check_derivative(f, 12 * X**2 - 4 * X + 1, X) == Feedback(True, ())
    assert check_derivative(f, 2 * (6 * X**2 - 2 * X) + 1, X).correct  # any equivalent form
    feedback = check_derivative(f, 12 * X**2 - 4 * X + 1 - 7, X)  # kept the constant
    assert not feedback.correct
    # the constant of the answer is 1 − 7: the −7 of f kept, not a wrong derivative of x
    assert feedback.wrong == (WrongTerm(-7, 0, -7, "kept_constant"),)
    assert not check_derivative(f, sp.sin(X), X).correct


F = 4 * X**3 - 2 * X**2 + X - 7  # f' = 12x² − 4x + 1, term by term: 12x², −4x, 1, 0


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        # the constant −7 kept: the derivative of a constant is 0
        (12 * X**2 - 4 * X + 1 - 7, [(-7, 0, -7, "kept_constant")]),
        # −2x² left as it is: 12x² − 2x² + 1 = 10x² + 1 (the x² coefficients merge)
        (10 * X**2 + 1, [(-2 * X**2, -4 * X, -2 * X**2, "not_derived")]),
        # power rule half done on 4x³: 3·4·x³ (exponent not lowered) or 4x² (3 not multiplied)
        (12 * X**3 - 4 * X + 1, [(4 * X**3, 12 * X**2, 12 * X**3, "exponent_kept")]),
        (4 * X**2 - 4 * X + 1, [(4 * X**3, 12 * X**2, 4 * X**2, "coefficient_kept")]),
        (12 * X**2 + 4 * X + 1, [(-2 * X**2, -4 * X, 4 * X, "sign")]),  # −(−4x)
        (12 * X**2 - 4 * X, [(X, 1, 0, "dropped")]),
        # two mistakes at once: the sign of −4x and the constant
        (
            12 * X**2 + 4 * X + 1 - 7,
            [(-2 * X**2, -4 * X, 4 * X, "sign"), (-7, 0, -7, "kept_constant")],
        ),
        # f copied: every term underived (x's derivative 1, not x; −7's 0)
        (
            F,
            [
                (4 * X**3, 12 * X**2, 4 * X**3, "not_derived"),
                (-2 * X**2, -4 * X, -2 * X**2, "not_derived"),
                (X, 1, X, "not_derived"),
                (-7, 0, -7, "kept_constant"),
            ],
        ),
        # no named mistake gives a constant 8 (the −7 kept would give −6): power by power
        (12 * X**2 - 4 * X + 8, [(X, 1, 8, "wrong")]),
        (12 * X**2 - 4 * X + 1 + X**5, [(0, 0, X**5, "extra")]),
    ],
)
def test_check_derivative_names_the_mistake(answer, wrong):
    feedback = check_derivative(F, answer, X)
    assert not feedback.correct
    assert [(t.term, t.expected, t.given, t.mistake) for t in feedback.wrong] == wrong
    assert {t.mistake for t in feedback.wrong} <= {*MISTAKES, "wrong", "extra"}


def test_check_derivative_prefers_the_kept_constant():
    # f = x³ − 2x + 4, f' = 3x² − 2. The answer 3x² + 2 is f' with the 4 kept (−2 + 4) — and
    # also f' with the sign of −2x flipped: the constant kept is the likelier mistake
    (kept,) = check_derivative(X**3 - 2 * X + 4, 3 * X**2 + 2, X).wrong
    assert (kept.term, kept.expected, kept.given, kept.mistake) == (4, 0, 4, "kept_constant")
    both = check_derivative(X**3 - 2 * X + 4, 3 * X**2 + 6, X).wrong  # 6 = −(−2) + 4
    assert [(t.term, t.mistake) for t in both] == [(-2 * X, "sign"), (4, "kept_constant")]


def test_check_derivative_non_polynomial_answer_and_drills():
    (whole,) = check_derivative(F, sp.sin(X), X).wrong
    assert (whole.term, whole.given, whole.mistake) == (F, sp.sin(X), "wrong")
    for seed in range(1, 15):  # the constant kept on generated drills: named on that constant
        drill = polynomial_drill(seed, 2)
        constant = drill.expr.subs(X, 0)
        if constant:
            (kept,) = check_derivative(drill.expr, drill.answer + constant, X).wrong
            assert (kept.term, kept.mistake) == (constant, "kept_constant")


def test_limit_and_critical_drills_have_independent_answers():
    for seed in range(1, 25):
        drill = limit_drill(seed)
        assert drill.answer == limit_at(drill.expr, X, drill.point).value
        assert check_value(drill, drill.answer) and not check_value(drill, drill.answer + 1)
        drill = critical_drill(seed)
        (point,) = critical_points(drill.expr, X)
        assert (point.x, point.kind) == (drill.answer, "local_min")


@pytest.mark.parametrize(
    ("text", "kind", "answer"),
    [
        ("f'(x)=12x^2-12x", "derivative", Answer(12 * X**2 - 12 * X)),
        ("f′(x) = 12x^2 - 12x", "derivative", Answer(12 * X**2 - 12 * X)),
        ("  F'(X) = 3x", "derivative", Answer(3 * X)),
        ("y = 2x + 1", "derivative", Answer(2 * X + 1)),
        ("dy/dx=2x", "derivative", Answer(2 * X)),
        ("y' = 2x", "derivative", Answer(2 * X)),
        ("(x + 1)(x - 1)", "derivative", Answer((X + 1) * (X - 1))),  # brackets, not a point
        ("x = -1", "critical", Answer(-1)),
        ("-1/2", "critical", Answer(sp.Rational(-1, 2))),
        ("(2, -1)", "critical", Answer(2, -1)),
        ("2, -1", "critical", Answer(2, -1)),
        ("( sqrt(4) , -(1) )", "critical", Answer(2, -1)),
        ("max(1, 2)", "critical", Answer(2)),  # a comma inside a function's brackets
        ("L = 4", "limit", Answer(4)),
        ("oo", "limit", Answer(sp.oo)),
        ("∞", "limit", Answer(sp.oo)),
        ("-∞", "limit", Answer(-sp.oo)),
        ("-infinity", "limit", Answer(-sp.oo)),
        ("does not exist", "limit", Answer(None)),
        ("Does not exist.", "limit", Answer(None)),
        ("DNE", "limit", Answer(None)),
        ("없음", "limit", Answer(None)),
        ("존재하지 않음", "limit", Answer(None)),
    ],
)
def test_read_answer_accepts_natural_forms(text, kind, answer):
    assert read_answer(text, kind) == answer


@pytest.mark.parametrize(
    ("text", "kind", "code", "position"),
    [
        ("(2, -1)", "limit", "answer_form", 2),  # a point where a number is asked
        ("2, -1", "derivative", "answer_form", 1),
        ("(1, 2, 3)", "critical", "answer_form", 5),  # the second comma
        ("x", "limit", "answer_form", 0),
        ("x = 3x", "critical", "answer_form", 5),  # the x after the prefix
        ("x = 2", "derivative", "answer_form", 2),  # x = is not f'(x) =
        ("f(x) = 2", "critical", "answer_form", 5),
        ("x =", "critical", "answer_form", 3),
        ("DNE", "critical", "answer_form", None),
        ("DNE", "derivative", "answer_form", None),
        # the parser's own errors, positioned in what was typed (the prefix counted)
        ("f'(x)=8x-", "derivative", "incomplete", 8),
        ("f′(x) = 8y", "derivative", "unknown_name", 9),
        ("x = sinn 2", "critical", "unknown_name", 4),
        ("(1, 2y)", "critical", "answer_form", 5),  # a variable where a number belongs
    ],
)
def test_read_answer_refuses_other_forms_with_a_position(text, kind, code, position):
    with pytest.raises(InputError) as err:
        read_answer(text, kind)
    assert (err.value.code, err.value.position) == (code, position)
    if code == "answer_form":
        assert err.value.params == {"kind": kind}


def test_check_answer_gives_each_drill_its_own_hint():
    drill = critical_drill(5)  # x² − 4x + 3: minimum at 2, f(2) = −1
    assert check_answer(drill, Answer(2)) == Verdict(True)
    assert check_answer(drill, Answer(2, -1)) == Verdict(True)
    assert check_answer(drill, Answer(3)) == Verdict(False, "derivative_zero")
    assert check_answer(drill, Answer(-1)) == Verdict(False, "min_value")
    assert check_answer(drill, Answer(2, 5)) == Verdict(False, "wrong_y", value=-1)
    assert check_answer(drill, Answer(3, -1)).hint == "derivative_zero"
    limit = limit_drill(8)  # (x² − 4)/(x − 2) → 4
    assert check_answer(limit, Answer(4)).correct
    assert check_answer(limit, Answer(5)) == Verdict(False, "zero_over_zero")
    assert check_answer(limit, Answer(None)) == Verdict(False, "exists")
    assert check_answer(limit, Answer(sp.oo)) == Verdict(False, "exists")
    no_limit = Drill("limit", 1 / X, None, sp.Integer(0))
    assert check_answer(no_limit, Answer(None)).correct
    assert check_answer(no_limit, Answer(0)) == Verdict(False, "approach")
    infinite = Drill("limit", 1 / X**2, sp.oo, sp.Integer(0))
    assert check_answer(infinite, Answer(sp.oo)).correct
    assert not check_answer(infinite, Answer(-sp.oo)).correct
    assert not check_answer(infinite, Answer(None)).correct
    verdict = check_answer(polynomial_drill(1, 1), Answer(8 * X + 4))  # f' = 8x − 4
    assert (verdict.correct, verdict.hint, [t.mistake for t in verdict.wrong]) == (
        False,
        "terms",
        ["sign"],
    )
    assert check_answer(polynomial_drill(1, 1), Answer(4 * (2 * X - 1))) == Verdict(True)


def test_drill_key_names_the_problem():
    assert limit_drill(3).key == limit_drill(7).key  # both sin(2x)/x at 0
    assert limit_drill(3).key != limit_drill(4).key
    assert polynomial_drill(1, 1).key != polynomial_drill(1, 2).key


def test_limit_solution_agrees_with_the_engine():
    rules = set()
    for seed in range(1, 40):
        drill = limit_drill(seed)
        worked = limit_solution(drill)
        rules.add(worked.rule)
        assert worked.answer == drill.answer == limit_at(drill.expr, X, drill.point).value
        if worked.rule == "cancel":  # the factored fraction is f, and cancels to ``simpler``
            assert sp.simplify(worked.numerator / worked.denominator - drill.expr) == 0
            assert sp.degree(worked.simpler, X) == 1
        else:  # f = k · (standard form in u = kx), and the answer is k
            assert sp.simplify(worked.scale * worked.simpler - drill.expr) == 0
            assert worked.inner == worked.scale * X and worked.answer == worked.scale
    assert rules == {"cancel", "sin", "exp"}
    with pytest.raises(NotImplementedError):
        limit_solution(Drill("limit", 1 / X, None, sp.Integer(0)))


def test_critical_solution_and_solution_dispatch():
    for seed in range(1, 25):
        drill = critical_drill(seed)
        worked = critical_solution(drill)
        assert worked.derivative.subs(X, worked.x) == 0 and worked.x == drill.answer
        assert worked.second > 0 and worked.y == drill.expr.subs(X, drill.answer)
        assert solution(drill) == worked
    assert critical_solution(Drill("critical", X**2 - 4 * X + 1, 2)) == CriticalSolution(
        X**2 - 4 * X + 1, 2 * X - 4, 2, 2, -3
    )
    drill = polynomial_drill(2, 3)
    tree = solution(drill)
    assert tree == derivative_steps(drill.expr, X) and tree.result == drill.answer
    with pytest.raises(NotImplementedError):  # a maximum, not a minimum
        critical_solution(Drill("critical", -(X**2), 0))


def _numeric_limit(expr, point: float) -> float:
    """The limit as the average of f just left and right of the point (no SymPy limit)."""
    f = sp.lambdify(X, expr, "math")
    return (f(point - 1e-7) + f(point + 1e-7)) / 2


@pytest.mark.parametrize("level", [1, 2, 3])
def test_every_drill_follows_the_level(level):
    # found by a fresh user: the level changed only the derivative drill
    limits = [limit_drill(seed, level) for seed in range(1, 30)]
    criticals = [critical_drill(seed, level) for seed in range(1, 30)]
    for drill in limits:  # each answer checked against f's own values beside the point
        assert float(drill.answer) == pytest.approx(
            _numeric_limit(drill.expr, float(drill.point)), rel=1e-5
        )
        assert limit_solution(drill).answer == drill.answer  # the worked solution still works
    for drill in criticals:  # f′ = 2ax + b vanishes at the answer, and f″ = 2a > 0
        a, b = sp.Poly(drill.expr, X).all_coeffs()[:2]
        assert drill.answer == sp.Rational(-b, 2 * a) and a > 0
        assert critical_solution(drill).x == drill.answer
    denominators = {d.answer.q for d in criticals}
    if level == 1:
        assert denominators == {1}
        assert all(d == limit_drill(s) for s, d in enumerate(limits, 1))  # links still hold
    elif level == 2:
        assert denominators == {2}  # x² + bx + c with b odd: the minimum at a half
    else:
        assert 1 not in denominators and len(denominators) > 1
    if level > 1:  # harder drills: fractions as answers, not only the level-1 forms
        assert {d.expr for d in limits}.isdisjoint({limit_drill(s).expr for s in range(1, 30)})
        assert any(not d.answer.is_Integer for d in limits)
    if level == 3:  # the cubic 0/0 forms: (x³ − a³)/(x − a) → 3a², (x³ − a³)/(x² − a²) → 3a/2
        assert any(sp.fraction(d.expr)[0] == X**3 - d.point**3 for d in limits)


# ----------------------------------------------------------- mathcore.drills: the new kinds


SEEDS = range(1, 16)
TOL = mpmath.mpf(10) ** -20  # 30-digit mpmath against exact SymPy values


def numeric(expr, at):
    """``expr`` at x = ``at`` (mpf), by mpmath at 30 digits; σ as 1/(1 + e^(−u))."""
    expr = expr.replace(SIGMA, lambda u: 1 / (1 + sp.exp(-u)))
    with mpmath.workdps(30):
        return sp.lambdify(X, expr, modules="mpmath")(at)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_rules_drill_answer_is_the_slope_by_mpmath(level):
    """f′ of each product/quotient/chain/σ/tanh/softplus drill against mpmath's own numerical
    derivative (30 digits) at three points, and the σ-form shown in the solution equals it."""
    for seed in SEEDS:
        d = make(seed, level, "rules")
        f = sp.lambdify(X, d.expr, modules="mpmath")
        for t in ("-0.7", "0.3", "1.9"):
            with mpmath.workdps(30):
                slope = mpmath.diff(f, mpmath.mpf(t))
                assert abs(numeric(d.answer, mpmath.mpf(t)) - slope) < TOL * max(1, abs(slope))
        answer_line = walkthrough(d).solution[-1]
        shown = dict(answer_line.values).get("shown")
        if shown is not None:  # σ(kx)(1 − σ(kx))·k and friends: the same function
            with mpmath.workdps(30):
                for t in ("-0.7", "0.3"):
                    assert (
                        abs(numeric(shown, mpmath.mpf(t)) - numeric(d.answer, mpmath.mpf(t))) < TOL
                    )


def test_rules_drills_cover_the_activation_functions():
    topics = {make(seed, level, "rules").topic for seed in range(1, 20) for level in (1, 2, 3)}
    assert {"product", "quotient", "chain", "sigmoid", "tanh", "softplus", "swish"} <= topics


def test_rules_drill_checks_equivalent_forms_and_rejects_wrong_ones():
    d = next(make(s, 2, "rules") for s in range(1, 40) if make(s, 2, "rules").topic == "sigmoid")
    (power,) = d.expr.atoms(sp.exp)
    k = -power.args[0].coeff(X)  # σ(kx) = 1/(1 + e^(−kx))
    right = read(f"{k}*sigmoid({k}x)*(1 - sigmoid({k}x))", "rules")
    assert check(d, right).correct
    assert not check(d, read(f"sigmoid({k}x)*(1 - sigmoid({k}x))", "rules")).correct  # no k
    assert not check(d, read(f"{k}*sigmoid({k}x)", "rules")).correct
    tanh = make(2, 2, "rules")  # tanh(3x)
    assert tanh.expr == sp.tanh(3 * X)
    assert check(tanh, read("3/cosh(3x)^2", "rules")).correct
    assert check(tanh, read("3(1 - tanh(3x)^2)", "rules")).correct
    assert not check(tanh, read("1 - tanh(3x)^2", "rules")).correct


@pytest.mark.parametrize("level", [1, 2, 3])
def test_relu_drill_slopes_by_difference_quotients(level):
    """Left and right slopes by one-sided difference quotients at h = 10⁻¹⁰ (exact for lines);
    they differ at the corner, so f′(c) is undefined."""
    for seed in SEEDS:
        d = make(seed, level, "relu")
        c, h = d.point, sp.Rational(1, 10**10)
        left = (d.expr.subs(X, c) - d.expr.subs(X, c - h)) / h
        right = (d.expr.subs(X, c + h) - d.expr.subs(X, c)) / h
        assert d.answer == (left, right, None) and left != right
        assert check(d, read(f"{left}; {right}; undefined", "relu")).correct
        assert check(d, read(f"{left};{right};없음", "relu")).correct
        assert not check(d, read(f"{right}; {left}; undefined", "relu")).correct
        assert check(d, read(f"{left}; {right}; 0", "relu")).hint == "corner"


def test_relu_answer_form():
    assert read("0; 2; undefined", "relu").value == (0, 2, None)
    assert read(" -3 ;-1; DNE.", "relu").value == (-3, -1, None)
    with pytest.raises(InputError) as err:
        read("0, 2, undefined", "relu")
    assert err.value.code == "answer_form" and err.value.params == {"kind": "relu"}
    with pytest.raises(InputError) as err:
        read("0; 2x; undefined", "relu")
    assert err.value.position == 4  # the x, counted in what was typed


def approach(d):
    """The drill's expression at points approaching its point from its side, by mpmath."""
    if d.point.is_infinite:
        points = [1 if d.point == sp.oo else -1] * 4
        xs = [
            mpmath.mpf(s) * mpmath.mpf(10) ** k for s, k in zip(points, (3, 5, 7, 9), strict=True)
        ]
    else:
        s = -1 if d.side == "left" else 1
        xs = [mpmath.mpf(int(d.point)) + s * mpmath.mpf(10) ** -k for k in (6, 9, 12, 15)]
    with mpmath.workdps(60):
        f = sp.lambdify(X, d.expr, modules="mpmath")
        return [f(x) for x in xs]


@pytest.mark.parametrize("level", [1, 2, 3])
def test_one_sided_drill_answer_by_mpmath(level):
    for seed in SEEDS:
        d = make(seed, level, "one_sided")
        values = approach(d)
        if d.answer.is_infinite:
            assert all(v * d.answer.could_extract_minus_sign() <= 0 for v in values[-2:])
            assert abs(values[-1]) > 10**6 and abs(values[-1]) > abs(values[0])
            assert (values[-1] > 0) == (d.answer == sp.oo)
        else:
            assert abs(values[-1] - mpmath.mpf(sp.N(d.answer, 30))) < 1e-5
        assert check(d, Answer(d.answer)).correct
        wrong = -d.answer if d.answer != 0 else sp.Integer(1)
        assert not check(d, Answer(wrong)).correct
        assert not check(d, Answer(None)).correct  # "does not exist": it exists (or is ±∞)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_second_test_drill_answer_is_the_asked_extremum(level):
    """f′(answer) = 0 by hand, and f is larger (maximum) or smaller (minimum) there than at
    answer ± 1/1000 — checked on f itself, not with the second derivative."""
    for seed in SEEDS:
        d = make(seed, level, "second_test")
        x0 = d.answer
        assert derivative(d.expr, X).subs(X, x0) == 0
        near = [d.expr.subs(X, x0 + s * sp.Rational(1, 1000)) for s in (-1, 1)]
        here = d.expr.subs(X, x0)
        assert (
            all(here > v for v in near) if d.topic == "local_max" else all(here < v for v in near)
        )
        other = next(p.x for p in critical_points(d.expr, X) if p.x != x0)
        assert check(d, Answer(sp.Integer(x0))).correct
        assert check(d, Answer(other)).hint == "other"
        assert check(d, Answer(x0, here + 1)).hint == "wrong_y"
        assert check(d, Answer(x0, here)).correct


def central(d, w):
    """dL/dw by a central difference with h = 1: exact for the quadratic L."""
    loss = d.expr
    return (loss.subs(W, w + 1) - loss.subs(W, w - 1)) / 2


@pytest.mark.parametrize("level", [1, 2, 3])
def test_gradient_and_descent_step_by_hand(level):
    for seed in SEEDS:
        d = make(seed, level, "gradient")
        x, y, w = d.params
        assert d.expr == (W * x - y) ** 2 and d.answer == central(d, w) != 0
        assert check(d, Answer(d.answer)).correct
        assert check(d, Answer(sp.Float(float(d.answer) * (1 + 0.0009)))).correct  # within 0.1 %
        assert not check(d, Answer(d.answer + sp.Rational(1, 10))).correct
        assert check(d, Answer(-d.answer)).hint == "sign"
        step = make(seed, level, "descent_step")
        x, y, w, eta = step.params
        assert step.answer == w - eta * central(step, w)  # w := w − η·dL/dw, by hand
        assert check(step, Answer(step.answer)).correct
        assert check(step, Answer(w + eta * central(step, w))).hint == "plus"


def test_gradient_drill_hand_iterated_example():
    d = make(1, 1, "gradient")  # x = 1, y = 3, w = 2: u = 2 − 3 = −1, dL/dw = 2·(−1)·1 = −2
    assert d.params == (1, 3, 2) and d.answer == -2
    assert read("dL/dw = -2", "gradient").value == -2
    assert check(d, read("-2.0", "gradient")).correct
    assert check(d, read("-1", "gradient")).hint == "forgot_2"
    s = make(1, 1, "descent_step")  # x = 2, y = 4, w = −1, η = 1/10 (see the page test)
    x, y, w, eta = s.params
    assert s.answer == w - eta * 2 * (w * x - y) * x
    assert check(s, read(f"w = {float(s.answer)}", "descent_step")).correct


def test_drills_are_reproducible_and_old_kinds_unchanged():
    for kind in KINDS:
        assert make(4, 2, kind) == make(4, 2, kind)
        assert len({make(seed, 2, kind).key for seed in range(1, 8)}) > 2  # seeds differ
    assert make(3, 1, "derivative") == polynomial_drill(3, 1)
    assert make(3, 2, "limit") == limit_drill(3, 2)
    assert make(3, 3, "critical") == critical_drill(3, 3)
    with pytest.raises(ValueError):
        make(1, 1, "integral")


def rendered(lang, line: Line) -> str:
    return text(lang, line.key, **{k: str(v) for k, v in line.values})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 10**6), st.sampled_from([1, 2, 3]), st.sampled_from(KINDS))
def test_every_drill_has_hints_a_next_step_and_a_solution(seed, level, kind):
    """For any seed, level and kind: 1–3 hints, a next step that starts the solution, and a
    solution; every line in both catalogs, formatted without a missing placeholder; the
    solution's last word is the drill's own answer."""
    d = make(seed, level, kind)
    walk = walkthrough(d)
    assert 1 <= len(walk.hints) <= 3 and walk.step and walk.solution
    for part in (*walk.hints, *walk.step, *walk.solution):
        if isinstance(part, Line):
            for lang in ("en", "ko"):
                assert part.key in catalog(lang)
                assert rendered(lang, part)
    assert check(d, Answer(d.answer)).correct
    last = walk.solution[-1]
    if kind in ("limit", "one_sided"):
        assert last.value == d.answer
    elif kind in ("gradient", "descent_step"):
        assert dict(last.values)["g" if kind == "gradient" else "new"] == d.answer
    elif kind in ("derivative", "rules"):
        assert dict(last.values)["answer"] == d.answer
    elif kind == "second_test":
        assert dict(last.values)["x"] == d.answer


def test_walkthrough_is_picklable_through_the_bounded_runner():
    from mathcore import run_bounded

    for kind in KINDS:
        d = make(2, 2, kind)
        assert run_bounded(drills.walkthrough, d) == walkthrough(d)
        assert run_bounded(drills.check, d, Answer(d.answer)).correct


@pytest.mark.parametrize("kind", drills.KINDS)
def test_the_next_step_never_is_the_whole_solution(kind):
    """The next step is free (it costs no points): it must not be the worked solution itself.
    A one-step limit (e^(1/(x+1)) as x → −1⁺: "limit laws … = ∞") gave the answer away (a
    second fresh pair of eyes); there the step says what to do, not the result."""
    for seed in range(1, 16):
        for level in (1, 2, 3):
            found = drills.walkthrough(drills.drill(seed, level, kind))
            assert found.step != found.solution, (seed, level)
