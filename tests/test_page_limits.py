"""AppTest: the limits page shows the verdict with its reason, the sides, the table and graph."""

import math

import numpy as np
import pytest

from tests.apptest import chart, open_page, tables, trace, values
from ui.i18n import text


def at_frame(figure: dict, name: str) -> dict:
    """The chart as its slider shows frame ``name`` (Plotly merges the frame's traces into the
    traces it names, and its layout into the chart's): ``{"data": …, "layout": …}``."""
    (frame,) = [f for f in figure["frames"] if f["name"] == name]
    data = [dict(t) for t in figure["data"]]
    for index, new in zip(frame["traces"], frame["data"], strict=True):
        data[index] |= new
    layout = dict(figure["layout"])
    for key, value in frame.get("layout", {}).items():
        layout[key] = {**layout.get(key, {}), **value} if isinstance(value, dict) else value
    return {"data": data, "layout": layout}


def test_limits_page_course_example_sides_differ():
    at = open_page("limits", lang="en")
    assert not at.exception
    assert at.error[0].value.startswith("**The limit does not exist because the sides differ:**")
    assert r"\lim_{x \to -1^-} f(x) = -\infty" in at.latex[1].value
    assert r"\lim_{x \to -1^+} f(x) = \infty" in at.latex[1].value
    left, right = tables(at)
    assert left["f(x)"] == [-(10**k) for k in range(1, 7)]
    assert right["x"][0] == -0.9
    figure = chart(at)
    assert math.isnan(
        values(trace(figure, "f(x)")["y"])[values(trace(figure, "f(x)")["x"]).index(-1.0)]
    )
    left = trace(figure, "from the left")
    xs, ys = values(left["x"]), values(left["y"])
    assert all(x < -1 for x in xs) and xs == sorted(xs) and xs[-1] > -1.06  # marching to a
    assert ys == sorted(ys, reverse=True) and ys[-1] < -10  # f → −∞ from the left
    xs = values(trace(at_frame(figure, "0.1"), "from the left")["x"])
    assert xs[0] > -1.1 and xs[-1] < -1  # the slider's frame re-spaces them (in the browser)
    assert not at.select_slider and not at.slider  # one zoom control: the chart's own slider


def test_limits_page_link_and_verdicts_in_both_languages():
    at = open_page("limits", lang="en", f="sin x / x", a="0")
    assert at.success[0].value.startswith("**The limit exists.**")
    assert r"\lim_{x \to 0} f(x) = 1" in at.success[0].value
    figure = chart(at)
    assert values(trace(figure, "left-hand limit")["y"]) == [1.0]
    at.segmented_control(key="lang_switch").set_value("ko").run()
    assert at.success[0].value.startswith("**극한이 존재합니다.**")
    at.text_input(key="f").input("sin(1/x)").run()
    assert "진동" in at.error[0].value


def test_limits_page_presets_and_infinity():
    at = open_page("limits", lang="en")
    at.button(key="preset-limits.preset.loss").click().run()
    assert at.text_input(key="f").value == "2e^(-x/10)"
    assert at.text_input(key="a").value == "oo"
    assert r"\lim_{x \to \infty} f(x) = 0" in at.success[0].value
    assert len(tables(at)) == 1


def test_limits_page_bad_input_is_explained():
    at = open_page("limits", lang="en", f="1/(x+1", a="-1")
    assert at.error[0].value == "A `(` has no partner: check the brackets."
    assert at.code[0].value == "1/(x+1\n  ^"
    assert not at.get("plotly_chart")
    at = open_page("limits", lang="en", a="x")
    assert at.error[0].value.startswith("Unknown name `x`")


