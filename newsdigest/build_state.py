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

import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.cache_store import digest
from newsdigest.config import Config
from newsdigest.model import IngestReport

PACKAGE = Path(__file__).resolve().parent
RECORD = "build.json"
FORMAT = 1


@dataclass(frozen=True)
class Record:
    inputs: str
    files: dict[str, list[int]]
    stories: int
    posts: int
    summary: IngestReport = field(default_factory=IngestReport)


def _files(folder: Path, *, folders: bool = False, besides: tuple[Path, ...] = ()) -> list[Path]:
    """Every file below `folder` in a stable order; with `folders`, the folders too (an empty folder
    named like a post is an input the build must see and report). Folders in `besides` (the output
    and the cache, when they sit in the content folder) and the build's own lock, staging and
    retired folders beside the output are left out: they are what a build writes, not what it reads."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and Path(os.path.abspath(os.path.join(root, d))) not in besides
                         and not any(d.startswith(f".{b.name}.") for b in besides))
        names = [n for n in names if not any(n.startswith(f".{b.name}.") for b in besides)]
        found += [Path(root, name) for name in sorted(names + (dirs if folders else []))]
    return found


def inputs_digest(config: Config) -> str:
    """The digest of everything a build reads (paths and bytes)."""
    parts: list[str | bytes] = [repr(config), str(Path(os.path.abspath(config.output_dir)))]
    if config.config_path.is_file():
        parts.append(config.config_path.read_bytes())
    written = (Path(os.path.abspath(config.output_dir)), Path(os.path.abspath(config.cache_dir)))
    folders = [("content", config.content_dir), *((str(f), f) for f in config.theme_folders), ("package", PACKAGE)]
    for label, folder in folders:
        for path in _files(folder, folders=True, besides=written) if folder.is_dir() else ():
            parts += [f"{label}/{path.relative_to(folder).as_posix()}", _file_bytes(path)]
    from newsdigest.site.search import pagefind_command  # light: the search stage's own imports are

    parts.append(repr(pagefind_command()))
    return digest(*parts)


def _file_bytes(path: Path) -> bytes:
    """A regular file's bytes; for anything else a marker of its kind. Never opens what is not a
    regular file (a FIFO would hang, /dev/zero never end): the stage that reads the path reports it.
    An unreadable path gets a marker that never repeats, so the build runs and says why."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            return path.read_bytes()
    except OSError as exc:
        return f"\0unreadable: {exc.errno}\0{time.time_ns()}".encode()
    return f"\0not a regular file: {stat.S_IFMT(mode):o}\0".encode()


def output_state(output: Path) -> dict[str, list[int]]:
    """Every file of the published folder with its size, modification time and inode."""
    state = {}
    for path in _files(output) if output.is_dir() else ():
        st = path.stat()
        state[path.relative_to(output).as_posix()] = [st.st_size, st.st_mtime_ns, st.st_ino]
    return state


def _record_path(config: Config) -> Path:
    return config.cache_dir / RECORD


def up_to_date(config: Config, inputs: str, published: dict[str, list[int]]) -> Record | None:
    """The last build's record when its inputs digest is `inputs` and `output/` is still as it published it
    (`published`: its `output_state` now)."""
    try:
        data = json.loads(_record_path(config).read_text(encoding="utf-8"))
        record = _parse(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if record.inputs != inputs or record.files != published:
        return None
    return record


def remember(config: Config, inputs: str, stories: int, posts: int, summary: Any,
             files: dict[str, list[int]] | None = None) -> None:
    """Record a published build (`summary`: ingest's report; `files`: the published files' state when the
    render reported it, else the folder is walked); an unwritable cache is no error."""
    data = {
        "format": FORMAT, "inputs": inputs, "files": files if files is not None else output_state(config.output_dir.resolve()),
        "stories": stories, "posts": posts,
        "summary": {
            "unchanged": [str(p) for p in (*summary.written, *summary.unchanged)],
            "kept": [str(p) for p in summary.kept],
            "skipped": [[str(p), reason] for p, reason in summary.skipped],
            "renamed": [[str(p), post_id] for p, post_id in summary.renamed],
        },
    }
    path = _record_path(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{RECORD}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _parse(data: Any) -> Record:
    if data.get("format") != FORMAT:
        raise ValueError("another format")
    files = {str(k): [int(n) for n in v] for k, v in data["files"].items()}
    summary = data["summary"]
    return Record(
        inputs=str(data["inputs"]), files=files, stories=int(data["stories"]), posts=int(data["posts"]),
        summary=IngestReport(
            unchanged=tuple(Path(p) for p in summary["unchanged"]),
            kept=tuple(Path(p) for p in summary["kept"]),
            skipped=tuple((Path(p), str(reason)) for p, reason in summary["skipped"]),
            renamed=tuple((Path(p), str(post_id)) for p, post_id in summary.get("renamed", ())),
        ),
    )
