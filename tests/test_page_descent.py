"""AppTest: the gradient-descent page — derivation, the η and step sliders of its chart (frames in
the browser), each η's verdict and the η threshold."""

import pytest

from mathcore import learning_rate_grid
from mathcore.optimization import ETA_RATIOS
from tests.apptest import chart, eta_frames, eta_slider, open_page, tables, trace, values


def threshold(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("For this loss"))


def title(figure, lr: str | None = None) -> str:
    """The chart's title as it opens (``lr`` None) or once the η slider is on ``lr``."""
    layout = figure["layout"] if lr is None else eta_frames(figure)[lr]["layout"]
    return layout["title"]["text"]


def test_descent_page_converges():
    at = open_page("gradient-descent", lang="en")
    assert not at.exception
    assert "1/x^2 = 0.25" in threshold(at) and "= 0.125" in threshold(at)
    steps = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert steps.startswith("- **Chain rule**")
    assert r"= 2 x \left(w x - y\right)" in steps  # dL/dw = 2x(wx − y)
    figure = chart(at)
    assert title(figure).startswith("Converges: η = 0.05, |1 − 2ηx²| = 0.6<br>after 30 steps")
    ws = values(trace(figure, "descent steps")["x"])
    assert ws[:2] == pytest.approx([0.0, 0.8])  # w1 = 0 − 0.05 · 2·2·(0 − 4)
    losses = values(trace(figure, "loss per iteration")["y"])
    assert losses[0] == 16 and losses[-1] < 1e-9
    assert len(at.get("plotly_chart")) == 1  # one chart: η and the step move in the browser
    assert not [s for s in at.slider if s.key == "lr"]  # no server η slider: one control for η


def test_the_chart_has_one_frame_per_eta_and_opens_on_the_link():
    at = open_page("gradient-descent", lang="en", lr="0.2499")  # not on the grid: inserted
    figure = chart(at)
    grid = learning_rate_grid(2.0, 0.2499)
    slider = eta_slider(figure)
    assert len(slider["steps"]) == len(grid) == 30
    assert slider["steps"][slider["active"]]["label"] == "0.2499"
    frames = eta_frames(figure)
    assert list(frames) == [s["label"] for s in slider["steps"]] and len(frames) == len(grid)
    assert all(f["traces"] == [1, 2] for f in frames.values())  # the iterates, loss per step
    assert title(figure) == title(figure, "0.2499")
    assert title(figure).startswith("Still descending: η = 0.2499, |1 − 2ηx²| = 0.9992")
    # frame 0.297 > 1/x²: its own run, drawn by hand: w − 2 is multiplied by 1 − 8·0.297
    w = values(frames["0.297"]["data"][0]["x"])
    assert w[1] == pytest.approx(0 - 0.297 * 2 * (0 - 4) * 2)
    assert len(w) == 23  # the loss × 1.376² a step passes 10⁶ × 16 after 22 steps: cut off
    assert title(figure, "0.297").startswith("Diverges: η = 0.297, |1 − 2ηx²| = 1.376")
    assert title(figure, "0.25").startswith("Bounces between two points for ever: η = 0.25")
    assert title(figure, "0.21").startswith("Converges, jumping over the minimum: η = 0.21")
    low, high = frames["0.297"]["layout"]["xaxis"]["range"]  # the axes follow the run
    assert low <= min(w) and high >= max(w)


def test_the_step_slider_and_play_keep_to_the_steps():
    figure = chart(open_page("gradient-descent", lang="en", steps="5"))
    step_slider, play = figure["layout"]["sliders"][0], figure["layout"]["updatemenus"][0]
    names = [s["args"][0][0] for s in step_slider["steps"]]
    assert names == [f"step{k}" for k in range(6)] and step_slider["active"] == 5
    assert play["buttons"][0]["args"][0] == names  # ▶ plays the steps, not the η frames
    frames = {f["name"]: f for f in figure["frames"]}
    assert frames["step2"]["data"][0]["marker"]["opacity"] == [1, 1, 1, 0, 0, 0]
    assert frames["step2"]["traces"] == [1, 2]


