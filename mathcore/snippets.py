"""The code behind each page: a runnable SymPy/NumPy script for the function and settings shown.

Each public function takes the parsed expression (or the page's numbers) and the page's settings
and returns a :class:`Snippet`: a complete script (``from sympy import *``, the symbols, f, the
computation) that prints labelled values — ``left limit: -oo`` — matching what the page shows,
and the keys of the pitfalls that apply, where plain SymPy misleads:

- ``limit_right``: ``limit(f, x, a)`` is the right-hand limit (``dir="+"`` by default), so
  ``limit(1/(x + 1), x, -1)`` is ``oo``; the two-sided answer needs both sides;
- ``accum_bounds``: where f oscillates, ``limit`` answers an interval ``AccumBounds(-1, 1)``
  that encloses f's values, not a limit;
- ``heaviside``: ``diff(Max(0, x), x)`` is ``Heaviside(x)``, which SymPy evaluates to 1/2 at 0
  although ReLU has no derivative there (``sign`` for ``Abs``: 0 at the kink); the one-sided
  limits of the difference quotient decide;
- ``real_root``: ``x**Rational(1, 3)`` is the principal (complex) root, ``(-8)**(1/3)`` is
  ``1 + sqrt(3)*I``; the course's ∛x is ``real_root(x, 3)``;
- ``even_root``: SymPy's ``sqrt`` and ``log`` of a negative number are imaginary, so a limit
  from a side where the course's f is undefined may still get an answer;
- ``solve_periodic``: ``solve`` lists only some roots of a periodic f′; ``solveset`` on an
  interval lists every one there (or a ``ConditionSet``: then numerically);
- ``undefined_value``: ``f.subs(x, a)`` gives ``nan`` or ``zoo`` where f(a) does not exist;
- ``branch_at_point``: for Max, Abs, sign or a piecewise f, ``limit(f, x, a, '-')`` may take
  the branch that holds at a, whatever the side (``limit(Piecewise((-1, x < 0), (1, True)), x,
  0, '-')`` is 1); the scripts write each side as x = a − t or a + t with t > 0, t → 0⁺.

The words live in the UI catalogs (``[code]``); a line ``# [key]`` in the code is where a short
comment for that key goes (:meth:`Snippet.text`). The expression is printed by SymPy's own
printer (:class:`SympyCode`, a :class:`~sympy.printing.str.StrPrinter` that keeps rationals
exact); its free symbols must be among the names the parser allows, so no user text reaches the
code. The printed code re-evaluates to the same expression (tested by ``srepr``).

>>> x = sp.Symbol("x", real=True)
>>> code(sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3) + x / 3 + sp.Rational(1, 2))
'x/3 + real_root(x, 3) + Rational(1, 2)'
>>> from mathcore.limits import limit_at
>>> at = sp.Integer(-1)
>>> limits_snippet(1 / (x + 1), at, limit_at(1 / (x + 1), x, at), defined=False).pitfalls
('limit_right', 'undefined_value')
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from mathcore.backprop import NEURON_LOSS
from mathcore.derivatives import H_STEPS
from mathcore.optimization import DIVERGENCE_FACTOR  # a run stops past 10⁶ × its start loss

# Variables the parser may produce (``parse_expression(..., variables=...)`` on every page).
ALLOWED_SYMBOLS = frozenset({"x", "w", "b", "y"})
PITFALLS = (
    "limit_right",
    "accum_bounds",
    "heaviside",
    "real_root",
    "even_root",
    "solve_periodic",
    "undefined_value",
    "branch_at_point",
)
_KINKS = (sp.Abs, sp.Max, sp.Min, sp.sign, sp.Heaviside)
_PERIODIC = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)
_SLOT = re.compile(r"^(?P<indent>[ \t]*)# \[(?P<key>[a-z_]+)\]$", re.MULTILINE)


@dataclass(frozen=True)
class Snippet:
    """A runnable script and the pitfalls it shows (keys of the ``[code]`` catalog table).

    ``code`` is the script with a ``# [key]`` line where each pitfall's short comment goes;
    :meth:`text` puts the comments in (in the page's language)."""

    code: str
    pitfalls: tuple[str, ...]

    def text(self, comments: Mapping[str, str]) -> str:
        """The script with each ``# [key]`` line replaced by ``# <comments[key]>`` (one
        ``#`` line per line of the comment), or dropped when ``comments`` has no such key.

        >>> Snippet("a = 1\\n# [heaviside]\\nb = 2", ("heaviside",)).text({"heaviside": "H"})
        'a = 1\\n# H\\nb = 2'
        """

        def fill(match: re.Match) -> str:
            words = comments.get(match["key"])
            if not words:
                return "\0"
            return "\n".join(f"{match['indent']}# {line}" for line in words.splitlines())

        filled = _SLOT.sub(fill, self.code)
        return "\n".join(line for line in filled.split("\n") if line != "\0")


class _RealRoot(sp.Function):
    """``real_root(u, q)`` in printed code: SymPy evaluates it, for real u, to the parser's
    ``sign(u)*Abs(u)**(1/q)`` (printing only)."""

    nargs = 2


class SympyCode(StrPrinter):
    """SymPy's string printer with exact rationals (``Rational(1, 3)``, not ``1/3``, which
    Python would make a float) and ``real_root`` for the parser's odd roots: its output runs
    under ``from sympy import *`` and rebuilds the same expression."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"Rational({expr.p}, {expr.q})"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return str(expr.p)

    def _print_Float(self, expr: sp.Float) -> str:
        return sp.srepr(expr)  # Float('0.1000…', precision=53): digits, exactly this number

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        exp = expr.exp
        if exp.is_Rational and not exp.is_Integer and abs(exp) != sp.S.Half:
            base = self.parenthesize(expr.base, PRECEDENCE["Pow"], strict=True)
            return f"{base}**{self._print(exp)}"
        return super()._print_Pow(expr, rational)

    def _print__RealRoot(self, expr: _RealRoot) -> str:
        return f"real_root({self._print(expr.args[0])}, {self._print(expr.args[1])})"


def _with_real_roots(expr: sp.Basic) -> sp.Basic:
    """``sign(u)*Abs(u)**(1/q)`` (q odd) as ``real_root(u, q)`` for printing."""

    def rewrite(e: sp.Basic) -> sp.Basic:
        if not isinstance(e, sp.Mul):
            return e
        factors = list(e.args)
        for f in e.args:
            if (
                isinstance(f, sp.Pow)
                and isinstance(f.base, sp.Abs)
                and f.exp.is_Rational
                and f.exp.p == 1
                and f.exp.q % 2 == 1
                and f.exp.q > 1
                and sp.sign(f.base.args[0]) in factors
            ):
                factors.remove(f)
                factors.remove(sp.sign(f.base.args[0]))
                factors.append(_RealRoot(f.base.args[0], f.exp.q))
        return sp.Mul(*factors, evaluate=False) if len(factors) != len(e.args) else e

    return expr.replace(lambda e: isinstance(e, sp.Mul), rewrite)


def code(expr: sp.Basic) -> str:
    """``expr`` as Python source that rebuilds it under ``from sympy import *`` (its symbols
    defined): SymPy's printer only, so no text but SymPy's reaches the code.

    Raises
    ------
    ValueError
        When ``expr`` has a symbol the parser does not allow or a function SymPy does not
        define (an undefined ``Function('name')``): its name would reach the code.

    >>> x = sp.Symbol("x", real=True)
    >>> code(sp.Piecewise((x**2 * sp.sin(1 / x), sp.Ne(x, 0)), (0, True)))
    'Piecewise((x**2*sin(1/x), Ne(x, 0)), (0, True))'
    >>> code(sp.Integer(3)), code(sp.Abs(x) ** sp.Rational(2, 3))
    ('Integer(3)', 'Abs(x)**Rational(2, 3)')
    """
    names = {s.name for s in expr.free_symbols}
    if not names <= ALLOWED_SYMBOLS:
        raise ValueError(f"symbols outside the parser's set: {sorted(names - ALLOWED_SYMBOLS)}")
    if expr.atoms(sp.core.function.AppliedUndef) or expr.atoms(sp.Dummy):
        raise ValueError("only SymPy's own functions and named symbols can be printed as code")
    printed = SympyCode().doprint(_with_real_roots(expr))
    return f"Integer({printed})" if isinstance(expr, sp.Integer) else printed


def _number(value: float) -> str:
    """A finite float as code: an integer without a point, else Python's shortest repr."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("numbers in a snippet must be finite")
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _exact(value: float) -> str:
    """A float as an exact SymPy number in code: ``Rational('0.001')``, or an integer."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("numbers in a snippet must be finite")
    return str(int(value)) if value.is_integer() else f"Rational('{value!r}')"


def expression_pitfalls(expr: sp.Expr) -> tuple[str, ...]:
    """The pitfalls f itself brings, whatever the page: odd roots (``real_root``), √ or ln
    (``even_root``), kinks (``heaviside``).

    >>> x = sp.Symbol("x", real=True)
    >>> expression_pitfalls(sp.Max(0, x) + sp.sqrt(x))
    ('heaviside', 'even_root')
    """
    found = []
    if _kinked(expr):
        found.append("heaviside")
    powers = [p for p in expr.atoms(sp.Pow) if p.exp.is_Rational and not p.exp.is_Integer]
    if any(isinstance(p.base, sp.Abs) and p.exp.q % 2 == 1 for p in powers):
        found.append("real_root")
    if expr.has(sp.log) or any(p.exp.q % 2 == 0 and not isinstance(p.base, sp.Abs) for p in powers):
        found.append("even_root")
    return tuple(found)


def _script(blocks: Sequence[str]) -> str:
    """The blocks of a script, one blank line apart (never two)."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(blocks)).strip("\n") + "\n"


def _ordered(keys) -> tuple[str, ...]:
    return tuple(k for k in PITFALLS if k in set(keys))


_HEAD = "from sympy import *\n\nx = symbols('x', real=True)\nf = {f}\n"
_REAL_ROOT = """
# [real_root]
print("SymPy's (-8)**(1/3):", N(Integer(-8)**Rational(1, 3)))
print("real_root(-8, 3):", real_root(-8, 3))
"""
_SIDES = """
t = symbols('t', positive=True)  # x = a - t (left), x = a + t (right), t -> 0+
# [branch_at_point]
left = limit(f.subs(x, a - t), t, 0)
right = limit(f.subs(x, a + t), t, 0)
print("left limit:", left)
print("right limit:", right)
if isinstance(left, AccumBounds) or isinstance(right, AccumBounds):
    # [accum_bounds]
    print("limit: does not exist (f oscillates)")
elif left != right:
    print("limit: does not exist (the sides differ)")
else:
    print("limit:", left)
"""


def _head(expr: sp.Expr, point: sp.Expr | None = None) -> list[str]:
    lines = [_HEAD.format(f=code(expr)).rstrip("\n")]
    if point is not None:
        lines[0] += f"\na = {SympyCode().doprint(point)}"
    if "real_root" in expression_pitfalls(expr):
        lines.append(_REAL_ROOT)
    return lines


def limits_snippet(expr: sp.Expr, point: sp.Expr, result=None, defined: bool = True) -> Snippet:
    """The /limits page's script: both one-sided limits, the verdict, f(a), the approach table.

    Parameters
    ----------
    expr : f in x (from :func:`mathcore.parse_expression`).
    point : a, a number or ±``oo``.
    result : the page's :class:`mathcore.LimitResult`, or ``None``; it only chooses the notes:
        where the sides differ the script also shows ``limit(f, x, a)`` giving only the right
        side (``limit_right``), where f oscillates SymPy's ``AccumBounds`` (``accum_bounds``).
    defined : whether f(a) exists (else ``f.subs(x, a)``'s ``nan``/``zoo`` is explained).

    Returns
    -------
    Snippet : prints ``left limit:``, ``right limit:``, ``limit:`` (toward ±∞: ``limit:``
        only), ``f(a):`` and the rows ``f(a - h):``/``f(a + h):`` for h = 10⁻¹ … 10⁻⁶.

    >>> x = sp.Symbol("x", real=True)
    >>> print(limits_snippet(sp.exp(-x), sp.oo).code.splitlines()[-1])
    print("limit:", limit(f, x, a))
    """
    lines = _head(expr, point)
    pitfalls = [p for p in expression_pitfalls(expr) if p != "heaviside"]
    if point.is_infinite:
        lines.append('\nprint("limit:", limit(f, x, a))')
        return Snippet(_script(lines), _ordered(pitfalls))
    verdict = getattr(result, "verdict", None)
    if verdict == "sides_differ":
        pitfalls.append("limit_right")
        lines.append(_RIGHT_ONLY)
    pitfalls += _side_pitfalls(result) + ["undefined_value"] * (not defined)
    lines += [_SIDES, *_branches(expr, pitfalls), _VALUE]
    lines.append(
        "for k in range(1, 7):\n"
        "    h = Rational(1, 10**k)\n"
        '    print(f"f(a - {h}):", N(f.subs(x, a - h)), f"  f(a + {h}):", N(f.subs(x, a + h)))'
    )
    return Snippet(_script(lines), _ordered(pitfalls))


def _side_pitfalls(result) -> list[str]:
    """``accum_bounds`` where a side oscillates (a :class:`mathcore.LimitResult` or
    :class:`mathcore.ContinuityResult`; ``None``: no notes)."""
    kinds = (getattr(result, "left_kind", None), getattr(result, "right_kind", None))
    return ["accum_bounds"] * any(k in ("oscillates", "unbounded") for k in kinds)


_RIGHT_ONLY = '\n# [limit_right]\nprint("limit(f, x, a):", limit(f, x, a))'
_VALUE = """value = f.subs(x, a)
# [undefined_value]
print("f(a):", value)
"""


def continuity_snippet(expr: sp.Expr, point: sp.Expr, result=None) -> Snippet:
    """The /continuity page's script: f(a), both one-sided limits, the verdict and, where f is
    continuous at a, the one-sided derivatives (limits of the difference quotient).

    Returns
    -------
    Snippet : prints ``f(a):``, ``left limit:``, ``right limit:``, ``limit:``,
        ``continuous:`` and, where continuous, ``left derivative:``, ``right derivative:``
        (with kinks also ``diff(f, x) at a:``, SymPy's misleading value).

    >>> x = sp.Symbol("x", real=True)
    >>> continuity_snippet(sp.Max(0, x), sp.Integer(0)).pitfalls
    ('heaviside', 'branch_at_point')
    """
    lines = _head(expr, point)
    pitfalls = [*expression_pitfalls(expr), *_side_pitfalls(result)]
    pitfalls += ["undefined_value"] * (result is not None and not result.defined)
    sides = (getattr(result, "left", None), getattr(result, "right", None))
    lines.append(_VALUE)
    if None not in sides and sides[0] != sides[1]:
        pitfalls.append("limit_right")
        lines.append(_RIGHT_ONLY)
    lines += [_SIDES, *_branches(expr, pitfalls)]
    lines.append(
        "continuous = bool(value.is_finite) and left == right == value\n"
        'print("continuous:", continuous)\n'
        "if continuous:"
    )
    lines.append(_indent(_one_sided(_kinked(expr)), 4))
    return Snippet(_script(lines), _ordered(pitfalls))


def _branches(expr: sp.Expr, pitfalls: list[str]) -> list[str]:
    """Where f has branches (Max, Abs, a piecewise function …): the ``branch_at_point`` note,
    and for a piecewise f the line showing SymPy's own left limit, which may take the branch
    that holds at a (``limit(Piecewise((-1, x < 0), (1, True)), x, 0, '-')`` is 1)."""
    if not _kinked(expr):
        return []
    pitfalls.append("branch_at_point")
    return [_PIECEWISE_SIDE] if expr.has(sp.Piecewise) else []


def _kinked(expr: sp.Expr) -> bool:
    """Whether ``diff`` of f may give a value where f has no derivative (a kink, a switch)."""
    return expr.has(*_KINKS, sp.Piecewise)


def _one_sided(kinked: bool) -> str:
    """The one-sided derivatives at a as limits of the difference quotient; with SymPy's
    ``diff(f, x)`` at a first where f has kinks (its Heaviside/sign value misleads)."""
    misleading = '# [heaviside]\nprint("diff(f, x) at a:", diff(f, x).subs(x, a))\n'
    return misleading * kinked + _DERIVATIVES


_DERIVATIVES = """t = symbols('t', positive=True)  # a step to the left (a - t) or the right (a + t)
# [branch_at_point]
left_derivative = limit((f.subs(x, a) - f.subs(x, a - t)) / t, t, 0)
right_derivative = limit((f.subs(x, a + t) - f.subs(x, a)) / t, t, 0)
print("left derivative:", left_derivative)
print("right derivative:", right_derivative)
"""
_PIECEWISE_SIDE = """
# [branch_at_point]
print("SymPy's limit(f, x, a, '-'):", limit(f, x, a, '-'))
"""


def _indent(block: str, n: int) -> str:
    return "\n".join(" " * n + line if line else line for line in block.splitlines())


def derivatives_snippet(expr: sp.Expr, point: sp.Expr, hs: Sequence[float] = H_STEPS) -> Snippet:
    """The /derivatives page's script: f′ by ``diff``, f′(a), the one-sided derivatives and the
    difference quotients (f(a + h) − f(a))/h for the chart's h and −h.

    Returns
    -------
    Snippet : prints ``f'(x):``, ``f'(a):`` (``diff(f, x) at a:`` where f has kinks: SymPy's
        value, which may exist where f′(a) does not), ``left derivative:``,
        ``right derivative:`` and ``slope h=<h>:`` for every ±h.

    >>> x = sp.Symbol("x", real=True)
    >>> snippet = derivatives_snippet(x**2, sp.Integer(1), hs=(0.5,))
    >>> [line for line in snippet.code.splitlines() if line.startswith("for")]
    ["for step in [Rational('0.5'), -Rational('0.5')]:"]
    """
    lines = _head(expr, point)
    pitfalls = [*expression_pitfalls(expr)]
    lines.append('derivative = diff(f, x)\nprint("f\'(x):", derivative)')
    if not _kinked(expr):
        lines.append('print("f\'(a):", derivative.subs(x, a))')
    lines.append(_one_sided(_kinked(expr)))
    pitfalls += ["branch_at_point"] * _kinked(expr)
    steps = ", ".join([_exact(h) for h in hs] + [f"-{_exact(h)}" for h in hs])
    lines.append(
        "h = symbols('h', real=True)\n"
        "quotient = (f.subs(x, a + h) - f.subs(x, a)) / h  # the secant's slope\n"
        f"for step in [{steps}]:\n"
        '    print(f"slope h={float(step):g}:", N(quotient.subs(h, step), 15))'
    )
    return Snippet(_script(lines), _ordered(pitfalls))


def extrema_snippet(
    expr: sp.Expr,
    interval: tuple[float, float] | None = None,
    closed: bool = True,
    window: tuple[float, float] = (-10.0, 10.0),
) -> Snippet:
    """The /extrema page's script: f′, f″, the critical points (``solveset`` on the interval,
    numerically where it gives a ``ConditionSet``; kinks where an ``Abs``/``Max``/``Min``
    switches), the test that decides each, and on an interval the absolute extrema.

    Parameters
    ----------
    expr : f in x.
    interval : (lo, hi) when the page restricts f, else ``None`` (the search runs on
        ``window``, the part of the line the page searches and draws).
    closed : [lo, hi] (endpoints are candidates) or (lo, hi) (the ends' limits instead).

    Returns
    -------
    Snippet : prints ``f'(x):``, ``f''(x):``, then ``critical point: <x> | f: <y> | kind:
        <local_min|local_max|neither> | test: <second_derivative|first_derivative>`` per point;
        on an interval ``absolute max:``/``absolute min:`` (a value or ``none``).

    >>> x = sp.Symbol("x", real=True)
    >>> extrema_snippet(sp.Abs(x - 1)).pitfalls
    ('heaviside',)
    """
    lo, hi = interval if interval is not None else window
    lines = [
        _HEAD.format(f=code(expr)).replace("from sympy import *\n", _IMPORTS),
        f"lo, hi = {_exact(lo)}, {_exact(hi)}",
    ]
    pitfalls = [*expression_pitfalls(expr)]
    pitfalls.remove("even_root") if "even_root" in pitfalls else None
    if expr.has(*_PERIODIC):
        pitfalls.append("solve_periodic")
    lines.append(_EXTREMA)
    kinks = _kink_equations(expr)
    lines.append(
        "# [heaviside]\n" * bool(kinks)
        + "kinks = set()\n"
        + "".join(f"kinks |= set(solveset({code(g)}, x, Interval(lo, hi)))\n" for g in kinks)
        + _CLASSIFY
    )
    if interval is not None:
        lines.append(_CLOSED if closed else _OPEN)
        pitfalls += ["branch_at_point"] * (not closed and _kinked(expr))
    return Snippet(_script(lines), _ordered(pitfalls))


def _kink_equations(expr: sp.Expr) -> list[sp.Expr]:
    """g = 0 where an Abs, sign, Max or Min of f switches (two-argument Max/Min)."""
    found = []
    for e in sorted(expr.atoms(sp.Abs, sp.sign, sp.Heaviside), key=sp.default_sort_key):
        found.append(e.args[0])
    for e in sorted(expr.atoms(sp.Max, sp.Min), key=sp.default_sort_key):
        if len(e.args) == 2:
            found.append(e.args[0] - e.args[1])
    return list(dict.fromkeys(found))


_IMPORTS = "import numpy as np\nfrom sympy import *\n"
_EXTREMA = """d1 = diff(f, x)
d2 = diff(f, x, 2)
print("f'(x):", d1)
print("f''(x):", d2)

# [solve_periodic]
found = solveset(d1, x, Interval(lo, hi))
if isinstance(found, FiniteSet):
    points = set(found)
elif not isinstance(found, ConditionSet):  # f' = 0 on a whole stretch: f is flat there
    print("f' = 0 on:", found)
    points = set()
else:  # SymPy cannot solve f' = 0: where f' changes sign on a fine grid, then nsolve
    g = lambdify(x, d1, 'numpy')
    grid = np.linspace(float(lo), float(hi), 2001)
    with np.errstate(all='ignore'):
        ys = np.broadcast_to(np.asarray(g(grid), dtype=float), grid.shape)
    points = {Float(t) for t, y in zip(grid, ys) if y == 0}
    for i in np.flatnonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0):
        points.add(nsolve(d1, x, (grid[i], grid[i + 1]), solver='bisect'))
"""
_CLASSIFY = """candidates = sorted(points | kinks, key=float)
for i, c in enumerate(candidates):
    near = [abs(c - o) for o in candidates if o != c]
    gap = min([Rational(1, 2), *[d / 2 for d in near]])
    curvature = None if c in kinks else N(d2.subs(x, c))
    if curvature is not None and abs(curvature) > 1e-9:
        kind = 'local_min' if curvature > 0 else 'local_max'
        test = 'second_derivative'
    else:  # f'' = 0 or no f'(c): the sign of f' on each side
        left, right = N(d1.subs(x, c - gap)), N(d1.subs(x, c + gap))
        sides = (sign(left), sign(right))
        kind = {(-1, 1): 'local_min', (1, -1): 'local_max'}.get(sides, 'neither')
        test = 'first_derivative'
    print("critical point:", c, "| f:", N(f.subs(x, c)), "| kind:", kind, "| test:", test)
"""
_CLOSED = """
# the closed interval method: the critical points inside and both endpoints
values = {c: f.subs(x, c) for c in [lo, *candidates, hi]}
top, bottom = max(values.values()), min(values.values())
print("absolute max:", top, "at", [c for c, v in values.items() if v == top])
print("absolute min:", bottom, "at", [c for c, v in values.items() if v == bottom])
"""
_OPEN = """
# an open interval: the ends are not in it, so f only approaches its values there
values = {c: f.subs(x, c) for c in candidates}
t = symbols('t', positive=True)  # inside: lo + t and hi - t, t -> 0+
ends = [limit(f.subs(x, lo + t), t, 0), limit(f.subs(x, hi - t), t, 0)]
top, bottom = max(values.values(), default=-oo), min(values.values(), default=oo)
print("absolute max:", top if all(e < top for e in ends) else "none")
print("absolute min:", bottom if all(e > bottom for e in ends) else "none")
"""


def descent_snippet(x: float, y: float, w0: float, steps: int, lr: float) -> Snippet:
    """The /gradient-descent page's script: L(w) = (wx − y)², dL/dw, the η threshold 1/x² and
    the run w ← w − η·dL/dw from w₀ (stopped, as on the page, once L passes 10⁶ × its start).

    Returns
    -------
    Snippet : prints ``L(w):``, ``dL/dw:``, ``stable if lr <:`` (x ≠ 0), ``steps taken:``,
        ``final w:``, ``final loss:``.

    >>> "steps, lr = 30, 0.3" in descent_snippet(2.0, 4.0, 0.0, 30, 0.3).code
    True
    """
    numbers = ", ".join(_number(v) for v in (x, y, w0))
    stable = '\nprint("stable if lr <:", 1 / x_data**2)' if x else ""
    script = f"""import numpy as np
from sympy import *

w = symbols('w', real=True)
x_data, y_data, w0 = {numbers}
steps, lr = {int(steps)}, {_number(lr)}  # lr: the chart's η (move it there, or change it here)

L = (w * x_data - y_data)**2
dL = diff(L, w)
print("L(w):", expand(L))
print("dL/dw:", expand(dL)){stable}

loss, grad = lambdify(w, L), lambdify(w, dL)
w_t, taken = float(w0), 0
start = loss(w_t)
for _ in range(steps):
    w_t = w_t - lr * grad(w_t)
    taken += 1
    if not abs(loss(w_t)) <= {DIVERGENCE_FACTOR!r} * max(abs(start), 1e-12):
        break  # diverging: the page stops the run here too
print("steps taken:", taken)
print("final w:", w_t)
print("final loss:", loss(w_t))
"""
    return Snippet(script, ())


def loss_snippet(
    loss: sp.Expr, w0: float, steps: int, lr: float, search: tuple[float, float]
) -> Snippet:
    """/gradient-descent's script for a loss L(w) the student typed: L′, the critical points
    on the range searched (``solveset``, else numerically), and the run w ← w − η·L′(w) from
    w₀, stopped as the page stops it (:data:`mathcore.descent.BLOW_UP`, ``ESCAPE``).

    Returns
    -------
    Snippet : prints ``dL/dw:``, ``critical points:`` (floats, sorted), ``steps taken:``,
        ``final w:``, ``final loss:``, ``nearest critical point:``.

    >>> w = sp.Symbol("w", real=True)
    >>> "L = w**4 - 3*w**2 + w" in loss_snippet(w**4 - 3 * w**2 + w, 2.0, 30, 0.05, (-10, 10)).code
    True
    """
    from mathcore.descent import BLOW_UP, ESCAPE

    lo, hi = (_number(t) for t in search)
    pitfalls = list(expression_pitfalls(loss))
    if any(loss.has(f) for f in _PERIODIC):
        pitfalls.append("solve_periodic")
    script = f"""import numpy as np
from sympy import *

w = symbols('w', real=True)
L = {code(loss)}
dL = diff(L, w)
print("dL/dw:", dL)
# [solve_periodic]
found = solveset(dL, w, Interval({lo}, {hi}))  # the range the page searched
if isinstance(found, FiniteSet):
    critical = sorted(float(c) for c in found)
else:  # SymPy cannot list them: sign changes of L' on a fine grid, then nsolve
    grid = np.linspace({lo}, {hi}, 20001)
    slope = lambdify(w, dL)(grid)
    critical = [float(nsolve(dL, w, (a + b) / 2))
                for a, b, s, t in zip(grid, grid[1:], slope, slope[1:]) if s * t < 0]
print("critical points:", critical)

loss, grad = lambdify(w, L), lambdify(w, dL)
w0, steps, lr = {_number(w0)}, {int(steps)}, {_number(lr)}  # lr: the chart's η
w_t, taken, start = float(w0), 0, loss(float(w0))
for _ in range(steps):
    w_t = w_t - lr * grad(w_t)
    taken += 1
    if abs(w_t) > {ESCAPE!r} or not loss(w_t) - start <= {BLOW_UP!r} * max(abs(start), 1):
        break  # diverged or ran off: the page stops the run here too
print("steps taken:", taken)
print("final w:", w_t)
print("final loss:", loss(w_t))
if critical:
    print("nearest critical point:", min(critical, key=lambda c: abs(c - w_t)))
"""
    return Snippet(script, _ordered(pitfalls))


def backprop_snippet(
    xs: Sequence[float],
    ys: Sequence[float],
    lr: float,
    momentum: float,
    steps: int,
    start: tuple[float, float],
) -> Snippet:
    """/backprop's loss surface as a script: L(w, b) = mean of (w·xᵢ + b − yᵢ)², its partial
    derivatives, the Hessian and λ_max, the threshold 2/λ_max, and the heavy-ball descent
    v ← βv − η∇L, (w, b) ← (w, b) + v from the start.

    Returns
    -------
    Snippet : prints ``dL/dw:``, ``dL/db:``, ``lambda_max:``, ``stable if lr <:``,
        ``final w:``, ``final b:``, ``final loss:``.

    >>> found = backprop_snippet([0, 1], [1, 3], 0.1, 0.5, 10, (0, 0))
    >>> "lr, momentum, steps = 0.1, 0.5, 10" in found.code
    True
    """
    data = (", ".join(_number(v) for v in column) for column in (xs, ys))
    script = f"""import numpy as np
from sympy import *

w, b = symbols('w b', real=True)
xs = [{next(data)}]
ys = [{next(data)}]
lr, momentum, steps = {_number(lr)}, {_number(momentum)}, {int(steps)}
start = ({_number(start[0])}, {_number(start[1])})

L = sum((w * xi + b - yi)**2 for xi, yi in zip(xs, ys)) / len(xs)
grad = [diff(L, w), diff(L, b)]
print("L(w, b):", expand(L))
print("dL/dw:", expand(grad[0]))
print("dL/db:", expand(grad[1]))
H = hessian(L, (w, b))
lam = max(np.linalg.eigvalsh(np.array(H, dtype=float)))
print("Hessian:", H.tolist())
print("lambda_max:", lam)
print("stable if lr <:", 2 * (1 + momentum) / lam)

loss, gradient = lambdify((w, b), L), lambdify((w, b), grad)
p, v = np.array(start, dtype=float), np.zeros(2)
first = loss(*p)
for _ in range(steps):
    v = momentum * v - lr * np.array(gradient(*p), dtype=float)
    p = p + v
    if not abs(loss(*p)) <= {DIVERGENCE_FACTOR!r} * max(abs(first), 1e-12):
        break  # diverging: the page stops the run here too
print("final w:", p[0])
print("final b:", p[1])
print("final loss:", loss(*p))
"""
    return Snippet(script, ())


def neuron_snippet(x: float, y: float, w: float, b: float, loss: sp.Expr | None = None) -> Snippet:
    """/backprop's neuron as a script: L = (σ(w·x + b) − y)² (``loss``, by default
    :data:`mathcore.backprop.NEURON_LOSS`, printed by SymPy), its value and ∂L/∂w, ∂L/∂b at
    the inputs, and ∂L/∂w by a difference quotient.

    Returns
    -------
    Snippet : prints ``L:``, ``dL/dw:``, ``dL/db:``, ``finite difference dL/dw:``.

    >>> "L = (-y + 1/(exp(-b - w*x) + 1))**2" in neuron_snippet(1.5, 1, 0.5, 0).code
    True
    """
    loss = NEURON_LOSS if loss is None else loss
    numbers = ", ".join(_exact(v) for v in (x, y, w, b))
    script = f"""from sympy import *

x, y, w, b = symbols('x y w b', real=True)
L = {code(loss)}
at = dict(zip((x, y, w, b), ({numbers})))

print("L:", N(L.subs(at), 15))
print("dL/dw:", N(diff(L, w).subs(at), 15))
print("dL/db:", N(diff(L, b).subs(at), 15))
h = Rational(1, 10**6)
print("finite difference dL/dw:", N((L.subs(at | {{w: at[w] + h}}) - L.subs(at)) / h, 15))
"""
    return Snippet(script, ())


_SAME = """
def same(given, exact):
    \"\"\"Your answer equals the exact one (None: does not exist, or undefined).\"\"\"
    if given is None or exact is None:
        return given is exact
    return given == exact or simplify(S(given) - exact) == 0

"""
_CLOSE = """
def close(given, exact):
    \"\"\"Within 0.1 % of the exact number (relative to max(1, |exact|)), as the page counts.\"\"\"
    return abs(N(S(given) - exact)) <= max(1, abs(N(exact))) / 1000

"""


def practice_snippet(
    kind: str,
    expr: sp.Expr,
    point: sp.Expr | None = None,
    side: str = "both",
    params: Sequence[sp.Expr] = (),
    topic: str = "",
) -> Snippet:
    """How to check a drill's answer with SymPy: ``your_answer`` (typed into the script)
    against ``diff``, the limit (both sides, or the side asked), the critical points and the
    second derivative, or the gradient and one descent step of L(w) = (wx − y)².

    Parameters
    ----------
    kind : one of :data:`mathcore.drills.KINDS`; expr, point, side, params, topic : the
        :class:`mathcore.practice.Drill`'s fields of the same names.

    Returns
    -------
    Snippet : the script does not contain the answer; run, it prints ``correct:``
        (True/False) for ``your_answer``, then the answer (``f'(x):``, ``limit:``,
        ``critical points:``, ``local max at:``, ``dL/dw:``, ``next w:``; for ReLU
        ``left derivative:``/``right derivative:``).

    >>> x = sp.Symbol("x", real=True)
    >>> practice_snippet("limit", sp.sin(3 * x) / x, sp.Integer(0)).pitfalls
    ('limit_right',)
    """
    if kind in ("gradient", "descent_step"):
        return _descent_practice(kind, expr, params)
    finite = point is not None and point.is_finite
    lines = _head(expr, point if kind in ("limit", "one_sided", "relu") else None)
    pitfalls = [p for p in expression_pitfalls(expr) if kind == "relu" or p != "heaviside"]
    if kind in ("derivative", "rules"):
        guess, body = "3*x**2", 'answer = diff(f, x)\nprint("f\'(x):", answer)'
    elif kind in ("limit", "one_sided") and finite and side == "both":
        pitfalls += ["limit_right", *["branch_at_point"] * _kinked(expr)]
        guess, body = "Rational(1, 2)  (None: does not exist)", _PRACTICE_LIMIT
    elif kind in ("limit", "one_sided"):
        at = {"left": "a - t", "right": "a + t"}.get(side) if finite else None
        guess = "oo  (None: does not exist)"
        body = (
            f"t = symbols('t', positive=True)\nanswer = limit(f.subs(x, {at}), t, 0)"
            if at
            else "answer = limit(f, x, a)"
        ) + '\nprint("limit:", answer)'
    elif kind == "critical":
        guess = "Rational(3, 2)"
        body = (
            "answer = sorted(solveset(diff(f, x), x, Reals), key=float)\n"
            'print("critical points:", answer)\n'
            "answer = answer[0] if len(answer) == 1 else answer"
        )
    elif kind == "second_test":
        want = "local_max" if topic == "local_max" else "local_min"
        guess = "2"
        body = _PRACTICE_SECOND.format(want=want)
    elif kind == "relu":
        pitfalls += ["heaviside", "branch_at_point"]
        guess = "(0, 1)  (left slope, right slope)"
        body = _one_sided(True) + "answer = (left_derivative, right_derivative)"
    else:
        raise ValueError(f"no practice snippet for {kind!r}")
    relu = kind == "relu"  # two numbers: the one-sided derivatives
    verdict = "tuple(map(S, your_answer)) == answer" if relu else "same(your_answer, answer)"
    lines += [
        _SAME,
        f"your_answer = {'(S(0), S(0))' if relu else 'S(0)'}  # <- your answer, e.g. {guess}",
        body,
        f'print("correct:", {verdict})',
    ]
    return Snippet(_script(lines), _ordered(pitfalls))


_PRACTICE_LIMIT = """# [limit_right]
# [branch_at_point]
t = symbols('t', positive=True)  # x = a - t (left), x = a + t (right), t -> 0+
left, right = limit(f.subs(x, a - t), t, 0), limit(f.subs(x, a + t), t, 0)
answer = left if left == right and not isinstance(left, AccumBounds) else None
print("limit:", "does not exist" if answer is None else answer)"""
_PRACTICE_SECOND = """d2 = diff(f, x, 2)
points = sorted(solveset(diff(f, x), x, Reals), key=float)
found = {{'local_max': [c for c in points if d2.subs(x, c) < 0],
         'local_min': [c for c in points if d2.subs(x, c) > 0]}}
print("local max at:", found['local_max'])
print("local min at:", found['local_min'])
answer = found['{want}'][0]"""


def _descent_practice(kind: str, expr: sp.Expr, params: Sequence[sp.Expr]) -> Snippet:
    """The gradient of L(w) = (wx − y)² at w, and one step w − η·dL/dw."""
    number = SympyCode().doprint  # data of the drill: SymPy numbers
    x, y, w = params[:3]
    step = kind == "descent_step"
    lines = [
        "from sympy import *\n",
        f"w = symbols('w', real=True)\nL = {code(expr)}  # x = {number(x)}, y = {number(y)}",
        f"w0 = {number(w)}" + (f"\neta = {number(params[3])}" if step else ""),
        _CLOSE,
        "your_answer = S(0)  # <- your answer, e.g. Rational(-7, 2) or -3.5",
        "gradient = diff(L, w).subs(w, w0)\n" + 'print("dL/dw:", gradient)',
        ("answer = w0 - eta * gradient\n" + 'print("next w:", answer)')
        if step
        else "answer = gradient",
        'print("correct:", close(your_answer, answer))',
    ]
    return Snippet(_script(lines), ())
