"""Markdown with Jekyll or Hugo front matter: their keys mapped onto the post's."""

from zoneinfo import ZoneInfo

from newsdigest.ingest.markdown_source import read_markdown

LONDON = ZoneInfo("Europe/London")

JEKYLL = """---
layout: post
title: "Bridge to close"
date: 2025-03-05 18:30:00
last_modified_at: 2025-03-06T09:00:00+01:00
author: Sam Lee
categories: [News, Transport]
tags: [bridges]
excerpt: "The harbour bridge closes to cars next spring."
image: /assets/bridge.jpg
---

# Bridge to close

The city council voted on Tuesday to close the old harbour bridge to cars.
"""

HUGO = """+++
title = "Bridge to close"
date = 2025-03-05T18:30:00Z
lastmod = 2025-03-07
description = "The harbour bridge closes."
authors = ["Sam Lee", "Kim Park"]
tags = ["bridges"]
draft = false
series = "City"
[cover]
image = "cover.png"
+++

The city council voted on Tuesday to close the old harbour bridge to cars.
"""


def test_jekyll_keys_are_mapped_and_naive_dates_read_in_the_site_zone():
    article = read_markdown(JEKYLL, timezone=LONDON)
    assert article.title == "Bridge to close"
    assert article.published.isoformat() == "2025-03-05T18:30:00+00:00"  # GMT in March
    assert article.updated.isoformat() == "2025-03-06T09:00:00+01:00"
    assert article.authors == ("Sam Lee",)
    assert article.tags == ("News", "Transport", "bridges")
    assert article.excerpt == "The harbour bridge closes to cars next spring."
    assert article.image == "/assets/bridge.jpg"
    assert article.body == "The city council voted on Tuesday to close the old harbour bridge to cars."
    assert "layout" not in article.extra


def test_hugo_toml_front_matter_is_mapped_and_unknown_keys_kept():
    article = read_markdown(HUGO, timezone=LONDON)
    assert article.authors == ("Sam Lee", "Kim Park")
    assert article.published.isoformat() == "2025-03-05T18:30:00+00:00"
    assert article.updated.isoformat() == "2025-03-07"
    assert article.excerpt == "The harbour bridge closes."
    assert article.image == "cover.png"
    assert article.extra == {"series": "City"}


def test_a_post_without_a_headline_gets_a_derived_one_marked_as_such():
    article = read_markdown("---\nauthor: Sam Lee\n---\n\nThe city council voted on Tuesday to close the "
                            "old harbour bridge to cars after engineers warned of corrosion.\n",
                            timezone=LONDON)
    assert article.title_derived
    assert article.title.startswith("The city council voted")
