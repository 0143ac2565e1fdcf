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
