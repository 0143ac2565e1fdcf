"""Run SymPy work in a capped worker process: :func:`run_bounded`.

Streamlit runs every visitor's script as a thread of one process, so one runaway SymPy call
(``solve`` on a nasty derivative, a huge power) would freeze every visitor. Heavy calls therefore
run in a small pool of worker processes:

- **time**: a call that computes longer than ``timeout_s`` seconds of CPU time is stopped in its
  worker (:func:`mathcore.timelimit.time_limit`), raising :class:`ComputationTimeout`; CPU time,
  not the wall clock, so a busy server gives every input the same answer, only later. A call
  that outlives ``WALL_FACTOR * timeout_s + WALL_SLACK_S`` on the wall clock (stuck in C code
  that no signal interrupts) is killed and its worker replaced (``pebble``);
- **memory**: each worker's address space is capped (``RLIMIT_AS``, 768 MiB); a ``MemoryError``
  or a worker that dies raises :class:`ComputationTooLarge`;
- **start-up**: workers fork from a forkserver that has SymPy, NumPy and ``mathcore`` preloaded
  and has run each entry point once (:mod:`mathcore.warmup`), so they start warm.

Queueing: two workers run at once. At most :data:`MAX_PENDING` calls (running or waiting) are
admitted; a call that cannot be admitted within ``timeout_s`` raises :class:`ComputationBusy`.
``timeout_s`` limits the time a call *runs*; waiting in the queue is bounded separately by
:data:`MAX_QUEUE_WAIT_S`, after which the call is cancelled and :class:`ComputationBusy` is
raised. So no caller waits longer than ``timeout_s`` (admission) plus ``WALL_FACTOR *
timeout_s + WALL_SLACK_S + MAX_QUEUE_WAIT_S`` however many sessions submit at once, and the
usual wait is the call's own run time.

>>> run_bounded(pow, 2, 10)
1024
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import multiprocessing.context
import resource
import threading
import time
import types
from collections.abc import Callable, Sequence
from multiprocessing import popen_forkserver, spawn
from typing import Any, TypeVar

import pebble

from mathcore.errors import ComputationBusy, ComputationTimeout, ComputationTooLarge
from mathcore.timelimit import clock, time_limit

T = TypeVar("T")

WORKERS = 2
MEMORY_LIMIT_BYTES = 768 * 2**20
MAX_PENDING = 8
MAX_QUEUE_WAIT_S = 3.0
PRELOAD = [
    "sympy",
    "numpy",
    "mathcore",
    "mathcore.warmup",  # runs each entry point once, so every worker starts warm
]  # not "__main__": see _WithoutMain

_pool: pebble.ProcessPool | None = None
_pool_lock = threading.Lock()
_slots = threading.BoundedSemaphore(MAX_PENDING)
_pending = 0  # calls admitted and not answered yet
_last_answer = 0.0  # time.monotonic() when the last call was answered
_started = threading.Event()
STARTUP_TIMEOUT_S = 60.0


def run_bounded(fn: Callable[..., T], *args: Any, timeout_s: float = 3.0, **kwargs: Any) -> T:
    """Return ``fn(*args, **kwargs)`` computed in a worker process with time and memory caps.

    ``fn``, its arguments and its result must be picklable (module-level functions of
    ``mathcore``, SymPy objects, NumPy arrays, frozen dataclasses).

    ``timeout_s`` is CPU time: the worker stops ``fn`` when it has computed that long, however
    busy the machine (so the same input gets the same answer under load). A call stuck where
    no signal reaches it (one huge C-level integer power) or waiting without computing is
    killed by the wall clock after ``WALL_FACTOR * timeout_s + WALL_SLACK_S`` seconds.

    Raises
    ------
    ComputationTimeout
        ``fn`` computed longer than ``timeout_s`` CPU seconds (stopped in its worker), or ran
        past the wall-clock limit (the worker is killed and replaced).
    ComputationTooLarge
        ``fn`` ran out of the worker's memory, or the worker died.
    ComputationBusy
        Too many calls were queued to start this one in time.
    Exception
        Anything else ``fn`` raises, with its own type.

    Examples
    --------
    >>> import sympy
    >>> run_bounded(sympy.factorint, 360)
    {2: 3, 3: 2, 5: 1}
    """
    return _run_measured(fn, args, kwargs, timeout_s, _wall_limit(timeout_s))


WALL_FACTOR = 3.0  # a call may take this many times its CPU time on the wall clock (a busy host)
WALL_SLACK_S = 1.0  # plus this (sending the work and its answer between processes)


def _wall_limit(cpu_s: float) -> float:
    return WALL_FACTOR * cpu_s + WALL_SLACK_S


def _measured_call(fn: Callable[..., T], cpu_s: float, args: tuple, kwargs: dict):
    """In the worker: ``fn`` under a CPU-time limit; ``(value, error, CPU seconds used)``."""
    started = clock()
    try:
        with time_limit(cpu_s, ComputationTimeout):
            value = fn(*args, **kwargs)
    except Exception as exc:  # sent back and raised in the caller, after counting the time
        return None, exc, clock() - started
    return value, None, clock() - started


def _run_measured(
    fn: Callable[..., T],
    args: tuple,
    kwargs: dict,
    cpu_s: float,
    wall_s: float,
    charge: Callable[[float], None] = lambda used: None,
) -> T:
    """``fn``'s value; ``charge`` is told the CPU seconds it used (``cpu_s`` if stopped)."""
    if not _slots.acquire(timeout=cpu_s):
        raise ComputationBusy(f"more than {MAX_PENDING} computations are waiting")
    global _pending, _last_answer
    with _pool_lock:
        _pending += 1
    try:
        future = _get_pool().schedule(
            _measured_call, args=(fn, cpu_s, args, kwargs), timeout=wall_s
        )
        try:
            value, error, used = future.result(timeout=wall_s + MAX_QUEUE_WAIT_S)
            stopped = isinstance(error, ComputationTimeout)
            charge(max(used, cpu_s) if stopped else used)  # stopped: it had all that was left
            if error is not None:
                if stopped:
                    error = ComputationTimeout(f"stopped after {cpu_s:.2f} s of CPU time")
                raise error
            return value
        except concurrent.futures.TimeoutError as exc:
            if future.done():  # pebble's own timeout: the worker ran out of time
                charge(cpu_s)
                raise ComputationTimeout(f"stopped after {wall_s:.2f} s") from exc
            future.cancel()
            raise ComputationBusy("the computation waited too long to start") from exc
        except MemoryError as exc:
            raise ComputationTooLarge("the computation needed too much memory") from exc
        except OverflowError as exc:  # a number past what mpmath or Python can hold
            raise ComputationTooLarge(f"a number grew too large: {exc}") from exc
        except pebble.ProcessExpired as exc:
            charge(cpu_s)
            raise ComputationTooLarge(f"the worker died (exit code {exc.exitcode})") from exc
    finally:
        with _pool_lock:
            _pending -= 1
            _last_answer = time.monotonic()
        _slots.release()


