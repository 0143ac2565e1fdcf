"""The code behind each page (``mathcore.snippets``): every page's snippet, for the page's presets
and default seeds, runs as it is in a fresh Python (no ``mathcore`` on its path) and prints the
values the page's own analysis shows; the pitfalls it explains show as SymPy really behaves
(hand-derived values); the expression in the code is SymPy's printing of the parsed one, never
the student's text; and the "Python" expander is on the pages in both languages."""

from __future__ import annotations

import ast
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mathcore as mc
from mathcore import backprop, drills, snippets
from tests.apptest import open_page
from tests.test_parsing_properties import PIECES

ROOT = Path(__file__).resolve().parent.parent
X = sp.Symbol("x", real=True)
TOLERANCE = 1e-9  # relative (absolute below 1): both sides compute in ≥ 15 digits
RUN_SECONDS = 120  # one snippet in a fresh interpreter (SymPy's import is most of it)


def presets(page: str) -> list[tuple[str, str | None]]:
    """``(f, a)`` of a page's ``PRESETS`` list, read from its source (running a page draws it)."""
    tree = ast.parse((ROOT / "pages" / f"{page}.py").read_text())
    (found,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PRESETS"
    ]
    return [(q["f"], q.get("a")) for _, q in ast.literal_eval(found)]


