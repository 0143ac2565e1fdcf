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
    """
    names = list(columns)
    lines = ["| " + " | ".join(names) + " |", "|" + " ---: |" * len(names)]
    for row in zip(*columns.values(), strict=True):
        lines.append("| " + " | ".join(_cell(v, digits) for v in row) + " |")
    return "\n".join(lines)


def _cell(value, digits: int) -> str:
    if isinstance(value, float):
        return "—" if math.isnan(value) else f"{value:.{digits}g}"
    return str(value)
