"""Print a ``mathcore`` limit derivation (:class:`mathcore.limitsteps.LimitSteps`) as a nested
Markdown list with LaTeX, in ko or en: each step names its technique and states
lim before = lim after (or = the value)."""

from __future__ import annotations

import sympy as sp

from mathcore.limitsteps import KNOWN_LIMITS, LimitStep, LimitSteps, U
from ui.i18n import text
from ui.messages import tex

FORMS = {  # the indeterminate forms, in TeX
    "0/0": r"\frac{0}{0}",
    "oo/oo": r"\frac{\infty}{\infty}",
    "0*oo": r"0 \cdot \infty",
    "oo-oo": r"\infty - \infty",
    "1^oo": r"1^{\infty}",
    "0^0": r"0^{0}",
    "oo^0": r"\infty^{0}",
    "c/0": r"\frac{c}{0}",
}


def limit_steps_markdown(found: LimitSteps, lang: str) -> str:
    r"""The derivation as nested bullets; where the sides are taken apart, each side's own.

    >>> from mathcore.limitsteps import limit_steps
    >>> x = sp.Symbol("x", real=True)
    >>> lines = limit_steps_markdown(limit_steps((x**2 - 1) / (x - 1), x, 1), "en").splitlines()
    >>> [line.split(": $")[0] for line in lines]
    ['- **Factor and cancel** $x - 1$', '- **Direct substitution** (continuous there)']
    >>> lines[0].split(": $")[1]
    '\\lim_{x \\to 1} \\frac{x^{2} - 1}{x - 1} = \\lim_{x \\to 1} \\left(x + 1\\right)$'
    """
    return "\n".join(_derivation(found, lang, 0))


def _derivation(found: LimitSteps, lang: str, depth: int) -> list[str]:
    lines = []
    for step in found.steps:
        if step.technique == "one_sided":
            lines.append(f"{'  ' * depth}- {text(lang, 'limit_steps.technique.one_sided')}")
            for side in ("left", "right"):
                part = getattr(found, side)
                lines.append(f"{'  ' * (depth + 1)}- {text(lang, f'limit_steps.{side}')}")
                lines += _derivation(part, lang, depth + 2)
        else:
            lines += _step(step, found, lang, depth)
    return lines


def _step(step: LimitStep, found: LimitSteps, lang: str, depth: int) -> list[str]:
    lim = _lim(found, lang)
    after = step.after.doit() if step.technique == "product_to_quotient" else step.after
    right = f"{lim} {_grouped(lang, after)}" if after.has(found.var) else tex(lang, after)
    name = text(lang, f"limit_steps.technique.{step.technique}", **_details(step, lang))
    line = f"{'  ' * depth}- {name}: ${lim} {_grouped(lang, step.before)} = {right}$"
    lines = [line]
    for sub in step.substeps:
        lines += _step(sub, found, lang, depth + 1)
    return lines


def _details(step: LimitStep, lang: str) -> dict[str, str]:
    """The placeholders a technique's name may use, as inline TeX."""
    details = {"form": f"${FORMS.get(step.form or '', '')}$"}
    if step.factor is not None:
        details["factor"] = f"${tex(lang, step.factor)}$"
    if step.known is not None:
        known = KNOWN_LIMITS[step.known]
        details["known"] = (
            f"$\\lim_{{u \\to {tex(lang, known.tends_to)}}} "
            f"{tex(lang, known.expr.subs(U, sp.Symbol('u')))} = {tex(lang, known.value)}$"
        )
    if step.inner is not None:
        details["inner"] = f"${tex(lang, step.inner)}$"
    if step.power is not None:
        details["power"] = f"${tex(lang, step.power)}$"
    if step.bound is not None:
        bounded, most, vanishing = step.bound
        details["bounded"] = f"$\\left|{tex(lang, bounded)}\\right| \\le {tex(lang, most)}$"
        details["vanishing"] = f"${tex(lang, vanishing)} \\to 0$"
    return details


def _lim(found: LimitSteps, lang: str) -> str:
    point = tex(lang, found.point)
    if found.point.is_finite and found.side != "both":
        point += "^{-}" if found.side == "left" else "^{+}"
    return rf"\lim_{{{tex(lang, found.var)} \to {point}}}"


def _grouped(lang: str, expr: sp.Expr) -> str:
    """An expression after \\lim: in parentheses when it is a sum (lim (x + 1), not lim x + 1)."""
    written = tex(lang, expr)
    return rf"\left({written}\right)" if isinstance(expr, sp.Add) else written
