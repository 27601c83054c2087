"""Which files in the editor's folders are content, and which are what editors' tools leave beside it.

Two kinds of what tools leave, told apart because a source's shape is judged by
its content, not its name:

- Hidden files (an Emacs lock `.#post.md`, a LibreOffice lock `.~lock.x#`, a
  Vim swap `.x.swp`), Emacs auto-saves `#x#` and backups `x~`: ingest
  (`content/sources/`), the post reader (`content/posts/`) and the story
  overrides (`content/stories/`) skip them without a word, as they skip a
  folder's `README` note (an Emacs lock is a link to nowhere: read as a post or
  an override, it would fail the build).
- Names of backup and temporary files (`x.bak`, `x.orig`, `x.tmp`, `x.part`,
  Vim's `x.swp` and `4913`, JetBrains' `x___jb_tmp___`, …) are usually such
  files, but a source so named may be a real article: ingest skips it with a
  message saying so and how to have it read, and `check` warns about a post
  made from one before ingest skipped such names. (No post or override is so
  named: those end in `.md`.)

The preview server's watcher drops the events of both (`is_noise`), so that
saving a file does not set off a rebuild per temporary file. `ingest --explain`
asked about any file ingest does not read by its name says why (`unread_reason`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from newsdigest.config import is_folder_note

_LEFT_BESIDE = re.compile(
    r"""^(?:
        (?P<hidden>\..*)           # hidden: .#lock (Emacs), .foo.swp, .goutputstream-*, .~lock.*#, .DS_Store
      | (?P<autosave>\#.*\#)       # Emacs auto-save
      | (?P<backup>.*~)            # backup files
    )$""",
    re.VERBOSE,
)
_LEFT_BESIDE_REASONS = {
    "hidden": "a hidden file (an editor's lock or swap file, say), which ingest passes over — rename it to ingest it",
    "autosave": "the name of an editor's auto-save file (#x#), which ingest passes over — rename it to ingest it",
    "backup": "the name of an editor's backup file (x~), which ingest passes over — rename it to ingest it",
}
"""Why ingest does not read a file `is_left_beside` names, by the group of `_LEFT_BESIDE` its name matches."""
FOLDER_NOTE = "a folder's note for the editor (README), never content — rename it to ingest it"
HIDDEN_FOLDER = "in a hidden folder, which ingest does not enter — move it out to ingest it"
_TEMPORARY_NAME = re.compile(
    r"""^(?:
        4913                       # Vim's probe for a writable folder
      | .*\.sw[a-px]               # Vim swap files (and its .swx probe)
      | .*\.(?:tmp|temp|part|crdownload|kate-swp|bak|orig|rej)
      | .*___jb_(?:tmp|old|bak)___ # JetBrains safe-write
      | .*\.tmp\.\d+               # a numbered temporary file (x.N.tmp ends in .tmp)
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
TEMPORARY_NAME = "the name of an editor's backup or temporary file — rename it to ingest it"
"""Why ingest skips a source named like a backup or temporary file (`is_temporary_name`)."""


def is_left_beside(path: Path) -> bool:
    """Whether the file is a hidden file, an Emacs auto-save `#x#` or a backup `x~`: skipped without a word."""
    return bool(_LEFT_BESIDE.match(path.name))


def is_temporary_name(path: Path) -> bool:
    """Whether the file is named like a backup or temporary file (`x.bak`, `x.tmp`, `4913`, …): what an editor's
    tool usually leaves, but the name of a real article at times, so a source so named is skipped with a word."""
    return bool(_TEMPORARY_NAME.match(path.name))


def is_noise(path: Path) -> bool:
    """True for editor temp, swap and backup files, and anything inside a hidden folder (`path` is relative to
    the folder watched or read: the folders above it are not looked at)."""
    return is_left_beside(path) or is_temporary_name(path) or any(
        part.startswith(".") and part not in (".", "..") for part in path.parts[:-1]
    )


def is_skipped_quietly(path: Path) -> bool:
    """Whether the file is a folder's note or left beside a file by an editor's tool (`is_left_beside`): in every
    editor's folder, not content and not worth a word."""
    return is_folder_note(path) or is_left_beside(path)


def unread_reason(path: Path) -> str | None:
    """Why ingest does not read the file at `path` (relative to the sources folder) by its name, in the words
    `ingest --explain` shows (naming the file is the caller's); None when it reads it as a source.

    Ingest itself says only the reason of a name like a backup or temporary file; the others it passes over
    without a word, but an editor who asks about such a file by name is told.
    """
    if is_folder_note(path):
        return FOLDER_NOTE
    if left_beside := _LEFT_BESIDE.match(path.name):
        return _LEFT_BESIDE_REASONS[str(left_beside.lastgroup)]
    if is_temporary_name(path):
        return TEMPORARY_NAME
    if is_noise(path):
        return HIDDEN_FOLDER
    return None


def is_source(path: Path) -> bool:
    """Whether ingest reads the file at `path` (relative to the sources folder) as a source: neither skipped
    quietly nor named like a backup or temporary file, nor in a hidden folder."""
    return unread_reason(path) is None


def is_markdown_content(path: Path) -> bool:
    """Whether a file of a Markdown folder (posts, story overrides) is read: Markdown, and not skipped quietly."""
    return path.name.endswith(".md") and not is_skipped_quietly(path)


def markdown_content(folder: Path) -> list[Path]:
    """The Markdown files of `folder` that are content, sorted by path (none when there is no such folder).

    Sorted by name, which orders the paths of one folder as comparing the paths would, at a fraction of the
    cost for a site's thousands of posts."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(".md"))
    return [path for path in (folder / name for name in names) if is_markdown_content(path)]
