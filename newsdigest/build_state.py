"""Is the published site already what a build would make? The up-to-date check, before any stage runs.

A build is a function of its inputs: every file of the content folder, the
settings, the site's templates and static files, and the code (the
`newsdigest` package, default theme included). After a build publishes, the
digest of those inputs is recorded in the cache beside the state of every
file it published (size, modification time, inode). The next build computes
the digest again; when it is the same and the published folder still holds
exactly those files untouched, there is nothing to do, and the heavy stages
are not even imported. Anything else (a changed byte anywhere in the inputs,
a file of `output/` edited or removed, no record) runs the build, which itself
reuses what it can. Deleting the record only costs time.

This module imports nothing heavy on purpose: the check is the whole cost of
an unchanged build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.atomic import write_atomically
from newsdigest.cache_store import digest
from newsdigest.config import Config
from newsdigest.errors import NewsdigestError
from newsdigest.model import IngestReport
from newsdigest.search_binary import pagefind_command

PACKAGE = Path(__file__).resolve().parent
RECORD = "build.json"
FORMAT = 2


@dataclass(frozen=True)
class Record:
    inputs: str
    files: dict[str, list[int]]
    stories: int
    posts: int
    summary: IngestReport = field(default_factory=IngestReport)
    inputs_seen: dict[str, list[Any]] = field(default_factory=dict)
    """What `inputs_digest` learnt of each input file (state and digest), so the next one reads only changes."""


def _files(folder: Path, *, folders: bool = False, besides: tuple[Path, ...] = ()) -> list[tuple[str, str]]:
    """Every file below `folder` in a stable order, as (path relative to it, '/'-separated; its full path);
    with `folders`, the folders too (an empty folder named like a post is an input the build must see and
    report). Folders in `besides` (the output and the cache, when they sit in the content folder) and the
    build's own lock, staging and retired folders beside the output are left out: they are what a build
    writes, not what it reads. Plain strings throughout: thousands of paths are walked at every build."""
    found = []
    skipped = {str(b) for b in besides}
    leftovers = tuple(f".{b.name}." for b in besides)
    top = str(folder)
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and os.path.abspath(os.path.join(root, d)) not in skipped
                         and not d.startswith(leftovers))
        names = [n for n in names if not n.startswith(leftovers)]
        prefix = root[len(top) + 1 :].replace(os.sep, "/")
        found += [(f"{prefix}/{name}" if prefix else name, os.path.join(root, name))
                  for name in sorted(names + (dirs if folders else []))]
    return found


def inputs_digest(config: Config, known: dict[str, list[Any]] | None = None) -> tuple[str, dict[str, list[Any]]]:
    """The digest of everything a build reads (paths and bytes), and what it learnt of each file.

    A file whose state (size, modification and change times, inode) is the one
    `known` recorded with its digest is not read again; the returned record
    holds every regular file's state and digest, for the next call.
    """
    known = known or {}
    seen: dict[str, list[Any]] = {}
    parts: list[str | bytes] = [repr(config), str(Path(os.path.abspath(config.output_dir)))]
    if config.config_path.is_file():
        parts.append(config.config_path.read_bytes())
    written = (Path(os.path.abspath(config.output_dir)), Path(os.path.abspath(config.cache_dir)))
    folders = [("content", config.content_dir), *((str(f), f) for f in config.theme_folders), ("package", PACKAGE)]
    for label, folder in folders:
        for relative, path in _files(folder, folders=True, besides=written) if folder.is_dir() else ():
            parts += [f"{label}/{relative}", _file_digest(path, known, seen)]
    parts.append(repr(pagefind_command()))
    return digest(*parts), seen


RECENT_NS = 2_000_000_000
"""A file changed this recently may change again within the same clock tick, unseen by its state:
its digest is not remembered (as version control tools do with their index)."""


def file_state(info: os.stat_result) -> list[int]:
    """What tells a file's change without reading it: size, modification and change times, inode."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def settled(state: list[int], now: int) -> bool:
    """Whether a `file_state` taken at `now` is old enough to trust (see `RECENT_NS`)."""
    return now - max(state[1], state[2]) > RECENT_NS


