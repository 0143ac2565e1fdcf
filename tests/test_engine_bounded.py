"""Every engine entry point runs through run_bounded: arguments and results pickle."""

import ast
import importlib
from pathlib import Path

import pytest
import sympy as sp

import mathcore
from mathcore import (
    classify_continuity,
    critical_points,
    derivative,
    derivative_steps,
    difference_quotient,
    differentiability_at,
    gradient_descent,
    limit_at,
    parse_expression,
    run_bounded,
    sample_function,
    tangent_line,
)
from mathcore.registry import ENTRY_POINTS

ROOT = Path(__file__).resolve().parent.parent
x = sp.Symbol("x", real=True)
w = sp.Symbol("w", real=True)


def test_engine_functions_through_run_bounded():
    f = parse_expression("1/(x+1)")
    assert run_bounded(limit_at, f, x, -1).verdict == "sides_differ"
    assert run_bounded(classify_continuity, f, x, -1).kind == "infinite"
    assert run_bounded(differentiability_at, sp.Max(0, x), x, 0).subgradient == (0, 1)
    assert run_bounded(derivative, x**3, x) == 3 * x**2
    assert run_bounded(derivative_steps, sp.sin(x**2), x).rule == "chain"
    assert run_bounded(tangent_line, x**2, x, 1).slope == 2
    assert run_bounded(difference_quotient, x**2, x, 1, 0.5) == 2.5
    assert [p.x for p in run_bounded(critical_points, x**2 - 4 * x + 3, x)] == [2]
    assert run_bounded(gradient_descent, (2 * w - 4) ** 2, [w], [0.0], 0.05, 2).points[1, 0] == 0.8
    assert run_bounded(sample_function, f, x, -3, 3).asymptotes == (-1.0,)


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda e: e.name)
def test_every_registered_entry_point_through_run_bounded(entry):
    """Each entry point the pages use answers through a worker as it does in this process: the
    arguments and the result pickle, and the result is the same (compared by its repr, which
    names every field of the frozen records)."""
    expr = parse_expression(entry.example)
    assert repr(run_bounded(entry.fn, *entry.arguments(expr, x))) == repr(entry.call(expr, x))


def test_every_engine_call_in_the_ui_is_registered():
    """The list is written once: every ``mathcore`` function that ``ui/`` runs in a worker (the
    first argument of a ``run(…)``, ``Deadline(…).run(…)`` or ``run_bounded(…)`` call) is in
    ``ENTRY_POINTS``."""
    registered = {e.fn for e in ENTRY_POINTS}
    called = {}
    for path in (ROOT / "ui").glob("*.py"):  # ui/charts/ draws: it runs nothing
        module = importlib.import_module(f"ui.{path.stem}")
        for node in ast.walk(ast.parse(path.read_text())):
            func = node.func if isinstance(node, ast.Call) else None
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name in ("run", "run_bounded") and node.args:  # run(…), budget.run(…)
                fn = node.args[0]  # mc.limit_at or a name imported into the module
                name = fn.attr if isinstance(fn, ast.Attribute) else fn.id
                called[name] = getattr(mathcore, name, None) or getattr(module, name)
    assert len(called) >= 5  # the scan works: each topic page makes one bounded call (its analysis)
    assert {n for n, fn in called.items() if fn not in registered} == set()
