"""String catalogs (Korean and English, same keys) and the current language.

>>> print(text("en", "input.error.unknown_name_suggest", name="sinn", suggestion="sin"))
Unknown name `sinn` — did you mean `sin`?
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"  # the course is Korean
_LOCALES = Path(__file__).parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, flattened to dotted keys (``input.label``)."""
    with open(_LOCALES / f"{lang}.toml", "rb") as f:
        return _flatten(tomllib.load(f))


def text(lang: str, key: str, **params: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``params``."""
    return catalog(lang)[key].format(**params)


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
