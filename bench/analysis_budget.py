"""CPU time (the budget ``ui.compute.ANALYSIS_SECONDS`` is charged) and wall time of each page's
whole analysis on its costliest known inputs, after the workers are up; median of 3 runs, each
with the page caches cleared.

Run: .venv/bin/python -m bench.analysis_budget
"""

import logging
import statistics
import time
from typing import ClassVar

import mathcore as mc
from mathcore import bounded
from ui import compute

CASES = [
    ("extrema", "max(cbrt(x), cos x)", lambda: compute.extrema("max(cbrt(x), cos x)", None)),
    ("extrema", "x^2 sin x", lambda: compute.extrema("x^2 sin x", None)),
    ("derivatives", "{x != 0: sin(1/x), 0} at 0",
     lambda: compute.derivatives("{x != 0: sin(1/x), 0}", "0")),
    ("derivatives", "x^(1/3) at 0", lambda: compute.derivatives("x^(1/3)", "0")),
    ("limits", "sin(1/x) at 0", lambda: compute.limits("sin(1/x)", "0")),
    ("limits", "(1+1/x)^x at oo", lambda: compute.limits("(1+1/x)^x", "oo")),
    ("continuity", "{x != 0: sin(1/x), 0} at 0",
     lambda: compute.continuity("{x != 0: sin(1/x), 0}", "0")),
    ("backprop", "x = 0, 1, 2, 3 / y = 1, 3, 5, 7",
     lambda: compute.surface("0, 1, 2, 3", "1, 3, 5, 7")),
]  # fmt: skip


class _Recorded(bounded.Deadline):
    made: ClassVar[list] = []

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.made.append(self)


def main(repeat: int = 3) -> None:
    logging.disable(logging.WARNING)  # "no runtime found": the caches work without a server
    mc.Deadline = _Recorded
    mc.run_bounded(int, 0)  # the workers up first: their start is not an analysis's
    print(f"budget: {compute.ANALYSIS_SECONDS} CPU s along the longest chain of calls")
    print("| page | input | CPU s (median) | wall s (median) |")
    print("| --- | --- | ---: | ---: |")
    for page, text, call in CASES:
        cpu, wall = [], []
        for _ in range(repeat):
            for view in (
                compute.extrema,
                compute.derivatives,
                compute.limits,
                compute.continuity,
                compute.surface,
            ):
                view.clear()
            _Recorded.made.clear()
            start = time.monotonic()
            call()
            wall.append(time.monotonic() - start)
            cpu.append(_Recorded.made[0].used)
        print(
            f"| {page} | `{text}` | {statistics.median(cpu):.2f} | {statistics.median(wall):.2f} |"
        )


if __name__ == "__main__":
    main()
