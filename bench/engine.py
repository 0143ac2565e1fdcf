"""Median time of each public mathcore function on a typical input, in this process (SymPy's
cache cleared before every call, so repeated calls do not look faster than a first one).

Run: .venv/bin/python -m bench.engine
"""

import statistics
import time

import sympy as sp
from sympy.core.cache import clear_cache

from mathcore import parse_expression
from mathcore.registry import ENTRY_POINTS

x = sp.Symbol("x", real=True)
CASES = [
    (
        "parse_expression('3x² − abs(x) + e^(-x^2)')",
        lambda: parse_expression("3x² − |x| + e^(-x^2)"),
    ),
    *(
        (f"{e.name} on {e.example}", lambda e=e: e.call(parse_expression(e.example), x))
        for e in ENTRY_POINTS  # every entry point the pages use, on its typical input
    ),
]


def main(repeat: int = 7) -> None:
    print("| function (typical input) | median ms |")
    print("| --- | ---: |")
    for name, call in CASES:
        times = []
        for _ in range(repeat):
            clear_cache()
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        print(f"| `{name}` | {statistics.median(times) * 1000:.1f} |")


if __name__ == "__main__":
    main()
