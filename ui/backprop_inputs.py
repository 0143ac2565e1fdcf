"""The backpropagation lab's controls: the data, the descent sliders (η is the chart's own, in
the browser; a link's ``?lr=`` opens it), the neuron's inputs and its forward / backward /
update buttons (whose stage is in the link, ``?neuron=``); and the words the page fills in from its
records (each η's chart title, the table of every η)."""

from __future__ import annotations

import streamlit as st

from ui import compute, links
from ui.chain import agreeing_digits
from ui.i18n import text
from ui.page import inputs_area, sync_query
from ui.ranges import bounded_number
from ui.tables import markdown_table, plain_number, tex_number

MAX_STEPS = 100  # the descent's steps slider ends here
SURFACE_LABELS = ("path", "arrow", "minimum", "minimum_line", "step")  # backprop.fig.*
NODE_KEYS = {"u": "u", "z": "z", r"\hat{y}": "yhat", "e": "e", "L": "L"}  # the neuron's labels
NEURON_INPUTS = [  # (key, default, min, max): bounded, so no value overflows a float
    ("x", 1.5, -100.0, 100.0),
    ("y", 1.0, -100.0, 100.0),
    ("w", 0.5, -100.0, 100.0),
    ("b", 0.0, -100.0, 100.0),
    ("eta", 1.0, 0.0, 10.0),
]


def data_inputs(lang: str) -> tuple[str, str]:
    """The x and y columns (``?xs=``, ``?ys=``), as text for ``mathcore.parse_numbers``."""
    with inputs_area(lang):
        columns = st.columns(2)
        return tuple(
            column.text_input(
                text(lang, f"backprop.{key}"),
                default,
                key=key,
                bind="query-params",
                help=text(lang, "backprop.data_help"),
                max_chars=120,
            )
            for column, key, default in zip(
                columns, ("xs", "ys"), ("0, 1, 2, 3", "1, 3, 5, 7"), strict=True
            )
        )


def descent_sliders(lang: str) -> tuple[float, int, float, float]:
    """β, steps, w₀, b₀ (server sliders, each in the URL); η is the chart's own slider."""
    cols = st.columns(4)
    momentum = cols[0].slider(
        text(lang, "backprop.momentum"), 0.0, 0.95, 0.0, 0.05, key="momentum", bind="query-params"
    )
    steps = cols[1].slider(
        text(lang, "backprop.steps_n"), 1, MAX_STEPS, MAX_STEPS, key="steps", bind="query-params"
    )
    w0 = cols[2].slider(
        text(lang, "backprop.w0"), -5.0, 5.0, -2.0, 0.1, key="w0", bind="query-params"
    )
    b0 = cols[3].slider(
        text(lang, "backprop.b0"), -5.0, 5.0, 4.0, 0.1, key="b0", bind="query-params"
    )
    return float(momentum), int(steps), float(w0), float(b0)


def opening_lr(lang: str, surface, momentum: float) -> float:
    """The η the chart opens on: a link's ``?lr=`` (the chart's η slider writes it as it moves)
    when it is in 0 … 1.5 × the limit 2(1 + β)/λ_max (else, said once, dropped from the link),
    or min(0.2, 0.9 · 2/λ_max) to 3 digits: a steady descent on any data."""
    default = float(f"{min(0.2, 0.9 * surface.stable_lr):.3g}")
    high = 1.5 * 2 * (1 + momentum) / surface.curvature
    try:
        linked = float(st.query_params.get("lr", default))
    except ValueError:
        linked = -1.0
    if 0 <= linked <= high:
        return linked
    old, new = st.query_params.get("lr"), plain_number(default)
    st.info(
        text(lang, "backprop.lr_link", old=old, high=plain_number(high, 3), new=new),
        icon=":material/info:",
    )
    del st.query_params["lr"]
    return default


def neuron_inputs(lang: str) -> list[float]:
    """x, y, w, b and η of the neuron (each in the URL)."""
    with inputs_area(lang):
        cols = st.columns(len(NEURON_INPUTS))
        return [
            bounded_number(lang, col, key, text(lang, f"backprop.{key}"), value, 0.1, low, high)
            for col, (key, value, low, high) in zip(cols, NEURON_INPUTS, strict=True)
        ]


