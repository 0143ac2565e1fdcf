"""End to end: the "Python" expander opens on the code behind the page, with its copy button and
the pitfalls in the page's language."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE

CASES = [  # (lesson link, a line of the code, a pitfall comment in the code, a note's words)
    (
        "/continuity?f=relu(x)&a=0&lang=en",
        "f = Max(0, x)",
        "its value there is a convention, not f'(a)",
        "SymPy evaluates to",
    ),
    (
        "/continuity?f=relu(x)&a=0&lang=ko",
        "f = Max(0, x)",
        "그 값은 약속일 뿐 f'(a)가 아닙니다",
        "ReLU는 0에서 미분할 수 없습니다",
    ),
    (
        "/derivatives?f=x%5E(1/3)&a=0&lang=en",
        "f = real_root(x, 3)",
        "the real cube root is real_root(x, 3)",
        "principal, complex root",
    ),
]


@pytest.mark.parametrize(("link", "line", "comment", "note"), CASES)
def test_the_python_expander_shows_the_code(server, page, link, line, comment, note):
    page.goto(server.url + link)
    page.wait_for_selector(IDLE, timeout=60_000)
    main = page.locator('[data-testid="stMain"]')
    expander = main.locator('[data-testid="stExpander"]').filter(
        has=page.locator("summary", has_text="Python")
    )
    expect(expander).to_have_count(1)
    code = expander.locator('[data-testid="stCode"]')
    expect(code).to_be_hidden()  # folded until a student opens it
    expander.locator("summary").click()
    expect(code).to_be_visible()
    expect(code).to_contain_text("from sympy import *")
    expect(code).to_contain_text(line)
    expect(code).to_contain_text(comment)
    expect(expander).to_contain_text(note)
    code.hover()
    expect(code.locator("button")).to_have_count(1)  # Streamlit's copy button
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
