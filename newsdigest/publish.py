"""Publishing the rendered site: `output/` exists at every instant and is only ever ours.

A build over a published site replaces only the files that change, each by
one rename of a file written beside it, once the whole render succeeded (see
`site.writer`): a reader, a web server or a kill at any moment sees every file
whole, old or new. A first build (no `output/` yet) and the preview server's
full renders use a staging folder beside `output/`: it is renamed into place,
or exchanged with the old folder in one system call
(`renameat2(RENAME_EXCHANGE)` on Linux). Where the exchange is not available
the old folder is moved aside and the new one moved in; the next build puts a
site back if a kill fell between those two renames.

`output/` carries a marker file naming it as the generator's: a folder without
it that holds anything is the editor's, and a build refuses to replace it. A
build holds an exclusive lock on the site for its whole run, so two builds
never interleave, and the next build removes what a killed one left behind
(staging and retired folders, temporary files), recognising each by the
process id in its name so that a running server's files are never touched.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

from newsdigest.config import Config
from newsdigest.errors import ConfigError, cannot_write

if TYPE_CHECKING:
    import ctypes

MARKER = ".newsdigest-output"
"""The file that marks a folder as written by newsdigest (other generators keep a similar file)."""
MARKER_TEXT = "This folder is written by newsdigest; every build replaces it whole.\n"
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1
_LEFTOVER = re.compile(r"^\..+\.(?:staging|retired|tmp)-(\d+)-")
"""Names of the temporary files and folders a build makes: `.<name>.<kind>-<pid>-<random>`."""


def temp_prefix(name: str, kind: str = "tmp") -> str:
    """The prefix of a temporary file or folder for `name`: the next build can tell whether its maker lives."""
    return f".{name}.{kind}-{os.getpid()}-"


def check_folders(config: Config) -> None:
    """Refuse (`ConfigError`, before anything is written) an output folder that would destroy other files.

    The output may not be, or contain, the content folder, its sources, the
    site's own folder (where `site.toml` lives) or the cache; and it may not sit
    inside the folders whose files the build reads (sources, posts, stories) or
    the cache. Beside them in the content folder (`--content site --output
    site/out`, as the evaluation commands build) it touches nothing of the
    editor's: it is marked as ours and never replaces a folder without the mark.
    """
    output = _real(config.output_dir)
    guarded = {
        "the content folder": _real(config.content_dir),
        "the sources folder": _real(config.sources_dir),
        "the site's folder (where its configuration is)": _real(config.config_path).parent,
        "the cache folder": _real(config.cache_dir),
    }
    for what, folder in guarded.items():
        if output == folder or folder.is_relative_to(output):
            raise ConfigError(f"the output folder would replace {what} ({folder}); choose another --output",
                              config.output_dir)
    read = {
        "the sources folder": guarded["the sources folder"],
        "the posts folder": _real(config.posts_dir),
        "the stories folder": _real(config.stories_dir),
        "the cache folder": guarded["the cache folder"],
    }
    for what, folder in read.items():
        if output.is_relative_to(folder):
            raise ConfigError(f"the output folder may not be inside {what} ({folder})", config.output_dir)
    if output.exists() and not output.is_dir():
        raise ConfigError("is a file, not a folder; choose another --output", config.output_dir)
    if output.exists() and not _ours(output):
        raise ConfigError(
            f"the folder holds files that newsdigest did not write (it has no {MARKER}); "
            "empty it or choose another --output", config.output_dir)


@contextmanager
def site_lock(config: Config) -> Iterator[None]:
    """Hold the site's lock (a file beside `output/`) for the block: a second build waits for the first."""
    output = _real(config.output_dir)
    path = output.parent / f".{output.name}.lock"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise cannot_write("beside the output folder", output.parent, exc) from None
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock; the file stays for the next build


def new_staging(config: Config) -> Path:
    """A fresh, marked staging folder beside `output/` (same file system, so it can be renamed into place)."""
    output = _real(config.output_dir)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(output.name, "staging"), dir=output.parent))
    except OSError as exc:
        raise cannot_write("beside the output folder", output.parent, exc) from exc
    try:
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise cannot_write("the site", config.output_dir, exc) from exc
    return staging


def swap_in(staging: Path, config: Config) -> None:
    """Make `staging` the published `output/`; the old site is removed once the new one is in place."""
    output = _real(config.output_dir)
    if not output.exists():
        os.rename(staging, output)
        return
    if not _ours(output):
        shutil.rmtree(staging, ignore_errors=True)
        raise ConfigError(f"the folder holds files that newsdigest did not write (it has no {MARKER})", output)
    if _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old site
        return
    retired = output.with_name(temp_prefix(output.name, "retired") + "0")
    os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def clean_leftovers(config: Config) -> None:
    """Remove what killed builds left: staging and retired folders, temporary post, registry and cache files.

    Only names made by `temp_prefix` whose process is gone are touched. If a
    kill fell between the two renames of the fallback swap, the retired site
    goes back to `output/` first.
    """
    output = _real(config.output_dir)
    if output.parent.is_dir():
        retired = [p for p in dead_leftovers(output.parent, output.name) if ".retired-" in p.name]
        if not output.exists() and retired:
            os.rename(max(retired, key=lambda p: p.stat().st_mtime), output)
        for path in dead_leftovers(output.parent, output.name):
            _remove(path)
    for folder in (config.posts_dir, config.stories_dir):
        for path in dead_leftovers(folder):
            _remove(path)
    cache = Path(config.cache_dir)
    if cache.is_dir():
        for folder, dirs, files in os.walk(cache):
            for path in dead_leftovers(Path(folder), names=dirs + files):
                _remove(path)


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when `parent`, the process that started it, dies (Linux; else a no-op).

    A build killed with SIGKILL cannot stop its workers itself; the kernel does
    it. A parent that died before the request took effect is seen at once.
    """
    prctl = getattr(_libc(), "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _ours(folder: Path) -> bool:
    """True for a folder newsdigest wrote (it has the marker) or one holding nothing.

    A site built before the marker existed is recognised by the generator named
    in its RSS feed beside its `stories.json`, so upgrading does not strand it.
    """
    if not folder.is_dir() or folder.is_symlink():
        return False
    if (folder / MARKER).is_file() or not any(folder.iterdir()):
        return True
    try:
        return (folder / "stories.json").is_file() and b"<generator>newsdigest</generator>" in (
            folder / "feed.xml").read_bytes()[:16384]
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = getattr(_libc(), "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel or a file system without exchange: fall back
    raise OSError(code, os.strerror(code), str(b))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library of this process (Linux), for the calls Python does not offer; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: a build with nothing to do never needs it

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def dead_leftovers(folder: Path, name: str | None = None, names: list[str] | None = None) -> list[Path]:
    """The leftovers of dead builds in `folder` (`names`: its entries, when the caller has listed them); only
    the names are looked at, and only those starting with a dot: a folder of thousands of posts holds none."""
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
    found = []
    for entry in names:
        match = _LEFTOVER.match(entry) if entry.startswith(".") else None
        if match and (name is None or entry.startswith(f".{name}.")) and not _alive(int(match.group(1))):
            found.append(folder / entry)
    return found


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # no harmless probe there (signal 0 is CTRL_C_EVENT): never remove what may be in use
    if pid == os.getpid():
        return False  # names from this process, made before a fork or left by an exec'd build: not in use now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))
