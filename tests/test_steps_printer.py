"""ui.steps: every rule has a name in both languages; the printout follows the tree."""

import sympy as sp

from mathcore import derivative_steps, parse_expression
from mathcore.diffsteps import RULES
from ui.i18n import LANGUAGES, catalog
from ui.steps import steps_markdown

x = sp.Symbol("x", real=True)


def test_every_rule_is_named_in_both_languages():
    for lang in LANGUAGES:
        assert {f"steps.rule.{rule}" for rule in RULES} <= set(catalog(lang))


def test_steps_markdown_in_both_languages():
    tree = derivative_steps(parse_expression("x^2 sin x"), x)
    en, ko = steps_markdown(tree, "en"), steps_markdown(tree, "ko")
    assert en.splitlines()[0].startswith("- **Product rule**")
    assert ko.splitlines()[0].startswith("- **곱의 법칙**")
    assert [len(line) - len(line.lstrip()) for line in en.splitlines()] == [0, 2, 2]
    assert "Power rule" in en and "Trigonometric rule" in en


def test_steps_markdown_shows_simplification():
    tree = derivative_steps(parse_expression("(x^2 - 1)/(x - 1)"), x)
    assert tree.unsimplified != tree.result
    lines = steps_markdown(tree, "en").splitlines()
    assert sp.latex(tree.unsimplified) in lines[0]
    assert lines[-1].startswith("- Simplify:") and lines[-1].endswith(f"= {sp.latex(tree.result)}$")


def test_korean_steps_choose_the_particle_from_the_formula():
    """The particle after $u = …$ follows how its end is read: 제곱, 삼 → 으로; 일, 엑스 → 로."""
    cases = (("e^(x^2)", "으로"), ("e^(x^2 + 3)", "으로"), ("e^(x + 1)", "로"), ("e^(3x)", "로"))
    for text, particle in cases:
        first = steps_markdown(derivative_steps(parse_expression(text), x), "ko").splitlines()[0]
        assert first.endswith(f"${particle} 놓습니다."), first
