"""Screenshots of every page, in English and Korean, from the real app in headless Chromium:
on a laptop (1366×900, the whole page) and on a projector (1920×1080 with ``present=1``, only
what the class sees without scrolling).

Run: .venv/bin/python -m scripts.screenshots [NAME ...]   (writes docs/<page>-<lang>.png and
docs/<page>-<lang>-projector.png). Korean text needs a CJK font (Debian: fonts-noto-cjk).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM_ARGS, IDLE, ROOT, Server
from ui.i18n import text

SHOTS = {  # name: lesson link
    "home": "/?",
    "limits": "/limits?f=1/(x%2B1)&a=-1&",
    "continuity": "/continuity?f=relu(x)&a=0&",
    "extrema": "/extrema?f=x%5E3%20-%203x&",
    "derivatives": "/derivatives?f=x%5E2%20sin%20x&a=1&h=0.5&",
    "gradient-descent": "/gradient-descent?lr=0.2&",
    "practice": "/practice?seed=3&level=2&",
    "backprop": "/backprop?surface3d=true&",
    "cube-root": "/continuity?f=x%5E(1%2F3)&a=0&",  # a vertical tangent: the real cube root
    "piecewise": "/derivatives?f=%7Bx%20!%3D%200%3A%20x%5E2%20sin(1%2Fx)%2C%200%7D&a=0&h=0.1&",
    "oscillation": "/limits?f=sin(1%2Fx)&a=0&zoom=0.01&",  # the band f sweeps, not a zigzag
    "beyond-float": "/limits?f=e%5Ex&a=oo&",  # e^1000 is no float: ▲ on the edge, the table exact
    "limit-steps": "/limits?f=(e%5Ex-1-x)%2Fx%5E2&a=0&",  # L'Hôpital twice, steps unfolded
    "extrema-interval": "/extrema?f=x%5E3-3x&restrict=true&lo=-1.5&hi=10&",  # [−1.5, 10]
    "epsilon-delta": "/limits?f=x%5E2&a=2&epsilon_delta=true&eps=0.5&",  # δ = √4.5 − 2
    "epsilon-delta-jump": "/limits?f=floor(x)&a=2&epsilon_delta=true&",  # no δ for ε ≤ 1/2
    "own-loss": "/gradient-descent?loss=w%5E4%20-%203w%5E2%20%2B%20w&w0=2&compare=true&",
    "practice-steps": "/practice?seed=3&level=2&drill=rules&",  # hint → next step → solution
    "python": "/limits?f=1/(x%2B1)&a=-1&",  # the script, and why limit() says oo
    "lesson": "/limits?f=sin(x)%2Fx&a=0&hide=presets,f,a&",  # the panel, the QR for the class
    "mistyped-link": "/practice?seed=3&level=9&drill=xyz&",  # the toast: level and drill named
}
PROJECTED = (
    "home",
    "limits",
    "continuity",
    "extrema",
    "derivatives",
    "gradient-descent",
    "practice",
    "backprop",
    "lesson",
)
LAPTOP, PROJECTOR = {"width": 1366, "height": 900}, {"width": 1920, "height": 1080}
CLICKS = {  # catalog keys of the buttons (and expanders' titles) to press
    "backprop": ["backprop.forward", *["backprop.backward"] * 6],
    "limit-steps": ["limit_steps.title"],
    "practice-steps": [
        "practice.drills.hint_button",
        "practice.drills.step_button",
        "practice.drills.solution_button",
    ],
    "python": ["code.title"],
    "lesson": ["sidebar", "lesson.title"],  # the panel on a laptop
    "lesson-projector": ["sidebar", "lesson.title", "lesson.show_qr"],  # the QR for the class
}


def main(only: list[str]) -> None:
    """Every shot, or only those named (``python -m scripts.screenshots lesson``)."""
    docs = Path(ROOT) / "docs"
    docs.mkdir(exist_ok=True)
    server = Server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=LAPTOP)
            for name, link in SHOTS.items():
                if only and name not in only:
                    continue
                for lang in ("en", "ko"):
                    _open(page, server.url + link + f"lang={lang}", name, lang)
                    height = page.evaluate(
                        "document.querySelector('[data-testid=stMain]').scrollHeight"
                    )
                    page.set_viewport_size({**LAPTOP, "height": min(height + 40, 4000)})
                    page.wait_for_timeout(800)
                    page.screenshot(path=docs / f"{name}-{lang}.png")
                    page.set_viewport_size(LAPTOP)
                    print(f"docs/{name}-{lang}.png")
            page.set_viewport_size(PROJECTOR)
            for name in PROJECTED:
                if only and name not in only:
                    continue
                for lang in ("en", "ko"):
                    url = server.url + SHOTS[name] + f"present=1&lang={lang}"
                    _open(page, url, name, lang, CLICKS.get(f"{name}-projector"))
                    page.screenshot(path=docs / f"{name}-{lang}-projector.png")
                    print(f"docs/{name}-{lang}-projector.png")
            browser.close()
    finally:
        server.stop()


def _open(page, url: str, name: str, lang: str, clicks: list[str] | None = None) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    for key in CLICKS.get(name, []) if clicks is None else clicks:
        if key == "sidebar":  # folded in projector mode
            if page.get_by_test_id("stExpandSidebarButton").is_visible():
                page.get_by_test_id("stExpandSidebarButton").click()
            continue
        label = text(lang, key)
        if key.endswith(".title"):  # an expander's title
            page.get_by_text(label, exact=True).first.click()
        else:
            page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_timeout(200)
        page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(1200)  # let Plotly and KaTeX finish drawing


if __name__ == "__main__":
    main(sys.argv[1:])
