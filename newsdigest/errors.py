"""Errors an editor can act on: each names the file, the line where known, and the reason."""

from __future__ import annotations

import errno
from pathlib import Path


class NewsdigestError(Exception):
    """A problem in the editor's input or setup. Printed as a message, never as a traceback."""

    def __init__(self, reason: str, path: Path | str | None = None, line: int | None = None):
        self.reason = reason
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class ConfigError(NewsdigestError):
    """`site.toml` is missing a value or holds a wrong one."""


class ContentError(NewsdigestError):
    """A post, story override or outlet file the editor wrote is broken."""


class IncompleteBuild(NewsdigestError):
    """A stage made less than it planned (a page, a story's analysis): a fault of the build, not of the input.

    Raised before anything is published, so the last good site stays as it was; a site with pages missing
    would answer its readers with "not found" where its lists and feeds link.
    """

    @classmethod
    def of_newsdigest(cls, what: str) -> IncompleteBuild:
        """`what` went wrong inside newsdigest: told as such, so the editor does not look for it in the site."""
        return cls(f"{what}, so nothing was published: a fault of newsdigest, not of the site's files")


def named(items: list[str], most: int = 10) -> str:
    """`items` in a message: the first `most` of them, and how many more."""
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


class SourceError(NewsdigestError):
    """A raw source cannot be ingested. It is skipped and reported; the build goes on."""


def describe_os_error(exc: OSError, *, named: bool = True) -> str:
    """One line for an error the system raised: the file it concerns and the reason in words."""
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.errno == errno.EISDIR:
        reason = "it is a folder, not a file"
    return f"{exc.filename}: {reason}" if named and exc.filename is not None else reason


def cannot_write(what: str, path: Path | str, exc: OSError) -> NewsdigestError:
    """The error for a write the system refused (read-only folder, full disk), naming what was being written."""
    return NewsdigestError(f"cannot write {what}: {describe_os_error(exc, named=False)}", path)
