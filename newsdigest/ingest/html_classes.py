"""The classes of a parsed page's elements, chosen inside lxml rather than by a Python call per element.

lxml.html's parser names each element's Python class (`HtmlElement`, or a form
control's own class) through a Python method, called whenever an element of
the tree reaches Python code. trafilatura and the page readers walk a page
many times over, and that method was called about 6,000 times per saved page
(2.5% of the instructions a page takes, counted by callgrind on 30 development
pages; the posts are the same). `choose_classes_in_c` gives
a parser a lookup made of lxml's own C lookups that chooses the same classes:
the form controls by their tag name, every other element, comment, processing
instruction and entity by its kind. The parser lower-cases every tag name, so
an exact name is the same match as the Python method's lower-cased one.
"""

from __future__ import annotations

from functools import cache

from lxml import etree, html

__all__ = ["choose_classes_in_c", "same_classes"]


def same_classes() -> etree.ElementNamespaceClassLookup:
    """A lookup that chooses what `lxml.html.HtmlElementClassLookup` chooses, without calling Python."""
    kinds = etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity
    )
    lookup = etree.ElementNamespaceClassLookup(kinds)
    lookup.get_namespace(None).update(html.HtmlElementClassLookup._default_element_classes)
    return lookup


@cache
def choose_classes_in_c(parser: html.HTMLParser) -> None:
    """Let `parser` choose its elements' classes with `same_classes` (once: a parser keeps its lookup)."""
    parser.set_element_class_lookup(same_classes())
