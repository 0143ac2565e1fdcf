"""run_bounded: time and memory caps in a worker process, errors keep their type."""

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
from mathcore.bounded import MAX_PENDING, Deadline


def test_run_bounded_returns_the_value():
    x = sp.Symbol("x", real=True)
    assert run_bounded(sp.diff, sp.sin(x) ** 2, x) == 2 * sp.sin(x) * sp.cos(x)
    assert run_bounded(parse_expression, "2x + 1") == 2 * x + 1


def test_run_bounded_cpu_hog_times_out_and_the_next_call_works():
    start = time.monotonic()
    with pytest.raises(ComputationTimeout):
        run_bounded(pow, 9, 9**9, timeout_s=1.0)  # a 370-million-digit integer
    assert time.monotonic() - start < 1.0 + 1.0
    assert run_bounded(pow, 2, 10) == 1024


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
    assert time.monotonic() - start < 1.2 + 1.0
    assert Deadline(1.0).run(pow, 2, 10) == 1024


def test_workers_fork_from_a_warmed_forkserver():
    from mathcore import bounded, warmup

    assert bounded.PRELOAD[-1] == "mathcore.warmup"
    assert warmup.warm_up() >= 55  # of 63 calls; the rest are refusals such as ln at −3


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
                time.sleep(0.01)
            except TimeLimitExceeded:
                swallowed += 1
                if swallowed > 1:
                    raise
    assert time.monotonic() - started < 1 and swallowed == 2
