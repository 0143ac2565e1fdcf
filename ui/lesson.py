"""The lesson builder: a folded "lesson link" panel in the sidebar of every page, where a teacher
ticks the controls students see and gets the link (``?hide=f,a,lang``), a copy button and a QR
code of it (issue #14; after TensorFlow Playground's "show/hide controls" and its saved link).

A hidden control is still drawn, only out of view (``display: none`` on its ``st-key-`` class):
it keeps its value from the URL and the page computes with it as before. ``hide=`` names are the
controls' URL parameter names; names a page does not have are ignored, so a hostile ``hide=``
never reaches the page's CSS.
"""

from __future__ import annotations

import functools
import html
from urllib.parse import urlencode

import segno
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.i18n import text

# Every page's controls a lesson can hide, in the order the page shows them, by the name of
# their URL parameter; ``presets`` is the row of example buttons (no parameter of its own). The
# keys are the pages' title keys (``ui.page.PAGES``).
CONTROLS: dict[str, tuple[str, ...]] = {
    "nav.home": ("f",),
    "nav.limits": ("presets", "f", "a", "steps", "epsilon_delta", "code"),
    "nav.continuity": ("presets", "f", "a", "code"),
    "nav.extrema": ("presets", "f", "restrict", "lo", "hi", "open", "code"),
    "nav.derivatives": ("f", "a", "try", "code"),
    "nav.descent": ("presets", "loss", "x", "y", "w0", "steps", "log", "compare", "code"),
    "nav.backprop": (
        "xs",
        "ys",
        "momentum",
        "steps",
        "w0",
        "b0",
        "surface3d",
        "code",
        "x",
        "y",
        "w",
        "b",
        "eta",
        "neuron_code",
    ),
    "nav.practice": ("seed", "level", "drill", "new", "help"),
}
SHARED = ("lang", "present")  # the sidebar's switches, on every page
# A control's CSS selector where it is not its widget's ``.st-key-<name>``: the sidebar's
# switches (their keys copy into state), groups of buttons (a key each) that change a control:
# /derivatives' "Try" (f), /practice's hint, next step and solution.
SELECTORS = {
    "lang": ".st-key-lang_switch",
    "present": ".st-key-present_switch",
    "try": '[class*="st-key-try-"]',
    "help": '[class*="st-key-hint-"], [class*="st-key-step-"], [class*="st-key-solve-"]',
}
# A name whose meaning differs by page: its label's catalog key there
_LABELS = {("nav.limits", "steps"): "steps_panel"}
# A QR code is read from about ten times its width (the usual 10:1 rule of thumb of QR code
# printers, e.g. QR Code Generator's "minimum size" guide). Shown to the class it takes 70 % of
# the screen's height, less what its dialog's title and link need: 61 % of a 1080-pixel
# projector in projector mode, about 1.2 m of a 2 m-high projection, read from some 12 m.
PROJECTED_HEIGHT = "min(70vh, calc(100vh - 15rem))"  # the dialog's title and link fit too


def controls(page: str) -> tuple[str, ...]:
    """The names of ``page``'s controls a lesson link can hide, the sidebar's last."""
    return (*CONTROLS.get(page, ()), *SHARED)


def hidden(page: str, asked: str | None) -> tuple[str, ...]:
    """The controls of ``page`` that ``?hide=`` names, in the page's order; unknown names and
    repeats are dropped.

    >>> hidden("nav.limits", "a,f,nonsense,f,lang")
    ('f', 'a', 'lang')
    >>> hidden("nav.limits", "</style><script>")
    ()
    """
    names = {name.strip() for name in (asked or "").split(",")}
    return tuple(name for name in controls(page) if name in names)


def hide_css(names: tuple[str, ...]) -> str:
    """The CSS that takes ``names``' widgets out of view (they keep running), and a fold-out
    left with nothing in view (projector mode's "Inputs" when all its controls are hidden).

    >>> print(hide_css(("f", "lang")))
    .st-key-f, .st-key-lang_switch { display: none !important; }
    [data-testid="stExpander"]:has(:is(.st-key-f, .st-key-lang_switch)):not(:has([data-testid="stElementContainer"]:not(:is(.st-key-f, .st-key-lang_switch)):not(:is(.st-key-f, .st-key-lang_switch) *))) { display: none !important; }
    """  # noqa: E501
    if not names:
        return ""
    chosen = ", ".join(SELECTORS.get(name, f".st-key-{name}") for name in names)
    shown = f'[data-testid="stElementContainer"]:not(:is({chosen})):not(:is({chosen}) *)'
    empty = f'[data-testid="stExpander"]:has(:is({chosen})):not(:has({shown}))'
    return f"{chosen} {{ display: none !important; }}\n{empty} {{ display: none !important; }}"


def apply(page: str) -> tuple[str, ...]:
    """Hide what ``?hide=`` names on ``page`` (a style-only ``st.html``: it takes no space);
    returns the hidden names."""
    names = hidden(page, st.query_params.get("hide"))
    if names:
        st.html(f"<style>{hide_css(names)}</style>")
    return names


