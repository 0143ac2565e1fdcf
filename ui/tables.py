"""Small numeric tables as Markdown: static HTML that a fragment rerun does not redraw (an
``st.dataframe`` grid costs ~20 ms on every slider move of its page).

Numbers are floats or mpmath ``mpf`` values, which keep their size past a float's range: the
engine's e^(−1000) is 5.08 × 10⁻⁴³⁵, not the float 0.0; e^1000 is 1.97 × 10⁴³⁴, not ``inf``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import mpmath
import sympy as sp

from mathcore.printing import latex

HUGE_EXPONENT = 10**12  # 10^(1.167 × 10⁴³) rather than a 44-digit superscript exponent


def markdown_table(columns: dict[str, Sequence], digits: int | Mapping[str, int] = 9) -> str:
    """Columns of numbers (or text) as a right-aligned Markdown table.

    Parameters
    ----------
    columns : column name → its cells (floats, mpmath ``mpf`` values or text).
    digits : significant digits of every column, or per column name (9 where not named).

    Returns
    -------
    The table as Markdown: ``—`` where a value is ``nan`` (f undefined there).

    Examples
    --------
    >>> print(markdown_table({"x": [0.1, 0.01], "f(x)": [0.998334166, float("nan")]}))
    | x | f(x) |
    | ---: | ---: |
    | 0.1 | 0.998334166 |
    | 0.01 | — |
    >>> print(markdown_table({"f'": [-0.0]}).splitlines()[-1])
    | 0 |
    >>> print(markdown_table({"e^x": [float("inf")]}).splitlines()[-1])  # e^1000: finite
    | > 1.8 × 10³⁰⁸ |
    >>> print(markdown_table({"e^x": [mpmath.exp(-1000)]}).splitlines()[-1])  # not 0
    | 5.0759589 × 10⁻⁴³⁵ |
    >>> print(markdown_table({"verdict": ["L falls as |w| grows"]}).splitlines()[-1])
    | L falls as \\|w\\| grows |
    """
    names = list(columns)
    wanted = digits if isinstance(digits, Mapping) else dict.fromkeys(names, digits)
    lines = ["| " + " | ".join(names) + " |", "|" + " ---: |" * len(names)]
    for row in zip(*columns.values(), strict=True):
        cells = (_cell(v, wanted.get(name, 9)) for name, v in zip(names, row, strict=True))
        # a | in a cell ("as |w| grows", $|x|$) would end it: escaped, GFM reads it back as |
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def approach_digits(xs: Sequence) -> int:
    """Significant digits that write every x = a ∓ 10⁻ᵏ (k ≤ 6) of an approach apart from a:
    9, and one more for each digit of the largest |x| before the decimal point.

    Parameters
    ----------
    xs : the table's x values (floats or mpmath ``mpf``).

    Returns
    -------
    The digits for the x column of :func:`markdown_table`.

    Examples
    --------
    >>> approach_digits([0.9, 0.999999]), approach_digits([1234.4, 1234.499999])
    (9, 13)
    >>> plain_number(1234.499999, 9), plain_number(1234.499999, approach_digits([1234.4]))
    ('1234.5', '1234.499999')
    """
    finite = [abs(x) for x in xs if mpmath.isfinite(x)]
    largest = max(finite, default=0)
    return 9 + (int(mpmath.floor(mpmath.log10(largest))) + 1 if largest >= 1 else 0)


def _cell(value, digits: int) -> str:
    if isinstance(value, float):
        if math.isinf(value):  # a value at a finite x past a float's range (e^1000), not ∞
            return "> 1.8 × 10³⁰⁸" if value > 0 else "< −1.8 × 10³⁰⁸"
        return "—" if math.isnan(value) else plain_number(value, digits)
    if isinstance(value, mpmath.mpf):
        return "—" if mpmath.isnan(value) else plain_number(value, digits)
    return str(value)


def tex_number(value, digits: int = 4) -> str:
    r"""A number (float or mpmath ``mpf``) for LaTeX, without e-notation.

    >>> tex_number(7.8234e-13), tex_number(0.5), tex_number(-1234567.0), tex_number(-0.0)
    ('7.823 \\times 10^{-13}', '0.5', '-1.235 \\times 10^{6}', '0')
    >>> tex_number(mpmath.exp(1000))
    '1.97 \\times 10^{434}'
    """
    mantissa, exponent = _scientific(value, digits)
    if isinstance(exponent, mpmath.mpf):
        return rf"{mantissa}10^{{{tex_number(exponent)}}}"
    return rf"{mantissa} \times 10^{{{exponent}}}" if exponent is not None else mantissa


def plain_number(value, digits: int = 4) -> str:
    """A number (float or mpmath ``mpf``) for plain text (Markdown outside ``$…$``, chart labels):
    like :func:`tex_number`, with Unicode superscripts instead of LaTeX; ``10⁻⁶`` (``-10⁻⁶``)
    when the mantissa is 1 (−1). An ``mpf`` keeps its size beyond a float's range; an exponent
    of 13 digits or more is written as a power, ``10^(1.167 × 10⁴³)``.

    >>> plain_number(1e6), plain_number(-1234567.0), plain_number(1e-06), plain_number(-0.0)
    ('10⁶', '-1.235 × 10⁶', '10⁻⁶', '0')
    >>> plain_number(0.1 + 0.2, 6), plain_number(float("inf"))
    ('0.3', '∞')
    >>> plain_number(mpmath.exp(-1000)), plain_number(-mpmath.mpf(10) ** 6000), plain_number(-1e-5)
    ('5.076 × 10⁻⁴³⁵', '-10⁶⁰⁰⁰', '-10⁻⁵')
    >>> plain_number(mpmath.exp(mpmath.exp(100)))
    '10^(1.167 × 10⁴³)'
    """
    if mpmath.isinf(value):
        return "∞" if value > 0 else "−∞"
    mantissa, exponent = _scientific(value, digits)
    if isinstance(exponent, mpmath.mpf):
        return f"{mantissa}10^({plain_number(exponent)})"
    if exponent is None:
        return mantissa
    power = "10" + str(exponent).translate(_SUPERSCRIPTS)
    if mantissa in ("1", "-1"):  # −10⁻⁵ beside 10⁻⁵, not −1 × 10⁻⁵
        return mantissa[:-1] + power
    return f"{mantissa} × {power}"


def _scientific(value, digits: int) -> tuple[str, int | mpmath.mpf | None]:
    """``value`` written as ``f"{value:.{digits}g}"`` would: the mantissa and the power of ten
    (``None`` when written without one). An ``mpf`` of any size is written the same way; one
    whose exponent has 13 digits or more becomes its sign and that exponent, an ``mpf`` (the
    mantissa says nothing then)."""
    if not isinstance(value, mpmath.mpf):
        mantissa, _, exponent = f"{value + 0.0:.{digits}g}".partition("e")  # + 0.0: no "-0"
        return (mantissa, int(exponent)) if exponent else (mantissa, None)
    if not value:
        return "0", None
    with mpmath.workdps(max(digits, 15) + 10):
        power = mpmath.log10(abs(value))
        if abs(power) >= HUGE_EXPONENT:
            return ("-" if value < 0 else ""), power
        decimal = Decimal(mpmath.nstr(value, digits + 10, strip_zeros=False))
    written = format(decimal, f".{digits - 1}e")
    figures, _, exponent = written.partition("e")
    sign, figures = ("-", figures[1:]) if figures.startswith("-") else ("", figures)
    whole, _, fraction = figures.partition(".")
    exponent, ciphers = int(exponent), whole + fraction
    if -4 <= exponent < digits:  # as %g: without a power of ten
        if exponent >= 0:
            text = ciphers[: exponent + 1].ljust(exponent + 1, "0") + "." + ciphers[exponent + 1 :]
        else:
            text = "0." + "0" * (-exponent - 1) + ciphers
        return sign + text.rstrip("0").rstrip("."), None
    fraction = fraction.rstrip("0")
    return sign + whole + ("." + fraction if fraction else ""), exponent


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def exact_tex(value: sp.Expr) -> str:
    """Exact LaTeX, with a decimal when it is not a plain fraction: cos 1 + 2 sin 1 ≈ 2.223."""
    if value.is_Rational:
        return latex(value)
    return rf"{latex(value)} \approx {tex_number(float(value))}"


def line_tex(slope: sp.Expr, intercept: sp.Expr) -> str:
    """y = mx + b, exact for rational coefficients, else to 4 significant digits."""
    x = sp.Symbol("x", real=True)
    if slope.is_Rational and intercept.is_Rational:
        return latex(slope * x + intercept)
    m, b = (float(v) for v in (slope, intercept))  # a whole number reads 1, not 1.0
    m, b = (int(v) if v == int(v) else sp.Float(v, 4) for v in (m, b))
    return latex(m * x + b)
