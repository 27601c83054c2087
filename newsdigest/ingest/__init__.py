"""Stage 1: raw sources in `content/sources/` become normalised posts in `content/posts/`."""

from newsdigest.ingest.explain import explain
from newsdigest.ingest.run import IngestReport, ingest

__all__ = ["IngestReport", "explain", "ingest"]