class Deadline:
    """One CPU-time budget for several bounded calls, so a page's whole analysis answers in time.

    Each call may use what the calls before it left; the whole analysis is also stopped by the
    wall clock after ``WALL_FACTOR * seconds + WALL_SLACK_S``. The budget starts once the workers
    are up: starting them (the first call in a process: forkserver, preloads, warm-up, ~2 s) is
    not charged to an analysis.

    >>> budget = Deadline(2.5)
    >>> budget.run(pow, 2, 10)
    1024
    """

    def __init__(self, seconds: float) -> None:
        start_workers()
        self.seconds = seconds
        self.used = 0.0
        self.end = time.monotonic() + _wall_limit(seconds)
        self._lock = threading.Lock()

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """:func:`run_bounded` with what is left of the budget as its limits."""
        with self._lock:
            left = self.seconds - self.used
        wall_left = self.end - time.monotonic()
        if left < 0.05 or wall_left < 0.05:
            raise ComputationTimeout("the time for this analysis is used up")
        wall = min(wall_left, _wall_limit(left))
        return _run_measured(fn, args, kwargs, left, wall, self._charge)

    def _charge(self, used: float) -> None:
        with self._lock:
            self.used += used


def start_workers() -> None:
    """Start the worker pool and block until it has answered once (at once after the first
    time). The server calls it when it starts (``ui.server.lifespan``), so the first visitor
    does not wait for the forkserver, the preloads and the warm-up (~2–4 s).

    >>> start_workers()
    """
    if not _started.is_set():
        run_bounded(int, 0, timeout_s=STARTUP_TIMEOUT_S)
        _started.set()


