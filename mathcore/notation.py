"""Turn what students type into plain ASCII math, remembering where each character came from.

:func:`normalize` works on characters: superscripts become powers (``x²`` → ``x^(2)``, ``eˣ`` →
``e^(x)``), math symbols become operators (``·``, ``×``, ``−``, ``≤``, ``≠``, ``√``, ``∛``,
``∜``, ``π``), the rest goes through Unicode NFKC (so full-width ``ｘ`` is ``x``), and ``|…|``
becomes ``abs(…)``. Letters that merely look Latin, such as Cyrillic ``х``, are refused rather
than turned into new symbols.

:func:`explicit` works on tokens and writes every bracket the student left out:

- A function written without brackets takes **the next factor only**: either another function
  application (``ln sin x``, ``ln|x|``), or an optional number followed by names (variables and
  constants), each with its power. So ``sin 2x`` is sin(2x), ``sin x^2`` is sin(x²),
  ``sin 2pi x`` is sin(2πx), while ``sin x cos x`` is sin(x)·cos(x) (a function name ends the
  factor), ``sin x/x`` is sin(x)/x and ``ln x + 1`` is ln(x) + 1 (an operator ends it) and
  ``sin x (x+1)`` is sin(x)·(x+1) (a bracket ends it).
- ``f^n x`` is (f x)^n; ``sin^-1``, ``cos^-1``, ``tan^-1`` (also ``^(-1)``) are arcsin, arccos,
  arctan; ``f^-1`` of another function is refused (inverse or reciprocal?).
- ``{c1: v1, c2: v2, v3}`` becomes ``Piecewise((v1, c1), (v2, c2), (v3, True))``; ``=`` in a
  condition is ``==``; comparisons, ``:``, ``True`` and ``otherwise`` are refused elsewhere.

>>> normalize("3x² − |x|").text
'3x^(2) - abs(x)'
"""

from __future__ import annotations

import io
import tokenize
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from mathcore.errors import InputError

SUPERSCRIPTS = {
    **{chr(0x2070 + d): str(d) for d in (0, 4, 5, 6, 7, 8, 9)},
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁺": "+",
    "⁻": "-",
    "⁽": "(",
    "⁾": ")",
    "ˣ": "x",
    "ⁿ": "n",
}
SYMBOLS = {
    "·": "*",
    "⋅": "*",
    "×": "*",
    "∗": "*",
    "÷": "/",
    "−": "-",
    "–": "-",
    "√": " sqrt ",
    "∛": " cbrt ",
    "∜": " sqrt sqrt ",
    "π": " pi ",
    "∞": " oo ",
    "≤": "<=",
    "⩽": "<=",
    "≥": ">=",
    "⩾": ">=",
    "≠": "!=",
}
LOOKALIKES = {"х": "x", "у": "y", "е": "e", "а": "a", "о": "o", "р": "p", "с": "c", "χ": "x"}
ALLOWED = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _+-*/^(),.{}:<>=!"
)


