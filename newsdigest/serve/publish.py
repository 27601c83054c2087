"""Move a freshly rendered site into `output/`, touching only files whose bytes changed.

The preview server renders into staging folders beside `output/` and compares
the new rendering with what is being served; the files that differ are put in
place by the same function a build over a published site uses
(`site.writer.put_in_place`): each file by one atomic rename, so a page being
fetched is always either the old or the new version, and the list of changed
files tells the open pages whether they need to reload.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsdigest.site.writer import files_below, put_in_place

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

    The files whose bytes differ are moved out of `staging` (left for the
    caller to remove) by the site's one way of changing in place
    (`put_in_place`, as a build over a published site does); files of
    `output` under a `keep` prefix (such as `pagefind/`) are left alone when
    the new rendering does not include them.
    """
    output.mkdir(parents=True, exist_ok=True)
    moves: list[tuple[str, str]] = []
    rendered: set[str] = set()
    for folder, _dirs, files in os.walk(staging):
        rel_folder = Path(folder).relative_to(staging)
        for name in files:
            rel = (rel_folder / name).as_posix()
            rendered.add(rel)
            if not _same_bytes(Path(folder) / name, output / rel):
                moves.append((os.path.join(folder, name), str(output / rel)))
    return put_in_place(output, moves, rendered, files_below(output), keep=keep)


def publish_files(scratch: Path, output: Path, files: set[str]) -> list[str]:
    """Move the listed files (relative paths) from `scratch` into `output` where their bytes differ."""
    moves = [(str(scratch / rel), str(output / rel)) for rel in sorted(files)
             if (scratch / rel).is_file() and not _same_bytes(scratch / rel, output / rel)]
    return put_in_place(output, moves, (), ())
