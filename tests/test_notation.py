"""normalize: Unicode math notation to ASCII, with positions mapped back to the original."""

import pytest

from mathcore import InputError
from mathcore.notation import explicit, normalize


@pytest.mark.parametrize(
    ("text", "ascii_text"),
    [
        ("x²+x³", "x^(2)+x^(3)"),
        ("eˣ", "e^(x)"),
        ("x⁻¹", "x^(-1)"),
        ("2·x×3", "2*x*3"),
        ("x − 1", "x - 1"),
        ("√x", " sqrt x"),
        ("2π", "2 pi "),
        ("ｘ（１）", "x(1)"),
        ("|x - |x||", "abs(x - abs(x))"),
        ("|x||x|", "abs(x)abs(x)"),
        ("x|x|", "x abs(x)"),
        ("ln|x|", "ln abs(x)"),
        ("∛x + ∜x", " cbrt x +  sqrt sqrt x"),
        ("x ≤ 1 ≠ 2 ≥ 0", "x <= 1 != 2 >= 0"),
        ("{x < 0: -x, x}", "{x < 0: -x, x}"),
    ],
)
def test_normalize(text, ascii_text):
    assert normalize(text).text == ascii_text


def test_normalize_positions():
    norm = normalize("3x² − |x|")
    assert norm.text[norm.text.index("abs")] == "a"
    assert norm.position(norm.text.index("abs")) == 6
    assert norm.position(norm.text.index("-")) == 4


@pytest.mark.parametrize(("text", "position"), [("х", 0), ("2·у", 2), ("x∫1", 1), ("x\x00", 1)])
def test_normalize_refuses(text, position):
    with pytest.raises(InputError) as err:
        normalize(text)
    assert (err.value.code, err.value.position) == ("bad_character", position)


FUNCTIONS = ("sin", "cos", "tan", "ln", "abs", "sqrt", "max")


@pytest.mark.parametrize(
    ("text", "explicit_text"),
    [
        ("sin x cos x", "sin ( x ) cos ( x )"),
        ("sin 2x", "sin ( 2 x )"),
        ("sin 2 pi x^2", "sin ( 2 pi x ^ 2 )"),
        ("sin x/x", "sin ( x ) / x"),
        ("ln x + 1", "ln ( x ) + 1"),
        ("ln sin x", "ln ( sin ( x ) )"),
        ("ln|x|^2", "ln ( abs ( x ) ^ 2 )"),
        ("sin x (x+1)", "sin ( x ) ( x + 1 )"),
        ("sin^2 x", "sin ( x ) ^ ( 2 )"),
        ("sin^(-1)(x)", "asin ( x )"),
        ("tan^-1 x", "atan ( x )"),
        ("max(x, 0)", "max ( x , 0 )"),
        ("sin", "sin"),
        ("{x = 0: 1, 0}", "Piecewise ( ( ( 1 ) , ( x == 0 ) ) , ( ( 0 ) , True ) )"),
        (
            "Piecewise((x, x > 0), (0, otherwise))",
            "Piecewise ( ( ( x ) , ( x > 0 ) ) , ( ( 0 ) , True ) )",
        ),
    ],
)
def test_explicit(text, explicit_text):
    assert explicit(normalize(text), FUNCTIONS).text == explicit_text


def test_explicit_positions():
    norm = explicit(normalize("2 + sin x"), FUNCTIONS)
    assert norm.position(norm.text.index("sin")) == 4
    assert norm.position(norm.text.index("x")) == 8
    assert norm.position(norm.text.index("(")) == 8  # an added bracket sits at its argument


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("x = 1", "not_allowed", 2),
        ("{x < 0, 1}", "piecewise", 1),
        ("{x < 0: -x, }", "piecewise", 12),
        ("cot^-1 x", "ambiguous_inverse", 3),
    ],
)
def test_explicit_refuses(text, code, position):
    with pytest.raises(InputError) as err:
        explicit(normalize(text), ("cot",))
    assert (err.value.code, err.value.position) == (code, position)
