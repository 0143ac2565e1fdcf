"""Turn what students type into plain ASCII math, remembering where each character came from.

Superscripts become powers (``x²`` → ``x^(2)``, ``eˣ`` → ``e^(x)``), math symbols become
operators (``·``, ``×``, ``−``, ``√``, ``π``), the rest goes through Unicode NFKC (so full-width
``ｘ`` is ``x``), and ``|…|`` becomes ``abs(…)``. Letters that merely look Latin, such as
Cyrillic ``х``, are refused rather than turned into new symbols.

>>> normalize("3x² − |x|").text
'3x^(2) - abs(x)'
"""

from __future__ import annotations

import unicodedata
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
    "π": " pi ",
    "∞": " oo ",
}
LOOKALIKES = {"х": "x", "у": "y", "е": "e", "а": "a", "о": "o", "р": "p", "с": "c", "χ": "x"}
ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _+-*/^(),.")


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
                _emit(out, new_origin, "abs(", origin[k])
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