def test_descent_page_too_large_rate_diverges():
    at = open_page("gradient-descent", lang="en", lr="0.3")
    assert title(chart(at)).startswith("Diverges: η = 0.3, |1 − 2ηx²| = 1.4")
    at.number_input(key="x").set_value(1.0).run()  # 0.3 < 1/x² = 1 now: the same η converges
    assert "1/x^2 = 1$" in threshold(at)
    assert title(chart(at)).startswith("Converges: η = 0.3, |1 − 2ηx²| = 0.4")


def test_a_link_past_the_range_opens_on_the_default_and_says_so():
    at = open_page("gradient-descent", lang="en", lr="5")  # 1.5/x² = 0.375 at x = 2
    (note,) = at.info
    assert note.value.startswith("**η from the link:** η = 5 is past") and "0.375" in note.value
    assert title(chart(at)).startswith("Converges: η = 0.05")
    assert "lr" not in at.query_params  # said once: the next rerun has no note
    at = open_page("gradient-descent", lang="ko", lr="5")
    assert at.info[0].value.startswith("**링크의 η:** η = 5는 이 차트의 범위를 벗어납니다.")


def test_descent_page_korean_and_log_scale():
    at = open_page("gradient-descent", lang="ko")
    assert title(chart(at)).startswith("수렴: η = 0.05, |1 − 2ηx²| = 0.6<br>30단계 후")
    at.toggle(key="log").set_value(True).run()
    layout = chart(at)["layout"]
    assert layout["yaxis2"]["type"] == "log"
    low, high = layout["yaxis2"]["range"]  # decades: L from 16 down to ~10⁻¹²
    assert high == pytest.approx(1.2041 + 0.3, abs=1e-3) and low < -10


@pytest.mark.parametrize(
    ("lang", "start", "factor"),
    [("en", "Diverges: η = 0.28", "|1 − 2ηx²| = 1.24"), ("ko", "발산: η = 0.28", "= 1.24")],
)
def test_descent_page_growing_loss_is_divergence(lang, start, factor):
    # x = 2, y = 4, η = 0.28 > 1/x² = 0.25: w − 2 is multiplied by 1 − 2·0.28·4 = −1.24 each
    # step, so over 30 steps the loss grows 16 → 16 · 1.24⁶⁰ ≈ 6.45·10⁶, below the 10⁶ × cap
    at = open_page("gradient-descent", lang=lang, x="2", y="4", lr="0.28")
    assert not at.exception and not at.success and not at.info and not at.error
    shown = title(chart(at))
    assert shown.startswith(start) and factor in shown and "6.448 × 10⁶" in shown
    assert "$L = 6.448 \\times 10^{6}$" in next(m.value for m in at.markdown if "$L = " in m.value)
    at.slider(key="steps").set_value(3).run()  # three steps: 16 → 16 · 1.24⁶ ≈ 58: still diverges
    assert title(chart(at)).startswith(start)


def test_descent_page_edge_and_flat_loss():
    at = open_page("gradient-descent", lang="en", lr="0.25")  # η = 1/x² exactly: 0 ↔ 4
    assert title(chart(at)).startswith("Bounces between two points for ever: η = 0.25")
    at = open_page("gradient-descent", lang="ko", x="0", y="4")  # L = 16 whatever w is
    assert not at.exception
    assert title(chart(at)).startswith("경사하강 불가 (L이 w와 무관): η = 0.05<br>")
    assert "L(w) = (wx - y)^2 = 16\n" in at.latex[0].value
    assert not any(m.value.startswith("이 손실에서") for m in at.markdown)  # no η threshold


