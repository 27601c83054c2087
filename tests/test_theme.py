"""The theme: a site's own templates/ and static/ override the default theme file by file,
and a `theme` folder named in site.toml sits between the two."""

from __future__ import annotations

from dataclasses import replace

import pytest
from site_fixtures import demo_story, make_config, second_story

from newsdigest.config import load_config
from newsdigest.errors import ConfigError
from newsdigest.site import render
from newsdigest.site.theme import DEFAULT_THEME

SITE_TOML = """\
[site]
title = "Digest"
description = "Stories side by side"
base_url = "https://news.example.org/"
language = "en"
timezone = "UTC"
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_site_overrides_one_template_and_one_stylesheet_and_inherits_the_rest(tmp_path):
    site = tmp_path / "site"
    write(site / "templates" / "about.html",
          '{% extends "base.html" %}{% block main %}<p class="own-about">{{ heading }}, our way</p>{% endblock %}')
    write(site / "static" / "css" / "site.css", "body { color: rebeccapurple; }\n")
    config = make_config(tmp_path, theme_dir=site)
    render([demo_story(), second_story()], config, search=False)
    out = config.output_dir

    about = (out / "about" / "index.html").read_text(encoding="utf-8")
    assert '<p class="own-about">' in about and 'class="masthead"' in about  # own page, default base
    assert (out / "static" / "css" / "site.css").read_text() == "body { color: rebeccapurple; }\n"
    assert (out / "static" / "js" / "search.js").read_bytes() == (DEFAULT_THEME / "static/js/search.js").read_bytes()
    story = (out / "stories" / "moscow-rejects-security-guarantees" / "index.html").read_text(encoding="utf-8")
    assert "own-about" not in story and 'class="story"' in story  # the default story template
    assert "/static/css/site.css?v=" in story  # the asset hash follows the overriding file


def test_a_theme_folder_sits_between_the_site_and_the_default(tmp_path):
    site, theme = tmp_path / "site", tmp_path / "site" / "themes" / "paper"
    write(theme / "templates" / "404.html", '{% extends "base.html" %}{% block main %}<p>theme 404</p>{% endblock %}')
    write(theme / "templates" / "about.html", '{% extends "base.html" %}{% block main %}<p>theme about</p>{% endblock %}')
    write(theme / "static" / "css" / "site.css", "/* paper */\n")
    write(site / "templates" / "about.html", '{% extends "base.html" %}{% block main %}<p>site about</p>{% endblock %}')
    write(site / "site.toml", SITE_TOML + 'theme = "themes/paper"\n')
    loaded = load_config(site / "site.toml")
    assert loaded.theme == theme.resolve()
    config = replace(make_config(tmp_path, theme_dir=site), theme=loaded.theme)
    render([second_story()], config, search=False)
    out = config.output_dir
    assert "theme 404" in (out / "404.html").read_text(encoding="utf-8")
    assert "site about" in (out / "about" / "index.html").read_text(encoding="utf-8")
    assert (out / "static" / "css" / "site.css").read_text() == "/* paper */\n"
    assert 'class="masthead"' in (out / "editions" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "message"), [('"nowhere"', "not found"), ("3", "must be a string"),
                                                 ('"empty"', "neither templates/ nor static/")])
def test_a_wrong_theme_is_named(tmp_path, value, message):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "site.toml", SITE_TOML + f"theme = {value}\n")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(tmp_path / "site.toml")
    assert str(tmp_path / "site.toml") in str(caught.value)


def test_the_preview_server_watches_the_theme_folder_in_use(tmp_path):
    from newsdigest.serve.watch import InputFilter, watched_roots

    theme = tmp_path / "themes" / "paper"
    write(theme / "templates" / "about.html", "x")
    config = replace(make_config(tmp_path, theme_dir=tmp_path), theme=theme)
    roots = {root for root, _recursive in watched_roots(config)}
    assert {theme / "templates", theme / "static", tmp_path / "templates", tmp_path / "static"} <= roots
    assert InputFilter(config)(theme / "templates" / "about.html")