def run(snippet: snippets.Snippet, tmp_path: Path, extra: str = "") -> list[tuple[str, str]]:
    """Run the script as a student would (a fresh interpreter, its own folder, no ``mathcore``
    importable); return its printed lines as (label, value) pairs, in order."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", snippet.code + extra],
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(line.split(": ", 1)) for line in done.stdout.splitlines() if ": " in line]


def printed(lines: list[tuple[str, str]], label: str) -> str:
    (value,) = [v for k, v in lines if k == label]
    return value


def number(text: str) -> sp.Expr:
    """A value the script printed (SymPy's ``str``: ``-oo``, ``1/2``, ``2.00000000000000``).
    Our own script's output, not user text: SymPy's parser reads it back."""
    names = {"AccumBounds": sp.AccumBounds, "x": X, "w": backprop.W, "b": backprop.B}
    return sp.parse_expr(text, local_dict=names)


def close(text: str, expected) -> bool:
    """The printed value equals ``expected`` (a SymPy number or float) within TOLERANCE."""
    got = number(text)
    expected = sp.sympify(expected)
    if got.is_infinite or expected.is_infinite or got is sp.nan or expected is sp.nan:
        return got == expected
    got, expected = complex(got), complex(expected)
    return abs(got - expected) <= TOLERANCE * max(1.0, abs(expected))


def undefined(text: str) -> bool:
    return text in ("nan", "zoo")


# -- /limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("f", "a"), presets("limits"))
def test_limits_snippet_prints_what_the_page_shows(f, a, tmp_path):
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    analysis = mc.limits_analysis(expr, X, point)
    result = analysis.limit
    found = snippets.limits_snippet(expr, point, result, analysis.value is not None)
    lines = run(found, tmp_path, "\nprint('srepr:', srepr(f))")
    assert printed(lines, "srepr") == sp.srepr(expr)  # the code rebuilds the parsed f
    if point.is_infinite:
        assert close(printed(lines, "limit"), result.value)
        return
    for side in ("left", "right"):
        kind, value = getattr(result, f"{side}_kind"), getattr(result, side)
        shown = printed(lines, f"{side} limit")
        if kind == "limit":
            assert close(shown, value), (side, shown, value)
        else:
            assert kind == "oscillates" and shown.startswith("AccumBounds(")
    verdict = printed(lines, "limit")
    if result.verdict == "sides_differ":
        assert verdict == "does not exist (the sides differ)"
        assert close(printed(lines, "limit(f, x, a)"), result.right)  # SymPy's default side
    elif result.verdict == "oscillates":
        assert verdict == "does not exist (f oscillates)"
    else:
        assert close(verdict, result.value)
    if analysis.value is None:
        assert undefined(printed(lines, "f(a)"))
        assert "undefined_value" in found.pitfalls
    else:
        assert close(printed(lines, "f(a)"), analysis.value)


def test_the_courses_example_limit_is_only_the_right_side(tmp_path):
    """``limit(1/(x+1), x, -1)`` is ``oo`` (the course's own example); the sides are −∞, ∞."""
    expr, point = mc.parse_expression("1/(x+1)"), sp.Integer(-1)
    found = snippets.limits_snippet(expr, point, mc.limit_at(expr, X, point), False)
    assert found.pitfalls == ("limit_right", "undefined_value")
    lines = run(found, tmp_path)
    assert printed(lines, "limit(f, x, a)") == "oo"
    assert (printed(lines, "left limit"), printed(lines, "right limit")) == ("-oo", "oo")
    assert printed(lines, "f(a)") == "zoo"


def test_the_real_cube_root_is_printed_as_real_root(tmp_path):
    """x^(1/3) is parsed as the real root; SymPy's own (−8)^(1/3) is 1 + √3·i."""
    expr = mc.parse_expression("x^(1/3)")
    found = snippets.limits_snippet(expr, sp.Integer(-8))
    assert "f = real_root(x, 3)" in found.code and "real_root" in found.pitfalls
    lines = run(found, tmp_path)
    assert close(printed(lines, "SymPy's (-8)**(1/3)"), 1 + sp.sqrt(3) * sp.I)
    assert printed(lines, "real_root(-8, 3)") == "-2"
    assert printed(lines, "f(a)") == "-2"  # the course's ∛(−8)
    assert printed(lines, "limit") == "-2"


# -- /continuity -----------------------------------------------------------------------------


@pytest.mark.parametrize(("f", "a"), presets("continuity"))
def test_continuity_snippet_prints_what_the_page_shows(f, a, tmp_path):
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    analysis = mc.continuity_analysis(expr, X, point)
    c = analysis.continuity
    lines = run(snippets.continuity_snippet(expr, point, c), tmp_path)
    assert printed(lines, "continuous") == str(c.continuous)
    if c.defined:
        assert close(printed(lines, "f(a)"), c.value)
    else:
        assert undefined(printed(lines, "f(a)"))
    for side in ("left", "right"):
        shown, value = printed(lines, f"{side} limit"), getattr(c, side)
        if value is None:
            assert getattr(c, f"{side}_kind") == "oscillates" and shown.startswith("AccumBounds(")
        else:
            assert close(shown, value)
    d = analysis.differentiability
    if d is not None:
        assert close(printed(lines, "left derivative"), d.left_derivative)
        assert close(printed(lines, "right derivative"), d.right_derivative)


def test_relu_shows_heavisides_half_beside_the_one_sided_derivatives(tmp_path):
    """``diff(Max(0, x))`` is Heaviside(x), 1/2 at 0; the one-sided derivatives are 0 and 1."""
    expr = mc.parse_expression("relu(x)")
    found = snippets.continuity_snippet(expr, sp.Integer(0))
    assert "heaviside" in found.pitfalls
    lines = run(found, tmp_path)
    assert printed(lines, "diff(f, x) at a") == "1/2"
    assert (printed(lines, "left derivative"), printed(lines, "right derivative")) == ("0", "1")


def test_sin_one_over_x_shows_accumbounds_is_no_limit(tmp_path):
    expr, point = mc.parse_expression("sin(1/x)"), sp.Integer(0)
    found = snippets.continuity_snippet(expr, point, mc.classify_continuity(expr, X, point))
    assert "accum_bounds" in found.pitfalls
    lines = run(found, tmp_path)
    assert printed(lines, "left limit") == "AccumBounds(-1, 1)"
    assert printed(lines, "limit") == "does not exist (f oscillates)"


def test_a_piecewise_sides_are_taken_with_a_positive_step(tmp_path):
    """SymPy's ``limit({x < 0: -1, 1}, x, 0, '-')`` is 1 (the branch that holds at 0); the
    script shows it, then the left limit −1 with x = 0 − t, t > 0 (hand-derived)."""
    expr, point = mc.parse_expression("{x < 0: -1, 1}"), sp.Integer(0)
    found = snippets.continuity_snippet(expr, point, mc.classify_continuity(expr, X, point))
    assert {"branch_at_point", "limit_right"} <= set(found.pitfalls)
    lines = run(found, tmp_path)
    assert printed(lines, "SymPy's limit(f, x, a, '-')") == "1"
    assert (printed(lines, "left limit"), printed(lines, "right limit")) == ("-1", "1")
    assert printed(lines, "limit") == "does not exist (the sides differ)"


# -- /derivatives ----------------------------------------------------------------------------

DERIVATIVE_CASES = [  # the page's opening example, and README's / the screenshots' traps
    ("x^2", "1"),
    ("relu(x)", "0"),
    ("|x|", "0"),
    ("x^(1/3)", "0"),
    ("{x != 0: x^2 sin(1/x), 0}", "0"),
    ("sin x", "pi/4"),
    ("-x + relu(4 - 2x)", "2"),  # SymPy's limit of the quotient in h takes the branch at h = 0
]


@pytest.mark.parametrize(("f", "a"), DERIVATIVE_CASES)
def test_derivatives_snippet_prints_what_the_page_shows(f, a, tmp_path):
    expr, point = mc.parse_expression(f), mc.parse_point(a)
    analysis = mc.derivatives_analysis(expr, X, point)
    lines = run(snippets.derivatives_snippet(expr, point, analysis.hs), tmp_path)
    if analysis.tangent is not None:
        slope = analysis.tangent.slope
        assert close(printed(lines, "left derivative"), slope)
        assert close(printed(lines, "right derivative"), slope)
        if not expr.has(sp.Abs, sp.Max, sp.Min, sp.sign, sp.Piecewise):
            assert close(printed(lines, "f'(a)"), slope)
    else:
        d = analysis.differentiability
        assert close(printed(lines, "left derivative"), d.left_derivative)
        assert close(printed(lines, "right derivative"), d.right_derivative)
    slopes = {float(k.removeprefix("slope h=")): v for k, v in lines if k.startswith("slope h=")}
    assert set(slopes) == set(analysis.slopes)
    for h, q in analysis.slopes.items():
        assert undefined(slopes[h]) if math.isnan(q) else close(slopes[h], q), (h, slopes[h], q)


# -- /extrema --------------------------------------------------------------------------------

EXTREMA_CASES = [(f, None, True) for f, _ in presets("extrema")] + [
    ("x^3 - 3x", (-1.5, 10.0), True),  # README's link: the absolute maximum at an endpoint
    ("x^3 - 3x", (-1.5, 10.0), False),  # open: no absolute maximum
    ("sin x", None, True),
]


@pytest.mark.parametrize(("f", "interval", "closed"), EXTREMA_CASES)
def test_extrema_snippet_prints_what_the_page_shows(f, interval, closed, tmp_path):
    expr = mc.parse_expression(f)
    analysis = mc.extrema_analysis(expr, X, interval, closed=closed)
    found = snippets.extrema_snippet(expr, interval, closed, analysis.search.window)
    lines = run(found, tmp_path)
    rows = [
        dict(part.split(": ", 1) for part in f"x: {v}".split(" | "))
        for k, v in lines
        if k == "critical point"
    ]
    points = analysis.search.points
    assert len(rows) == len(points), (rows, points)
    for row, point in zip(rows, points, strict=True):
        assert abs(float(number(row["x"])) - float(point.x)) < 1e-9
        assert close(row["f"], point.y)
        assert (row["kind"], row["test"]) == (point.kind, point.test)
    if interval is not None:
        best = analysis.absolute
        for key, value in (("max", best.maximum), ("min", best.minimum)):
            shown = printed(lines, f"absolute {key}").split(" at ")[0]
            assert shown == "none" if value is None else close(shown, value)


def test_sin_x_has_every_critical_point_in_the_window(tmp_path):
    """solveset on [−10, 10] lists all six: ±π/2, ±3π/2, ±5π/2 (solve would give two)."""
    found = snippets.extrema_snippet(mc.parse_expression("sin x"))
    assert "solve_periodic" in found.pitfalls
    lines = run(found, tmp_path)
    xs = [number(v.split(" | ")[0]) for k, v in lines if k == "critical point"]
    assert xs == [k * sp.pi / 2 for k in (-5, -3, -1, 1, 3, 5)]


# -- /gradient-descent and /backprop -----------------------------------------------------------


@pytest.mark.parametrize("lr", [0.05, 0.3])  # the page's default η for x = 2; README's link's
def test_descent_snippet_prints_what_the_page_shows(lr, tmp_path):
    x, y, w0, steps = 2.0, 4.0, 0.0, 30  # the page's default seed
    analysis = mc.descent_analysis(x, y, w0, steps, learning_rates=mc.learning_rate_grid(x, lr))
    run_ = analysis.trajectories[analysis.index(lr)]
    lines = run(snippets.descent_snippet(x, y, w0, steps, lr), tmp_path)
    assert close(printed(lines, "stable if lr <"), analysis.stable_lr)
    assert int(printed(lines, "steps taken")) == len(run_.points) - 1
    assert close(printed(lines, "final w"), run_.points[-1, 0])
    assert close(printed(lines, "final loss"), run_.losses[-1])


@pytest.mark.parametrize("momentum", [0.0, 0.5])
def test_backprop_snippet_prints_what_the_page_shows(momentum, tmp_path):
    xs, ys, steps, start = (0, 1, 2, 3), (1, 3, 5, 7), 100, (-2.0, 4.0)  # the page's defaults
    surface = mc.surface_analysis(xs, ys)
    lr = float(f"{min(0.2, 0.9 * surface.stable_lr):.3g}")  # the η the chart opens on
    rates = backprop.surface_rates(surface, momentum, lr)
    sweep = backprop.surface_sweep(surface, rates, momentum, steps, start)
    path = sweep.paths[sweep.index(lr)]
    found = snippets.backprop_snippet(surface.xs, surface.ys, lr, momentum, steps, start)
    lines = run(found, tmp_path)
    assert sp.expand(number(printed(lines, "dL/dw")) - surface.partial_w) == 0
    assert sp.expand(number(printed(lines, "dL/db")) - surface.partial_b) == 0
    assert close(printed(lines, "lambda_max"), surface.curvature)
    assert close(printed(lines, "stable if lr <"), sweep.momentum_lr)
    assert close(printed(lines, "final w"), path.points[-1, 0])
    assert close(printed(lines, "final b"), path.points[-1, 1])
    assert close(printed(lines, "final loss"), path.losses[-1])


@pytest.mark.parametrize("inputs", [(1.5, 1.0, 0.5, 0.0), (-2.0, 0.3, 1.2, -0.7)])
def test_neuron_snippet_prints_what_the_page_shows(inputs, tmp_path):
    found = backprop.neuron_analysis(*inputs)  # the page's default seed, and another
    lines = run(snippets.neuron_snippet(*inputs), tmp_path)
    assert close(printed(lines, "L"), found.loss)
    assert close(printed(lines, "dL/dw"), found.gradient_w)
    assert close(printed(lines, "dL/db"), found.gradient_b)
    assert close(printed(lines, "finite difference dL/dw"), found.finite_w)


# -- /practice -------------------------------------------------------------------------------

DRILLS = [(kind, seed, level) for kind in drills.KINDS for seed, level in ((1, 1), (2, 3))]


def typed(answer) -> str:
    """An answer as a student would type it into the script."""
    if answer is None:
        return "None"
    if isinstance(answer, tuple):  # ReLU: (left slope, right slope, f′(a) undefined)
        return f"({snippets.code(answer[0])}, {snippets.code(answer[1])})"
    return snippets.code(sp.sympify(answer))


@pytest.mark.parametrize(("kind", "seed", "level"), DRILLS)
def test_practice_snippet_checks_an_answer(kind, seed, level, tmp_path):
    """The script, with the drill's answer typed in, says it is correct; with a wrong one, not;
    and it prints the answer the page expects."""
    d = drills.drill(seed, level, kind)
    found = snippets.practice_snippet(d.kind, d.expr, d.point, d.side, d.params, d.topic)
    if isinstance(d.answer, tuple):
        wrong = (d.answer[0] + 1, d.answer[1], None)
    else:
        wrong = 0 if d.answer is None or d.answer.is_infinite else d.answer + 1
    for answer, correct in ((d.answer, "True"), (wrong, "False")):
        script = re.sub(r"(?m)^your_answer = .*$", f"your_answer = {typed(answer)}", found.code)
        lines = run(snippets.Snippet(script, found.pitfalls), tmp_path)
        assert printed(lines, "correct") == correct, (answer, lines)
    shown = {
        "derivative": "f'(x)", "rules": "f'(x)", "limit": "limit", "one_sided": "limit",
        "second_test": f"local {d.topic[6:]} at", "gradient": "dL/dw", "descent_step": "next w",
        "relu": "right derivative", "critical": "critical points",
    }[kind]  # fmt: skip
    value = printed(lines, shown)
    if kind == "relu":
        assert close(value, d.answer[1])
    elif kind in ("critical", "second_test"):
        assert number(value) == [d.answer]
    elif d.answer is None:
        assert value == "does not exist"
    else:
        assert number(value) == d.answer or sp.simplify(number(value) - d.answer) == 0


# -- the expression is SymPy's, never the student's text ------------------------------------

SYMPY_NAMES = {name for name in dir(sp) if not name.startswith("_")}
HOSTILE = ["__import__('os')", "x.__class__", "exec", "'", '"', "#", ";", "\n", "lambda", "[", "]"]


LEAVES = st.sampled_from(["x", "2", "3", "1.5", "0.25", "pi", "e", "10", "-1"])
UNARY = ["sin", "cos", "tan", "ln", "sqrt", "relu", "floor", "cbrt", "sigmoid", "tanh", "exp"]
COURSE = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds("{}({})".format, st.sampled_from(UNARY), inner),
        st.builds("|{}|".format, inner),
        st.builds("({}){}({})".format, inner, st.sampled_from("+-*/^"), inner),
        st.builds("({})^({})".format, inner, st.sampled_from(["1/3", "2/3", "-1/5", "0.5"])),
        st.builds("{}({}, {})".format, st.sampled_from(["max", "min"]), inner, inner),
        st.builds("{{x < {}: {}, {}}}".format, LEAVES, inner, inner),
        st.builds("{{x != 0: {}, {}}}".format, inner, inner),
    ),
    max_leaves=8,
)
TYPED = st.one_of(  # course functions, and any mix of course pieces and hostile text
    COURSE,
    st.builds("{}{}{}".format, COURSE, st.sampled_from(HOSTILE), COURSE),
    st.lists(st.sampled_from(PIECES + HOSTILE), max_size=12).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TYPED)
