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
        }
        for lang in LANGUAGES
    }
    assert fields["ko"] == fields["en"]


def test_catalog_strings_are_filled_and_korean_is_korean():
    for lang in LANGUAGES:
        assert all(v.strip() for v in catalog(lang).values())
    assert re.search("[가-힣]", text("ko", "app.title"))


def test_pick_language():
    assert pick_language("en", "ko-KR") == "en"
    assert pick_language(None, "ko-KR") == "ko"
    assert pick_language(None, "en-GB") == "en"
    assert pick_language("fr", "de-DE") == "ko"
