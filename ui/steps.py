"""Print a ``mathcore`` derivative-step tree as a nested Markdown list with LaTeX, in ko or en."""

from __future__ import annotations

import sympy as sp

from mathcore.diffsteps import DerivativeStep
from ui.i18n import text
from ui.messages import tex


def steps_markdown(tree: DerivativeStep, lang: str, partial: bool = False) -> str:
    r"""The steps as nested bullets; each names its rule and states d/dx(expr) = result
    (∂/∂x for a ``partial`` derivative, the other variables held fixed).

    >>> x = sp.Symbol("x", real=True)
    >>> from mathcore import derivative_steps
    >>> print(steps_markdown(derivative_steps(sp.exp(3 * x), x), "en"))
    - **Chain rule**: $\frac{d}{dx}\left(e^{3 x}\right) = 3 e^{3 x}$ — Let $u = 3 x$.
      - **Exponential rule**: $\frac{d}{du}\left(e^{u}\right) = e^{u}$
      - **Constant multiple rule**: $\frac{d}{dx}\left(3 x\right) = 3$
        - **Variable rule**: $\frac{d}{dx}\left(x\right) = 1$
    """
    simplified = tree.unsimplified is not None and tree.unsimplified != tree.result
    d = r"\partial " if partial else "d"
    lines = _lines(tree, lang, 0, tree.unsimplified if simplified else tree.result, d)
    if simplified:
        lines.append(
            "- "
            + text(
                lang,
                "steps.simplify",
                expr=_math(f"{tex(lang, tree.unsimplified)} = {tex(lang, tree.result)}"),
            )
        )
    return "\n".join(lines)


def _lines(step: DerivativeStep, lang: str, depth: int, result: sp.Expr, d: str) -> list[str]:
    var = tex(lang, step.var)
    line = f"{'  ' * depth}- **{text(lang, f'steps.rule.{step.rule}')}**: " + _math(
        rf"\frac{{{d.strip()}}}{{{d}{var}}}\left({tex(lang, step.expr)}\right) = "
        f"{tex(lang, result)}"
    )
    if step.rule == "chain":
        line += " — " + text(lang, "steps.let_u", u=_math(f"u = {tex(lang, step.inner)}"))
    elif step.rule == "rewrite":
        line += " — " + text(lang, "steps.rewrite_as", expr=_math(tex(lang, step.inner)))
    out = [line]
    for sub in step.substeps:
        out.extend(_lines(sub, lang, depth + 1, sub.result, d))
    return out


def _math(source: str) -> str:
    return f"${source}$"
