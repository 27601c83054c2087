"""The tags a text dump lists after its article: a "Tags:" line or a run of '#Tag' lines.

Browsers often glue a tag row into one word ("GeopoliticssecurityUkraine");
it is split at case changes and at words the page itself uses, so no
dictionary from outside the document is needed.
"""

from __future__ import annotations

import re

from newsdigest.ingest.text_lines import Line

__all__ = ["HASHTAG_LINE", "read_tags"]

_TAGS = re.compile(r"^(?:tagged|tags?|topics?|filed\s+under|categories|keywords|schlagwörter|étiquettes|etiquetas)\s*:?\s*(?P<rest>.*)$", re.I)
HASHTAG_LINE = re.compile(r"^#(?!#)\s?[^\s#].{0,60}$")
"""A line that is one '#Tag'."""


def read_tags(lines: list[Line], span: tuple[int, int]) -> tuple[tuple[str, ...], dict[int, str]]:
    """The tags after the article `span`, and the lines they were read from (with the reason for `--explain`)."""
    _, end = span
    vocabulary: set[str] = set()
    tags: list[str] = []
    taken: dict[int, str] = {}
    for i in range(max(0, end - 3), min(len(lines), end + 25)):
        line = lines[i]
        m = _TAGS.match(line.text)
        if m and m.group("rest").strip() and line.n_words <= 20:
            rest = m.group("rest")
            parts = re.split(r"\s*[,;|•·]\s*|\s{2,}", rest) if re.search(r"[,;|•·]|\s{2,}", rest) else [rest]
            if len(parts) == 1 and " " not in rest.strip():
                vocabulary = vocabulary or {w.lower() for line in lines for w in line.words if len(w) >= 4}
                parts = _split_glued_words(rest.strip(), vocabulary)
            tags += [p.strip() for p in parts if p.strip()]
            taken[i] = "tags"
        elif HASHTAG_LINE.match(line.text) and not line.prose:
            tags.append(line.text.lstrip("#").strip())
            taken[i] = "tag"
    return tuple(dict.fromkeys(tags)), taken


def _split_glued_words(text: str, vocabulary: set[str]) -> list[str]:
    """Split tags the browser glued together ("GeopoliticssecurityUkraine").

    First at lower→upper case changes, then by peeling off words that the
    page itself uses, so no dictionary outside the document is needed.
    """
    pieces = re.split(r"(?<=[a-z])(?=[A-Z])", text)
    out: list[str] = []
    for piece in pieces:
        out += _peel(piece, vocabulary)
    return out


def _peel(piece: str, vocabulary: set[str]) -> list[str]:
    lower = piece.lower()
    if len(piece) < 8 or lower in vocabulary:
        return [piece]
    for cut in range(4, len(piece) - 3):
        head, tail = lower[:cut], lower[cut:]
        if tail in vocabulary and len(tail) >= 4:
            return _peel(piece[:cut], vocabulary) + [piece[cut:]]
        if head in vocabulary and len(head) >= 4 and len(tail) >= 4 and tail in vocabulary:
            return [piece[:cut], piece[cut:]]
    return [piece]
