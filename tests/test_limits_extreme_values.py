"""The limits page toward ±∞ and near huge or tiny values: what it shows never contradicts its
own numbers. Independent values: mpmath at 50 digits (e^(−1000), e^1000, 1000^1000 …) or by hand.

Found by hand on the running page: e^x toward ∞ had 6 table rows and 2 dots on the chart; toward
−∞ its table said f(−1000) = 0 (a float's underflow; e^(−1000) ≈ 5.08 × 10⁻⁴³⁵ > 0); 1/x at
10⁻⁹ listed x = 10⁻⁹ − 10⁻¹, …, all on the other side of 0, heading to −∞ beside the verdict 10⁹.
"""

import math

import mpmath
import pytest
import sympy as sp

from mathcore.limits import approach_table, limit_at
from tests.apptest import chart, open_page, tables, values
from tests.test_page_limits import at_frame
from ui.i18n import text
from ui.tables import markdown_table, plain_number

x = sp.Symbol("x", real=True)
oo = sp.oo
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
RELATIVE = mpmath.mpf(10) ** -12  # the table's 60-digit values against mpmath's 50 digits


def exact(f, at) -> mpmath.mpf:
    """f(at) by mpmath at 50 digits: the independent value."""
    with mpmath.workdps(50):
        return f(mpmath.mpf(at))


def written(v: mpmath.mpf, digits: int = 9) -> str:
    """v as the table should write it: mantissa to ``digits`` digits × 10 to a superscript
    power, derived here from mpmath alone (no code of the app)."""
    with mpmath.workdps(50):
        power = int(mpmath.floor(mpmath.log10(abs(v))))
        mantissa = mpmath.nstr(v / mpmath.mpf(10) ** power, digits)
    mantissa = mantissa.removesuffix(".0")
    return f"{mantissa} × 10{str(power).translate(SUPERSCRIPTS)}"


MEMBERS = [  # f, its mpmath twin, the point: values past a float's range either way
    (sp.exp(x), mpmath.exp, oo),
    (sp.exp(x), mpmath.exp, -oo),
    (x * sp.exp(x), lambda t: t * mpmath.exp(t), -oo),
    (sp.exp(-(x**2)), lambda t: mpmath.exp(-(t**2)), oo),
    (x**1000, lambda t: t**1000, oo),
    (x ** (-1000), lambda t: t ** (-1000), oo),
    (x**x, lambda t: t**t, oo),
    (sp.exp(1 / x), lambda t: mpmath.exp(1 / t), 0),  # both sides: e^(∓10⁶) at ∓10⁻⁶
]


@pytest.mark.parametrize(("expr", "twin", "point"), MEMBERS)
def test_table_values_keep_their_size_past_a_floats_range(expr, twin, point):
    """Every row's f(x) is the true value to 10⁻¹² relative: e^(−1000) is no 0.0 and e^1000
    no inf (before: 0.0 and inf, from float())."""
    rows = [row for side in approach_table(expr, x, point) for row in side]
    assert len(rows) == (6 if point in (oo, -oo) else 12)
    for at, value in rows:
        true = exact(twin, at)
        assert value != 0 and mpmath.isfinite(value)
        assert abs(value - true) <= RELATIVE * abs(true), (at, value, true)


def test_e_to_the_e_to_the_x_is_a_number_not_undefined():
    """e^(e¹⁰⁰) needs more digits than the probe may spend; evalf still knows it:
    log₁₀ e^(e¹⁰⁰) = e¹⁰⁰ / ln 10 ≈ 1.167 × 10⁴³ (before: nan, written "—" as if undefined)."""
    (rows, _) = approach_table(sp.exp(sp.exp(x)), x, oo)
    (at, value) = rows[1]
    assert at == 100
    with mpmath.workdps(50):
        power = mpmath.exp(100) / mpmath.log(10)
        assert abs(mpmath.log10(value) - power) <= mpmath.mpf(10) ** -12 * power
    assert plain_number(value) == "10^(1.167 × 10⁴³)"