def test_descent_page_says_why_a_run_stopped_early():
    # x = 2, y = 4, η = 0.37: w − 2 is multiplied by 1 − 2·0.37·4 = −1.96 a step, the loss by
    # 1.96² = 3.84; it passes 10⁶ × its start 16 at step k = 11 (3.84¹⁰ ≈ 7.0·10⁵, 3.84¹¹ ≈ 2.7·10⁶)
    figure = chart(open_page("gradient-descent", lang="en", lr="0.37", steps="30"))
    assert "after 11 steps: w = " in title(figure)
    assert "(stopped after 11 of 30 steps: the loss passed a million times its start)" in title(
        figure
    )
    figure = chart(open_page("gradient-descent", lang="ko", lr="0.37", steps="30"))
    assert "(30단계 중 11단계에서 멈춤" in title(figure)
    figure = chart(open_page("gradient-descent", lang="en"))  # converges: all 30 steps run
    assert "stopped" not in title(figure)


def test_every_eta_in_the_table_matches_its_frame():
    at = open_page("gradient-descent", lang="en")
    (table,) = tables(at)
    frames = eta_frames(chart(at))
    assert len(table["η"]) == len(frames) == 30
    for (label, frame), lr, verdict in zip(
        frames.items(), table["η"], table["verdict"], strict=True
    ):
        assert float(label) == lr and frame["layout"]["title"]["text"].startswith(
            f"{verdict}: η = "
        )
        assert (verdict == "Diverges") == (lr > 0.25)  # η* = 1/x² = 0.25


def test_descent_keeps_the_linked_rate_when_x_changes():
    """η = 0.03 from a link stays when x changes while it is in the new range 0…1.5/x²."""
    at = open_page("gradient-descent", lang="en", lr="0.03")
    at.number_input(key="x").set_value(5.0).run()
    assert not at.exception and not at.info  # 0.03 ≤ 1.5/25 = 0.06: nothing to say
    # η = 0.03, x = 5: 1 − 2·0.03·25 = −0.5, so it converges jumping from side to side
    shown = title(chart(at))
    assert shown.startswith("Converges, jumping over the minimum: η = 0.03, |1 − 2ηx²| = 0.5")
    # a link with x = 5 and no η: the default η = 0.01 is well inside, not 1/x²: factor 0.5
    at = open_page("gradient-descent", lang="en", x="5")
    assert title(chart(at)).startswith("Converges: η = 0.01, |1 − 2ηx²| = 0.5")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_descent_numbers_read_as_numbers_not_e_notation(lang):
    # x = 0.0001 is computed with x = 0.001 (said): then 1/x² = 10⁶ and 1/(2x²) = 5·10⁵
    at = open_page("gradient-descent", lang=lang, x="0.0001")
    figure = chart(at)
    captions = [title(figure, label) for label in eta_frames(figure)]
    shown = " ".join(e.value for e in [*at.markdown, *at.info, *at.warning]) + " ".join(captions)
    assert r"1/x^2 = 1 \times 10^{6}$" in shown and r"= 5 \times 10^{5}$" in shown
    assert "0.0001" in shown  # the student's x, as typed, in the note
    assert "e+" not in shown and "e-0" not in shown and "-0 " not in shown
    at = open_page("gradient-descent", lang=lang, x="-3", y="0", w0="0")  # w stays 0: no "-0"
    shown = " ".join(e.value for e in at.markdown) + title(chart(at))
    assert "w = -0" not in shown and "= -0$" not in shown


def test_descent_chart_draws_the_step_the_text_names():
    # found by a fresh pair of eyes: η at the old slider's end (0.375 at x = 2) diverges to
    # w = −2046 after 10 steps; the chart stopped at |w| < 1000 (w = −510), the text named −2046
    at = open_page("gradient-descent", lang="en", lr="0.375")
    ws = values(trace(chart(at), "descent steps")["x"])
    final = next(m.value for m in at.markdown if "After" in m.value)
    assert f"w = {ws[-1]:.4g}" in final.replace("−", "-")
    assert len(ws) == 11 and ws[-1] == pytest.approx(-2046, abs=1)
    assert "w = -2046" in title(chart(at)).replace("−", "-")


@pytest.mark.parametrize(("x", "y"), [("0", "12.2474487139"), ("0.001", "0.00001")])
def test_descent_axes_never_show_si_letters(x, y):
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


# --- your own loss, and η compared side by side ------------------------------------------------

NONCONVEX = "w^4 - 3w^2 + w"


