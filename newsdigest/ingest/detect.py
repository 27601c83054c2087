"""Which reader a source needs, told by its content and never by its file name.

Editors save files however their tools let them: a Jekyll post may arrive as
`.txt`, a saved page as `.htm`, `.html` or no extension at all, a copied page
as `.md`. The content says what it is; the extension is only a tie-breaker
nobody needs.
"""

from __future__ import annotations

import re
from enum import Enum


class Shape(str, Enum):
    MARKDOWN = "markdown"
    """Front matter (YAML between `---` lines, or TOML between `+++`) and then the article."""
    HTML = "html"
    """A saved web page."""
    TEXT = "text"
    """Plain text, usually a browser's "select all, copy" of a page."""


_YAML_FRONT = re.compile(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_FRONT = re.compile(r"\A\s*\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*[:=]", re.MULTILINE)
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
# A page saved without its <!doctype> may open with a style sheet, a script or a meta tag.
_MARKUP_START = re.compile(r"\A\s*<(?:style|script|meta|link|div|title|table|section|article|main|header)\b", re.IGNORECASE)
_DOCUMENT_TAGS = re.compile(r"<(?:html|head|body)\b[^>]*>", re.IGNORECASE)
_CLOSING_TAGS = re.compile(r"</(?:html|body|div|p|head)>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|span|a|meta|script|article|section|br|li|table)\b[^>]*>", re.IGNORECASE)


def detect(text: str) -> Shape:
    """The shape of a decoded source."""
    front = _YAML_FRONT.match(text) or _TOML_FRONT.match(text)
    if front and _KEY_LINE.search(front.group(1)):
        return Shape.MARKDOWN
    if _HTML_START.match(text):
        return Shape.HTML
    if (_MARKUP_START.match(text) or _DOCUMENT_TAGS.search(text[:200_000])) and _CLOSING_TAGS.search(text):
        return Shape.HTML
    head = text[:5000]
    tags = len(_HTML_TAG.findall(head))
    # A page without <html> (a fragment saved on its own) still reads as markup when
    # tags are dense; a text that merely mentions "<p>" once does not.
    if tags >= 5 and tags * 40 > len(head.split("\n")) * 10:
        return Shape.HTML
    return Shape.TEXT