@dataclass(frozen=True)
class Normalized:
    """ASCII text and, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...]

    def position(self, index: int) -> int | None:
        """Map an index into ``text`` back to the original text (``None`` if out of range)."""
        if 0 <= index < len(self.origin):
            return self.origin[index]
        return self.origin[-1] + 1 if self.origin and index >= len(self.origin) else None


def normalize(text: str) -> Normalized:
    """Return the ASCII form of ``text``; raise :class:`InputError` on characters we refuse.

    >>> normalize("ｘ³ + 2·x").text
    'x^(3) + 2*x'
    >>> normalize("х").text
    Traceback (most recent call last):
    ...
    mathcore.errors.InputError: character 'х' at 0 is not allowed (did you mean 'x'?)
    """
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        if text[i] in SUPERSCRIPTS:
            start = i
            run = ""
            while i < len(text) and text[i] in SUPERSCRIPTS:
                run += SUPERSCRIPTS[text[i]]
                i += 1
            _emit(out, origin, f"^({run})", start)
            continue
        ch = text[i]
        mapped = SYMBOLS.get(ch) or unicodedata.normalize("NFKC", ch)
        if mapped.isspace():
            mapped = " "
        _emit(out, origin, mapped, i)
        i += 1
    for k, ch in enumerate(out):
        if ch not in ALLOWED and ch != "|":
            _refuse_character(text, origin[k])
    return _replace_bars("".join(out), tuple(origin))


def _emit(out: list[str], origin: list[int], chars: str, source: int) -> None:
    out.extend(chars)
    origin.extend([source] * len(chars))


def _refuse_character(text: str, position: int) -> None:
    ch = text[position]
    suggestion = LOOKALIKES.get(ch)
    hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
    raise InputError(
        "bad_character",
        f"character {ch!r} at {position} is not allowed{hint}",
        {"char": ch, "suggestion": suggestion},
        position,
    )


def _replace_bars(text: str, origin: tuple[int, ...]) -> Normalized:
    """``|a|`` → ``abs(a)``: a bar closes when one is open and follows an operand, else opens."""
    out: list[str] = []
    new_origin: list[int] = []
    open_bars: list[int] = []
    previous = ""
    for k, ch in enumerate(text):
        if ch == "|":
            closes = open_bars and (previous.isalnum() or previous in ")._")
            if closes:
                open_bars.pop()
                _emit(out, new_origin, ")", origin[k])
                previous = ")"
            else:
                open_bars.append(origin[k])
                glued = out and (out[-1].isalnum() or out[-1] in "._")  # x|x|, ln|x|
                _emit(out, new_origin, " abs(" if glued else "abs(", origin[k])
                previous = "("
            continue
        _emit(out, new_origin, ch, origin[k])
        if not ch.isspace():
            previous = ch
    if open_bars:
        raise InputError(
            "unbalanced",
            f"the bar at {open_bars[-1]} is never closed",
            {"char": "|"},
            open_bars[-1],
        )
    return Normalized("".join(out), tuple(new_origin))


# --- Token level: brackets made explicit ---------------------------------------------------------

POWER = ("^", "**")
COMPARISONS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "==": "==", "!=": "!="}
INVERSES = {"sin": "asin", "cos": "acos", "tan": "atan"}
ALWAYS = ("otherwise", "True")  # the condition of a last "otherwise" piece
_OPENERS = {"(": ")", "{": "}"}


@dataclass(frozen=True)
class Token:
    """A token of a :class:`Normalized` text: its string, Python token type and start index."""

    text: str
    kind: int
    at: int


def tokens(norm: Normalized) -> list[Token]:
    """The significant tokens of ``norm.text`` (no newlines or end marker).

    >>> [t.text for t in tokens(normalize("2x ≤ 1"))]
    ['2', 'x', '<=', '1']
    """
    try:
        raw = list(tokenize.generate_tokens(io.StringIO(norm.text).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise InputError("syntax", "the expression is not well formed") from exc
    skip = (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT)
    return [
        Token(t.string, t.type, t.start[1]) for t in raw if t.type not in skip and t.string.strip()
    ]


def explicit(norm: Normalized, functions: Collection[str]) -> Normalized:
    """Make every function application and piecewise function explicit, positions kept.

    ``functions`` are the names that take an argument. Brackets are balanced (checked before).

    >>> explicit(normalize("sin x cos x + ln|x|"), ("sin", "cos", "ln", "abs")).text
    'sin ( x ) cos ( x ) + ln ( abs ( x ) )'
    >>> explicit(normalize("sin^-1 x + {x < 0: -x, x}"), ("sin",)).text
    'asin ( x ) + Piecewise ( ( ( - x ) , ( x < 0 ) ) , ( ( x ) , True ) )'
    """
    toks = tokens(norm)
    out = _Explicit(toks, frozenset(functions), norm).run()
    text: list[str] = []
    origin: list[int] = []
    for word, at in out:
        _emit(text, origin, f" {word}" if text else word, norm.origin[at])
    return Normalized("".join(text), tuple(origin))


class _Explicit:
    """Recursive descent over the tokens: emits the same formula with every bracket written."""

    def __init__(self, toks: list[Token], functions: frozenset[str], norm: Normalized) -> None:
        self.t = toks
        self.functions = functions
        self.norm = norm
        self.out: list[tuple[str, int]] = []
        self.partner: dict[int, int] = {}
        stack: list[int] = []
        for k, tok in enumerate(toks):
            if tok.text in _OPENERS:
                stack.append(k)
            elif tok.text in (")", "}"):
                self.partner[stack.pop()] = k

    def run(self) -> list[tuple[str, int]]:
        self.seq(0, len(self.t), condition=False)
        return self.out

    # -- emitting --------------------------------------------------------------------------------

    def emit(self, word: str, k: int) -> None:
        self.out.append((word, self.t[min(k, len(self.t) - 1)].at))

    def seq(self, i: int, j: int, condition: bool) -> None:
        while i < j:
            i = self.item(i, j, condition)

    def item(self, i: int, j: int, condition: bool) -> int:
        tok = self.t[i]
        if tok.text == "(":
            close = self.partner[i]
            self.emit("(", i)
            self.seq(i + 1, close, condition)
            self.emit(")", close)
            return close + 1
        if tok.text == "{":
            self.braces(i)
            return self.partner[i] + 1
        if tok.text in self.functions:
            return self.application(i, j)
        if tok.text == "Piecewise":
            return self.piecewise(i)
        if tok.text in COMPARISONS and condition:
            self.emit(COMPARISONS[tok.text], i)
            return i + 1
        if tok.text in COMPARISONS or tok.text == ":" or tok.text in ALWAYS:
            raise self.error("not_allowed", f"{tok.text!r} is only allowed in a condition", i)
        self.emit(tok.text, i)
        return i + 1

    def application(self, i: int, j: int) -> int:
        """``f x``, ``f^2 x``, ``f^-1 x``, ``f(x)``: the argument in brackets, the power after."""
        name, k, exponent = self.t[i].text, i + 1, None
        if k < j and self.t[k].text in POWER:
            exponent = (k + 1, self.power_end(k + 1, j))
            k = exponent[1]
            if "".join(t.text for t in self.t[slice(*exponent)]) in ("-1", "(-1)"):
                if name not in INVERSES:
                    raise InputError(
                        "ambiguous_inverse",
                        f"{name}^-1 may mean the inverse function or 1/{name}",
                        {"name": name},
                        self.norm.position(self.t[i + 1].at),
                    )
                name, exponent = INVERSES[name], None
        if k < j and self.t[k].text == "(":
            start, end, after = k + 1, self.partner[k], self.partner[k] + 1
        else:
            start = k
            end = after = self.argument_end(k, j)
        self.emit(name, i)
        if after > start:  # else no argument: the interpreter says what is missing
            self.emit("(", start)
            self.seq(start, end, condition=False)
            self.emit(")", after - 1)
        if exponent is not None:
            self.emit("^", exponent[0] - 1)
            self.emit("(", exponent[0])
            self.seq(*exponent, condition=False)
            self.emit(")", exponent[1] - 1)
        return after

    def braces(self, i: int) -> None:
        """``{c1: v1, c2: v2, v3}`` → ``Piecewise((v1, c1), (v2, c2), (v3, True))``."""
        close = self.partner[i]
        pieces = self.split(i + 1, close, ",")
        self.emit("Piecewise", i)
        self.emit("(", i)
        for n, (a, b) in enumerate(pieces):
            last = n == len(pieces) - 1
            colons = self.split(a, b, ":")
            if a == b:  # an empty piece: point at the comma or brace
                raise self.piece_error(a)
            if len(colons) > 2:  # a second colon
                raise self.piece_error(colons[2][0] - 1)
            if len(colons) == 1 and not last:  # a piece without a condition that is not last
                raise self.piece_error(a)
            if any(c == d for c, d in colons):  # ": x" or "x < 0:"
                raise self.piece_error(colons[1][0] - 1)
            value = colons[-1]
            condition = colons[0] if len(colons) == 2 else None
            self.pair(value, condition)
            if not last:
                self.emit(",", b)
        self.emit(")", close)

    def piecewise(self, i: int) -> int:
        """SymPy's ``Piecewise((v1, c1), (v2, True))``, checked piece by piece."""
        k = i + 1
        if k >= len(self.t) or self.t[k].text != "(":
            raise self.piece_error(i)
        close = self.partner[k]
        self.emit("Piecewise", i)
        self.emit("(", k)
        pieces = self.split(k + 1, close, ",")
        for n, (a, b) in enumerate(pieces):
            if a == b or self.t[a].text != "(" or self.partner[a] != b - 1:
                raise self.piece_error(min(a, close))
            parts = self.split(a + 1, b - 1, ",")
            if len(parts) != 2 or any(c == d for c, d in parts):
                raise self.piece_error(a)
            self.pair(parts[0], parts[1])
            if n < len(pieces) - 1:
                self.emit(",", b)
        self.emit(")", close)
        return close + 1

    def pair(self, value: tuple[int, int], condition: tuple[int, int] | None) -> None:
        self.emit("(", value[0])
        self.emit("(", value[0])
        self.seq(*value, condition=False)
        self.emit(")", value[1] - 1)
        self.emit(",", value[0])
        a, b = condition or (value[0], value[0])
        if condition is None or (b == a + 1 and self.t[a].text in ALWAYS):
            self.emit("True", a)
        elif not any(self.t[k].text in COMPARISONS for k in range(a, b)):
            raise self.piece_error(a)
        else:
            self.emit("(", a)
            self.seq(a, b, condition=True)
            self.emit(")", b - 1)
        self.emit(")", value[1] - 1)

    # -- scanning (where does an argument end?) --------------------------------------------------

    def power_end(self, k: int, j: int) -> int:
        """End of an exponent: a sign, then a number, name, bracket or application; ``^`` again."""
        if k < j and self.t[k].text in "+-":
            k += 1
        end = self.primary_end(k, j)
        if end > k and end < j and self.t[end].text in POWER:
            return self.power_end(end + 1, j)
        return end

    def primary_end(self, k: int, j: int) -> int:
        if k >= j:
            return k
        tok = self.t[k]
        if tok.text == "(":
            return self.partner[k] + 1
        if tok.text in self.functions:
            return self.application_end(k, j)
        return k + 1 if self.atom(k) else k

    def application_end(self, i: int, j: int) -> int:
        k = i + 1
        if k < j and self.t[k].text in POWER:
            k = self.power_end(k + 1, j)
        if k < j and self.t[k].text == "(":
            return self.partner[k] + 1
        return self.argument_end(k, j)

    def argument_end(self, k: int, j: int) -> int:
        """The next factor: a function application, or a number and names, each with a power."""
        if k < j and self.t[k].text in self.functions:
            return self.powered(self.application_end(k, j), j)
        if k < j and self.t[k].kind == tokenize.NUMBER:
            k = self.powered(k + 1, j)
        while k < j and self.atom(k) and self.t[k].kind == tokenize.NAME:
            k = self.powered(k + 1, j)
        return k

    def powered(self, k: int, j: int) -> int:
        return self.power_end(k + 1, j) if k < j and self.t[k].text in POWER else k

    def atom(self, k: int) -> bool:
        tok = self.t[k]
        special = tok.text in self.functions or tok.text in ALWAYS or tok.text == "Piecewise"
        return tok.kind in (tokenize.NUMBER, tokenize.NAME) and not special

    def split(self, a: int, b: int, sep: str) -> list[tuple[int, int]]:
        """Ranges of tokens in [a, b) between the ``sep`` tokens outside brackets."""
        parts, start, k = [], a, a
        while k < b:
            if self.t[k].text in _OPENERS:
                k = self.partner[k] + 1
                continue
            if self.t[k].text == sep:
                parts.append((start, k))
                start = k + 1
            k += 1
        parts.append((start, b))
        return parts

    # -- errors ----------------------------------------------------------------------------------

    def error(self, code: str, message: str, k: int) -> InputError:
        what = self.t[k].text
        return InputError(code, message, {"what": what}, self.norm.position(self.t[k].at))

    def piece_error(self, k: int) -> InputError:
        position = self.norm.position(self.t[min(k, len(self.t) - 1)].at)
        return InputError(
            "piecewise",
            f"malformed piecewise function at {position}: write it as {{x < 0: -x, x}}",
            {},
            position,
        )
