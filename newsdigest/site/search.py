"""The search index: Pagefind, run over the finished story and post pages, in shards.

Only the parts of story and post pages marked `data-pagefind-body` are
indexed. The index is split by story into up to `SHARDS` bundles (a story's
page and its versions' pages share one), which the search page merges in the
browser (Pagefind's `mergeIndex`). A build re-runs Pagefind only for the
shards holding a page whose bytes changed, so an edit costs a sixteenth of a
full index, and no single Pagefind process holds a large site's whole index in
memory. Each shard's pages are copied into a scratch folder (in memory where
the system has one) and indexed there, two shards at a time, while the build
writes its feeds and data files. Into a fresh staging folder (a first build),
Pagefind writes each bundle where it belongs, so its files are not copied
again at the end of the build.

The first shard's bundle is at `pagefind/`, where the search page loads
Pagefind's UI from; the others at `pagefind/shard-<n>/`. Search is an extra:
when the binary is missing or fails, the build warns and the site is published
without an index (the search page says so), rather than failing the build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsdigest.model import Story
from newsdigest.search_binary import pagefind_command
from newsdigest.site.writer import temporary_beside

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 300
SEARCH_FOLDER = "pagefind"
"""The index's folder in the site."""
SHARDS = 16
"""Bundles the index is split into, by story: an edit re-indexes one, and the search page merges them all."""
_SHARD_FOLDER = "shard-"
"""How the folder of each bundle but the first begins (inside the first's folder)."""


def shard_of(story_id: str) -> int:
    """The shard of a story's pages: CRC-32 of its id, so the same on every run and machine."""
    return zlib.crc32(story_id.encode("utf-8")) % SHARDS


def bundle_folders(shards: Iterable[int]) -> dict[int, str]:
    """Shard -> the folder of its bundle in the site: the first at `pagefind/`, the others in `pagefind/shard-<n>/`."""
    return {k: SEARCH_FOLDER if n == 0 else f"{SEARCH_FOLDER}/{_SHARD_FOLDER}{k}"
            for n, k in enumerate(sorted(set(shards)))}


