"""Sentences that read right: Korean particles after numbers and formulas, no internal names,
English plurals, words in LaTeX set as words."""

import re
import string

import pytest

from ui.i18n import LANGUAGES, catalog, text
from ui.korean import MARKERS, particle

# A particle written out after a placeholder (or after the $…$ / `…` around one) is right for
# some values and wrong for others ("0가", "x을"): it must be a tolerance form that text()
# resolves. A particle ends the word: followed by a space, punctuation or the end.
_FIELD = r"(?<!\{)\{\w+\}(?!\})"  # a placeholder, not LaTeX's escaped {{…}}
_VARIABLE = rf"({_FIELD}|\$[^$]*{_FIELD}[^$]*\$|`[^`]*{_FIELD}[^`]*`)"
_FIXED = re.compile(_VARIABLE + r"(은|는|이|가|을|를|과|와|으로|로)(?=[\s.,:;!?)*—]|$)")
_TOLERANCE = re.compile(r"\((이|가|을|를|은|는|과|와|으|로)\)")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_no_fixed_particle_after_a_variable_word_in_korean():
    wrong = {k: m.group(0) for k, v in catalog("ko").items() if (m := _FIXED.search(v))}
    assert not wrong, wrong


def test_every_tolerance_form_is_one_text_resolves():
    for key, value in catalog("ko").items():
        stripped = value
        for marker in MARKERS:
            stripped = stripped.replace(marker, "")
        assert not _TOLERANCE.search(stripped), (key, value)


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("0", "이을은과으로"),  # 영
        ("1", "이을은과로"),  # 일: ㄹ takes 로
        ("2", "가를는와로"),  # 이
        ("3", "이을은과으로"),  # 삼
        ("6", "이을은과으로"),  # 육
        ("10", "이을은과으로"),  # 십
        ("0.5", "가를는와로"),  # 영점 오
        ("x", "가를는와로"),  # 엑스
        ("x²", "이을은과으로"),  # 엑스 제곱
        ("x^{2}", "이을은과으로"),
        ("f(x)", "가를는와로"),  # 에프 엑스
        ("sin", "이을은과으로"),  # 사인
        (r"\frac{1}{x}", "이을은과로"),  # 엑스분의 일
        ("L", "이을은과로"),  # 엘
        ("10⁻¹¹", "이을은과으로"),  # 십의 마이너스 십일 제곱
        ("10⁶", "이을은과으로"),  # 십의 육 제곱
        (r"1 \times 10^{-6}", "이을은과으로"),
        # found by a fresh user; readings by hand: 무한대 (∞ with its sign), 엑스의 3분의 1
        # 제곱, 엑스 제곱 분의 이, 엑스 (floor of x), 엑스 (a thin space is silent)
        ("-\\infty", "가를는와로"),
        ("+∞", "가를는와로"),
        ("−∞", "가를는와로"),
        ("-x", "가를는와로"),
        (r"x^{\frac{1}{3}}", "이을은과으로"),
        (r"\frac{2}{x^{2}}", "가를는와로"),
        (r"\left\lfloor{x}\right\rfloor", "가를는와로"),
        (r"\lfloor x \rfloor", "가를는와로"),
        (r"x\,", "가를는와로"),
        (r"3\,", "이을은과으로"),
    ],
)
def test_particle_follows_how_the_word_is_read(word, forms):
    picked = "".join(particle(word, m) for m in ("이(가)", "을(를)", "은(는)", "과(와)", "(으)로"))
    assert picked == forms


@pytest.mark.parametrize(
    ("value", "expected"), [("0", "0이"), ("2", "2가"), ("6", "6이"), ("x", "x가")]
)
def test_rendered_korean_particles(value, expected):
    said = text("ko", "input.error.bad_number", number=value)
    assert f"`{value}`" in said and "(" not in said.split("`")[-1][:4]
    rendered = {
        key: text("ko", key, **dict.fromkeys(_fields(template), value))
        for key, template in catalog("ko").items()
        if not key.startswith("math.")
    }
    for key, said in rendered.items():
        assert not any(m in said for m in MARKERS), (key, said)
    wrong = {"0": "0가", "2": "2이 ", "6": "6가", "x": "x이 "}[value]
    assert not [k for k, s in rendered.items() if wrong in s]


def test_suggestions_read_right():
    ko = text("ko", "input.error.unknown_name_suggest", name="sinn", suggestion="sin")
    assert ko == "알 수 없는 이름 `sinn` — `sin`을 쓰려던 것인가요?"
    ko = text("ko", "input.error.bad_character_suggest", char="х", suggestion="x")
    assert "`x`를 쓰려던" in ko


_INTERNAL = re.compile(r"mathcore|[Ss]ym[Pp]y|lambdify|Piecewise\(|\bzoo\b|\bnan\b|AccumBounds")


def test_no_internal_names_in_visible_text():
    for lang in LANGUAGES:
        leaked = {  # the Python expander (``[code]``) names SymPy and what it answers, by design
            k: v for k, v in catalog(lang).items() if _INTERNAL.search(v) and k[:5] != "code."
        }
        assert not leaked, leaked


