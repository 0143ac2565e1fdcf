"""AppTest: the gradient-descent page — derivation, steps, verdicts and the η threshold."""

import pytest

from tests.apptest import chart, open_page, trace, values


def threshold(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("For this loss"))


def test_gradient_descent_page_converges():
    at = open_page("gradient-descent", lang="en")
    assert not at.exception
    assert at.success[0].value.startswith("**Converges:**")
    assert "1/x^2 = 0.25" in threshold(at) and "= 0.125" in threshold(at)
    steps = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert steps.startswith("- **Chain rule**")
    assert r"= 2 x \left(w x - y\right)" in steps  # dL/dw = 2x(wx − y)
    figure = chart(at)
    ws = values(trace(figure, "descent steps")["x"])
    assert ws[:2] == pytest.approx([0.0, 0.8])  # w1 = 0 − 0.05 · 2·2·(0 − 4)
    assert len(figure["frames"]) == 31  # Play: one frame per step, in the browser
    last = figure["frames"][-1]  # coordinates only: the traces it names keep their style
    assert last["traces"] == [1, 2, 3]
    assert all(set(t) == {"type", "x", "y"} for t in last["data"])
    assert values(last["data"][1]["x"]) == ws
    losses = values(trace(figure, "loss per iteration")["y"])
    assert losses[0] == 16 and losses[-1] < 1e-9
    assert len(at.get("plotly_chart")) == 1  # one chart to redraw per slider move


def test_gradient_descent_page_too_large_rate_diverges():
    at = open_page("gradient-descent", lang="en", lr="0.3")
    assert at.error[0].value.startswith("**Diverges:**")
    at.slider(key="lr").set_value(0.2).run()
    assert at.info[0].value.startswith("**Converges while oscillating:**")
    at.number_input(key="x").set_value(1.0).run()
    assert "1/x^2 = 1$" in threshold(at)


def test_gradient_descent_page_korean_and_log_scale():
    at = open_page("gradient-descent", lang="ko")
    assert at.success[0].value.startswith("**수렴:**")
    at.toggle(key="log").set_value(True).run()
    assert chart(at)["layout"]["yaxis2"]["type"] == "log"


@pytest.mark.parametrize(
    ("lang", "start", "factor"),
    [("en", "**Diverges:**", "|1 − 2ηx²| = 1.24 > 1"), ("ko", "**발산:**", "= 1.24 > 1이")],
)
def test_gradient_descent_page_growing_loss_is_divergence(lang, start, factor):
    # x = 2, y = 4, η = 0.28 > 1/x² = 0.25: w − 2 is multiplied by 1 − 2·0.28·4 = −1.24 each
    # step, so over 30 steps the loss grows 16 → 16 · 1.24⁶⁰ ≈ 6.45·10⁶, below the 10⁶ × cap
    at = open_page("gradient-descent", lang=lang, x="2", y="4", lr="0.28")
    assert not at.exception and not at.success and not at.info
    (shown,) = at.error
    assert shown.value.startswith(start) and factor in shown.value
    assert "$L = 6.448 \\times 10^{6}$" in next(m.value for m in at.markdown if "$L = " in m.value)
    at.slider(key="steps").set_value(3).run()  # three steps: 16 → 16 · 1.24⁶ ≈ 58: still diverges
    assert at.error[0].value.startswith(start)


def test_gradient_descent_page_edge_and_flat_loss():
    at = open_page("gradient-descent", lang="en", lr="0.25")  # η = 1/x² exactly: 0 ↔ 4
    assert at.error[0].value.startswith("**Does not converge:**")
    at = open_page("gradient-descent", lang="ko", x="0", y="4")  # L = 16 whatever w is
    assert not at.exception
    assert at.warning[0].value.startswith("**경사하강 불가:**")
    assert "L(w) = (wx - y)^2 = 16\n" in at.latex[0].value
    assert not any(m.value.startswith("이 손실에서") for m in at.markdown)  # no η threshold


def verdict_text(at) -> str:
    (shown,) = [*at.success, *at.info, *at.warning, *at.error]
    return shown.value


def test_gradient_descent_page_says_why_a_run_stopped_early():
    # x = 2, y = 4, η = 0.37: w − 2 is multiplied by 1 − 2·0.37·4 = −1.96 a step, the loss by
    # 1.96² = 3.84; it passes 10⁶ × its start 16 at step k = 11 (3.84¹⁰ ≈ 7.0·10⁵, 3.84¹¹ ≈ 2.7·10⁶)
    at = open_page("gradient-descent", lang="en", lr="0.37", steps="30")
    stopped = next(m.value for m in at.markdown if m.value.startswith("**Stopped"))
    assert stopped.startswith("**Stopped after 11 of 30 steps:**") and "million" in stopped
    at = open_page("gradient-descent", lang="ko", lr="0.37", steps="30")
    assert any(m.value.startswith("**30단계 중 11단계") for m in at.markdown)
    at = open_page("gradient-descent", lang="en")  # converges: all 30 steps run, nothing to say
    assert not any(m.value.startswith("**Stopped") for m in at.markdown)


