"""Which files in the editor's folders are content, and which are what editors' tools leave beside it.

Temporary, swap, backup and lock files are never content: the preview
server's watcher drops their events, and ingest (`content/sources/`), the post
reader (`content/posts/`) and the story overrides (`content/stories/`) skip
them and a folder's `README` note, by this one rule, so that `build`, `check`
and `serve` read the same files (an Emacs lock `.#post.md` is a link to
nowhere: read as a post or an override, it would fail the build).
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


def is_content_file(path: Path) -> bool:
    """Whether a file of an editor's folder is content: neither the folder's note nor an editor's tool's file."""
    return not is_folder_note(path) and not is_noise(Path(path.name))


def is_markdown_content(path: Path) -> bool:
    """Whether a file of a Markdown folder (posts, story overrides) is read: Markdown, and content."""
    return path.name.endswith(".md") and is_content_file(path)


def markdown_content(folder: Path) -> list[Path]:
    """The Markdown files of `folder` that are content, sorted by path (none when there is no such folder)."""
    return sorted(path for path in folder.glob("*.md") if is_markdown_content(path)) if folder.is_dir() else []
