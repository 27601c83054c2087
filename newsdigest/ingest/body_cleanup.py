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

__all__ = ["is_furniture", "tidy_body"]

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
    # The same calls in the other languages the digest reads most (German, Spanish, French, Italian).
    r"|(?:anzeige|werbung|publicidad|publicité|pubblicità)(?:\s*[:|»›>–,]|\s+-|\s*$)"
    r"|(?:jetzt\s+)?(?:zum|für\s+unseren|unseren)\s+newsletter\b|newsletter\s+(?:abonnieren|bestellen)\b"
    r"|(?:mehr\s+zum\s+thema|weitere\s+(?:\w+\s+){0,2}(?:themen|artikel|beiträge|nachrichten))\b[^.!?]{0,60}(?::|$)"
    + r"|(?:lesen\s+sie\s+(?:auch|mehr)|lee\s+también|lea\s+también|te\s+puede\s+interesar|(?:à\s+)?lire\s+aussi"
    r"|voir\s+aussi)" + _END
    + r")",
    re.IGNORECASE,
)
# Underline, superscript and the like survive some extractors as raw tags; Markdown has no use for them.
_INLINE_TAGS = re.compile(r"</?(?:u|ins|sup|sub|span|small|mark|abbr|cite|font)\b[^>]*>", re.IGNORECASE)
_LINK_ONLY_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[^\]]+\]\([^)]*\)|\*\*[^*]+\*\*|<u>.*</u>|__[^_]+__)\s*$")
_LIST_LINK_TEXT = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_OPENER = re.compile(r"^(?:\*\*|__)[^*_]{1,80}[:?](?:\*\*|__)$|^(?:\*\*|__)[^*_]{1,80}(?:\*\*|__)[:?]$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_LABEL_WORDS = (3, 8)
"""A plain line of this many words with no closing mark is a label, not a sentence (shorter: a name, a date)."""
_CLOSED = re.compile(r"[.!?…\"”»“)\]:;,]$")


def tidy_body(body: str, *, title: str | None = None) -> str:
    """`body` without a leading copy of `title`, furniture lines, and a trailing teaser block."""
    body = _INLINE_TAGS.sub("", body)
    lines = [line.rstrip() for line in body.strip().split("\n")]
    lines = _drop_leading_title(lines, title)
    lines = _cut_comment_section(lines)
    lines = [line for line in lines if not is_furniture(line)]
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


def is_furniture(line: str) -> bool:
    """Whether `line` is a call to act on the page ("Read more", "Share this", "Related:"), not a line of the story."""
    stripped = _EMPHASIS.sub("", line.strip().lstrip("#>-*+ ").strip())
    if not stripped:
        return False
    if not _FURNITURE.match(stripped):
        return False
    # A long sentence that merely starts with "Related" or "Subscribe" is prose.
    return len(stripped.split()) <= 25 or stripped.lower().startswith(("read more", "related", "see also", "also read"))


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Cut the labels that end the body: teaser titles, the heading of a block whose content was left out, a credit.

    A heading introduces what follows it; with nothing after it, it heads page furniture
    ("Read next", "More from this section") that the extractor dropped. A bold line that ends
    in a colon or a question mark opens a block the same way, but alone at the end it may be the
    article's own last question, so it goes only with other labels. A short plain line that is no
    sentence (3-8 words, most of them capitalised, no closing mark, no figure) is a label of the
    same kind: a photo credit, a share prompt, the title of the next block; a last sentence that
    lacks its full stop has its words in lower case.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and (not lines[start - 1].strip() or _is_closing_label(lines[start - 1])):
        start -= 1
    if all(_OPENER.match(line.strip()) for line in lines[start:end] if line.strip()):
        return lines[:end]
    return lines[:start]


def _is_closing_label(line: str) -> bool:
    text = line.strip()
    if _HEADING.match(line) or _OPENER.match(text):
        return True
    words = text.split()
    capitalised = sum(word[:1].isupper() for word in words)
    return (_LABEL_WORDS[0] <= len(words) <= _LABEL_WORDS[1] and 2 * capitalised > len(words)
            and not _CLOSED.search(text) and not any(character.isdigit() for character in text))


_COMMENTS_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|discussion|kommentare|commentaires|comentarios|commenti)"
    r"\b.{0,40}$"
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
