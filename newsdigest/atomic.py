"""Writing one file all or nothing: a reader, or a kill, sees the old file or the new one, never half.

The text goes to a temporary file beside the target, named so that the next
build can tell its maker is gone and remove it (`publish.temp_prefix`), and is
renamed over the target. A write the system refuses (a read-only folder, a
full disk) becomes one error naming the target, never a traceback.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newsdigest.errors import cannot_write
from newsdigest.publish import temp_prefix


def write_atomically(target: Path, text: str, what: str) -> None:
    """Replace `target` with `text` (UTF-8, `\\n` line ends); `what` names the file in an error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=temp_prefix(target.name), dir=target.parent)
    except OSError as exc:
        raise cannot_write(what, target, exc) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(what, target, exc) from exc
        raise