QUIET_S = 2.0  # warm the workers only after this long without any call (a page rendering)


def warm_workers(
    fn: Callable[..., Any], calls: Sequence[tuple], timeout_s: float = 3.0, quiet_s: float = QUIET_S
) -> int:
    """Run ``fn(*call)`` for each of ``calls`` in every worker (:data:`WORKERS` copies side by
    side, one each while both are free), one call at a time and only once no call has waited,
    run or been answered for ``quiet_s`` seconds: a visitor's analysis waits at most for one of
    them, and a page that is being drawn (its browser and the server busy after its analysis)
    has the processors. How many answered (a copy that failed is not counted).

    The server runs it in the background once the pool has started: the forkserver warms up
    only on each page's example (:mod:`mathcore.warmup`), so that the first lesson link on a
    freshly started server does not wait for more; this finishes the warm-up in the workers.

    >>> warm_workers(pow, [(2, 3), (3, 2)], quiet_s=0)
    4
    """
    start_workers()
    answered = 0
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as side_by_side:
        for call in calls:
            while _pending or time.monotonic() - _last_answer < quiet_s:  # visitors first
                time.sleep(0.05)
            copies = [
                side_by_side.submit(run_bounded, fn, *call, timeout_s=timeout_s)
                for _ in range(WORKERS)
            ]
            answered += sum(copy.exception() is None for copy in copies)
    return answered


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class _WithoutMain:
    """:mod:`multiprocessing.spawn` as the forkserver's ``Popen._launch`` sees it, except that
    the preparation data sent to a new worker does not name ``__main__``.

    A worker normally imports the parent's ``__main__`` (to unpickle functions defined there).
    Under ``streamlit run`` that module is the *page* being run — Streamlit executes each script
    as ``__main__`` — so every worker (and one that replaces a killed worker) ran a whole page
    without a session: hundreds of "missing ScriptRunContext" warnings in the server log and a
    page's analysis per start. The work sent here is module-level functions of ``mathcore``,
    imported by name, so nothing needs ``__main__``."""

    def __getattr__(self, name: str):
        return getattr(spawn, name)

    @staticmethod
    def get_preparation_data(name: str) -> dict:
        data = spawn.get_preparation_data(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data


class _Popen(popen_forkserver.Popen):
    # the standard library's own _launch, reading ``spawn`` from _WithoutMain
    _launch = types.FunctionType(
        popen_forkserver.Popen._launch.__code__,
        {**vars(popen_forkserver), "spawn": _WithoutMain()},
    )


class _Process(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


class _Context(multiprocessing.context.ForkServerContext):
    Process = _Process


def _get_pool() -> pebble.ProcessPool:
    global _pool
    with _pool_lock:
        if _pool is None or not _pool.active:
            context = _Context()
            context.set_forkserver_preload(PRELOAD)
            _pool = pebble.ProcessPool(
                max_workers=WORKERS,
                initializer=_limit_memory,
                initargs=(MEMORY_LIMIT_BYTES,),
                context=context,
            )
        return _pool


@atexit.register
def _shutdown() -> None:
    if _pool is not None:
        _pool.stop()
        _pool.join(timeout=2)
