"""What a fresh user types or links: a hand-typed ``+`` in a lesson link, a left-hand side such as
``f(x) =`` in a function box, and a box that is full (its length limit said in words)."""

import math

import pytest
import sympy as sp

from mathcore import InputError, parse_expression, parse_point
from mathcore.practice import read_answer
from tests.apptest import open_page
from ui.inputs import linked_formulas, linked_text

X = sp.Symbol("x", real=True)


def at_point(text: str, v: float) -> float:
    return float(parse_expression(text).subs(X, v))


# (raw query value as it reaches the server, the value of f at x = 0.7 computed by hand)
LINKS = [
    ("x+1", 0.7 + 1),  # typed by hand: the + is a plus (form-decoded it reads "x 1")
    ("x%5E2+2x+1", 0.7**2 + 2 * 0.7 + 1),  # ^ encoded by the browser, pluses typed
    ("x^2+1", 0.7**2 + 1),  # ^ left as typed: a hand-typed link
    ("x+sin(x)", 0.7 + math.sin(0.7)),  # brackets: typed by hand, not x·sin x
    ("x%20+%201", 0.7 + 1),  # "x + 1" typed with spaces: %20 is a space, + a plus
    ("sin(x)+1", math.sin(0.7) + 1),
    ("x%5E2+%2B+1", 0.7**2 + 1),  # the app's own link of "x^2 + 1": + is %2B, space is +
    ("sin+x", math.sin(0.7)),  # the app's own link of "sin x"
    ("x+-+1", 0.7 - 1),  # the app's own link of "x - 1"
    ("sin+2x", math.sin(1.4)),  # the app's own "sin 2x": a space after a function stays
    ("x+*+sin+x", 0.7 * math.sin(0.7)),  # the browser's own link of "x * sin x"
]


@pytest.mark.parametrize(("raw", "expected"), LINKS)
def test_a_link_reads_as_its_writer_meant(raw, expected):
    assert at_point(linked_text(raw), 0.7) == pytest.approx(expected, rel=1e-12)


def test_a_links_raw_query_string_gives_the_formulas():
    assert linked_formulas("lang=en&f=x+1&a=pi+1") == {"f": "x+1", "a": "pi+1"}
    assert float(parse_point(linked_formulas("a=pi+1")["a"])) == pytest.approx(math.pi + 1)


def test_hand_typed_plus_in_a_lesson_link_is_a_plus():
    # ?f=x+1&a=0 reaches Streamlit form-decoded as f = "x 1": once read as x·1 = x, limit 0
    at = open_page("limits", lang="en", f="x 1", a="0")
    assert not at.exception and not at.error
    assert at.text_input(key="f").value == "x+1"
    assert at.latex[0].value.strip("$\n") == "f(x) = x + 1"
    # lim_{x→0} (x + 1) = 1, by substitution
    assert at.success[0].value.endswith(r"$\lim_{x \to 0} f(x) = 1$.")


def test_the_apps_own_links_keep_their_spaces():
    at = open_page("limits", lang="en", f="x^2 + 1", a="0")  # written as f=x%5E2+%2B+1
    assert at.text_input(key="f").value == "x^2 + 1"
    at = open_page("derivatives", lang="en", f="sin 2x", a="0")  # written as f=sin+2x
    assert at.latex[0].value.strip("$\n") == r"f(x) = \sin{\left(2 x \right)}"


@pytest.mark.parametrize(
    "text",
    ["f(x)=x^2", "f(x) = x^2", "y = x^2", "Y=x^2", "g(t)=t^2", "h(u) = u ^ 2", " f (x) = x²"],
)
def test_a_left_hand_side_in_a_function_box_is_accepted(text):
    assert at_point(text, 1.3) == pytest.approx(1.69, rel=1e-12)  # 1.3² by hand


@pytest.mark.parametrize("text", ["sin(x) = x", "x = 2", "f(x) == x", "f(2) = 4", "f(x, y) = x"])
def test_an_equation_is_still_refused(text):
    with pytest.raises(InputError):
        parse_expression(text)


def test_a_point_takes_no_left_hand_side():
    with pytest.raises(InputError):
        parse_point("y = 2")


def test_practice_answers_and_function_boxes_share_the_left_hand_side_rule():
    assert read_answer("F'(X) = 2x", "derivative").value == 2 * X
    assert read_answer("y = 3", "limit").value == 3
    with pytest.raises(InputError):  # f(x), not f'(x): the derivative drill wants f′
        read_answer("f(x) = 2x", "derivative")


def test_a_function_box_with_a_left_hand_side_on_the_page():
    at = open_page("derivatives", lang="en", f="f(x) = x^3", a="2")
    assert not at.exception and not at.error
    # f'(x) = 3x², so at 2 the slope is 12 and the tangent y = 12(x − 2) + 8 = 12x − 16
    assert at.success[0].value == "Tangent line at $x = 2$: $y = 12 x - 16$, slope $f'(2) = 12$"


LONG = "+".join(["x"] * 200)  # 399 characters: the box keeps the first 300, "x+…+x+"


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "at most 300 characters"), ("ko", "최대 300자")]
)
def test_a_full_box_says_its_limit_in_words(lang, words):
    at = open_page("limits", lang=lang, f=LONG, a="0")
    assert not at.exception
    assert len(at.text_input(key="f").value) == 300
    assert any(words in w.value for w in at.warning)
    assert words in at.text_input(key="f").help.lower()
    short = open_page("limits", lang=lang, f="x+1", a="0")
    assert not any(words in w.value for w in short.warning)


def test_a_full_practice_answer_says_its_limit():
    at = open_page("practice", lang="en", seed="1")
    at.text_input(key="answer-derivative").input("1+" * 150)  # 300 characters, the most
    at.button(key="check-derivative").click().run()
    assert any("at most 300 characters" in w.value for w in at.warning)
    assert "at most 300 characters" in at.text_input(key="answer-derivative").help.lower()
