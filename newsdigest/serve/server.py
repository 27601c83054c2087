"""The HTTP side: serve the output folder safely, and speak live reload.

Files are looked up per request from the output folder's current path (a
plain `build` replaces the folder by rename, so no handle on an old copy is
kept). Only files inside that folder are served: `..` in any spelling
(including percent-encoded slashes) and symlinks that lead outside are
refused. HTML responses, and only responses, get the live-reload tag; the
published files are never touched.
"""

from __future__ import annotations

import errno
import mimetypes
import posixpath
import queue
import re
import socket
import sys
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from newsdigest.serve.client import EVENTS_PATH, SCRIPT, SCRIPT_PATH, script_tag
from newsdigest.serve.events import LiveReload
from newsdigest.site.theme import CSP

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsl": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
    # Pagefind's index files are binary chunks fetched by its own script.
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class Refused(Exception):
    """The request names something outside the output folder."""


def resolve(root: Path, url_path: str) -> Path:
    """The file or folder a URL path names inside `root` (which may not exist). Raises `Refused`."""
    decoded = unquote(url_path, errors="strict")
    if "\x00" in decoded or "\\" in decoded:
        raise Refused(url_path)
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise Refused(url_path)
    real_root = root.resolve()
    target = real_root.joinpath(*parts)
    real = target.resolve()  # follows symlinks: one pointing out of the folder ends up outside it
    if real != real_root and not real.is_relative_to(real_root):
        raise Refused(url_path)
    return real


_CSP_META = re.compile(
    r"""(<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy["']?[^>]*\bcontent\s*=\s*)(["'])(.*?)\2""",
    re.IGNORECASE | re.DOTALL,
)
_CSP_META_REVERSED = re.compile(
    r"""(<meta\b[^>]*\bcontent\s*=\s*)(["'])(.*?)\2(?=[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy)""",
    re.IGNORECASE | re.DOTALL,
)


def allow_self_scripts(policy: str) -> str:
    """A CSP that also lets same-origin scripts run and connect (the reload script and its stream).

    Sites usually allow 'self' already and the policy comes back unchanged.
    """
    directives: list[list[str]] = [d.split() for d in policy.split(";") if d.strip()]
    names = [d[0].lower() for d in directives]
    for wanted in ("script-src", "connect-src"):
        if wanted in names:
            directive = directives[names.index(wanted)]
        elif "default-src" in names:
            directive = [wanted, *directives[names.index("default-src")][1:]]
        else:
            continue  # nothing restricts it
        values = [v for v in directive[1:] if v.lower() != "'none'"]
        if "'self'" in (v.lower() for v in values) or "*" in values:
            continue  # already allowed
        directive[1:] = [*values, "'self'"]
        if wanted not in names:
            directives.append(directive)
            names.append(wanted)
    return "; ".join(" ".join(d) for d in directives)


def inject(page: bytes, tag: str) -> bytes:
    """The page with the reload tag added before `</head>` (or `</body>`, or at the end)."""
    text = page.decode("utf-8", errors="surrogateescape")

    def relax(match: re.Match[str]) -> str:
        quote_char = match.group(2)
        policy = allow_self_scripts(match.group(3).replace("&#39;", "'").replace("&quot;", '"'))
        if quote_char == "'":
            policy = policy.replace("'", "&#39;")
        return f"{match.group(1)}{quote_char}{policy}{quote_char}"

    text = _CSP_META.sub(relax, text, count=1) if _CSP_META.search(text) else _CSP_META_REVERSED.sub(relax, text, count=1)
    lower = text.lower()
    at = lower.rfind("</head>")
    if at < 0:
        at = lower.rfind("</body>")
    if at < 0:
        at = len(text)
    return (text[:at] + tag + text[at:]).encode("utf-8", errors="surrogateescape")


_FALLBACK_404 = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>There is no page here (and the site has no 404.html yet).</p></body></html>"""


MAX_PATH = 2048
"""Longest request path answered as a lookup; a longer one is 414, as browsers and proxies cap near it too."""
POLICY = CSP + "; frame-ancestors 'self'"
"""The site's own Content-Security-Policy, sent as a header too (the header alone can forbid framing)."""


