"""Safe parsing of student input into SymPy expressions.

User text never reaches ``eval``/``exec``. The pipeline is:

1. :func:`mathcore.notation.normalize` — Unicode and math symbols to ASCII (positions kept);
2. a token pass with Python's tokenizer — every name, number and operator is checked against a
   whitelist, with the position of the first offender;
3. SymPy's token transformations (``auto_symbol``, ``auto_number``, ``convert_xor``, then
   implicit multiplication/application and function exponentiation) produce Python source;
4. ``ast.parse`` and a small interpreter that builds SymPy objects for whitelisted node types
   only, refusing numbers that would be too large *before* SymPy computes them.

>>> parse_expression("3x(x-1) + sin^2 x")
3*x*(x - 1) + sin(x)**2
>>> parse_expression("w^2 + b", variables=("w", "b"))
b + w**2
"""

from __future__ import annotations

import ast
import difflib
import io
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
    function_exponentiation,
    implicit_application,
    implicit_multiplication,
    split_symbols_custom,
    stringify_expr,
)

from mathcore.errors import SYMPY_FAILURES, InputError
from mathcore.notation import Normalized, normalize

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
}
# Names SymPy's transformations insert; user text cannot use them (the token pass refuses them).
_GENERATED = ("Integer", "Float", "Symbol", "Function")
_OPERATORS = {"+", "-", "*", "/", "**", "^", "(", ")", ","}
_BINARY_ONLY = {"*", "/", "**", "^"}
_DECIMAL = re.compile(r"(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?")


def parse_expression(text: str, variables: Sequence[str] = ("x",)) -> sp.Expr:
    """Parse student input into a SymPy expression in real ``variables``.

    Parameters
    ----------
    text : what the student typed (``x^2``, ``2x``, ``sin x``, ``|x|``, ``e^x``, ``x²`` …).
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
        ``not_real`` (``√−1``).

    Examples
    --------
    >>> parse_expression("e^x + ln x")
    exp(x) + log(x)
    >>> parse_expression("relu(x) - |x|")
    -Abs(x) + Max(0, x)
    >>> parse_expression("sinn x")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: unknown name 'sinn' at 0 (did you mean 'sin'?)
    """
    if not isinstance(text, str):
        raise InputError("syntax", "input must be text")
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
    source = stringify_expr(
        norm.text,
        {},
        dict.fromkeys((*FUNCTIONS, *_GENERATED), len),
        (
            auto_symbol,
            auto_number,
            convert_xor,
            split_symbols_custom(names.splittable),
            implicit_multiplication,
            implicit_application,
            function_exponentiation,
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


class _Names:
    """What a name in the input may mean: a variable, a constant or a function."""

    def __init__(self, variables: tuple[str, ...]) -> None:
        self.symbols = {v: sp.Symbol(v, real=True) for v in variables}
        self.letters = {n for n in (*variables, "e") if len(n) == 1}

    def known(self, name: str) -> bool:
        return name in self.symbols or name in CONSTANTS or name in FUNCTIONS

    def splittable(self, name: str) -> bool:
        """``xe`` → ``x*e``: split only names made of single-letter variables and ``e``."""
        return len(name) > 1 and all(ch in self.letters for ch in name)

    def unknown(self, name: str, position: int | None) -> InputError:
        suggestion = None
        for fn in sorted(FUNCTIONS, key=len, reverse=True):
            rest = name[len(fn) :]
            if name.startswith(fn) and rest and (self.known(rest) or self.splittable(rest)):
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
    stack: list[int] = []
    for k, ch in enumerate(norm.text):
        if ch == "(":
            stack.append(k)
            if len(stack) > MAX_PAREN_DEPTH:
                raise InputError(
                    "too_complex",
                    "parentheses are nested too deeply",
                    {"limit": MAX_PAREN_DEPTH},
                    norm.position(k),
                )
        elif ch == ")":
            if not stack:
                raise InputError(
                    "unbalanced",
                    f"')' at {norm.position(k)} has no '('",
                    {"char": ")"},
                    norm.position(k),
                )
            stack.pop()
    if stack:
        pos = norm.position(stack[-1])
        raise InputError("unbalanced", f"'(' at {pos} is never closed", {"char": "("}, pos)


def _check_tokens(norm: Normalized, names: _Names) -> None:
    """Refuse, with its position, the first name, number or operator we do not accept."""
    previous = None  # the previous significant token's string ("" at the start)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(norm.text).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise InputError("syntax", "the expression is not well formed") from exc
    for tok in tokens:
        pos = norm.position(tok.start[1])
        if tok.type == tokenize.NAME and not (
            names.known(tok.string) or names.splittable(tok.string)
        ):
            raise names.unknown(tok.string, pos)
        if tok.type == tokenize.NUMBER:
            _check_number(tok.string, pos)
        if tok.type == tokenize.OP:
            if tok.string not in _OPERATORS:
                raise InputError(
                    "not_allowed",
                    f"{tok.string!r} at {pos} is not allowed",
                    {"what": tok.string},
                    pos,
                )
            if tok.string in _BINARY_ONLY and previous in (None, *_OPERATORS - {")"}):
                raise InputError(
                    "syntax",
                    f"{tok.string!r} at {pos} has nothing before it",
                    {"what": tok.string},
                    pos,
                )
        if tok.type in (tokenize.NAME, tokenize.NUMBER, tokenize.OP):
            previous = tok.string
            last_pos = pos
    if previous in _OPERATORS - {")"}:
        raise InputError(
            "incomplete", f"the input ends with {previous!r}", {"what": previous}, last_pos
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
        if any(v.is_number and not v.is_Rational and not _modest(v) for v in values):
            # SymPy would compute floor(e^(10^5)) digit by digit: keep a call on a huge number
            # unevaluated, and check its value to 30 digits instead.
            with sp.evaluate(False):
                return _checked_constant(builder(*values))
        result = builder(*values)  # exact: sin(pi) is 0, so ln(sin(pi)) is refused as ln 0
        if result.is_number and not result.is_Rational:
            _checked_constant(result)  # asin(2) stays symbolic but is not real
        return result

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
    when a number's power is not real (SymPy's principal value of (−1)^π is complex)."""
    if exponent.is_Rational and abs(exponent) > 1:
        digits = max((_rational_digits(r) for r in base.atoms(sp.Rational)), default=0.0)
        log_exponent = math.log10(abs(exponent.p)) - math.log10(exponent.q)
        if digits > 0 and math.log10(digits) + log_exponent > math.log10(MAX_RESULT_DIGITS):
            raise InputError("too_large", "this power is too large to compute", {"what": "power"})
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
    value = parse_expression(text, variables=())
    if value in (sp.oo, -sp.oo) or (value.is_real and value.is_finite):
        return value
    raise InputError("not_a_number", "the point must be a real number or ±oo")


MAX_DATA_POINTS = 12
MAX_DATA_VALUE = 1000


def parse_numbers(text: str) -> tuple[sp.Expr, ...]:
    """Comma-separated finite real numbers — a column of data such as ``0, 1, 2.5, pi/2`` —
    at most ``MAX_DATA_POINTS`` of them, each within ±``MAX_DATA_VALUE``.

    >>> parse_numbers("0, 1.5, -2, 1/2")
    (0, 3/2, -2, 1/2)
    >>> parse_numbers("1, 2, y")
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: unknown name 'y' at 6 (only - may be used as variables here)
    """
    parts = text.split(",")
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
