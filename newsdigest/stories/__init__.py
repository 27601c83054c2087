"""Stage 2: posts become stories: grouped, identified, and their versions related.

`group(posts, config)` is what a build calls. `check_overrides(posts, config)`
validates the editor's `content/stories/*.md` without building, for
`python build.py check`. `index.StoryIndex` places posts one at a time into an
already grouped corpus; the preview server uses it through `Placer`,
`with_new_versions` and `revised` (see `placement`). The grouping engine and
the analysis (NumPy, SciPy) are imported only when a build must fit or
analyse: their results are cached (`fit_cache`, `story_cache`).
"""

from newsdigest.stories.group import group, group_posts
from newsdigest.stories.overrides import check_overrides, load_overrides
from newsdigest.stories.placement import Placer, revised, with_new_versions

__all__ = ["Placer", "check_overrides", "group", "group_posts", "load_overrides", "revised",
           "with_new_versions"]
