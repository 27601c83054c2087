"""Which file events matter, and the watchdog glue that reports them.

Only the editor's inputs are watched: `content/`, `templates/`, `static/` and
`site.toml`. The output folder, the cache and the build's staging folders are
never reported, whatever the folder layout, so the server cannot trigger
itself through its own writes. Editors' temporary and swap files are dropped
here too, by the rule the post reader skips them by (`content_files`): they
are not content, and the rename that ends an atomic save is reported under
the real file's name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from newsdigest.config import Config
from newsdigest.content_files import is_noise


def watched_roots(config: Config) -> list[tuple[Path, bool]]:
    """(folder, recursive) pairs to watch. `site.toml`'s folder is watched flat, for that one file."""
    roots = [(config.content_dir, True), *((folder, True) for folder in config.theme_folders)]
    roots.append((config.config_path.parent, False))
    return [(Path(os.path.abspath(root)), recursive) for root, recursive in roots]


def machine_written(config: Config) -> list[Path]:
    """Files inside `content/` that the build writes and nobody edits: the stories stage's id registry.

    They are outputs, not inputs: a change to them must not trigger a rebuild
    (the build writes them on every regroup, also in the background settle).
    """
    try:
        from newsdigest.stories.identity import registry_path
    except ImportError:
        return []
    return [Path(os.path.abspath(registry_path(config.stories_dir)))]


class InputFilter:
    """Decides whether a path is an input of the site (and not our own output)."""

    def __init__(self, config: Config) -> None:
        self.config_path = Path(os.path.abspath(config.config_path))
        self.trees = [Path(os.path.abspath(p)) for p in (config.content_dir, *config.theme_folders)]
        output = Path(os.path.abspath(config.output_dir))
        self.excluded = [output, Path(os.path.abspath(config.cache_dir)), *machine_written(config)]
        self.staging_prefix = (output.parent, f".{output.name}.")

    def __call__(self, path: Path) -> bool:
        if path == self.config_path:
            return True
        if any(path == ex or path.is_relative_to(ex) for ex in self.excluded):
            return False
        parent, prefix = self.staging_prefix
        if path.is_relative_to(parent) and path.relative_to(parent).parts[:1] and \
                path.relative_to(parent).parts[0].startswith(prefix):
            return False
        if not any(path.is_relative_to(tree) for tree in self.trees):
            return False
        inside = path.relative_to(next(t for t in self.trees if path.is_relative_to(t)))
        return not is_noise(inside) if inside.parts else True


# Events after which the file is complete: closed after writing, renamed into place, deleted.
_COMPLETE = frozenset({"closed", "moved", "deleted"})


class _Relay(FileSystemEventHandler):
    def __init__(self, accept: Callable[[Path], bool], deliver: Callable[[list[Path], bool], None]) -> None:
        self._accept = accept
        self._deliver = deliver

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type in ("modified", "attrib"):
            return  # a folder's mtime moves whenever a file in it changes; the file's own event says more
        raw = [event.src_path, getattr(event, "dest_path", "")]
        paths = [Path(os.fsdecode(p)) for p in raw if p]
        paths = [p for p in paths if self._accept(p)]
        if paths:
            self._deliver(paths, event.event_type in _COMPLETE and not event.is_directory)


class Watcher:
    """Watches the site's inputs and delivers the paths of relevant events."""

    def __init__(self, config: Config, deliver: Callable[[list[Path], bool], None]) -> None:
        """`deliver(paths, complete)` gets the paths of each relevant event (see `Debouncer.push`)."""
        self.accept = InputFilter(config)
        self._relay = _Relay(self.accept, deliver)
        self._observer = Observer()
        self._roots = watched_roots(config)
        self._scheduled: set[tuple[Path, bool]] = set()

    def start(self) -> None:
        self.schedule()
        self._observer.start()

    def schedule(self) -> None:
        """Watch every root that exists now; call again after a root folder appears."""
        for root, recursive in self._roots:
            key = (root, recursive)
            if key in self._scheduled:
                continue
            if root.is_dir():
                self._observer.schedule(self._relay, str(root), recursive=recursive)
                self._scheduled.add(key)
            elif root.parent.is_dir() and (root.parent, False) not in self._scheduled:
                # Watch the parent flat so the folder's creation is noticed.
                self._observer.schedule(self._relay, str(root.parent), recursive=False)
                self._scheduled.add((root.parent, False))

    def stop(self) -> bool:
        """Stop watching; True once the observer's thread ended."""
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
        return not self._observer.is_alive()
