"""The preview server under hostile requests: no open redirect, long paths answered, bursts held, a CSP."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsdigest.serve.events import LiveReload
from newsdigest.serve.server import SiteServer


@contextmanager
def running(root: Path, base_path: str = "/") -> Iterator[tuple[str, int]]:
    hub = LiveReload()
    server = SiteServer(("127.0.0.1", 0), lambda: root, hub, base_path=base_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        hub.closed.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "output"
    (root / "static").mkdir(parents=True)
    (root / "static" / "index.html").write_text("<html><head></head><body>static</body></html>")
    (root / "index.html").write_text("<html><head></head><body>home</body></html>")
    (root / "404.html").write_text("<html><head></head><body>not here</body></html>")
    return root


def get(address, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["//static", "///static", "//static?x=1", "/\\/static", "//evil.example/static",
                                  "//static/..", "/%2fstatic"])
def test_no_redirect_leaves_the_site(site, path, capfd):
    with running(site) as address:
        status, headers, _ = get(address, path)
    location = headers.get("location", "")
    assert status in (200, 301, 403, 404), (path, status)
    if status == 301:
        assert location.startswith("/") and not location.startswith(("//", "/\\")), (path, location)
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("path", ["/" + "a" * 300, "/" + "a" * 300 + "/", "/static/" + "b" * 5000, "/" + "c/" * 3000,
                                  "/" + "%41" * 400])
def test_long_paths_are_answered_not_dropped(site, path, capfd):
    with running(site) as address:
        status, _, _ = get(address, path)
        assert get(address, "/")[0] == 200, "the server still answers"
    assert status in (404, 414), (len(path), status)
    assert "Traceback" not in capfd.readouterr().err


def test_every_response_carries_a_content_security_policy(site):
    with running(site) as address:
        for path in ("/", "/static/", "/static", "/missing", "/__livereload.js"):
            _status, headers, _ = get(address, path)
            policy = headers.get("content-security-policy", "")
            assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy, (path, policy)


def _ask_all(sockets) -> int:
    for connection in sockets:
        connection.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
    answered = 0
    for connection in sockets:
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
        answered += data.startswith(b"HTTP/1.0 200") and b"home" in data
    return answered


def test_a_burst_waits_in_the_listen_queue_while_the_server_is_busy(site):
    """A browser's burst arrives before the server accepts: the listen queue must hold it, not drop it."""
    count = 120
    server = SiteServer(("127.0.0.1", 0), lambda: site, LiveReload())
    sockets = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        for _ in range(count):  # the server is not accepting yet: every connection waits in the queue
            sockets.append(socket.create_connection(server.server_address[:2], timeout=10))
        thread.start()
        assert _ask_all(sockets) == count
    finally:
        for connection in sockets:
            connection.close()
        if thread.is_alive():
            server.shutdown()
        server.server_close()


def test_two_hundred_concurrent_connections_are_all_answered(site):
    count = 200
    with running(site) as address:
        sockets = []
        try:
            for _ in range(count):  # every connection opened before any request is sent
                sockets.append(socket.create_connection(address, timeout=60))
            assert _ask_all(sockets) == count
        finally:
            for connection in sockets:
                connection.close()


def test_a_site_for_a_sub_path_is_previewed_under_that_path(site):
    """Pages built for `base_url = https://example.org/digest/` link `/digest/static/…`: serve them there."""
    with running(site, base_path="/digest/") as address:
        assert b"<body>home</body>" in get(address, "/digest/")[2]
        assert b"<body>static</body>" in get(address, "/digest/static/")[2]
        status, headers, _ = get(address, "/")
        assert (status, headers["location"]) == (301, "/digest/")
        status, headers, _ = get(address, "/digest/static")
        assert (status, headers["location"]) == (301, "/digest/static/")
        status, _, body = get(address, "/static/")
        assert status == 404 and b"not here" in body, "outside the sub-path nothing of the site is served"


def test_a_browser_leaving_mid_answer_prints_no_traceback(site, capfd):
    """A reload or a closed tab drops the connection while the server writes: that is no error.
    Any other failure in a request is still printed."""
    server = SiteServer(("127.0.0.1", 0), lambda: site, LiveReload())
    try:
        closed_while_stopping = OSError(9, "Bad file descriptor")  # a keep-alive reader when the server stops
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer"),
                     closed_while_stopping):
            try:
                raise gone
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert "Traceback" not in capfd.readouterr().err
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "a real fault" in capfd.readouterr().err
    finally:
        server.server_close()
