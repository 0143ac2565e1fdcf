"""A CPU-time limit for one block of work inside a bounded worker: :func:`time_limit`.

``run_bounded`` gives a whole call a share of CPU time; inside a call, an engine function sometimes
wants to give *one step* (SymPy's ``limit`` or ``solveset``, evaluating exp(exp(exp(10))) to 50
digits) a share of it and fall back to another method when it runs out. ``time_limit`` does that
with ``ITIMER_PROF`` (``SIGPROF``) on the process's main thread, which is where ``run_bounded``
workers run. Limits nest: an inner limit never extends an outer one, and the outer one is re-armed
afterwards.

The clock is the process's CPU time (:func:`time.process_time`), not the wall clock: on a server
busy with other visitors (or a CI machine running two test processes) the same function gets the
same work done before its limit, so what a page answers does not depend on the load. A block
that waits without computing (``time.sleep``, a lock) uses no CPU time and is not stopped here;
``run_bounded`` kills such a call by the wall clock.

>>> try:
...     with time_limit(0.05):
...         while True:
...             pass
... except TimeLimitExceeded:
...     print("stopped")
stopped
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

REPEAT = 0.05  # CPU s between signals once the time is up, until the block has ended
clock = time.process_time  # the clock every budget inside a worker is measured on


class TimeLimitExceeded(Exception):
    """The block ran out of the CPU time given to it by :func:`time_limit`."""


@contextmanager
def time_limit(seconds: float, error: type[Exception] = TimeLimitExceeded) -> Iterator[None]:
    """Raise ``error`` in the block if it uses more than ``seconds`` of CPU time.

    Parameters
    ----------
    seconds : the block's share of CPU time, in seconds; ≤ 0 raises at once (nothing left).
    error : the exception raised when the time is up (:func:`run_bounded`'s own limit raises
        ``ComputationTimeout``, which engine code that falls back on ``TimeLimitExceeded`` lets
        through).

    Raises
    ------
    TimeLimitExceeded
        (or ``error``) when the time is up. Off the main thread (Streamlit's script threads,
        where the work is already bounded by the worker it runs in) the block runs without a
        limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if seconds <= 0:
        raise error("no time left")
    outer_left, _ = signal.getitimer(signal.ITIMER_PROF)
    if outer_left and outer_left <= seconds:
        yield  # an enclosing limit expires first and raises its own exception
        return
    token = object()

    done = [False]

    def expire(signum, frame):
        if not done[0]:
            raise error(token)

    started = clock()
    previous = signal.signal(signal.SIGPROF, expire)
    # repeated every REPEAT s until the block ends: SymPy code that catches every exception
    # (evalf inside a set's printing, seen in solveset's intersections) swallows one signal, and
    # with a single signal the block then ran on without limit (a hung doctest in CI)
    signal.setitimer(signal.ITIMER_PROF, seconds, REPEAT)
    try:
        yield
    finally:
        done[0] = True
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if outer_left:
            left = outer_left - (clock() - started)
            signal.setitimer(signal.ITIMER_PROF, max(left, 1e-3), REPEAT)