def test_no_underscore_names_outside_latex():
    for lang in LANGUAGES:
        for key, value in catalog(lang).items():
            if key.startswith("code.comment."):  # comments inside the Python code itself
                continue
            outside = re.sub(r"\$[^$]*\$|`[^`]*`|\{\w+\}", "", value)
            assert not re.search(r"\w_\w", outside), (key, value)


def test_english_plurals_are_real_words():
    leaked = {k: v for k, v in catalog("en").items() if "(s)" in v}
    assert not leaked, leaked
    where = {"en": "in [0, 1]", "ko": "[0, 1]에서"}  # extrema.where_in
    assert text("en", "extrema.count", count=1, where=where["en"]) == "1 critical point in [0, 1]"
    assert text("en", "extrema.count", count=2, where=where["en"]) == "2 critical points in [0, 1]"
    assert text("ko", "extrema.count", count=2, where=where["ko"]) == "[0, 1]에서 임계점 2개"


def test_words_in_latex_are_text():
    """Inside $…$ a word of two or more letters is a product of italic letters unless it is
    wrapped: \\text{…}, \\operatorname{…} or a command (\\max, \\ln)."""
    for lang in LANGUAGES:
        for key, value in catalog(lang).items():
            for math in re.findall(r"\$([^$]+)\$", value):
                bare = re.sub(r"\\(text|operatorname|mathrm)\{\{?[^{}]*\}?\}|\\[a-zA-Z]+", "", math)
                bare = re.sub(r"\{\{?\w+\}?\}", "", bare)  # placeholders
                assert not re.search(r"[A-Za-z]{3,}", bare), (key, math)


def test_no_minus_zero_in_numbers():
    from ui.tables import markdown_table, tex_number

    assert tex_number(-0.0) == "0"
    assert tex_number(-1e-30 * 0) == "0"
    assert "-0" not in markdown_table({"h": [-0.0], "f": [-0.0]}, digits=3)


def test_out_of_range_numbers_are_explained_in_the_pages_language():
    """Streamlit's own range message is English: number inputs carry no bounds, the page
    clamps and says so (here x = 500 in the URL of the gradient-descent page)."""
    from tests.apptest import open_page

    at = open_page("gradient-descent", lang="ko", x="500")
    assert not at.exception
    said = [w.value for w in at.warning]
    expected = "**입력 x** 값은 -100에서 100 사이여야 합니다: 500은 이 범위를 벗어나므로 100으로"
    assert any(w.startswith(expected + " 계산합니다.") for w in said), said
    bounded = [n.label for n in at.number_input if n.min is not None or n.max is not None]
    assert not bounded, bounded


def test_practice_seed_below_one_is_explained():
    from tests.apptest import open_page

    at = open_page("practice", lang="en", seed="0")
    assert not at.exception
    assert any("must be at least 1" in w.value for w in at.warning)


def test_streamlit_english_input_hints_are_hidden():
    from streamlit.testing.v1 import AppTest

    def page():
        from ui.style import hide_english_hints

        hide_english_hints()

    at = AppTest.from_function(page, default_timeout=30).run()
    assert not at.exception
    (html,) = at.get("html")
    css = html.proto.body
    assert '[data-testid="InputInstructions"]' in css and "display: none" in css


@pytest.mark.parametrize(
    ("page", "query", "shown"),
    [
        ("limits", {"f": "(2^x - 1)/x", "a": "0"}, r"= \ln{\left(2 \right)}$"),  # lim = ln 2
        ("derivatives", {"f": "2^x", "a": "0"}, r"\ln{\left(2 \right)}"),  # f′(0) = ln 2
        ("continuity", {"f": "ln(x) + 2^x", "a": "1"}, r"\ln"),
        ("backprop", {"xs": "1,2", "ys": "2,4"}, "L(w, b)"),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_formula_on_a_page_says_ln_not_log(page, query, shown, lang):
    """In the course's notation (and Korean textbooks) log is base 10: every formula a page
    prints — results, values at a point, echoes — goes through the course's printer."""
    from tests.apptest import open_page

    at = open_page(page, lang=lang, **query)
    elements = [*at.markdown, *at.latex, *at.success, *at.info, *at.warning, *at.caption]
    everything = "\n".join(str(e.value) for e in elements)
    assert shown in everything
    assert r"\log" not in everything


def test_one_step_is_singular():
    # found by a fresh pair of eyes: "After 1 steps" on /gradient-descent and /backprop
    from tests.apptest import open_page

    at = open_page("gradient-descent", lang="en", steps="1")
    said = " ".join(m.value for m in at.markdown)
    assert "After 1 step:" in said and "1 steps" not in said
    at = open_page("backprop", lang="en", steps="1")
    assert "After 1 step:" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize(("f", "a"), [("-x", "-oo"), ("x", "oo"), ("x^2", "-oo")])
def test_korean_divergence_toward_infinity_says_f_without_also(f, a):
    # found by a fresh user: "-x" as x → −∞ read "x가 … 작아질 때 f도 한없이 커집니다" —
    # "f도" (f also) when x falls and f grows; f → +∞ in all three (−(−∞), ∞, (−∞)²)
    from tests.apptest import open_page

    at = open_page("limits", lang="ko", f=f, a=a)
    (said,) = [e.value for e in at.warning if "발산" in e.value]
    assert "f는 +∞로 발산합니다" in said and "f는 한없이 커집니다" in said
    assert "f도" not in said
