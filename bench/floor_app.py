"""The floor page: one slider and one Plotly figure of three 1000-point traces, nothing else.
What a slider move costs in this framework before any math (bench/latency.py compares to it)."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

k = st.slider("k", 1, 100, 50, key="k")
x = np.linspace(0, 10, 1000)
st.plotly_chart(go.Figure([go.Scatter(x=x, y=np.sin(x * k / 10 + i)) for i in range(3)]))
