"""The limits page's text parts: the verdict with the one-sided limits, the approach tables, the
words on points a chart frame cannot show, and the chart in words (``pages/limits.py`` lays them
out)."""

from __future__ import annotations

import streamlit as st
import sympy as sp

from mathcore.epsilon_delta import PER_DECADE
from ui import compute
from ui.charts.epsilon_delta import epsilon_delta_figure
from ui.i18n import text
from ui.inputs import computed, linked_value
from ui.limit_steps import limit_steps_markdown
from ui.messages import side_tex, tex
from ui.one_sided import edge_sentence, edge_side
from ui.page import chart, presenting
from ui.tables import approach_digits, markdown_table, plain_number, tex_number

X = sp.Symbol("x", real=True)
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
    call, point = compute.limit_steps, analysis.point
    folded, found = _opened(lang, "limit_steps.title", "steps", call, analysis, point)
    with folded:
        if found is None:  # folded, or it took too long (said by computed())
            return
        if not found.steps:
            st.markdown(text(lang, "limit_steps.none"))
            return
        st.markdown(limit_steps_markdown(found, lang))
        st.caption(text(lang, "limit_steps.checked"))


def _opened(lang: str, title: str, key: str, call, analysis, given):
    """(the expander, ``call(key, f, given)``) for a part of /limits folded under ``title``
    and worked out only once it is opened (``?<key>=true`` opens it from a lesson link):
    ``call`` is a cached bounded call of ``compute``; ``None`` while folded or when it took
    too long (said by ``computed``)."""
    folded = st.expander(text(lang, title), key=key, on_change="rerun", bind="query-params")
    if not folded.open:
        return folded, None
    cache_key = compute.steps_key(analysis.expr, analysis.point)
    with folded:
        return folded, computed(lang, call, cache_key, analysis.expr, given)


CHART_WORDS = (
    "band",
    "window",
    "escapes",
    "delta_plot",
    "current",
    "legend_no_delta",
    "axis_epsilon",
    "axis_delta",
)


def show_epsilon_delta(lang: str, analysis) -> None:
    """The ε–δ game for the limit the page found, folded under its title and worked out only
    once a student opens it (``?epsilon_delta=true`` opens it from a lesson link; ``?eps=``
    picks the ε the chart opens on, and the chart's slider keeps it in the address)."""
    call, limit = compute.epsilon_delta, analysis.limit
    folded, found = _opened(lang, "epsilon_delta.title", "epsilon_delta", call, analysis, limit)
    with folded:
        if found is None:  # folded, or it took too long (said by computed())
            return
        a, gap = tex(lang, found.point), tex(lang, X - found.point) if found.point.is_finite else ""
        way = direction(found.point) if found.point.is_infinite else None
        beyond = text(lang, f"epsilon_delta.beyond_{way}") if way else ""
        if found.kind == "unavailable":
            key = f"epsilon_delta.unavailable_{found.reason}"
            if way and found.reason == "infinite_limit":  # x → ±∞: the ε–N game's words
                key += "_infinity"
            st.info(text(lang, key, a=a, gap=gap, beyond=beyond))
            return
        if way:  # the ε–N game
            st.markdown(text(lang, "epsilon_delta.definition_infinity", a=a, beyond=beyond))
            limit = tex(lang, found.limit_exact)
            st.markdown(text(lang, "epsilon_delta.converges_infinity", L=limit))
        else:
            st.markdown(text(lang, "epsilon_delta.definition", a=a, gap=gap))
            st.markdown(_candidate(lang, found, analysis.limit, a))
        opening = linked_value("eps", found.epsilons, found.witness or found.epsilons[0])
        words = {k: text(lang, f"epsilon_delta.{k}") for k in CHART_WORDS}
        labels = {
            "f": text(lang, "fig.f"),
            **{k.removeprefix("axis_").removeprefix("legend_"): v for k, v in words.items()},
        }
        if found.point.is_infinite:
            labels["window"] = text(lang, f"epsilon_delta.window_n_{way}")
            labels["delta"] = text(lang, "epsilon_delta.axis_n")
            labels["delta_plot"] = text(lang, "epsilon_delta.n_plot")
        figure = epsilon_delta_figure(
            found, labels, opening, presenting(), lambda i: _frame_title(lang, found, i)
        )
        index = found.epsilons.index(opening)
        alt = text(  # plain text: ∞, not \\infty
            lang,
            "epsilon_delta.alt_infinity" if way else "epsilon_delta.alt",
            a=plain_number(float(found.point), 9),
            L=plain_number(found.limit, 9),
            opening=_frame_title(lang, found, index),
            beyond=text(lang, f"epsilon_delta.window_n_{way}") if way else "",
        )
        chart(figure, alt, key="epsilon-delta-chart")
        if found.witness is not None:
            st.markdown(_witness(lang, found, a))
        st.markdown(_delta_table(lang, found))
        st.caption(_bound(lang, found))


