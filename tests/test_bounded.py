"""run_bounded: time and memory caps in a worker process, errors keep their type."""

import concurrent.futures
import multiprocessing
import threading
import time

import pytest
import sympy as sp

from mathcore import (
    ComputationBusy,
    ComputationLimit,
    ComputationTimeout,
    ComputationTooLarge,
    InputError,
    parse_expression,
    run_bounded,
)
from mathcore.bounded import MAX_PENDING, Deadline, _wall_limit, start_workers, warm_workers


def test_run_bounded_returns_the_value():
    x = sp.Symbol("x", real=True)
    assert run_bounded(sp.diff, sp.sin(x) ** 2, x) == 2 * sp.sin(x) * sp.cos(x)
    assert run_bounded(parse_expression, "2x + 1") == 2 * x + 1


def test_run_bounded_cpu_hog_times_out_and_the_next_call_works():
    # one C-level power that no signal interrupts: killed by the wall clock (3 × 1 s + 1 s)
    start = time.monotonic()
    with pytest.raises(ComputationTimeout):
        run_bounded(pow, 9, 9**9, timeout_s=1.0)  # a 370-million-digit integer
    assert time.monotonic() - start < _wall_limit(1.0) + 1.0
    assert run_bounded(pow, 2, 10) == 1024


def _spin(seconds: float) -> float:
    """Compute for ``seconds`` of CPU time, in Python (where a signal is seen), and say how long
    that took on the wall clock."""
    start, wall = time.process_time(), time.monotonic()
    while time.process_time() - start < seconds:
        pass
    return time.monotonic() - wall


