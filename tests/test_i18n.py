"""The catalogs: same keys in Korean and English, every placeholder in both, no empty strings."""

import re
import string

from ui.i18n import LANGUAGES, catalog, pick_language, text


def test_catalogs_have_the_same_keys():
    ko, en = catalog("ko"), catalog("en")
    assert set(ko) == set(en), set(ko) ^ set(en)


def test_catalogs_have_the_same_placeholders():
    fields = {
        lang: {
            k: {f for _, f, _, _ in string.Formatter().parse(v) if f}
            for k, v in catalog(lang).items()
            if not k.startswith("math.")
        }
        for lang in LANGUAGES
    }
    assert fields["ko"] == fields["en"]


def test_math_words_are_latex_templates():
    """``[math]`` holds LaTeX read as is (its braces are LaTeX's): "{condition}" marks where a
    piece's condition goes, in every language's "when" and in no "otherwise"."""
    for lang in LANGUAGES:
        words = catalog(lang)
        assert words["math.when"].count("{condition}") == 1
        assert "{condition}" not in words["math.otherwise"]
        assert words["math.otherwise"].startswith("\\text{")


def test_catalog_strings_are_filled_and_korean_is_korean():
    for lang in LANGUAGES:
        assert all(v.strip() for v in catalog(lang).values())
    assert re.search("[가-힣]", text("ko", "app.title"))


def test_pick_language():
    assert pick_language("en", "ko-KR") == "en"
    assert pick_language(None, "ko-KR") == "ko"
    assert pick_language(None, "en-GB") == "en"
    assert pick_language("fr", "de-DE") == "ko"