@pytest.mark.parametrize(
    ("f", "a", "lang", "box", "start"),
    [
        (
            "sin(1/x)/x",
            "0",
            "en",
            "error",
            "**The limit does not exist: f oscillates without",
        ),
        (
            "x sin x",
            "oo",
            "ko",
            "error",
            "**극한이 존재하지 않습니다: f가 한없이 진동합니다.** x가 한없이 커질 때",
        ),
        ("x^(1/3)", "0", "en", "success", "**The limit exists.**"),
        ("sin(x)^2 + cos(x)^2", "oo", "en", "success", "**The limit exists.**"),
        (
            "min(x, x^2)/x",
            "0",
            "en",
            "error",
            "**The limit does not exist because the sides",
        ),
        ("{x < 1: x^2, 2x}", "1", "ko", "error", "**좌극한과 우극한이 달라서"),
        (
            "x/|sqrt(x^2-1)|",  # defined for |x| > 1 only: the limit at 1 is the right-hand one
            "1",
            "en",
            "warning",
            "**The limit does not exist as a number — f diverges at the edge of its domain.**",
        ),
    ],
)
def test_limits_page_true_on_student_functions(f, a, lang, box, start):
    at = open_page("limits", lang=lang, f=f, a=a)
    assert not at.exception
    assert getattr(at, box)[0].value.startswith(start)


def test_limits_page_sides_in_words_not_a_contradicted_value():
    at = open_page("limits", lang="en", f="x/|sqrt(x^2-1)|", a="1")
    limits_row = at.latex[-1].value
    assert r"\text{f is not defined there}" in limits_row  # left: √ of a negative number
    assert r"1^+} f(x) = \infty" in limits_row
    assert r"-\infty" not in limits_row  # SymPy alone says −∞ on the left
    at = open_page("limits", lang="en", f="min(x, x^2)/x", a="0")
    assert "from the left f → $1$, from the right f → $0$" in at.error[0].value


def test_limits_page_draws_no_points_where_f_is_undefined():
    """|√(x² − 1)| for |x| < 1 would be real through a complex √: no dots there either."""
    at = open_page("limits", lang="en", f="x/|sqrt(x^2-1)|", a="1")
    left = trace(chart(at), "from the left")
    inside = [y for x, y in zip(values(left["x"]), values(left["y"]), strict=True) if -1 < x < 1]
    assert inside and all(y is None or math.isnan(y) for y in inside)


def finite_curve(figure, lo, hi):
    """The f(x) trace's finite samples with lo ≤ x ≤ hi, as arrays."""
    f = trace(figure, "f(x)")
    xs = np.array(values(f["x"]), dtype=float)
    ys = np.array([np.nan if y is None else y for y in values(f["y"])], dtype=float)
    keep = (xs >= lo) & (xs <= hi) & np.isfinite(ys)
    return xs[keep], ys[keep]


def rises(figure):
    """|Δy| of every drawn step of f's line (neighbouring finite samples)."""
    f = trace(figure, "f(x)")
    ys = np.array([np.nan if y is None else y for y in values(f["y"])], dtype=float)
    both = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    return np.abs(np.diff(ys))[both]


def test_limits_page_zoom_resamples_the_window():
    """At zoom 0.01 the curve is sampled for a ± 0.01: sin x / x stays within x²/6 ≤ 1.7·10⁻⁵
    of 1 there, and the y-range follows it (at zoom 1 too: the whole curve on the chart);
    sin(1/x) is drawn from its own values, and as a band where it turns too fast to draw."""
    at = open_page("limits", lang="en", f="sin x / x", a="0", zoom="0.01")
    figure = chart(at)
    xs, ys = finite_curve(figure, -0.01, 0.01)
    assert len(xs) >= 400 and np.all(np.abs(ys - 1) <= 1.7e-5)
    low, high = figure["layout"]["yaxis"]["range"]
    assert low <= 1 - 1.6e-5 and high >= 1 and high - low < 1e-3
    assert not bands(figure)
    figure = at_frame(chart(at), "1")
    xs, ys = finite_curve(figure, -1, 1)
    low, high = figure["layout"]["yaxis"]["range"]
    assert low < ys.min() and ys.max() < high and ys.min() == pytest.approx(math.sin(1), 1e-6)
    at = open_page("limits", lang="en", f="sin(1/x)", a="0", zoom="0.01")
    figure = chart(at)
    xs, ys = finite_curve(figure, -0.01, 0.01)
    assert len(xs) >= 400 and np.allclose(ys, np.sin(1 / xs), atol=1e-9)
    assert not np.any(np.abs(xs) < 0.0025)  # no line where sin(1/x) turns faster than drawn
    assert any(x0 < -0.002 and x1 > 0.002 for x0, x1, *_ in bands(figure))
    at = open_page("limits", lang="en", f="x^2", a="1", zoom="10.0")
    xs, ys = finite_curve(chart(at), -9, 11)
    assert xs.min() == -9 and xs.max() == 11 and np.allclose(ys, xs**2)