def plan_bundles(stories: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Bundle folder -> the files (relative to the site, sorted) of the pages it indexes.

    `stories`: each visible story's id with the files of the pages it alone
    makes (its page, its posts' pages: see `bundle_plan`); the search page
    gives none, it only needs the folders to merge.
    """
    members: dict[int, list[str]] = {}
    for story_id, files in stories:
        members.setdefault(shard_of(story_id), []).extend(files)
    folders = bundle_folders(members)
    return {folders[k]: sorted(files) for k, files in sorted(members.items())}


def bundle_plan(stories: Sequence[Story]) -> dict[str, list[str]]:
    """`plan_bundles` of the visible `stories`' own pages (the story and post pages, which alone carry
    `data-pagefind-body`), as `pages.story_folders` names them: the one plan of the build's index and of the
    preview server's refresh."""
    from newsdigest.site.pages import story_folders  # which imports this module

    owned = story_folders(stories)
    return plan_bundles((story.id, [folder + "index.html" for folder in owned[story.id]])
                        for story in stories if not story.hidden)


def bundle_of(relative: str) -> str | None:
    """The folder of the bundle a site file (relative path) belongs to, as `_folders` names them; None: outside
    the index. Asked once per file, not once per file and bundle: a site has thousands of index files."""
    if not relative.startswith(SEARCH_FOLDER + "/"):
        return None
    inner = relative[len(SEARCH_FOLDER) + 1 :]
    if inner.startswith(_SHARD_FOLDER):
        return f"{SEARCH_FOLDER}/{inner.split('/', 1)[0]}" if "/" in inner else None
    return SEARCH_FOLDER


@dataclass(frozen=True)
class Shard:
    """One bundle to (re)build: where it goes, and its pages (file in the site, where its bytes are now)."""

    folder: str
    key: str
    """What the bundle is made from (its pages' digests, its folder, the indexer), recorded with its files."""
    pages: tuple[tuple[str, Path], ...]
    into: Path | None = None
    """Where Pagefind writes the bundle itself: its folder in a fresh staging site (the files are then recorded
    where they are, not read and written again: thousands of files for a large site, at the end of its build).
    None: into the scratch folder, for the caller to copy. The first bundle's folder is not Pagefind's alone: a
    render with `previous` links the reused bundles into its `shard-<n>/` folders while Pagefind writes it.
    Pagefind (1.5.2) writes only its own files there and touches no other folder, and `_files` passes over
    those folders."""


class Indexing:
    """Pagefind at work on some shards, in a background thread, while the build writes its other files."""

    def __init__(self, shards: Sequence[Shard], command: list[str]) -> None:
        self.shards = tuple(shards)
        self._command = command
        self._scratch = tempfile.mkdtemp(prefix="newsdigest-search-", dir=_scratch_folder())
        self._processes: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()
        self._stopped = False
        self._results: list[bool] = []
        self._thread = threading.Thread(target=self._run, name="newsdigest-search", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            self._results = list(pool.map(self._index, range(len(self.shards))))

    def _index(self, n: int) -> bool:
        shard = self.shards[n]
        site, out = Path(self._scratch, f"site-{n}"), shard.into or Path(self._scratch, f"index-{n}")
        try:
            for relative, source in shard.pages:
                target = site / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            with self._lock:
                if self._stopped:
                    return False
                process = subprocess.Popen([*self._command, "--site", str(site), "--output-path", str(out)],
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self._processes.append(process)
            stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("pagefind could not run (%s): the site is built without a search index", exc)
            return False
        if process.returncode != 0 or not (out / "pagefind-ui.js").is_file():
            if not self._stopped:
                # One line: Pagefind's message may span several.
                said = "; ".join(line.strip() for line in (stderr or stdout).decode("utf-8", "replace").splitlines()
                                 if line.strip())[-500:]
                log.warning("pagefind failed (exit %s): %s", process.returncode, said)
            return False
        return True

    def finish(self) -> Iterator[tuple[Shard, str, Path]] | None:
        """Wait for every shard; then each file written (shard, path inside its bundle, where it is now),
        or None when a shard failed (a warning, not an error). Call `close` once the files are read."""
        self._thread.join()
        if not all(self._results) or len(self._results) != len(self.shards):
            return None
        return self._files()

    def _files(self) -> Iterator[tuple[Shard, str, Path]]:
        for n, shard in enumerate(self.shards):
            out = shard.into or Path(self._scratch, f"index-{n}")
            for folder, dirs, names in os.walk(out):
                if shard.into is not None and folder == str(out):  # the other bundles, in the first's folder
                    dirs[:] = [d for d in dirs if not d.startswith(_SHARD_FOLDER)]
                for name in sorted(names):
                    path = Path(folder, name)
                    yield shard, path.relative_to(out).as_posix(), path

    def stop(self) -> None:
        """End the indexers still running (nothing when they have finished)."""
        with self._lock:
            self._stopped = True
            for process in self._processes:
                if process.poll() is None:
                    process.kill()
        self._thread.join()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._scratch, ignore_errors=True)


def start_search_index(shards: Sequence[Shard]) -> Indexing | None:
    """Start indexing `shards` (their pages must be written already); None, with a warning, when it cannot start."""
    command = pagefind_command()
    if command is None:
        log.warning("pagefind is not installed: the site is built without a search index")
        return None
    return Indexing(shards, command)


def shard_key(folder: str, pages: Iterable[tuple[str, str]]) -> str:
    """The key of a bundle: its folder, the indexer, and each page's file and digest."""
    from newsdigest.cache_store import digest

    return digest("search", folder, repr(pagefind_command()), *(f"{file}\0{sha}" for file, sha in sorted(pages)))


def build_search_index(site_dir: Path, plan: Mapping[str, Sequence[str]],
                       known: Mapping[str, str] | None = None) -> dict[str, str] | None:
    """Index the built site in `site_dir` in place (the preview server's refresh); the key of each bundle now
    published (None: the site has no index).

    `plan` is the `bundle_plan` of the stories whose pages the site holds. A
    bundle whose key (its pages' digests) is the one `known` gives it (from the
    build or the last refresh) is left as it is; the others are indexed again,
    and only their files whose bytes change are replaced.
    """
    if pagefind_command() is None:
        log.warning("pagefind is not installed: the site is built without a search index")
        return None
    try:
        keys = {folder: shard_key(folder, ((f, hashlib.sha256((site_dir / f).read_bytes()).hexdigest()) for f in files))
                for folder, files in plan.items()}
    except OSError:
        log.warning("a page of %s is missing: the search index is not refreshed", site_dir)
        return None
    known = known or {}
    shards = [Shard(folder, keys[folder], tuple((f, site_dir / f) for f in files))
              for folder, files in plan.items() if known.get(folder) != keys[folder]]
    indexing = start_search_index(shards) if shards else None
    files = indexing.finish() if indexing is not None else None
    try:
        if shards and files is None:
            return None
        made = set()
        for shard, relative, path in files or ():
            made.add(f"{shard.folder}/{relative}")
            _replace(site_dir / shard.folder / relative, path.read_bytes())
    finally:
        if indexing is not None:
            indexing.close()
    redone = [shard.folder for shard in shards]
    for folder, _dirs, names in os.walk(site_dir / SEARCH_FOLDER, topdown=False):
        for name in names:
            relative = Path(folder, name).relative_to(site_dir).as_posix()
            owner = bundle_of(relative)
            if relative not in made and (owner not in plan or owner in redone):
                Path(folder, name).unlink(missing_ok=True)
    return keys


def _replace(target: Path, data: bytes) -> None:
    """Put `data` at `target` by one rename, unless it holds those bytes already."""
    try:
        if target.read_bytes() == data:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary_beside(target, data), target)


def _scratch_folder() -> str | None:
    """A folder in memory for the indexer's scratch files, where the system has one (else the default)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None
