"""The engine's entry points, listed once: every call the pages make, with typical arguments.

Warm-up (:mod:`mathcore.warmup`), the fuzz test, the bounded-runner test and the engine bench
(``bench/engine.py``) all read :data:`ENTRY_POINTS`, so an entry point added here is warmed in every
worker, fuzzed with random formulas, checked through :func:`mathcore.run_bounded` (its arguments and
result pickle) and timed. A test checks that every engine call in ``ui/`` is listed.

>>> x = sp.Symbol("x", real=True)
>>> by_name = {e.name: e for e in ENTRY_POINTS}
>>> by_name["derivative"].call(x**3, x)
3*x**2
>>> by_name["limit_at(0)"].call(sp.sin(x) / x, x).value
1
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from mathcore.backprop import surface_analysis
from mathcore.continuity import classify_continuity, continuity_analysis, differentiability_at
from mathcore.derivatives import (
    derivative,
    derivatives_analysis,
    difference_quotient,
    difference_quotients,
    partial_derivatives,
    tangent_line,
)
from mathcore.descent import loss_descent_analysis
from mathcore.diffsteps import derivative_steps
from mathcore.drills import walkthrough
from mathcore.epsilon_delta import epsilon_delta
from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.extrema import (
    absolute_extrema,
    critical_point_search,
    critical_points,
    extrema_analysis,
    piecewise_constant,
)
from mathcore.limits import approach_table, limit_at, limits_analysis
from mathcore.limitsteps import limit_steps
from mathcore.optimization import gradient_descent
from mathcore.parsing import parse_expression
from mathcore.points import numeric, value_at
from mathcore.practice import Drill
from mathcore.sampling import sample_function, sample_windows


@dataclass(frozen=True)
class EntryPoint:
    """One engine call: ``fn(*arguments(f, x))`` for a function f of x.

    ``example`` is a typical f, as a student types it (the bench times the call on it).
    ``warm``: run by :mod:`mathcore.warmup` in every worker — False where another entry point
    already runs the same code (``derivative(2)`` after ``derivative``) or the pages call it only
    on a few fixed formulas that are cached (the neuron's partial derivatives), so that the
    worker pool still starts in about a second."""

    name: str
    fn: Callable
    arguments: Callable[[sp.Expr, sp.Symbol], tuple]
    example: str
    warm: bool = True

    def call(self, expr: sp.Expr, var: sp.Symbol):
        """``fn`` on ``expr`` with this entry point's typical arguments, in this process."""
        return self.fn(*self.arguments(expr, var))


def _data(expr, var):
    """Arguments ``(xs, ys)``: the data x = 0, 1, 2, 3 and y = f(x) (a line's when f is one)."""
    xs = (0, 1, 2, 3)
    return xs, tuple(expr.subs(var, v) for v in xs)


def _at(*rest):
    """Arguments ``(f, x, *rest)``: the usual shape of an entry point."""
    return lambda expr, var: (expr, var, *rest)


_HS = (0.1, 0.01, -0.1, -0.01)

# Warmed in every worker: what the pages call — one analysis per page, and derivative_steps
# (/gradient-descent's derivation). Their parts run inside them, so warming the parts too only
# lengthened the workers' start.
ENTRY_POINTS: tuple[EntryPoint, ...] = (
    EntryPoint("limit_at(0)", limit_at, _at(0), "sin(x)/x", warm=False),
    EntryPoint("limit_at(-1)", limit_at, _at(-1), "1/(x+1)", warm=False),
    EntryPoint("limit_at(oo)", limit_at, _at(sp.oo), "(1+1/x)^x", warm=False),
    EntryPoint("approach_table(0)", approach_table, _at(0), "(x^2-1)/(x-1)", warm=False),
    EntryPoint("limits_analysis(0)", limits_analysis, _at(0), "sin(x)/x"),
    EntryPoint("limits_analysis(oo)", limits_analysis, _at(sp.oo), "(1+1/x)^x"),
    EntryPoint("limit_steps(0)", limit_steps, _at(0), "(e^x - 1 - x)/x^2", warm=False),
    EntryPoint("epsilon_delta(0)", epsilon_delta, _at(0), "sin(x)/x", warm=False),
    EntryPoint("value_at(1)", value_at, _at(sp.Integer(1)), "(x^2-1)/(x-1)", warm=False),
    EntryPoint("classify_continuity(1)", classify_continuity, _at(1), "(x^2-1)/(x-1)", warm=False),
    EntryPoint("differentiability_at(0)", differentiability_at, _at(0), "relu(x)", warm=False),
    EntryPoint("continuity_analysis(0)", continuity_analysis, _at(0), "relu(x)"),
    EntryPoint("derivative", derivative, _at(), "x^2 sin x", warm=False),
    EntryPoint("derivative(2)", derivative, _at(2), "x^2 sin x", warm=False),
    EntryPoint("derivative_steps", derivative_steps, _at(), "x^2 sin x + e^(2x)/x"),
    EntryPoint(  # /practice's hints, next step and solution of a product/quotient/chain drill
        "walkthrough(rules)",
        walkthrough,
        lambda expr, var: (Drill("rules", expr, None),),
        "x^2 e^(3x)",
        warm=False,
    ),
    EntryPoint("tangent_line(3)", tangent_line, _at(3), "x^2 - 4x + 3", warm=False),
    EntryPoint(
        "difference_quotient(1, 1e-6)", difference_quotient, _at(1, 1e-6), "sin x", warm=False
    ),
    EntryPoint("difference_quotients(1)", difference_quotients, _at(1, _HS), "sin x", warm=False),
    EntryPoint("derivatives_analysis(1)", derivatives_analysis, _at(1), "x^2 sin x"),
    EntryPoint("critical_points", critical_points, _at(), "x^2 - 4x + 3", warm=False),
    EntryPoint("critical_point_search", critical_point_search, _at(), "x^2 sin x", warm=False),
    EntryPoint("piecewise_constant", piecewise_constant, _at(), "floor(x)^2", warm=False),
    EntryPoint("extrema_analysis", extrema_analysis, _at(), "x^3 - 3x"),
    EntryPoint("absolute_extrema", absolute_extrema, _at((-1.5, 10)), "x^3 - 3x", warm=False),
    EntryPoint("sample_function(-5, 5)", sample_function, _at(-5, 5, 600), "1/(x+1)", warm=False),
    EntryPoint("sample_windows", sample_windows, _at([(-1.0, 1.0)], 800), "sin(1/x)", warm=False),
    EntryPoint("numeric", numeric, _at([0.5, 1.5]), "ln(x)", warm=False),
    EntryPoint(
        "partial_derivatives",
        partial_derivatives,
        lambda expr, var: (expr * sp.Symbol("b", real=True), [var, sp.Symbol("b", real=True)]),
        "(2x - 4)^2",
        warm=False,
    ),
    EntryPoint("surface_analysis", surface_analysis, _data, "2x + 1"),
    EntryPoint(  # /gradient-descent's own loss, typed in w (here the example in x)
        "loss_descent_analysis", loss_descent_analysis, _at(2.0, 30), "x^4 - 3x^2 + x", warm=False
    ),
    EntryPoint(
        "gradient_descent(5 steps)",
        gradient_descent,
        lambda expr, var: (expr, [var], [0.5], 0.01, 5),
        "(2x - 4)^2",
        warm=False,
    ),
)


# Everyday shapes — a quotient with a hole, a kink, a root that ends — deliberately not the
# functions bench/latency.py types, so its timing is not of cached answers.
WARM_SHAPES = ("(x^2-4)/(x-2)", "|x-1|", "sqrt(x+1)")


def warm_calls(examples: bool = True, shapes: bool = True) -> tuple[tuple[str, str], ...]:
    """The calls that warm a worker: ``(entry point name, f as typed)`` for each ``warm``
    entry point on its example (``examples``) and on each of :data:`WARM_SHAPES` (``shapes``).

    >>> warm_calls()[:2]
    (('limits_analysis(0)', 'sin(x)/x'), ('limits_analysis(0)', '(x^2-4)/(x-2)'))
    >>> len(warm_calls(shapes=False)), len(warm_calls(examples=False)), len(warm_calls())
    (7, 21, 28)
    """
    return tuple(
        (entry.name, text)
        for entry in ENTRY_POINTS
        if entry.warm
        for text in ((entry.example,) if examples else ()) + (WARM_SHAPES if shapes else ())
    )


def warm_call(name: str, text: str) -> bool:
    """Run one of :func:`warm_calls` in this process; did it answer (a refusal is no failure:
    only the code paths it ran matter)?

    >>> warm_call("extrema_analysis", "x^3 - 3x")
    True
    """
    entry = next(e for e in ENTRY_POINTS if e.name == name)
    with warnings.catch_warnings():  # NumPy's "divide by zero" at a pole: expected, not news
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            entry.call(parse_expression(text), sp.Symbol("x", real=True))
        except (InputError, NotImplementedError, *SYMPY_FAILURES):
            return False
    return True
