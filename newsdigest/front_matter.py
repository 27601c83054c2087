"""YAML front matter in files the editor writes: posts and story overrides.

Both kinds of file fail the build when broken, and the editor must be told the
line to fix. python-frontmatter (used for raw sources) does not report lines,
so the files an editor owns are split and read here, once for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsdigest.errors import ContentError, describe_os_error

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's C loader when PyYAML was built with it: the same safe subset, parsed ten times faster."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, Any]
    head: str
    """The YAML text between the `---` lines, for finding where a key stands."""
    body: str

    def line_of(self, key: str) -> int | None:
        """The file line on which `key:` stands (the head starts on line 2), if it does."""
        found = re.search(rf"^{re.escape(key)}\s*:", self.head, re.MULTILINE)
        return self.head[: found.start()].count("\n") + 2 if found else None


def read_editor_file(path: Path, what: str) -> str:
    """The text of a file the editor wrote (`what` names its kind in the message); `ContentError` if not UTF-8.

    A byte-order mark, which some editors save at the start of UTF-8 files, is dropped.
    """
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{what} is not UTF-8 text", path) from None
    except OSError as exc:
        raise ContentError(f"cannot read the {what}: {describe_os_error(exc, named=False)}", path) from None


def _load(head: str) -> Any:
    """Parse with libyaml; on an error parse again with PyYAML's own loader, whose marks name the line editors mean."""
    try:
        return yaml.load(head, Loader=_LOADER) or {}  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return yaml.safe_load(head) or {}


def split_front_matter(text: str, path: Path, *, required: bool) -> FrontMatter:
    """The front matter and body of an editor's file; `ContentError` with file and line when broken.

    Without front matter, a `required` one is an error; otherwise the whole text is the body.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        if required:
            raise ContentError("has no front matter (it must start with a line '---')", path, 1)
        if text.lstrip().startswith("---"):
            raise ContentError("front matter is not closed by a line '---'", path, 1)
        return FrontMatter({}, "", text)
    head = match.group(1)
    try:
        meta = _load(head)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"front matter is not valid YAML: {problem}", path, line) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # a value YAML cannot build, such as month 13
        raise ContentError(f"front matter holds a value that cannot be read: {exc}", path, 2) from None
    if not isinstance(meta, dict):
        raise ContentError("front matter must be a mapping of keys to values", path, 2)
    return FrontMatter(meta, head, text[match.end():])
