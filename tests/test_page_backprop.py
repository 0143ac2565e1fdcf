"""AppTest: the backpropagation lab — the loss surface of a line and the chain rule on a neuron."""

import math

import pytest

from tests.apptest import chart, open_page, trace, values


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def markdown(at, start: str) -> str:
    return next(m.value for m in at.markdown if m.value.startswith(start))


def test_loss_surface_partials_threshold_and_path():
    at = open_page("backprop", lang="en")
    assert not at.exception
    # data on y = 2x + 1: ∂L/∂w = 7w + 3b − 17, ∂L/∂b = 3w + 2b − 8 (hand-derived in
    # tests/test_backprop.py); Hessian [[7, 3], [3, 2]], λ_max = (9 + √61)/2 = 8.405
    partials = at.latex[1].value
    assert "3 b + 7 w - 17" in partials and "2 b + 3 w - 8" in partials
    assert r"\lambda_{\max} = 8.405" in markdown(at, "The second partial derivatives")
    assert "2/\\lambda_{\\max} = 0.238" in markdown(at, "Plain descent converges iff")
    assert at.success[0].value.startswith("**Converges:**")
    assert "least loss at $w = 2$, $b = 1$" in markdown(at, "After 100 steps")
    contour = chart(at, 0)
    path = trace(contour, "descent path")
    ws, bs = values(path["x"]), values(path["y"])
    # from (−2, 4) the gradient is (7·(−2) + 3·4 − 17, 3·(−2) + 2·4 − 8) = (−19, −6): with
    # η = 0.2 the first step lands on (−2 + 3.8, 4 + 1.2)
    assert (ws[0], bs[0]) == (-2.0, 4.0)
    assert (ws[1], bs[1]) == pytest.approx((1.8, 5.2))
    assert (ws[-1], bs[-1]) == pytest.approx((2.0, 1.0), abs=1e-4)
    # Play walks the path in the browser: every 4th of the 100 steps (26 frames, capped)
    assert [f["name"] for f in contour["frames"]][:3] == ["0", "4", "8"]
    assert len(contour["frames"]) == 26 and contour["frames"][-1]["name"] == "100"
    arrow = trace(contour, "step −η∇L")
    assert values(contour["frames"][0]["data"][1]["x"]) == pytest.approx([-2.0, 1.8])
    assert arrow["marker"]["symbol"] == ["circle", "arrow"]
    assert len(at.get("plotly_chart")) == 2  # contour, neuron graph: the 3-D view is closed
    opened = open_page("backprop", lang="en", surface3d="true")
    surface = chart(opened, 1)
    assert [t["type"] for t in surface["data"]] == ["surface", "scatter3d", "scatter3d"]
    assert values(surface["data"][1]["x"])[:2] == pytest.approx([-2.0, 1.8])


def test_too_large_learning_rate_diverges_and_momentum_raises_the_limit():
    at = open_page("backprop", lang="en", lr="0.3")
    assert at.error[0].value.startswith("**Diverges:**")  # 0.3 > 2/λ_max = 0.238
    at.slider(key="momentum").set_value(0.5).run()  # limit 2(1 + β)/λ_max = 0.357
    assert "= 0.3569" in markdown(at, "Plain descent converges iff")
    assert not at.error


def test_bad_data_is_explained_not_crashed():
    at = open_page("backprop", lang="en", xs="1, 2, y")
    assert not at.exception
    assert at.error[0].value.startswith("Unknown name `y`")
    at = open_page("backprop", lang="ko", ys="1, 3")
    assert at.error[0].value == "x는 4개, y는 2개입니다: x마다 y를 하나씩 주세요."
    assert at.get("plotly_chart")  # the neuron below still works


def test_neuron_forward_backward_and_one_update():
    at = open_page("backprop", lang="en")
    assert at.info[-1].value.startswith("Press **Forward pass**")
    click(at, "Forward pass")
    s = 1 / (1 + math.exp(-0.75))  # x = 1.5, w = 0.5, b = 0: z = 0.75
    loss = (s - 1) ** 2
    assert at.info[-1].value == f"Forward pass done: $L = {loss:.6g}$. " + (
        "Now press **Backward step** to send the gradient back one node at a time."
    )
    for _ in range(9):
        click(at, "Backward step")
    grad_w = 2 * (s - 1) * s * (1 - s) * 1.5  # ∂L/∂w by hand: 2(ŷ − y) · σ(1 − σ) · x
    done = at.success[-1].value
    assert done.startswith("Backward pass complete") and f"{grad_w:.6g}" in done
    rows = at.latex[-3].value
    assert r"\frac{\partial L}{\partial w} &=" in rows and r"\left[x = 1.5\right]" in rows
    product, symbolic, finite = (float(m.value) for m in at.metric)
    assert product == pytest.approx(grad_w, rel=1e-11)
    assert symbolic == pytest.approx(grad_w, rel=1e-11)
    assert finite == pytest.approx(grad_w, abs=1e-6)  # forward difference, h = 1e-6
    assert abs(finite - grad_w) > 1e-9  # … and visibly not exact
    click(at, "Gradient-descent update")  # η = 1
    assert at.number_input(key="w").value == pytest.approx(0.5 - grad_w, abs=1e-6)
    updated = at.success[-1].value
    assert updated.startswith("One update") and f"from {loss:.4g} to" in updated
    new_loss = float(updated.rsplit(" ", 1)[-1].rstrip("."))
    assert new_loss < loss


