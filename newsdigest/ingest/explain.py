"""`python build.py ingest --explain FILE`: what ingest keeps of a source, and why.

An editor who finds a paragraph missing or a share prompt left in a post needs
to see the decision, not guess it. For text dumps the cleaner records a reason
per line; for a saved page each visible block is shown as kept when it is part
of the extracted article; for Markdown the front matter is shown as mapped and
the body as kept whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from newsdigest.config import Config
from newsdigest.errors import NewsdigestError, SourceError
from newsdigest.ingest.decode import decode
from newsdigest.ingest.detect import Shape, detect


def explain(path: Path, config: Config, console: Console) -> None:
    """Print each line of the source at `path` as kept or dropped, with the reason, then the metadata found."""
    from newsdigest.ingest.source import _looks_like_markup, read_source

    target = _locate(path, config)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}", target) from None
    try:
        text = decode(data, html=_looks_like_markup(data))
    except NewsdigestError as exc:
        raise SourceError(exc.reason, target) from None
    shape = detect(text)
    console.print(f"[bold]{escape(str(target))}[/]: read as {shape.value}")
    if shape is Shape.TEXT:
        _explain_text(text, config, console)
    elif shape is Shape.HTML:
        _explain_html(text, config, console)
    else:
        _explain_markdown(text, console)
    try:
        article = read_source(data, timezone=config.timezone)
    except NewsdigestError as exc:
        console.print(f"[red]skipped:[/] {escape(exc.reason)}")
        return
    console.print()
    rows = {
        "title": f"{article.title}{' (derived from the lead)' if article.title_derived else ''}",
        "author": ", ".join(article.authors) or None,
        "published": article.published.isoformat() if article.published else None,
        "updated": article.updated.isoformat() if article.updated else None,
        "outlet": article.outlet,
        "section": article.section,
        "tags": ", ".join(article.tags) or None,
        "image": article.image,
        "url": article.url,
        "lang": article.lang,
    }
    for key, value in rows.items():
        console.print(f"  [bold]{key:>9}[/]: {escape(value) if value else '[dim]unknown[/]'}")


def _locate(path: Path, config: Config) -> Path:
    for candidate in (path, config.sources_dir / path, config.content_dir / path):
        if candidate.is_file():
            return candidate
    raise SourceError("no such file", path)


def _line(console: Console, number: int, kept: bool, text: str, reason: str) -> None:
    mark = "[green]keep[/]" if kept else "[red]drop[/]"
    shown = text if len(text) <= 100 else text[:99] + "…"
    console.print(f"{number:>5} {mark} {escape(shown)}  [dim]— {escape(reason)}[/]", soft_wrap=True)


def _explain_text(text: str, config: Config, console: Console) -> None:
    from newsdigest.ingest.textdump import parse_text_dump

    from newsdigest.ingest.textmeta import explain_choices

    dump = parse_text_dump(text, timezone=config.timezone)
    for decision in dump.lines:
        if decision.text.strip():
            _line(console, decision.number, decision.kept, decision.text.strip(), decision.reason)
    console.print()
    for row in explain_choices(text, timezone=config.timezone):
        console.print(f"  {escape(row)}", soft_wrap=True)


def _explain_html(text: str, config: Config, console: Console) -> None:
    from trafilatura.utils import load_html

    from newsdigest.ingest.html_source import read_html
    from newsdigest.ingest.page_text import page_text

    tree = load_html(text)
    if tree is None:
        return
    lines = page_text(tree)
    try:
        article = read_html(text, timezone=config.timezone)
        body, title = article.body, _fold(article.title or "")
    except NewsdigestError:
        body, title = "", ""
    article_words = _shingles(body)
    folded_body = _fold(body)
    for number, line in enumerate(lines, 1):
        grams = _shingles(line.text)
        if grams:
            inside = len(grams & article_words) / len(grams) >= 0.6
        else:
            inside = len(line.text.split()) > 1 and _fold(line.text) in folded_body
        if title and _fold(line.text) == title:
            inside, reason = True, "the headline (the post's title)"
        elif inside:
            reason = "part of the extracted article"
        elif line.region:
            reason = f"outside the article: {line.region}"
        elif len(line.text.split()) <= 4:
            reason = "outside the article: a short label (menu entry, button, caption)"
        else:
            reason = "outside the article the extractor found"
        _line(console, number, inside, line.text, reason)
    console.print()
    _explain_html_metadata(text, body, config, console)


def _explain_html_metadata(text: str, body: str, config: Config, console: Console) -> None:
    from trafilatura.utils import load_html

    from newsdigest.ingest.html_fields import explain_choices
    from newsdigest.ingest.html_meta import read_page_meta

    tree = load_html(text)
    if tree is None:
        return
    for row in explain_choices(read_page_meta(tree), text, config.timezone, body):
        console.print(f"  {escape(row)}", soft_wrap=True)


def _explain_markdown(text: str, console: Console) -> None:
    from newsdigest.ingest.markdown_source import split_front_matter

    meta, body = split_front_matter(text)
    for key, value in meta.items():
        console.print(f"      [cyan]meta[/] {escape(str(key))}: {escape(str(value))[:100]}")
    first_line = text.count("\n") - body.count("\n") + 1
    for number, line in enumerate(body.split("\n"), first_line):
        if line.strip():
            _line(console, number, True, line.strip(), "Markdown body, kept as written")


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
