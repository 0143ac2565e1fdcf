"""The "Python" expander: the code behind a page (``mathcore.snippets``), with its pitfalls."""

from __future__ import annotations

import streamlit as st

from mathcore import snippets
from mathcore.snippets import Snippet
from ui.i18n import catalog, text


def show_code(lang: str, snippet: Snippet, note: str | None = None, name: str = "code") -> None:
    """A folded expander titled "Python": the script with a short comment in ``lang`` at each
    pitfall (``st.code`` has a copy button), then each pitfall explained; ``note`` is the
    catalog key of a line said first (e.g. that the code uses the η the chart opened on).
    Opened, it is in the link (``?code=true``; ``name`` names it where a page has two).
    Its words are captions (small print, Markdown and LaTeX): a page's own text elements
    keep their order whatever the place of the expander."""
    words = catalog(lang)
    title = text(lang, "code.title")
    with st.expander(title, icon=":material/code:", key=name, bind="query-params"):
        st.caption(text(lang, "code.intro") + (f" {text(lang, note)}" if note else ""))
        comments = {k: words[f"code.comment.{k}"] for k in snippet.pitfalls}
        st.code(snippet.text(comments), language="python")
        if snippet.pitfalls:
            notes = (text(lang, f"code.pitfall.{key}") for key in snippet.pitfalls)
            heading = f"**{text(lang, 'code.pitfalls')}**"
            st.caption("\n".join([heading, "", *(f"- {line}" for line in notes)]))


# One line per page: the page's record (and settings) → its snippet, shown.
def limits(lang: str, analysis) -> None:
    """/limits: a :class:`mathcore.LimitsAnalysis`."""
    found = snippets.limits_snippet(
        analysis.expr, analysis.point, analysis.limit, analysis.value is not None
    )
    show_code(lang, found)


def continuity(lang: str, analysis) -> None:
    """/continuity: a :class:`mathcore.ContinuityAnalysis`."""
    show_code(lang, snippets.continuity_snippet(analysis.expr, analysis.point, analysis.continuity))


def derivatives(lang: str, analysis) -> None:
    """/derivatives: a :class:`mathcore.DerivativesAnalysis` (its h steps)."""
    show_code(lang, snippets.derivatives_snippet(analysis.expr, analysis.point, analysis.hs))


def extrema(lang: str, analysis, interval: tuple[float, float] | None, closed: bool) -> None:
    """/extrema: a :class:`mathcore.ExtremaAnalysis` on ``interval`` (``None``: the line)."""
    window = analysis.search.window
    show_code(lang, snippets.extrema_snippet(analysis.expr, interval, closed, window))


def descent(lang: str, analysis, lr: float) -> None:
    """/gradient-descent: a :class:`mathcore.DescentAnalysis` and the η the chart opened on."""
    a = analysis
    show_code(lang, snippets.descent_snippet(a.x, a.y, a.w0, a.steps, lr), "code.lesson")


def own_loss(lang: str, analysis, lr: float) -> None:
    """/gradient-descent with a typed loss: a :class:`mathcore.descent.LossDescentAnalysis` and
    the η the chart opened on."""
    a = analysis
    found = snippets.loss_snippet(a.loss, a.w0, a.steps, lr, a.range)
    show_code(lang, found, "code.lesson")


def surface(lang: str, surface, lr: float, momentum: float, steps: int, start) -> None:
    """/backprop's loss surface: a :class:`mathcore.SurfaceAnalysis` and the descent's settings
    (η: the one the chart opened on)."""
    found = snippets.backprop_snippet(surface.xs, surface.ys, lr, momentum, steps, start)
    show_code(lang, found, "code.lesson")


def neuron(lang: str, found) -> None:
    """/backprop's neuron: a :class:`mathcore.NeuronAnalysis`."""
    snippet = snippets.neuron_snippet(found.x, found.y, found.w, found.b)
    show_code(lang, snippet, name="neuron_code")  # the loss surface's is ?code=


def practice(lang: str, drill) -> None:
    """/practice: how to check an answer to a :class:`mathcore.practice.Drill` with SymPy."""
    d = drill
    found = snippets.practice_snippet(d.kind, d.expr, d.point, d.side, d.params, d.topic)
    show_code(lang, found)