def test_printed_expression_is_sympys_and_rebuilds_the_parsed_one(text):
    """Whatever was typed, if it parses, the code holds only SymPy's names, ``x``, numbers and
    operators (no string, attribute or subscript), and evaluates back to the same expression."""
    try:
        expr = mc.parse_expression(text)
    except mc.InputError:
        return
    printed_ = snippets.code(expr)
    tree = ast.parse(printed_, mode="eval")
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert names <= SYMPY_NAMES | {"x"}, printed_
    allowed = (
        ast.Expression, ast.Name, ast.Load, ast.Constant, ast.Call, ast.BinOp, ast.UnaryOp,
        ast.Compare, ast.Tuple, ast.operator, ast.unaryop, ast.cmpop,
    )  # fmt: skip
    assert all(isinstance(node, allowed) for node in ast.walk(tree)), printed_
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert all(type(c) is int or c is True for c in constants)  # Piecewise's last condition
    namespace = {name: getattr(sp, name) for name in names - {"x"}} | {"x": X}
    rebuilt = eval(compile(tree, "<snippet>", "eval"), {"__builtins__": {}}, namespace)
    assert sp.srepr(sp.sympify(rebuilt)) == sp.srepr(expr)


def test_code_refuses_names_outside_the_parsers_set():
    with pytest.raises(ValueError):
        snippets.code(sp.Symbol("__import__('os')"))
    with pytest.raises(ValueError):
        snippets.code(sp.Function("system")(X))