def link(query: dict[str, str], base: str | None) -> str:
    """The lesson link: the page's address with its query, without projector mode (students
    open it on their own screens) and with ``hide=`` last.

    >>> link({"f": "x^2", "present": "1", "hide": "f,a", "lang": "ko"}, "http://h:8501/limits")
    'http://h:8501/limits?f=x%5E2&lang=ko&hide=f,a'
    """
    kept = {k: v for k, v in query.items() if k not in ("present", "hide")}
    hide = {"hide": query["hide"]} if query.get("hide") else {}
    encoded = urlencode({**kept, **hide}, safe=",")
    return f"{base or ''}?{encoded}" if encoded else base or ""


def qr_svg(address: str, label: str, height: str) -> str:
    """The QR code of ``address`` as an SVG image (HTML), ``height`` high (CSS), its text
    alternative ``label``. Error correction M (15 % of the code may be lost), the smallest
    version that holds the address (``segno.make``); the four-module quiet zone the standard
    asks for.

    >>> tag = qr_svg("http://h/limits", "QR", "80vh")
    >>> tag.startswith('<img src="data:image/svg+xml'), 'alt="QR"' in tag
    (True, True)
    """
    code = segno.make(address, error="m", boost_error=False)
    uri = code.svg_data_uri(scale=1, border=4, omitsize=True, dark="#000", light="#fff")
    style = f"height:{height};max-width:100%;aspect-ratio:1;display:block;margin:0 auto"
    return f'<img src="{uri}" alt="{html.escape(label)}" class="lesson-qr" style="{style}">'


def panel(lang: str, page: str, names: tuple[str, ...]) -> None:
    """The folded "lesson link" panel: a box per control (ticked: students see it), the link,
    a copy button and the QR code, with a button that shows the QR large for the class."""
    state = st.session_state
    box = st.expander(
        text(lang, "lesson.title"), icon=":material/link:", key="lesson", on_change="rerun"
    )
    state.lesson_open = box.open  # opened: drawn afresh by this rerun (``follow``)
    with box:
        st.caption(text(lang, "lesson.intro"))
        for name in controls(page):
            state[f"show-{name}"] = name not in names
            st.checkbox(
                f"{text(lang, 'lesson.control.' + _LABELS.get((page, name), name))} · `{name}`",
                key=f"show-{name}",
                on_change=_write_hide,
                args=(page,),
            )
        query = {**st.query_params.to_dict(), "hide": ",".join(names)}  # only known names
        address = link(query, st.context.url)
        st.code(address, language=None, wrap_lines=True)
        copy_button(lang, address)
        try:
            st.html(qr_svg(address, text(lang, "lesson.qr_alt", link=address), "auto"))
        except segno.DataOverflowError:  # past 2331 characters (version 40, level M)
            st.caption(text(lang, "lesson.too_long"))
            return
        if st.button(text(lang, "lesson.show_qr"), key="lesson-qr", icon=":material/qr_code_2:"):
            st.dialog(text(lang, "lesson.qr_title"), width="large")(_large_qr)(lang, address)


def fragment(function):
    """``st.fragment``, following the panel: while it is open, a change inside the fragment
    reruns the whole page (``follow``)."""

    @functools.wraps(function)
    def body(*args, **kwargs):
        follow()
        return function(*args, **kwargs)

    return st.fragment(body)


def follow() -> None:
    """Call first in a fragment: while the panel is open, a fragment's change reruns the whole
    page, so the panel's link and QR code (drawn by the page, not the fragment) stay current."""
    ctx = get_script_run_ctx()
    if st.session_state.get("lesson_open") and ctx is not None and ctx.fragment_ids_this_run:
        st.rerun(scope="app")


def copy_button(lang: str, address: str) -> None:
    """A button that copies ``address``: the Clipboard API where the page is a secure context
    (HTTPS, localhost), else a selected text area and ``execCommand("copy")`` (a school's
    plain-HTTP server)."""
    done, label = text(lang, "lesson.copied"), text(lang, "lesson.copy")
    button = (
        f'<button type="button" class="lesson-copy" data-link="{html.escape(address)}" '
        f'data-done="{html.escape(done)}">{html.escape(label)}</button>'
    )
    st.html(button + _COPY_SCRIPT, unsafe_allow_javascript=True)


def _large_qr(lang: str, address: str) -> None:
    st.html(qr_svg(address, text(lang, "lesson.qr_alt", link=address), PROJECTED_HEIGHT))
    st.html(f'<p class="lesson-link" style="{_LINK_STYLE}">{html.escape(address)}</p>')


def _write_hide(page: str) -> None:
    """A box was ticked or cleared: ``?hide=`` lists the cleared ones."""
    from ui.page import sync_query  # here: ui.page imports this module

    off = [n for n in controls(page) if not st.session_state.get(f"show-{n}", True)]
    sync_query("hide", ",".join(off) or None)


_LINK_STYLE = "word-break: break-all; font-size: 0.875rem; margin: 0; text-align: center"
_COPY_SCRIPT = """
<style>
.lesson-copy { font: inherit; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); background: #fff; color: inherit; width: 100%; }
.lesson-copy:hover { border-color: #005F96; color: #005F96; }
</style>
<script>
document.querySelectorAll("button.lesson-copy:not([data-ready])").forEach((button) => {
  button.dataset.ready = "1";
  const label = button.textContent;
  button.addEventListener("click", async () => {
    const value = button.dataset.link;
    try {
      await navigator.clipboard.writeText(value);
    } catch (error) {
      const area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.textContent = button.dataset.done;
    setTimeout(() => { button.textContent = label; }, 2000);
  });
});
</script>
"""