def _bound(lang: str, found) -> str:
    """How δ (N) was found, and so what it can miss, in one sentence."""
    if found.point.is_infinite:
        farthest = plain_number(found.nearest, 2)
        return text(lang, "epsilon_delta.bound_infinity", per_decade=PER_DECADE, farthest=farthest)
    return text(
        lang,
        "epsilon_delta.bound",
        per_decade=PER_DECADE,
        reach=plain_number(found.reach),
        nearest=plain_number(found.nearest, 2),
    )


def _candidate(lang: str, found, result, a: str) -> str:
    """Which L is tested, and why: the limit, or where there is none the best candidate."""
    if found.kind == "converges":
        return text(lang, "epsilon_delta.converges", L=tex(lang, found.limit_exact))
    if found.kind == "jump":
        values = {s: tex(lang, getattr(result, s)) for s in ("left", "right")}
        return text(
            lang,
            "epsilon_delta.jump",
            a=a,
            L=tex(lang, found.limit_exact),
            half=tex_number(found.half),
            **values,
        )
    return text(
        lang,
        "epsilon_delta.oscillates",
        a=a,
        L=tex_number(found.limit),
        half=tex_number(found.half),
        low=tex_number(found.limit - found.half),
        high=tex_number(found.limit + found.half),
    )


def _witness(lang: str, found, a: str) -> str:
    """The witness ε and the escaping point nearest a."""
    i = found.epsilons.index(found.witness)
    x, y = found.escapes[i][0]
    return text(
        lang,
        "epsilon_delta.witness",
        a=a,
        eps=tex_number(found.witness),
        x=tex_number(x, 15),
        y=tex_number(y, 6),
        distance=tex_number(abs(x - float(found.point)), 2),
    )


def _frame_title(lang: str, found, i: int) -> str:
    """Frame i's sentence (plain text: a chart title)."""
    eps, delta = plain_number(found.epsilons[i], 6), found.deltas[i]
    if found.point.is_infinite:  # the ε–N game: deltas holds N
        if delta is None:
            return text(lang, "epsilon_delta.frame_n_none", eps=eps, far=plain_number(found.floor))
        if found.capped[i]:
            return text(lang, "epsilon_delta.frame_n_capped", eps=eps)
        return text(lang, "epsilon_delta.frame_n", eps=eps, n=plain_number(delta, 6))
    if delta is None and found.kind == "converges":  # δ exists, below what was sampled
        return text(lang, "epsilon_delta.frame_below", eps=eps, floor=plain_number(found.floor))
    if delta is None:
        return text(lang, "epsilon_delta.frame_none", eps=eps)
    if found.capped[i]:
        return text(lang, "epsilon_delta.frame_capped", eps=eps, reach=plain_number(found.reach))
    side = text(lang, f"epsilon_delta.side_{found.binding[i]}")
    return text(lang, "epsilon_delta.frame_delta", eps=eps, delta=plain_number(delta, 6), side=side)


def _delta_table(lang: str, found) -> str:
    """ε, the largest δ and the side that sets it, one row per ε of the slider."""
    deltas, sides = [], []
    if found.point.is_infinite:  # the ε–N game: deltas holds N
        far = plain_number(found.floor)
        for N, capped in zip(found.deltas, found.capped, strict=True):
            shown = text(lang, "epsilon_delta.n_beyond", far=far) if N is None else None
            shown = shown or (text(lang, "epsilon_delta.n_at_most") if capped else None)
            deltas.append(shown or plain_number(N, 6))
        columns = {
            text(lang, "epsilon_delta.column_epsilon"): [
                plain_number(e, 6) for e in found.epsilons
            ],
            text(lang, "epsilon_delta.column_n"): deltas,
        }
        return markdown_table(columns)
    for delta, capped, side in zip(found.deltas, found.capped, found.binding, strict=True):
        if delta is None and found.kind == "converges":
            deltas.append(text(lang, "epsilon_delta.below", floor=plain_number(found.floor)))
        elif delta is None:
            deltas.append(text(lang, "epsilon_delta.no_delta"))
        elif capped:
            deltas.append(text(lang, "epsilon_delta.at_least", reach=plain_number(found.reach)))
        else:
            deltas.append(plain_number(delta, 6))
        sides.append(text(lang, f"epsilon_delta.short_{side}") if side and not capped else "")
    columns = {
        text(lang, "epsilon_delta.column_epsilon"): [plain_number(e, 6) for e in found.epsilons],
        text(lang, "epsilon_delta.column_delta"): deltas,
        text(lang, "epsilon_delta.column_side"): sides,
    }
    return markdown_table(columns)
