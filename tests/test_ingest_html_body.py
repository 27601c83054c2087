"""The body of a saved page in a script written without spaces is read as an article, not rejected as empty."""

import pytest

from newsdigest.errors import SourceError
from newsdigest.ingest.html_source import read_html

SENTENCE = "今年春天，市政府决定修复老桥，工程师在检查中发现两座桥墩出现裂缝，维修工作将持续到明年春天。"


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<html><head><title>老桥将关闭维修</title></head><body><article><h1>老桥将关闭维修</h1>"
            f"{body}</article></body></html>")


def test_a_chinese_article_without_spaces_is_read() -> None:
    article = read_html(page([SENTENCE] * 6))
    assert SENTENCE in article.body


def test_a_page_of_a_few_characters_is_still_no_article() -> None:
    with pytest.raises(SourceError):
        read_html(page(["首页"]))
