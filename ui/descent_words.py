"""The words /gradient-descent fills in from its :class:`mathcore.DescentAnalysis`: each η's
chart title (its frame's), the sentence that ends the chart's text alternative, the table of
every η."""

from __future__ import annotations

from ui.i18n import text
from ui.tables import markdown_table, plain_number, tex_number


def caption(lang: str, analysis, i: int) -> str:
    """The chart's title for the i-th η: its verdict, |1 − 2ηx²|, and where the run ended."""
    lr, run = analysis.learning_rates[i], analysis.trajectories[i]
    verdict = text(lang, f"descent.word.{analysis.verdicts[i]}")
    said = text(lang, "descent.frame", verdict=verdict, lr=plain_number(lr, 6))
    if analysis.x and run.contraction is not None:
        factor = contraction(run.contraction, 2 * lr * analysis.x**2)
        said += ", " + text(lang, "descent.factor", factor=factor)
    done, w = len(run.losses) - 1, plain_number(run.points[-1, 0])
    ending = text(lang, "descent.frame_final", count=done, w=w, loss=plain_number(run.losses[-1]))
    said += "<br>" + ending
    if done < analysis.steps:  # the run was cut off: the loss blew up
        said += " " + text(lang, "descent.frame_stopped", done=done, asked=analysis.steps)
    return said


def final(lang: str, analysis, i: int) -> str:
    """Where the i-th run ended, in a sentence (the chart's text alternative ends with it)."""
    run, best = analysis.trajectories[i], analysis.minimum
    w, loss = tex_number(run.points[-1, 0]), tex_number(run.losses[-1])
    key = "descent.final" if best is not None else "descent.final_flat"  # x = 0: no one best w
    done, best = len(run.losses) - 1, tex_number(best or 0.0)
    return text(lang, key, count=done, w=w, loss=loss, best=best)


def rate_table(lang: str, analysis) -> str:
    """Every η of the chart's slider: its verdict and where its run ended (the frames' numbers)."""
    runs = analysis.trajectories
    words = [text(lang, f"descent.word.{v}") for v in analysis.verdicts]
    columns = {"η": analysis.learning_rates, text(lang, "descent.col_verdict"): words}
    columns |= {"w": [t.points[-1, 0] for t in runs], "L": [t.losses[-1] for t in runs]}
    return markdown_table(columns, digits=6)


def contraction(factor: float, gap: float) -> str:
    """|1 − 2ηx²| to 6 digits, or as many as it takes not to read 1 when it is not 1 (``gap``
    = 2ηx², written out when even 15 digits read 1)."""
    shown = plain_number(factor, 6)
    if shown == "1" and factor != 1:
        shown = plain_number(factor, 15)
    return f"1 − {plain_number(gap, 3)}" if shown == "1" and 0 < gap < 1e-6 else shown


# --- Your own loss (a mathcore.LossDescentAnalysis) --------------------------------------------

OWN = "descent.own"
GOES = ("converges", "oscillates", "slow", "stationary", "corner")  # verdicts with a place


def reached(lang: str, analysis, i: int) -> str | None:
    """Where the i-th run goes, in plain text (chart titles): which minimum — the global one,
    with w* and L(w*), or a local one, naming where the global one is — or which other
    critical point; ``None`` for a verdict without a place (diverges, bounces …)."""
    verdict, target = analysis.verdicts[i], analysis.targets[i]
    if verdict not in GOES:
        return None
    if target is None:
        end = analysis.ends[i]
        if verdict == "slow" or analysis.range[0] <= end <= analysis.range[1]:
            return None  # no critical point ahead, or one the search did not list
        return text(lang, f"{OWN}.reached.unknown", w=plain_number(end))
    point = analysis.points[target]
    w, loss = plain_number(point.w), plain_number(point.loss)
    if point.kind == "local_max":
        return text(lang, f"{OWN}.reached.max", w=w, loss=loss)
    if point.kind != "local_min":
        return text(lang, f"{OWN}.reached.neither", w=w)
    if point.lowest and any(analysis.unbounded):  # lowest on the range, not on the line
        lo, hi = (plain_number(v) for v in analysis.range)
        return text(lang, f"{OWN}.reached.lowest", lo=lo, hi=hi, w=w, loss=loss)
    if point.lowest:
        return text(lang, f"{OWN}.reached.global", w=w, loss=loss)
    best = [p for p in analysis.minima if p.lowest]
    if not best:
        return text(lang, f"{OWN}.reached.local_only", w=w, loss=loss)
    return text(lang, f"{OWN}.reached.local", w=w, loss=loss, best=plain_number(best[0].w))


