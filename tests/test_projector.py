"""AppTest: projector mode (?present=1 and the switch) folds inputs away and enlarges figures."""

import pytest

from tests.apptest import chart, open_page
from ui.i18n import catalog


@pytest.mark.parametrize("given", ["1", "true", "True"])
def test_projector_mode_from_the_link(given):
    """``?present=1`` as the switch writes it, or ``=true`` as the other switches (a fresh pair
    of eyes found ``true`` silently dropped)."""
    at = open_page("limits", lang="en", present=given)
    assert at.toggle(key="present_switch").value is True
    assert at.query_params["present"] == "1"
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
    assert "size" not in normal["xaxis2"]["tickfont"]  # the theme's size; only the colour set


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


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colours(layout: dict) -> dict[str, str | None]:
    """Where a chart writes text, and the colour its layout sets there (None: the theme's)."""
    found = {"font": layout["font"].get("color"), "legend": layout["legend"]["font"].get("color")}
    axes = {k: v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))}
    axes |= {f"scene.{k}": v for k, v in layout.get("scene", {}).items() if k.endswith("axis")}
    for name, axis in axes.items():
        found[f"{name}.tickfont"] = axis.get("tickfont", {}).get("color")
        found[f"{name}.title"] = axis.get("title", {}).get("font", {}).get("color")
    for part in ("updatemenus", "sliders", "annotations"):
        for i, item in enumerate(layout.get(part, [])):
            found[f"{part}[{i}]"] = item.get("font", {}).get("color")
    for i, slider in enumerate(layout.get("sliders", [])):
        found[f"sliders[{i}].currentvalue"] = slider["currentvalue"].get("font", {}).get("color")
    return found


def test_chart_text_meets_wcag_aa_contrast():
    """Streamlit's chart theme draws ticks, axis titles and ▶ in #808495 (3.7:1 on the white
    chart; axe cannot see SVG text): every chart sets its own text colour, ≥ 4.5:1, in both
    modes."""
    assert contrast("#808495") < 4.5  # the theme's grey, which the charts must not keep
    for page, present in [("derivatives", None), ("gradient-descent", None), ("extrema", "1")]:
        at = open_page(page, lang="en", **({"present": present} if present else {}))
        for index in range(len(at.get("plotly_chart"))):
            colours = text_colours(chart(at, index)["layout"])
            assert None not in colours.values(), (page, index, colours)
            low = {k: round(contrast(c), 2) for k, c in colours.items() if contrast(c) < 4.5}
            assert not low, (page, index, low)
    at = open_page("backprop", lang="en")
    for index in range(len(at.get("plotly_chart"))):
        layout = chart(at, index)["layout"]
        assert all(contrast(c) >= 4.5 for c in text_colours(layout).values() if c), index
        for trace in chart(at, index)["data"]:  # the graph's node and edge labels
            if "color" in trace.get("textfont", {}):
                assert contrast(trace["textfont"]["color"]) >= 4.5, trace["textfont"]


def test_the_descent_chart_has_a_step_slider():
    """One slider step per step frame (frame k: the iterates w₀ … w_k), the last chosen; the
    second slider is η's (its own frames)."""
    figure = chart(open_page("gradient-descent", lang="ko"))
    slider, _eta = figure["layout"]["sliders"]
    steps = [[f["name"]] for f in figure["frames"] if f["name"].startswith("step")]
    assert [s["args"][0] for s in slider["steps"]] == steps
    assert slider["steps"][0]["label"] == "0" and slider["active"] == len(steps) - 1
    assert slider["currentvalue"]["prefix"].strip() == catalog("ko")["fig.iteration"]


def test_keyboard_script_once_per_run_in_the_page_language():
    """ui.keyboard: one script per run, hidden, naming ▶ / ❚❚ in the page's language."""
    for lang in ("ko", "en"):
        at = open_page("derivatives", lang=lang)
        scripts = [h.proto for h in at.get("html") if "<script>// Plotly" in h.proto.body]
        assert len(scripts) == 1 and scripts[0].unsafe_allow_javascript
        assert catalog(lang)["chart_keys.play"] in scripts[0].body
        assert "__NAMES__" not in scripts[0].body
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert ".st-key-plotly-keys" in styles and "display: none" in styles


def test_keyboard_script_has_no_less_than_sign_inside():
    """The script is sent as one <script> element in Streamlit's HTML: a "<" in it (a regular
    expression for <br> once) stopped the whole script in the browser — no keys, no address
    kept, no titles on fast frames — while every AppTest passed."""
    from ui.keyboard import SCRIPT, script

    assert "<" not in SCRIPT
    body = script("ko")
    assert body.startswith("<script>") and body.endswith("</script>")
    assert "<" not in body[len("<script>") : -len("</script>")]
