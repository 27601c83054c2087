"""A failed build, reduced to what an editor needs: which file, which line, what is wrong.

The same `Problem` is printed in the terminal and pushed to every open page as
an overlay, so the editor sees it wherever they are looking. Errors the
pipeline raises on purpose (`NewsdigestError`) already carry file and line;
template errors carry them in Jinja's own way; anything else is a bug in some
stage, located by the deepest traceback frame in the editor's files, or else
in the code.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import Config
from newsdigest.errors import NewsdigestError


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    line: int | None = None
    unexpected: bool = False
    """True when no input file is to blame as far as we can tell: a bug, shown with its traceback."""
    details: str = ""

    def where(self) -> str:
        if not self.file:
            return ""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def as_json(self) -> dict[str, object]:
        return {"message": self.message, "file": self.file, "line": self.line, "where": self.where(),
                "details": self.details}


def _shown(path: Path | str | None) -> str | None:
    """A path as the editor would type it: relative to the working folder when inside it."""
    if path is None:
        return None
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return str(absolute.relative_to(here)) if absolute.is_relative_to(here) else str(absolute)


def problem_from(exc: BaseException, config: Config | None = None) -> Problem:
    """Describe an exception raised by a build."""
    if isinstance(exc, NewsdigestError):
        return Problem(exc.reason, _shown(exc.path), exc.line)
    try:
        import jinja2
    except ImportError:  # pragma: no cover - jinja2 is a dependency
        jinja2 = None  # type: ignore[assignment]
    if jinja2 is not None and isinstance(exc, jinja2.TemplateSyntaxError):
        file = exc.filename or exc.name
        return Problem(f"template syntax error: {exc.message}", _shown(file), exc.lineno)
    if jinja2 is not None and isinstance(exc, jinja2.TemplateNotFound):
        return Problem(f"template not found: {exc.name}", _shown(config.templates_dir) if config else None)

    frames = traceback.extract_tb(exc.__traceback__)
    message = f"{type(exc).__name__}: {exc}"
    inputs: list[Path] = []
    if config is not None:
        inputs = [Path(os.path.abspath(p)) for p in (config.content_dir, config.templates_dir, config.static_dir)]
    for frame in reversed(frames):
        path = Path(os.path.abspath(frame.filename))
        if any(path.is_relative_to(root) for root in inputs):
            # Jinja rewrites tracebacks so that a failing template shows up as a frame in its file.
            return Problem(message, _shown(path), frame.lineno)
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if frames:
        last = frames[-1]
        return Problem(message, _shown(last.filename), last.lineno, unexpected=True, details=details)
    return Problem(message, unexpected=True, details=details)
