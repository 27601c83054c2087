"""A body's final lines that the page shows outside the article's container are cut; the article's own are kept."""

from lxml.html import fromstring

from newsdigest.ingest.html_tail import cut_outside_tail

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge for repairs that will last until spring.",
    "Engineers found cracks in two of the supporting piers during an inspection last month.",
    "Traffic will be sent over the northern crossing, which adds about ten minutes to most trips.",
    "The mayor said the work could not wait for another winter of heavy lorries and frost.",
]
PROMPT = "Sign up for our morning briefing and never miss a story."


def page(after_article: str, inside_last: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (f"<html><body><div class='story'>{paragraphs}{inside_last}</div>"
            f"<div class='box'>{after_article}</div></body></html>")


def body_of(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_prompt_after_the_article_container_is_cut() -> None:
    tree = fromstring(page(f"<p>{PROMPT}</p>"))
    result = cut_outside_tail(tree, body_of(*PARAGRAPHS, PROMPT))
    assert PROMPT not in result
    assert result.endswith(PARAGRAPHS[-1])


def test_the_articles_own_last_line_stays() -> None:
    closing = "Reporting by the city desk."
    tree = fromstring(page(f"<p>{PROMPT}</p>", inside_last=f"<p>{closing}</p>"))
    result = cut_outside_tail(tree, body_of(*PARAGRAPHS, closing))
    assert result.endswith(closing)


def test_a_long_run_outside_the_container_is_kept() -> None:
    # When most of the body is outside the found container, that container was not the article's.
    more = [f"{text} More on this follows in a second part of the report." for text in PARAGRAPHS]
    tree = fromstring(page("".join(f"<p>{text}</p>" for text in more)))
    body = body_of(*PARAGRAPHS, *more)
    assert cut_outside_tail(tree, body) == body


def test_lines_the_page_does_not_show_are_left_alone() -> None:
    tree = fromstring(page(""))
    body = body_of(*PARAGRAPHS, "A line that the page shows nowhere at all, in any element.")
    assert cut_outside_tail(tree, body) == body
