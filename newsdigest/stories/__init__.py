"""Stage 2: posts become stories: grouped, identified, and their versions related."""

from newsdigest.stories.group import group

__all__ = ["group"]
