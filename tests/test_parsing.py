"""parse_expression: notation students type, checked numerically; errors with code and position."""

import math

import numpy as np
import pytest
import sympy as sp

from mathcore import InputError, parse_expression, parse_numbers

x = sp.Symbol("x", real=True)
EVERYWHERE = (-2.3, -0.7, 0.4, 1.9, 3.1)
POSITIVE = (0.4, 1.9, 3.1)


SMALL = (-0.9, -0.3, 0.2, 0.8)  # inside the domain of arcsin and arccos


def relu(v):
    return max(0.0, v)


def real_root(v, n):
    """The real n-th root for odd n, by hand: −∛8 = ∛−8 = −2."""
    return math.copysign(abs(v) ** (1 / n), v)


NOTATION = [
    ("x^2", lambda v: v**2, EVERYWHERE),
    ("x**2", lambda v: v**2, EVERYWHERE),
    ("2x", lambda v: 2 * v, EVERYWHERE),
    ("3x(x-1)", lambda v: 3 * v * (v - 1), EVERYWHERE),
    ("(x+1)(x-1)", lambda v: (v + 1) * (v - 1), EVERYWHERE),
    ("sin x", math.sin, EVERYWHERE),
    ("cos 2x", lambda v: math.cos(2 * v), EVERYWHERE),
    ("sin^2(x)", lambda v: math.sin(v) ** 2, EVERYWHERE),
    ("sin^2 x", lambda v: math.sin(v) ** 2, EVERYWHERE),
    ("e^x", math.exp, EVERYWHERE),
    ("eˣ", math.exp, EVERYWHERE),
    ("exp(x)", math.exp, EVERYWHERE),
    ("ln x", math.log, POSITIVE),
    ("log(x)", math.log, POSITIVE),
    ("|x|", abs, EVERYWHERE),
    ("|x - 1| + |x|", lambda v: abs(v - 1) + abs(v), EVERYWHERE),
    ("sqrt(x)", math.sqrt, POSITIVE),
    ("√x", math.sqrt, POSITIVE),
    ("√(x+1)", lambda v: math.sqrt(v + 1), POSITIVE),
    ("pi x", lambda v: math.pi * v, EVERYWHERE),
    ("π x", lambda v: math.pi * v, EVERYWHERE),
    ("2π", lambda v: 2 * math.pi, EVERYWHERE),
    ("x²", lambda v: v**2, EVERYWHERE),
    ("x³", lambda v: v**3, EVERYWHERE),
    ("x⁻¹", lambda v: 1 / v, EVERYWHERE),
    ("2·x", lambda v: 2 * v, EVERYWHERE),
    ("3×x", lambda v: 3 * v, EVERYWHERE),
    ("x − 1", lambda v: v - 1, EVERYWHERE),
    ("relu(x)", relu, EVERYWHERE),
    ("ReLU(x)", relu, EVERYWHERE),
    ("sigmoid(x)", lambda v: 1 / (1 + math.exp(-v)), EVERYWHERE),
    ("tanh x", math.tanh, EVERYWHERE),
    ("arctan x", math.atan, EVERYWHERE),
    ("atan(x)", math.atan, EVERYWHERE),
    ("floor(x)", math.floor, EVERYWHERE),
    ("sign(x)", lambda v: math.copysign(1, v), EVERYWHERE),
    ("max(x, 0)", relu, EVERYWHERE),
    ("min(x, 1)", lambda v: min(v, 1.0), EVERYWHERE),
    ("1.5x", lambda v: 1.5 * v, EVERYWHERE),
    ("ｘ^2", lambda v: v**2, EVERYWHERE),
    ("4x^3 - 2x^2 + x - 7", lambda v: 4 * v**3 - 2 * v**2 + v - 7, EVERYWHERE),
    ("1/(x+1)", lambda v: 1 / (v + 1), EVERYWHERE),
    ("xe^x", lambda v: v * math.exp(v), EVERYWHERE),
    ("log(x, 2)", math.log2, POSITIVE),
    # absolute value glued to what comes before it
    ("x|x|", lambda v: v * abs(v), EVERYWHERE),
    ("ln|x|", lambda v: math.log(abs(v)), EVERYWHERE),
    ("2|x|", lambda v: 2 * abs(v), EVERYWHERE),
    ("|x|x", lambda v: abs(v) * v, EVERYWHERE),
    ("|x-1||x+1|", lambda v: abs(v - 1) * abs(v + 1), EVERYWHERE),
    ("sin|x|", lambda v: math.sin(abs(v)), EVERYWHERE),
    # inverse trigonometric notation; powers of functions
    ("sin^-1 x", math.asin, SMALL),
    ("sin^(-1)(x)", math.asin, SMALL),
    ("sin⁻¹x", math.asin, SMALL),
    ("cos^-1 x", math.acos, SMALL),
    ("cos^(-1)(x)", math.acos, SMALL),
    ("tan^-1 x", math.atan, EVERYWHERE),
    ("tan^(-1)(2x)", lambda v: math.atan(2 * v), EVERYWHERE),
    ("sin^-2 x", lambda v: 1 / math.sin(v) ** 2, EVERYWHERE),
    # a function without brackets takes the next factor only
    ("sin x cos x", lambda v: math.sin(v) * math.cos(v), EVERYWHERE),
    ("sin 2x", lambda v: math.sin(2 * v), EVERYWHERE),
    ("sin x^2", lambda v: math.sin(v**2), EVERYWHERE),
    ("ln x + 1", lambda v: math.log(v) + 1, POSITIVE),
    ("x sin x cos x", lambda v: v * math.sin(v) * math.cos(v), EVERYWHERE),
    ("e^x sin x", lambda v: math.exp(v) * math.sin(v), EVERYWHERE),
    ("sin x/x", lambda v: math.sin(v) / v, EVERYWHERE),
    ("sin x * cos x", lambda v: math.sin(v) * math.cos(v), EVERYWHERE),
    ("sin 2x cos x", lambda v: math.sin(2 * v) * math.cos(v), EVERYWHERE),
    ("ln sin x", lambda v: math.log(math.sin(v)), POSITIVE[:2]),
    ("e^sin x", lambda v: math.exp(math.sin(v)), EVERYWHERE),
    ("sin x (x+1)", lambda v: math.sin(v) * (v + 1), EVERYWHERE),
    # real odd roots, defined on all of R; even roots need a base >= 0
    ("x^(1/3)", lambda v: real_root(v, 3), EVERYWHERE),
    ("x^(2/3)", lambda v: real_root(v, 3) ** 2, EVERYWHERE),
    ("x^(-1/3)", lambda v: 1 / real_root(v, 3), EVERYWHERE),
    ("x^(5/3)", lambda v: real_root(v, 3) ** 5, EVERYWHERE),
    ("x^0.2", lambda v: real_root(v, 5), EVERYWHERE),
    ("∛x", lambda v: real_root(v, 3), EVERYWHERE),
    ("∛(x-1)", lambda v: real_root(v - 1, 3), EVERYWHERE),
    ("cbrt(x)", lambda v: real_root(v, 3), EVERYWHERE),
    ("root(x, 5)", lambda v: real_root(v, 5), EVERYWHERE),
    ("root(x, 4)", lambda v: v**0.25, POSITIVE),
    ("∜x", lambda v: v**0.25, POSITIVE),
    ("x^(3/4)", lambda v: v**0.75, POSITIVE),
    # piecewise functions
    ("{x < 0: -x, x}", abs, EVERYWHERE),
    ("{x < 0: -x, x >= 0: x^2}", lambda v: -v if v < 0 else v**2, EVERYWHERE),
    ("{x ≤ 1: 1, 2}", lambda v: 1 if v <= 1 else 2, EVERYWHERE),
    ("{-1 < x < 1: x^2, otherwise: 1}", lambda v: v**2 if -1 < v < 1 else 1, EVERYWHERE),
    ("Piecewise((x, x > 0), (0, True))", relu, EVERYWHERE),
    ("Piecewise((x, x > 0), (0, otherwise))", relu, EVERYWHERE),
]


