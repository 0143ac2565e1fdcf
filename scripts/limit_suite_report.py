"""Run ``limit_at`` on every case of SymPy's own limit tests and print where it disagrees.

    .venv/bin/python -m scripts.limit_suite_report            # all cases, summary + table
    .venv/bin/python -m scripts.limit_suite_report -k gruntz  # cases whose origin/expr match
    .venv/bin/python -m scripts.limit_suite_report --extract  # rewrite tests/sympy_limit_cases.py

The cases live in :mod:`tests.sympy_limit_cases`; how one case is judged (agree, disagree,
undefined-not-real, …) is :func:`tests.test_sympy_limit_suite.judge`, so this report and the
pytest suite cannot drift apart.

``--extract`` walks the ASTs of SymPy's ``sympy/series/tests/test_limits.py`` and
``test_gruntz.py`` (statements of each test function in order, so local symbols and helper
expressions are known) and keeps ``assert limit(E, x, P[, dir]) == V`` / ``gruntz(...)`` /
``Limit(...).doit()`` with one free symbol, a real point, a real (or ±oo) expected answer and a
symbol whose assumptions are sound for the side approached (see :func:`_assumptions_ok`).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "sympy_limit_cases.py"
SYMPY_TESTS = Path(sp.__file__).parent / "series" / "tests"
SOURCES = ("test_limits.py", "test_gruntz.py")
X = sp.Symbol("x", real=True)
CALLS = {"limit", "gruntz"}
# assumptions that only say "x is real", or on which side of 0 it is
SIGN_ASSUMPTIONS = {
    "real",
    "extended_real",
    "complex",
    "commutative",
    "finite",
    "positive",
    "negative",
    "nonnegative",
    "nonpositive",
    "nonzero",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="regenerate the case data")
    parser.add_argument("-k", default="", help="only cases whose origin or text contains this")
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.extract:
        extract()
        return
    report(args.k, args.timeout, args.jobs)


def report(pattern: str, timeout_s: float, jobs: int) -> None:
    from tests.sympy_limit_cases import CASES
    from tests.test_sympy_limit_suite import parse, run_cases

    rows = [row for row in CASES if not pattern or any(pattern in field for field in row)]
    start = time.monotonic()
    outcomes = run_cases(rows, timeout_s=timeout_s, jobs=jobs, progress=_progress)
    total = time.monotonic() - start
    print(file=sys.stderr)
    counts = Counter(o.kind for o in outcomes.values())
    print(
        f"{len(rows)} cases, {total:.1f} s wall, {sum(o.seconds for o in outcomes.values()):.1f} s"
    )
    for kind in (
        "agree",
        "undefined-not-real",
        "disagree",
        "uncertain",
        "crash",
        "timeout",
        "other",
    ):
        print(f"  {kind:<20} {counts.get(kind, 0):>4}")
    print()
    print("origin | expr | point | dir | expected | got | seconds")
    for row in rows:
        o = outcomes[row]
        if o.kind in ("agree", "undefined-not-real"):
            continue
        expr, point, direction, expected, origin = row
        expr = _shorten(str(parse(expr)))  # srepr rows back to readable text
        print(
            f"{origin} | {expr} | {point} | {direction} | {expected} | "
            f"{o.kind}: {o.detail} | {o.seconds:.2f}"
        )
    print()
    print("slowest agreeing cases:")
    agreeing = sorted((o.seconds, row[4]) for row, o in outcomes.items() if o.kind == "agree")
    for seconds, origin in agreeing[-10:][::-1]:
        print(f"  {origin}: {seconds:.2f} s")


def _shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


# --- extraction ---------------------------------------------------------------------------------


def extract() -> None:
    """Rewrite :data:`DATA` from SymPy's tests; print how many asserts were skipped, and why."""
    rows: list[tuple[str, str, str, str, str]] = []
    seen: set[tuple[str, str, str, str]] = set()
    skipped: Counter[str] = Counter()
    xfail: list[str] = []
    for name in SOURCES:
        path = SYMPY_TESTS / name
        module = importlib.import_module(f"sympy.series.tests.{path.stem}")
        tree = ast.parse(path.read_text())
        for function in tree.body:
            if isinstance(function, ast.FunctionDef):
                marks = {_name(d) for d in function.decorator_list}
                found = _walk(function.body, dict(vars(module)), name, "", skipped)
                for case, origin in found:
                    if case in seen:
                        skipped["duplicate"] += 1
                        continue
                    seen.add(case)
                    rows.append((*case, origin))
                    if "XFAIL" in marks:
                        xfail.append(origin)
    DATA.write_text(_render(rows, xfail))
    print(f"{len(rows)} cases written to {DATA.relative_to(ROOT)}")
    for reason, count in skipped.most_common():
        print(f"  skipped {count:>4}: {reason}")


