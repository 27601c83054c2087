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
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from newsdigest.atomic import write_atomically
from newsdigest.build_state import file_state, settled
from newsdigest.config import Config
from newsdigest.content_files import TEMPORARY_NAME, is_skipped_quietly, is_temporary_name
from newsdigest.dist_versions import releases
from newsdigest.errors import NewsdigestError, SourceError
from newsdigest.ingest.outlets import OutletBook, load_outlets
from newsdigest.model import IngestReport
from newsdigest.postfile import is_untouched
from newsdigest.publish import die_with_parent
from newsdigest.slugs import slugify
from newsdigest.workers import fork_workers, forked_pool

if TYPE_CHECKING:
    from concurrent.futures import Future

    from newsdigest.ingest.source import Outcome

INGEST_VERSION = "2"
"""Part of every cache key: bump it when a change to ingest changes its output."""
_PARALLEL_FROM = 8
"""Fewer files than this are read in-process: starting workers would cost more than it saves."""
_PROGRESS_FROM = 20
SOURCE_LIMIT = 20_000_000
"""Bytes per source: far above any article, far below what would exhaust memory."""


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
    skipped: list[tuple[Path, str]] = []
    sources: dict[Path, list[int]] = {}
    """Each source that can be read, with the state of the file it reads (one stat each: see `_source_check`)."""
    for path in find_sources(config.sources_dir):
        if is_temporary_name(path):
            skipped.append((path, TEMPORARY_NAME))
            continue
        problem, state = _source_check(path, config.content_dir)
        if problem is None:
            sources[path] = state
        else:
            skipped.append((path, problem))
    ids = assign_ids(sources, config.sources_dir)  # only sources that can be read take an id
    posts_dir = config.posts_dir
    targets = {path: posts_dir / f"{post_id}.md" for path, post_id in ids.items()}
    cache = _Cache(config.cache_dir / "ingest")
    salt = _salt(config, outlets)
    states = _States(config.cache_dir / "ingest" / STATES, salt)
    done: dict[Path, tuple[str, str | None]] = {}
    """Sources whose file and post are as the last ingest left them: what it found, without reading either."""

    jobs: list[_Job] = []
    outcomes: dict[Path, tuple[str | None, str | None]] = {}
    """Source -> its post file's text (None: skipped) and the reason of a skip."""
    for path, state in sources.items():
        found = states.result(path, ids[path], targets[path], state)
        if found is not None:
            done[path] = found
            continue
        try:
            data = read_source_file(path, config.content_dir)
        except SourceError as exc:  # changed since it was checked
            skipped.append((path, exc.reason))
            continue
        source = path.relative_to(config.content_dir).as_posix() if path.is_relative_to(config.content_dir) else path.name
        key = hashlib.sha256(f"{salt}\0{source}\0{ids[path]}\0".encode() + data).hexdigest()
        job = _Job(path, source, ids[path], key, data)
        cached = cache.get(job)
        if cached is not None:
            outcomes[path] = cached
        else:
            jobs.append(job)

    for job, outcome in _run(jobs, config, outlets, progress=progress):
        if outcome.text is not None and not is_untouched(outcome.text):
            # A post that could not be signed would count as the editor's from then on.
            from newsdigest.ingest.source import Outcome

            outcome = Outcome(None, "ingest could not sign the post it made (please report this source)")
        cache.put(job, outcome)
        outcomes[job.path] = (outcome.text, outcome.reason)

    written: list[Path] = []
    unchanged: list[Path] = []
    kept: list[Path] = []
    for path in sources:
        outcome = outcomes.get(path)
        target = targets[path]
        if path in done:
            result, reason = done[path]
        elif outcome is None:
            continue
        elif outcome[0] is None:
            result, reason = "skipped", outcome[1] or "no article found"
        else:
            result, reason = _write_post(target, outcome[0]), None
        if result == "skipped":
            skipped.append((path, reason or "no article found"))
        else:
            {"written": written, "unchanged": unchanged, "kept": kept}[result].append(target)
        if path not in done:
            states.record(path, ids[path], target, "unchanged" if result == "written" else result, reason,
                          outcome[0] if result in ("written", "unchanged") else None)
    states.save()
    skipped.sort(key=lambda item: str(item[0]))
    renamed = tuple((path, ids[path]) for path in sources if ids[path] != post_slug(path.stem))
    return IngestReport(tuple(written), tuple(unchanged), tuple(kept), tuple(skipped), renamed)


