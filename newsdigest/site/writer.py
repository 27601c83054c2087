"""Writing files into the output folder, and never outside it; reusing the last build's where nothing changed.

Every path a page or feed asks for comes from a slug or an id that arrived from
upstream; resolving it here and refusing anything that lands outside the output
folder makes a hostile slug a build error instead of a write elsewhere.

Given the manifest of what the last build published (`Manifest`: each file's
render key, content digest and file state), a file whose render key matches is
not even rendered (`reuse`), and a rendered file whose bytes match is left as
it is. So only the files whose bytes change are written, and a published file
that is no longer what the manifest says (edited by hand, or another build's)
is never reused.

A build over a published site writes in place (`in_place`): each changed file
goes to a temporary file beside its target, and `commit` renames them all over
the old ones and removes the files the site no longer has, once the whole
render succeeded. So `output/` is whole at every instant (each file is the old
or the new one), a failed render leaves it untouched, and no work is done per
unchanged file beyond one `stat`. A first build writes into a fresh staging
folder, swapped in whole (see `newsdigest.publish`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdigest.publish import MARKER, dead_leftovers, temp_prefix


@dataclass(frozen=True)
class Entry:
    """One file of a build: the key it was rendered from ("" when none), its digest, and its file state."""

    key: str
    sha: str
    size: int
    mtime_ns: int
    inode: int


Manifest = dict[str, Entry]
"""Output path (relative, '/'-separated) -> its entry."""


def valid_manifest(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, Entry) for k, v in value.items())


class Writer:
    def __init__(self, root: Path, previous: Path | None = None, manifest: Manifest | None = None, *,
                 in_place: bool = False, states: Mapping[str, Sequence[int]] | None = None) -> None:
        """`previous`: the published folder whose files `manifest` describes; with `in_place`, `root` itself.
        `states`: the state (size, modification time, inode) of every file of `previous` (relative), when the
        caller has just walked it, so the writer need not look at each file again."""
        self.root = Path(os.path.realpath(root))
        self.in_place = in_place
        self.previous = self.root if in_place else previous.resolve() if previous is not None else None
        self.pending: list[tuple[str, str]] = []
        """In place: (temporary file, its target) for each changed file, renamed into place by `commit`."""
        self.old: Manifest = manifest or {}
        self.entries: Manifest = {}
        """What this build put in the folder, to be the next build's manifest."""
        self._states = states
        self._root = str(self.root)
        self._previous = str(self.previous) if self.previous is not None else None
        self._places: dict[str, tuple[str, str]] = {}
        self._pending_of: dict[str, str] = {}
        self._checked: set[str] = set()
        """Folders below the root known to stay inside it."""
        self._folders: set[str] = set()
        """Folders made (or found) already: a site of thousands of pages asks for each parent many times."""

    def _place(self, path: str) -> tuple[str, str]:
        """The file a site path is written to, and its path relative to the root ('/'-separated).

        Refused when it lands outside the root, by its name or through a link; worked out once per path,
        and each folder checked for links once.
        """
        found = self._places.get(path)
        if found is None:
            target = os.path.normpath(os.path.join(self._root, _plain_relative(path)))
            if not target.startswith(self._root + os.sep) or not self._inside(os.path.dirname(target)):
                raise ValueError(f"refusing to write {path!r}: it is outside the output folder")
            found = self._places[path] = (target, target[len(self._root) + 1 :].replace(os.sep, "/"))
        return found

    def _inside(self, folder: str) -> bool:
        """Whether `folder` (below the root by name) stays inside it when links are followed."""
        if folder == self._root or folder in self._checked:
            return True
        if not self._inside(os.path.dirname(folder)):
            return False
        if os.path.islink(folder) and not os.path.realpath(folder).startswith(self._root + os.sep):
            return False
        self._checked.add(folder)
        return True

    def relative(self, path: str) -> str:
        """The file of a site path, relative to the root ('/'-separated)."""
        return self._place(path)[1]

    def intact(self, relative: str) -> bool:
        """Whether the published file at `relative` is still what the manifest says."""
        return self._published(relative) is not None

    def source(self, relative: str) -> Path:
        """Where the bytes this build gives `relative` are now (in place, a changed file is still beside its target)."""
        target = os.path.join(self._root, relative)
        if self.in_place:
            if len(self._pending_of) != len(self.pending):
                self._pending_of = {target: temporary for temporary, target in self.pending}
            return Path(self._pending_of.get(target, target))
        return Path(target)

    def forget(self, folder: str) -> None:
        """Drop what this build put under `folder` (relative): nothing of it is published."""
        prefix = folder.rstrip("/") + "/"
        for relative in [r for r in self.entries if r.startswith(prefix)]:
            del self.entries[relative]
        if self.in_place:
            inside = os.path.join(self._root, prefix)
            for temporary, _target in [item for item in self.pending if item[1].startswith(inside)]:
                Path(temporary).unlink(missing_ok=True)
            self.pending = [item for item in self.pending if not item[1].startswith(inside)]
        else:
            shutil.rmtree(os.path.join(self._root, folder), ignore_errors=True)

    def _published(self, relative: str) -> tuple[str, Entry] | None:
        """The published file at `relative` with its manifest entry, when it is still as the manifest says."""
        old = self.old.get(relative)
        if old is None or self._previous is None:
            return None
        path = os.path.join(self._previous, relative)
        if self._states is not None:
            state = self._states.get(relative)
            if state is None or tuple(state) != (old.size, old.mtime_ns, old.inode):
                return None
            return path, old
        try:
            st = os.stat(path)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (old.size, old.mtime_ns, old.inode):
            return None
        return path, old

    def reuse(self, path: str, key: str | None | Callable[[], str | None]) -> bool:
        """Link the published file for `path` if the last build rendered it from the same `key`; True if done.

        `key` may be the function that makes it, called only for a file the last build published and nobody
        touched since: a page it did not publish is rendered anyway, and its key is left to whoever renders it.
        """
        if key is None:
            return False
        relative = _plain_relative(path)  # `old` holds only the relative paths `_place` made
        found = self._published(relative)
        if found is None:
            return False
        if callable(key):
            key = key()
        if found[1].key != key or not key:
            return False
        if not self.in_place:  # a link is written: the path is checked as every written one is
            target = self._place(path)[0]
            self._folder(os.path.dirname(target))
            _link(found[0], target)
        self.entries[relative] = found[1]
        return True

    def missing(self, paths: Iterable[str]) -> list[str]:
        """The site paths of `paths` whose file this build has neither written nor reused, in their order.

        One set look-up per path: a plain path's file is named without resolving anything (see
        `_plain_relative`); only a path whose plain name is not recorded is resolved, as its write would be.
        """
        entries = self.entries
        return [path for path in paths
                if _plain_relative(path) not in entries and self._place(path)[1] not in entries]

    @staticmethod
    def relative_name(path: str) -> str:
        """The name under which the last build published the file of `path`, when the path is plain (see
        `_plain_relative`): nothing is resolved."""
        return _plain_relative(path)

    def published_key(self, path: str) -> str | None:
        """The key the last build rendered the file of `path` from, when it published one ("" when unkeyed)."""
        entry = self.old.get(_plain_relative(path)) if self.previous is not None else None
        return None if entry is None else entry.key

    def write_bytes(self, path: str, data: bytes, key: str | None = None) -> None:
        target, relative = self._place(path)
        sha = hashlib.sha256(data).hexdigest()
        self._folder(os.path.dirname(target))
        found = self._published(relative)
        if found is not None and found[1].sha == sha:
            if not self.in_place:
                _link(found[0], target)  # same bytes: the published file stays as it is
            old = found[1]
            self.entries[relative] = Entry(key or "", sha, old.size, old.mtime_ns, old.inode)
        else:
            if self.in_place:
                written = temporary_beside(target, data)
                self.pending.append((written, target))
            else:
                if os.path.lexists(target):
                    os.unlink(target)  # never write through a link into the published file
                with open(target, "wb") as handle:
                    handle.write(data)
                written = target
            st = os.stat(written)  # a rename keeps the inode and modification time
            self.entries[relative] = Entry(key or "", sha, st.st_size, st.st_mtime_ns, st.st_ino)

    def adopt(self, path: str, key: str | None = None) -> None:
        """Record the file another program wrote at `path` in this fresh folder (the search indexer's bundle)
        as this build's: what `write_bytes` would record for those bytes, without writing them again."""
        if self.in_place:
            raise ValueError("a file written in place goes beside its target first: use write_bytes")
        target, relative = self._place(path)
        with open(target, "rb") as handle:
            sha = hashlib.sha256(handle.read()).hexdigest()
            st = os.fstat(handle.fileno())
        self.entries[relative] = Entry(key or "", sha, st.st_size, st.st_mtime_ns, st.st_ino)

    def _folder(self, folder: str) -> None:
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def write_text(self, path: str, text: str, key: str | None = None) -> None:
        self.write_bytes(path, text.encode("utf-8"), key)

    def commit(self, present: Collection[str], *, keep: str | None = None) -> None:
        """In place: rename every changed file over its target, then remove the files of `present` (the
        folder's files before this build, relative) that this build did not write, but the marker and,
        with `keep`, the files under that folder (the search index, published separately)."""
        moves, self.pending = self.pending, []
        put_in_place(self.root, moves, self.entries, present, keep=(keep + "/",) if keep else ())

    def abort(self) -> None:
        """In place: remove the temporary files of a render that failed; the published files stay untouched."""
        for temporary, _target in self.pending:
            Path(temporary).unlink(missing_ok=True)
        self.pending = []

    def abort_dead(self, paths: Iterable[str]) -> None:
        """In place: remove the temporary files beside the files of `paths` that processes now dead wrote (the
        forked workers of a render that failed: what they wrote never came back to this writer's `pending`)."""
        if not self.in_place:
            return
        names: dict[Path, set[str]] = {}
        for path in paths:
            try:
                target = Path(self._place(path)[0])
            except ValueError:  # a path outside the output folder was never written
                continue
            names.setdefault(target.parent, set()).add(f".{target.name}.")
        for folder, prefixes in names.items():
            for leftover in dead_leftovers(folder):
                if leftover.name.startswith(tuple(prefixes)):
                    leftover.unlink(missing_ok=True)


