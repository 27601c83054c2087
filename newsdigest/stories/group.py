"""Placeholder: grouping (to be replaced)."""

def group(posts, config):
    return ()
