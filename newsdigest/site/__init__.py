"""Stage 3: stories become the published site: pages, feeds, sitemap and search index.

`render(stories, config)` is what a build calls (its options render only what
a template change reaches); `story_folders(stories)` names the pages each
story alone makes, for the preview server's quick publishing.
"""

from newsdigest.site.pages import story_folders
from newsdigest.site.render import render

__all__ = ["render", "story_folders"]