def test_gradient_descent_page_advice_follows_the_settings():
    # η = 0.001, 100 steps (the slider's end): slow because η is small, not for want of steps
    text = verdict_text(open_page("gradient-descent", lang="en", lr="0.001", steps="100"))
    assert text.startswith("**Still descending:**")
    assert "larger η" in text and "More steps" not in text and "nearer" not in text
    # η = 0.2499, just under 1/x² = 0.25: slow because every step jumps over the minimum
    # (|1 − 2ηx²| = 0.9992); a larger η would diverge, so the advice is η nearer 1/(2x²) = 0.125
    text = verdict_text(open_page("gradient-descent", lang="en", lr="0.2499"))
    assert "larger η" not in text and "More steps" in text
    assert "nearer $1/(2x^2) = 0.125$" in text


def test_gradient_descent_page_keeps_the_students_rate_when_x_changes():
    """A new x gives the η slider a new range; the η the student set must stay (0.03 fits the
    new range 0…1.5/25 = 0.06), not silently become the default 1/x² = 0.04 ("bounces")."""
    at = open_page("gradient-descent", lang="en")
    at.slider(key="lr").set_value(0.03).run()
    at.number_input(key="x").set_value(5.0).run()
    assert not at.exception and not at.error  # not the edge η = 1/x² = 0.04
    # η = 0.03, x = 5: 1 − 2·0.03·25 = −0.5, so it converges jumping from side to side
    (shown,) = at.info  # and no "η moved" note: nothing moved
    assert shown.value.startswith("**Converges while oscillating:**") and "= 0.5 < 1" in shown.value
    # a link with x = 5 and no η: the default η = 0.01 is well inside, not 1/x²: factor 0.5
    at = open_page("gradient-descent", lang="en", x="5")
    assert at.success[0].value.startswith("**Converges:**") and "= 0.5 < 1" in at.success[0].value


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_gradient_descent_numbers_read_as_numbers_not_e_notation(lang):
    # x = 0.0001 is computed with x = 0.001 (said): then 1/x² = 10⁶ and 1/(2x²) = 5·10⁵
    at = open_page("gradient-descent", lang=lang, x="0.0001")
    shown = " ".join(e.value for e in [*at.markdown, *at.info, *at.success, *at.warning])
    assert r"1/x^2 = 1 \times 10^{6}$" in shown and r"= 5 \times 10^{5}$" in shown
    assert "0.0001" in shown  # the student's x, as typed, in the note
    assert "e+" not in shown and "e-0" not in shown and "-0 " not in shown
    at = open_page("gradient-descent", lang=lang, x="-3", y="0", w0="0")  # w stays 0: no "-0"
    shown = " ".join(e.value for e in at.markdown)
    assert "w = -0" not in shown and "= -0$" not in shown


def test_gradient_descent_chart_draws_the_step_the_text_names():
    # found by a fresh pair of eyes: η at the slider's end (0.375 at x = 2) diverges to
    # w = −2046 after 10 steps; the chart stopped at |w| < 1000 (w = −510), the text named −2046
    at = open_page("gradient-descent", lang="en", lr="0.375")
    ws = values(trace(chart(at), "descent steps")["x"])
    final = next(m.value for m in at.markdown if m.value.startswith("After"))
    assert f"w = {ws[-1]:.4g}" in final.replace("−", "-")
    assert len(ws) == 11 and ws[-1] == pytest.approx(-2046, abs=1)


@pytest.mark.parametrize(("x", "y"), [("0", "12.2474487139"), ("0.001", "0.00001")])
def test_gradient_descent_axes_never_show_si_letters(x, y):
    # found by a fresh user: a flat loss (x = 0: L = y² = 150 for every w) had its axis
    # labelled in Plotly's SI style ("150n"); so did tiny losses ("10µ")
    at = open_page("gradient-descent", lang="en", x=x, y=y)
    assert not at.exception
    layout = chart(at)["layout"]
    for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        assert layout[axis]["exponentformat"] == "power", axis
    if x == "0":  # L(w) = y² = 150.000 (12.2474487139² by hand), flat: its axis still shows it
        low, high = layout["yaxis"]["range"]
        assert low <= 150 <= high