def _walk(statements, namespace, name, suffix, skipped):
    """The cases in a test function's statements, run in order: assignments are executed, a
    ``for`` loop over a table of cases is unrolled (origin ``file:line[i]``), a ``try`` body is
    entered; other statements are skipped."""
    for stmt in statements:
        if isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign):
            with contextlib.suppress(Exception), _alarm()(10):
                code = compile(ast.Module([stmt], []), name, "exec")
                exec(code, namespace)  # trusted: SymPy's own test file
        elif isinstance(stmt, ast.Assert):
            case, reason = _case(stmt.test, namespace)
            if case is None:
                skipped[reason] += 1
            else:
                yield case, f"{name}:{stmt.lineno}{suffix}"
        elif isinstance(stmt, ast.Try):
            yield from _walk(stmt.body, namespace, name, suffix, skipped)
        elif isinstance(stmt, ast.For) and _has_call(stmt):
            try:
                items = list(_eval(stmt.iter, namespace))
            except Exception:
                skipped["loop over something unknown"] += 1
                continue
            for i, item in enumerate(items):
                target = ast.Assign([stmt.target], ast.Constant(None), lineno=0)
                namespace["__item__"] = item
                target.value = ast.Name("__item__", ast.Load())
                exec(
                    compile(ast.fix_missing_locations(ast.Module([target], [])), name, "exec"),
                    namespace,
                )
                yield from _walk(stmt.body, namespace, name, f"{suffix}[{i}]", skipped)
        else:
            skipped["other statement with a limit" if _has_call(stmt) else "other"] += 1


def _has_call(stmt: ast.stmt) -> bool:
    return any(isinstance(node, ast.Call) and _name(node.func) in CALLS for node in ast.walk(stmt))


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else None


FOLLOW_UPS = ("doit", "evalf", "simplify", "cancel")


def _limit_arguments(node: ast.expr) -> tuple[list[ast.expr], list[ast.keyword]] | None:
    """The argument nodes ``(expr, var, point[, dir])`` of ``limit(...)``, ``gruntz(...)``,
    ``Limit(...).doit()`` or ``expr.limit(var, point[, dir])``, with a trailing ``.evalf()``,
    ``.simplify()`` … allowed; ``None`` for anything else."""
    while _method(node) in FOLLOW_UPS and not node.args and not node.keywords:
        node = node.func.value
        if isinstance(node, ast.Call) and _name(node.func) == "Limit":
            return node.args, node.keywords
    if not isinstance(node, ast.Call):
        return None
    if _name(node.func) in CALLS:
        return node.args, node.keywords
    if _method(node) == "limit":
        return [node.func.value, *node.args], node.keywords
    return None