def test_neuron_in_korean_and_the_link_from_gradient_descent():
    at = open_page("backprop", lang="ko")
    assert [b.label for b in at.button] == [
        "순전파",
        "역전파 한 단계",
        "경사하강 한 번",
        "처음부터",
    ]
    click(at, "순전파")
    assert at.info[-1].value.startswith("순전파 완료")
    descent = open_page("gradient-descent", lang="en")
    links = [link.proto.page for link in descent.get("page_link")]
    assert links.count("backprop") == 2  # the sidebar and the "next" link


def test_extreme_inputs_stay_within_bounds_and_on_the_page():
    at = open_page("backprop", lang="en", xs="1000, -1000, 999", ys="0, 1, 2", w="1e9")
    assert not at.exception
    lr = at.slider(key="lr")
    assert 0 < lr.value < lr.max < 1e-5  # λ_max ≈ 1.3e6: the stable η is tiny
    assert any(w.value.startswith("**Weight w** must be between -100 and 100") for w in at.warning)
    at.number_input(key="x").set_value(100.0).run()
    at.number_input(key="y").set_value(-100.0).run()
    at.number_input(key="eta").set_value(10.0).run()
    for _ in range(3):
        click(at, "Gradient-descent update")  # steps that would leave the inputs' range
    assert -100 <= at.number_input(key="w").value <= 100


def test_few_steps_past_the_limit_already_diverge_in_both_languages():
    # η = 0.3 > 2/λ_max = 0.238: along the top eigenvector one step multiplies the distance by
    # |1 − 0.3 · 8.4051| = 1.5215; three steps only take L from 29 to 290, far below 10⁶ × 29
    at = open_page("backprop", lang="en", lr="0.3", steps="3")
    assert not at.exception and not at.success
    assert at.error[0].value.startswith("**Diverges:**")
    assert "by 1.52154 > 1" in at.error[0].value
    at = open_page("backprop", lang="ko", lr="0.3", steps="3")
    assert at.error[0].value.startswith("**발산:**") and "1.52154 > 1이" in at.error[0].value
    at = open_page("backprop", lang="en", lr="0.3", w0="2", b0="1")  # the least loss itself
    assert at.info[0].value.startswith("**Already at the least loss:**")


def test_loss_surface_advice_and_early_stop_follow_the_settings():
    at = open_page("backprop", lang="en", lr="0.001", momentum="0.9", steps="100")
    (shown,) = at.info[:1]
    assert shown.value.startswith("**Still descending:**")
    assert "momentum" not in shown.value.lower()  # β = 0.9 already
    assert "More steps" not in shown.value  # 100 steps, the slider's end
    assert "larger η" in shown.value  # η = 0.001 < 1/λ_max ≈ 0.119
    at = open_page("backprop", lang="en", lr="0.001", momentum="0", steps="50")
    assert "Momentum β > 0" in at.info[0].value and "More steps" in at.info[0].value
    # η = 0.3 > 2/λ_max: the loss passes 10⁶ × its start after 17 steps, the run stops there
    at = open_page("backprop", lang="en", lr="0.3", steps="100")
    assert markdown(at, "**Stopped").startswith("**Stopped after 17 of 100 steps:**")


def test_loss_surface_keeps_the_students_rate_when_the_data_change():
    at = open_page("backprop", lang="en")
    at.slider(key="lr").set_value(0.1).run()
    at.text_input(key="xs").set_value("0, 1, 2, 4").run()  # λ_max ≈ 11.76: η = 0.1 still fits
    assert not [i for i in at.info if i.value.startswith("**η moved")]
    # from (−2, 4) on L = ¼ Σ (w xᵢ + b − yᵢ)²: residuals 3, −1, −5, −11, so ∂L/∂w = −27.5 and
    # ∂L/∂b = −7; with η = 0.1 the first step lands on (0.75, 4.7)
    path = trace(chart(at, 0), "descent path")
    assert (values(path["x"])[1], values(path["y"])[1]) == pytest.approx((0.75, 4.7))


