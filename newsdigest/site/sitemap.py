"""`sitemap.xml` and `robots.txt`: what search engines should crawl, and where the map is.

The sitemap lists exactly the pages `pages.plan()` marked as indexable (no 404,
no redirects, no hidden stories), with `lastmod` where the page has a time.
Text is escaped with `html.escape(quote=False)` (`&`, `<`, `>`, as
`xml.sax.saxutils.escape` does), whose module costs nothing to import, where
`xml.sax.saxutils` pulls in `urllib.request`, `http.client` and `ssl`.
"""

from __future__ import annotations

from html import escape

from newsdigest.config import Config
from newsdigest.site.pages import Page
from newsdigest.site.writer import Writer


def write_sitemap(pages: list[Page], config: Config, writer: Writer) -> None:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if not page.in_sitemap:
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(config.absolute_url(page.path), quote=False)}</loc>")
        if page.lastmod:
            lines.append(f"    <lastmod>{escape(page.lastmod, quote=False)}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    writer.write_text("/sitemap.xml", "\n".join(lines) + "\n")


def write_robots(config: Config, writer: Writer) -> None:
    writer.write_text("/robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute_url('/sitemap.xml')}\n")