def _spin_in_threads(seconds: float) -> float:
    """Two threads of this worker compute for ``seconds`` of CPU time together."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return sum(pool.map(_spin, [seconds / 2] * 2))


def test_run_bounded_limits_cpu_time_not_wall_time():
    """A call that computes past its CPU time is stopped in its worker (which stays up), soon
    after the limit; a call that waits (no CPU) is let run until the wall-clock ceiling."""
    start_workers()  # the pool's first start (forkserver, warm-up) is no part of the call
    start = time.monotonic()
    with pytest.raises(ComputationTimeout, match="CPU time"):
        run_bounded(_spin, 60.0, timeout_s=0.5)
    assert time.monotonic() - start < _wall_limit(0.5)
    assert run_bounded(_spin, 0.2, timeout_s=0.5) >= 0.2  # the CPU time is its own, whole
    assert run_bounded(time.sleep, 1.0, timeout_s=0.5) is None  # 1 s of waiting < 2.5 s ceiling
    # threads that compute while the main thread waits: the signal reaches a thread that cannot
    # run the handler, so the wall clock stops the call (engine functions use no threads)
    with pytest.raises(ComputationTimeout):
        run_bounded(_spin_in_threads, 60.0, timeout_s=0.5)


def test_run_bounded_answers_the_same_on_a_busy_machine():
    """Four processes computing on two cores (a CI run, a server with other visitors): a call
    that needs 0.6 s of CPU within a 1 s limit still finishes, on the wall clock later."""
    hogs = [multiprocessing.Process(target=_spin, args=(30.0,)) for _ in range(4)]
    for hog in hogs:
        hog.start()
    try:
        time.sleep(0.2)
        for _ in range(2):
            assert run_bounded(_spin, 0.6, timeout_s=1.0) >= 0.6
    finally:
        for hog in hogs:
            hog.kill()


def test_run_bounded_memory_hog_is_too_large():
    with pytest.raises(ComputationTooLarge):
        run_bounded(bytearray, 4 * 2**30)  # 4 GiB against a 768 MiB cap
    assert len(bytearray(64 * 2**20)) == 64 * 2**20  # this process is unharmed
    assert run_bounded(pow, 3, 3) == 27


def test_run_bounded_keeps_exception_types():
    with pytest.raises(InputError) as err:
        run_bounded(parse_expression, "sinn x")
    assert (err.value.code, err.value.position, err.value.params["suggestion"]) == (
        "unknown_name",
        0,
        "sin",
    )
    with pytest.raises(ValueError, match="invalid literal"):
        run_bounded(int, "abc")


def test_run_bounded_queue_is_bounded():
    outcomes = []

    def hog():
        try:
            run_bounded(pow, 9, 9**9, timeout_s=1.0)
        except ComputationLimit as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=hog) for _ in range(MAX_PENDING)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    with pytest.raises(ComputationBusy):
        run_bounded(pow, 2, 10, timeout_s=0.2)
    for t in threads:
        t.join(timeout=30)
    assert len(outcomes) == MAX_PENDING
    assert run_bounded(pow, 2, 10) == 1024


def test_deadline_shares_one_budget():
    budget = Deadline(1.2)
    start = time.monotonic()
    with pytest.raises(ComputationTimeout):
        budget.run(pow, 9, 9**9)  # uses the whole budget
    with pytest.raises(ComputationTimeout):
        budget.run(pow, 2, 10)  # nothing left: refused at once
    assert time.monotonic() - start < _wall_limit(1.2) + 1.0
    assert Deadline(1.0).run(pow, 2, 10) == 1024


def test_deadline_charges_each_call_its_cpu_time():
    budget = Deadline(1.0)
    budget.run(_spin, 0.4)
    assert 0.4 <= budget.used < 0.6
    budget.run(time.sleep, 0.5)  # waiting costs (almost) nothing
    assert budget.used < 0.6
    with pytest.raises(ComputationTimeout):
        budget.run(_spin, 1.0)  # more than is left
    assert budget.used >= 1.0 - 1e-9


def test_workers_fork_from_a_warmed_forkserver():
    from mathcore import bounded, warmup

    assert bounded.PRELOAD[-1] == "mathcore.warmup"
    assert warmup.warm_up() == 7  # each page's analysis on its example, in the forkserver
    assert warmup.warm_up(shapes=True) >= 24  # of 28 (on three shapes too); the rest refusals


def test_warm_workers_let_a_visitor_go_first():
    """The workers' warm-up after the start runs only while no other call waits or runs: begun
    during a visitor's analysis (0.6 s of CPU), it answers after it, and in both workers."""
    start_workers()
    visitor = threading.Thread(target=run_bounded, args=(_spin, 0.6), kwargs={"timeout_s": 2})
    visitor.start()
    time.sleep(0.1)
    assert warm_workers(pow, [(2, 3)]) == 2  # one copy per worker
    assert not visitor.is_alive()


def test_workers_do_not_run_the_streamlit_script(tmp_path):
    """Under ``streamlit run`` the parent's ``__main__`` is the page being run; a worker that
    imported it (multiprocessing's default) ran the page without a session. Here ``__main__``
    is a script that leaves a mark when imported: the workers must not import it."""
    import subprocess
    import sys
    import textwrap

    mark = tmp_path / "imported"
    page = tmp_path / "page.py"
    page.write_text(f"open({str(mark)!r}, 'w').close()\n")
    code = textwrap.dedent(f"""
        import sys, types
        main = types.ModuleType("__main__")
        main.__file__ = {str(page)!r}  # what Streamlit's script runner sets up
        sys.modules["__main__"] = main
        from mathcore import run_bounded
        print(run_bounded(pow, 2, 10, timeout_s=60))
    """)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.stdout.strip() == "1024", done.stderr
    assert not mark.exists()


def test_time_limit_holds_when_the_block_swallows_the_first_alarm():
    """SymPy code that catches every exception once swallowed the single alarm and a doctest hung
    in CI: the alarm repeats until the block ends."""
    import time

    from mathcore.timelimit import TimeLimitExceeded, time_limit

    started = time.monotonic()
    swallowed = 0
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while time.monotonic() - started < 5:
            try:
                _spin(0.01)
            except TimeLimitExceeded:
                swallowed += 1
                if swallowed > 1:
                    raise
    assert time.monotonic() - started < 1 and swallowed == 2
