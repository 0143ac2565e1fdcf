"""AppTest: the home page reads a function and echoes it, or explains what is wrong."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


def run(**query):
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(query)
    return at.run()


def test_home_echoes_the_default_function():
    at = run(lang="en")
    assert not at.exception
    assert at.title[0].value == "ML Calculus Lab"
    assert at.latex[0].value.strip("$\n") == "f(x) = x^{2} - 4 x + 3"


def test_home_reads_what_students_type():
    at = run(lang="en")
    at.text_input(key="f").input("3x² − |x| + sin^2 x").run()
    assert at.latex[0].value.strip("$\n") == (
        r"f(x) = 3 x^{2} + \sin^{2}{\left(x \right)} - \left|{x}\right|"
    )


def test_home_explains_errors_in_both_languages():
    at = run(lang="en", f="sinn x")
    assert at.error[0].value == "Unknown name `sinn` — did you mean `sin`?"
    assert at.code[0].value == "sinn x\n^"
    assert not at.latex
    at.segmented_control(key="lang_switch").set_value("ko").run()
    assert at.title[0].value == "ML 미적분 실험실"
    assert at.error[0].value == "알 수 없는 이름 `sinn` — `sin`을 쓰려던 것인가요?"


def test_home_shows_hostile_text_only_as_code():
    at = run(lang="en", f="__import__('os').system('ls')")
    assert at.error[0].value == "The character `'` is not allowed."  # as itself, in code
    assert at.code[0].value.startswith("__import__('os')")
    at = run(lang="en", f="x`**y**`")  # a backtick could close the code span: its code point
    assert at.error[0].value == "The character `U+0060` is not allowed."


def test_home_has_a_card_per_topic():
    at = run(lang="en")
    links = [link.proto.label for link in at.get("page_link")]
    for topic in ("Limits", "Continuity", "Extrema", "Derivatives", "Gradient descent", "Practice"):
        assert f"**{topic}**" in links
