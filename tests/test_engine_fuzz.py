"""Property: random allowed-alphabet input through every page's engine entry points (in the
bounded runner) and through a whole page raises nothing the UI does not handle."""

import contextlib

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mathcore as mc
from mathcore.registry import ENTRY_POINTS
from tests.apptest import open_page
from tests.test_parsing_properties import PIECES

X = sp.Symbol("x", real=True)
HANDLED = (mc.InputError, mc.ComputationLimit, NotImplementedError)  # what ui.inputs catches
FUNCTIONS = [
    "sin",
    "cos",
    "tan",
    "ln",
    "sqrt",
    "exp",
    "abs",
    "relu",
    "floor",
    "sigmoid",
    "atan",
    "sign",
    "tanh",
]
well_formed = st.recursive(
    st.sampled_from(["x", "x", "2", "3", "1.5", "pi", "e", "0", "-1"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "^"]), inner).map(
            lambda t: f"({t[0]}){t[1]}({t[2]})"
        ),
        st.tuples(st.sampled_from(FUNCTIONS), inner).map(lambda t: f"{t[0]}({t[1]})"),
    ),
    max_leaves=5,
)
formulas = st.one_of(
    st.tuples(st.sampled_from(FUNCTIONS), well_formed).map(lambda t: f"{t[0]}({t[1]})"),
    well_formed,
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas)
def test_engine_entry_points_raise_only_handled_errors(text):
    try:
        expr = mc.parse_expression(text)
    except mc.InputError:
        return
    for entry in ENTRY_POINTS:  # every engine call the pages make, with typical arguments
        with contextlib.suppress(HANDLED):
            mc.run_bounded(entry.fn, *entry.arguments(expr, X), timeout_s=1.0)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas)
def test_limits_page_never_shows_an_uncaught_exception(text):
    at = open_page("limits", lang="en", f=text, a="0")
    assert not at.exception, (text, at.exception)


W, B = sp.symbols("w b", real=True)
columns = st.lists(st.sampled_from([*PIECES, ",", ", ", "1", "-2.5"]), max_size=16).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(columns, columns)
def test_backprop_data_columns_raise_only_handled_errors(xs, ys):
    """The loss-surface lab's text inputs, through the engine calls its page makes."""
    try:
        loss = mc.mean_squared_error(mc.parse_numbers(xs), mc.parse_numbers(ys), W, B)
    except mc.InputError:
        return
    for fn, args in ((mc.partial_derivatives, ([W, B],)), (mc.derivative_steps, (W,))):
        with contextlib.suppress(HANDLED):
            mc.run_bounded(fn, loss, *args, timeout_s=1.0)
    mc.curvature(loss, [W, B])
    mc.gradient_descent(loss, [W, B], [0.0, 0.0], 0.01, 5)
