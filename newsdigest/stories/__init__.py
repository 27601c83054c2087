"""Stage 2: posts become stories: grouped, identified, and their versions related.

`group(posts, config)` is what a build calls. `check_overrides(posts, config)`
validates the editor's `content/stories/*.md` without building, for
`python build.py check`. `StoryIndex` places posts one at a time into an
already grouped corpus.
"""

from newsdigest.stories.group import group, group_posts
from newsdigest.stories.index import StoryIndex
from newsdigest.stories.overrides import check_overrides, load_overrides

__all__ = ["StoryIndex", "check_overrides", "group", "group_posts", "load_overrides"]
