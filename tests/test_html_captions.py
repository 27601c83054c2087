"""A picture's caption that the extractor kept is taken out of the body; the article's own sentences stay."""

from test_html_link_tail import PARAGRAPHS

from newsdigest.ingest.html_source import read_html

CAPTION = "The ferry's captain waves to the crowd on the quay before the first crossing of the estuary."


def page(picture: str, *, body_class: str = "") -> str:
    first, *rest = (f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>New ferry crosses the estuary</title></head>
<body class="{body_class}"><main><article><h1>New ferry crosses the estuary</h1>
<div class="entry">{first}{picture}{''.join(rest)}</div></article></main></body></html>"""


def body_of(html: str, lines: list[str]) -> list[str]:
    """The lines the caption step leaves of an extracted body that kept `lines` of the page `html`."""
    from lxml.html import fromstring

    from newsdigest.ingest.captions import drop_captions

    return [line for line in drop_captions(fromstring(html), "\n\n".join(lines)).split("\n") if line]


def test_a_caption_the_extractor_kept_is_not_a_line_of_the_body():
    for picture in (f'<figure><img src="/ferry.jpg" alt=""><figcaption><p>{CAPTION}</p></figcaption></figure>',
                    f'<div class="media"><img src="/ferry.jpg" alt=""><div class="image-caption">{CAPTION}</div></div>'):
        body = body_of(page(picture), [PARAGRAPHS[0], CAPTION, *PARAGRAPHS[1:]])
        assert body == PARAGRAPHS


def test_a_sentence_the_article_also_tells_outside_its_caption_stays():
    picture = f'<figure><img src="/ferry.jpg" alt=""><figcaption>{PARAGRAPHS[2]}</figcaption></figure>'
    extracted = [PARAGRAPHS[0], PARAGRAPHS[2], *PARAGRAPHS[1:]]
    assert body_of(page(picture), extracted) == extracted


def test_a_page_that_calls_its_whole_body_captions_keeps_its_article():
    picture = f'<div class="media"><img src="/ferry.jpg" alt=""><div class="image-caption">{CAPTION}</div></div>'
    body = body_of(page(picture, body_class="single zoomable-captions"), [PARAGRAPHS[0], CAPTION, *PARAGRAPHS[1:]])
    assert body == PARAGRAPHS


def test_a_read_page_keeps_its_paragraphs_around_a_picture():
    picture = f'<figure><img src="/ferry.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>'
    body = read_html(page(picture)).body
    assert all(paragraph[:40] in body for paragraph in PARAGRAPHS) and "captain waves" not in body