def sentences(at) -> str:
    return " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("w0", "where"),
    [
        ("2", "reached a local minimum w* = 1.131, L(w*) = -1.07, not the global one (w = -1.301)"),
        ("-2", "reached the global minimum w* = -1.301, L(w*) = -3.514"),
    ],
)
def test_own_loss_says_which_minimum_it_reached(w0, where):
    # 4w³ − 6w + 1 = 0 at w = −1.3008, 0.1699, 1.1309 (mpmath, tests/test_descent.py); η opens
    # at the grid's nearest to (2/L″)/4 = 0.1398/4: 0.035, where the update iterated by hand
    # (tests/test_descent.py) from 2 ends at 1.1309 and from −2 at −1.3008
    at = open_page("gradient-descent", lang="en", loss=NONCONVEX, w0=w0)
    assert not at.exception and not at.error
    shown = title(chart(at))
    assert shown.startswith("Converges: η = 0.035, " + where), shown
    assert f"**η = 0.035:** Converges, {where}." in sentences(at)
    said = sentences(at)
    assert "the global minimum $w = -1.301$, $L = -3.514$" in said
    assert "a local minimum $w = 1.131$, $L = -1.07$" in said and "$[-10, 10]$" in said
    assert r"2/L'' = 0.1398$" in said  # 2/(12·1.3008² − 6) = 2/14.305
    assert "x" not in [n.key for n in at.number_input]  # the seed loss's inputs are folded away
    assert "L(w) = w^{4} - 3 w^{2} + w" in at.latex[0].value
    assert "L'(w) = 4 w^{3} - 6 w + 1" in at.latex[1].value


def test_own_loss_in_korean_and_every_eta_frame():
    at = open_page("gradient-descent", lang="ko", loss=NONCONVEX, w0="2")
    figure = chart(at)
    assert title(figure).startswith("수렴: η = 0.035, 도달: 국소 최소점 w* = 1.131")
    assert "(전역 최소점 w = -1.301은 아님)" in title(figure)  # 은(는) after 1: 은
    assert "전역 최소점 $w = -1.301$" in sentences(at)
    frames = eta_frames(figure)
    assert len(frames) == len(ETA_RATIOS) == 29
    assert title(figure, "0.198").startswith("발산: η = 0.198")  # past 2/L″: L × 10⁷ in 4 steps
    (table,) = tables(at)
    assert table["η"] == [float(k) for k in frames] and table["판정"][-1] == "발산"


def test_own_loss_draws_tangent_steps_and_the_minima():
    figure = chart(open_page("gradient-descent", lang="en", loss=NONCONVEX, w0="2"))
    tangent = trace(figure, "each step along its tangent")
    xs, ys = values(tangent["x"]), values(tangent["y"])
    # the first step follows the tangent at w₀ = 2: slope L′(2) = 21, to w₁ = 2 − 0.035·21
    assert xs[:2] == pytest.approx([2.0, 2 - 0.035 * 21])
    assert ys[:2] == pytest.approx([6.0, 6.0 - 0.035 * 21**2])
    star = trace(figure, "global minimum (lowest on the range)")
    assert values(star["x"]) == pytest.approx([-1.30084], abs=1e-5)
    assert values(trace(figure, "local minimum")["x"]) == pytest.approx([1.13090], abs=1e-5)
    assert all(f["traces"] == [1, 2, 3] for f in eta_frames(figure).values())


@pytest.mark.parametrize(
    ("loss", "message"),
    [("x + w", "Unknown name `x`"), ("w^", "")],
)
def test_own_loss_bad_input_is_a_translated_message(loss, message):
    at = open_page("gradient-descent", lang="en", loss=loss)
    assert not at.exception and len(at.error) == 1 and message in at.error[0].value
    assert not at.get("plotly_chart")  # nothing computed from a loss that was not read


