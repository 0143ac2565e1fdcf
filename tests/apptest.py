"""Open a page the way a visitor does (entry file, then the page) and read what it shows."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run ``pages/<page>.py`` (or the home page) with these query parameters."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params.update(query)
    if page:
        at.switch_page(f"pages/{page}.py")
    return at.run()


def chart(at: AppTest, index: int = 0) -> dict:
    """The Plotly figure of the ``index``-th chart, as JSON."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def trace(figure: dict, name: str) -> dict:
    (found,) = [t for t in figure["data"] if t.get("name") == name]
    return found


def values(array) -> list:
    """Plotly sends NumPy arrays as typed buffers; lists stay lists."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def tables(at: AppTest) -> list[dict[str, list]]:
    """The Markdown tables a page shows, as columns (numbers as floats, '—' as nan)."""
    found = []
    for element in at.markdown:
        lines = element.value.splitlines()
        if not lines or not lines[0].startswith("| "):
            continue
        header = [cell.strip() for cell in lines[0].strip("|").split("|")]
        rows = [
            [_number(cell.strip()) for cell in line.strip("|").split("|")] for line in lines[2:]
        ]
        found.append({name: [row[i] for row in rows] for i, name in enumerate(header)})
    return found


_SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _number(cell: str):
    """A table cell as a float: 0.25, -10⁻⁵, 2.5 × 10⁶ (how ``ui.tables`` writes numbers)."""
    if cell == "—":
        return float("nan")
    mantissa, times, power = cell.rpartition(" × ")
    if not times:
        mantissa, power = ("-1", cell[1:]) if cell.startswith("-10") else ("1", cell)
    if power.startswith("10") and power[2:] and not power[2:].isascii():
        try:
            return float(mantissa) * 10.0 ** int(power[2:].translate(_SUPERSCRIPTS))
        except ValueError:
            return cell
    try:
        return float(cell)
    except ValueError:
        return cell


def eta_slider(figure) -> dict:
    """The η slider of a descent chart (/gradient-descent, /backprop's contour)."""
    (slider,) = [s for s in figure["layout"]["sliders"] if s["currentvalue"]["prefix"] == "η = "]
    return slider


def eta_frames(figure) -> dict[str, dict]:
    """The η slider's frames by their label (η as the slider writes it)."""
    frames = {f["name"]: f for f in figure["frames"]}
    return {s["label"]: frames[s["args"][0][0]] for s in eta_slider(figure)["steps"]}