def own_caption(lang: str, analysis, i: int) -> str:
    """The chart's title for the i-th η of a typed loss: its verdict, where it goes, where the
    shown run ended, and why it stopped early."""
    lr, run = analysis.learning_rates[i], analysis.trajectories[i]
    verdict = text(lang, f"{OWN}.word.{analysis.verdicts[i]}")
    said = text(lang, "descent.frame", verdict=verdict, lr=plain_number(lr, 6))
    place = reached(lang, analysis, i)
    if place is not None:
        said += ", " + text(lang, f"{OWN}.goes.{analysis.verdicts[i]}", where=place)
    done, w = len(run.losses) - 1, plain_number(run.points[-1, 0])
    said += "<br>" + text(
        lang, "descent.frame_final", count=done, w=w, loss=plain_number(run.losses[-1])
    )
    return said + _why_stopped(lang, analysis, i)


def _why_stopped(lang: str, analysis, i: int) -> str:
    """Why a run is shorter than the steps asked for, or that it blows up only after them."""
    verdict, asked = analysis.verdicts[i], analysis.steps
    done = len(analysis.trajectories[i].losses) - 1
    key = {"diverges": "stopped", "escapes": "escaped", "undefined": "left"}.get(verdict)
    if key is None:
        return ""
    if done < asked:
        return " " + text(lang, f"{OWN}.{key}", done=done, asked=asked)
    return " " + text(lang, f"{OWN}.later", asked=asked) if verdict == "diverges" else ""


def own_verdict(lang: str, analysis, i: int) -> str:
    """The page's sentence for the chart's opening η: the verdict, which minimum it reached
    (local or global, w* and L(w*)), and where the run ended (Markdown with LaTeX)."""
    run = analysis.trajectories[i]
    verdict = text(lang, f"{OWN}.word.{analysis.verdicts[i]}")
    final = text(
        lang,
        f"{OWN}.final",
        count=len(run.losses) - 1,
        w=tex_number(run.points[-1, 0]),
        loss=tex_number(run.losses[-1]),
    )
    lr, place = plain_number(analysis.learning_rates[i], 6), reached(lang, analysis, i)
    if place is None:
        return text(lang, f"{OWN}.page_plain", lr=lr, verdict=verdict, final=final)
    goes = text(lang, f"{OWN}.goes.{analysis.verdicts[i]}", where=place)
    return text(lang, f"{OWN}.page_verdict", lr=lr, verdict=verdict, goes=goes, final=final)


def critical_summary(lang: str, analysis) -> list[str]:
    """The sentences about L itself: its critical points on the range searched (each minimum
    local or global), whether L is unbounded below, and the η limit near its sharpest minimum."""
    lo, hi = (tex_number(v) for v in analysis.range)
    said = []
    lowest = "lowest" if any(analysis.unbounded) else "global"  # no global one on the line
    if analysis.points:
        names = []
        for p in analysis.points:
            kind = {"local_min": lowest if p.lowest else "local", "local_max": "max"}
            key = kind.get(p.kind, "neither")
            names.append(
                text(lang, f"{OWN}.point.{key}", w=tex_number(p.w), loss=tex_number(p.loss))
            )
        key = "points" if analysis.complete else "points_more"
        said.append(text(lang, f"{OWN}.{key}", lo=lo, hi=hi, points="; ".join(names)))
    else:
        said.append(text(lang, f"{OWN}.no_points", lo=lo, hi=hi))
    minus, plus = analysis.unbounded
    if minus or plus:
        where = "both" if minus and plus else ("minus" if minus else "plus")
        said.append(text(lang, f"{OWN}.unbounded", where=text(lang, f"{OWN}.towards.{where}")))
    sharp = [p.curvature for p in analysis.minima if p.curvature > 0]
    if sharp:
        said.append(
            text(
                lang,
                f"{OWN}.threshold",
                curvature=tex_number(max(sharp)),
                stable=tex_number(analysis.scale),
            )
        )
    else:
        rates = analysis.learning_rates
        low, high = plain_number(rates[0], 6), plain_number(rates[-1], 6)
        said.append(text(lang, f"{OWN}.no_threshold", low=low, high=high))
    return said


def own_table(lang: str, analysis) -> str:
    """Every η of a typed loss's slider: its verdict, where it goes, where the run ended."""
    runs = analysis.trajectories
    words = [text(lang, f"{OWN}.word.{v}") for v in analysis.verdicts]
    places = [reached(lang, analysis, i) or "—" for i in range(len(runs))]
    columns = {"η": analysis.learning_rates, text(lang, "descent.col_verdict"): words}
    columns |= {text(lang, f"{OWN}.col_goes"): places}
    columns |= {"w": [t.points[-1, 0] for t in runs], "L": [t.losses[-1] for t in runs]}
    return markdown_table(columns, digits=6)
