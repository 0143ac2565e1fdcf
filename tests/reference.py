"""Independent references for the engine tests: central finite differences in high precision."""

import mpmath
import sympy as sp

FD_TOLERANCE = 1e-9  # central difference with h = 1e-12 at 60 digits: error ~h² ≈ 1e-24


def finite_difference(expr: sp.Expr, var: sp.Symbol, at: float, h: str = "1e-12") -> float:
    """(f(a+h) − f(a−h)) / 2h at 60 significant digits, from a plain mpmath evaluation."""
    f = sp.lambdify(var, expr, modules="mpmath")
    with mpmath.workdps(60):
        a, step = mpmath.mpf(repr(at)), mpmath.mpf(h)
        return float(mpmath.re((f(a + step) - f(a - step)) / (2 * step)))


def numeric_value(expr: sp.Expr, var: sp.Symbol, at: float) -> float:
    """``expr`` at ``at`` as a float, ``nan`` where undefined."""
    value = complex(sp.N(expr.subs(var, sp.Rational(repr(at))), 30))
    return value.real if abs(value.imag) < 1e-15 else float("nan")
