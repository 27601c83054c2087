"""The post file format: round trips, keeps unknown keys, knows when an editor touched it."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from newsdigest.errors import ContentError
from newsdigest.model import Post
from newsdigest.postfile import is_untouched, parse_post, render_post

POST = Post(
    id="moscow-rejects",
    title="Moscow rejects guarantees",
    body="First paragraph.\n\n## A heading\n\n- a list item",
    source="sources/a.html",
    outlet="Example Times",
    authors=("Ana Ruiz", "Bo Li"),
    published=datetime(2025, 9, 5, 5, 12, tzinfo=timezone(timedelta(hours=1))),
    tags=("Europe", "Ukraine"),
    extra={"section": "World"},
)


def test_a_post_survives_a_round_trip(tmp_path):
    text = render_post(POST)
    back = parse_post(text, tmp_path / "moscow-rejects.md")
    assert back.title == POST.title
    assert back.authors == POST.authors
    assert back.published == POST.published
    assert back.body == POST.body
    assert back.extra == {"section": "World"}
    assert "published: '2025-09-05T05:12:00+01:00'" in text


def test_an_undated_post_says_its_date_is_unknown_with_null():
    text = render_post(Post(**{**POST.__dict__, "published": None}))
    assert "\npublished: null\n" in text
    assert parse_post(text, Path("moscow-rejects.md")).published is None


@pytest.mark.parametrize("title", ["Fire 🔥 in the hills", "Back\\slash and “quotes”: Ünïcode — dashes"])
def test_front_matter_is_readable_and_the_same_whichever_yaml_writer_runs(tmp_path, title):
    """Emoji and accents stay as written in the file (an editor reads it), and the bytes match PyYAML's own writer."""
    post = Post(**{**POST.__dict__, "title": title})
    text = render_post(post)
    assert f"title: {title}" in text or f"title: '{title}'" in text or f'title: "{title}"' in text
    pure = yaml.safe_dump({"id": post.id, "title": title}, sort_keys=False, allow_unicode=True, width=1000)
    assert text.startswith("---\n" + pure)
    assert parse_post(text, tmp_path / "p.md").title == title


def test_an_unedited_post_is_recognised_and_an_edited_one_is_not():
    text = render_post(POST)
    assert is_untouched(text)
    assert not is_untouched(text.replace("First paragraph.", "First paragraph, edited."))
    assert not is_untouched(text.replace("ingest_digest", "x_digest"))


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        ("no front matter here", "has no front matter", 1),
        ("---\ntitle: [unclosed\nsource: s\n---\nbody", "not valid YAML", None),
        ("---\ntitle: T\n---\nbody", "needs 'source'", 2),
        ("---\ntitle: T\nsource: s\npublished: next tuesday\n---\n", "not a date", 4),
    ],
)
def test_a_broken_post_names_its_file_and_line(text, reason, line):
    with pytest.raises(ContentError) as caught:
        parse_post(text, Path("content/posts/x.md"))
    assert reason in str(caught.value)
    assert "content/posts/x.md" in str(caught.value)
    if line is not None:
        assert caught.value.line == line