# -- the "Python" expander on the pages --------------------------------------------------------

PAGES = [  # (page, query, a line of its code, a pitfall's comment in en / ko)
    ("continuity", {"f": "relu(x)", "a": "0"}, "f = Max(0, x)", ("convention", "약속")),
    ("derivatives", {"f": "x^(1/3)", "a": "0"}, "f = real_root(x, 3)", ("complex", "복소수")),
    ("extrema", {"f": "sin x"}, "found = solveset(d1", ("periodic", "주기")),
    ("backprop", {}, "xs = [0, 1, 2, 3]", None),
    ("limits", {"f": "1/(x+1)", "a": "-1"}, "f = 1/(x + 1)", ("right-hand", "우극한")),
    ("gradient-descent", {}, "L = (w * x_data - y_data)**2", None),
    ("gradient-descent", {"loss": "w^4 - 3w^2 + w"}, "L = w**4 - 3*w**2 + w", None),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("page", "query", "line", "comment"), PAGES)
def test_page_shows_the_code_in_its_language(page, query, line, comment, lang):
    at = open_page(page, lang=lang, **query)
    assert not at.exception
    (expander, *more) = [e for e in at.expander if e.label == "Python"]
    assert len(more) == (1 if page == "backprop" else 0)  # and the neuron's
    (shown,) = expander.get("code")
    assert shown.language == "python"
    assert shown.value.startswith(("from sympy import *\n", "import numpy as np\n"))
    assert line in shown.value
    if comment is not None:
        words = comment[lang == "ko"]
        assert any(words in row for row in shown.value.splitlines() if row.lstrip()[:1] == "#")
        notes = " ".join(m.value for m in expander.caption)
        assert words in notes


