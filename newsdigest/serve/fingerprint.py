"""Remember what each input file held, so events that changed nothing are ignored.

Many events carry no news: the build's ingest step writes posts into
`content/posts/`, an editor saves an unchanged buffer, `touch` or `git
checkout` rewrites identical bytes. Comparing content (not timestamps) with
what was seen last time drops all of them, which is also what keeps the server
from looping on files its own build wrote.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def _digest(path: Path) -> bytes | None:
    """The file's content hash, or None when it is missing, unreadable or not a regular file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).digest()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return None
    except OSError:
        return None


class Fingerprints:
    """Content hashes of every input file, keyed by absolute path."""

    def __init__(self, roots: Iterable[tuple[Path, bool]], accept: Callable[[Path], bool]) -> None:
        self._roots = list(roots)
        self._accept = accept
        self._known: dict[Path, bytes] = {}

    def scan(self) -> None:
        """Record every input file as it is now (at start, and after the config changes)."""
        self._known.clear()
        for root, recursive in self._roots:
            for path in self._files_under(root, recursive):
                digest = _digest(path)
                if digest is not None:
                    self._known[path] = digest

    def changed(self, paths: Iterable[Path]) -> set[Path]:
        """The paths (files; folders are expanded) whose content differs from last time. Records the new state."""
        result: set[Path] = set()
        folders: set[Path] | None = None  # folders holding known files, worked out only if needed
        for path in paths:
            path = Path(os.path.abspath(path))
            if path in self._known or path.is_file():
                candidates = {path}
            elif path.is_dir():
                candidates = set(self._files_under(path, True))
                candidates |= {known for known in self._known if known.is_relative_to(path)}
            else:
                if folders is None:
                    folders = {parent for known in self._known for parent in known.parents}
                if path in folders:
                    # A folder that was deleted or moved away: every file known under it is gone.
                    candidates = {known for known in self._known if known.is_relative_to(path)}
                else:
                    candidates = {path}  # a file that is gone, or never was
            for candidate in candidates:
                if self.update(candidate):
                    result.add(candidate)
        return result

    def update(self, path: Path) -> bool:
        """Record the file's current content; True if it differs from what was recorded."""
        path = Path(os.path.abspath(path))
        digest = _digest(path) if self._accept(path) else None
        before = self._known.get(path)
        if digest is None:
            self._known.pop(path, None)
        else:
            self._known[path] = digest
        return digest != before

    def _files_under(self, root: Path, recursive: bool) -> Iterable[Path]:
        root = Path(os.path.abspath(root))
        if root.is_file():
            if self._accept(root):
                yield root
            return
        if not root.is_dir():
            return
        if not recursive:
            for entry in os.scandir(root):
                path = Path(entry.path)
                if entry.is_file() and self._accept(path):
                    yield path
            return
        for folder, dirs, files in os.walk(root):
            base = Path(folder)
            dirs[:] = [d for d in dirs if self._accept(base / d)]
            for name in files:
                path = base / name
                if self._accept(path):
                    yield path
