"""Move a freshly rendered site into `output/`, touching only files whose bytes changed.

`build` swaps the whole output folder in one rename, which is right for a
deploy. While previewing, the server instead compares the new rendering with
what is being served and replaces only what differs, each file by one atomic
rename: a page being fetched is always either the old or the new version, and
the list of changed files tells the open pages whether they need to reload.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_CHUNK = 1 << 16


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if os.path.samestat(a.lstat(), b.lstat()):
            return True  # one file, hard-linked from the published site into the staging folder
        if a.stat().st_size != b.stat().st_size or b.is_symlink() != a.is_symlink():
            return False
        if a.is_symlink():
            return os.readlink(a) == os.readlink(b)
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                ca, cb = fa.read(_CHUNK), fb.read(_CHUNK)
                if ca != cb:
                    return False
                if not ca:
                    return True
    except OSError:
        return False


def sync_tree(staging: Path, output: Path, *, keep: tuple[str, ...] = ()) -> list[str]:
    """Make `output` hold exactly what `staging` holds; return the changed paths (relative, '/'-separated).

    Files are moved out of `staging`, which is left for the caller to remove.
    Files of `output` under a `keep` prefix (such as `pagefind/`) are left alone
    when the new rendering does not include them.
    """
    output.mkdir(parents=True, exist_ok=True)
    changed: list[str] = []
    rendered: set[str] = set()
    for folder, _dirs, files in os.walk(staging):
        rel_folder = Path(folder).relative_to(staging)
        for name in files:
            rel = rel_folder / name
            rendered.add(rel.as_posix())
            source, target = Path(folder) / name, output / rel
            if _same_bytes(source, target):
                continue
            _make_folder(output, rel.parent)
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            os.replace(source, target)
            changed.append(rel.as_posix())
    for folder, dirs, files in os.walk(output, topdown=False):
        rel_folder = Path(folder).relative_to(output)
        for name in files:
            rel = (rel_folder / name).as_posix()
            if rel not in rendered and not rel.startswith(keep):
                (Path(folder) / name).unlink(missing_ok=True)
                changed.append(rel)
        for name in dirs:
            path = Path(folder) / name
            if path.is_symlink():
                if (rel_folder / name).as_posix() not in rendered:
                    path.unlink()
            elif not any(path.iterdir()) and not (rel_folder / name).as_posix().startswith(keep):
                path.rmdir()
    return changed


def _make_folder(root: Path, rel: Path) -> None:
    """Create `root/rel`, replacing any file that stands where a folder must be."""
    current = root
    for part in rel.parts:
        current = current / part
        if current.is_file() or current.is_symlink() and not current.is_dir():
            current.unlink()
        current.mkdir(exist_ok=True)


def publish_files(scratch: Path, output: Path, files: set[str]) -> list[str]:
    """Move the listed files (relative paths) from `scratch` into `output` where their bytes differ."""
    changed = []
    for rel in sorted(files):
        source, target = scratch / rel, output / rel
        if not source.is_file() or _same_bytes(source, target):
            continue
        _make_folder(output, Path(rel).parent)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(source, target)
        changed.append(rel)
    return changed
