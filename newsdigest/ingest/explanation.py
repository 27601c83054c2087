"""`python build.py ingest --explain FILE`: what ingest keeps of a source, and why.

An editor who finds a paragraph missing or a share prompt left in a post needs
to see the decision, not guess it. For text dumps the cleaner records a reason
per line; for a saved page each visible block is shown as kept when it is part
of the extracted article; for Markdown the front matter is shown as mapped and
the body as kept whole.
"""

from __future__ import annotations

import os
import re
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from newsdigest.config import Config
from newsdigest.content_files import unread_reason
from newsdigest.errors import NewsdigestError, SourceError
from newsdigest.ingest.decode import decode
from newsdigest.ingest.detect import Shape, detect
from newsdigest.ingest.html_site import fold
from newsdigest.model import iso_text, iso_text_or_none

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newsdigest.ingest.html_meta import PageMeta


def explain(path: Path, config: Config, console: Console) -> None:
    """Print each line of the source at `path` as kept or dropped, with the reason, then the metadata found."""
    from newsdigest.ingest.source import looks_like_markup, read_source

    target = _locate(path, config)
    unread = unread_reason(_in_sources(target, config))
    if unread is not None:
        console.print(f"[yellow]skipped[/] {escape(str(target))}: {escape(unread)}", soft_wrap=True)
        return
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}", target) from None
    try:
        text = decode(data, html=looks_like_markup(data))
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
        "published": iso_text_or_none(article.published),
        "updated": iso_text_or_none(article.updated),
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


def _in_sources(target: Path, config: Config) -> Path:
    """`target` relative to the sources folder, as ingest judges its name; a file elsewhere by its name alone
    (where an editor would put it). Links are not followed: ingest judges the name the folder lists."""
    try:
        return Path(os.path.abspath(target)).relative_to(os.path.abspath(config.sources_dir))
    except ValueError:
        return Path(target.name)


def _line(console: Console, number: int, kept: bool, text: str, reason: str) -> None:
    mark = "[green]keep[/]" if kept else "[red]drop[/]"
    shown = text if len(text) <= 100 else text[:99] + "…"
    console.print(f"{number:>5} {mark} {escape(shown)}  [dim]— {escape(reason)}[/]", soft_wrap=True)


def _explain_text(text: str, config: Config, console: Console) -> None:
    from newsdigest.ingest.textdump import parse_text_dump

    dump = parse_text_dump(text, timezone=config.timezone)
    for decision in dump.lines:
        if decision.text.strip():
            _line(console, decision.number, decision.kept, decision.text.strip(), decision.reason)
    console.print()
    for row in metadata_choices(text, timezone=config.timezone):
        console.print(f"  {escape(row)}", soft_wrap=True)


