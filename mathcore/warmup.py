"""Warm the worker processes: run each page's analysis once on its example.

The forkserver that :func:`mathcore.run_bounded`'s workers fork from imports this module
(:data:`mathcore.bounded.PRELOAD`), and importing it runs :func:`warm_up`. The first limit,
derivative or plot in a fresh process pays for SymPy's lazily built machinery (solvers, series,
printers, caches, modules it imports on first use): the limits page's analysis of a newly typed
course function took a median of 72–99 ms in cold workers and 23 ms in warmed ones.

Only what the pages call is run here (the ``warm`` entry points of
:data:`mathcore.registry.ENTRY_POINTS`, each on its own example: ~1 s of CPU with the imports),
because the first lesson link on a freshly started server waits for it: running every analysis
on three more shapes too took 3.2 s, and the link then took 2.3 × the floor app's first page
(bench/cold_start.py). Those shapes are run in the started workers, one call at a time while
no visitor's analysis is waiting (:func:`mathcore.bounded.warm_workers`, started by the server).

>>> warm_up() == len(warm_calls(shapes=False))
True
"""

from __future__ import annotations

from mathcore.registry import warm_call, warm_calls


def warm_up(shapes: bool = False) -> int:
    """Run :func:`mathcore.registry.warm_calls` (the examples; the shapes too if ``shapes``)
    in this process; how many answered."""
    return sum(warm_call(name, text) for name, text in warm_calls(shapes=shapes))


warm_up()
