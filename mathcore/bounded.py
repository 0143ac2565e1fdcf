"""Run SymPy work in a capped worker process: :func:`run_bounded`.

Streamlit runs every visitor's script as a thread of one process, so one runaway SymPy call
(``solve`` on a nasty derivative, a huge power) would freeze every visitor. Heavy calls therefore
run in a small pool of worker processes:

- **time**: a call that runs longer than ``timeout_s`` is killed and its worker replaced
  (``pebble``), raising :class:`ComputationTimeout`;
- **memory**: each worker's address space is capped (``RLIMIT_AS``, 768 MiB); a ``MemoryError``
  or a worker that dies raises :class:`ComputationTooLarge`;
- **start-up**: workers fork from a forkserver that has SymPy, NumPy and ``mathcore`` preloaded
  and has run each entry point once (:mod:`mathcore.warmup`), so they start warm.

Queueing: two workers run at once. At most :data:`MAX_PENDING` calls (running or waiting) are
admitted; a call that cannot be admitted within ``timeout_s`` raises :class:`ComputationBusy`.
``timeout_s`` limits the time a call *runs*; waiting in the queue is bounded separately by
:data:`MAX_QUEUE_WAIT_S`, after which the call is cancelled and :class:`ComputationBusy` is
raised. So no caller waits longer than ``2 * timeout_s + MAX_QUEUE_WAIT_S`` however many
sessions submit at once, and the usual wait is the call's own run time.

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
from collections.abc import Callable
from multiprocessing import popen_forkserver, spawn
from typing import Any, TypeVar

import pebble

from mathcore.errors import ComputationBusy, ComputationTimeout, ComputationTooLarge

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
_started = threading.Event()
STARTUP_TIMEOUT_S = 60.0


def run_bounded(fn: Callable[..., T], *args: Any, timeout_s: float = 3.0, **kwargs: Any) -> T:
    """Return ``fn(*args, **kwargs)`` computed in a worker process with time and memory caps.

    ``fn``, its arguments and its result must be picklable (module-level functions of
    ``mathcore``, SymPy objects, NumPy arrays, frozen dataclasses).

    Raises
    ------
    ComputationTimeout
        ``fn`` ran longer than ``timeout_s`` seconds (the worker is killed and replaced).
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
    if not _slots.acquire(timeout=timeout_s):
        raise ComputationBusy(f"more than {MAX_PENDING} computations are waiting")
    try:
        future = _get_pool().schedule(fn, args=args, kwargs=kwargs, timeout=timeout_s)
        try:
            return future.result(timeout=timeout_s + MAX_QUEUE_WAIT_S)
        except concurrent.futures.TimeoutError as exc:
            if future.done():  # pebble's own timeout: the worker ran out of time
                raise ComputationTimeout(f"stopped after {timeout_s} s") from exc
            future.cancel()
            raise ComputationBusy("the computation waited too long to start") from exc
        except MemoryError as exc:
            raise ComputationTooLarge("the computation needed too much memory") from exc
        except OverflowError as exc:  # a number past what mpmath or Python can hold
            raise ComputationTooLarge(f"a number grew too large: {exc}") from exc
        except pebble.ProcessExpired as exc:
            raise ComputationTooLarge(f"the worker died (exit code {exc.exitcode})") from exc
    finally:
        _slots.release()


class Deadline:
    """One time budget for several bounded calls, so a page's whole analysis answers in time.

    The budget starts once the workers are up: starting them (the first call in a process:
    forkserver, preloads, warm-up, ~2 s) is not charged to an analysis.

    >>> budget = Deadline(2.5)
    >>> budget.run(pow, 2, 10)
    1024
    """

    def __init__(self, seconds: float) -> None:
        _start_workers()
        self.end = time.monotonic() + seconds

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """:func:`run_bounded` with what is left of the budget as its time limit."""
        left = self.end - time.monotonic()
        if left < 0.05:
            raise ComputationTimeout("the time for this analysis is used up")
        return run_bounded(fn, *args, timeout_s=left, **kwargs)


def _start_workers() -> None:
    """Block until the pool has answered once (at once after the first time)."""
    if not _started.is_set():
        run_bounded(int, 0, timeout_s=STARTUP_TIMEOUT_S)
        _started.set()


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