def metadata_choices(text: str, *, timezone: tzinfo | None = None, shown: int = 3) -> list[str]:
    """Why the headline, byline and date of a text dump are what they are: each field's likeliest candidates.

    One line per candidate, with the fitted model's probability and the line it
    stands on, so an editor sees what came second and how close it was.
    """
    from newsdigest.ingest import text_byline, text_dateline, text_title
    from newsdigest.ingest.meta_model import ranked, threshold
    from newsdigest.ingest.text_outlet import read_outlet
    from newsdigest.ingest.textmeta import page_context

    ctx = page_context(text)
    out: list[str] = []
    title = text_title.read_title(ctx)
    title_index = title[0] if title else None
    byline = text_byline.read_byline(ctx, title_index)
    fields = (
        ("headline", text_title.MODEL, text_title.candidates(ctx)),
        ("byline", text_byline.MODEL, text_byline.candidates(ctx, title_index)),
        ("date", text_dateline.MODEL, text_dateline.candidates(ctx, title_index, byline[0] if byline else None, timezone)),
    )
    for label, model, found in fields:
        scored = ranked(model, found)
        out.append(f"{label}: {len(found)} candidates; the likeliest is taken if at least {threshold(model):.0%} likely"
                   + ("" if scored else "; none on this page"))
        for item in scored[:shown]:
            value = item.candidate.value
            shown_value = (iso_text(value.moment) if hasattr(value, "moment")
                           else ", ".join(value) if isinstance(value, tuple) else str(value))
            out.append(f"  {item.probability:4.0%}  line {ctx.lines[item.candidate.index].number}: {shown_value[:80]}")
        top = scored[0].candidate if scored else None
        if top is not None and model == text_byline.MODEL and (stands := text_byline.where_it_stands(top.features)):
            out.append(f"  the likeliest, on line {ctx.lines[top.index].number}, stands " + "; ".join(stands))
    if title is not None and title[1] != ctx.lines[title[0]].text.strip():
        out.append(f"headline: read from part of line {ctx.lines[title[0]].number}, "
                   "without the site name, kicker or date printed beside it")
    left_out = text_dateline.left_out(ctx, timezone)
    if left_out:
        out.append("date: not a candidate, a date the article's sentences mention below its lead (what it reports): "
                   + ", ".join(f"line {ctx.lines[i].number} ({ctx.lines[i].raw.strip()[f.start:f.end]!r})"
                               for i, f in left_out[:5]))
    dated = ranked(text_dateline.MODEL, fields[2][2])
    if dated and dated[0].candidate.value.updated:
        out.append("date: the likeliest is labelled an update; the publication is the unlabelled date beside it, if any")
    named = ranked(text_byline.MODEL, fields[1][2])
    if byline is not None and (not named or named[0].probability < threshold(text_byline.MODEL)):
        out.append(f"byline taken from line {ctx.lines[byline[0]].number}: a name signed under the article")
    footer = read_outlet(ctx.lines)
    if byline is None and footer.person:
        out.append(f"byline: none stated; the copyright holder {footer.outlet} is a person, so the page is theirs")
    if title is None:
        out.append("headline: no line is likely enough; the title is made from the lead and marked as derived")
    return out


def _explain_html(text: str, config: Config, console: Console) -> None:
    from newsdigest.ingest.html_lead import shown_lead
    from newsdigest.ingest.html_source import read_html, read_page
    from newsdigest.ingest.page_text import page_text

    read = read_page(text)
    if read is None:
        return
    tree, page = read
    lines = page_text(tree)
    leads = {fold(shown_lead(tree, page) or ""), fold(_lead_put_back(tree, page))} - {""}
    try:
        article = read_html(text, timezone=config.timezone)
        body, title = article.body, fold(article.title or "")
    except NewsdigestError:
        body, title = "", ""
    article_words = _shingles(body)
    folded_body = fold(body)
    for number, line in enumerate(lines, 1):
        grams = _shingles(line.text)
        if grams:
            inside = len(grams & article_words) / len(grams) >= 0.6
        else:
            inside = len(line.text.split()) > 1 and fold(line.text) in folded_body
        if title and fold(line.text) == title:
            inside, reason = True, "the headline (the post's title)"
        elif inside and fold(line.text) in leads:
            reason = "the article's lead: the page shows it under the headline, above the article's paragraphs"
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


def _lead_put_back(tree: HtmlElement, page: PageMeta) -> str:
    """The lead that reading the page put back at the top of the body (see `html_lead`), if it put one back."""
    from newsdigest.ingest.html_fields import headline
    from newsdigest.ingest.html_source import body_steps

    steps = body_steps(tree, page, headline(page))
    for step in steps:
        if step.step == "lead":
            return step.body.split("\n\n", 1)[0]
    return ""


def _explain_html_metadata(text: str, body: str, config: Config, console: Console) -> None:
    from newsdigest.ingest.html_fields import explain_choices
    from newsdigest.ingest.html_source import read_page

    read = read_page(text)
    if read is None:
        return
    for row in explain_choices(read[1], text, config.timezone, body):
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


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