def find_sources(folder: Path) -> Iterator[Path]:
    """Every entry under `folder` that may be a source, recursively, in a stable order.

    A folder's note and what editors' tools leave beside a file without a doubt
    (a hidden file such as a lock, an auto-save `#x#`, a backup `x~`:
    `content_files.is_skipped_quietly`) are not sources, and hidden folders are not
    entered. A file named like a backup or temporary file is listed, so that
    `ingest` reports its skip (it may be a real article). Links to folders are
    listed but never entered; what each entry is (a regular file, a link, a
    FIFO) is `read_source_file`'s to check, so that a skip is reported.
    """
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # os.walk does not enter a link to a folder; it is listed so that the skip is reported.
        files = files + [d for d in dirs if os.path.islink(os.path.join(root, d))]
        base = Path(root)
        for path in (base / name for name in sorted(files)):  # one Path per file: a site has thousands
            if not is_skipped_quietly(path):
                yield path


def _source_check(path: Path, content_dir: Path, limit: int = SOURCE_LIMIT) -> tuple[str | None, list[int]]:
    """Why `path` is not read as a source (None when it is a regular file within the limits), and the
    `file_state` of the file the source reads (that of the file a link leads to).

    Only a regular file is read: a FIFO would block the build, a device such as
    `/dev/zero` never ends, a socket cannot be read. A link is followed only when
    it leads inside the content folder (a link elsewhere would publish whatever
    it points at), and a file above `limit` bytes is skipped rather than read
    into memory.

    A build with nothing to ingest still looks at every source: one `lstat` answers both questions for a file
    that is not a link (its state is then what `stat` would say), where a separate link test and `stat` and
    then the state's own `stat` cost three. A link costs more: where it leads (`realpath`, of it and of the
    content folder) and the `stat` of its target.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if _leads_outside(path, content_dir):
                return _OUTSIDE, []
            info = os.stat(path)
        return _stat_problem(info, limit), file_state(info)
    except FileNotFoundError:
        return "a link to a file that does not exist", []
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}", []


def read_source_file(path: Path, content_dir: Path, limit: int = SOURCE_LIMIT) -> bytes:
    """The bytes of one source, or `SourceError` saying why it is not read (see `_source_check`).

    The file is opened without blocking and checked again once open, so a file
    swapped for a FIFO or grown after the check does not hang or flood the build.
    """
    try:
        problem = _link_problem(path, content_dir)
        if problem is not None:
            raise SourceError(problem)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError("a link to a file that does not exist") from None
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        problem = _stat_problem(os.fstat(handle), limit)
        if problem is not None:
            raise SourceError(problem)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise SourceError(f"larger than the limit of {limit // 1_000_000} MB per source")
    return data


_OUTSIDE = "a link that leads outside the content folder is not followed"


def _link_problem(path: Path, content_dir: Path) -> str | None:
    return _OUTSIDE if path.is_symlink() and _leads_outside(path, content_dir) else None


def _leads_outside(link: Path, content_dir: Path) -> bool:
    """Whether the link `link` leads out of the content folder (the caller knows it is a link)."""
    return not Path(os.path.realpath(link)).is_relative_to(Path(os.path.realpath(content_dir)))


def _stat_problem(info: os.stat_result, limit: int) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_kind(info.st_mode)}); only files are read"
    if info.st_size > limit:
        return f"larger than the limit of {limit // 1_000_000} MB per source ({info.st_size:,} bytes)"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def assign_ids(paths: Iterable[Path], sources_dir: Path) -> dict[Path, str]:
    """A distinct post id per source, a function of the set of paths alone: the same in every run and order.

    Each source proposes ids in order of preference until one is its alone:
    the slug of its file name without extension; the slug of its whole relative
    path (so `x.html` and `x.txt`, or `a/x.md` and `b/x.md`, stay readable);
    then that first slug with a suffix from a hash of its relative path (for
    `a b.md` beside `A_B.md`, or names in scripts a slug cannot spell). When
    several want the same first slug and one file is already named exactly so
    (`a-b.md`), that one keeps it: adding `a b.md` later leaves its post where
    it was.
    """
    remaining = list(dict.fromkeys(paths))

    def relative(path: Path) -> str:
        return (path.relative_to(sources_dir) if path.is_relative_to(sources_dir) else Path(path.name)).as_posix()

    def proposal(path: Path, round_: int) -> str:
        if round_ == 0:
            return post_slug(path.stem)
        if round_ == 1:
            return post_slug(relative(path))
        digest = hashlib.sha256(relative(path).encode("utf-8", "surrogateescape")).hexdigest()
        return f"{post_slug(path.stem)}-{digest[:(8, 16, 64)[min(round_ - 2, 2)]]}"

    ids: dict[Path, str] = {}
    for round_ in range(6):
        wanted: dict[str, list[Path]] = {}
        for path in remaining:
            wanted.setdefault(proposal(path, round_), []).append(path)
        taken = set(ids.values())
        for post_id, group in wanted.items():
            if post_id in taken:
                continue
            named_so = [path for path in group if path.stem == post_id]
            if len(group) == 1 or len(named_so) == 1:
                ids[(group if len(group) == 1 else named_so)[0]] = post_id
        remaining = [path for path in remaining if path not in ids]
    for path in sorted(remaining):  # only a file named after another's full hash gets here
        number = 2
        while f"{proposal(path, 4)}-{number}" in ids.values():
            number += 1
        ids[path] = f"{proposal(path, 4)}-{number}"
    return ids


@lru_cache(maxsize=65536)
def post_slug(text: str) -> str:
    """A post id from a file name: its slug, or "post" when it has no Latin letters.

    Kept for each name: an ingest asks it of every source twice (its id, whether it was renamed), and the
    preview server asks it again whenever it ingests changed sources."""
    return slugify(text) or "post"


def _run(jobs: list[_Job], config: Config, outlets: OutletBook, *, progress: bool) -> Iterator[tuple[_Job, Outcome]]:
    if not jobs:
        return  # before the readers' import (ftfy, charset detection, their patterns): most of a run with no work
    from newsdigest.ingest.source import Outcome, process_source

    tz_name = config.timezone.key
    bar = _progress_bar() if progress and len(jobs) >= _PROGRESS_FROM else None
    workers = fork_workers(len(jobs), from_jobs=_PARALLEL_FROM, most=2)
    if not workers:
        with _showing(bar, len(jobs)) as advance:
            for job in jobs:
                yield job, process_source(job.data, job.source, job.post_id, tz_name, outlets)
                advance()
        return
    from concurrent.futures.process import BrokenProcessPool

    preload_readers()  # once here: the forked workers start with the parent's readers
    # The language identifier's model is left to the worker whose source first needs it: few do (6 of the 505
    # corpus text dumps; a page rarely, when its lines are read again as a text dump), so loading it here would
    # be wasted work on most batches.
    # Workers are forked before the progress bar starts its refresh thread: a fork never copies a held lock.
    with forked_pool(workers, "ingest", initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        # The largest sources first: one left for the end would keep a worker busy while the other idles.
        futures: list[tuple[_Job, Future[Outcome]]] = [
            (job, pool.submit(process_source, job.data, job.source, job.post_id, tz_name, outlets))
            for job in sorted(jobs, key=lambda job: len(job.data), reverse=True)
        ]
        with _showing(bar, len(jobs)) as advance:
            for job, future in futures:
                try:
                    outcome = future.result()
                except BrokenProcessPool:  # a worker died: every source not yet read failed with it (`forked_pool`)
                    raise
                except Exception as exc:  # a source whose reading raised: report it, go on
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


READER_MODULES = ("htmldate", "trafilatura", "trafilatura.settings", "trafilatura.utils", "trafilatura.xml",
                  "newsdigest.ingest.html_source", "newsdigest.ingest.markdown_source",
                  "newsdigest.ingest.text_source")
"""What `preload_readers` imports, one step at a time."""


def preload_readers(stopping: Callable[[], bool] = lambda: False) -> None:
    """Import the readers and their libraries: once in the parent, so that forked workers start warm; in the
    background of a preview server, so that the first new source is not read cold.

    `stopping()` is asked between steps: an import cannot be interrupted, so a server that stops waits for
    the step in hand only (a thread left inside a native library while the interpreter exits can abort it)."""
    import importlib

    for name in READER_MODULES:
        if stopping():
            return
        importlib.import_module(name)
    if stopping():
        return
    try:
        import newsdigest.ingest.textdump  # noqa: F401
        from newsdigest.ingest.textmeta import warm_up
    except ImportError:
        return
    if not stopping():
        warm_up()


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
    write_atomically(target, text, "the post")
    return "written"


def _salt(config: Config, outlets: OutletBook) -> str:
    return f"{INGEST_VERSION}\0{_code_fingerprint()}\0{config.timezone.key}\0{outlets!r}"


def _code_fingerprint() -> str:
    """A hash of ingest's own code and the versions of its extractors and name lists: new code never reads an old cache.

    faker's first names weigh byline candidates, and a release may change them: its version counts too.
    """
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), *here.glob("*.json"), *here.glob("data/*.json")]):  # code and fitted models
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for module in ("newsdigest/postfile.py", "newsdigest/model.py"):
        candidate = here.parent.parent / module
        if candidate.is_file():
            digest.update(candidate.read_bytes())
    for found in releases("trafilatura", "htmldate", "charset-normalizer", "ftfy", "python-dateutil", "faker"):
        digest.update(found.encode())
    return digest.hexdigest()[:16]


STATES = "states.json"


class _States:
    """What the last ingest found for each source, with the state of its file and of its post.

    Reading 2,000 sources, their cache entries and their posts to learn that
    nothing changed was most of an ingest after a small edit. A source whose
    file and post both still have the state (size, modification and change
    times, inode) they had when this was recorded, under the same code,
    settings and outlets (`salt`) and the same post id, gives what it gave
    then, without a read; any other goes the whole way. A state taken within
    `RECENT_NS` of the file's last change is not trusted: a post ingest has
    just written (a first build writes them all moments before recording) is
    remembered with the digest of its bytes instead, and the next build reads
    that post, not its source, to check it. Losing the file only costs time.
    """

    def __init__(self, path: Path, salt: str) -> None:
        self.path = path
        self.salt = salt
        try:
            data = json.loads(path.read_bytes())
            known = data["sources"] if isinstance(data, dict) and data.get("salt") == salt else {}
        except (OSError, ValueError, KeyError):
            known = {}
        self.known: dict[str, list] = known if isinstance(known, dict) else {}
        self.fresh: dict[str, list] = {}

    def result(self, path: Path, post_id: str, target: Path, state: list[int]) -> tuple[str, str | None] | None:
        """("unchanged" | "kept" | "skipped", the reason of a skip) when nothing changed since it was recorded;
        `state`: the source's `file_state`, as just taken."""
        old = self.known.get(str(path))
        if isinstance(old, list) and len(old) == 6:
            return self._checked(path, post_id, target, old, state)
        if not isinstance(old, list) or len(old) != 5 or old[:3] != [state, post_id, _state(target)]:
            return None
        if old[3] not in ("unchanged", "kept", "skipped") or not (old[4] is None or isinstance(old[4], str)):
            return None
        self.fresh[str(path)] = old  # still true, and still old enough to trust
        return old[3], old[4]

    def _checked(self, path: Path, post_id: str, target: Path, old: list, state: list[int]) -> tuple[str, None] | None:
        """A post recorded too soon after ingest wrote it (`record`): unchanged when its source is as it was and
        it still holds the bytes written (read and digested, but its source not read again)."""
        if old[:2] != [state, post_id] or old[3] != "unchanged" or not isinstance(old[5], str):
            return None
        post = _state(target)
        try:
            data = target.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != old[5] or post is None or _state(target) != post:
            return None
        settled_now = settled(post, time.time_ns())
        self.fresh[str(path)] = [old[0], post_id, post, "unchanged", None, *(() if settled_now else (old[5],))]
        return "unchanged", None

    def record(self, path: Path, post_id: str, target: Path, result: str, reason: str | None,
               text: str | None = None) -> None:
        """Remember what `path` gave; `text`: the post it gave (written or found), which `target` holds now.

        A post too recent to trust by its state alone (a first build writes every post moments before this)
        is remembered with the digest of its bytes, for the next build to check (`_checked`).
        """
        source, post = _state(path), _state(target)
        now = time.time_ns()
        if source is not None and all(state is None or settled(state, now) for state in (source, post)):
            self.fresh[str(path)] = [source, post_id, post, result, reason]
        elif source is not None and settled(source, now) and text is not None and result == "unchanged":
            self.fresh[str(path)] = [source, post_id, post, result, None,
                                     hashlib.sha256(text.encode("utf-8")).hexdigest()]

    def save(self) -> None:
        if self.fresh != self.known:
            try:
                write_atomically(self.path, json.dumps({"salt": self.salt, "sources": self.fresh}), "a cache entry")
            except NewsdigestError:
                pass  # a read-only cache makes ingest slower, not wrong


