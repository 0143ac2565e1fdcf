"""What /extrema shows below its chart: the critical points' table and, on an interval, the
absolute maximum and minimum there (the closed interval method), from a
:class:`mathcore.ExtremaAnalysis`."""

from __future__ import annotations

import math

import streamlit as st
import sympy as sp

from ui.i18n import text
from ui.messages import tex
from ui.tables import markdown_table, plain_number, tex_number


def interval_tex(lang: str, absolute) -> str:
    """[lo, hi] or (lo, hi), in TeX, with the ends as typed (−1.5, not −3/2)."""
    left, right = ("[", "]") if absolute.closed else ("(", ")")
    return f"${left}{_end(absolute.lo)}, {_end(absolute.hi)}{right}$"


def _end(value: sp.Expr) -> str:
    return tex_number(float(value), 10)


def where_searched(lang: str, analysis) -> str:
    """Where the critical points listed were looked for: the interval asked for; the whole line;
    or, where that cannot list them all (sin x: endless), the window the search covered."""
    if analysis.absolute is not None:
        return text(lang, "extrema.where_in", interval=interval_tex(lang, analysis.absolute))
    if analysis.search.complete:
        return text(lang, "extrema.where_all")
    lo, hi = (tex_number(float(t), 10) for t in analysis.search.window)
    return text(lang, "extrema.where_in", interval=f"$({lo}, {hi})$")


def critical_table(lang: str, analysis) -> None:
    search = analysis.search
    found = search.points
    if not found and search.complete:
        st.info(text(lang, "extrema.none", where=where_searched(lang, analysis)))
        return
    count = "count" if search.complete else "count_shown"  # sin x: not all of them
    where = where_searched(lang, analysis)
    st.markdown(f"**{text(lang, f'extrema.{count}', count=len(found), where=where)}**")
    completeness(lang, search)
    if not found:
        return
    columns = {
        "col_x": [f"${tex(lang, sp.Float(p.x, 10) if p.numeric else p.x)}$" for p in found],
        "col_f": [float(p.y) for p in found],
        # f′ is 0 at a stationary point and does not exist at the others (kinks, cusps, jumps):
        # a number read off a one-sided formula there would be false
        "col_d1": [0.0 if p.stationary else math.nan for p in found],
        "col_d2": list(analysis.curvatures),  # f″(c) where f′(c) = 0, else none
        "col_kind": [text(lang, f"fig.{p.kind}") for p in found],
        "col_test": [text(lang, f"extrema.{p.test}") for p in found],
    }
    st.markdown(markdown_table({text(lang, f"extrema.{k}"): v for k, v in columns.items()}, 6))
    if any(p.numeric for p in found):
        st.caption(text(lang, "extrema.numeric"))


def completeness(lang: str, search) -> None:
    """Say when the table is not every critical point: they pile up, repeat without end, or
    were searched for numerically in the window only."""
    lo, hi = (plain_number(t) for t in search.window)
    for a, b in search.crowded:
        st.warning(text(lang, "extrema.crowded", lo=plain_number(a, 2), hi=plain_number(b, 2)))
    if search.endless and not search.crowded:  # sin(1/x): all near 0, none repeats outward
        st.info(text(lang, "extrema.endless", lo=lo, hi=hi))
    elif search.window_only:
        st.info(text(lang, "extrema.window_only", lo=lo, hi=hi))


def absolute_section(lang: str, absolute) -> None:
    """The closed interval method: the candidates with f's value, the absolute maximum and
    minimum marked; or, where f only comes close to a value, why there is none."""
    interval = interval_tex(lang, absolute)
    st.subheader(text(lang, "extrema.absolute", interval=interval))
    if absolute.continuous:
        st.markdown(text(lang, "extrema.evt", interval=interval))
    elif absolute.breaks:
        at = ", ".join(f"${tex(lang, b)}$" for b in absolute.breaks)
        st.markdown(text(lang, "extrema.not_continuous", interval=interval, at=at))
    if not absolute.closed:
        st.markdown(text(lang, "extrema.open_interval", interval=interval))
    if not absolute.decided:
        found = absolute.maximum is not None or absolute.minimum is not None
        st.info(text(lang, f"extrema.{'bounded' if found else 'undecided'}", interval=interval))
    candidates = absolute.candidates
    for key, value, at, near in (
        ("max", absolute.maximum, absolute.max_at, absolute.sup),
        ("min", absolute.minimum, absolute.min_at, absolute.inf),
    ):
        if value is not None:
            places = text(lang, "extrema.or").join(f"${_x(lang, x, absolute)}$" for x in at[:3])
            places += ", …" if len(at) > 3 or not absolute.decided else ""  # sin x: endless
            said = text(lang, f"extrema.{key}", value=_value(lang, value), at=places)
            flat = any(c.where == "flat" and c.x in at and c.y == value for c in candidates)
            st.markdown(f"{said} {text(lang, 'extrema.flat_note')}" if flat else said)
        elif near:
            points = text(lang, "extrema.or").join(_toward(lang, a) for a in near)
            near_text = text(lang, "extrema.when", points=points)
            if near[0].value.is_infinite:
                st.markdown(text(lang, f"extrema.no_{key}_unbounded", near=near_text))
            else:
                value_tex = _value(lang, near[0].value)
                st.markdown(text(lang, f"extrema.no_{key}", value=value_tex, near=near_text))
    _candidates(lang, absolute)


def _value(lang: str, value: sp.Expr) -> str:
    """f's value in TeX, with its decimal when it is no rational number (−25 sin 5 ≈ 23.97)."""
    if value.is_Float:  # found numerically: its digits, not "1.0 ≈ 1"
        return f"${tex_number(float(value), 10)}$"
    exact = tex(lang, value)
    if value.is_Integer or not value.is_finite:
        return f"${exact}$"
    return f"${exact} \\approx {tex_number(float(value), 6)}$"


def _x(lang: str, x: sp.Expr, absolute) -> str:
    """Where an extremum is taken, in TeX: an end as typed (2.5, not 5/2), a point found
    numerically by its digits, a critical point exactly."""
    return _end(x) if x.is_Float or x in (absolute.lo, absolute.hi) else tex(lang, x)


def _toward(lang: str, approach) -> str:
    sign = "-" if approach.side == "left" else "+"
    at = _end(approach.x) if approach.x.is_Rational else tex(lang, approach.x)  # an end as typed
    return f"$x \\to {at}^{{{sign}}}$"


def _candidates(lang: str, absolute) -> None:
    if not absolute.candidates:
        return
    marks = []
    for c in absolute.candidates:
        mark = [
            text(lang, f"fig.abs_{k}")
            for k, xs in (("max", absolute.max_at), ("min", absolute.min_at))
            if c.x in xs
        ]
        marks.append(", ".join(mark) if mark else "")
    columns = {
        text(lang, "extrema.col_x"): [
            f"${_end(c.x)}$" if c.where != "critical" else f"${_x(lang, c.x, absolute)}$"
            for c in absolute.candidates
        ],
        text(lang, "extrema.col_f"): [_value(lang, c.y) for c in absolute.candidates],
        text(lang, "extrema.col_where"): [
            text(lang, f"extrema.where_{c.where}") for c in absolute.candidates
        ],
        text(lang, "extrema.col_absolute"): marks,
    }
    st.markdown(markdown_table(columns, 6))
