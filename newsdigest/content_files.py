"""Which files in the editor's folders are content, and which are what editors' tools leave beside it.

Temporary, swap, backup and lock files are never content. The preview
server's watcher drops their events and `post_files` skips them, by this one
rule, so that `build`, `check` and `serve` read the same posts (an Emacs lock
`.#post.md` is a link to nowhere: read as a post, it would fail the build).
"""

from __future__ import annotations

import re
from pathlib import Path

from newsdigest.config import is_folder_note

_NOISE = re.compile(
    r"""^(?:
        \..*                       # hidden: .#lock (Emacs), .foo.swp, .goutputstream-*, .~lock.*#, .DS_Store
      | \#.*\#                     # Emacs auto-save
      | .*~                        # backup files
      | 4913                       # Vim's probe for a writable folder
      | .*\.sw[a-px]               # Vim swap files (and its .swx probe)
      | .*\.(?:tmp|temp|part|crdownload|kate-swp|bak|orig|rej)
      | .*___jb_(?:tmp|old|bak)___ # JetBrains safe-write
      | .*\.tmp\.\d+ | .*\.\d+\.tmp
    )$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_noise(path: Path) -> bool:
    """True for editor temp, swap and backup files, and anything inside a hidden folder (`path` is relative to
    the folder watched or read: the folders above it are not looked at)."""
    return any(_NOISE.match(part) for part in path.parts[-1:]) or any(
        part.startswith(".") and part not in (".", "..") for part in path.parts[:-1]
    )


def is_post_file(path: Path) -> bool:
    """Whether a file of the posts folder is a post: Markdown, neither the folder's note nor an editor's tool's."""
    return path.name.endswith(".md") and not is_folder_note(path) and not is_noise(Path(path.name))


def post_files(posts_dir: Path) -> list[Path]:
    """The posts in `posts_dir`, sorted by path (none when there is no such folder)."""
    return sorted(path for path in posts_dir.glob("*.md") if is_post_file(path)) if posts_dir.is_dir() else []
