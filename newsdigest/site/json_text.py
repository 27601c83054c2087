"""JSON laid out as `json.dumps(value, ensure_ascii=False, indent=2)` lays it out, made of pieces.

A document listing every story (`stories.json`, a feed's `feed.json`) is
rewritten whenever one story changes, and the same story sits in several of
them; Python's indenting encoder is slow. So each item is dumped on its own,
indented to its place (`piece`), kept or shared, and the document is put
together around them (`document`), byte for byte what one `json.dumps` of the
whole would give.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def piece(value: Any, depth: int) -> str:
    """`value` laid out `depth` levels down (its first line indented too), ready for `document`'s list."""
    pad = "  " * depth
    return "\n".join(pad + line for line in json.dumps(value, ensure_ascii=False, indent=2).split("\n"))


def document(head: Mapping[str, Any], name: str, items: Sequence[str]) -> str:
    """`{**head, name: [...]}` laid out, its list made of `items` (each a `piece(item, 2)`); no final newline."""
    listed = f"{json.dumps(name)}: [\n" + ",\n".join(items) + "\n  ]" if items else f"{json.dumps(name)}: []"
    start = json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ",\n" if head else "{\n"
    return start + "  " + listed + "\n}"
