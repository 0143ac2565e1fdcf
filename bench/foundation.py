"""Benchmark the foundation: run_bounded's overhead on a trivial call, and parse time.

Run: .venv/bin/python -m bench.foundation
"""

import statistics
import time

from mathcore import parse_expression, run_bounded

TYPICAL = ["x^2 - 4x + 3", "sin x / x", "1/(x+1)", "3x² − |x| + e^(-x^2)", "relu(x) + sigmoid(2x)"]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    first = median_ms(lambda: run_bounded(pow, 2, 10), 1)
    print(f"first run_bounded call (starts the forkserver and workers): {first:.0f} ms")
    bounded = median_ms(lambda: run_bounded(pow, 2, 10), 200)
    print(f"run_bounded(pow, 2, 10), median of 200: {bounded:.3f} ms")
    print(f"pow(2, 10) in this process, median of 200: {median_ms(lambda: pow(2, 10), 200):.4f} ms")
    for text in TYPICAL:
        parse = median_ms(lambda t=text: parse_expression(t), 200)
        print(f"parse_expression({text!r}), median of 200: {parse:.3f} ms")


if __name__ == "__main__":
    main()