@pytest.mark.parametrize(
    ("loss", "w0"), [("w^4 - 3w^2 + w", 2.0), ("w^4 - 3w^2 + w", -2.0), ("w^2", 1.5)]
)
def test_own_loss_snippet_prints_what_the_page_shows(loss, w0, tmp_path):
    """A typed loss: L′, its critical points (by hand for w²: 0; for w⁴ − 3w² + w the roots of
    4w³ − 6w + 1, here the engine's), and the run for the η the chart opens on and a larger one."""
    from mathcore.descent import loss_descent_analysis

    expr = mc.parse_expression(loss, ("w",))
    (w,) = expr.free_symbols
    analysis = loss_descent_analysis(expr, w, w0, 30)
    for lr in (analysis.learning_rates[len(analysis.learning_rates) // 2], analysis.scale):
        i = analysis.index(lr)
        path = analysis.trajectories[i]
        lines = run(snippets.loss_snippet(expr, w0, 30, lr, analysis.range), tmp_path)
        assert sp.expand(number(printed(lines, "dL/dw")) - analysis.derivative) == 0
        critical = ast.literal_eval(printed(lines, "critical points"))
        pairs = zip(critical, analysis.points, strict=True)
        assert all(math.isclose(c, p.w, rel_tol=1e-9) for c, p in pairs)
        assert int(printed(lines, "steps taken")) == len(path.points) - 1
        assert close(printed(lines, "final w"), path.points[-1, 0])