def test_backprop_data_separated_by_spaces_is_a_column_not_a_product():
    # found by a fresh pair of eyes: "0 1 2 3" was read as 0·1·2·3, one point, silently
    spaced = open_page("backprop", lang="en", xs="0 1 2 3", ys="1 3 5 7")
    commas = open_page("backprop", lang="en", xs="0, 1, 2, 3", ys="1, 3, 5, 7")
    assert spaced.latex[0].value == commas.latex[0].value
    assert "105" not in spaced.latex[0].value


@pytest.mark.parametrize(
    ("xs", "ys", "line"), [("1,1,1,1", "1,2,3,4", ("1", "2.5")), ("5", "7", ("5", "7"))]
)
def test_backprop_least_loss_on_a_line_is_said_to_be_a_line(xs, ys, line):
    # found by a fresh pair of eyes: all x equal (or one point) named one "least loss" point
    # far from where the run ended, although every point of c·w + b = mean(y) is a minimum
    at = open_page("backprop", lang="en", xs=xs, ys=ys)
    (final,) = [m.value for m in at.markdown if m.value.startswith("After")]
    assert f"${line[0]}\\,w + b = {line[1]}$" in final and "least loss at" not in final


def test_the_least_loss_is_drawn_where_it_is():
    """x = 2, 2, 2 and y = 1, 2, 3: L(w, b) = mean((2w + b − y)²) is least, 2/3 (hand-derived:
    ((−1)² + 0² + 1²)/3), on the whole line 2w + b = 2: the contour chart draws that line, not a
    star, and the 3-D surface draws it at height 2/3. For x = 0, 1, 2 and y = 1, 2, 2 the least
    loss is one point, w = 1/2, b = 7/6, with L = 1/18 (residuals −1/6, 1/3, −1/6): the marker
    sits on the surface there, not at L = 0 below it."""
    at = open_page("backprop", lang="en", xs="2, 2, 2", ys="1, 2, 3", surface3d="true")
    names = [t.get("name") for t in chart(at)["data"]]
    assert "least loss" not in names
    line = trace(chart(at), "least loss (every point of this line)")
    ws, bs = values(line["x"]), values(line["y"])
    assert len(ws) == 2 and ws[0] < ws[1]
    assert all(abs(2 * w + b - 2) < 1e-9 for w, b in zip(ws, bs, strict=True))
    solid = trace(chart(at, 1), "least loss (every point of this line)")
    assert values(solid["z"]) == pytest.approx([2 / 3, 2 / 3], abs=1e-9)
    assert any("every point of the dashed line 2·w + b = 2." in m.value for m in at.markdown)
    at = open_page("backprop", lang="en", xs="0, 1, 2", ys="1, 2, 2", surface3d="true")
    star = trace(chart(at), "least loss")
    assert values(star["x"]) == pytest.approx([0.5]) and values(star["y"]) == pytest.approx([7 / 6])
    diamond = trace(chart(at, 1), "least loss")
    assert values(diamond["z"]) == pytest.approx([1 / 18], abs=1e-9)


def test_backward_rows_have_no_trivial_dl_dl_step():
    # found by a fresh user: "∂L/∂e = ∂L/∂L · ∂L/∂e" and "∂L/∂L = 1" listed as chain-rule steps
    at = open_page("backprop", lang="en")
    click(at, "Forward pass")
    click(at, "Backward step")  # only L is done: the start, ∂L/∂L = 1, is the one row
    assert r"\frac{\partial L}{\partial L} &= 1" in at.latex[-3].value
    click(at, "Backward step")
    s = 1 / (1 + math.exp(-0.75))  # x = 1.5, w = 0.5, b = 0: ŷ = σ(0.75), y = 1, e = ŷ − y
    rows = at.latex[-3].value  # ∂L/∂e = 2e for L = e²
    assert (
        rf"\begin{{aligned}} \frac{{\partial L}}{{\partial e}} &= 2 e = {2 * (s - 1):.6g} " in rows
    )
    assert r"\partial L}{\partial L}" not in rows
    for _ in range(7):
        click(at, "Backward step")
    rows = at.latex[-3].value
    assert r"\partial L}{\partial L}" not in rows
    assert r"\frac{\partial L}{\partial w} &=" in rows
    # ∂L/∂w = 2(ŷ − y) · σ(1 − σ) · x, by hand
    assert f"{2 * (s - 1) * s * (1 - s) * 1.5:.6g}" in rows


def test_surface_axes_never_show_si_letters():
    # L reaches 10⁶ on spread data: Plotly's default labelled such an axis "1M"
    at = open_page("backprop", lang="en", xs="100, -100, 99", ys="0, 1, 2", surface3d="true")
    scene = chart(at, 1)["layout"]["scene"]
    assert all(scene[axis]["exponentformat"] == "power" for axis in ("xaxis", "yaxis", "zaxis"))
    assert chart(at, 0)["layout"]["yaxis"]["exponentformat"] == "power"
