"""Stage 1: raw sources in `content/sources/` become normalised posts in `content/posts/`.

`explain` (and the readers it loads) is imported on first use: a build that has
no source to read never needs it. Its module is named `explanation`, apart from
the function, so that importing the module never rebinds `ingest.explain`.
"""

from typing import Any

from newsdigest.ingest.run import IngestReport, ingest

__all__ = ["IngestReport", "explain", "ingest"]


def __getattr__(name: str) -> Any:
    if name == "explain":
        from newsdigest.ingest.explanation import explain

        globals()["explain"] = explain  # the function, kept so the next lookup is direct
        return explain
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
