"""What the server does when it starts: :func:`lifespan` starts the engine's worker pool.

``streamlit run streamlit_app.py`` finds the ``st.App`` in ``streamlit_app.py`` and serves it with
this lifespan, so the pool (a forkserver with SymPy and NumPy loaded and each page's analysis run
once: ~1.5 s) is up before the first visitor arrives instead of being started by the first lesson
link on a sleeping server. Then the workers finish warming up (each analysis on three more
shapes) while no visitor's analysis waits (:func:`mathcore.bounded.warm_workers`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator

from mathcore.bounded import start_workers, warm_workers
from mathcore.registry import warm_call, warm_calls

LOG = logging.getLogger(__name__)


def _start() -> None:
    try:
        start_workers()
    except Exception:  # the first analysis starts the pool again and says why if it cannot
        LOG.exception("the worker pool did not start with the server")
        return
    try:
        warm_workers(warm_call, warm_calls(examples=False))
    except Exception:  # a worker that is not warm answers all the same, only slower at first
        LOG.exception("the workers did not finish warming up")


@contextlib.asynccontextmanager
async def lifespan(app) -> AsyncIterator[None]:
    """Start the worker pool in the background as the server starts (the server accepts
    connections at once; an analysis that comes first waits for the pool, as before)."""
    threading.Thread(target=_start, name="start-workers", daemon=True).start()
    yield
