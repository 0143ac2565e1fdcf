"""Exceptions that ``mathcore`` raises on purpose.

The UI catches exactly these: :class:`InputError` for text it cannot accept and
:class:`ComputationLimit` for work that ran into the bounded runner's caps.

>>> err = InputError("unknown_name", "unknown name 'y'", {"name": "y"}, position=2)
>>> (err.code, err.params["name"], err.position, isinstance(err, ValueError))
('unknown_name', 'y', 2, True)
"""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """User text that is not an acceptable expression.

    ``code`` is machine-readable (the UI translates from it and ``params``),
    ``position`` a 0-based index into the original text or ``None``,
    ``message`` plain English.
    """

    def __init__(
        self,
        code: str,
        message: str,
        params: dict[str, Any] | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = dict(params or {})
        self.position = position

    def __reduce__(self):
        return (type(self), (self.code, self.message, self.params, self.position))


# What SymPy's solvers and series raise when they cannot do a case (seen here: TypeError from
# Max's missing nseries, ValueError from leadterm, KeyError from imageset matching). Callers
# catch these only around a solve/limit call and then fall back or raise NotImplementedError.
SYMPY_FAILURES = (NotImplementedError, ValueError, TypeError, AttributeError, KeyError)

# What evaluating f at one number (NumPy or mpmath, through lambdify) raises where f has no value
# there: a pole (ZeroDivisionError), a point outside the domain (ValueError, TypeError), or a
# value past what mpmath computes (OverflowError: x^x^x at x = −1000 in complex exponentiation,
# "too many digits in integer" past Python's 4300-digit limit) — all read as "no value here".
EVALUATION_FAILURES = (ZeroDivisionError, ValueError, TypeError, OverflowError)


class ComputationLimit(Exception):
    """A computation was stopped by the bounded runner."""


class ComputationTimeout(ComputationLimit):
    """The computation ran longer than its time limit."""


class ComputationTooLarge(ComputationLimit):
    """The computation needed more memory than a worker may use."""


class ComputationBusy(ComputationLimit):
    """Too many computations were waiting; none could start in time."""
