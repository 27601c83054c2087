"""site.toml validation: a mistake is reported by file and reason before any work starts."""

from pathlib import Path

import pytest

from newsdigest.config import load_config
from newsdigest.errors import ConfigError

GOOD = """\
[site]
title = "Digest"
description = "Stories side by side"
base_url = "https://news.example.org/"
language = "en"
timezone = "Europe/Berlin"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_config_is_loaded_with_its_folders(tmp_path):
    config = load_config(write(tmp_path, GOOD), content_dir="c", output_dir="o", cache_dir="k")
    assert config.title == "Digest"
    assert config.base_url == "https://news.example.org"
    assert config.timezone.key == "Europe/Berlin"
    assert config.posts_dir == Path("c/posts")
    assert config.output_dir == Path("o")
    assert config.absolute_url("/stories/x/") == "https://news.example.org/stories/x/"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"'), "not a known time zone"),
        (('base_url = "https://news.example.org/"', 'base_url = "news.example.org"'), "absolute http(s) URL"),
        (('title = "Digest"\n', ""), "missing required setting(s): title"),
        (('language = "en"', "language = 3"), "'language' must be a string"),
        (('title = "Digest"', 'title = "Digest'), "not valid TOML"),
    ],
)
def test_a_wrong_setting_is_named(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "nope.toml")
