"""Writing files into the output folder, and never outside it.

Every path a page or feed asks for comes from a slug or an id that arrived from
upstream; resolving it here and refusing anything that lands outside the output
folder makes a hostile slug a build error instead of a write elsewhere.
"""

from __future__ import annotations

from pathlib import Path


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: list[str] = []

    def target(self, path: str) -> Path:
        relative = path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        target = (self.root / relative).resolve()
        if self.root not in target.parents:
            raise ValueError(f"refusing to write {path!r}: it is outside the output folder")
        return target

    def write_bytes(self, path: str, data: bytes) -> Path:
        target = self.target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written.append(path)
        return target

    def write_text(self, path: str, text: str) -> Path:
        return self.write_bytes(path, text.encode("utf-8"))
