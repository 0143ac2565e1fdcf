r"""Korean particles after words that change: numbers, formulas, names.

A catalog string writes a particle in its "tolerance" form right after a placeholder (or after
the ``$…$`` / ``` `…` ``` around it): ``을(를)``, ``은(는)``, ``이(가)``, ``과(와)``, ``(으)로``.
:func:`resolve` picks the form from how the word before it is *read* in Korean — ``6`` 육 → 이,
``2`` 이 → 가, ``x`` 엑스 → 가, ``x^{2}`` 엑스 제곱 → 이, ``f(x)`` 에프 엑스 → 가. The choice
itself (and the reading of decimals: 10 십, 1000 천) is the `tossi` library's; this module only
turns the end of a formula into Hangul that tossi can read.

>>> resolve("`x`을(를) 쓰려던")
'`x`를 쓰려던'
>>> resolve("손실이 0.3(으)로 바뀌었습니다")
'손실이 0.3으로 바뀌었습니다'
"""

from __future__ import annotations

import re

import tossi

#: The tolerance forms a catalog may use, and the particle tossi is asked to pick.
MARKERS = {"을(를)": "을", "은(는)": "은", "이(가)": "이", "과(와)": "과", "(으)로": "으로"}
MARKER = re.compile("|".join(re.escape(m) for m in MARKERS))

_LETTERS = {  # English letter names as read in Korean
    "a": "에이", "b": "비", "c": "씨", "d": "디", "e": "이", "f": "에프", "g": "지", "h": "에이치",
    "i": "아이", "j": "제이", "k": "케이", "l": "엘", "m": "엠", "n": "엔", "o": "오", "p": "피",
    "q": "큐", "r": "알", "s": "에스", "t": "티", "u": "유", "v": "브이", "w": "더블유",
    "x": "엑스", "y": "와이", "z": "제트",
}  # fmt: skip
_GREEK = {  # LaTeX names and letters; only the readings' last syllables matter
    "epsilon": "엡실론", "upsilon": "입실론", "omicron": "오미크론", "infty": "무한대",
    "ε": "엡실론", "∞": "무한대", "max": "맥스", "min": "민", "prime": "프라임", "′": "프라임",
    "″": "프라임", "cdot": "곱하기", "ln": "엘엔", "log": "로그", "sin": "사인", "cos": "코사인",
    "tan": "탄젠트", "exp": "익스포넨셜", "sqrt": "루트", "relu": "렐루",
}  # fmt: skip
_SYMBOLS = {  # what a student may type that the parser names back
    "+": "플러스", "-": "마이너스", "−": "마이너스", "*": "별표", "/": "슬래시", "^": "캐럿",
    "=": "등호", "<": "부등호", ">": "부등호", "≤": "부등호", "≥": "부등호", "!": "느낌표",
    "(": "괄호", ")": "괄호", "[": "괄호", "]": "괄호", "{": "중괄호", "}": "중괄호",
    ",": "쉼표", ".": "점", ":": "쌍점", ";": "쌍반점", "|": "세로 막대", "√": "루트",
    "&": "앰퍼샌드", "%": "퍼센트", "_": "밑줄", "'": "작은따옴표", "\"": "큰따옴표",
}  # fmt: skip
_VOWEL_GREEK = "αβγδζηθικλμνξπρστφχψωΔΛΣΘΦΨΩ"  # 알파 베타 … all end in a vowel
_POWER = re.compile(r"(\^-?[\w*]+|[⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ])$")  # 10⁻¹¹: 10의 −11제곱; x^{…}: see reading
_FRACTION = re.compile(r"([\w.]+)/[\w.]+$")  # b분의 a: read a (\frac{a}{b}: see reading)
_FRAC = re.compile(r"\\[dt]?frac$")
_CLOSERS = (  # longest first: \right\rfloor before \rfloor
    "\\right\\rfloor", "\\right\\rceil", "\\rfloor", "\\rceil",
    "\\right)", "\\right|", "\\right]", "\\right.", ")", "]", "|",
)  # fmt: skip
_SPACING = re.compile(r"(\\[,;:!> ]|\\q?quad|~|\s)+$")  # x\, is read x: a space is silent
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")  # w₀: 더블유 영
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?$")


