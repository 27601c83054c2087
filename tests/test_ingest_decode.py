"""Decoding and shape detection: any encoding in, clean text out; the content decides the reader."""

import pytest

from newsdigest.errors import SourceError
from newsdigest.ingest.decode import decode
from newsdigest.ingest.detect import Shape, detect

TEXT = "Café owners in Zürich said the “new rules” were déjà vu – again.\nSecond line."


def test_utf16_with_bom_is_read():
    assert decode(TEXT.encode("utf-16")) == TEXT


def test_utf16_without_bom_is_read():
    assert decode(TEXT.encode("utf-16-le")) == TEXT


def test_utf8_bom_is_dropped():
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == TEXT


def test_windows_1252_text_is_read():
    assert decode(TEXT.encode("cp1252")) == TEXT


def test_html_declared_charset_wins_over_guessing():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Señor Ñandú</p></body></html>'
    assert "Señor Ñandú" in decode(page.encode("latin-1"), html=True)


def test_mojibake_is_repaired_but_curly_quotes_stay():
    broken = "The minister’s plan for a café crème".encode().decode("cp1252")
    assert "â€™" in broken
    assert decode(broken.encode("utf-8")) == "The minister’s plan for a café crème"


def test_line_ends_and_invisible_spaces_are_normalised():
    raw = "One\u00a0two\u200bthree\r\nfour\rfive".encode("utf-8")
    assert decode(raw) == "One twothree\nfour\nfive"


def test_plain_ascii_text_only_gets_unix_line_ends():
    assert decode(b"One two\r\nthree\rfour\n") == "One two\nthree\nfour\n"


@pytest.mark.parametrize("space", "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000")
@pytest.mark.parametrize("invisible", "\u200b\u2060\ufeff\u200e\u200f\u00ad")
def test_every_odd_space_becomes_a_space_and_every_invisible_character_goes(space, invisible):
    raw = f"Zürich{space}council{invisible} votes\r\non{invisible}{space}Tuesday"
    assert decode(raw.encode("utf-8"), html=True) == "Zürich council votes\non Tuesday"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(300)])
def test_empty_and_binary_files_are_refused_with_a_reason(data):
    with pytest.raises(SourceError) as caught:
        decode(data)
    assert caught.value.reason


def test_front_matter_in_a_txt_file_is_markdown():
    assert detect("---\ntitle: Hello\ndate: 2025-01-02\n---\n\nBody text.") is Shape.MARKDOWN


def test_toml_front_matter_is_markdown():
    assert detect('+++\ntitle = "Hello"\n+++\n\nBody text.') is Shape.MARKDOWN


def test_a_page_is_html_whatever_it_starts_with():
    assert detect("<!DOCTYPE html><html><body><p>x</p></body></html>") is Shape.HTML
    assert detect("<style>p{}</style>\n<div><p>Text</p></div></body></html>") is Shape.HTML


def test_a_text_dump_is_text_even_with_a_dash_rule():
    assert detect("Home\nNews\n---\nA headline\n\nThe article starts here.") is Shape.TEXT
    assert detect("Readers asked what <p> means in HTML. It is a paragraph.") is Shape.TEXT
