"""Markdown structure for the kept lines: paragraphs, headings, lists, quotes, tables.

A copied page loses its markup but not all of its shape: list items keep
their bullets, table rows keep their tabs, and a two-column table flattened
by the browser glues each label to its value ("AspectDescription"). This
module puts that shape back and renders blocks as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Block", "render_blocks", "restore_table", "strip_promotions"]


@dataclass(frozen=True)
class Block:
    kind: str
    """paragraph, heading, list, quote or table."""
    text: str


def render_blocks(blocks: list[Block]) -> str:
    """The article as Markdown text, blocks separated by blank lines."""
    out = []
    for block in blocks:
        if block.kind == "heading":
            out.append(f"## {block.text}")
        elif block.kind == "list":
            out.append("\n".join(f"- {item}" for item in block.text.split("\n")))
        elif block.kind == "quote":
            out.append("> " + block.text.lstrip("> "))
        else:
            out.append(_escape_markdown_start(block.text) if block.kind == "paragraph" else block.text)
    return "\n\n".join(out).strip()


def _escape_markdown_start(text: str) -> str:
    """Keep a paragraph a paragraph: a leading '#', '-' or '1.' would turn it into structure."""
    if re.match(r"^(?:#{1,6}\s|[-+*]\s|\d+[.)]\s)", text):
        return "\\" + text
    return text


# A label glued to its value: a short label ending in a lower-case letter,
# digit or closing mark, then the value starting with a capital.
_GLUED = re.compile(r"^(?P<label>\S(?:.{0,48}?)[a-z0-9)'’%])(?P<value>[A-Z].*)$")


def _split_glued(line: str) -> tuple[str, str] | None:
    match = _GLUED.match(line.strip())
    if not match:
        return None
    label = match.group("label")
    if len(label.split()) > 6:
        return None
    return label.strip(), match.group("value").strip()


def restore_table(raw_lines: list[str]) -> tuple[str | None, int]:
    """A Markdown table from the leading rows of `raw_lines`, and how many lines it used.

    Tab-separated rows with a constant number of cells are a table; so are
    three or more rows that each split into label+value at a glued boundary.
    Returns `(None, 0)` when the lines do not start a table.
    """
    rows: list[list[str]] = []
    cells = raw_lines[0].strip().split("\t") if raw_lines else []
    if len(cells) >= 2:
        width = len(cells)
        for raw in raw_lines:
            parts = [c.strip() for c in raw.strip().split("\t")]
            if len(parts) != width:
                break
            rows.append(parts)
        if len(rows) >= 2:
            return _markdown_table(rows), len(rows)
        rows = []
    for raw in raw_lines:
        if "\t" in raw or len(raw.split()) > 40:
            break
        pair = _split_glued(raw)
        if not pair:
            break
        rows.append(list(pair))
    if len(rows) >= 3:
        return _markdown_table(rows), len(rows)
    return None, 0


def _markdown_table(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    head, *rest = rows
    lines = ["| " + " | ".join(cell(c) for c in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rest]
    return "\n".join(lines)


# A sentence pointing the reader at another piece by the same site: a link
# promise, not part of what the article says.
_PROMOTION = re.compile(
    r"""(?:^|(?<=[.!?])\s+|(?<=[.!?]["”’])\s+)
    (?:(?:here\s+is|here's|this\s+is)\s+(?:the|a)\s+link\s+to\s+(?:our|my|the)\b
      |(?:also\s+)?read\s+(?:our|my|more|also)\b[^.!?]*(?:article|story|post|coverage|here)
      |(?:click|tap)\s+here\s+to\s+read
      |check\s+out\s+(?:our|my)\s+(?:article|story|post|coverage|guide))
    [^.!?]*[.!?]?["”’]?""",
    re.I | re.X,
)


def strip_promotions(text: str) -> str:
    """`text` without sentences that only promote another article of the site."""
    return _PROMOTION.sub("", text).strip()
