"""A body's final run that the page sets apart from the article is cut; the article's own end is kept."""

from conftest import ROOT
from lxml.html import fromstring
from rich.console import Console

from newsdigest.config import load_config
from newsdigest.ingest import explain
from newsdigest.ingest.html_tail import cut_outside_tail

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge for repairs that will last until spring.",
    "Engineers found cracks in two of the supporting piers during an inspection last month.",
    "Traffic will be sent over the northern crossing, which adds about ten minutes to most trips.",
    "The mayor said the work could not wait for another winter of heavy lorries and frost.",
]
PROMPT = "Sign up for our morning briefing and never miss a story."
STORY = "<div class='story'>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "{inside_last}</div>"


def page(after_story: str, *, inside_last: str = "", box: str = "box", wrap: str = "") -> str:
    """The story's paragraphs in a container, then `after_story` in a sibling `<div class=box>`, all in `wrap`."""
    inner = STORY.format(inside_last=inside_last) + f"<div class='{box}'>{after_story}</div>"
    return f"<html><body>{f'<{wrap}>{inner}</{wrap}>' if wrap else inner}</body></html>"


def body_of(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_prompt_in_a_newsletter_box_after_the_article_is_cut() -> None:
    result = cut_outside_tail(fromstring(page(f"<p>{PROMPT}</p>", box="newsletter")), body_of(*PARAGRAPHS, PROMPT))
    assert PROMPT not in result
    assert result.endswith(PARAGRAPHS[-1])


def test_a_prompt_outside_the_pages_article_element_is_cut() -> None:
    tree = fromstring(page(f"<p>{PROMPT}</p>").replace("<div class='story'>", "<article><div class='story'>")
                      .replace("</div><div class='box'>", "</div></article><div class='box'>"))
    assert PROMPT not in cut_outside_tail(tree, body_of(*PARAGRAPHS, PROMPT))


def test_a_closing_section_of_its_own_inside_the_article_element_stays() -> None:
    # Outside the container of the other paragraphs, but the page does not set it apart: the article's conclusion.
    closing = "In short, the repairs are overdue and well worth it."
    tree = fromstring(page(f"<h2>In short</h2><p>{closing}</p>", wrap="article"))
    body = body_of(*PARAGRAPHS, "## In short", closing)
    assert cut_outside_tail(tree, body) == body


def test_the_articles_own_last_line_stays() -> None:
    closing = "Reporting by the city desk."
    tree = fromstring(page(f"<p>{PROMPT}</p>", inside_last=f"<p>{closing}</p>", box="newsletter"))
    result = cut_outside_tail(tree, body_of(*PARAGRAPHS, closing))
    assert result.endswith(closing)


def test_a_long_run_after_the_article_is_kept() -> None:
    # A tail of more than a small share of the body, most of it shown nowhere: the container was not the article's.
    unseen = [f"A line that the page shows nowhere, number {n}, goes on for a while about the bridge." for n in (1, 2, 3)]
    tree = fromstring(page(f"<p>{PROMPT}</p>", box="newsletter"))
    body = body_of(*PARAGRAPHS, PROMPT, *unseen)
    assert cut_outside_tail(tree, body) == body


def test_lines_the_page_does_not_show_are_left_alone() -> None:
    tree = fromstring(page("", box="newsletter"))
    body = body_of(*PARAGRAPHS, "A line that the page shows nowhere at all, in any element.")
    assert cut_outside_tail(tree, body) == body


def test_explain_names_the_tail_cut_for_a_line_it_took(tmp_path) -> None:
    more = ["The last repairs to the bridge were made thirty years ago, when a barge struck a pier in a storm.",
            "A public meeting on the detour will be held next week in the library, the council said on Wednesday.",
            "Cyclists will still be able to cross on a temporary walkway fixed to the bridge's eastern side.",
            "Shops near the bridge fear a quiet season, and the council has promised to review their rates."]
    letter = ("Our weekly letter from the town hall brings the council's decisions, the road works and the week's "
              "events to your inbox every Friday morning.")
    paragraphs = "".join(f"<p>{text}</p>" for text in [*PARAGRAPHS, *more])
    source = tmp_path / "content" / "sources" / "page.html"
    source.parent.mkdir(parents=True)
    source.write_text("<html><head><title>Old bridge closes for repairs</title></head><body><div id='page'>"
                      f"<h1>Old bridge closes for repairs</h1><div>{paragraphs}</div>"
                      f"<div><div class='promo'><p>{letter}</p></div></div></div></body></html>", encoding="utf-8")
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    console = Console(record=True, width=300)
    explain(source, config, console)
    line = next(row for row in console.export_text().splitlines() if "Our weekly letter" in row)
    assert "drop" in line and "cut from the body's end" in line
