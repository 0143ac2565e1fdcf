"""Warm the worker processes: run each page's analysis on its example and a few everyday shapes.

The forkserver that :func:`mathcore.run_bounded`'s workers fork from imports this module
(:data:`mathcore.bounded.PRELOAD`), and importing it runs :func:`warm_up`. The first limit,
derivative or plot in a fresh process pays for SymPy's lazily built machinery (solvers, series,
printers, caches): the limits page's analysis of a newly typed course function took a median of
72–99 ms in cold workers and 23 ms in warmed ones (none of those functions is among the ones
below). Every worker — also one that replaces a worker killed at its time limit — starts warm, at
no cost per worker; the forkserver pays for it once, when the server starts (ui/server.py).

What is warmed is what the pages call (the ``warm`` entry points: one analysis per page), each
on its own example and on three shapes (a hole, a kink, a root's edge): 3.2 s of CPU with the
imports. Running every entry point on seven shapes took 4.9 s, and the first lesson link on a
freshly started server waited for it (bench/cold_start.py).

>>> warm_up() > 0
True
"""

from __future__ import annotations

import warnings

import sympy as sp

from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.parsing import parse_expression
from mathcore.registry import ENTRY_POINTS

# Everyday shapes — a quotient with a hole, a kink, a root that ends — deliberately not the
# functions bench/latency.py types, so its timing is not of cached answers.
FUNCTIONS = ["(x^2-4)/(x-2)", "|x-1|", "sqrt(x+1)"]
X = sp.Symbol("x", real=True)


def warm_up() -> int:
    """Run every entry point the pages use (:data:`mathcore.registry.ENTRY_POINTS`) on
    :data:`FUNCTIONS`; how many calls answered."""
    with warnings.catch_warnings():  # NumPy's "divide by zero" at a pole: expected, not news
        warnings.simplefilter("ignore", RuntimeWarning)
        return _run_all()


def _run_all() -> int:
    answered = 0
    for entry in (e for e in ENTRY_POINTS if e.warm):
        for text in (entry.example, *FUNCTIONS):
            try:
                entry.call(parse_expression(text), X)
                answered += 1
            except (InputError, NotImplementedError, *SYMPY_FAILURES):
                continue  # the answer does not matter here, only the code paths it ran
    return answered


warm_up()
