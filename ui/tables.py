"""Small numeric tables as Markdown: static HTML that a fragment rerun does not redraw (an
``st.dataframe`` grid costs ~20 ms on every slider move of its page)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def markdown_table(columns: dict[str, Sequence], digits: int = 9) -> str:
    """Columns of numbers (or text) as a right-aligned Markdown table.

    >>> print(markdown_table({"x": [0.1, 0.01], "f(x)": [0.998334166, float("nan")]}))
    | x | f(x) |
    | ---: | ---: |
    | 0.1 | 0.998334166 |
    | 0.01 | — |
    >>> print(markdown_table({"f'": [-0.0]}).splitlines()[-1])
    | 0 |
    >>> print(markdown_table({"e^x": [float("inf")]}).splitlines()[-1])  # e^1000: finite
    | > 1.8 × 10³⁰⁸ |
    """
    names = list(columns)
    lines = ["| " + " | ".join(names) + " |", "|" + " ---: |" * len(names)]
    for row in zip(*columns.values(), strict=True):
        lines.append("| " + " | ".join(_cell(v, digits) for v in row) + " |")
    return "\n".join(lines)


def _cell(value, digits: int) -> str:
    if isinstance(value, float):
        if math.isinf(value):  # a value at a finite x past a float's range (e^1000), not ∞
            return "> 1.8 × 10³⁰⁸" if value > 0 else "< −1.8 × 10³⁰⁸"
        return "—" if math.isnan(value) else plain_number(value, digits)
    return str(value)


def tex_number(value: float, digits: int = 4) -> str:
    r"""A number for LaTeX, without e-notation.

    >>> tex_number(7.8234e-13), tex_number(0.5), tex_number(-1234567.0), tex_number(-0.0)
    ('7.823 \\times 10^{-13}', '0.5', '-1.235 \\times 10^{6}', '0')
    """
    mantissa, _, exponent = f"{value + 0.0:.{digits}g}".partition("e")  # + 0.0: no "-0"
    return rf"{mantissa} \times 10^{{{int(exponent)}}}" if exponent else mantissa


def plain_number(value: float, digits: int = 4) -> str:
    """A number for plain text (Markdown outside ``$…$``, chart labels): like :func:`tex_number`,
    with Unicode superscripts instead of LaTeX; ``10⁻⁶`` when the mantissa is 1.

    >>> plain_number(1e6), plain_number(-1234567.0), plain_number(1e-06), plain_number(-0.0)
    ('10⁶', '-1.235 × 10⁶', '10⁻⁶', '0')
    >>> plain_number(0.1 + 0.2, 6), plain_number(float("inf"))
    ('0.3', '∞')
    """
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    mantissa, _, exponent = f"{value + 0.0:.{digits}g}".partition("e")  # + 0.0: no "-0"
    if not exponent:
        return mantissa
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPTS)
    return power if mantissa == "1" else f"{mantissa} × {power}"


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
