"""The editor's overrides in `content/stories/<slug>.md`, and the errors a broken one gives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_stories_group import make_config, story_of
from test_stories_group_fixtures import corpus

from newsdigest.errors import ContentError
from newsdigest.stories import group
from newsdigest.stories.overrides import check_overrides, load_overrides


@pytest.fixture
def config(tmp_path):
    config = make_config(tmp_path)
    config.stories_dir.mkdir(parents=True)
    return config


def chile_slug(config) -> str:
    """The slug grouping gives the Chile story, as an editor would read it off the site."""
    return story_of(group(corpus(), config), "chile-wire").slug


def write(config, slug: str, text: str) -> Path:
    path = config.stories_dir / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_pinned_headline_replaces_the_chosen_one_and_keeps_the_url(config):
    slug = chile_slug(config)
    write(config, slug, '---\ntitle: "Chile earthquake: three dead in Viña del Mar"\n---\n')
    story = story_of(group(corpus(), config), "chile-wire")
    assert story.title == "Chile earthquake: three dead in Viña del Mar"
    assert story.slug == slug


def test_summary_from_the_body(config):
    slug = chile_slug(config)
    write(config, slug, "---\nfeatured: false\n---\nA strong quake killed three people in *central Chile*.\n")
    story = story_of(group(corpus(), config), "chile-wire")
    assert story.summary == "A strong quake killed three people in *central Chile*."
    assert story.summary_by_editor


def test_summary_from_front_matter_and_the_body_as_a_note(config):
    slug = chile_slug(config)
    write(config, slug, "---\nsummary: Three dead after a 7.1 quake.\n---\nWe will update this story.\n")
    story = story_of(group(corpus(), config), "chile-wire")
    assert story.summary == "Three dead after a 7.1 quake." and story.summary_by_editor
    assert story.editor_note == "We will update this story."


def test_an_editors_lock_and_hidden_files_are_not_overrides(config):
    """Emacs's lock beside an open override (`.#<slug>.md`, a link to nowhere) and a hidden draft of one are not
    read: the build and `check` go on with the stories as grouped."""
    slug = chile_slug(config)
    (config.stories_dir / f".#{slug}.md").symlink_to("editor@host.4242:1700000000")
    write(config, f".{slug}", '---\ntitle: "A draft headline"\nposts: [chile-wire]\n---\n')
    story = story_of(group(corpus(), config), "chile-wire")
    assert story.slug == slug and story.title != "A draft headline"
    assert load_overrides(config) == () and check_overrides(corpus(), config) == []


def test_without_an_override_the_summary_is_not_the_editors(config):
    story = story_of(group(corpus(), config), "chile-wire")
    assert not story.summary_by_editor and not story.featured and not story.hidden


def test_pinned_posts_join_the_story(config):
    slug = chile_slug(config)
    write(config, slug, "---\nposts: [brief-bridge]\n---\n")
    stories = group(corpus(), config)
    assert story_of(stories, "brief-bridge").slug == slug


def test_excluded_posts_leave_the_story_and_stand_alone(config):
    slug = chile_slug(config)
    write(config, slug, "---\nexclude:\n  - chile-blog\n---\n")
    stories = group(corpus(), config)
    chile = story_of(stories, "chile-wire")
    assert "chile-blog" not in {p.id for p in chile.posts}
    blog = story_of(stories, "chile-blog")
    assert [p.id for p in blog.posts] == ["chile-blog"] and blog.id != chile.id
    # Stable too: the next build gives the excluded post's story the same id.
    assert story_of(group(corpus(), config), "chile-blog").id == blog.id


def test_split_by_an_override_with_a_new_slug(config):
    write(config, "chile-aftermath", "---\ntitle: Chile counts the cost\nposts: [chile-blog, chile-undated]\n---\n")
    stories = group(corpus(), config)
    aftermath = story_of(stories, "chile-blog")
    assert aftermath.slug == "chile-aftermath" and aftermath.title == "Chile counts the cost"
    assert {p.id for p in aftermath.posts} == {"chile-blog", "chile-undated"}
    assert {p.id for p in story_of(stories, "chile-wire").posts} == {"chile-wire", "chile-daily"}


def test_split_by_a_post_pinning_itself_with_story(config):
    posts = [replace(p, story="chile-reaction") if p.id == "chile-blog" else p for p in corpus()]
    stories = group(posts, config)
    reaction = story_of(stories, "chile-blog")
    assert reaction.slug == "chile-reaction" and [p.id for p in reaction.posts] == ["chile-blog"]
    assert "chile-blog" not in {p.id for p in story_of(stories, "chile-wire").posts}


def test_featured_and_hidden(config):
    slug = chile_slug(config)
    write(config, slug, "---\nfeatured: true\nhidden: true\n---\n")
    story = story_of(group(corpus(), config), "chile-wire")
    assert story.featured and story.hidden


def test_an_override_can_name_its_story_by_id(config):
    story = story_of(group(corpus(), config), "chile-wire")
    write(config, "my-notes", f"---\nid: {story.id}\ntitle: Pinned by id\n---\n")
    again = story_of(group(corpus(), config), "chile-wire")
    assert again.id == story.id and again.title == "Pinned by id"


def test_an_unknown_post_is_an_error_naming_file_and_line(config):
    path = write(config, "chile", "---\ntitle: Quake\nposts:\n  - chile-wire\n  - no-such-post\n---\n")
    with pytest.raises(ContentError) as caught:
        group(corpus(), config)
    error = caught.value
    assert error.path == path and error.line == 5
    assert "no-such-post" in str(error) and f"{path}:5" in str(error)


def test_broken_yaml_is_an_error_naming_file_and_line(config):
    path = write(config, "chile", "---\ntitle: Quake\nposts: [chile-wire\n---\n")
    with pytest.raises(ContentError) as caught:
        group(corpus(), config)
    assert caught.value.path == path and caught.value.line is not None
    assert "YAML" in str(caught.value)


def test_wrong_types_and_unknown_keys_are_errors(config):
    write(config, "a", "---\nfeatured: yes please\n---\n")
    with pytest.raises(ContentError, match="true or false"):
        load_overrides(config)
    (config.stories_dir / "a.md").unlink()
    write(config, "b", "---\ntitle: Fine\npost: [chile-wire]\n---\n")
    with pytest.raises(ContentError, match="unknown key 'post'") as caught:
        load_overrides(config)
    assert caught.value.line == 3


def test_a_post_pinned_to_two_stories_is_an_error(config):
    write(config, "one", "---\nposts: [chile-blog]\n---\n")
    write(config, "two", "---\nposts: [chile-blog]\n---\n")
    with pytest.raises(ContentError, match="a post belongs to one story"):
        group(corpus(), config)


def test_check_overrides_lists_problems_without_building(config):
    assert check_overrides(corpus(), config) == []
    write(config, "chile", "---\nexclude: [ghost]\n---\n")
    problems = check_overrides(corpus(), config)
    assert len(problems) == 1 and "ghost" in problems[0] and "chile.md:2" in problems[0]
    assert not (config.stories_dir / "registry.json").exists()  # checking writes nothing


def test_check_overrides_reports_every_broken_file_at_once(config):
    write(config, "a", "---\ntitle: [unclosed\n---\n")
    write(config, "b", "---\nposts: [ghost]\n---\n")
    problems = check_overrides(corpus(), config)
    assert len(problems) == 2
    assert "a.md:2" in problems[0] and "b.md:2" in problems[1]
