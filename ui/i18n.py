"""String catalogs (Korean and English, same keys) and the current language.

>>> print(text("en", "input.error.unknown_name_suggest", name="sinn", suggestion="sin"))
Unknown name `sinn` — did you mean `sin`?
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from babel import Locale

from ui import korean

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"  # the course is Korean
_LOCALES = Path(__file__).parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, flattened to dotted keys (``input.label``)."""
    with open(_LOCALES / f"{lang}.toml", "rb") as f:
        return _flatten(tomllib.load(f))


def text(lang: str, key: str, **params: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``params``; a Korean particle written
    after a placeholder as ``을(를)``, ``이(가)``, … takes the form its word needs.

    >>> text("ko", "input.error.unknown_name_suggest", name="sinn", suggestion="sin")
    '알 수 없는 이름 `sinn` — `sin`을 쓰려던 것인가요?'
    """
    words = catalog(lang)
    if key not in words and "count" in params:  # one/other: the plural form ``count`` needs
        key = f"{key}.{_plural(lang, params['count'])}"
    template = words[key]
    pieces = korean.MARKER.split(template)
    if len(pieces) == 1:
        return template.format(**params)
    out = pieces[0].format(**params)
    for marker, piece in zip(korean.MARKER.findall(template), pieces[1:], strict=True):
        out += korean.particle(korean.last_word(out), marker) + piece.format(**params)
    return out


def _plural(lang: str, count: object) -> str:
    """CLDR's plural category of ``count`` in ``lang`` (Babel): English "one" or "other";
    Korean has only "other". A catalog entry with ``one``/``other`` is chosen by ``count``.

    >>> [text("en", "extrema.count", count=n, where="in [0, 1]") for n in (1, 3)]
    ['1 critical point in [0, 1]', '3 critical points in [0, 1]']
    """
    return Locale.parse(lang).plural_form(count)


def pick_language(query_value: str | None, locale: str | None) -> str:
    """``?lang=`` wins, then the browser locale (``ko-KR`` → ``ko``), then Korean.

    >>> pick_language(None, "en-US"), pick_language("ko", "en-US"), pick_language("xx", None)
    ('en', 'ko', 'ko')
    """
    for candidate in (query_value, (locale or "").split("-")[0].lower()):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
