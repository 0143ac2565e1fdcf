"""AppTest: projector mode (?present=1 and the switch) folds inputs away and enlarges figures."""

from tests.apptest import chart, open_page


def test_projector_mode_from_the_link():
    at = open_page("limits", lang="en", present="1")
    assert at.toggle(key="present_switch").value is True
    assert at.expander[0].label == "Inputs"
    assert at.text_input(key="f").value == "1/(x+1)"  # still there, folded away
    figure = chart(at)
    assert figure["layout"]["font"]["size"] > 20 and figure["layout"]["height"] > 500


def test_projector_switch():
    at = open_page("derivatives", lang="en")
    assert not at.expander or at.expander[0].label != "Inputs"
    normal = chart(at)["layout"]["font"]["size"]
    at.toggle(key="present_switch").set_value(True).run()
    assert at.expander[0].label == "Inputs"
    assert chart(at)["layout"]["font"]["size"] > normal
    assert at.query_params["present"] == "1"


def test_projector_mode_on_the_backprop_lab():
    at = open_page("backprop", lang="en", present="1")
    assert [e.label for e in at.expander if e.label == "Inputs"] == ["Inputs", "Inputs"]
    graph = chart(at, 1)
    assert graph["data"][1]["textfont"]["size"] == 18  # node text grows with the nodes
    assert graph["layout"]["height"] == 500
