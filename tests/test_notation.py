"""normalize: Unicode math notation to ASCII, with positions mapped back to the original."""

import pytest

from mathcore import InputError
from mathcore.notation import normalize


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
    ],
)
def test_normalize(text, ascii_text):
    assert normalize(text).text == ascii_text


def test_normalize_positions():
    norm = normalize("3x² − |x|")
    assert norm.text[norm.text.index("abs")] == "a"
    assert norm.position(norm.text.index("abs")) == 6
    assert norm.position(norm.text.index("-")) == 4


@pytest.mark.parametrize(("text", "position"), [("х", 0), ("2·у", 2), ("x≤1", 1), ("x\x00", 1)])
def test_normalize_refuses(text, position):
    with pytest.raises(InputError) as err:
        normalize(text)
    assert (err.value.code, err.value.position) == ("bad_character", position)