def bands(figure):
    """The filled bands where f swings too fast to draw (grouped with f in the legend): each as
    (start, stop, x, low, high), the bottom read back from the outline."""
    found = []
    for t in figure["data"]:
        if t.get("fill") != "toself" or t.get("legendgroup") != "f":
            continue
        xs = np.array(values(t["x"]), dtype=float)
        ys = np.array([np.nan if y is None else y for y in values(t["y"])], dtype=float)
        for piece in np.split(np.arange(len(xs)), np.flatnonzero(np.isnan(xs))):
            piece = piece[np.isfinite(xs[piece])]
            if not len(piece):
                continue
            top, bottom = piece[: len(piece) // 2], piece[len(piece) // 2 :][::-1]
            x = xs[top]
            found.append((x[0], x[-1], x, ys[bottom], ys[top]))
    return found


def drawn_misses(figure, xs, true):
    """How far f's values ``true`` at ``xs`` are from what the chart draws there: from the line
    (straight between its samples), or outside the band holding x; 0 where nothing is drawn."""
    f = trace(figure, "f(x)")
    line_x = np.array(values(f["x"]), dtype=float)
    line_y = np.array([np.nan if y is None else y for y in values(f["y"])], dtype=float)
    i = np.searchsorted(line_x, xs).clip(1, len(line_x) - 1)
    x0, x1, y0, y1 = line_x[i - 1], line_x[i], line_y[i - 1], line_y[i]
    line = y0 + (y1 - y0) * (xs - x0) / (x1 - x0)
    found = np.where(np.isfinite(line), np.abs(line - true), 0.0)
    for start, stop, x, low, high in bands(figure):
        at = (xs >= start) & (xs <= stop)
        low, high = np.interp(xs[at], x, low), np.interp(xs[at], x, high)
        found[at] = np.maximum(np.maximum(low - true[at], true[at] - high), 0.0)
    return found


@pytest.mark.parametrize("zoom", ["0.01", "0.1", "1.0"])
def test_limits_page_sin_1_over_x_is_drawn_true_and_its_dots_lie_on_it(zoom):
    """sin(1/x) at 0: at 20 000 random x of the window, f is within 1 % of the y-range of the
    drawn line or inside the drawn band; so is every dot marching toward 0 (at zoom 0.01 the
    grid alone drew a zigzag missing f by its whole height for |x| < 0.003, the dots off it)."""
    figure = chart(open_page("limits", lang="en", f="sin(1/x)", a="0", zoom=zoom))
    half = float(zoom)
    low, high = figure["layout"]["yaxis"]["range"]
    xs = np.random.default_rng(3).uniform(-half, half, 20_000)
    assert drawn_misses(figure, xs, np.sin(1 / xs)).max() <= 0.01 * (high - low)
    for side in ("from the left", "from the right"):
        dots = trace(figure, side)
        dot_x, dot_y = np.array(values(dots["x"])), np.array(values(dots["y"]))
        assert np.allclose(dot_y, np.sin(1 / dot_x), atol=1e-12)
        assert drawn_misses(figure, dot_x, dot_y).max() <= 0.01 * (high - low)


@pytest.mark.parametrize(
    ("f", "a", "empty", "shown"),
    [
        ("sqrt(x)", "0", "from the left", "from the right"),
        ("ln x", "0", "from the left", "from the right"),
        ("sqrt(1-x)", "1", "from the right", "from the left"),
    ],
)
def test_limits_page_legend_has_no_side_without_points(f, a, empty, shown):
    """f defined on one side of a only: no dots on the other side, so no legend entry for it
    (at every zoom); the side with dots keeps its entry."""
    figure = chart(open_page("limits", lang="en", f=f, a=a))
    for zoom in ("4", "0.01"):
        drawn = at_frame(figure, zoom)["data"]
        names = {t.get("name") for t in drawn if t.get("showlegend", True)}
        assert empty not in names and shown in names and "f(x)" in names
        dots = trace({"data": drawn}, shown)
        assert np.isfinite(np.array(values(dots["y"]), dtype=float)).any()


def test_limits_page_marks_f_of_a_and_only_real_holes():
    """Open circle only where f(a) is missing or differs from that side's limit; f(a) filled."""
    names = lambda figure: {t.get("name") for t in figure["data"]}  # noqa: E731
    figure = chart(open_page("limits", lang="en", f="x^2", a="1"))
    assert not {"left-hand limit", "right-hand limit"} & names(figure)
    dot = trace(figure, "f(a)")
    assert (values(dot["x"]), values(dot["y"]), dot["marker"]["color"]) == ([1.0], [1.0], "#000000")
    figure = chart(open_page("limits", lang="en", f="floor(x)", a="2"))
    hole = trace(figure, "left-hand limit")
    assert (values(hole["x"]), values(hole["y"]), hole["marker"]["color"]) == (
        [2.0],
        [1.0],
        "white",
    )
    assert "right-hand limit" not in names(figure)
    assert values(trace(figure, "f(a)")["y"]) == [2.0]
    assert rises(figure).max() < 0.5  # no vertical connector, not even at the edge x = 6
    figure = chart(open_page("limits", lang="en", f="(x^2-1)/(x-1)", a="1"))
    assert values(trace(figure, "right-hand limit")["y"]) == [2.0] and "f(a)" not in names(figure)


@pytest.mark.parametrize("a", ["oo", "∞", "inf"])
def test_limits_page_toward_infinity_one_direction_and_the_tables_points(a):
    """2e^(−x/10) as x → ∞: dots at exactly the table's x = 10, …, 10⁶; the lim row filled."""
    at = open_page("limits", lang="en", f="2e^(-x/10)", a=a)
    assert not at.exception
    assert "Both sides" not in at.success[0].value and "As $x \\to \\infty$" in at.success[0].value
    assert at.latex[-1].value.strip("$\n ") == r"\lim_{x \to \infty} f(x) = 0"
    (table,) = tables(at)
    assert not any("from the left" in m.value for m in at.markdown)
    figure = chart(at)
    dots = trace(figure, "x → ∞")
    assert values(dots["x"]) == table["x"] == [10.0**k for k in range(1, 7)]
    assert values(dots["y"])[:2] == pytest.approx([2 * math.exp(-1), 2 * math.exp(-10)], rel=1e-9)
    assert figure["layout"]["xaxis"]["type"] == "log"
    assert at_frame(figure, "2")["layout"]["xaxis"]["range"] == [0.0, 2.3]  # 1 ≤ x ≤ 10^2.3


def test_limits_page_toward_minus_infinity():
    at = open_page("limits", lang="en", f="1/x", a="-oo")
    assert at.latex[-1].value.strip("$\n ") == r"\lim_{x \to -\infty} f(x) = 0"
    figure = chart(at)
    dots = trace(figure, "x → −∞")  # a mirrored log axis: |x| plotted, ticks −10ᵏ
    assert values(dots["x"]) == [10.0**k for k in range(1, 7)]
    assert values(dots["y"]) == pytest.approx([-(10.0**-k) for k in range(1, 7)])
    assert figure["layout"]["xaxis"]["ticktext"][:3] == ["−1", "−10", "−100"]


EDGES = [  # f, a, the side f is defined on, its one-sided limit there (hand-derived)
    ("sqrt(x)", "0", "right", "0"),
    ("ln x", "0", "right", "-\\infty"),
    ("sqrt(1-x^2)", "1", "left", "0"),
    ("sqrt(1-x^2)", "-1", "right", "0"),
    ("asin(x)", "1", "left", "\\frac{\\pi}{2}"),
    ("x^x", "0", "right", "1"),
]


@pytest.mark.parametrize(("f", "a", "side", "limit"), EDGES)
def test_limits_and_continuity_say_the_same_at_a_domain_edge(f, a, side, limit):
    """At an edge of f's domain the limit is the one-sided limit from inside, on both pages in
    the same sentence."""
    sign = "+" if side == "right" else "-"
    sentence = (
        f"f is defined only to the {side} of ${a}$ near it, so at this edge of its domain the "
        f"limit is the {side}-hand limit: $\\lim_{{x \\to {a}}} f(x) = "
        f"\\lim_{{x \\to {a}^{sign}}} f(x) = {limit}$."
    )
    limits = open_page("limits", lang="en", f=f, a=a)
    shown = [box.value for kind in ("success", "warning") for box in getattr(limits, kind)]
    assert any(sentence in value for value in shown)
    assert not limits.error
    continuity = open_page("continuity", lang="en", f=f, a=a)
    assert any(sentence in m.value for m in continuity.markdown)


def test_limits_page_a_point_that_is_not_a_number_says_a_number_is_expected():
    # the point box has no variable: "only - may be used as a variable" was the old message
    for lang, start in (("en", "Unknown name `zz`: a number is expected"), ("ko", "알 수 없는")):
        at = open_page("limits", lang=lang, f="x", a="zz")
        assert not at.exception
        (message,) = [e.value for e in at.error]
        assert message.startswith(start) and "`oo`" in message and " - " not in message


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_tables_write_small_x_without_e_notation(lang):
    at = open_page("limits", lang=lang, f="sin(1/x)", a="0")
    cells = "\n".join(m.value for m in at.markdown if m.value.startswith("| "))
    assert "e-0" not in cells and "e+" not in cells
    assert "| -10⁻⁶ |" in cells and "| 10⁻⁶ |" in cells  # x = ∓10⁻⁶: one form for both sides
    assert tables(at)[0]["x"][-1] == -1e-6


@pytest.mark.parametrize(("page", "lang"), [("limits", "en"), ("continuity", "ko")])
def test_an_empty_point_asks_for_a_point_not_a_function(page, lang):
    # found by a fresh pair of eyes: clearing "Point a" answered "Type a function"
    at = open_page(page, lang=lang, f="x^2", a="")
    assert [e.value for e in at.error] == [text(lang, "input.error.empty_point")]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_page_undefined_on_both_sides_says_neither(lang):
    # found by a fresh pair of eyes: √x at −1 said "not defined on one side"
    at = open_page("limits", lang=lang, f="sqrt(x)", a="-1")
    assert at.error[0].value == text(lang, "limits.verdict.undefined_both", a="-1")


def test_limits_table_does_not_call_a_huge_value_infinite():
    # found by a fresh pair of eyes: e^x toward ∞ showed f(1000) = ∞; e^1000 ≈ 1.97 × 10⁴³⁴
    # is finite, only past a float's range (1.8 × 10³⁰⁸)
    at = open_page("limits", lang="en", f="e^x", a="oo")
    cells = "\n".join(m.value for m in at.markdown if m.value.startswith("| "))
    assert "| 1000 | 1.97007111 × 10⁴³⁴ |" in cells and "∞" not in cells  # mpmath: 1.970071114…


@pytest.mark.parametrize(("link", "opening"), [({}, "4"), ({"zoom": "0.05"}, "0.05")])
def test_limits_chart_has_one_frame_per_zoom_and_opens_on_the_link(link, opening):
    """The zoom is the chart's own slider (frames, in the browser): one frame per zoom of the
    engine's grid, each with f sampled on its window a ± z, its axes set to that window, and
    the points a ∓ z·0.7ᵏ; a lesson link's ``?zoom=`` opens on its frame (else a ± 4)."""
    from mathcore import ZOOMS

    at = open_page("limits", lang="en", f="x^2", a="1", **link)
    figure = chart(at)
    assert [f["name"] for f in figure["frames"]] == [f"{z:g}" for z in ZOOMS]
    (slider,) = figure["layout"]["sliders"]
    assert [s["args"][0] for s in slider["steps"]] == [[f"{z:g}"] for z in ZOOMS]
    # the axes move too: a full redraw (Plotly's transition of the ranges, redraw: false, took
    # the key → chart changed median from 41 to 130 ms: bench/latency.py, 2026-12-01)
    assert all(s["args"][1]["frame"]["redraw"] for s in slider["steps"])
    assert slider["steps"][slider["active"]]["label"] == opening
    assert at_frame(figure, opening)["data"] == [dict(t) for t in figure["data"]]
    assert (
        figure["layout"]["xaxis"]["range"] == at_frame(figure, opening)["layout"]["xaxis"]["range"]
    )
    for z in ZOOMS:
        shown = at_frame(figure, f"{z:g}")
        assert shown["layout"]["xaxis"]["range"] == [1 - z, 1 + z]
        xs, ys = finite_curve(shown, -np.inf, np.inf)
        assert xs.min() == 1 - z and xs.max() == 1 + z and np.allclose(ys, xs**2)
        low, high = shown["layout"]["yaxis"]["range"]
        assert low < ys.min() and ys.max() < high
        left = trace(shown, "from the left")
        assert values(left["x"]) == pytest.approx([1 - z * 0.7**k for k in range(1, 13)])


def test_limits_chart_ignores_a_zoom_it_does_not_have():
    at = open_page("limits", lang="en", f="x^2", a="1", zoom="3")
    assert not at.exception
    (slider,) = chart(at)["layout"]["sliders"]
    assert slider["steps"][slider["active"]]["label"] == "4"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_page_shows_the_steps_naming_each_technique(lang):
    """(x² − 1)/(x − 1) at 1: factor and cancel x − 1, then substitute: 2 (by hand); at −1,
    1/(x + 1) is taken side by side (−∞ and +∞); sin(1/x) at 0 has no steps, and says so."""
    names = {
        "en": ("**Factor and cancel** $x - 1$", "**Direct substitution**", "From the left"),
        "ko": ("**인수분해 후 약분** $x - 1$", "**직접 대입**", "왼쪽에서"),
    }[lang]
    title = {"en": "Step by step", "ko": "단계별 풀이"}[lang]

    def steps(f: str, a: str) -> str:
        at = open_page("limits", lang=lang, f=f, a=a, steps="true")  # a link that opens them
        (folded,) = [e for e in at.expander if e.label == title]
        return "\n".join(m.value for m in folded.markdown)

    at = open_page("limits", lang=lang, f="(x^2-1)/(x-1)", a="1")  # folded: not worked out
    (folded,) = [e for e in at.expander if e.label == title]
    assert not folded.markdown

    shown = steps("(x^2-1)/(x-1)", "1").splitlines()
    assert shown[0].startswith(f"- {names[0]}: $\\lim_{{x \\to 1}} \\frac{{x^{{2}} - 1}}")
    assert shown[0].endswith("= \\lim_{x \\to 1} \\left(x + 1\\right)$")
    assert shown[1].startswith(f"- {names[1]}") and shown[1].endswith("= 2$")
    sides = steps("1/(x+1)", "-1")
    assert names[2] in sides and "\\lim_{x \\to -1^{-}} \\frac{1}{x + 1} = -\\infty$" in sides
    assert "\\lim_{x \\to -1^{+}} \\frac{1}{x + 1} = \\infty$" in sides
    assert steps("sin(1/x)", "0") == text(lang, "limit_steps.none")


def test_a_side_without_a_limit_is_not_equated_to_a_word():
    """sin(1/x) at 0: 'lim f(x): oscillates', not 'lim f(x) = oscillates' (a fresh pair of
    eyes); a side with a limit keeps its equation (1/(x+1) at −1: = −∞)."""
    line = open_page("limits", lang="en", f="sin(1/x)", a="0").latex[-1].value
    assert "f(x)\\text{: }\\text{oscillates}" in line and "= \\text{" not in line
    line = open_page("limits", lang="en", f="1/(x+1)", a="-1").latex[-1].value
    assert "f(x) = -\\infty" in line


@pytest.mark.parametrize(
    ("page", "query"),
    [("limits", {"f": "e^x", "a": "oo"}), ("continuity", {}), ("extrema", {}), ("derivatives", {})],
)
def test_every_chart_keeps_plotly_toolbar_off_its_title(page, query):
    """The toolbar runs down the right edge (kit.figure), not across the top, where it covered
    the reach chart's title on /limits (a fresh pair of eyes)."""
    at = open_page(page, lang="en", **query)
    charts = at.get("plotly_chart")
    assert charts
    for index in range(len(charts)):
        assert chart(at, index)["layout"]["modebar"]["orientation"] == "v"


def epsilon_delta_chart(at) -> dict:
    """The ε–δ chart (its slider is named after ``?eps=``)."""
    figures = [chart(at, i) for i in range(len(at.get("plotly_chart")))]
    (found,) = [f for f in figures if f["layout"].get("sliders", [{}])[0].get("name") == "eps"]
    return found


def test_limits_page_epsilon_delta_is_folded_and_worked_out_only_when_opened():
    at = open_page("limits", lang="en", f="2x+1", a="1")
    (folded,) = [e for e in at.expander if e.label == text("en", "epsilon_delta.title")]
    assert not folded.markdown and len(at.get("plotly_chart")) == 1  # only the limit's chart


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_page_epsilon_delta_linear_delta_is_half_of_epsilon(lang):
    """f = 2x + 1 at 1, L = 3: |2x + 1 − 3| = 2|x − 1|, so δ = ε/2 (by hand) in the table, in
    every frame's blue strip 1 ± ε/2 and green band 3 ± ε, and on the log–log plot."""
    at = open_page("limits", lang=lang, f="2x+1", a="1", epsilon_delta="true")
    assert not at.exception
    title = text(lang, "epsilon_delta.title")
    (folded,) = [e for e in at.expander if e.label == title]
    shown = "\n".join(m.value for m in folded.markdown)
    assert "$L = 3$" in shown
    bound = text(lang, "epsilon_delta.bound", per_decade=60, reach="1", nearest="10⁻¹²")
    assert [c.value for c in folded.caption] == [bound]  # the sampling's bound, said
    (table,) = [t for t in tables(at) if text(lang, "epsilon_delta.column_delta") in t]
    eps = table[text(lang, "epsilon_delta.column_epsilon")]
    delta = table[text(lang, "epsilon_delta.column_delta")]
    assert len(eps) >= 10 and delta == pytest.approx([e / 2 for e in eps], rel=1e-6)
    figure = epsilon_delta_chart(at)
    assert len(figure["frames"]) == len(eps)
    for frame, e in zip(figure["frames"], eps, strict=True):
        shown = at_frame(figure, frame["name"])
        band = trace(shown, text(lang, "epsilon_delta.band"))
        assert min(values(band["y"])) == pytest.approx(3 - e) and max(values(band["y"])) == (
            pytest.approx(3 + e)
        )
        strip = values(trace(shown, text(lang, "epsilon_delta.window"))["x"])
        assert min(strip) == pytest.approx(1 - e / 2) and max(strip) == pytest.approx(1 + e / 2)
        assert e / 2 == pytest.approx(
            values(trace(shown, text(lang, "epsilon_delta.current"))["y"])[0]
        )
    slider = figure["layout"]["sliders"][0]
    assert all(s["args"][1]["frame"]["redraw"] for s in slider["steps"])  # frames move the axes
    assert slider["active"] == 0 and shown["layout"]["title"]["text"].startswith("ε = ")


def test_limits_page_epsilon_delta_link_opens_on_its_epsilon():
    at = open_page("limits", lang="en", f="x^2", a="2", epsilon_delta="true", eps="0.001")
    slider = epsilon_delta_chart(at)["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == "0.001"
    assert slider["steps"][slider["active"]]["value"] == "0.001"  # kept in the address
    title = epsilon_delta_chart(at)["layout"]["title"]["text"]
    delta = (4.001) ** 0.5 - 2  # the right side binds: 4t + t² = ε
    assert f"{delta:.6g}" in title and text("en", "epsilon_delta.side_right") in title
    at = open_page("limits", lang="en", f="x^2", a="2", epsilon_delta="true", eps="0.003")
    slider = epsilon_delta_chart(at)["layout"]["sliders"][0]
    assert slider["active"] == 0  # not one of its ε: the chart opens on the first


@pytest.mark.parametrize(("f", "a", "kind"), [("floor(x)", "2", "jump"), ("sin(1/x)", "0", "osc")])
def test_limits_page_epsilon_delta_shows_an_epsilon_no_delta_works_for(f, a, kind):
    """floor(x) at 2: the midpoint 3/2 of the sides, ε = 1/2 fails (left values 1 are 1/2 away);
    sin(1/x) at 0: the middle 0, ε = 1/2 fails. The chart opens on that ε, with no strip and
    the escaping points marked, each outside the band."""
    at = open_page("limits", lang="en", f=f, a=a, epsilon_delta="true")
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "does not exist" in shown and "For example, with $\\varepsilon = 0.5$" in shown
    assert ("$L = \\frac{3}{2}$" if kind == "jump" else "$L \\approx 0$") in shown
    figure = epsilon_delta_chart(at)
    assert figure["layout"]["title"]["text"] == text("en", "epsilon_delta.frame_none", eps="0.5")
    assert not values(trace(figure, text("en", "epsilon_delta.window"))["x"])
    marks = trace(figure, text("en", "epsilon_delta.escapes"))
    L = 1.5 if kind == "jump" else 0.0
    assert values(marks["y"]) and all(abs(y - L) >= 0.5 for y in values(marks["y"]))
    (table,) = [t for t in tables(at) if "largest δ" in t]
    assert table["largest δ"][table["ε"].index(0.5)] == "none"
    # on the δ(ε) plot "no δ" sits on the ε axis, not at a δ one could read off
    none = trace(figure, text("en", "epsilon_delta.legend_no_delta"))
    bottom = 10 ** figure["layout"]["yaxis2"]["range"][0]
    assert values(none["y"]) and all(y == pytest.approx(bottom) for y in values(none["y"]))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_page_epsilon_delta_needs_a_finite_limit(lang):
    """Also x² at ∞ (the ε–N words: no δ and no empty |  |, a fresh pair of eyes) and
    1/(x + 1) at −1, −∞ on the left and ∞ on the right (no claim that f > M on both sides)."""
    cases = (
        ("sin x", "oo", "oscillates"),
        ("1/x^2", "0", "infinite_limit"),
        ("1/(x+1)", "-1", "infinite_limit"),
        ("x^2", "oo", "infinite_limit_infinity"),
    )
    for f, a, reason in cases:
        at = open_page("limits", lang=lang, f=f, a=a, epsilon_delta="true")
        assert not at.exception and not at.get("plotly_chart")[1:]  # no ε–δ chart
        said = text(lang, f"epsilon_delta.unavailable_{reason}", a="0", gap="x", beyond="")
        assert any(m.value.split("$")[0] == said.split("$")[0] for m in at.info)
        assert not any("| |" in m.value or "||" in m.value for m in at.info)
        if a == "oo":
            assert not any("delta" in m.value for m in at.info)  # the ε–N words: N, no δ


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_limits_page_epsilon_n_for_the_loss_over_epochs(lang):
    """The course's preset 2e^(−x/10) as x → ∞: N = 10 ln(2/ε) (by hand) in the table, and
    each frame shades x > N out to 2N."""
    at = open_page("limits", lang=lang, f="2e^(-x/10)", a="oo", epsilon_delta="true")
    assert not at.exception
    (table,) = [t for t in tables(at) if text(lang, "epsilon_delta.column_n") in t]
    eps = table[text(lang, "epsilon_delta.column_epsilon")]
    N = table[text(lang, "epsilon_delta.column_n")]
    assert len(eps) >= 10
    assert pytest.approx(N, rel=1e-5) == [10 * math.log(2 / e) for e in eps]
    figure = epsilon_delta_chart(at)
    for frame, n in zip(figure["frames"], N, strict=True):
        strip = values(
            trace(at_frame(figure, frame["name"]), text(lang, "epsilon_delta.window_n_oo"))["x"]
        )
        assert min(strip) == pytest.approx(n, rel=1e-5) and max(strip) == pytest.approx(
            2 * n, rel=1e-5
        )
    assert figure["layout"]["title"]["text"].startswith("ε = 1 → ")
    alt = [m.value for m in at.markdown if "ε–N" in m.value and ("x → ∞" in m.value)]
    assert alt and "\\infty" not in alt[0] and "x > N" in alt[0]  # words, not TeX
