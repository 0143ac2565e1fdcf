"""parse_expression: notation students type, checked numerically; errors with code and position."""

import math

import pytest
import sympy as sp

from mathcore import InputError, parse_expression, parse_numbers

x = sp.Symbol("x", real=True)
EVERYWHERE = (-2.3, -0.7, 0.4, 1.9, 3.1)
POSITIVE = (0.4, 1.9, 3.1)


def relu(v):
    return max(0.0, v)


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
    ("x² + 1 = 3", "bad_character", 7),
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
    ("sqrt(-1) x", "not_real", None),
    ("ln(sin(pi)) + x", "undefined_value", None),
    ("asin(2) x", "not_real", None),
    (
        "x + (-1)^pi",
        "not_real",
        None,
    ),  # SymPy's principal value is complex (found by a property test)
    ("(-8)^(1/3)", "not_real", None),
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
