"""Last touches on an extracted Markdown body: no repeated headline, no page furniture at the edges.

Extractors keep the article's container whole, and publishers put more than
the article in it: the headline again (the post has it in its front matter),
"Read more:" and "Related:" lines between paragraphs, and after the last
paragraph a run of teaser headlines, share and newsletter prompts. Each rule
here is about the *kind* of line (its shape and its vocabulary of page
furniture), never about a particular site.
"""

from __future__ import annotations

import re

# A whole line that is a call to act on the page rather than part of the story.
_END = r"(?:\s*[:|»›>–-]|\s*$)"
_FURNITURE = re.compile(
    r"^\W*(?:"
    r"(?:read|see|watch|listen)\s+(?:more|also|next)\b|more\s+(?:on|from|about)\b[^.!?]{0,60}(?::|$)"
    + r"|also\s+read\b|related(?:\s+(?:articles?|stories|story|coverage|content|posts?|links?|reading|topics?))?" + _END
    + r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?" + _END
    + r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)\b|(?:trending|most\s+(?:read|popular|viewed))(?:\s+\w+)?" + _END
    + r"|(?:sign\s+up|subscribe)\s+(?:to|for|now|today|here)\b|get\s+(?:the|our)\s+\w+\s+(?:newsletter|delivered)\b"
    r"|follow\s+us\b|share\s+(?:this|on)\b|like\s+this\s+(?:story|article)\b"
    r"|advertisement\s*$|sponsored(?:\s+content)?" + _END
    + r"|(?:leave|post|add)\s+a\s+comment\b|comments?\s*(?:\(\d+\)|are\s+closed\.?)?\s*$"
    r"|tell\s+us\s+what\s+you\s+think\b|©|copyright\s+(?:©\s*)?(?:\d{4}|(?-i:[A-Z]))|all\s+rights\s+reserved\b"
    r")",
    re.IGNORECASE,
)
# Underline, superscript and the like survive some extractors as raw tags; Markdown has no use for them.
_INLINE_TAGS = re.compile(r"</?(?:u|ins|sup|sub|span|small|mark|abbr|cite|font)\b[^>]*>", re.IGNORECASE)
_LINK_ONLY_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[^\]]+\]\([^)]*\)|\*\*[^*]+\*\*|<u>.*</u>|__[^_]+__)\s*$")
_LIST_LINK_TEXT = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")


def tidy_body(body: str, *, title: str | None = None) -> str:
    """`body` without a leading copy of `title`, furniture lines, and a trailing teaser block."""
    body = _INLINE_TAGS.sub("", body)
    lines = [line.rstrip() for line in body.strip().split("\n")]
    lines = _drop_leading_title(lines, title)
    lines = _cut_comment_section(lines)
    lines = [line for line in lines if not _is_furniture(line)]
    lines = _drop_trailing_teasers(lines)
    lines = _drop_trailing_link_list(lines)
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _drop_leading_title(lines: list[str], title: str | None) -> list[str]:
    if not title:
        return lines
    folded = _fold(title)
    for index, line in enumerate(lines[:4]):
        if not line.strip():
            continue
        if _fold(line.lstrip("#").strip()) == folded:
            return lines[:index] + lines[index + 1:]
    return lines


def _is_furniture(line: str) -> bool:
    stripped = _EMPHASIS.sub("", line.strip().lstrip("#>-*+ ").strip())
    if not stripped:
        return False
    if not _FURNITURE.match(stripped):
        return False
    # A long sentence that merely starts with "Related" or "Subscribe" is prose.
    return len(stripped.split()) <= 25 or stripped.lower().startswith(("read more", "related", "see also", "also read"))


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Cut a final run of two or more headings (teaser titles) with nothing but headings between."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    headings = 0
    while start and (not lines[start - 1].strip() or _HEADING.match(lines[start - 1])):
        if lines[start - 1].strip():
            headings += 1
        start -= 1
    if headings >= 2:
        return lines[:start]
    return lines[:end]


_COMMENTS_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|discussion)\b.{0,40}$"
    r"|^\W*(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b|^\W*join\s+the\s+(?:conversation|discussion)\b"
    r"|^\W*\d+\s+thoughts?\s+on\b",
    re.IGNORECASE,
)


def _cut_comment_section(lines: list[str]) -> list[str]:
    """Cut a readers' comment section: from its heading ("3 comments", "Leave a reply") in the body's second half to the end."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 4:
        return lines
    halfway = filled[len(filled) // 2]
    for index in filled:
        if index < halfway:
            continue
        line = lines[index].strip()
        if len(line.split()) <= 8 and _COMMENTS_HEAD.match(_EMPHASIS.sub("", line.lstrip("#").strip())):
            return lines[:index]
    return lines


def _drop_trailing_link_list(lines: list[str]) -> list[str]:
    """Cut a final list whose items are all short headline-like entries (related links), and what follows it if tiny."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    # Allow one short closing line after the list ("Originally published on …").
    tail = end
    if tail and len(lines[tail - 1].split()) <= 8 and not _LIST_ITEM.match(lines[tail - 1]):
        tail -= 1
        while tail and not lines[tail - 1].strip():
            tail -= 1
    start = tail
    items = 0
    while start and _LIST_ITEM.match(lines[start - 1]):
        start -= 1
        items += 1
    if items < 2:
        return lines[:end]
    texts = [(_LIST_LINK_TEXT.match(line) or _LIST_LINK_TEXT.match("- ")).group(1) for line in lines[start:tail]]
    headline_like = all(
        len(t.split()) <= 14 and not re.search(r"[.!?:;,]$", t.strip()) and sum(w[:1].isupper() for w in t.split()) >= 0.6 * len(t.split())
        for t in texts
    )
    if not headline_like:
        return lines[:end]
    return lines[:start] + lines[tail:end]


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