def reading(word: str) -> str:
    r"""Hangul (or digits) that end the way ``word`` is read aloud in Korean.

    >>> [reading(w) for w in ("0", "x", "x^{2}", "f(x)", r"\frac{1}{x}", r"\lambda_{\max}")]
    ['0', '엑스', '제곱', '엑스', '1', '맥스']
    """
    w = word.strip().strip("$`").rstrip(" \\").translate(_SUBSCRIPTS)
    for _ in range(len(w) + 1):
        w = _SPACING.sub("", w)
        if _POWER.search(w):
            return "제곱"
        group = _last_group(w)  # a {…} at the end, braces nested or not
        if group is not None:
            head, inner = w[:group], w[group + 1 : -1]
            if head.endswith("^"):  # x^{\frac{1}{3}}: 엑스의 3분의 1 제곱
                return "제곱"
            numerator = _last_group(head)
            if numerator is not None and _FRAC.search(head[:numerator]):
                w = head[numerator + 1 : -1].strip()  # \frac{a}{b}: b분의 a
            else:
                w = f"{head} {inner}".strip()  # \hat{y}, \sqrt{x}, w_{0}: read what is inside
            continue
        fraction = _FRACTION.search(w)
        if fraction:
            w = fraction.group(1).strip()
            continue
        closer = next((c for c in _CLOSERS if w.endswith(c)), None)
        if closer is None or w == closer:
            break
        w = w[: -len(closer)].rstrip()
    if number := _NUMBER.search(w):
        return number.group(0)
    name = re.search(r"\\?([A-Za-z]+)$", w)
    if name and name.group(1).lower() in _GREEK:
        return _GREEK[name.group(1).lower()]
    if name and name.group(0).startswith("\\"):
        return "아"  # \alpha, \theta, \pi, …: Greek names end in a vowel
    if not w:
        return ""
    last = w[-1]
    if last.lower() in _LETTERS:
        return _LETTERS[last.lower()]
    if last in _GREEK:
        return _GREEK[last]
    if last in _VOWEL_GREEK:
        return "아"
    if last in _SYMBOLS:
        return _SYMBOLS[last]
    return last  # Hangul as is; anything else leaves tossi its tolerance form


def _last_group(w: str) -> int | None:
    """Where the brace group that ends ``w`` opens (nested groups included), or ``None``.

    >>> _last_group("x^{\\frac{1}{3}}"), _last_group("x"), _last_group("a}")
    (2, None, None)
    """
    if not w.endswith("}"):
        return None
    depth = 0
    for i in range(len(w) - 1, -1, -1):
        if i and w[i - 1] == "\\":  # \{ and \} are braces shown, not a group
            continue
        depth += (w[i] == "}") - (w[i] == "{")
        if depth == 0:
            return i
    return None


def particle(word: str, marker: str) -> str:
    """The particle for ``marker`` (a tolerance form, or one of its two forms) after ``word``.

    >>> [particle(w, "이(가)") for w in ("0", "1", "2", "3", "6", "x", "x²", "f(x)")]
    ['이', '이', '가', '이', '이', '가', '이', '가']
    """
    return tossi.pick(reading(word), MARKERS.get(marker, marker))


def last_word(text: str) -> str:
    """The word a particle at the end of ``text`` attaches to: the ``$…$`` formula or
    ``` `…` ``` code just before it, else the last run of non-spaces."""
    for fence in ("$", "`"):
        if text.endswith(fence):
            start = text.rfind(fence, 0, len(text) - 1)
            return text[start + 1 : -1]
    return text.split()[-1] if text.split() else ""


def resolve(text: str) -> str:
    """Every tolerance-form particle in ``text`` replaced by the form its word takes."""
    out, end = [], 0
    for match in MARKER.finditer(text):
        out.append(text[end : match.start()])
        out.append(particle(last_word("".join(out)), match.group(0)))
        end = match.end()
    return "".join(out) + text[end:]