def _file_digest(path: str, known: dict[str, list[Any]], seen: dict[str, list[Any]]) -> bytes:
    """A regular file's digest (from `known` when its state is unchanged); for anything else a marker of
    its kind. Never opens what is not a regular file (a FIFO would hang, /dev/zero never end): the stage
    that reads the path reports it. An unreadable path gets a marker that never repeats, so the build
    runs and says why."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return f"\0not a regular file: {stat.S_IFMT(st.st_mode):o}\0".encode()
        state = file_state(st)
        old = known.get(path)
        if old is not None and old[:4] == state:
            sha = str(old[4])
        else:
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        return f"\0unreadable: {exc.errno}\0{time.time_ns()}".encode()
    if settled(state, time.time_ns()):
        seen[path] = [*state, sha]
    return f"\0sha256: {sha}\0".encode()


def output_state(output: Path) -> dict[str, list[int]]:
    """Every file of the published folder with its size, modification time and inode.

    One `scandir` per folder, each entry's state asked of the entry: a site has a folder per page, and
    walking them is most of the cost of a build with nothing to do."""
    state: dict[str, list[int]] = {}
    if output.is_dir():
        _scan(str(output), "", state)
    return state


def _scan(folder: str, prefix: str, state: dict[str, list[int]]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():  # as `os.walk` does: links not followed
                    _scan(entry.path, f"{prefix}{entry.name}/", state)
                continue
            st = entry.stat()
            state[prefix + entry.name] = [st.st_size, st.st_mtime_ns, st.st_ino]


def _record_path(config: Config) -> Path:
    return config.cache_dir / RECORD


def last_record(config: Config) -> Record | None:
    """What the last build recorded, if anything readable."""
    try:
        return _parse(json.loads(_record_path(config).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def up_to_date(record: Record | None, inputs: str, published: dict[str, list[int]]) -> Record | None:
    """The last build's `record` when its inputs digest is `inputs` and `output/` is still as it published it
    (`published`: its `output_state` now)."""
    if record is None or record.inputs != inputs or record.files != published:
        return None
    return record


def remember(config: Config, inputs: tuple[str, dict[str, list[Any]]], stories: int, posts: int, summary: Any,
             files: dict[str, list[int]] | None = None) -> None:
    """Record a published build (`summary`: ingest's report; `files`: the published files' state when the
    render reported it, else the folder is walked); an unwritable cache is no error."""
    data = {
        "format": FORMAT, "inputs": inputs[0], "inputs_seen": inputs[1], "files": files if files is not None else output_state(config.output_dir.resolve()),
        "stories": stories, "posts": posts,
        "summary": {
            "unchanged": [str(p) for p in (*summary.written, *summary.unchanged)],
            "kept": [str(p) for p in summary.kept],
            "skipped": [[str(p), reason] for p, reason in summary.skipped],
            "renamed": [[str(p), post_id] for p, post_id in summary.renamed],
        },
    }
    _write(config, data)


def refresh_seen(config: Config, seen: dict[str, list[Any]]) -> None:
    """Keep what an up-to-date check learnt of the input files (files that were too recent to trust
    before), so the next check need not read them again."""
    try:
        data = json.loads(_record_path(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict):
        _write(config, {**data, "inputs_seen": seen})


def _write(config: Config, data: dict[str, Any]) -> None:
    """Replace the record in one rename; an unwritable cache is no error."""
    try:
        write_atomically(_record_path(config), json.dumps(data), "the build record")
    except NewsdigestError:
        pass


def _parse(data: Any) -> Record:
    """The record as JSON gave it (this module wrote it), checked only where a damaged one would break a build.

    `files` is only ever compared with the published folder's state, so one of another shape just differs and the
    site is built again; an input's state is indexed (its four parts, then its digest), so it must have all five."""
    if not isinstance(data, dict):
        raise TypeError("not a record")
    if data.get("format") != FORMAT:
        raise ValueError("another format")
    files, seen = data["files"], data.get("inputs_seen", {})
    if not isinstance(seen, dict) or not all(type(state) is list and len(state) == 5 for state in seen.values()):
        raise ValueError("damaged")
    summary = data["summary"]
    return Record(
        inputs=str(data["inputs"]), files=files, stories=int(data["stories"]), posts=int(data["posts"]),
        inputs_seen=seen,
        summary=IngestReport(
            unchanged=tuple(Path(p) for p in summary["unchanged"]),
            kept=tuple(Path(p) for p in summary["kept"]),
            skipped=tuple((Path(p), str(reason)) for p, reason in summary["skipped"]),
            renamed=tuple((Path(p), str(post_id)) for p, post_id in summary.get("renamed", ())),
        ),
    )
