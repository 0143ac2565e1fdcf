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