def _method(node: ast.expr) -> str | None:
    """``name`` for a call ``something.name(...)``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _case(test: ast.expr, namespace: dict) -> tuple[tuple[str, str, str, str] | None, str]:
    """``(expr, point, dir, expected)`` as text, or ``(None, why it is skipped)``."""
    if not (
        isinstance(test, ast.Compare) and all(isinstance(op, ast.Eq | ast.Is) for op in test.ops)
    ):
        return None, "not `limit(...) == value`"
    expected_node = test.comparators[-1]  # `limit(...) == oo**0.5 is oo`: the last one
    arg_nodes = _limit_arguments(test.left)
    if arg_nodes is None:
        return None, "not `limit(...) == value`"
    if any(
        isinstance(node, ast.Call) and (_name(node.func) in (*CALLS, "Limit") or _method(node))
        for comparator in test.comparators
        for node in ast.walk(comparator)
    ):
        return None, "expected value is itself a limit"
    args, keywords = arg_nodes
    if len(args) not in (3, 4) or any(kw.arg != "dir" for kw in keywords):
        return None, "unusual call"
    try:
        with _alarm()(10):
            expr, var, point = (_eval(node, namespace) for node in args[:3])
            dir_node = args[3] if len(args) == 4 else None
            dir_node = next((kw.value for kw in keywords), dir_node)
            direction = _eval(dir_node, namespace) if dir_node is not None else "+"
            expected = sp.sympify(_eval(expected_node, namespace))
    except Exception:
        return None, "cannot evaluate the arguments"
    expr, point = sp.sympify(expr), sp.sympify(point)
    if not isinstance(var, sp.Symbol) or isinstance(var, sp.Dummy):
        return None, "variable is not a Symbol"
    if expr.free_symbols != {var}:
        return None, "other free symbols"
    if expr.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        return None, "expression contains oo or nan (not a real function)"
    if point.free_symbols or not ((point.is_infinite and point.is_extended_real) or point.is_real):
        return None, "point not real"
    if point is sp.oo:
        direction = "-"
    elif point is -sp.oo:
        direction = "+"
    if direction not in ("+", "-", "+-"):
        return None, "unusual dir"
    if not (
        expected in (sp.oo, -sp.oo)
        or (
            not expected.free_symbols
            and not expected.has(sp.oo, -sp.oo, sp.zoo, sp.nan)
            and not isinstance(expected, sp.AccumBounds)
            and expected.is_comparable  # a real number SymPy can evaluate
        )
    ):
        return None, "expected value not real (or nan, AccumBounds, symbolic)"
    if not _assumptions_ok(var, point, direction):
        return None, "assumptions on the variable"
    real_expr = expr.xreplace({var: X})
    texts = (_text(real_expr), _text(point), direction, _text(expected))
    if None in texts:
        return None, "does not print and parse back"
    return texts, ""


def _eval(node: ast.expr, namespace: dict):
    return eval(compile(ast.Expression(node), "<sympy test>", "eval"), namespace)  # trusted


def _assumptions_ok(var: sp.Symbol, point: sp.Expr, direction: str) -> bool:
    """Only real/sign assumptions, and only when every x near ``point`` on the approached side
    satisfies them (positive x → 0 from the right is the same limit with real x)."""
    given = getattr(var, "_assumptions_orig", var.assumptions0)
    if not set(given) <= SIGN_ASSUMPTIONS or not all(given.values()):
        return False
    sides = []
    if direction in ("+", "+-") or point is -sp.oo:
        sides.append(("right", point))
    if direction in ("-", "+-") or point is sp.oo:
        sides.append(("left", point))
    for key in given:
        for side, a in sides:
            if not _side_satisfies(key, side, a):
                return False
    return True


def _side_satisfies(key: str, side: str, a: sp.Expr) -> bool:
    """Do all x in (a, a + δ) (``right``) or (a − δ, a) (``left``), δ small, have ``key``?"""
    if key in ("real", "extended_real", "complex", "commutative", "finite"):
        return True
    if key == "nonzero":
        return True  # a punctured one-sided neighbourhood misses 0
    if key in ("positive", "nonnegative"):
        return bool(a >= 0) if side == "right" else bool(a > 0)
    if key in ("negative", "nonpositive"):
        return bool(a < 0) if side == "right" else bool(a <= 0)
    return False


def _text(value: sp.Expr) -> str | None:
    """Source text that SymPy's parser turns back into exactly ``value``."""
    for text in (str(value), sp.srepr(value)):
        try:
            if sp.parse_expr(text, local_dict={"x": X}) == value:
                return text
        except Exception:
            continue
    return None


def _alarm():
    """The test module's SIGALRM guard (imported late: ``--extract`` writes the data it reads)."""
    from tests.test_sympy_limit_suite import _alarm as alarm

    return alarm


HEADER = '''# ruff: noqa: E501
"""SymPy's own real limit tests as data: the regression suite for ``limit_at``.

Generated by ``.venv/bin/python -m scripts.limit_suite_report --extract`` from SymPy 1.14.0:

    sympy/series/tests/test_limits.py
    sympy/series/tests/test_gruntz.py

Each row is ``(expr, point, dir, expected, origin)``: source text for SymPy's parser with the
variable as ``x`` (real), ``dir`` "+" (from the right, ``side="right"``), "-" (from the left) or
"+-" (both sides), ``origin`` the file and line of the ``assert`` (``line[i]``: the i-th row of a
table that the test loops over). At ``oo`` dir is "-", at ``-oo`` "+". Kept: one free symbol,
a real point, a real or ±oo expected answer, and a variable whose assumptions (if any) hold on
the side approached (a positive symbol at 0 from the right).
Skipped: AccumBounds, nan, complex and unevaluated expectations, symbolic parameters, integer
variables (sequences). ``SYMPY_XFAIL``: origins in tests SymPy marks ``@XFAIL``.

SymPy is licensed under the BSD licence:

Copyright (c) 2006-2023 SymPy Development Team

All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

  a. Redistributions of source code must retain the above copyright notice,
     this list of conditions and the following disclaimer.
  b. Redistributions in binary form must reproduce the above copyright
     notice, this list of conditions and the following disclaimer in the
     documentation and/or other materials provided with the distribution.
  c. Neither the name of SymPy nor the names of its contributors
     may be used to endorse or promote products derived from this software
     without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
ARE DISCLAIMED. IN NO EVENT SHALL THE REGENTS OR CONTRIBUTORS BE LIABLE FOR
ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
DAMAGE.
"""

# fmt: off
CASES: list[tuple[str, str, str, str, str]] = [
'''


def _render(rows, xfail) -> str:
    lines = [f"    {row!r}," for row in rows]
    marked = "".join(f'    "{origin}",\n' for origin in xfail)
    return (
        HEADER
        + "\n".join(lines)
        + "\n]\n# fmt: on\n\n"
        + "# cases from tests that SymPy itself marks @XFAIL (SymPy cannot do them yet)\n"
        + f"SYMPY_XFAIL = {{\n{marked}}}\n"
    )


if __name__ == "__main__":
    main()
