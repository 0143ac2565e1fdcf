"""The math engine of ML Calculus Lab: pure Python on SymPy and NumPy.

User text enters only through :func:`parse_expression`; long-running SymPy work goes through
:func:`run_bounded`. Every public function here is safe to call through ``run_bounded``.
"""

from mathcore.bounded import Deadline, run_bounded
from mathcore.continuity import (
    ContinuityResult,
    DifferentiabilityResult,
    classify_continuity,
    differentiability_at,
)
from mathcore.derivatives import (
    TangentLine,
    derivative,
    difference_quotient,
    difference_quotients,
    partial_derivatives,
    tangent_line,
)
from mathcore.diffsteps import DerivativeStep, derivative_steps
from mathcore.errors import (
    ComputationBusy,
    ComputationLimit,
    ComputationTimeout,
    ComputationTooLarge,
    InputError,
)
from mathcore.extrema import (
    CriticalPoint,
    CriticalPointSearch,
    critical_point_search,
    critical_points,
)
from mathcore.limits import LimitResult, approach_table, limit_at
from mathcore.optimization import (
    Trajectory,
    curvature,
    descent_verdict,
    gradient_descent,
    mean_squared_error,
)
from mathcore.parsing import parse_expression, parse_numbers, parse_point
from mathcore.points import numeric as numeric_values
from mathcore.printing import latex
from mathcore.sampling import Samples, sample_function

__all__ = [
    "ComputationBusy",
    "ComputationLimit",
    "ComputationTimeout",
    "ComputationTooLarge",
    "ContinuityResult",
    "CriticalPoint",
    "CriticalPointSearch",
    "Deadline",
    "DerivativeStep",
    "DifferentiabilityResult",
    "InputError",
    "LimitResult",
    "Samples",
    "TangentLine",
    "Trajectory",
    "approach_table",
    "classify_continuity",
    "critical_point_search",
    "critical_points",
    "curvature",
    "derivative",
    "derivative_steps",
    "descent_verdict",
    "difference_quotient",
    "difference_quotients",
    "differentiability_at",
    "gradient_descent",
    "latex",
    "limit_at",
    "mean_squared_error",
    "numeric_values",
    "parse_expression",
    "parse_numbers",
    "parse_point",
    "partial_derivatives",
    "run_bounded",
    "sample_function",
    "tangent_line",
]
