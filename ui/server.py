"""What the server does when it starts: :func:`lifespan` starts the engine's worker pool.

``streamlit run streamlit_app.py`` finds the ``st.App`` in ``streamlit_app.py`` and serves it with
this lifespan, so the pool (a forkserver with SymPy and NumPy loaded, each entry point run once:
~2–4 s) is up before the first visitor arrives instead of being started by the first lesson link
on a sleeping server.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator

from mathcore.bounded import start_workers

LOG = logging.getLogger(__name__)


def _start() -> None:
    try:
        start_workers()
    except Exception:  # the first analysis starts the pool again and says why if it cannot
        LOG.exception("the worker pool did not start with the server")


@contextlib.asynccontextmanager
async def lifespan(app) -> AsyncIterator[None]:
    """Start the worker pool in the background as the server starts (the server accepts
    connections at once; an analysis that comes first waits for the pool, as before)."""
    threading.Thread(target=_start, name="start-workers", daemon=True).start()
    yield
