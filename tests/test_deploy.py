"""deploy/: the nginx configuration (checked by nginx itself and run in front of two small HTTP
servers standing in for replicas), and the container files that use it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.nginx_conf import COMPOSE, compose_conf, render
from deploy.serve import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_or_fail() -> str:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: apt-get install -y nginx (scripts/test.sh installs it)")
    return NGINX


class Echo(BaseHTTPRequestHandler):
    """A stand-in replica: answers ``ok`` to the health check, else the headers it received."""

    def do_GET(self) -> None:
        body = b"ok" if self.path == "/_stcore/health" else json.dumps(dict(self.headers)).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(tmp_path):
    """nginx with the loopback configuration in front of two stand-in replicas."""
    upstreams = []
    for _ in range(2):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        upstreams.append(server)
    port = free_port()
    conf = tmp_path / "nginx.conf"
    addresses = [f"127.0.0.1:{s.server_address[1]}" for s in upstreams]
    conf.write_text(render(addresses, f"127.0.0.1:{port}", str(tmp_path)))
    log = open(tmp_path / "nginx.log", "wb")  # noqa: SIM115 (closed below)
    nginx = subprocess.Popen(
        [nginx_or_fail(), "-e", "stderr", "-p", str(tmp_path), "-c", str(conf)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", 10)
        yield f"http://127.0.0.1:{port}", upstreams, addresses
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        log.close()
        for server in upstreams:
            server.shutdown()
            server.server_close()


def get(url: str, cookie: str | None = None, **headers: str):
    if cookie is not None:
        headers["Cookie"] = f"mclab_replica={cookie}"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
        return r.headers, r.read()


def test_nginx_accepts_the_loopback_configuration(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(render(["127.0.0.1:8601", "127.0.0.1:8602"], "127.0.0.1:8600", str(tmp_path)))
    result = subprocess.run(
        [nginx_or_fail(), "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_a_first_request_and_its_cookie_reach_one_replica(proxy):
    """The first response sets the sticky cookie; the requests that carry it go where the first
    one went; different browsers spread over both replicas."""
    url, _, addresses = proxy
    seen = set()
    for _ in range(12):
        headers, _ = get(f"{url}/derivatives")
        first = headers["X-Replica"]
        key = re.fullmatch(
            r"mclab_replica=([0-9a-f]{32}); Path=/; HttpOnly; SameSite=Lax", headers["Set-Cookie"]
        )[1]
        for path in ("/_stcore/health", "/static/js/main.js", "/_stcore/stream"):
            again, _ = get(url + path, key)
            assert again["X-Replica"] == first
            assert again["Set-Cookie"] is None  # set once
        seen.add(first)
    assert seen == set(addresses)  # 12 browsers on one of 2 replicas: (1/2)^11 by chance


def test_websocket_headers_reach_the_replica(proxy):
    url, _, _ = proxy
    _, body = get(f"{url}/_stcore/stream", "k", Upgrade="websocket", Origin=url)
    received = {k.lower(): v for k, v in json.loads(body).items()}
    assert received["upgrade"] == "websocket" and received["connection"] == "upgrade"
    assert received["host"] == url.removeprefix("http://")  # Streamlit compares Origin to Host
    _, body = get(f"{url}/_stcore/health/x", "k")
    assert json.loads(body)["Connection"] == "close"  # a plain request: no upgrade asked


def test_a_dead_replica_sends_its_browsers_to_the_live_one(proxy):
    url, upstreams, addresses = proxy
    keys = {}
    for i in range(100):
        headers, _ = get(f"{url}/_stcore/health", f"k{i}")
        keys.setdefault(headers["X-Replica"], f"k{i}")
        if len(keys) == 2:
            break
    upstreams[0].shutdown()
    upstreams[0].server_close()
    time.sleep(0.1)
    headers, body = get(f"{url}/_stcore/health", keys[addresses[0]])
    assert body == b"ok"
    assert headers["X-Replica"] == f"{addresses[0]}, {addresses[1]}"  # tried, then passed on
    headers, _ = get(f"{url}/_stcore/health", keys[addresses[0]])
    assert headers["X-Replica"] == addresses[1]  # marked failed: not tried again for a while
    headers, _ = get(f"{url}/_stcore/health", keys[addresses[1]])
    assert headers["X-Replica"] == addresses[1]


def test_the_compose_configuration_is_the_template_for_compose():
    committed = (ROOT / "deploy" / "nginx.compose.conf").read_text()
    assert committed == compose_conf(), "python -m deploy.nginx_conf > deploy/nginx.compose.conf"
    servers = re.findall(r"^\s*server (\S+) max_fails=1", committed, re.MULTILINE)
    assert servers == COMPOSE["upstreams"] == ["app1:8501", "app2:8501"]
    assert re.search(r"^\s*listen 8080;", committed, re.MULTILINE)


def test_the_container_files_agree():
    """The Dockerfile, compose.yaml and .dockerignore (no YAML parser is installed: their text)."""
    docker = (ROOT / "Dockerfile").read_text()
    assert docker.startswith("#") and "\nFROM python:3.11-slim\n" in docker
    assert re.search(r"^USER mclab$", docker, re.MULTILINE)
    assert docker.index("USER mclab") < docker.index('CMD ["streamlit"')
    health = re.search(r"^HEALTHCHECK .*\n.*", docker, re.MULTILINE)[0]
    assert "http://127.0.0.1:8501/_stcore/health" in health
    assert "--server.port=8501" in docker
    compose = (ROOT / "compose.yaml").read_text()
    for service in ("app1", "app2"):
        assert re.search(rf"^  {service}: \*app$", compose, re.MULTILINE)
        assert f"      {service}:\n        condition: service_healthy" in compose
    assert "./deploy/nginx.compose.conf:/etc/nginx/nginx.conf:ro" in compose
    assert '"8501:8080"' in compose and "STREAMLIT_SERVER_COOKIE_SECRET" in compose
    ignored = (ROOT / ".dockerignore").read_text().split()
    kept = {line[1:].rstrip("/") for line in ignored if line.startswith("!")}
    imported = {"streamlit_app.py", "requirements.txt", ".streamlit", "pages", "ui", "mathcore"}
    assert kept == imported
    for package in ("ui", "mathcore"):  # the app imports nothing outside what the image holds
        for source in (ROOT / package).rglob("*.py"):
            for name in re.findall(r"^(?:from|import) (\w+)", source.read_text(), re.MULTILINE):
                assert name not in {"tests", "bench", "deploy", "scripts"}, (source, name)
