"""A classroom on one server: N sessions, each moving a slider at random moments.

Each session speaks Streamlit's own websocket protocol (``/_stcore/stream``, subprotocol
``streamlit``), as a browser does: it loads its page, finds the slider's widget id (and its
fragment), then sends ``rerun_script`` with the new slider value after exponentially distributed
gaps (mean 1 s) and times each rerun from the message to ``script_finished``. Sessions are spread
over the topic pages that have sliders and the floor page (one slider, one three-trace chart),
served by the same server (a copy of the app made of links, with ``bench/floor_app.py`` as one
more page), so every page meets the same load. Server memory (the server process and its
children: the worker pool) is sampled every 10 s.

Through nginx (``--replicas N``): the same app as N replicas behind ``deploy/serve.py``'s nginx,
each session first loading its page over HTTP as a browser does (nginx sets its sticky cookie
and picks its replica) and then opening its websocket with that cookie. Each run prints the table
by page and one by replica (its sessions and their p90); several session counts and replica
counts in one call end with a summary, measured against a quiet server (``--quiet`` sessions on
one replica, run first): the p90 goal of a replica is a rerun p90 at most 1.5 × the quiet p90,
as the README's other p90 goals are 1.5 × a reference measured in the same run.

Loopback only; bounded in sessions and seconds; stops by itself.

Run: .venv/bin/python -m bench.load [sessions=20] [seconds=60]
     .venv/bin/python -m bench.load 20,40,60 60 --replicas 1,2 [--quiet 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from deploy.serve import Cluster
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

    def __init__(
        self, url: str, page: str, query: str, slider_key: str, proxied: bool = False
    ) -> None:
        self.url, self.page, self.query, self.key = url, page, query, slider_key
        self.proxied = proxied  # through nginx: load the page first, for the sticky cookie
        self.replica = ""  # the replica nginx chose (its X-Replica header)
        self.widgets: dict[str, tuple[str, str]] = {}  # key: (widget id, fragment id)
        self.slider = None
        self.times: list[float] = []
        self.errors = 0

    async def connect(self) -> None:
        headers = {}
        if self.proxied:  # as a browser: the page, then its websocket with nginx's cookie
            headers["Cookie"], self.replica = await asyncio.to_thread(
                sticky_cookie, f"{self.url}/{self.page}?{self.query}"
            )
        self.socket = await connect(
            f"{self.url}/_stcore/stream".replace("http", "ws"),
            subprotocols=["streamlit"],
            max_size=None,
            additional_headers=headers,
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


def sticky_cookie(url: str) -> tuple[str, str]:
    """Load ``url`` through nginx: the sticky cookie it sets and the replica that answered."""
    with urllib.request.urlopen(url, timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        return cookie, response.headers["X-Replica"]


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


@dataclass(frozen=True)
class Run:
    """One classroom run: its size and the rerun times of all its sessions (ms)."""

    replicas: int
    sessions: int
    times: list[float]
    errors: int
    by_replica: dict[str, list[Session]]


async def classroom(app: Server | Cluster, sessions: int, seconds: float, replicas: int = 0) -> Run:
    """``sessions`` sessions on ``app`` (a server, or a cluster of ``replicas`` behind nginx)."""
    rng = random.Random(1)
    names = [*PAGES, "floor"]
    proxied = isinstance(app, Cluster)
    crowd = [
        Session(app.url, name, *PAGES.get(name, ("", "k")), proxied=proxied)
        for name in (names[i % len(names)] for i in range(sessions))
    ]
    until = time.monotonic() + seconds
    memory = []
    pids = [r.process.pid for r in app.replicas] if proxied else [app.process.pid]

    async def sample() -> None:
        while time.monotonic() < until:
            memory.append(sum(memory_mib(pid) for pid in pids))
            await asyncio.sleep(10)

    await asyncio.gather(sample(), *(s.run(until, random.Random(rng.random())) for s in crowd))
    where = f" through nginx, {replicas} replica(s)" if proxied else ""
    print(
        f"{time.strftime('%Y-%m-%d')}: {sessions} sessions{where}, {seconds:.0f} s, "
        "one slider move per session per second on average (exponential gaps)"
    )
    print("| page | reruns | errors | median ms | p90 ms | p90 / floor p90 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    floor_p90 = _p90([t for s in crowd if s.page == "floor" for t in s.times])
    for name in names[: len(crowd)]:  # fewer sessions than pages: the first pages
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
    by_replica: dict[str, list[Session]] = {}
    for session in crowd:
        by_replica.setdefault(session.replica, []).append(session)
    if proxied:
        print("| replica | sessions | reruns | errors | median ms | p90 ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for replica, group in sorted(by_replica.items()):
            times = [t for s in group for t in s.times]
            print(
                f"| {replica} | {len(group)} | {len(times)} | {sum(s.errors for s in group)} | "
                f"{statistics.median(times):.0f} | {_p90(times):.0f} |"
            )
    print(flush=True)
    return Run(
        replicas or 1,
        sessions,
        [t for s in crowd for t in s.times],
        sum(s.errors for s in crowd),
        by_replica,
    )


def _p90(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[int(0.9 * (len(ordered) - 1))]


def main(sessions: int = 20, seconds: float = 60) -> None:
    """The classroom on one server, directly (no proxy)."""
    with tempfile.TemporaryDirectory() as folder:
        app = Server("streamlit_app.py", cwd=app_with_floor(Path(folder)))
        try:
            asyncio.run(classroom(app, sessions, seconds))
        finally:
            app.stop()


def through_nginx(replicas: int, sessions: int, seconds: float, settle: float = 10) -> Run:
    """The classroom through nginx in front of ``replicas`` replicas (``deploy/serve.py``); the
    replicas' worker pools warm up for ``settle`` seconds before the first session."""
    with tempfile.TemporaryDirectory() as folder:
        app = app_with_floor(Path(folder)) / "streamlit_app.py"
        with Cluster(replicas, app=app) as cluster:
            time.sleep(settle)
            return asyncio.run(classroom(cluster, sessions, seconds, replicas))


