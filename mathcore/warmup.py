"""Warm the worker processes: run each engine entry point once on a few everyday functions.

The forkserver that :func:`mathcore.run_bounded`'s workers fork from imports this module
(:data:`mathcore.bounded.PRELOAD`), and importing it runs :func:`warm_up`. The first limit,
derivative or plot in a fresh process pays for SymPy's lazily built machinery (solvers, series,
printers, caches): the limits page's analysis of a newly typed course function took a median of
72–99 ms in cold workers and 23 ms in warmed ones (none of those functions is among the ones
below). Every worker — also one that replaces a worker killed at its time limit — starts warm, at
no cost per worker; the forkserver pays ~1.3 s once, when the first call starts it.

>>> warm_up() > 0
True
"""

from __future__ import annotations

import sympy as sp

from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.parsing import parse_expression
from mathcore.registry import ENTRY_POINTS

# Everyday shapes — a quotient with a hole, a pole, a step, a kink, a root, a log, an oscillation —
# deliberately not the functions bench/latency.py types, so its timing is not of cached answers.
FUNCTIONS = ["(x^2-4)/(x-2)", "1/(x-3)", "ceil(x)", "|x-1|", "sqrt(x+1)", "ln(x+2)", "cos(2x)"]
X = sp.Symbol("x", real=True)


def warm_up() -> int:
    """Run every entry point the pages use (:data:`mathcore.registry.ENTRY_POINTS`) on
    :data:`FUNCTIONS`; how many calls answered."""
    answered = 0
    for text in FUNCTIONS:
        expr = parse_expression(text)
        for entry in (e for e in ENTRY_POINTS if e.warm):
            try:
                entry.call(expr, X)
                answered += 1
            except (InputError, NotImplementedError, *SYMPY_FAILURES):
                continue  # the answer does not matter here, only the code paths it ran
    return answered


warm_up()
