"""Stage 1: raw sources in `content/sources/` become normalised posts in `content/posts/`.

`explain` (and the readers it loads) is imported on first use: a build that has
no source to read never needs it.
"""

from typing import Any

from newsdigest.ingest.run import IngestReport, ingest

__all__ = ["IngestReport", "explain", "ingest"]


def __getattr__(name: str) -> Any:
    if name == "explain":
        from newsdigest.ingest.explain import explain

        globals()["explain"] = explain  # importing the module bound its name here: the function wins, as before
        return explain
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
