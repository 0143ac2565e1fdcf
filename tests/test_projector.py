"""AppTest: projector mode (?present=1 and the switch) folds inputs away and enlarges figures."""

from tests.apptest import chart, open_page
from ui.i18n import catalog


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
    assert graph["data"][1]["textfont"]["size"] >= 20  # chart text readable from the back
    assert graph["layout"]["height"] == 500


def test_projector_chart_text_is_readable_from_the_back():
    """Streamlit's chart theme draws ticks and legend at 12 px unless the layout says otherwise."""
    at = open_page("extrema", lang="en", present="1")
    layout = chart(at)["layout"]
    axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
    assert len(axes) == 4 and all(axis["tickfont"]["size"] >= 20 for axis in axes)
    assert layout["legend"]["font"]["size"] >= 20
    normal = chart(open_page("extrema", lang="en"))["layout"]
    assert "tickfont" not in normal["xaxis2"]


def test_projector_keeps_f_in_view_above_the_folded_inputs():
    at = open_page("limits", lang="en", present="1")
    (expander,) = [e for e in at.expander if e.label == "Inputs"]
    assert expander.text_input(key="f").value == "1/(x+1)"
    assert not [x for x in expander.latex if "f(x) =" in x.value]
    assert [x for x in at.latex if "f(x) =" in x.value]


def test_projector_style_only_when_presenting():
    styles = [h.proto.body for h in open_page("limits", lang="en", present="1").get("html")]
    assert any("font-size: 28px" in s for s in styles)
    styles = [h.proto.body for h in open_page("limits", lang="en").get("html")]
    assert not any("font-size: 28px" in s for s in styles)
    assert any(":focus-visible" in s for s in styles)


def test_every_chart_has_a_text_alternative_in_both_languages():
    for lang in ("en", "ko"):
        for name in ("limits", "continuity", "extrema", "derivatives", "gradient-descent"):
            at = open_page(name, lang=lang)
            charts = at.get("plotly_chart")
            starts = tuple(
                v.split("{")[0] for k, v in catalog(lang).items() if k.startswith("a11y.")
            )
            alts = [m.value for m in at.markdown if m.value.startswith(starts)]
            assert charts and len(alts) >= len(charts), (name, lang, alts)