def _state(path: Path) -> list[int] | None:
    try:
        return file_state(os.stat(path))
    except OSError:
        return None


class _Cache:
    """Finished outcomes by content hash, one small JSON file each. Losing it only costs time.

    An entry is trusted only when it is exactly what `put` writes: its key, the
    digest of the source bytes it was made from, and either a skip reason or a
    post signed with its own digest that names the expected id and source.
    Anything else (a truncated or edited file, another shape, another file's
    entry) is dropped and the source is read again, so no cache content can
    reach a post file that ingest would not have written itself.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, job: _Job) -> tuple[str | None, str | None] | None:
        """The post text (None: skipped) and skip reason kept for `job`, if any (plain values: a build that only
        finds its sources in the cache never imports the readers)."""
        path = self._path(job.key)
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and _valid_entry(data, job):
            return data["text"], data["reason"]
        try:
            path.unlink()
        except OSError:
            pass  # a folder in its place, or a read-only cache: `put` fails quietly too
        return None

    def put(self, job: _Job, outcome) -> None:
        path = self._path(job.key)
        entry = {"key": job.key, "input": _input_digest(job.data), "text": outcome.text, "reason": outcome.reason}
        try:
            write_atomically(path, json.dumps(entry, ensure_ascii=False), "a cache entry")
        except NewsdigestError:
            pass  # a read-only or full cache folder makes ingest slower, not wrong


def _valid_entry(data: dict, job: _Job) -> bool:
    """True when a cache entry has the shape `_Cache.put` writes, for exactly this job's input."""
    text, reason = data.get("text"), data.get("reason")
    if set(data) != {"key", "input", "text", "reason"}:
        return False
    if data["key"] != job.key or data["input"] != _input_digest(job.data):
        return False
    if text is None:
        return isinstance(reason, str) and bool(reason)
    if not isinstance(text, str) or reason is not None or not is_untouched(text):
        return False
    # The signature proves the text is whole; the head proves it is this source's post.
    head = text.split("\n---\n", 1)[0]
    return _names(head, "id", job.post_id) and _names(head, "source", job.source)


def _names(head: str, key: str, value: str) -> bool:
    """True when the front matter `head` sets `key` to `value` (written plain, or as YAML quotes it)."""
    if f"\n{key}: {value}\n" in head:  # the usual case, without the cost of a YAML dump
        return True
    return "\n" + yaml.safe_dump({key: value}, allow_unicode=True, width=1000) in head


def _input_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
