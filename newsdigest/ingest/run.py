"""Placeholder: the ingest stage's orchestration (to be replaced)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class IngestReport:
    written: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()
    skipped: tuple[tuple[Path, str], ...] = ()


def ingest(config, *, progress: bool = True) -> IngestReport:
    return IngestReport()