@pytest.mark.parametrize(
    ("loss", "start"),
    [
        ("3", "No descent possible: L′ = 0 wherever it exists"),
        ("floor(w)", "No descent possible: L′ = 0 wherever it exists"),
        ("max(w, w^2)", "Stops on a corner: L′ does not exist there: η = 0.25, stopped on"),
        ("w^^2", None),
        ("{w<0: -w, w}", ""),
        ("w sin(1/w)", ""),
        ("tan w", ""),
        ("-w^2", "Runs off: L keeps falling without bound"),
        # L → −∞ both ways (−w⁴/10⁴ wins past |w| = 100): 0 is only the lowest on [−10, 10]
        ("w^2 - w^4/10000", "Converges: η = 0.25, reached the lowest minimum on [-10, 10] w* = 0"),
        ("sqrt(w)", ""),
        ("|w|", ""),
        ("1/w", ""),
        ("w^(1/3)", ""),
    ],
)
def test_own_loss_odd_losses_never_break_the_page(loss, start):
    at = open_page("gradient-descent", lang="en", loss=loss, w0="1")
    assert not at.exception
    if start is None:  # not read: said, nothing computed
        assert len(at.error) == 1 and not at.get("plotly_chart")
        return
    assert not at.error and title(chart(at)).startswith(start)
    if loss == "-w^2":
        assert "L is unbounded below ($L \\to -\\infty$ as $w \\to \\pm\\infty$)" in sentences(at)


def test_own_loss_presets_and_the_seed_page_untouched():
    at = open_page("gradient-descent", lang="en")
    assert at.text_input(key="loss").value == "" and "loss" not in at.query_params
    assert [n.key for n in at.number_input] == ["x", "y"]
    at.button(key="preset-descent.own.preset.nonconvex").click().run()
    assert at.text_input(key="loss").value == NONCONVEX and not at.exception
    assert "a local minimum" in title(chart(at)) or "global minimum" in title(chart(at))
    at.button(key="preset-descent.own.preset.seed").click().run()  # back to (wx − y)²
    assert title(chart(at)).startswith("Converges: η = 0.05, |1 − 2ηx²| = 0.6")


def test_own_loss_link_past_the_grid_opens_on_the_default():
    at = open_page("gradient-descent", lang="en", loss="w^2", lr="7", w0="1")  # grid ends at 1.41
    assert at.info[0].value.startswith("**η from the link:** η = 7 is past")
    # (2/L″)/4 = 1/4: w × (1 − 2·¼) = ½ a step, 2⁻³⁰ ≈ 9.3·10⁻¹⁰ after 30: settled at 0
    shown = title(chart(at))
    assert shown.startswith("Converges: η = 0.25, reached the global minimum w* = 0, L(w*) = 0")
    assert "w = 9.313 × 10⁻¹⁰" in shown
    at = open_page("gradient-descent", lang="en", loss="w^2", lr="1.2", w0="1")  # 1.2 > 1: diverges
    assert title(chart(at)).startswith("Diverges: η = 1.2")


def compared(figure) -> dict[str, dict]:
    """The compared runs' traces on L(w), by legend name (their loss-per-step twins have none)."""
    named = [t for t in figure["data"] if t.get("showlegend", True)]
    return {t["name"]: t for t in named if t.get("name", "").startswith("η = ")}


def test_compare_three_rates_on_the_seed_loss():
    at = open_page("gradient-descent", lang="en", compare="true")
    assert not at.exception and len(at.get("plotly_chart")) == 2
    assert at.multiselect(key="compare_lr").value == ["0.0625", "0.21", "0.273"]
    figure = chart(at, 1)
    runs = compared(figure)  # x = 2: 1/x² = 0.25, so ¼, 0.84 and 1.09 × it
    assert list(runs) == [
        "η = 0.0625: Converges",
        "η = 0.21: Converges, jumping over the minimum",
        "η = 0.273: Diverges",
    ]
    styles = {(t["line"]["color"], t["line"]["dash"], t["marker"]["symbol"]) for t in runs.values()}
    assert len(styles) == 3  # colour, dash and marker each tell the runs apart
    w = values(runs["η = 0.273: Diverges"]["x"])
    assert w[1] == pytest.approx(0 - 0.273 * 2 * (0 - 4) * 2)  # w₁ = w₀ − η·2x(w₀x − y)
    frames = {f["name"]: f for f in figure["frames"]}
    assert len(frames) == 31 and frames["step2"]["traces"] == [1, 2, 3, 4, 5, 6]
    assert [len(values(d["x"])) for d in frames["step2"]["data"]] == [3] * 6
    assert figure["layout"]["sliders"][0]["steps"][-1]["args"][0] == ["step30"]
    assert figure["layout"]["updatemenus"][0]["buttons"][0]["args"][0][0] == "step0"


