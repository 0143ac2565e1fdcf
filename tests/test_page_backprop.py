"""AppTest: the backpropagation lab — the loss surface of a line and the chain rule on a neuron."""

import itertools
import math

import pytest

from mathcore import surface_analysis
from mathcore.backprop import surface_rates
from tests.apptest import chart, eta_frames, eta_slider, open_page, tables, trace, values
from ui.i18n import text


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def markdown(at, start: str) -> str:
    return next(m.value for m in at.markdown if m.value.startswith(start))


def title(at_or_figure, lr: str | None = None) -> str:
    """The contour chart's title as it opens (``lr`` None) or once the η slider is on ``lr``:
    that η's verdict and where its run ends."""
    figure = at_or_figure if isinstance(at_or_figure, dict) else chart(at_or_figure)
    layout = figure["layout"] if lr is None else eta_frames(figure)[lr]["layout"]
    return layout["title"]["text"]


def path_of(frame: dict) -> list[float]:
    """The iterates an η frame draws (its first trace: the descent path), w₀, b₀, w₁, b₁, …"""
    path = frame["data"][0]
    return [v for p in zip(values(path["x"]), values(path["y"]), strict=True) for v in p]


def notes(at) -> list[str]:
    """The page's notes about a link's η (the neuron's own hints are notes too)."""
    return [i.value for i in at.info if i.value.startswith("**η from the link")]


def test_loss_surface_partials_threshold_and_path():
    at = open_page("backprop", lang="en")
    assert not at.exception
    # data on y = 2x + 1: ∂L/∂w = 7w + 3b − 17, ∂L/∂b = 3w + 2b − 8 (hand-derived in
    # tests/test_backprop.py); Hessian [[7, 3], [3, 2]], λ_max = (9 + √61)/2 = 8.405
    partials = at.latex[1].value
    assert "3 b + 7 w - 17" in partials and "2 b + 3 w - 8" in partials
    assert r"\lambda_{\max} = 8.405" in markdown(at, "The second partial derivatives")
    assert "2/\\lambda_{\\max} = 0.238" in markdown(at, "Plain descent converges iff")
    assert title(at).startswith("Converges: η = 0.2, distance to the least loss × 0.881025")
    assert "least loss is at $w = 2$, $b = 1$" in markdown(at, "The least loss")
    contour = chart(at, 0)
    path = trace(contour, "descent path")
    ws, bs = values(path["x"]), values(path["y"])
    # from (−2, 4) the gradient is (7·(−2) + 3·4 − 17, 3·(−2) + 2·4 − 8) = (−19, −6): with
    # η = 0.2 the first step lands on (−2 + 3.8, 4 + 1.2)
    assert (ws[0], bs[0]) == (-2.0, 4.0)
    assert (ws[1], bs[1]) == pytest.approx((1.8, 5.2))
    assert (ws[-1], bs[-1]) == pytest.approx((2.0, 1.0), abs=1e-4)
    # Play walks the steps in the browser: every 4th of the 100 steps (26 frames, capped)
    steps = [f["name"] for f in contour["frames"] if f["name"].startswith("step")]
    assert steps[:3] == ["step0", "step4", "step8"] and len(steps) == 26 and steps[-1] == "step100"
    arrow = trace(contour, "step −η∇L")  # 5 markers a framed step: iterate, 3 dots, head
    assert arrow["marker"]["symbol"][:5] == ["circle"] * 4 + ["arrow"]
    assert values(arrow["x"])[:5] == pytest.approx([-2.0, -1.05, -0.1, 0.85, 1.8])
    assert arrow["marker"]["opacity"] == [0] * 125 + [1] * 5  # the step −η∇L at step 100
    assert len(at.get("plotly_chart")) == 2  # contour, neuron graph: the 3-D view is closed
    assert not [s for s in at.slider if s.key == "lr"]  # η is the chart's slider alone
    opened = open_page("backprop", lang="en", surface3d="true")
    surface = chart(opened, 1)
    assert [t["type"] for t in surface["data"]] == ["surface", "scatter3d", "scatter3d"]
    assert values(surface["data"][1]["x"])[:2] == pytest.approx([-2.0, 1.8])


