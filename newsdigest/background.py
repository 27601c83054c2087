"""Background threads that can be waited for: the preview server joins every thread it started before it exits.

Python 3.11 ends a daemon thread that is still running when the interpreter
finalises by unwinding it from wherever it next takes the GIL; inside a native
library's C++ frames that aborts the whole process ("terminate called without
an active exception", exit -6). An import, a numpy fit or a tree removal cannot
be interrupted, so the owner keeps its threads here and waits for them
(bounded) when it stops.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


class Background:
    """The threads one owner started: start more, wait for all of them."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self, target: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run `target(*args, **kwargs)` in a daemon thread of this group."""
        thread = threading.Thread(target=target, args=args, kwargs=kwargs, name=self._name, daemon=True)
        with self._lock:
            self._threads[:] = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def join(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds in all for every thread; True when none is left running."""
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = tuple(self._threads)  # a copy: `start` may run meanwhile
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)