def neuron_buttons(lang: str, found, eta: float) -> int:
    """Forward pass, backward step, one descent update, reset, for a ``mathcore.NeuronAnalysis``;
    returns the stage: −1 nothing shown, 0 after the forward pass, k after k backward steps.
    The stage is the link's (``?neuron=forward``, ``?neuron=backward-3``): a link copied after
    three backward steps opens on them."""
    total = len(found.graph.nodes)
    stage = linked_stage(total)
    buttons = st.columns(4)
    buttons[0].button(
        text(lang, "backprop.forward"), on_click=_link_stage, args=(0,), use_container_width=True
    )
    buttons[1].button(
        text(lang, "backprop.backward"),
        on_click=_link_stage,
        args=(min(stage + 1, total),),
        disabled=stage < 0 or stage >= total,
        use_container_width=True,
    )
    buttons[2].button(
        text(lang, "backprop.update"), on_click=_update, args=(found, eta), use_container_width=True
    )
    buttons[3].button(
        text(lang, "backprop.reset"), on_click=_link_stage, args=(-1,), use_container_width=True
    )
    if "neuron_update" in st.session_state:
        st.success(text(lang, "backprop.updated", **st.session_state.pop("neuron_update")))
    return stage


def linked_stage(total: int) -> int:
    """The neuron's stage in the link: ``?neuron=forward`` (0), ``?neuron=backward-k`` (k
    backward steps, 1 … ``total``; a bare ``k`` reads the same); anything else (absent, a
    word or number it cannot be) is −1, nothing shown yet. A number past the graph is its
    last node. The link is rewritten in that form (or dropped); a word it cannot be or a step
    past the end is said at the top of the page (``ui.links``), a bare k or ``Forward`` not."""
    given = st.query_params.get("neuron", "").strip().lower()
    steps = given.removeprefix("backward-")
    if given == "forward":
        stage = 0
    elif steps.isdecimal():  # digits only: no sign, no 1e3
        stage = min(int(steps[:9]), total) if len(steps) < 10 else total  # 10⁹⁹⁹⁹: all
        stage = max(stage, 1) if steps != given else stage  # backward-0: one step, as named
    else:
        stage = -1
    _link_stage(stage)
    asked = (
        0 if given == "forward" else int(steps) if steps.isdecimal() and len(steps) < 10 else None
    )
    if given and asked != stage:  # a word it cannot be, or a step past the graph's end (not a
        links.refused("neuron", given, st.query_params.get("neuron"))  # bare k: the same)
    return stage


def _link_stage(stage: int) -> None:
    """Write ``stage`` into the link (``?neuron=``; none while nothing is shown)."""
    sync_query("neuron", None if stage < 0 else "forward" if stage == 0 else f"backward-{stage}")


def _update(found, eta: float) -> None:
    """One gradient-descent step on w and b, kept within the inputs' range; the new values go
    into the inputs (and the URL), and the neuron shows their forward pass."""
    state = st.session_state
    w, b = state.w, state.b
    gw, gb = found.gradient_w, found.gradient_b
    new_w, new_b = (round(min(max(v, -100.0), 100.0), 6) for v in (w - eta * gw, b - eta * gb))
    state.w, state.b = new_w, new_b
    after = compute.neuron(state.x, state.y, new_w, new_b).loss
    state.neuron_update = {
        "w_old": plain_number(w),
        "w_new": plain_number(new_w),
        "b_old": plain_number(b),
        "b_new": plain_number(new_b),
        "l_old": plain_number(found.loss),
        "l_new": plain_number(after),
    }
    _link_stage(0)


def node_labels(lang: str, graph) -> list[str]:
    """The neuron's nodes in words (u = wx, ŷ = σ(z), …); a node without a name keeps v₁, …"""
    return [
        text(lang, f"backprop.node.{NODE_KEYS[n.name]}") if n.name in NODE_KEYS else n.name
        for n in graph.nodes
    ]


