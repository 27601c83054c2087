"""Turn a burst of file events into one call.

Editors and tools write in bursts: an atomic save is a temp file, a rename and
a chmod; `git checkout` touches hundreds of files. Rebuilding on each event
would rebuild many times and show half-written states, so events are gathered
until the file system has been quiet for a moment, then handed over as one
batch. A ceiling on the wait keeps a never-ending trickle from starving the
preview.

How long "a moment" is depends on what the events say. A file that was
closed after writing, renamed into place or deleted is complete, so once every
pending path is in that state a short pause (`settle`) is enough to catch the
rest of a burst; while some file is still open for writing, the full `quiet`
period applies. This takes most of the debounce out of an ordinary save.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path


class Debouncer:
    """Calls `action(batch)` once no path has arrived for `quiet` seconds.

    The action runs on the debouncer's own thread, one batch at a time, so two
    rebuilds never overlap; paths that arrive while a batch is being handled
    form the next batch.
    """

    def __init__(self, action: Callable[[set[Path]], None], *, quiet: float = 0.1, settle: float | None = None,
                 longest: float = 2.0) -> None:
        self._action = action
        self._quiet = quiet
        self._settle = quiet if settle is None else min(settle, quiet)
        self._open: set[Path] = set()
        self._longest = longest
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._first = 0.0
        self._last = 0.0
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="newsdigest-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def push(self, paths: Iterable[Path], *, complete: bool = False) -> None:
        """Add paths to the current batch and restart the quiet period.

        `complete` says the event leaves the files finished (closed after
        writing, renamed into place, deleted) rather than possibly mid-write.
        """
        paths = set(paths)
        if not paths:
            return
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._last = now
            self._pending |= paths
            if complete:
                self._open -= paths
            else:
                self._open |= paths
            self._cond.notify_all()

    def stop(self, timeout: float = 3.0) -> bool:
        """Stop after the batch in hand (if any) is done; pending paths are dropped. True once the thread ended."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopped:
                    self._cond.wait()
                while not self._stopped:
                    pause = self._quiet if self._open else self._settle
                    due = min(self._last + pause, self._first + self._longest)
                    now = time.monotonic()
                    if now >= due:
                        break
                    self._cond.wait(due - now)
                if self._stopped:
                    return
                batch, self._pending = self._pending, set()
                self._open.clear()
            try:
                self._action(batch)
            except Exception:  # a bug in a rebuild must not stop the watching
                if not self._stopped:  # (while stopping, an interrupted batch's error means nothing)
                    traceback.print_exc()
