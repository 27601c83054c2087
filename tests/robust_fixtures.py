"""Small sites for the robustness tests: a config, a few sources, and the command line run in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

from newsdigest.config import Config, load_config
from newsdigest.ingest.run import STATES

TOPICS = ("bridge", "library", "harbour", "school", "railway", "museum", "market", "hospital", "stadium", "park")


def article(n: int, extra: str = "") -> str:
    """A plain-text article, distinct for each `n`, long enough to be read as one."""
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"Town {n} reopens its {topic} after {n + 2} years {extra}\n\n"
        f"The town of number {n} reopened its {topic} on Monday after {n + 2} years of repairs, "
        f"and {100 + n} residents came to see the work that engineers had carried out over the winter.\n\n"
        f"The mayor said the {topic} would stay open every day of the week, and that the cost of {n + 5} "
        f"million had been shared between the region and the national government.{extra}\n\n"
        f"Local shops expect more visitors in the spring, when the {topic} hosts its first public events.\n"
    )


@dataclass(frozen=True)
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def sources(self) -> Path:
        return self.content / "sources"

    @property
    def posts(self) -> Path:
        return self.content / "posts"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def config_file(self) -> Path:
        return self.root / "site.toml"

    def options(self, output: Path | str | None = None) -> list[str]:
        return ["--content", str(self.content), "--output", str(output or self.output),
                "--cache", str(self.cache), "--config", str(self.config_file)]

    def config(self) -> Config:
        return load_config(self.config_file, content_dir=self.content, output_dir=self.output,
                           cache_dir=self.cache)

    def add(self, name: str, data: bytes | str) -> Path:
        path = self.sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def tree(self) -> dict[str, bytes]:
        """Every file under the site folder with its bytes (links and special files by their kind).

        Ingest's record of its sources' file states is left out: any build, a failed one too, records a source's
        state once the file is older than `build_state.RECENT_NS`, so whether the record changes depends on how long the
        machine took, not on what the build did (it is an optimisation, checked before it is used)."""
        found = {}
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if rel.endswith(f"/ingest/{STATES}"):
                continue
            if path.is_symlink():
                found[rel] = b"link:" + str(path.readlink()).encode()
            elif path.is_file():
                found[rel] = path.read_bytes()
            elif not path.is_dir():
                found[rel] = b"special"
        return found


def small_site(root: Path, count: int = 3) -> Site:
    """A site folder with `site.toml` and `count` text sources (no posts, no output yet)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_bytes((ROOT / "site.toml").read_bytes())
    site = Site(root)
    site.sources.mkdir(parents=True)
    for n in range(count):
        site.add(f"story-{n}.txt", article(n))
    return site


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The command line in this process: exit status, standard output, standard error.

    An exception escaping `main` fails the test by itself: that is the traceback
    an editor would have seen.
    """
    from newsdigest.cli import main

    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err