def school(replicas: list[int], sessions: list[int], seconds: float, quiet: int) -> None:
    """A quiet server, then every session count on every replica count; a summary at the end."""
    reference = _p90(through_nginx(1, quiet, seconds).times)
    runs = [through_nginx(r, n, seconds) for n in sessions for r in replicas]
    print(
        f"{time.strftime('%Y-%m-%d')}: through nginx, {seconds:.0f} s a run; quiet p90 "
        f"({quiet} sessions, 1 replica) {reference:.0f} ms; goal: p90 ≤ 1.5 × quiet p90 "
        f"= {1.5 * reference:.0f} ms"
    )
    columns = "replicas | sessions | per replica | reruns | errors | median ms | p90 ms"
    print(f"| {columns} | p90 / quiet p90 |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for run in runs:
        split = " + ".join(str(len(g)) for _, g in sorted(run.by_replica.items()))
        p90 = _p90(run.times)
        print(
            f"| {run.replicas} | {run.sessions} | {split} | {len(run.times)} | {run.errors} | "
            f"{statistics.median(run.times):.0f} | {p90:.0f} | {p90 / reference:.2f} |"
        )
    within = [
        len(group)
        for run in runs
        for group in run.by_replica.values()
        if _p90([t for s in group for t in s.times]) <= 1.5 * reference
    ]
    print(f"most sessions on one replica with its p90 within the goal: {max(within, default=0)}")


if __name__ == "__main__":
    if len(sys.argv) <= 3 and all(a.isdigit() for a in sys.argv[1:]):
        main(*(int(a) for a in sys.argv[1:3]))  # the classroom on one server, as before
    else:
        parser = argparse.ArgumentParser(description="A school through nginx (deploy/serve.py)")
        parser.add_argument("sessions", help="session counts, e.g. 20,40,60")
        parser.add_argument("seconds", type=float, nargs="?", default=60)
        parser.add_argument("--replicas", default="1,2", help="replica counts, e.g. 1,2")
        parser.add_argument("--quiet", type=int, default=4, help="sessions of the reference run")
        args = parser.parse_args()
        school(
            [int(r) for r in args.replicas.split(",")],
            [int(n) for n in args.sessions.split(",")],
            args.seconds,
            args.quiet,
        )
