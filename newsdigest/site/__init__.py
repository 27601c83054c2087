"""Stage 3: stories become the published site: pages, feeds, sitemap and search index."""

from newsdigest.site.render import render

__all__ = ["render"]
