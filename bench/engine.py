"""Median time of each public mathcore function on a typical input, in this process (SymPy's
cache cleared before every call, so repeated calls do not look faster than a first one).

Run: .venv/bin/python -m bench.engine
"""

import statistics
import time

import sympy as sp
from sympy.core.cache import clear_cache

from mathcore import (
    classify_continuity,
    critical_points,
    derivative,
    derivative_steps,
    difference_quotient,
    differentiability_at,
    gradient_descent,
    limit_at,
    parse_expression,
    sample_function,
    tangent_line,
)

x, w = sp.symbols("x w", real=True)
CASES = [
    (
        "parse_expression('3x² − abs(x) + e^(-x^2)')",
        lambda: parse_expression("3x² − |x| + e^(-x^2)"),
    ),
    ("limit_at(1/(x+1), x, -1)", lambda: limit_at(1 / (x + 1), x, -1)),
    ("limit_at(sin(x)/x, x, 0)", lambda: limit_at(sp.sin(x) / x, x, 0)),
    (
        "classify_continuity((x²−1)/(x−1), x, 1)",
        lambda: classify_continuity((x**2 - 1) / (x - 1), x, 1),
    ),
    ("differentiability_at(relu, x, 0)", lambda: differentiability_at(sp.Max(0, x), x, 0)),
    ("derivative(x² sin x, x)", lambda: derivative(x**2 * sp.sin(x), x)),
    ("derivative(relu, x)", lambda: derivative(sp.Max(0, x), x)),
    (
        "derivative_steps(x² sin x + e^(2x)/x, x)",
        lambda: derivative_steps(x**2 * sp.sin(x) + sp.exp(2 * x) / x, x),
    ),
    ("tangent_line(x² − 4x + 3, x, 3)", lambda: tangent_line(x**2 - 4 * x + 3, x, 3)),
    ("difference_quotient(sin x, x, 1, 1e-6)", lambda: difference_quotient(sp.sin(x), x, 1, 1e-6)),
    ("critical_points(x² − 4x + 3, x)", lambda: critical_points(x**2 - 4 * x + 3, x)),
    ("critical_points(x² sin x, x) (numeric)", lambda: critical_points(x**2 * sp.sin(x), x)),
    (
        "gradient_descent((2w−4)², 100 steps)",
        lambda: gradient_descent((2 * w - 4) ** 2, [w], [0.0], 0.05, 100),
    ),
    ("sample_function(1/(x+1), −5..5, 1000)", lambda: sample_function(1 / (x + 1), x, -5, 5)),
    ("sample_function(tan x, −10..10, 1000)", lambda: sample_function(sp.tan(x), x, -10, 10)),
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
