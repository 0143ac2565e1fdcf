"""Serving the app from several Streamlit replicas behind nginx (README: a whole school)."""