@pytest.mark.parametrize(("text", "reference", "points"), NOTATION, ids=[n[0] for n in NOTATION])
def test_parse_expression_notation(text, reference, points):
    expr = parse_expression(text)
    assert expr.free_symbols <= {x}
    for v in points:
        assert float(expr.subs(x, v)) == pytest.approx(reference(v), rel=1e-12, abs=1e-12)


def test_parse_expression_symbols_are_real():
    assert parse_expression("sqrt(x^2)") == sp.Abs(x)
    assert parse_expression("x").is_real is True


def test_parse_expression_other_variables():
    w, b = sp.symbols("w b", real=True)
    assert parse_expression("(w x - 3)^2", variables=("w", "x")) == (w * x - 3) ** 2
    assert parse_expression("2wb", variables=("w", "b")) == 2 * w * b
    with pytest.raises(InputError) as err:
        parse_expression("w + x", variables=("w",))
    assert (err.value.code, err.value.position, err.value.params["variables"]) == (
        "unknown_name",
        4,
        "w",
    )


def test_parse_expression_decimals_are_exact():
    assert parse_expression("0.1x") == x / 10


ERRORS = [
    ("", "empty", None),
    ("   ", "empty", None),
    ("x" * 301, "too_long", 300),
    ("sinn(x)", "unknown_name", 0),
    ("x + y", "unknown_name", 4),
    ("sinx", "unknown_name", 0),
    ("2*х", "bad_character", 2),  # Cyrillic ha
    ("x² + 1 = 3", "not_allowed", 7),
    ("x < 1", "not_allowed", 2),
    ("otherwise", "not_allowed", 0),
    ("x!1", "not_allowed", 1),
    ("sin(x", "unbalanced", 3),
    ("x)", "unbalanced", 1),
    ("|x", "unbalanced", 0),
    ("x +", "incomplete", 2),
    ("* x", "syntax", 0),
    ("x */ 2", "syntax", 3),
    ("0x10", "bad_number", 0),
    ("2j", "bad_number", 0),
    ("1e999999", "too_large", 0),
    ("1" * 120, "too_large", 0),
    ("9^9^9^9", "too_large", None),
    ("(((99^99)^99)^99)^99", "too_large", None),
    ("factorial(10^10)", "too_large", None),
    ("x.real", "not_allowed", 1),
    ("sin", "arity", 0),
    ("max(x)", "arity", 0),
    ("(" * 40 + "x" + ")" * 40, "too_complex", 30),
    ("ln(0) + x", "undefined_value", None),
    ("x/0", "undefined_value", None),
    ("relu(0/0)", "undefined_value", None),
    ("max(x, 1/0)", "undefined_value", None),
    ("sqrt(-1) x", "not_real", None),
    ("ln(sin(pi)) + x", "undefined_value", None),
    ("asin(2) x", "not_real", None),
    (
        "x + (-1)^pi",
        "not_real",
        None,
    ),  # SymPy's principal value is complex (found by a property test)
    ("(-16)^(1/4)", "not_real", None),
    ("(-8)^(3/4)", "not_real", None),
    ("2..3", "bad_number", 2),
    ("1.2.3", "bad_number", 3),
    ("3..", "bad_number", 2),
    ("x + 1e5.5", "bad_number", 7),
    ("root(x, 0)", "undefined_value", None),
    ("sinh^-1 x", "ambiguous_inverse", 4),
    ("ln^(-1) x", "ambiguous_inverse", 2),
    ("{x < 0: -x, x", "unbalanced", 0),
    ("{x < 0: -x, x)", "unbalanced", 13),
    ("x}", "unbalanced", 1),
    ("{x < 0, x}", "piecewise", 1),
    ("{x < 0: -x, }", "piecewise", 12),
    ("{}", "piecewise", 1),
    ("{x: 1, 0}", "piecewise", 1),
    ("{x < 0: 1: 2, 3}", "piecewise", 9),
    ("{x < 0: , 0}", "piecewise", 6),
    ("{: 1, 0}", "syntax", 1),
    ("{x < 0: x > 1, 0}", "not_allowed", 10),
    ("sin(x < 0)", "not_allowed", 6),
    ("Piecewise(x, 1)", "piecewise", 10),
    ("Piecewise", "piecewise", 0),
    ("{x < 1/0: 1, 0}", "undefined_value", None),
]


