"""Start N replicas of the app and nginx in front of them; stop them all on Ctrl-C or SIGTERM.

Each replica is ``streamlit run streamlit_app.py`` on its own loopback port, with its own worker
pool, all sharing one cookie secret (Streamlit signs its XSRF and login cookies with it: a browser
that moves to another replica must still be recognised). nginx starts once every replica answers
``/_stcore/health`` and balances them with sticky sessions (``deploy/nginx_conf.py``); it runs as
the invoking user from a temporary folder (``-p``), with no root and no system paths.

Run: .venv/bin/python -m deploy.serve [--replicas 2] [--port 8501] [--address 127.0.0.1]

On one machine, one replica per processor core is the most that helps: a replica reruns its
sessions' scripts on one Python thread (README, "Serving a whole school").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from deploy.nginx_conf import render

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, seconds: float = 60) -> None:
    """Wait until ``url/_stcore/health`` answers ``ok``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} was not healthy within {seconds:.0f} s")


class Replica:
    """One ``streamlit run`` in a process group of its own (with its worker pool)."""

    def __init__(self, port: int, app: Path, env: dict[str, str], log: Path) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        streamlit = Path(sys.executable).parent / "streamlit"
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [
                    str(streamlit),
                    "run",
                    app.name,
                    "--server.headless=true",
                    f"--server.port={port}",
                    "--server.address=127.0.0.1",
                    "--server.fileWatcherType=none",
                ],
                cwd=app.parent,
                env=env,
                start_new_session=True,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the replica and its workers."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill(signal.SIGKILL)
            self.process.wait()


class Cluster:
    """``replicas`` Streamlit servers behind one nginx on ``address:port`` (0: a free port).

    Use as a context manager; :meth:`stop` stops nginx and every replica. Logs, the nginx
    configuration and its pid file are in :attr:`runtime` (removed on stop unless ``keep``).
    """

    def __init__(
        self,
        replicas: int = 2,
        port: int = 0,
        address: str = "127.0.0.1",
        app: Path = ROOT / "streamlit_app.py",
        fail_timeout: int = 10,
        keep: bool = False,
    ) -> None:
        if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
            raise RuntimeError("nginx is missing: apt-get install -y nginx")
        self.runtime = Path(tempfile.mkdtemp(prefix="mclab-nginx-"))
        self.keep = keep
        self.port = port or free_port()
        self.url = f"http://{address}:{self.port}"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get(
                "STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32)
            ),
        }
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None
        try:
            for i in range(replicas):
                log = self.runtime / f"replica{i + 1}.log"
                self.replicas.append(Replica(free_port(), app, env, log))
            for replica in self.replicas:  # they start side by side: wait for each in turn
                wait_healthy(replica.url)
            conf = self.runtime / "nginx.conf"
            upstreams = [f"127.0.0.1:{r.port}" for r in self.replicas]
            listen = f"{address}:{self.port}"
            conf.write_text(render(upstreams, listen, str(self.runtime), fail_timeout))
            nginx = shutil.which("nginx") or "/usr/sbin/nginx"
            with open(self.runtime / "nginx.log", "wb") as out:
                self.nginx = subprocess.Popen(
                    [nginx, "-e", "stderr", "-p", str(self.runtime), "-c", str(conf)],
                    start_new_session=True,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            try:
                wait_healthy(self.url, 15)
            except RuntimeError as err:
                raise RuntimeError(f"{err}; nginx said:\n{self.nginx_log()[-2000:]}") from None
        except BaseException:
            self.stop()
            raise

    def replica_of(self, upstream: str) -> Replica:
        """The replica at ``upstream`` (``127.0.0.1:port``, as in ``X-Replica``)."""
        return next(r for r in self.replicas if upstream == f"127.0.0.1:{r.port}")

    def nginx_log(self) -> str:
        """nginx's errors, then its access log (one line a request: its replica, its key)."""
        logs = [self.runtime / "nginx.log", self.runtime / "access.log"]
        return "".join(log.read_text(errors="replace") for log in logs if log.exists())

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait()
        for replica in self.replicas:
            replica.stop()
        if not self.keep:
            shutil.rmtree(self.runtime, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="nginx's port")
    parser.add_argument("--address", default="127.0.0.1", help="nginx's address")
    args = parser.parse_args()
    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    with Cluster(args.replicas, args.port, args.address, keep=True) as cluster:
        ports = ", ".join(str(r.port) for r in cluster.replicas)
        print(f"{cluster.url}: nginx, replicas on 127.0.0.1 ports {ports}", flush=True)
        print(f"logs and nginx.conf in {cluster.runtime}; Ctrl-C stops them all", flush=True)
        while not stopped.wait(1):
            dead = [r.port for r in cluster.replicas if r.process.poll() is not None]
            if cluster.nginx is not None and cluster.nginx.poll() is not None:
                print("nginx stopped; stopping the replicas", file=sys.stderr)
                break
            if dead:  # nginx keeps serving from the others; say so once
                print(f"replicas on ports {dead} stopped", file=sys.stderr)
                cluster.replicas = [r for r in cluster.replicas if r.port not in dead]


if __name__ == "__main__":
    main()
