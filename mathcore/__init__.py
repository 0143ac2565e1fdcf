"""The math engine of ML Calculus Lab: pure Python on SymPy and NumPy.

User text enters only through :func:`parse_expression`; long-running SymPy work goes through
:func:`run_bounded`.
"""

from mathcore.bounded import run_bounded
from mathcore.errors import (
    ComputationBusy,
    ComputationLimit,
    ComputationTimeout,
    ComputationTooLarge,
    InputError,
)
from mathcore.parsing import parse_expression

__all__ = [
    "ComputationBusy",
    "ComputationLimit",
    "ComputationTimeout",
    "ComputationTooLarge",
    "InputError",
    "parse_expression",
    "run_bounded",
]