@pytest.mark.parametrize(("text", "code", "position"), ERRORS, ids=[e[0][:20] for e in ERRORS])
def test_parse_expression_errors(text, code, position):
    with pytest.raises(InputError) as err:
        parse_expression(text)
    assert (err.value.code, err.value.position) == (code, position)
    assert isinstance(err.value, ValueError)
    assert err.value.message


def test_parse_expression_suggestions():
    def suggestion(text):
        with pytest.raises(InputError) as err:
            parse_expression(text)
        return err.value.params.get("suggestion")

    assert suggestion("sinn x") == "sin"
    assert suggestion("sinx") == "sin(x)"
    assert suggestion("y") is None
    assert suggestion("2*х") == "x"


def test_parse_numbers_reads_a_data_column_and_points_at_what_is_wrong():
    assert parse_numbers(" 0, 1.5 ,-2, pi") == (0, sp.Rational(3, 2), -2, sp.pi)
    cases = {  # text: (code, position)
        "1, 2, y": ("unknown_name", 6),
        "1,,2": ("missing_number", 2),
        "1, 1e9": ("out_of_range", 3),
        "1, -oo": ("out_of_range", 3),
        ",".join("1" * 13): ("too_many_numbers", 25),
        "1, 1/0": ("undefined_value", None),
    }
    for text, (code, position) in cases.items():
        with pytest.raises(InputError) as err:
            parse_numbers(text)
        assert (err.value.code, err.value.position) == (code, position), text


