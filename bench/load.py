"""A classroom on one server: N sessions, each moving a slider at random moments.

Each session speaks Streamlit's own websocket protocol (``/_stcore/stream``, subprotocol
``streamlit``), as a browser does: it loads its page, finds the slider's widget id (and its
fragment), then sends ``rerun_script`` with the new slider value after exponentially distributed
gaps (mean 1 s) and times each rerun from the message to ``script_finished``. Sessions are spread
over the topic pages that have sliders and the floor page (one slider, one three-trace chart),
served by the same server (a copy of the app made of links, with ``bench/floor_app.py`` as one
more page), so every page meets the same load. Server memory (the server process and its
children: the worker pool) is sampled every 10 s.

Loopback only; bounded in sessions and seconds; stops by itself.

Run: .venv/bin/python -m bench.load [sessions=20] [seconds=60]
"""

from __future__ import annotations

import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.e2e.conftest import ROOT, Server

# page name: (query string, key of a slider that still reruns the page on the server). The zoom
# of /limits, h and the tangent of /derivatives, η of /gradient-descent and /backprop are the
# charts' own sliders now (frames in the browser): moving them sends nothing to the server, so
# those pages' sessions move a server-side slider that is left, or none (their load is typing).
PAGES = {
    "gradient-descent": ("lang=en", "w0"),
    "backprop": ("lang=en", "momentum"),
}


class Session:
    """One visitor: a websocket, a page, a slider."""

    def __init__(self, url: str, page: str, query: str, slider_key: str) -> None:
        self.url, self.page, self.query, self.key = url, page, query, slider_key
        self.widgets: dict[str, tuple[str, str]] = {}  # key: (widget id, fragment id)
        self.slider = None
        self.times: list[float] = []
        self.errors = 0

    async def connect(self) -> None:
        self.socket = await connect(
            f"{self.url}/_stcore/stream".replace("http", "ws"),
            subprotocols=["streamlit"],
            max_size=None,
        )
        await self.rerun()  # load the page

    async def rerun(self, value: float | str | None = None, key: str | None = None) -> float:
        """Rerun with widget ``key`` (default: the slider) set to ``value``; milliseconds to
        ``script_finished``."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        if value is not None:
            widget_id, fragment = self.widgets[key or self.key]
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            if key is not None:  # a text box
                widget.string_value = value
            elif isinstance(value, str):  # a select_slider bound to the URL: the option's text
                widget.string_array_value.data.append(value)
            else:
                widget.double_array_value.data.append(value)
            state.fragment_id = fragment
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        while True:
            raw = await self.socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                inner = getattr(element, element.WhichOneof("type") or "", None)
                if getattr(inner, "id", "").startswith("$$ID"):
                    key = inner.id.rsplit("-", 1)[-1]
                    self.widgets[key] = (inner.id, msg.delta.fragment_id)
                    if key == self.key and element.WhichOneof("type") == "slider":
                        self.slider = element.slider
                elif element.WhichOneof("type") == "exception":
                    self.errors += 1
            if kind == "script_finished":
                return (time.perf_counter() - start) * 1000

    async def run(self, until: float, rng: random.Random) -> None:
        await self.connect()
        if self.slider is None:
            raise RuntimeError(f"no slider '{self.key}' on {self.page}")
        options = list(self.slider.options)
        low, high, step = self.slider.min, self.slider.max, self.slider.step or 1
        while time.monotonic() < until:
            await asyncio.sleep(rng.expovariate(1.0))
            if options:
                value = rng.choice(options)
            else:
                value = low + step * rng.randrange(round((high - low) / step) + 1)
            try:
                self.times.append(await self.rerun(value))
            except (ConnectionClosed, OSError):
                self.errors += 1
        await self.socket.close()


def memory_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (the worker pool), in MiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total / 1024


def app_with_floor(folder: Path) -> Path:
    """The app, as links, plus the floor page as ``/floor``: one server for every page. The
    entry file and the floor page are copies: Streamlit finds ``pages/`` beside the resolved
    entry file and names a page after its resolved file."""
    shutil.copy(ROOT / "streamlit_app.py", folder / "streamlit_app.py")
    (folder / ".streamlit").symlink_to(ROOT / ".streamlit")
    (folder / "pages").mkdir()
    for page in (ROOT / "pages").glob("*.py"):
        (folder / "pages" / page.name).symlink_to(page)
    shutil.copy(ROOT / "bench" / "floor_app.py", folder / "pages" / "floor.py")
    return folder


async def classroom(app: Server, sessions: int, seconds: float) -> None:
    rng = random.Random(1)
    names = [*PAGES, "floor"]
    crowd = [
        Session(app.url, name, *PAGES.get(name, ("", "k")))
        for name in (names[i % len(names)] for i in range(sessions))
    ]
    until = time.monotonic() + seconds
    memory = []

    async def sample() -> None:
        while time.monotonic() < until:
            memory.append(memory_mib(app.process.pid))
            await asyncio.sleep(10)

    await asyncio.gather(sample(), *(s.run(until, random.Random(rng.random())) for s in crowd))
    print(
        f"{time.strftime('%Y-%m-%d')}: {sessions} sessions, {seconds:.0f} s, "
        "one slider move per session per second on average (exponential gaps)"
    )
    print("| page | reruns | errors | median ms | p90 ms | p90 / floor p90 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    floor_p90 = _p90([t for s in crowd if s.page == "floor" for t in s.times])
    for name in names:
        group = [s for s in crowd if s.page == name]
        times = [t for s in group for t in s.times]
        p90 = _p90(times)
        print(
            f"| {name} | {len(times)} | {sum(s.errors for s in group)} | "
            f"{statistics.median(times):.0f} | {p90:.0f} | {p90 / floor_p90:.2f} |"
        )
    warm = memory[min(2, len(memory) - 1)]
    print(
        f"server memory (with workers): {memory[0]:.0f} MiB at start, {warm:.0f} MiB after "
        f"warm-up, {memory[-1]:.0f} MiB at the end ({(memory[-1] / warm - 1) * 100:+.0f} %)"
    )


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.9 * (len(ordered) - 1))]


def main(sessions: int = 20, seconds: float = 60) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = Server("streamlit_app.py", cwd=app_with_floor(Path(folder)))
        try:
            asyncio.run(classroom(app, sessions, seconds))
        finally:
            app.stop()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
