"""Placeholder: rendering (to be replaced)."""

def render(stories, config):
    config.output_dir.mkdir(parents=True, exist_ok=True)
    (config.output_dir / "index.html").write_text("<!doctype html><title>x</title>")
