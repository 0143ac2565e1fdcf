"""Property: any text gives an expression in the allowed symbols or an InputError, nothing else."""

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathcore import InputError, parse_expression

PIECES = [
    "x",
    "2",
    "10",
    "1.5",
    "9",
    "+",
    "-",
    "*",
    "/",
    "^",
    "**",
    "(",
    ")",
    ",",
    " ",
    "|",
    "sin",
    "cos",
    "e",
    "pi",
    "ln",
    "log",
    "sqrt",
    "√",
    "²",
    "relu",
    "max",
    "floor",
    "factorial",
    "sigmoid",
    "y",
    ".",
    "π",
    "−",
    "·",
    "abs",
    "tanh",
    "0",
    "{",
    "}",
    ":",
    "<",
    "<=",
    "=",
    "!=",
    "≥",
    "∛",
    "∜",
    "cbrt",
    "root",
    "^-1",
    "otherwise",
    "Piecewise",
    "True",
    "..",
]


def check(text):
    try:
        expr = parse_expression(text)
    except InputError as err:
        assert err.code and err.message
        assert err.position is None or 0 <= err.position <= len(text)
        return
    assert isinstance(expr, sp.Expr)
    assert {s.name for s in expr.free_symbols} <= {"x"}


@settings(max_examples=400, deadline=2500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_parse_expression_any_text(text):
    check(text)


@settings(max_examples=600, deadline=2500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_parse_expression_allowed_alphabet(text):
    check(text)
