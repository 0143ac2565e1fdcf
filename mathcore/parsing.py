"""Safe parsing of student input into SymPy expressions.

User text never reaches ``eval``/``exec``. The pipeline is:

1. :func:`mathcore.notation.normalize` — Unicode and math symbols to ASCII (positions kept);
2. a token pass with Python's tokenizer — every name, number and operator is checked against a
   whitelist, with the position of the first offender;
3. :func:`mathcore.notation.explicit` — every function application gets its brackets and a
   piecewise function becomes ``Piecewise((value, condition), …)`` (positions kept);
4. SymPy's token transformations (``auto_symbol``, ``auto_number``, ``convert_xor``, splitting
   ``xe`` and implicit multiplication) produce Python source;
5. ``ast.parse`` and a small interpreter that builds SymPy objects for whitelisted node types
   only, refusing numbers that would be too large *before* SymPy computes them. Comparisons and
   tuples are built only as the pieces of a ``Piecewise``.

Notation (see :mod:`mathcore.notation` for the rule on functions written without brackets):

- ``sin x cos x`` is sin(x)·cos(x), ``sin 2x`` is sin(2x), ``sin x^2`` is sin(x²), ``ln x + 1`` is
  ln(x) + 1, ``sin x/x`` is sin(x)/x;
- ``sin^2 x`` is (sin x)², ``sin^-1 x``, ``sin^(-1)(x)``, ``sin⁻¹x`` are arcsin x (also cos,
  tan); ``sin^-2 x`` is 1/(sin x)²; ``f^-1`` of any other function is refused as ambiguous;
- ``x^(1/3)``, ``x^0.2``, ``∛x``, ``cbrt(x)``, ``root(x, 5)`` are real odd roots, defined on ℝ
  (``sign(x)*|x|^(1/3)``); even roots (``√x``, ``∜x``, ``x^(3/4)``) need a base ≥ 0;
- ``{x < 0: -x, x}`` (Desmos) and ``Piecewise((-x, x < 0), (x, True))`` (SymPy) are piecewise
  functions; without a last "otherwise" piece f is undefined (nan) outside the conditions.

>>> parse_expression("3x(x-1) + sin^2 x")
3*x*(x - 1) + sin(x)**2
>>> parse_expression("w^2 + b", variables=("w", "b"))
b + w**2
>>> parse_expression("sin x cos x + ln|x|")
log(Abs(x)) + sin(x)*cos(x)
>>> parse_expression("(-8)^(1/3) + {x != 0: x^2 sin(1/x), 0}")
Piecewise((x**2*sin(1/x), Ne(x, 0)), (0, True)) - 2
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import tokenize
from collections.abc import Callable, Sequence

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import (
    auto_number,
    auto_symbol,
    convert_xor,
    implicit_multiplication,
    split_symbols_custom,
    stringify_expr,
)

from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.notation import ALWAYS, COMPARISONS, Normalized, explicit, normalize, tokens

MAX_LENGTH = 300
MAX_PAREN_DEPTH = 30
MAX_NODES = 600
MAX_AST_DEPTH = 200
MAX_INTEGER_DIGITS = 100
MAX_DECIMAL_EXPONENT = 100
MAX_RESULT_DIGITS = 4_000  # below Python's 4300-digit limit for printing an int

CONSTANTS: dict[str, sp.Expr] = {"e": sp.E, "E": sp.E, "pi": sp.pi, "oo": sp.oo, "inf": sp.oo}


def _sigmoid(z: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-z))


def _relu(z: sp.Expr) -> sp.Expr:
    return sp.Max(0, z)


def _cbrt(u: sp.Expr) -> sp.Expr:
    """The real cube root, defined on all of ℝ.

    >>> _cbrt(sp.Integer(-8)), _cbrt(sp.Symbol("x", positive=True))
    (-2, x**(1/3))
    """
    return _power(u, sp.Rational(1, 3))


def _root(u: sp.Expr, n: sp.Expr) -> sp.Expr:
    """The n-th root u^(1/n): real for odd n (``root(-8, 3)`` is −2), principal for even n.

    >>> _root(sp.Integer(-32), sp.Integer(5)), _root(sp.Integer(16), sp.Integer(4))
    (-2, 2)
    """
    if n == 0:
        raise InputError("undefined_value", "the 0-th root is undefined")
    return _power(u, 1 / n)


def _factorial(n: sp.Expr) -> sp.Expr:
    if n.is_Integer and (n > 10**6 or math.lgamma(int(n) + 1) / math.log(10) > MAX_RESULT_DIGITS):
        raise InputError("too_large", "this factorial is too large", {"what": "factorial"})
    return sp.factorial(n)


# name -> (builder, smallest and largest number of arguments)
FUNCTIONS: dict[str, tuple[Callable[..., sp.Expr], int, int]] = {
    **{
        name: (getattr(sp, name), 1, 1)
        for name in (
            "sin",
            "cos",
            "tan",
            "cot",
            "sec",
            "csc",
            "asin",
            "acos",
            "atan",
            "sinh",
            "cosh",
            "tanh",
            "exp",
            "sqrt",
            "floor",
            "ceiling",
            "sign",
        )
    },
    "arcsin": (sp.asin, 1, 1),
    "arccos": (sp.acos, 1, 1),
    "arctan": (sp.atan, 1, 1),
    "ceil": (sp.ceiling, 1, 1),
    "sgn": (sp.sign, 1, 1),
    "ln": (sp.log, 1, 1),
    "log": (sp.log, 1, 2),
    "abs": (sp.Abs, 1, 1),
    "Abs": (sp.Abs, 1, 1),
    "relu": (_relu, 1, 1),
    "ReLU": (_relu, 1, 1),
    "sigmoid": (_sigmoid, 1, 1),
    "max": (sp.Max, 2, 8),
    "min": (sp.Min, 2, 8),
    "factorial": (_factorial, 1, 1),
    "cbrt": (_cbrt, 1, 1),
    "root": (_root, 2, 2),
}
# Names SymPy's transformations insert; user text cannot use them (the token pass refuses them).
_GENERATED = ("Integer", "Float", "Symbol", "Function")
# Names with a meaning only in a piecewise function; ``notation.explicit`` checks where they are.
PIECEWISE_NAMES = ("Piecewise", *ALWAYS)
_CLOSERS = {")", "}"}
_OPERATORS = {"+", "-", "*", "/", "**", "^", "(", ")", ",", "{", "}", ":", *COMPARISONS}
_BINARY_ONLY = {"*", "/", "**", "^", ":", *COMPARISONS}
_RELATIONS: dict[type, Callable[[sp.Expr, sp.Expr], sp.Basic]] = {
    ast.Lt: sp.Lt,
    ast.LtE: sp.Le,
    ast.Gt: sp.Gt,
    ast.GtE: sp.Ge,
    ast.Eq: sp.Eq,
    ast.NotEq: sp.Ne,
}
_DECIMAL = re.compile(r"(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?")


def parse_expression(text: str, variables: Sequence[str] = ("x",)) -> sp.Expr:
    """Parse student input into a SymPy expression in real ``variables``.

    Parameters
    ----------
    text : what the student typed (``x^2``, ``2x``, ``sin x``, ``|x|``, ``e^x``, ``x²`` …), after
        an optional left-hand side as written on paper: ``f(x) =``, ``y =``, or another
        function of its own variable (``g(t) = t^2`` is t² with t read as the first of
        ``variables``); see :func:`left_side_end`.
    variables : the names allowed as variables; each becomes ``Symbol(name, real=True)``.

    Returns
    -------
    A SymPy expression whose free symbols are among ``variables``.

    Raises
    ------
    InputError
        With ``code`` one of ``empty``, ``too_long``, ``bad_character``, ``unbalanced``,
        ``too_complex``, ``bad_number``, ``too_large``, ``unknown_name``, ``not_allowed``,
        ``incomplete``, ``arity``, ``syntax``, ``undefined_value`` (``1/0``, ``ln 0``),
        ``not_real`` (``√−1``), ``piecewise`` (a malformed piecewise function),
        ``ambiguous_inverse`` (``ln^-1 x``).

    Examples
    --------
    >>> parse_expression("e^x + ln x")
    exp(x) + log(x)
    >>> parse_expression("relu(x) - |x|")
    -Abs(x) + Max(0, x)
    >>> parse_expression("f(x) = x^2"), parse_expression("y=2x"), parse_expression("g(t) = t^3")
    (x**2, 2*x, x**3)
    >>> parse_expression("sinn x")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: unknown name 'sinn' at 0 (did you mean 'sin'?)
    >>> parse_expression("x + oo")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: a function cannot take the value ∞
    """
    expr = _expression(text, variables)
    if variables and expr.has(sp.oo, -sp.oo):  # ∞ is a place to go, not a value f can take
        raise InputError("infinite_value", "a function cannot take the value ∞")
    return expr


def _expression(text: str, variables: Sequence[str]) -> sp.Expr:
    """:func:`parse_expression` with ∞ allowed (a point may be ±∞)."""
    if not isinstance(text, str):
        raise InputError("syntax", "input must be text")
    sides = ("y",) if variables and "y" not in variables else ()
    start, named = left_side_end(text, sides, variables)
    if start:  # "f(x) = x^2", "y = x^2": the formula is the right-hand side
        body = " " * start + text[start:]  # padded: error positions still count in ``text``
        if set(named) <= set(variables):  # f(x) on a page in x (or no name: y =)
            return _parse(body, variables)
        # g(t) = t^2 on a page in x: g's own variable names the page's
        rename = zip(named, variables, strict=True)  # left_side_end counted them
        return _parse(body, named).xreplace(
            {sp.Symbol(n, real=True): sp.Symbol(v, real=True) for n, v in rename}
        )
    return _parse(text, variables)


def _parse(text: str, variables: Sequence[str]) -> sp.Expr:
    """:func:`parse_expression` without a left-hand side."""
    if len(text) > MAX_LENGTH:
        raise InputError(
            "too_long",
            f"input is longer than {MAX_LENGTH} characters",
            {"limit": MAX_LENGTH},
            MAX_LENGTH,
        )
    if not text.strip():
        raise InputError("empty", "input is empty")
    names = _Names(tuple(variables))
    norm = normalize(text)
    _check_parentheses(norm)
    _check_tokens(norm, names)
    norm = explicit(norm, FUNCTIONS)
    source = stringify_expr(
        norm.text,
        {},
        dict.fromkeys((*FUNCTIONS, *_GENERATED, "Piecewise"), len),
        (
            auto_symbol,
            auto_number,
            convert_xor,
            split_symbols_custom(names.splittable),
            implicit_multiplication,
        ),
    )
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise InputError("syntax", "the expression is not well formed") from exc
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise InputError(
            "too_complex", "the expression is too long or deeply nested", {"limit": MAX_NODES}
        )
    expr = _Interpreter(names, norm).build(tree.body, 0)
    if max((_rational_digits(r) for r in expr.atoms(sp.Rational)), default=0) > MAX_RESULT_DIGITS:
        raise InputError(
            "too_large", "a number in this expression is too large", {"what": "number"}
        )
    if expr.has(sp.zoo, sp.nan):
        raise InputError("undefined_value", "the expression contains an undefined value")
    if expr.has(sp.I):
        raise InputError("not_real", "the expression is not real")
    return expr


# A function applied to its variables, as in a definition: f(x), g(t), L(w, b), f₁(x).
_APPLIED = r"(?P<name>[^\W\d]\w*)\s*\(\s*(?P<args>[^\W\d]\w*(?:\s*,\s*[^\W\d]\w*)*)\s*\)"


def left_side_end(
    text: str, sides: Sequence[str] = (), variables: Sequence[str] = ()
) -> tuple[int, tuple[str, ...]]:
    """Where the formula starts after a leading left-hand side ``<side> =`` (0 when there is
    none), and the variables that side names.

    A side is one of ``sides`` (any case: ``y``, ``f'(x)``, ``dy/dx``) or, when ``variables`` is
    not empty, a function of as many variables as that (``f(x)``, ``g(t)``, ``L(w, b)``) whose
    name is not a known function or constant (``sin(x) = 1`` is an equation, not a
    definition). The one mechanism for practice answers and function boxes alike.

    >>> left_side_end("f(x) = x^2", (), ("x",)), left_side_end("  Y= 2", ("y",))
    ((6, ('x',)), (4, ()))
    >>> left_side_end("g(t)=t", (), ("x",)), left_side_end("sin(x) = 1", (), ("x",))
    ((5, ('t',)), (0, ()))
    >>> left_side_end("x == 1", ("x",)), left_side_end("f(x, y) = x", (), ("x",))
    ((0, ()), (0, ()))
    """
    options = [re.escape(side) for side in sorted(sides, key=len, reverse=True)]
    if variables:
        options.append(_APPLIED)
    if not options:
        return 0, ()
    match = re.match(rf"\s*(?:{'|'.join(options)})\s*=(?!=)", text, re.IGNORECASE)
    if match is None:
        return 0, ()
    if match.groupdict().get("name") is None:
        return match.end(), ()
    args = tuple(re.split(r"\s*,\s*", match["args"]))
    known = {*FUNCTIONS, *CONSTANTS, *PIECEWISE_NAMES}
    if (
        match["name"] in known
        or len(args) != len(variables)
        or len(set(args)) != len(args)
        or any(a in known or a in _GENERATED for a in args)
    ):
        return 0, ()
    return match.end(), args


class _Names:
    """What a name in the input may mean: a variable, a constant or a function."""

    def __init__(self, variables: tuple[str, ...]) -> None:
        self.symbols = {v: sp.Symbol(v, real=True) for v in variables}
        self.letters = {n for n in (*variables, "e") if len(n) == 1}

    def known(self, name: str) -> bool:
        return (
            name in self.symbols
            or name in CONSTANTS
            or name in FUNCTIONS
            or name in PIECEWISE_NAMES
        )

    def splittable(self, name: str) -> bool:
        """``xe`` → ``x*e``: split only names made of single-letter variables and ``e``."""
        return len(name) > 1 and all(ch in self.letters for ch in name)

    def unknown(self, name: str, position: int | None) -> InputError:
        # log10, log2: "log" would be ln here (the course's notation); the base goes second
        base = re.fullmatch(r"log_?(\d+)", name)
        suggestion = f"log(x, {base.group(1)})" if base else None
        for fn in sorted(FUNCTIONS, key=len, reverse=True):
            rest = name[len(fn) :]
            if (
                suggestion is None
                and name.startswith(fn)
                and rest
                and (self.known(rest) or self.splittable(rest))
            ):
                suggestion = f"{fn}({rest})"
                break
        if suggestion is None and len(name) > 1:
            pool = [*self.symbols, *CONSTANTS, *FUNCTIONS]
            close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
            suggestion = close[0] if close else None
        allowed = ", ".join(self.symbols) or "-"
        hint = (
            f" (did you mean {suggestion!r}?)"
            if suggestion
            else f" (only {allowed} may be used as variables here)"
        )
        return InputError(
            "unknown_name",
            f"unknown name {name!r} at {position}{hint}",
            {"name": name, "suggestion": suggestion, "variables": allowed},
            position,
        )


def _check_parentheses(norm: Normalized) -> None:
    """Every ``(`` and ``{`` closed by its partner, at most ``MAX_PAREN_DEPTH`` deep."""
    stack: list[int] = []
    partners = {")": "(", "}": "{"}
    for k, ch in enumerate(norm.text):
        if ch in "({":
            stack.append(k)
            if len(stack) > MAX_PAREN_DEPTH:
                raise InputError(
                    "too_complex",
                    "parentheses are nested too deeply",
                    {"limit": MAX_PAREN_DEPTH},
                    norm.position(k),
                )
        elif ch in partners:
            if not stack or norm.text[stack[-1]] != partners[ch]:
                raise InputError(
                    "unbalanced",
                    f"{ch!r} at {norm.position(k)} has no {partners[ch]!r}",
                    {"char": ch},
                    norm.position(k),
                )
            stack.pop()
    if stack:
        pos, ch = norm.position(stack[-1]), norm.text[stack[-1]]
        raise InputError("unbalanced", f"{ch!r} at {pos} is never closed", {"char": ch}, pos)


def _check_tokens(norm: Normalized, names: _Names) -> None:
    """Refuse, with its position, the first name, number or operator we do not accept."""
    previous = None  # the previous token
    for tok in tokens(norm):
        pos = norm.position(tok.at)
        if (
            previous is not None
            and previous.kind == tokenize.NUMBER
            and previous.at + len(previous.text) == tok.at
            and (previous.text.endswith(".") or tok.text.startswith("."))
        ):  # 2..3, 1.2.3, 3..: point at the second dot
            dot = tok.at if tok.text.startswith(".") else tok.at - 1
            raise InputError(
                "bad_number",
                f"{previous.text + tok.text!r} at {norm.position(dot)} is not a decimal number",
                {"number": previous.text + tok.text},
                norm.position(dot),
            )
        if tok.kind == tokenize.NAME and not (names.known(tok.text) or names.splittable(tok.text)):
            raise names.unknown(tok.text, pos)
        if tok.kind == tokenize.NUMBER:
            _check_number(tok.text, pos)
        if tok.kind not in (tokenize.NAME, tokenize.NUMBER) and tok.text not in _OPERATORS:
            raise InputError(
                "not_allowed", f"{tok.text!r} at {pos} is not allowed", {"what": tok.text}, pos
            )
        if tok.text in _BINARY_ONLY and (
            previous is None or previous.text in _OPERATORS - _CLOSERS
        ):
            raise InputError(
                "syntax",
                f"{tok.text!r} at {pos} has nothing before it",
                {"what": tok.text},
                pos,
            )
        previous = tok
    if previous is not None and previous.text in _OPERATORS - _CLOSERS:
        raise InputError(
            "incomplete",
            f"the input ends with {previous.text!r}",
            {"what": previous.text},
            norm.position(previous.at),
        )


def _check_number(literal: str, pos: int | None) -> None:
    match = _DECIMAL.fullmatch(literal)
    if (
        not match
        or not (match["int"] or match["frac"])
        or (len(match["int"]) > 1 and match["int"].startswith("0") and not match["frac"])
    ):
        raise InputError(
            "bad_number", f"{literal!r} at {pos} is not a decimal number", {"number": literal}, pos
        )
    if len(match["int"]) > MAX_INTEGER_DIGITS or len(match["frac"] or "") > MAX_INTEGER_DIGITS:
        raise InputError(
            "too_large", f"the number at {pos} has too many digits", {"what": "number"}, pos
        )
    if match["exp"] and abs(int(match["exp"])) > MAX_DECIMAL_EXPONENT:
        raise InputError(
            "too_large",
            f"the exponent of the number at {pos} is too large",
            {"what": "number"},
            pos,
        )


_BINARY: dict[type, Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: sp.Add,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: sp.Mul,
    ast.Div: lambda a, b: a / b,
}


class _Interpreter:
    """Builds SymPy objects from the whitelisted subset of Python's AST."""

    def __init__(self, names: _Names, norm: Normalized) -> None:
        self.names = names
        self.norm = norm

    def build(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_AST_DEPTH:
            raise InputError(
                "too_complex", "the expression is nested too deeply", {"limit": MAX_AST_DEPTH}
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return _power(self.build(node.left, depth + 1), self.build(node.right, depth + 1))
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.build(node.operand, depth + 1)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            return self.call(node.func.id, node.args, depth)
        raise InputError(
            "not_allowed",
            f"{type(node).__name__} is not allowed in a formula",
            {"what": type(node).__name__},
        )

    def name(self, name: str) -> sp.Expr:
        if name in self.names.symbols:
            return self.names.symbols[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS:
            raise InputError(
                "arity",
                f"{name} needs an argument, e.g. {name}(x)",
                {"name": name, "expected": FUNCTIONS[name][1]},
                self._find(name),
            )
        raise self.names.unknown(name, self._find(name))

    def call(self, func: str, args: list[ast.expr], depth: int) -> sp.Expr:
        if func in ("Symbol", "Function", "Integer", "Float"):
            if len(args) != 1 or not isinstance(args[0], ast.Constant):
                raise InputError("not_allowed", f"{func} is not allowed", {"what": func})
            return self.literal(func, args[0].value)
        if func == "Piecewise":
            return self.piecewise(args, depth)
        if func not in FUNCTIONS:
            raise self.names.unknown(func, self._find(func))
        builder, low, high = FUNCTIONS[func]
        if any(isinstance(a, ast.Starred) for a in args) or not low <= len(args) <= high:
            raise InputError(
                "arity",
                f"{func} takes {low} argument(s), not {len(args)}",
                {"name": func, "expected": low},
                self._find(func),
            )
        values = [self.build(a, depth + 1) for a in args]
        if any(v.has(sp.zoo, sp.nan) for v in values):  # relu(0/0): Max cannot order nan
            raise InputError("undefined_value", "the expression contains an undefined value")
        if any(v.is_number and not v.is_Rational and not _modest(v) for v in values):
            # SymPy would compute floor(e^(10^5)) digit by digit: keep a call on a huge number
            # unevaluated, and check its value to 30 digits instead.
            with sp.evaluate(False):
                return _checked_constant(builder(*values))
        result = builder(*values)  # exact: sin(pi) is 0, so ln(sin(pi)) is refused as ln 0
        if result.is_number and not result.is_Rational:
            _checked_constant(result)  # asin(2) stays symbolic but is not real
        return result

    def piecewise(self, args: list[ast.expr], depth: int) -> sp.Expr:
        """``Piecewise((value, condition), …)``: the only place a tuple or comparison may be."""
        pieces = []
        for arg in args:
            if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
                raise InputError(
                    "piecewise", "a piece is (value, condition)", {}, self._find("Piecewise")
                )
            value = self.build(arg.elts[0], depth + 2)
            pieces.append((value, self.condition(arg.elts[1], depth + 2)))
        try:
            return sp.Piecewise(*pieces)
        except SYMPY_FAILURES as exc:
            raise InputError(
                "piecewise", "a condition is not a comparison", {}, self._find("Piecewise")
            ) from exc

    def condition(self, node: ast.expr, depth: int) -> sp.Basic:
        """``True``, or a comparison; a chain ``0 < x < 1`` is the ``And`` of its links."""
        if isinstance(node, ast.Constant) and node.value is True:
            return sp.true
        if isinstance(node, ast.Compare) and all(type(op) in _RELATIONS for op in node.ops):
            sides = [self.build(side, depth + 1) for side in (node.left, *node.comparators)]
            try:
                links = [
                    _RELATIONS[type(op)](a, b)
                    for op, a, b in zip(node.ops, sides, sides[1:], strict=False)
                ]
            except TypeError as exc:  # x < 1/0: SymPy refuses to compare with zoo
                raise InputError(
                    "undefined_value", "a condition compares with an undefined value"
                ) from exc
            return sp.And(*links)
        raise InputError(
            "piecewise", "a condition must be a comparison", {}, self._find("Piecewise")
        )

    def literal(self, kind: str, value: object) -> sp.Expr:
        if kind == "Integer" and type(value) is int:
            return sp.Integer(value)
        if kind == "Float" and isinstance(value, str) and _DECIMAL.fullmatch(value):
            _check_number(value, None)
            return sp.Rational(value)
        if kind in ("Symbol", "Function") and isinstance(value, str):
            return self.name(value)
        raise InputError("not_allowed", f"{kind}({value!r}) is not allowed", {"what": kind})

    def _find(self, name: str) -> int | None:
        match = re.search(rf"(?<![A-Za-z_]){re.escape(name)}", self.norm.text)
        return self.norm.position(match.start()) if match else None


def _modest(value: sp.Expr) -> bool:
    """A number SymPy may evaluate exactly: |value| < 10¹⁵ (checked by mpmath, 15 digits)."""
    try:
        with mpmath.workdps(15):
            number = mpmath.mpmathify(sp.lambdify((), value, modules="mpmath")())
    except (*SYMPY_FAILURES, ZeroDivisionError, OverflowError, NameError):
        return False
    return bool(mpmath.isfinite(number)) and abs(number) < 1e15


def _checked_constant(value: sp.Expr) -> sp.Expr:
    """``value`` if it is a finite real number (evaluated by mpmath at 30 digits), else refused.

    >>> with sp.evaluate(False):
    ...     _checked_constant(sp.log(-sp.exp(10**5)))
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: the expression is not real
    """
    try:
        with mpmath.workdps(30):
            number = mpmath.mpmathify(sp.lambdify((), value, modules="mpmath")())
    except (*SYMPY_FAILURES, ZeroDivisionError, OverflowError, NameError) as exc:
        raise InputError("undefined_value", "the expression contains an undefined value") from exc
    if not mpmath.isfinite(number):
        raise InputError("undefined_value", "the expression contains an undefined value")
    if abs(mpmath.im(number)) > 1e-20 * max(1, abs(mpmath.re(number))):
        raise InputError("not_real", "the expression is not real")
    return value


def _power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    """``base**exponent``, refused when SymPy would compute a number of more than 10⁴ digits, or
    when a number's power is not real (SymPy's principal value of (−1)^π is complex).

    An odd root is the real one (x^(1/3) is defined on all of ℝ); an even root of a negative
    number stays undefined.

    >>> x = sp.Symbol("x", real=True)
    >>> _power(sp.Integer(-8), sp.Rational(1, 3)), _power(sp.Integer(-8), sp.Rational(2, 3))
    (-2, 4)
    >>> _power(x, sp.Rational(1, 3)), _power(x, sp.Rational(3, 4))
    (Abs(x)**(1/3)*sign(x), x**(3/4))
    """
    if exponent.is_Rational and abs(exponent) > 1:
        digits = max((_rational_digits(r) for r in base.atoms(sp.Rational)), default=0.0)
        log_exponent = math.log10(abs(exponent.p)) - math.log10(exponent.q)
        if digits > 0 and math.log10(digits) + log_exponent > math.log10(MAX_RESULT_DIGITS):
            raise InputError("too_large", "this power is too large to compute", {"what": "power"})
    if (
        exponent.is_Rational
        and exponent.q % 2 == 1
        and exponent.q > 1
        and base.is_nonnegative is not True
    ):  # odd root: real on all of ℝ, as sympy.real_root builds it
        if exponent.p % 2 == 0:
            return sp.Pow(sp.Abs(base), exponent)
        return sp.sign(base) * sp.Pow(sp.Abs(base), exponent)
    power = sp.Pow(base, exponent)
    if power.is_number and power.is_real is not True:  # (−1)^π, (−8)^(1/3): complex values
        return _checked_constant(power)
    return power


def _rational_digits(r: sp.Rational) -> float:
    return max(math.log10(abs(int(part))) for part in (r.p, r.q)) if r.p else 0.0


def parse_point(text: str) -> sp.Expr:
    """Parse a point such as ``-1``, ``pi/2``, ``1.5``, ``oo`` or ``-∞`` into an exact real number.

    >>> parse_point("pi/2"), parse_point("-oo"), parse_point("0.25")
    (pi/2, -oo, 1/4)
    >>> parse_point("x")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: unknown name 'x' at 0 (only - may be used as variables here)
    """
    if not text.strip():
        raise InputError("empty_point", "type a point", {}, 0)  # not "type a function"
    value = parse_expression(text, variables=())
    if value in (sp.oo, -sp.oo) or (value.is_real and value.is_finite):
        return value
    raise InputError("not_a_number", "the point must be a real number or ±oo")


MAX_DATA_POINTS = 12
MAX_DATA_VALUE = 1000


# a comma, or spaces between the end of one number and the start of the next (not before or
# after an operator: "1 - 2" is one number); replaced by a comma padded to the same length
_SEPARATOR = re.compile(r"(?<=[\w.)π])\s+(?=[\w.(π√]|-(?=[\w.(π√]))")


def parse_numbers(text: str) -> tuple[sp.Expr, ...]:
    """Comma-separated finite real numbers — a column of data such as ``0, 1, 2.5, pi/2`` —
    at most ``MAX_DATA_POINTS`` of them, each within ±``MAX_DATA_VALUE``.

    >>> parse_numbers("0, 1.5, -2, 1/2")
    (0, 3/2, -2, 1/2)
    >>> parse_numbers("1, 2, y")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: unknown name 'y' at 6 (only - may be used as variables here)

    Spaces between two numbers separate them too, as in a column pasted from a spreadsheet
    (``0 1 2 3``, ``1 -2``); a space inside an expression does not (``1 - 2``, ``pi / 2``):

    >>> parse_numbers("0 1 2 3"), parse_numbers("1 -2,  pi / 2")
    ((0, 1, 2, 3), (1, -2, pi/2))
    """
    parts = _SEPARATOR.sub(lambda m: "," + " " * (len(m.group(0)) - 1), text).split(",")
    if len(parts) > MAX_DATA_POINTS:
        raise InputError(
            "too_many_numbers", "too many numbers", {"most": MAX_DATA_POINTS}, len(text)
        )
    numbers, start = [], 0
    for part in parts:
        if not part.strip():
            raise InputError("missing_number", "a number is missing", {}, start)
        value = parse_point(" " * start + part)  # padded: error positions count in ``text``
        if not value.is_finite or abs(value) > MAX_DATA_VALUE:
            at = start + len(part) - len(part.lstrip())
            raise InputError("out_of_range", "out of range", {"bound": MAX_DATA_VALUE}, at)
        numbers.append(value)
        start += len(part) + 1
    return tuple(numbers)