@pytest.mark.parametrize(
    ("expr", "point", "limit"),
    [
        (1 / x, sp.Rational(1, 10**9), 10**9),  # before: left rows at 10⁻⁹ − 10⁻ᵏ < 0
        (1 / x, sp.Rational(1, 10), 10),  # before: the row x = 0.1 − 0.1 = 0 had no value
        (sp.log(x), sp.Rational(1, 10**30), sp.log(sp.Rational(1, 10**30))),
        (sp.sqrt(x), sp.Rational(5, 100), sp.sqrt(sp.Rational(5, 100))),  # before: "—" left
    ],
)
def test_near_zero_the_rows_stay_on_the_points_side_and_agree_with_the_verdict(expr, point, limit):
    """At a = 10⁻⁹ the rows are a ∓ 10⁻¹⁰, …, a ∓ 10⁻¹⁵: same sign as a, closing in on the
    verdict's value (the last row within 10⁻⁵ relative: f is smooth there with f′·h/f = h/a)."""
    result = limit_at(expr, x, point)
    assert result.value == limit
    target = float(limit)
    for rows in (result.table_left, result.table_right):
        xs = [float(at) for at, _ in rows]
        assert all(0 < at < 2 * float(point) for at in xs)
        distances = [abs(float(value) - target) for _, value in rows]
        assert distances == sorted(distances, reverse=True)
        assert distances[-1] <= 1e-5 * abs(target)


def test_markdown_writes_mpf_values_without_e_notation_or_zero():
    v = exact(mpmath.exp, -1000)
    assert markdown_table({"f(x)": [v]}).splitlines()[-1] == f"| {written(v)} |"
    assert written(v) == "5.0759589 × 10⁻⁴³⁵"  # e^(−1000) = 5.07595889754945676529… × 10⁻⁴³⁵
    assert plain_number(-exact(lambda t: t**1000, 10**6)) == "-10⁶⁰⁰⁰"


def table_cells(at) -> list[dict[str, str]]:
    """Each Markdown table of the page as {x cell: f(x) cell}, as written (``tests.apptest``'s
    ``tables`` reads cells as floats, which 10⁴³⁴ is not)."""
    found = []
    for element in at.markdown:
        if element.value.startswith("| "):
            rows = element.value.splitlines()[2:]
            found.append(dict(row.strip("| ").split(" | ") for row in rows))
    return found


def drawn(xs: list) -> list:
    """The entries of a trace's x that are drawn (each trace of table points holds every row,
    ``None``/nan where the row is not of its kind in that frame)."""
    return [v for v in xs if v is not None and not math.isnan(v)]


def edge_marks(figure: dict) -> dict[str, list]:
    """The chart's table points by kind: dots (the trace "x → ∞"/"x → −∞") and marks on the
    top/bottom edge, each as a list of |x|."""
    found = {}
    for trace in figure["data"]:
        if trace.get("mode") == "markers":
            found[trace["name"]] = [abs(v) for v in drawn(values(trace["x"]))]
    return found


def test_e_to_the_x_toward_infinity_every_table_row_is_on_the_chart():
    """The table has x = 10, …, 10⁶; the chart has dots at 10 and 100 and ▲ on its top edge at
    1000, …, 10⁶ (e^1000 ≈ 1.97 × 10⁴³⁴ is past any float), and its title says so."""
    at = open_page("limits", lang="en", f="exp(x)", a="oo")
    assert not at.exception
    (cells,) = table_cells(at)
    assert cells["1000"] == written(exact(mpmath.exp, 1000)) == "1.97007111 × 10⁴³⁴"
    assert cells["1000000"] == written(exact(mpmath.exp, 10**6))  # 3.03321539 × 10⁴³⁴²⁹⁴
    figure = chart(at)
    marks = edge_marks(figure)
    top = figure["layout"]["yaxis"]["range"][1]
    assert marks["x → ∞"] == [10.0, 100.0]
    assert marks["above the chart (value in the table)"] == [10.0**k for k in range(3, 7)]
    shown = sorted(marks["x → ∞"] + marks["above the chart (value in the table)"])
    assert shown == [float(row) for row in cells]  # the same points, row for row
    (above,) = [t for t in figure["data"] if t.get("name", "").startswith("above")]
    assert drawn(values(above["y"])) == [top] * 4 and above["marker"]["symbol"] == "triangle-up"
    assert values(above["customdata"])[2] == plain_number(exact(mpmath.exp, 1000), 6)  # its row
    named = "1000, 10000, 100000, 1000000"
    words = text("en", "limits.beyond_above", xs=named, count=4, edge=plain_number(top))
    assert title(figure) == words  # the chart says it above itself, in the frame shown


