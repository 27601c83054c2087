"""Keep the search index fresh without making every rebuild wait for it.

Pagefind reads every page and takes seconds on a large site, while no page
needs it to display. So quick rebuilds skip it (see `rebuild`), and this
refreshes the published index in place a couple of seconds after the last
rebuild, off the rebuild thread. Until then a search may miss the latest edit;
the pages themselves are never stale.

The bundles are planned from the stories in memory (`search.bundle_plan`),
and the first refresh starts from the keys of the bundles the first build
indexed (`seed`), so it indexes again only the shards whose pages changed since.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from newsdigest.model import Story
from newsdigest.serve.debounce import Debouncer

log = logging.getLogger(__name__)


class SearchRefresh:
    def __init__(self, output: Path, stories: Callable[[], Sequence[Story] | None], *, quiet: float = 2.0) -> None:
        """`stories()`: the stories whose pages the site holds now (None before the first build)."""
        self._output = output
        self._stories = stories
        self._keys: dict[str, str] = {}
        """The key of each bundle the last refresh left published: only the others are indexed again."""
        self._debouncer = Debouncer(self._run, quiet=quiet, longest=30.0)

    def start(self) -> None:
        self._debouncer.start()

    def seed(self, keys: Mapping[str, str]) -> None:
        """The bundles a build just indexed (`Outcome.bundles`): a refresh leaves them until their pages change."""
        self._keys = dict(keys)

    def soon(self) -> None:
        """Ask for a refresh once rebuilds have been quiet for a moment."""
        self._debouncer.push([self._output])

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop refreshing once the refresh in hand (if any) is done; True once the thread ended."""
        return self._debouncer.stop(timeout=timeout)

    def _run(self, _batch: set[Path]) -> None:
        _lower_priority()
        stories = self._stories()
        if stories is None:
            return
        from newsdigest.site.search import build_search_index, bundle_plan

        keys = build_search_index(self._output, bundle_plan(stories), self._keys)
        self._keys = keys or {}
        if keys is None:
            log.info("search index not refreshed")


def _lower_priority() -> None:
    """Make this thread, and the Pagefind process it starts, yield the CPU to rebuilds.

    On Linux the nice value is per thread and inherited by child processes, so
    only the indexing runs at low priority, not the server.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass
