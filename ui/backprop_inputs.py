"""The backpropagation lab's controls: the data, the descent sliders, the neuron's inputs and its
forward / backward / update buttons (whose state lives in the session)."""

from __future__ import annotations

import streamlit as st

from ui import compute
from ui.i18n import text
from ui.inputs import decimals, kept_eta, slider_default
from ui.page import inputs_area
from ui.ranges import bounded_number
from ui.tables import plain_number, tex_number

MAX_STEPS = 100  # the descent's steps slider ends here
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


def descent_sliders(lang: str, lam: float) -> tuple[float, float, int, float, float]:
    """η (up to 1.5 × the stability limit 2/λ_max; a student's η past a new data set's end is
    rescaled so ηλ_max stays, with a note), β, steps, w₀, b₀."""
    stable = 2 / lam
    high = float(f"{1.5 * stable:.3g}")
    # new data may pull the end below the student's η
    moved = kept_eta("lr", high, stable, "backprop")
    cols = st.columns(5)
    lr = cols[0].slider(
        text(lang, "backprop.lr"),
        0.0,
        high,
        value=slider_default("lr", float(f"{min(0.2, 0.9 * stable):.3g}")),
        step=high / 150,
        format=decimals(high / 150),  # large data: a tiny stable η, in decimals
        key="lr",
        bind="query-params",
    )
    momentum = cols[1].slider(
        text(lang, "backprop.momentum"), 0.0, 0.95, 0.0, 0.05, key="momentum", bind="query-params"
    )
    steps = cols[2].slider(
        text(lang, "backprop.steps_n"), 1, MAX_STEPS, MAX_STEPS, key="steps", bind="query-params"
    )
    w0 = cols[3].slider(
        text(lang, "backprop.w0"), -5.0, 5.0, -2.0, 0.1, key="w0", bind="query-params"
    )
    b0 = cols[4].slider(
        text(lang, "backprop.b0"), -5.0, 5.0, 4.0, 0.1, key="b0", bind="query-params"
    )
    if moved:
        old, new = map(plain_number, moved[:2])
        note = text(lang, "backprop.lr_moved", high=plain_number(high), old=old, new=new)
        if moved[2]:  # rescaled, not stopped at the end
            note += " " + text(lang, "backprop.lr_same", product=tex_number(moved[1] * lam))
        st.info(note, icon=":material/info:")
    return float(lr), float(momentum), int(steps), float(w0), float(b0)


def neuron_inputs(lang: str) -> list[float]:
    """x, y, w, b and η of the neuron (each in the URL)."""
    with inputs_area(lang):
        cols = st.columns(len(NEURON_INPUTS))
        return [
            bounded_number(lang, col, key, text(lang, f"backprop.{key}"), value, 0.1, low, high)
            for col, (key, value, low, high) in zip(cols, NEURON_INPUTS, strict=True)
        ]


def neuron_buttons(lang: str, graph, eta: float) -> int:
    """Forward pass, backward step, one descent update, reset; returns the stage: −1 nothing
    shown, 0 after the forward pass, k after k backward steps."""
    state = st.session_state
    stage = state.setdefault("neuron_stage", -1)
    total = len(graph.nodes)
    buttons = st.columns(4)
    buttons[0].button(
        text(lang, "backprop.forward"), on_click=_stage, args=(0,), use_container_width=True
    )
    buttons[1].button(
        text(lang, "backprop.backward"),
        on_click=_stage,
        args=(min(stage + 1, total),),
        disabled=stage < 0 or stage >= total,
        use_container_width=True,
    )
    buttons[2].button(
        text(lang, "backprop.update"), on_click=_update, args=(graph, eta), use_container_width=True
    )
    buttons[3].button(
        text(lang, "backprop.reset"), on_click=_stage, args=(-1,), use_container_width=True
    )
    if "neuron_update" in state:
        st.success(text(lang, "backprop.updated", **state.pop("neuron_update")))
    return stage


def _stage(stage: int) -> None:
    st.session_state.neuron_stage = stage


def _update(graph, eta: float) -> None:
    """One gradient-descent step on w and b, kept within the inputs' range; the new values go
    into the inputs (and the URL)."""
    state = st.session_state
    w, b = state.w, state.b
    gw, gb = graph.gradient(compute.W), graph.gradient(compute.B)
    new_w, new_b = (round(min(max(v, -100.0), 100.0), 6) for v in (w - eta * gw, b - eta * gb))
    state.w, state.b = new_w, new_b
    after = compute.neuron_view(state.x, state.y, new_w, new_b)[0].nodes[-1].value
    state.neuron_update = {
        "w_old": plain_number(w),
        "w_new": plain_number(new_w),
        "b_old": plain_number(b),
        "b_new": plain_number(new_b),
        "l_old": plain_number(graph.nodes[-1].value),
        "l_new": plain_number(after),
    }
    state.neuron_stage = 0