def title(figure: dict) -> str:
    """The chart's (or a frame's) title as one line: the words on its table points."""
    return figure["layout"].get("title", {}).get("text", "").replace("<br>", " ")


def test_the_slider_window_says_which_rows_it_leaves_out_in_korean():
    """Window 1 ≤ x ≤ 10^2.3: the rows at 1000, …, 10⁶ are named as beyond it."""
    figure = chart(open_page("limits", lang="ko", f="2e^(-x/10)", a="oo"))
    assert not title(figure)  # 10⁶.³: all shown
    for opening in ("2", "10²"):  # a link's ?reach=, also as the old slider wrote it
        linked = chart(open_page("limits", lang="ko", f="2e^(-x/10)", a="oo", reach=opening))
        assert linked["layout"]["sliders"][0]["active"] == 1 and linked["data"] != figure["data"]
    shown = at_frame(figure, "2")
    assert edge_marks(shown)["x → ∞"] == [10.0, 100.0] == edge_marks(linked)["x → ∞"]
    expected = text("ko", "limits.beyond_outside", xs="1000, 10000, 100000, 1000000", count=4)
    assert title(shown) == expected == title(linked)
    assert "보이는 범위 밖" in expected


def test_x_to_the_1000_toward_infinity_marks_all_six_rows_on_the_top_edge():
    """10^1000, …, 10^6000: no dot can be drawn, all six are ▲ (before: no point at all)."""
    at = open_page("limits", lang="ko", f="x^1000", a="oo")
    marks = edge_marks(chart(at))
    assert marks == {"차트 위쪽 밖 (값은 표에)": [10.0**k for k in range(1, 7)]}
    (cells,) = table_cells(at)
    assert cells == {str(10**k): "10" + str(1000 * k).translate(SUPERSCRIPTS) for k in range(1, 7)}
    assert title(chart(at)).startswith("▲ x = 10, 100, 1000")


@pytest.mark.parametrize(
    ("f", "twin"),
    [("exp(x)", mpmath.exp), ("x exp(x)", lambda t: t * mpmath.exp(t))],
)
def test_toward_minus_infinity_the_table_never_says_zero(f, twin):
    """e^(−1000) ≈ 5.08 × 10⁻⁴³⁵ and −1000·e^(−1000) are not 0, however small (before: 0)."""
    at = open_page("limits", lang="en", f=f, a="-oo")
    (cells,) = table_cells(at)
    for k in range(3, 7):
        v = exact(twin, -(10**k))
        assert cells[str(-(10**k))] == written(v)
    assert not any(value.strip() in ("0", "-0") for value in cells.values())


def test_one_over_x_at_a_tiny_point_table_and_verdict_agree():
    at = open_page("limits", lang="en", f="1/x", a="1e-9")
    assert r"\lim_{x \to \frac{1}{1000000000}} f(x) = 1000000000$" in at.success[0].value
    left, right = tables(at)
    assert all(v > 0 for v in left["x"] + right["x"])
    assert left["x"][-1] == pytest.approx(1e-9 - 1e-15, rel=1e-12)
    assert left["f(x)"][-1] == pytest.approx(1 / (1e-9 - 1e-15), rel=1e-8)  # 1.000001 × 10⁹


def test_near_a_large_point_the_x_column_tells_the_rows_from_a():
    """x = 1234.5 − 10⁻⁶ is 1234.499999, not "1234.5" (9 digits made the last rows a itself)."""
    at = open_page("limits", lang="en", f="1/(x-1)", a="1234.5")
    left, right = tables(at)
    assert left["x"] == pytest.approx([1234.5 - 10.0**-k for k in range(1, 7)], abs=1e-12)
    assert right["x"] == pytest.approx([1234.5 + 10.0**-k for k in range(1, 7)], abs=1e-12)
    assert 1234.5 not in left["x"] + right["x"]
    assert not any(math.isnan(v) for v in left["f(x)"] + right["f(x)"])
