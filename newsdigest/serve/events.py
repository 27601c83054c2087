"""Live-reload news for every open page, as Server-Sent Events.

Each page's script holds one `/__livereload` stream. The hub keeps the latest
state (a build number and the standing problem, if any) and sends it to a page
as soon as it connects, so an error is shown on page load as long as it
stands, and a page that missed a build while its stream was down notices.
Events are only sent after a build has finished writing, so a reload never
catches a half-published site.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Sequence

from newsdigest.serve.problem import Problem


def _message(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class LiveReload:
    """Fans build results out to every connected page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: dict[queue.Queue[bytes | None], tuple[str, ...]] = {}
        self.build = 1
        self.problem: Problem | None = None
        self.closed = threading.Event()

    def subscribe(self, files: Sequence[str] = ()) -> queue.Queue[bytes | None]:
        """A queue of messages for one page (showing output `files`), starting with the current state."""
        client: queue.Queue[bytes | None] = queue.Queue()
        with self._lock:
            client.put(_message("hello", self._state()))
            self._clients[client] = tuple(files)
        return client

    def unsubscribe(self, client: queue.Queue[bytes | None]) -> None:
        with self._lock:
            self._clients.pop(client, None)

    def open_files(self) -> set[str]:
        """The output files the connected pages show (a template change renders those first)."""
        with self._lock:
            return {file for files in self._clients.values() for file in files}

    def published(self, changed: Sequence[str]) -> None:
        """A build succeeded: clear any problem, and tell pages which files changed."""
        with self._lock:
            had_problem, self.problem = self.problem is not None, None
            if had_problem:
                self._send(_message("ok", self._state()))
            if changed:
                self.build += 1
                self._send(_message("reload", {"build": self.build, "changed": list(changed)}))

    def failed(self, problem: Problem) -> None:
        """A build failed: every page shows the problem over the last good version."""
        with self._lock:
            self.problem = problem
            self._send(_message("problem", self._state()))

    def close(self) -> None:
        """End every stream (on shutdown)."""
        self.closed.set()
        with self._lock:
            for client in self._clients:
                client.put(None)
            self._clients.clear()

    def _state(self) -> dict[str, object]:
        return {"build": self.build, "problem": self.problem.as_json() if self.problem else None}

    def _send(self, message: bytes) -> None:
        for client in self._clients:
            client.put(message)
