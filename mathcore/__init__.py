"""The math engine of ML Calculus Lab: pure Python on SymPy and NumPy.

User text enters only through :func:`parse_expression`; long-running SymPy work goes through
:func:`run_bounded`. Every public function here is safe to call through ``run_bounded``.
"""

from mathcore.backprop import (
    LeastLoss,
    LossGrid,
    NeuronAnalysis,
    SurfaceAnalysis,
    SurfaceDescent,
    least_loss,
    neuron_analysis,
    surface_analysis,
    surface_descent,
)
from mathcore.bounded import Deadline, run_bounded
from mathcore.continuity import (
    ContinuityAnalysis,
    ContinuityResult,
    DifferentiabilityResult,
    classify_continuity,
    continuity_analysis,
    differentiability_at,
)
from mathcore.derivatives import (
    H_STEPS,
    DerivativesAnalysis,
    TangentLine,
    derivative,
    derivatives_analysis,
    difference_quotient,
    difference_quotients,
    partial_derivatives,
    tangent_line,
)
from mathcore.descent import (
    DescentAnalysis,
    LossDescentAnalysis,
    descent_analysis,
    learning_rate_grid,
    loss_descent_analysis,
)
from mathcore.diffsteps import DerivativeStep, derivative_steps
from mathcore.epsilon_delta import EpsilonDelta, epsilon_delta
from mathcore.errors import (
    ComputationBusy,
    ComputationLimit,
    ComputationTimeout,
    ComputationTooLarge,
    InputError,
)
from mathcore.extrema import (
    AbsoluteExtrema,
    CriticalPoint,
    CriticalPointSearch,
    ExtremaAnalysis,
    absolute_extrema,
    critical_point_search,
    critical_points,
    extrema_analysis,
)
from mathcore.limits import (
    REACHES,
    ZOOMS,
    LimitResult,
    LimitsAnalysis,
    approach_table,
    limit_at,
    limits_analysis,
)
from mathcore.limitsteps import LimitStep, LimitSteps, limit_steps
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
    "H_STEPS",
    "REACHES",
    "ZOOMS",
    "AbsoluteExtrema",
    "ComputationBusy",
    "ComputationLimit",
    "ComputationTimeout",
    "ComputationTooLarge",
    "ContinuityAnalysis",
    "ContinuityResult",
    "CriticalPoint",
    "CriticalPointSearch",
    "Deadline",
    "DerivativeStep",
    "DerivativesAnalysis",
    "DescentAnalysis",
    "DifferentiabilityResult",
    "EpsilonDelta",
    "ExtremaAnalysis",
    "InputError",
    "LeastLoss",
    "LimitResult",
    "LimitStep",
    "LimitSteps",
    "LimitsAnalysis",
    "LossDescentAnalysis",
    "LossGrid",
    "NeuronAnalysis",
    "Samples",
    "SurfaceAnalysis",
    "SurfaceDescent",
    "TangentLine",
    "Trajectory",
    "absolute_extrema",
    "approach_table",
    "classify_continuity",
    "continuity_analysis",
    "critical_point_search",
    "critical_points",
    "curvature",
    "derivative",
    "derivative_steps",
    "derivatives_analysis",
    "descent_analysis",
    "descent_verdict",
    "difference_quotient",
    "difference_quotients",
    "differentiability_at",
    "epsilon_delta",
    "extrema_analysis",
    "gradient_descent",
    "latex",
    "learning_rate_grid",
    "least_loss",
    "limit_at",
    "limit_steps",
    "limits_analysis",
    "loss_descent_analysis",
    "mean_squared_error",
    "neuron_analysis",
    "numeric_values",
    "parse_expression",
    "parse_numbers",
    "parse_point",
    "partial_derivatives",
    "run_bounded",
    "sample_function",
    "surface_analysis",
    "surface_descent",
    "tangent_line",
]
