"""A time limit for one block of work inside a bounded worker: :func:`time_limit`.

``run_bounded`` kills a whole call that runs too long; inside a call, an engine function sometimes
wants to give *one step* (SymPy's ``limit`` or ``solveset``, evaluating exp(exp(exp(10))) to 50
digits) a share of the time and fall back to another method when it runs out. ``time_limit`` does
that with ``SIGALRM`` on the process's main thread, which is where ``run_bounded`` workers run.
Limits nest: an inner limit never extends an outer one, and the outer one is re-armed afterwards.

>>> import time
>>> try:
...     with time_limit(0.05):
...         time.sleep(1)
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

REPEAT = 0.05  # s between alarms once the time is up, until the block has ended


class TimeLimitExceeded(Exception):
    """The block ran out of the time given to it by :func:`time_limit`."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block if it runs longer than ``seconds``.

    Parameters
    ----------
    seconds : the block's share of time, in seconds; ≤ 0 raises at once (nothing left).

    Raises
    ------
    TimeLimitExceeded
        When the time is up. Off the main thread (Streamlit's script threads, where the work is
        already bounded by the worker it runs in) the block runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if seconds <= 0:
        raise TimeLimitExceeded("no time left")
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield  # an enclosing limit expires first and raises its own exception
        return
    token = object()

    done = [False]

    def expire(signum, frame):
        if not done[0]:
            raise TimeLimitExceeded(token)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    # repeated every REPEAT s until the block ends: SymPy code that catches every exception
    # (evalf inside a set's printing, seen in solveset's intersections) swallows one alarm, and
    # with a single alarm the block then ran on without limit (a hung doctest in CI)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        done[0] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