class SiteServer(ThreadingHTTPServer):
    """Serves the site's current output folder; hands live-reload streams to `hub`."""

    request_queue_size = 128
    """The listen backlog: a browser opening a page with many assets, or many tabs at once, fits in it."""
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True  # lets a restart rebind at once; a port in active use still fails

    def __init__(self, address: tuple[str, int], output_dir: Callable[[], Path], hub: LiveReload,
                 base_path: str = "/") -> None:
        self.output_dir = output_dir
        self.hub = hub
        self.base_path = base_path
        """The path of the site's `base_url` ("/digest/"): the site is served under it, as it will be deployed."""
        if ":" in address[0]:
            self.address_family = socket.AF_INET6  # --host ::1
        super().__init__(address, Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that left mid-answer (a reload, a closed tab) is no error; anything else is printed.

        Nor is a connection closed under its reader while the server stops (EBADF):
        stopping must print "Stopped.", not a traceback.
        """
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError) or (isinstance(error, OSError) and error.errno == errno.EBADF):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "newsdigest-serve"

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for builds and errors, not an access log

    def _respond(self, head: bool) -> None:
        # The request target is a path, never a URL: "//static" is the path "/static", not the host "static".
        path, _, query = self.path.split("#", 1)[0].partition("?")
        path = "/" + path.lstrip("/")
        if len(path) > MAX_PATH:
            return self._send(HTTPStatus.REQUEST_URI_TOO_LONG, b"Request path too long\n", "text/plain; charset=utf-8",
                              head)
        if path == EVENTS_PATH:
            return self._events(parse_qs(query).get("files", [""])[0].split())
        if path == SCRIPT_PATH:
            return self._send(HTTPStatus.OK, SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8", head)
        root = self.server.output_dir()
        base = self.server.base_path
        if base != "/":
            if path in ("/", base.rstrip("/")):
                return self._redirect(base)
            if not path.startswith(base):
                return self._not_found(root, path, head)
            path = "/" + path[len(base):]
        try:
            self._serve_file(root, path, query, head)
        except OSError:  # a name too long for the file system, a file that vanished mid-lookup
            self._not_found(root, path, head)

    def _serve_file(self, root: Path, path: str, query: str, head: bool) -> None:
        try:
            target = resolve(root, path)
        except (Refused, UnicodeDecodeError):
            return self._send(HTTPStatus.FORBIDDEN, b"Forbidden: outside the site\n", "text/plain; charset=utf-8",
                              head)
        if target.is_dir():
            if not path.endswith("/"):
                location = quote(unquote(path), safe="/").lstrip("/") + "/" + (f"?{query}" if query else "")
                return self._redirect(self.server.base_path + location)
            target = target / "index.html"
        try:
            body = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return self._not_found(root, path, head)
        except PermissionError:
            return self._send(HTTPStatus.FORBIDDEN, b"Forbidden\n", "text/plain; charset=utf-8", head)
        kind = content_type(target)
        if kind.startswith("text/html"):
            rel = target.relative_to(root.resolve()).as_posix()
            body = inject(body, script_tag(self.server.hub.build, [rel]))
        self._send(HTTPStatus.OK, body, kind, head)

    def _redirect(self, location: str) -> None:
        """A permanent redirect to a path of this site; `location` always starts with a single "/"."""
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", "/" + location.lstrip("/"))
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", POLICY)
        self.end_headers()

    def _not_found(self, root: Path, url_path: str, head: bool) -> None:
        wanted = posixpath.normpath(unquote(url_path)).lstrip("/")
        files = [wanted, posixpath.join(wanted, "index.html"), "404.html"]
        try:
            body = (root / "404.html").read_bytes()
        except OSError:
            body = _FALLBACK_404
        self._send(HTTPStatus.NOT_FOUND, inject(body, script_tag(self.server.hub.build, files)),
                   "text/html; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", POLICY)
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def _events(self, files: list[str]) -> None:
        hub = self.server.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        client = hub.subscribe(files)
        try:
            self.wfile.write(b"retry: 500\n\n")  # reconnect quickly when the server restarts
            self.wfile.flush()
            while not hub.closed.is_set():
                try:
                    message = client.get(timeout=15)
                except queue.Empty:
                    message = b": keep-alive\n\n"
                if message is None:
                    break
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            hub.unsubscribe(client)
            self.close_connection = True