def _plain_relative(path: str) -> str:
    """The file of a site path relative to the root, as written: `Writer._place` resolves it (and checks where it
    lands), so for a plain path (no `.`, `..` or doubled slashes) the two names are the same; any other path gives
    a name that no manifest holds, so it is never reused, only ever written (and checked) by `_place`. Nothing is
    resolved here: a site asks this for each of its pages."""
    relative = path.lstrip("/")
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def put_in_place(root: Path, moves: Iterable[tuple[str, str]], made: Collection[str], present: Iterable[str], *,
                 keep: tuple[str, ...] = ()) -> list[str]:
    """Publish a rendering over the site in `root`: the one way a built site changes in place.

    Each (new file, target) of `moves` is renamed over its target, each file
    by one atomic rename (a file of the site is always the old or the new one);
    then the files of `present` (the site's files, relative) that are not
    among `made` (the rendering's) are removed, but the marker and those under
    a `keep` prefix ("pagefind/": an index published separately), and folders
    left empty go too. The new files must be on the site's file system (beside
    their targets, or in a staging folder beside the site). Returns the
    relative paths changed.
    """
    changed = []
    prefix = str(root) + os.sep
    for new, target in moves:
        _make_folder(root, Path(target).parent)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)  # a folder stands where the rendering has a file
        os.replace(new, target)
        changed.append(target.removeprefix(prefix).replace(os.sep, "/"))
    for relative in present:
        if relative in made or relative == MARKER or relative.startswith(keep):
            continue
        path = root / relative
        path.unlink(missing_ok=True)
        _prune(path.parent, root)
        changed.append(relative)
    return changed


def _make_folder(root: Path, folder: Path) -> None:
    """Make `folder` (below `root`), replacing any file that stands where one of its folders must be."""
    if folder.is_dir():
        return
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_file() or current.is_symlink() and not current.is_dir():
            current.unlink()
        current.mkdir(exist_ok=True)


def files_below(folder: Path, prefix: str = "") -> list[str]:
    """Every file below `folder`, as relative '/'-separated paths (each after `prefix/` when given)."""
    found = []
    for root, _dirs, names in os.walk(folder):
        relative = Path(root).relative_to(folder).as_posix()
        base = "/".join(part for part in (prefix, "" if relative == "." else relative) if part)
        found += [f"{base}/{name}" if base else name for name in names]
    return found


def temporary_beside(target: str | Path, data: bytes) -> str:
    """`data` in a new temporary file beside `target` (named so that the next build can tell a dead build's)."""
    handle, name = tempfile.mkstemp(prefix=temp_prefix(os.path.basename(target)), dir=os.path.dirname(target))
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(name, 0o644)
    return name


def _prune(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents below `root` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _link(source: str, target: str) -> None:
    """A hard link to `source` at `target` (a copy where links are not possible)."""
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
