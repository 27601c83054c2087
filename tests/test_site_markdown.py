"""Markdown and sanitising: outlet text may carry any HTML; only harmless markup and http(s) links survive."""

from __future__ import annotations

import pytest

from newsdigest.site.markdown_html import render_markdown, safe_link, sanitize_html


def test_markdown_structure_is_kept():
    html = render_markdown("Intro\n\n## Sub\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    assert "<h2>Sub</h2>" in html
    assert "<li>a</li>" in html
    assert "<table>" in html and "<td>1</td>" in html


def test_headings_start_at_h2_and_never_skip():
    html = render_markdown("# Top\n\n### Deep\n\n###### Deeper\n")
    assert "<h2>Top</h2>" in html and "<h3>Deep</h3>" in html and "<h4>Deeper</h4>" in html
    assert "<h1" not in html


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](javascript:alert(1))",
    '<form action="https://evil.example"><input name="a"></form>',
    '<style>body{display:none}</style>',
    '<object data="x"></object><embed src="x">',
])
def test_hostile_markup_is_neutralised(payload):
    html = str(render_markdown(f"Before {payload} after"))
    lowered = html.lower()
    for bad in ("<script", "javascript:", "onerror", "onload", "onclick", "<iframe", "<svg", "<form", "<input",
                "<style", "<object", "<embed", "data:text"):
        assert bad not in lowered, (payload, html)
    assert "Before" in html and "after" in html


def test_relative_links_resolve_against_the_original_or_are_dropped():
    with_base = render_markdown("[a](/news/b) [c](d.html)", base_url="https://outlet.example/x/y")
    assert 'href="https://outlet.example/news/b"' in with_base
    assert 'href="https://outlet.example/x/d.html"' in with_base
    without = render_markdown("[a](/news/b)")
    assert "href" not in without and "<a" not in without and "a" in without


def test_editor_text_may_link_to_site_paths():
    html = render_markdown("[feed](/feed.xml) [evil](//evil.example/x)", site_links=True)
    assert 'href="/feed.xml"' in html
    assert "evil.example" not in html


def test_links_get_safe_rel():
    html = sanitize_html('<a href="https://e.example">x</a>')
    assert 'rel="noopener noreferrer nofollow"' in html


def test_safe_link():
    assert safe_link("https://e.example/a?b=1") == "https://e.example/a?b=1"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("ftp://e.example") is None
    assert safe_link('https://e.example/"><script>') is None
    assert safe_link("/x", base_url="https://e.example/a/") == "https://e.example/x"
    assert safe_link(None) is None


def test_one_text_footnotes_and_abbreviations_do_not_leak_into_the_next():
    """The converter is reused between texts (it is costly to set up): each text starts clean."""
    first = render_markdown("The EU said so[^1].\n\n[^1]: A note.\n\n*[EU]: European Union\n")
    assert "A note." in first and "European Union" in first
    second = render_markdown("The EU said nothing.\n")
    assert "European Union" not in second and "A note." not in second and "footnote" not in second


def test_bodies_converted_ahead_in_workers_are_the_bodies_converted_one_by_one(monkeypatch):
    from markupsafe import Markup

    from newsdigest import workers
    from newsdigest.site import markdown_html

    monkeypatch.setattr(markdown_html, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # pytest-timeout's idle timer thread
    bodies = [(f"# Part {n}\n\nSee [the notes](notes-{n}.html) and *this*.\n\n| a | b |\n|---|---|\n| {n} | x |",
               "https://example.org/news/") for n in range(5)]
    memo: dict = {}
    with markdown_html.remembering(memo):
        markdown_html.convert_ahead(bodies)
    assert len(memo) == len(bodies)
    for text, base_url in bodies:
        ahead = memo[(text, base_url, False, "/")]
        assert type(ahead) is Markup
        assert ahead == render_markdown(text, base_url=base_url)
        assert "https://example.org/news/notes-" in ahead