def least_words(least) -> tuple[str, dict[str, str]]:
    """The least loss (a ``mathcore.LeastLoss``) for the page's words: the key suffix (``""``:
    a point, ``"_line"``: the line c·w + b = m when every x is the same) and its numbers."""
    if least.line:
        return "_line", dict(zip("cm", map(plain_number, least.line), strict=True))
    return "", {"w": plain_number(least.w), "b": plain_number(least.b)}


def least_sentence(lang: str, surface) -> str:
    """Where the loss is least, in a sentence under the chart (the same for every η)."""
    kind, least = least_words(surface.least)
    return text(lang, f"backprop.least{kind}", loss=tex_number(surface.least.loss), **least)


def caption(lang: str, sweep, i: int) -> str:
    """The chart's title for the i-th η: its verdict, the factor one step multiplies the
    distance to the least loss by, and where its run ended (cut off, when the loss blew up)."""
    lr, path = sweep.learning_rates[i], sweep.paths[i]
    verdict = text(lang, f"backprop.word.{sweep.verdicts[i]}")
    said = text(lang, "backprop.frame", verdict=verdict, lr=plain_number(lr, 6))
    if path.contraction is not None and sweep.verdicts[i] not in ("no_step", "stationary"):
        said += ", " + text(lang, "backprop.factor", factor=plain_number(path.contraction, 6))
    done = len(path.losses) - 1
    (w, b), loss = map(plain_number, path.points[-1]), plain_number(path.losses[-1])
    said += "<br>" + text(lang, "backprop.frame_final", count=done, w=w, b=b, loss=loss)
    if done < sweep.steps:  # the run was cut off: the loss blew up
        said += "<br>" + text(lang, "backprop.frame_stopped", done=done, asked=sweep.steps)
    if sweep.shown[i] < len(path.points):  # the path leaves the chart: say where it is drawn to
        said += " " + text(lang, "backprop.frame_beyond", drawn=sweep.shown[i] - 1)
    return said


def final(lang: str, sweep, i: int) -> str:
    """Where the i-th run ended, in a sentence (the chart's text alternative ends with it)."""
    path = sweep.paths[i]
    (w, b), loss = map(tex_number, path.points[-1]), tex_number(path.losses[-1])
    return text(lang, "backprop.final", count=len(path.losses) - 1, w=w, b=b, loss=loss)


def rate_table(lang: str, sweep) -> str:
    """Every η of the chart's slider: its verdict, where its run ended (the frames' numbers),
    and what would bring a run that is still descending there sooner."""
    paths = sweep.paths
    verdicts = [text(lang, f"backprop.word.{v}") for v in sweep.verdicts]
    columns = {
        "η": sweep.learning_rates,
        text(lang, "backprop.col_verdict"): verdicts,
        "w": [p.points[-1, 0] for p in paths],
        "b": [p.points[-1, 1] for p in paths],
        "L": [p.losses[-1] for p in paths],
        text(lang, "backprop.col_tip"): [
            ", ".join(text(lang, f"backprop.tip.{tip}") for tip in tips) or "—"
            for tips in sweep.advice
        ],
    }
    return markdown_table(columns, digits=6)


def thresholds(surface, sweep) -> dict[str, str]:
    """The η limits the words name: 2/λ_max (``stable``), 1/λ_max (``half``) and 2(1 + β)/λ_max
    (``limit``), from a ``mathcore.SurfaceAnalysis`` and a ``mathcore.SurfaceSweep``."""
    limits = {"stable": surface.stable_lr, "half": surface.oscillation_lr}
    limits["limit"] = sweep.momentum_lr
    return {k: tex_number(v) for k, v in limits.items()}


def agreement(found) -> dict[str, object]:
    """How far ∂L/∂w three ways agree (a ``mathcore.NeuronAnalysis``): the significant digits
    backprop and the symbolic derivative share, and the finite difference's error."""
    return {
        "digits": agreeing_digits(found.path_product, found.symbolic_w),
        "error": plain_number(abs(found.finite_w - found.symbolic_w), 2),
    }