def test_parse_expression_real_odd_roots():
    assert parse_expression("(-8)^(1/3)") == -2
    assert parse_expression("(-8)^(2/3)") == 4
    assert parse_expression("(-32)^0.2") == -2
    assert parse_expression("∛(-27)") == -3
    cube_root = parse_expression("x^(1/3)")
    assert cube_root == sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)
    assert (cube_root.subs(x, -8), cube_root.subs(x, 8)) == (-2, 2)
    assert parse_expression("x^(2/3)").subs(x, -8) == 4
    assert parse_expression("x^(2/3)") == sp.Abs(x) ** sp.Rational(2, 3)
    assert parse_expression("x^(1/2)") == sp.sqrt(x)  # even roots stay principal
    assert parse_expression("(x^2 + 1)^(1/3)") == (x**2 + 1) ** sp.Rational(1, 3)  # base >= 0


def test_parse_expression_function_application():
    same = {
        "sin x cos x": sp.sin(x) * sp.cos(x),
        "sin 2x": sp.sin(2 * x),
        "sin x^2": sp.sin(x**2),
        "ln x + 1": sp.log(x) + 1,
        "x sin x cos x": x * sp.sin(x) * sp.cos(x),
        "e^x sin x": sp.exp(x) * sp.sin(x),
        "sin x/x": sp.sin(x) / x,
        "sin^2 x": sp.sin(x) ** 2,
        "sin^-2 x": 1 / sp.sin(x) ** 2,
        "sin^-1 x": sp.asin(x),
        "cos^(-1)(x)": sp.acos(x),
        "tan^-1 x": sp.atan(x),
        "x|x|": x * sp.Abs(x),
        "ln|x|": sp.log(sp.Abs(x)),
        "sin|x|": sp.sin(sp.Abs(x)),
        "ln|x|^2": sp.log(x**2),
    }
    for text, expected in same.items():
        assert parse_expression(text) == expected, text


def test_parse_expression_piecewise():
    assert parse_expression("{x != 0: x^2 sin(1/x), 0}") == sp.Piecewise(
        (x**2 * sp.sin(1 / x), sp.Ne(x, 0)), (0, True)
    )
    assert parse_expression("{x ≠ 0: x^2 sin(1/x), 0}") == parse_expression(
        "Piecewise((x^2 sin(1/x), x != 0), (0, True))"
    )
    assert parse_expression("{x < 0: -x, x}") == sp.Piecewise((-x, x < 0), (x, True))
    assert parse_expression("{x = 0: 1, 0}") == sp.Piecewise((1, sp.Eq(x, 0)), (0, True))
    chain = parse_expression("{0 < x < 1: x}")
    assert chain == sp.Piecewise((x, sp.And(x > 0, x < 1)))
    assert isinstance(chain, sp.Piecewise)
    nested = parse_expression("{x < 0: {x < -1: 1, 2}, 3}")
    assert [nested.subs(x, v) for v in (-2, -0.5, 1)] == [1, 2, 3]


def test_parse_expression_piecewise_without_otherwise_is_undefined_there():
    from mathcore import numeric_values
    from mathcore.points import value_at
    from mathcore.sampling import evaluate

    expr = parse_expression("{0 < x < 1: x}")
    assert expr.subs(x, 2) is sp.nan
    assert value_at(expr, x, sp.Integer(2)) is None
    assert value_at(expr, x, sp.Rational(1, 2)) == sp.Rational(1, 2)
    values = numeric_values(expr, x, [0.5, 2])
    assert values[0] == 0.5 and math.isnan(values[1])
    sampled = evaluate(expr, x, np.array([0.5, 2.0]))
    assert sampled[0] == 0.5 and math.isnan(sampled[1])


def test_log_with_a_base_in_its_name_suggests_the_base_as_second_argument():
    # found by a fresh pair of eyes: log10 suggested "log", which is ln in the course
    for typed, suggestion in (("log10(x)", "log(x, 10)"), ("log2 x", "log(x, 2)")):
        with pytest.raises(InputError) as info:
            parse_expression(typed)
        assert info.value.params["suggestion"] == suggestion
        x = sp.Symbol("x", real=True)
        base = int(suggestion.split(", ")[1].rstrip(")"))
        assert parse_expression(suggestion) == sp.log(x) / sp.log(base)