@pytest.mark.parametrize("picked", [["0.035", "0.118"], "0.035,0.118", "0.035, 0.118"])
def test_compare_on_own_loss_from_a_link_in_korean(picked):
    """``compare_lr`` repeated, as the page writes it, or with commas, as a teacher types it
    (a fresh pair of eyes found the comma form dropped)."""
    at = open_page(
        "gradient-descent",
        lang="ko",
        loss=NONCONVEX,
        w0="-2",
        compare="true",
        compare_lr=picked,
    )
    assert not at.exception and at.multiselect(key="compare_lr").value == ["0.035", "0.118"]
    figure = chart(at, 1)
    assert figure["layout"]["title"]["text"] == "같은 손실, 같은 시작점 w₀ = -2: η만 다름"
    assert list(compared(figure)) == ["η = 0.035: 수렴", "η = 0.118: 수렴"]
    alt = sentences(at)  # the text alternative names where each run goes
    assert "도달: 전역 최소점 w* = -1.301" in alt and "도달: 국소 최소점 w* = 1.131" in alt
    at.multiselect(key="compare_lr").set_value(["0.035"]).run()
    assert len(at.get("plotly_chart")) == 1 and at.info[0].value.startswith("같은 곡선 위에서")


def test_a_hand_typed_loss_link_keeps_its_plus_signs():
    """``?loss=w^4-3w^2+w`` typed by a teacher: the ``+`` is a plus, not a space (``w w``)."""
    from ui.inputs import linked_formulas

    assert linked_formulas("lang=en&loss=w^4-3w^2+w") == {"loss": "w^4-3w^2+w"}
    assert linked_formulas("loss=w%5E4+-+3w%5E2+%2B+w") == {"loss": "w^4 - 3w^2 + w"}  # the app's


def test_own_loss_chart_leaves_room_for_its_legend_rows():
    """Seven legend entries take three rows of a 1366 px page (seen in Chromium: L(w), steps,
    loss; tangent, global, local minimum; local maximum): the top margin holds the title's
    lines and the three rows (a fresh pair of eyes saw the title over the legend)."""
    from ui.charts.kit import _legend_rows

    at = open_page("gradient-descent", lang="en", loss="w^4 - 3w^2 + w", w0="2")
    figure = chart(at)
    layout = figure["layout"]
    size = layout["font"]["size"]
    entries = [t for t in figure["data"] if t.get("name") and t.get("showlegend") is not False]
    assert len(entries) == 7 and _legend_rows(entries, layout) == 3
    assert _legend_rows(entries[:3], layout) == 1  # the seed page's three: one row, as before
    lines = layout["title"]["text"].count("<br>") + 1
    rows = (0.4 + 1.6 * 3) * size + 6
    assert layout["margin"]["t"] >= int(12 + lines * 1.3 * round(1.25 * size) + rows)


def test_the_rate_table_keeps_a_verdict_with_bars_in_one_cell():
    """e^(e^w): its verdict says "as |w| grows"; the bars were read as cell borders and the
    table lost its w and L columns (a fresh pair of eyes). Every row has the header's cells."""
    import re

    at = open_page("gradient-descent", lang="en", loss="exp(exp(w))", w0="2")
    (table,) = [m.value for m in at.markdown if m.value.startswith("| ") and "\\|w\\|" in m.value]
    rows = table.splitlines()
    width = len(re.split(r"(?<!\\)\|", rows[0]))
    assert all(len(re.split(r"(?<!\\)\|", row)) == width for row in rows)
    assert "\\|w\\|" in table
