"""A school on two replicas (issue #14): ``deploy/serve.py`` starts two Streamlit servers behind
nginx on loopback; Chromium opens pages through nginx. Every request of a browser, the page, its
static files, its health checks and its websocket, reaches one replica (nginx's ``X-Replica``
header names it), reruns travel on that websocket, and when that replica is killed the page
reconnects through nginx to the other one with what its address holds, while sessions on the
other replica carry on undisturbed."""

from __future__ import annotations

import time
import urllib.request

import pytest

from deploy.serve import Cluster
from tests.e2e.conftest import IDLE
from ui.i18n import text

DERIVATIVES = "/derivatives?f=x%5E3&a=1&lang=en"
LIMITS = "/limits?f=sin(x)%2Fx&a=0&lang=en"


@pytest.fixture
def cluster():
    with Cluster(replicas=2) as started:
        yield started


class Visitor:
    """One browser (its own cookies) on one page, and the replica that answered each of its
    HTTP responses and websocket handshakes."""

    def __init__(self, browser, cluster: Cluster, key: str | None = None) -> None:
        self.context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        if key is not None:  # a browser that already has its sticky cookie
            self.context.add_cookies([{"name": "mclab_replica", "value": key, "url": cluster.url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.http: list[tuple[str, str | None]] = []
        self.sockets: list[str] = []
        self.page.on("response", lambda r: self.http.append((r.url, r.headers.get("x-replica"))))
        cdp = self.context.new_cdp_session(self.page)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        cdp.send("Network.enable")

    def _handshake(self, event: dict) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        self.sockets.append(headers.get("x-replica", ""))

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector('[data-testid="stMain"] h1')
        self.page.wait_for_selector(IDLE)

    def replicas(self) -> set[str]:
        """Every replica that answered this browser (the last one nginx tried, for each)."""
        answered = [replica for _, replica in self.http] + self.sockets
        assert None not in answered, [url for url, replica in self.http if replica is None]
        return {replica.split(", ")[-1] for replica in answered}

    def rerun(self, point: str) -> None:
        """Type a new point and press Enter: a rerun on the server, the address follows."""
        box = self.page.get_by_label(text("en", "input.point"), exact=True)
        box.fill(point)
        box.press("Enter")
        self.page.wait_for_url(f"**a={point}**")
        self.page.wait_for_selector(IDLE)

    def close(self) -> None:
        self.context.close()


def key_for(cluster: Cluster, upstream: str) -> str:
    """A sticky-cookie value that nginx hashes to the replica at ``upstream``."""
    for i in range(200):
        request = urllib.request.Request(
            f"{cluster.url}/_stcore/health", headers={"Cookie": f"mclab_replica=test{i}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            if response.headers["X-Replica"] == upstream:
                return f"test{i}"
    raise AssertionError(f"no key among 200 hashes to {upstream}")


def two_visitors(browser, cluster: Cluster) -> tuple[Visitor, Visitor]:
    """A new browser on /derivatives (nginx picks its replica and sets its cookie), then one on
    /limits whose cookie is chosen to hash to the other replica."""
    first = Visitor(browser, cluster)
    first.open(cluster.url + DERIVATIVES)
    (mine,) = first.replicas()
    cookies = {c["name"]: c["value"] for c in first.context.cookies()}
    assert len(cookies.get("mclab_replica", "")) == 32  # nginx's $request_id
    assert len(first.sockets) == 1
    (other,) = {f"127.0.0.1:{r.port}" for r in cluster.replicas} - {mine}
    second = Visitor(browser, cluster, key_for(cluster, other))
    second.open(cluster.url + LIMITS)
    assert second.replicas() == {other}
    return first, second


def test_a_session_stays_on_its_replica(cluster, browser):
    """A new browser's first page, its static files, health checks and websocket all reach the
    replica nginx picked for it; reruns travel on that one websocket; a browser with a cookie for
    the other replica is served by that one only."""
    first, second = two_visitors(browser, cluster)
    try:
        for visitor, points in ((first, ("2", "0.5")), (second, ("1", "2"))):
            before = visitor.replicas()
            for point in points:
                visitor.rerun(point)
            assert visitor.replicas() == before
            assert len(visitor.sockets) == 1  # the same websocket carried every rerun
        first.page.reload()
        first.page.wait_for_selector(IDLE)
        assert "a=0.5" in first.page.url and len(first.sockets) == 2
        assert len(first.replicas()) == 1  # a reload: the same replica again
    finally:
        first.close()
        second.close()


def test_killing_a_replica_moves_its_sessions(cluster, browser):
    """SIGKILL the replica (and its workers) under one browser: the page reconnects by itself
    through nginx to the live replica, shows the function and point of its address and reruns
    there; the browser on the live replica never notices."""
    first, second = two_visitors(browser, cluster)
    try:
        (dead,) = first.replicas()
        (live,) = second.replicas()
        cluster.replica_of(dead).kill()
        killed_at = len(first.http)
        deadline = time.monotonic() + 45
        while not (first.sockets[1:] and first.sockets[-1].split(", ")[-1] == live):
            assert time.monotonic() < deadline, f"no reconnect: sockets {first.sockets}"
            first.page.wait_for_timeout(200)
        first.page.wait_for_selector(IDLE)
        function = first.page.get_by_label(text("en", "input.function"), exact=True)
        point = first.page.get_by_label(text("en", "input.point"), exact=True)
        assert function.input_value() == "x^3" and point.input_value() == "1"
        assert "f=x%5E3" in first.page.url or "f=x^3" in first.page.url
        first.rerun("2")
        assert first.sockets[-1].split(", ")[-1] == live
        # The frontend's health checks and host-config after the kill: all answered by the live
        # replica (static files may come from the browser's cache, with their old headers).
        checks = [replica for url, replica in first.http[killed_at:] if "/_stcore/" in url]
        assert checks and {replica.split(", ")[-1] for replica in checks} == {live}, checks
        second.rerun("1")
        assert second.replicas() == {live} and len(second.sockets) == 1
    finally:
        first.close()
        second.close()