def test_too_large_learning_rate_diverges_and_momentum_raises_the_limit():
    at = open_page("backprop", lang="en", lr="0.3")
    assert title(at).startswith("Diverges: η = 0.3,")  # 0.3 > 2/λ_max = 0.238
    at.slider(key="momentum").set_value(0.5).run()  # limit 2(1 + β)/λ_max = 0.357
    assert "= 0.3569" in markdown(at, "Plain descent converges iff")
    assert title(at).startswith("Converges") and ": η = 0.3," in title(at)
    assert not at.error and not notes(at)  # η = 0.3 is still on the slider: no note


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
    assert [b.label for b in at.main.button] == [
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
    slider = eta_slider(chart(at))  # λ_max ≈ 1.3e6: the stable η is tiny, and so is every η
    opening, end = (float(slider["steps"][i]["value"]) for i in (slider["active"], -1))
    assert 0 < opening < end < 1e-5
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
    assert not at.exception
    assert title(at).startswith("Diverges: η = 0.3, distance to the least loss × 1.52154")
    at = open_page("backprop", lang="ko", lr="0.3", steps="3")
    assert title(at).startswith("발산: η = 0.3, 한 걸음마다 가장 작은 손실까지의 거리 × 1.52154")
    at = open_page("backprop", lang="en", lr="0.3", w0="2", b0="1")  # the least loss itself
    assert title(at).startswith("Already at the least loss: η = 0.3<br>")


def test_loss_surface_advice_and_early_stop_follow_the_settings():
    """What would help a run that is still descending: the table's last column, per η."""
    at = open_page("backprop", lang="en", lr="0.001", momentum="0.9", steps="100")
    assert title(at).startswith("Still descending: η = 0.001,")
    (table,) = tables(at)
    row = table["η"].index(0.001)
    # β = 0.9 already, 100 steps is the slider's end; η = 0.001 < 1/λ_max ≈ 0.119
    assert table["would help"][row] == "a larger η"
    at = open_page("backprop", lang="en", lr="0.001", momentum="0", steps="50")
    (table,) = tables(at)
    row = table["η"].index(0.001)
    assert table["would help"][row] == "more steps, a larger η, momentum β > 0"
    edge = next(i for i, lr in enumerate(table["η"]) if lr == pytest.approx(0.23795))  # 2/λ_max
    assert table["verdict"][edge] == "Bounces between two points for ever"
    # η = 0.3 > 2/λ_max: the loss passes 10⁶ × its start after 17 steps, the run stops there
    at = open_page("backprop", lang="en", lr="0.3", steps="100")
    assert "<br>(stopped after 17 of 100 steps: the loss passed" in title(at)


def test_loss_surface_keeps_the_students_rate_when_the_data_change():
    at = open_page("backprop", lang="en", lr="0.1")  # η as the chart's slider wrote it
    at.text_input(key="xs").set_value("0, 1, 2, 4").run()  # λ_max ≈ 11.76: η = 0.1 still fits
    assert not notes(at)
    assert title(at).startswith("Still descending: η = 0.1,")  # 0.1 < 1/λ_max: a crawl
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
    least = markdown(at, "The least loss")
    assert f"${line[0]}\\,w + b = {line[1]}$" in least and "least loss is at" not in least


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


def test_one_step_in_words_and_the_window_that_shows_it():
    """From (−2, 4) with η = 0.2 one step lands on (1.8, 5.2) (see the first test); there
    L = ((5.2 − 1)² + (7 − 3)² + (8.8 − 5)² + (10.6 − 7)²)/4 = (17.64 + 16 + 14.44 + 12.96)/4
    = 15.26. The axes reach 1.5 past the path and the least loss (2, 1): w from −3.5 to 3.5, b
    from −0.5 to 6.7."""
    at = open_page("backprop", lang="en", steps="1")
    assert any("After 1 step: $w = 1.8$, $b = 5.2$, $L = 15.26$." in m.value for m in at.markdown)
    figure = chart(at, 0)
    assert "after 1 step: w = 1.8, b = 5.2, L = 15.26" in title(figure)
    layout = figure["layout"]
    assert layout["xaxis"]["range"] == pytest.approx([-3.5, 3.5])
    assert layout["yaxis"]["range"] == pytest.approx([-0.5, 6.7])
    levels = figure["data"][0]  # L's level curves: closed ellipses, 49 points, then a break
    assert levels["type"] == "scatter" and levels["mode"] == "lines"
    ws = values(levels["x"])
    assert math.isnan(ws[49]) and ws[0] == pytest.approx(ws[48])


def hand_descent(lr: float, steps: int = 100) -> list[float]:
    """(w, b) := (w, b) − η∇L from (−2, 4) on the default data (y = 2x + 1, x = 0 … 3), with
    ∇L = (7w + 3b − 17, 3w + 2b − 8) by hand; stopped once L passes 10⁶ × its start, as the
    engine stops, and kept while |w|, |b| < 10³ (what the chart draws)."""

    def loss(w: float, b: float) -> float:
        return sum((w * x + b - (2 * x + 1)) ** 2 for x in range(4)) / 4

    w, b = -2.0, 4.0
    points, start = [(w, b)], loss(w, b)
    for _ in range(steps):
        w, b = w - lr * (7 * w + 3 * b - 17), b - lr * (3 * w + 2 * b - 8)
        points.append((w, b))
        if loss(w, b) > 1e6 * start:
            break
    drawn = itertools.takewhile(lambda p: max(map(abs, p)) < 1e3, points)
    return [v for p in drawn for v in p]


def test_each_eta_frame_is_the_hand_iterated_descent():
    """Two η of the slider, one below 2/λ_max ≈ 0.238 and one above: each frame's path is the
    descent iterated by hand, and its title's verdict is the threshold's."""
    figure = chart(open_page("backprop", lang="en"))
    frames = eta_frames(figure)
    low, high = "0.168", "0.337"  # 0.238 · 2^(−1/2) and 0.238 · 2^(1/2), to 3 digits
    for lr in (low, high):
        assert path_of(frames[lr]) == pytest.approx(hand_descent(float(lr)), rel=1e-12)
    assert title(figure, low).startswith("Converges: η = 0.168,")
    assert title(figure, high).startswith("Diverges: η = 0.337,")
    assert len(path_of(frames[high])) < 2 * 101  # cut off: past ±10³, or the loss blew up


def test_the_verdict_of_every_eta_agrees_with_the_threshold():
    """Plain descent on this quadratic converges iff η < 2/λ_max, bounces on it and diverges
    past it; the table says the same as the titles."""
    at = open_page("backprop", lang="en")
    figure = chart(at)
    stable = surface_analysis([0, 1, 2, 3], [1, 3, 5, 7]).stable_lr
    calm = ("Converges", "Still descending")  # either, with or without zig-zagging
    for step in eta_slider(figure)["steps"]:
        lr, said = float(step["value"]), title(figure, step["label"])
        if lr < stable:
            assert said.startswith(calm), said
        elif lr == stable:
            assert said.startswith("Bounces between two points for ever"), said
        else:
            assert said.startswith("Diverges"), said
    (table,) = tables(at)
    verdicts = [title(figure, s["label"]).split(":")[0] for s in eta_slider(figure)["steps"]]
    assert table["verdict"] == verdicts


def test_the_chart_has_one_frame_per_eta_and_opens_on_the_link():
    at = open_page("backprop", lang="ko", lr="0.2499")  # not on the grid: inserted exactly
    figure = chart(at)
    grid = surface_rates(surface_analysis([0, 1, 2, 3], [1, 3, 5, 7]), 0.0, 0.2499)
    slider = eta_slider(figure)
    assert slider["name"] == "lr"  # the browser writes ?lr= as it moves
    assert [float(s["value"]) for s in slider["steps"]] == list(grid)
    assert slider["steps"][slider["active"]]["value"] == "0.2499"
    frames = eta_frames(figure)
    assert len(frames) == len(grid) == 30 and all(f["traces"] == [2, 3] for f in frames.values())
    assert title(figure) == title(figure, "0.2499")
    assert title(figure).startswith("발산: η = 0.2499,")
    assert path_of(frames["0.2499"]) == pytest.approx(hand_descent(0.2499), rel=1e-12)
    low, high = frames["0.2499"]["layout"]["xaxis"]["range"]  # the axes follow the run
    ws = path_of(frames["0.2499"])[::2]
    assert low <= min(ws) and high >= max(ws)
    # the steps are frames of their own, the same for every η: only which markers show
    steps = [f for f in figure["frames"] if f["name"].startswith("step")]
    assert all(set(f) == {"name", "data", "traces"} for f in steps)
    assert steps[1]["data"][0]["marker"]["opacity"] == [1] * 5 + [0] * 96  # steps 0 … 4
    play = figure["layout"]["updatemenus"][0]["buttons"][0]["args"][0]
    assert play == [f["name"] for f in steps]  # ▶ plays the steps, never sweeps through η


@pytest.mark.parametrize(
    ("lang", "note"), [("en", "**η from the link:**"), ("ko", "**링크의 η:**")]
)
def test_a_linked_eta_past_the_range_opens_on_the_default_with_a_note(lang, note):
    at = open_page("backprop", lang=lang, lr="5")  # the range ends at 1.5 · 0.238 = 0.357
    (said,) = [i.value for i in at.info if i.value.startswith(note)]
    assert "η = 5" in said and "0.357" in said and "η = 0.2" in said
    slider = eta_slider(chart(at))
    assert slider["steps"][slider["active"]]["value"] == "0.2"
    assert "lr" not in at.query_params


def test_backprop_title_says_where_a_diverging_path_stops_being_drawn():
    """Found by a fresh pair of eyes: for a diverging η the title named the last iterate
    (w ≈ −2758) while the path drawn stopped near 900 (iterates beyond ±1000 are not drawn):
    the title now says up to which step the path is drawn, and that step is the last in view."""
    from mathcore.backprop import DRAWN_LIMIT

    at = open_page("backprop", lang="en")
    figure = chart(at)
    slider = figure["layout"]["sliders"][1]
    said = 0
    for frame in figure["frames"]:
        title = frame.get("layout", {}).get("title", {}).get("text", "")
        if "drawn up to step" not in title:
            continue
        said += 1
        drawn = int(title.split("drawn up to step ")[1].split(":")[0])
        path = frame["data"][0]
        assert len(values(path["x"])) == drawn + 1
        assert max(abs(v) for v in values(path["x"]) + values(path["y"])) < DRAWN_LIMIT
    assert said and slider


def test_the_eta_slider_names_the_thresholds_it_keeps_exact():
    """λ_max = (9 + √61)/2 for these data (by hand, the Hessian [[7, 3], [3, 2]]): the slider
    says 1/λ_max ≈ 0.119 and 2/λ_max ≈ 0.238 by name, not as 0.118975 between 0.1 and 0.141;
    with momentum β = 0.5 the limit 2(1 + β)/λ_max ≈ 0.357 is named too."""
    lam = (9 + 61**0.5) / 2
    labels = [s["label"] for s in eta_slider(chart(open_page("backprop", lang="en")))["steps"]]
    assert f"{1 / lam:.3g} = 1/λₘₐₓ" in labels and f"{2 / lam:.3g} = 2/λₘₐₓ" in labels
    assert "0.1" in labels and not any("2(1 + β)" in label for label in labels)
    figure = chart(open_page("backprop", lang="en", momentum="0.5"))
    labels = [s["label"] for s in eta_slider(figure)["steps"]]
    assert f"{3 / lam:.3g} = 2(1 + β)/λₘₐₓ" in labels


NODES = 9  # the neuron's graph: x, w, b, y and u = wx, z = u + b, ŷ = σ(z), e = ŷ − y, L = e²


def neuron_state(at, lang: str) -> tuple[str, str]:
    """What the neuron shows of its stage: its note (an info, or a success once the backward
    pass is complete; not an update's message) and the rows of the backward table ("" before
    the first backward step)."""
    done = text(lang, "backprop.stage_done", gw="", gb="")[:12]
    finished = [s.value for s in at.success if s.value.startswith(done)]
    note = finished[-1] if finished else at.info[-1].value
    rows = [m.value for m in at.latex if r"\begin{aligned}" in m.value]
    return note, rows[0] if rows else ""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_link_holds_the_neurons_stage(lang):
    """Forward, then three backward steps: the link names them (?neuron=backward-3) and opens
    on the same note and rows; an update's new w, b are in the link, with the forward pass."""
    at = open_page("backprop", lang=lang)
    forward, backward, update = (
        text(lang, f"backprop.{k}") for k in ("forward", "backward", "update")
    )
    assert "neuron" not in at.query_params
    click(at, forward)
    assert at.query_params["neuron"] == "forward"
    for _ in range(3):
        click(at, backward)
    assert at.query_params["neuron"] == "backward-3"
    shown = neuron_state(at, lang)
    assert shown[0] == text(lang, "backprop.stage_backward", done=3, total=NODES)
    assert shown[1].count(r"\\") == 1  # L, e, ŷ: two rows (∂L/∂L = 1 needs none)
    assert r"{\partial \hat{y}}" in shown[1] and r"{\partial z}" not in shown[1]
    linked = open_page("backprop", lang=lang, neuron="backward-3")
    assert neuron_state(linked, lang) == shown
    click(at, update)  # η = 1: w and b move, and the neuron shows their forward pass
    assert at.query_params["neuron"] == "forward"
    w, b = float(at.query_params["w"]), float(at.query_params["b"])
    assert w == at.number_input(key="w").value and w != 0.5 and b != 0.0
    linked = open_page("backprop", lang=lang, neuron="forward", w=str(w), b=str(b))
    assert neuron_state(linked, lang)[0] == neuron_state(at, lang)[0]  # the same L after the update
    assert linked.number_input(key="w").value == w and linked.number_input(key="b").value == b


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("given", "stage", "written"),
    [
        ("99", 9, "backward-9"),  # past the graph: its last node
        ("backward-99", 9, "backward-9"),
        ("2", 2, "backward-2"),
        ("0", 0, "forward"),
        ("backward-0", 1, "backward-1"),
        ("abc", -1, None),
        ("-3", -1, None),
        ("1e3", -1, None),
        ("9" * 40, 9, "backward-9"),  # past int64, past the 9-digit cut
        ("<script>", -1, None),
    ],
)
def test_a_hostile_neuron_link_falls_back_quietly(lang, given, stage, written):
    at = open_page("backprop", lang=lang, neuron=given)
    assert not at.exception and not at.error
    assert at.query_params.get("neuron") == written
    note = neuron_state(at, lang)[0]
    if stage < 0:
        assert note == text(lang, "backprop.stage_none")
    elif stage == 0:
        assert note.startswith(text(lang, "backprop.stage_forward", loss="")[:8])
    elif stage < NODES:
        assert note == text(lang, "backprop.stage_backward", done=stage, total=NODES)
    else:
        assert note.startswith(text(lang, "backprop.stage_done", gw="", gb="")[:12])
    backward = next(b for b in at.button if b.label == text(lang, "backprop.backward"))
    assert backward.disabled == (stage < 0 or stage >= NODES)


def test_the_fold_outs_are_in_the_link():
    """The derivation, the table of every η and both Python scripts open from a link."""
    query = {"derivation": "true", "table": "true", "code": "true", "neuron_code": "true"}
    at = open_page("backprop", lang="en", **query)
    assert not at.exception
    opened = {e.proto.query_param_key: e.proto.expanded for e in at.expander}
    assert all(opened[key] for key in query)
    assert [e.label for e in at.expander if e.proto.query_param_key == "neuron_code"] == ["Python"]
    assert not open_page("backprop", lang="en").expander[0].proto.expanded  # folded by default
