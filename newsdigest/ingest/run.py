"""The ingest stage: every file under `content/sources/` becomes `content/posts/<id>.md`.

Orchestration only; reading a source is `source.read_source`'s job. This module
decides which sources need work (a content-hash cache makes an unchanged
source cost nothing), runs that work in parallel, and writes posts under the
house rule: a post is written only where none exists or where the existing one
is still exactly what ingest wrote (its `ingest_digest` matches). A post the
editor changed is reported as kept and left alone; a source that cannot be
read is reported with its reason and skipped, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.config import Config, is_folder_note
from newsdigest.ingest.outlets import OutletBook, load_outlets
from newsdigest.postfile import is_untouched

if TYPE_CHECKING:
    from newsdigest.ingest.source import Outcome

INGEST_VERSION = "2"
"""Part of every cache key: bump it when a change to ingest changes its output."""
_PARALLEL_FROM = 8
"""Fewer files than this are read in-process: starting workers would cost more than it saves."""
_PROGRESS_FROM = 20


@dataclass(frozen=True)
class IngestReport:
    written: tuple[Path, ...] = ()
    """Posts created or refreshed."""
    unchanged: tuple[Path, ...] = ()
    """Posts already exactly as ingest would write them."""
    kept: tuple[Path, ...] = ()
    """Posts left alone because the editor changed them."""
    skipped: tuple[tuple[Path, str], ...] = ()
    """Sources that gave no post, with the reason."""


@dataclass(frozen=True)
class _Job:
    path: Path
    source: str
    """The path relative to the content folder, as written into the post (`sources/x.txt`)."""
    post_id: str
    key: str
    data: bytes
    """The bytes the key was computed from: the post is made from exactly what was hashed."""


def ingest(config: Config, *, progress: bool = True) -> IngestReport:
    """Normalise new or changed sources into posts; return what happened to each."""
    outlets = load_outlets(config.outlets_file)
    sources = list(find_sources(config.sources_dir))
    ids = assign_ids(sources, config.sources_dir)
    cache = _Cache(config.cache_dir / "ingest")
    salt = _salt(config, outlets)

    skipped: list[tuple[Path, str]] = []
    jobs: list[_Job] = []
    outcomes: dict[Path, Outcome] = {}
    for path in sources:
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append((path, f"cannot read the file: {exc.strerror or exc}"))
            continue
        source = path.relative_to(config.content_dir).as_posix() if path.is_relative_to(config.content_dir) else path.name
        key = hashlib.sha256(f"{salt}\0{source}\0{ids[path]}\0".encode() + data).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            outcomes[path] = cached
        else:
            jobs.append(_Job(path, source, ids[path], key, data))

    for job, outcome in _run(jobs, config, outlets, progress=progress):
        cache.put(job.key, outcome)
        outcomes[job.path] = outcome

    written: list[Path] = []
    unchanged: list[Path] = []
    kept: list[Path] = []
    for path in sources:
        outcome = outcomes.get(path)
        if outcome is None:
            continue
        if outcome.text is None:
            skipped.append((path, outcome.reason or "no article found"))
            continue
        target = config.posts_dir / f"{ids[path]}.md"
        result = _write_post(target, outcome.text)
        {"written": written, "unchanged": unchanged, "kept": kept}[result].append(target)
    skipped.sort(key=lambda item: str(item[0]))
    return IngestReport(tuple(written), tuple(unchanged), tuple(kept), tuple(skipped))


def find_sources(folder: Path) -> Iterator[Path]:
    """Every file under `folder`, recursively, in a stable order; hidden files and folders are not sources."""
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith("~") and not is_folder_note(Path(name)):
                yield Path(root) / name


def assign_ids(paths: Iterable[Path], sources_dir: Path) -> dict[Path, str]:
    """A post id per source: the slug of its file name without extension, stable across runs.

    Two sources with the same stem (`x.html` and `x.txt`, or `a/x.md` and `b/x.md`)
    both get the slug of their whole relative path instead, so neither silently
    overwrites the other.
    """
    paths = list(paths)
    by_slug: dict[str, list[Path]] = {}
    for path in paths:
        by_slug.setdefault(slugify(path.stem), []).append(path)
    ids: dict[Path, str] = {}
    for slug, group in by_slug.items():
        if len(group) == 1:
            ids[group[0]] = slug
        else:
            for path in group:
                relative = path.relative_to(sources_dir) if path.is_relative_to(sources_dir) else Path(path.name)
                ids[path] = slugify(relative.as_posix())
    return ids


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "post"


def _run(jobs: list[_Job], config: Config, outlets: OutletBook, *, progress: bool) -> Iterator[tuple[_Job, Outcome]]:
    from newsdigest.ingest.source import Outcome, process_source

    if not jobs:
        return
    tz_name = config.timezone.key
    bar = _progress_bar() if progress and len(jobs) >= _PROGRESS_FROM else None
    workers = min(2, os.cpu_count() or 1)
    if len(jobs) < _PARALLEL_FROM or workers < 2:
        with _showing(bar, len(jobs)) as advance:
            for job in jobs:
                yield job, process_source(job.data, job.source, job.post_id, tz_name, outlets)
                advance()
        return
    _preload()
    import multiprocessing

    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    # Workers are forked before the progress bar starts its refresh thread: a fork never copies a held lock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: list[tuple[_Job, Future[Outcome]]] = [
            (job, pool.submit(process_source, job.data, job.source, job.post_id, tz_name, outlets))
            for job in jobs
        ]
        with _showing(bar, len(jobs)) as advance:
            for job, future in futures:
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker that died (out of memory, killed): report, go on
                    outcome = Outcome(None, f"ingest failed: {type(exc).__name__}: {exc}")
                yield job, outcome
                advance()


@contextmanager
def _showing(bar, total: int) -> Iterator[Callable[[], None]]:
    """A callable that advances `bar` (if there is one) while the block runs."""
    if bar is None:
        yield lambda: None
        return
    task = bar.add_task("Ingesting", total=total)
    bar.start()
    try:
        yield lambda: bar.advance(task)
    finally:
        bar.stop()


def _preload() -> None:
    """Import the readers and their libraries once in the parent, so that forked workers start warm."""
    import htmldate  # noqa: F401
    import trafilatura
    import trafilatura.settings
    import trafilatura.utils
    import trafilatura.xml  # noqa: F401

    import newsdigest.ingest.html_source
    import newsdigest.ingest.markdown_source
    import newsdigest.ingest.text_source

    try:
        import newsdigest.ingest.textdump  # noqa: F401
    except ImportError:
        pass


def _progress_bar():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        transient=True,
    )


def _write_post(target: Path, text: str) -> str:
    """Write `text` to `target` unless the editor owns it; say which of written/unchanged/kept."""
    try:
        existing = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = None
    except (OSError, UnicodeDecodeError):
        return "kept"
    if existing == text:
        return "unchanged"
    if existing is not None and not is_untouched(existing):
        return "kept"
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return "written"


def _salt(config: Config, outlets: OutletBook) -> str:
    return f"{INGEST_VERSION}\0{_code_fingerprint()}\0{config.timezone.key}\0{outlets!r}"


def _code_fingerprint() -> str:
    """A hash of ingest's own code and its extractors' versions: new code never reads an old cache."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for module in ("newsdigest/postfile.py", "newsdigest/model.py"):
        candidate = here.parent.parent / module
        if candidate.is_file():
            digest.update(candidate.read_bytes())
    for package in ("trafilatura", "htmldate", "charset-normalizer", "ftfy", "python-dateutil"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            pass
    return digest.hexdigest()[:16]


class _Cache:
    """Finished outcomes by content hash, one small JSON file each. Losing it only costs time."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str):
        from newsdigest.ingest.source import Outcome

        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Outcome(data.get("text"), data.get("reason"))
        except (OSError, ValueError, AttributeError):
            return None

    def put(self, key: str, outcome) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"text": outcome.text, "reason": outcome.reason}, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full cache folder makes ingest slower, not wrong
