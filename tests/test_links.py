"""Every internal link and asset of a built site resolves, fragments included."""

from __future__ import annotations

from site_fixtures import broken_links, built_site


def test_every_internal_link_resolves_on_the_generated_site():
    site = built_site().output_dir
    assert broken_links(site) == []


def test_every_internal_link_resolves_on_the_demo(demo_site):
    assert broken_links(demo_site.output) == []
