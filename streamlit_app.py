"""ML Calculus Lab — the home page: what the app is, a card per topic, how input is read."""

import streamlit as st

from ui.i18n import text
from ui.inputs import function_box
from ui.links import checked
from ui.page import PAGES, setup_page


@checked
def home() -> None:
    lang = setup_page("nav.home")
    st.title(text(lang, "app.title"))
    st.caption(text(lang, "app.tagline"))
    st.header(text(lang, "home.topics"))
    topics = [page for page in PAGES if page[0] != "streamlit_app.py"]  # every topic page
    for row in range(0, len(topics), 3):
        for column, (page, key, icon) in zip(st.columns(3), topics[row : row + 3], strict=False):
            with column.container(border=True, height="stretch"):
                st.page_link(page, label=f"**{text(lang, key)}**", icon=icon)
                st.markdown(text(lang, key.replace("nav.", "home.card.")))
    st.header(text(lang, "home.try"))
    st.markdown(text(lang, "home.intro"))
    function_box(lang, "x^2 - 4x + 3")


if __name__ == "__main__":  # Streamlit runs this file as __main__ for every visitor
    home()
else:  # `streamlit run streamlit_app.py` imports it to find the server: start the pool with it
    from ui.server import lifespan

    app = st.App(__file__, lifespan=lifespan)
