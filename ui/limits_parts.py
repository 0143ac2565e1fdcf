"""The limits page's text parts: the verdict with the one-sided limits, the approach tables, the
words on points a chart frame cannot show, and the chart in words (``pages/limits.py`` lays them
out)."""

from __future__ import annotations

import streamlit as st
import sympy as sp

from ui import compute
from ui.i18n import text
from ui.inputs import computed
from ui.limit_steps import limit_steps_markdown
from ui.messages import side_tex, tex
from ui.one_sided import edge_sentence, edge_side
from ui.tables import approach_digits, markdown_table, plain_number

GOOD = ("converges", "edge")  # the other verdicts: a warning box for these, else an error
WARN = ("diverges_to_inf", "diverges_to_neg_inf", "uncertain", "edge_infinite")


def show_verdict(lang: str, result) -> None:
    a = tex(lang, result.point)
    left = side_tex(lang, result.left, result.left_kind)
    right = side_tex(lang, result.right, result.right_kind)
    values = {"a": a, "value": tex(lang, result.value), "left": left, "right": right}
    verdict = result.verdict
    if verdict == "oscillates" and result.unbounded:
        verdict = "oscillates_unbounded"
    if verdict == "undefined" and result.left_kind == result.right_kind == "undefined":
        verdict = "undefined_both"  # √x at −1: on neither side, not "one side"
    edge = edge_side(result.left_kind, result.right_kind)
    if result.point.is_finite and edge is not None:  # the one-sided limit from inside
        limit = getattr(result, edge)
        verdict = "edge" if limit.is_finite else "edge_infinite"
        values["edge"] = edge_sentence(lang, a, edge, limit)
    box = st.success if verdict in GOOD else st.warning if verdict in WARN else st.error
    if result.point.is_infinite:  # one direction only: x → ∞ or x → −∞
        values["when"] = text(lang, f"limits.as_x_{direction(result.point)}")
        box(text(lang, f"limits.verdict_infinity.{verdict}", **values))
        side = "left" if result.point is sp.oo else "right"
        st.latex(_equation(rf"\lim_{{x \to {a}}} f(x)", getattr(result, side), values[side]))
        return
    box(text(lang, f"limits.verdict.{verdict}", **values))
    sides = (("-", "left"), ("+", "right"))
    st.latex(
        r" \qquad ".join(
            _equation(rf"\lim_{{x \to {a}^{s}}} f(x)", getattr(result, side), values[side])
            for s, side in sides
        )
    )


def _equation(lim: str, value, said: str) -> str:
    """lim … = value, or, where a side has no limit, lim …: what it does instead (a limit is
    not equal to the word "oscillates", found by a fresh pair of eyes)."""
    return f"{lim} = {said}" if value is not None else rf"{lim}\text{{: }}{said}"


def direction(point) -> str:
    return "oo" if point is sp.oo else "neg_oo"  # x → ∞ or x → −∞, in the locale keys


def beyond_the_chart(lang: str, meta: dict) -> list[str]:
    """Words on the table's points a frame shows only on its edge (e^1000), or not at all."""
    found = []
    for where, edge in (("above", "top"), ("below", "bottom"), ("outside", None)):
        if xs := meta[where]:
            named = ", ".join(plain_number(x, 9) for x in xs)
            edge = plain_number(meta[edge]) if edge else ""
            found.append(text(lang, f"limits.beyond_{where}", xs=named, count=len(xs), edge=edge))
    return found


def alt_text(lang: str, result, sides: dict[str, str]) -> str:
    """The chart in words; toward ±∞ one direction only (x → ∞ comes from below)."""
    if result.point.is_infinite:
        side = "left" if result.point is sp.oo else "right"
        key = "a11y.limit_plus" if result.point is sp.oo else "a11y.limit_minus"
        return text(lang, key, value=sides[side])
    return text(lang, "a11y.limit", a=tex(lang, result.point), **sides)


def approach_tables(lang: str, result) -> None:
    toward = text(lang, "limits.table_toward", a=tex(lang, result.point))
    sides = (text(lang, "limits.table_left"), text(lang, "limits.table_right"))
    headings = (toward, toward) if result.point.is_infinite else sides
    for heading, rows in zip(headings, (result.table_left, result.table_right), strict=True):
        if rows:
            xs, ys = zip(*rows, strict=True)
            st.markdown(f"**{heading}**")
            st.markdown(markdown_table({"x": xs, "f(x)": ys}, {"x": approach_digits(xs)}))


def show_steps(lang: str, analysis) -> None:
    """The limit step by step (each step checked numerically), folded under its title and
    worked out only once a student opens it (``?steps=true`` opens it from a lesson link);
    where no technique reaches the limit, the approach tables are the explanation."""
    folded = st.expander(
        text(lang, "limit_steps.title"), key="steps", on_change="rerun", bind="query-params"
    )
    with folded:
        if not folded.open:
            return
        key = compute.steps_key(analysis.expr, analysis.point)
        found = computed(lang, compute.limit_steps, key, analysis.expr, analysis.point)
        if found is None:  # it took too long: said by computed()
            return
        if not found.steps:
            st.markdown(text(lang, "limit_steps.none"))
            return
        st.markdown(limit_steps_markdown(found, lang))
        st.caption(text(lang, "limit_steps.checked"))
