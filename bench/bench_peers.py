"""newsdigest against Hugo and Pelican on the same articles, in one run (issue 11's figures).

    PYTHONPATH=. python bench/bench_peers.py                  # 2,000 articles: cold, unchanged, edit, new source
    PYTHONPATH=. python bench/bench_peers.py --stories 4000   # 20,000 articles (slow; run once, on a quiet machine)
    PYTHONPATH=. python bench/bench_peers.py --only newsdigest

The corpus is 400 stories × 5 outlet versions (`peer_corpus`), Markdown with
front matter, written for each generator as its users write posts. Hugo is
Debian's `hugo` (`apt-get install -y hugo`), given plain layouts (a page per
post, paginated lists, tag pages, RSS); Pelican comes from PyPI into its own
virtualenv, `bench/.venv` (made and filled here on first use; it needs the
registry once), with its default theme, tag pages and feeds.

newsdigest is run as an editor runs it, `python build.py build`, from the
sources, with its bytecode cached as an installed package has it (in the run's
own folder, whatever PYTHONDONTWRITEBYTECODE says: compiling the package's
modules again at every build is not a cost an editor pays): cold (no cache,
no output, no posts yet), again with nothing changed,
after editing one post's title, and after adding one new source (another
outlet's version of an existing story). Each time is the median of `--trials`
runs (the cold build after a full reset each time), with the peak memory of
the build's process tree; figures are printed with their ratio to Hugo's cold
build of the same run and the issue's target. The machine's load average is
printed too: a shared machine makes every figure slower. So is the processor
time of each build's whole process tree (user and system), which a busy
machine stretches far less than the time on the clock.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from peer_corpus import articles, write_hugo, write_newsdigest, write_pelican

VENV = ROOT / "bench" / ".venv"
HUGO_CONFIG = 'baseURL = "https://digest.example.org/"\ntitle = "The Daily Digest"\nlanguageCode = "en"\npaginate = 20\n'
HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>\n'
        '{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">'
        '{{ end }}</head><body><header><a href="/">{{ .Site.Title }}</a> <a href="/tags/">Topics</a></header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }} · {{ .Params.author }} · '
        '<time>{{ .Date.Format "2 January 2006 15:04" }}</time></p>{{ .Content }}<p>{{ range .Params.tags }}'
        '<a href="/tags/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>{{ end }}\n'),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time>'
        '<p>{{ .Summary }}</p></li>{{ end }}</ul>{{ if $p.HasNext }}<a href="{{ $p.Next.URL }}">Older</a>{{ end }}'
        '{{ end }}\n'),
}
PELICAN_CONFIG = """AUTHOR = "The Daily Digest"
SITENAME = "The Daily Digest"
SITEURL = "https://digest.example.org"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
"""
TARGETS = {"cold": 1.5, "unchanged": 0.3, "edit one post": 0.3, "new source": 0.3}


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Seconds, peak resident memory (MB, the largest process of the tree) and processor seconds (user and
    system, of the whole tree: a shared machine stretches the first much more than the last) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed in {cwd}:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def median(runs: list[tuple[float, int, float]]) -> tuple[float, int, float]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def hugo(folder: Path, items, trials: int) -> tuple[float, int, float] | None:
    binary = shutil.which("hugo")
    if binary is None:
        print("hugo: not installed (apt-get install -y hugo); skipped")
        return None
    write_hugo(folder, items)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text)
    (folder / "layouts" / "index.html").write_text(HUGO_LAYOUTS["_default/list.html"])
    runs = []
    for _ in range(trials):
        shutil.rmtree(folder / "public", ignore_errors=True)
        shutil.rmtree(folder / "resources", ignore_errors=True)
        runs.append(timed([binary, "--quiet"], folder))
    return median(runs)


def pelican_venv() -> Path | None:
    binary = VENV / "bin" / "pelican"
    if not binary.exists():
        print("pelican: making bench/.venv and installing pelican[markdown] from PyPI …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        done = subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "pelican[markdown]"], check=False)
        if done.returncode != 0:
            print("pelican: could not be installed; skipped (pip install 'pelican[markdown]' into bench/.venv)")
            return None
    return binary


def pelican(folder: Path, items, trials: int) -> tuple[float, int, float] | None:
    binary = pelican_venv()
    if binary is None:
        return None
    write_pelican(folder, items)
    (folder / "pelicanconf.py").write_text(PELICAN_CONFIG)
    runs = []
    for _ in range(trials):
        shutil.rmtree(folder / "output", ignore_errors=True)
        shutil.rmtree(folder / "__pycache__", ignore_errors=True)
        runs.append(timed([str(binary), "content", "-o", "output", "-s", "pelicanconf.py", "-q"], folder))
    return median(runs)


class Newsdigest:
    def __init__(self, folder: Path, items=None) -> None:
        """A site in `folder`, its sources written from `items` (None: already there)."""
        self.folder = folder
        if items is not None:
            write_newsdigest(folder, items)
        self.command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(folder / "content"),
                        "--output", str(folder / "output"), "--cache", str(folder / "cache"),
                        "--config", str(ROOT / "site.toml")]

    def reset(self) -> None:
        for part in ("output", "cache", "content/posts", "content/stories"):
            shutil.rmtree(self.folder / part, ignore_errors=True)
        for leftover in self.folder.glob(".output.*"):
            shutil.rmtree(leftover, ignore_errors=True)
        (self.folder / "content" / "posts").mkdir()

    def build(self) -> tuple[float, int, float]:
        return timed(self.command, ROOT, {"PYTHONDONTWRITEBYTECODE": "",
                                          "PYTHONPYCACHEPREFIX": str(self.folder / "bytecode")})

    def edit_post(self, n: int) -> None:
        post = sorted((self.folder / "content" / "posts").glob("*.md"))[n]
        text = post.read_text(encoding="utf-8")
        post.write_text(re.sub(r"^title: (.*)$", rf"title: \1 (revised {n})", text, count=1, flags=re.M),
                        encoding="utf-8")

    def add_source(self, n: int) -> None:
        """Another outlet's version of story n: its second version, as retold by an outlet not yet in the site."""
        sources = self.folder / "content" / "sources"
        text = (sources / f"s{n:05d}-v1.md").read_text(encoding="utf-8")
        text = re.sub(r"^publisher: .*$", "publisher: The Weekly Bulletin", text, count=1, flags=re.M)
        text = text.rstrip("\n") + "\n\nThe Weekly Bulletin could not reach the organisers for comment.\n"
        (sources / f"s{n:05d}-extra.md").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=400, help="stories of 5 versions each (400: 2,000 articles)")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--only", choices=["newsdigest", "hugo", "pelican"])
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    items = articles(args.stories)
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsdigest-peers-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{len(items)} articles ({args.stories} stories × 5 versions), {args.trials} trial(s); "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    figures: dict[str, tuple[float, int, float]] = {}
    try:
        if args.only in (None, "hugo"):
            result = hugo(work / "hugo", items, args.trials)
            if result:
                figures["hugo cold"] = result
                print(f"hugo cold: {result[0]:.2f} s, {result[1]} MB, {result[2]:.2f} s of processor", flush=True)
        if args.only in (None, "pelican"):
            result = pelican(work / "pelican", items, args.trials)
            if result:
                figures["pelican cold"] = result
                print(f"pelican cold: {result[0]:.2f} s, {result[1]} MB, {result[2]:.2f} s of processor", flush=True)
        if args.only in (None, "newsdigest"):
            site = Newsdigest(work / "newsdigest", items)
            runs: dict[str, list[tuple[float, int, float]]] = {k: [] for k in TARGETS}
            for trial in range(args.trials):
                site.reset()
                runs["cold"].append(site.build())
                runs["unchanged"].append(site.build())
                site.edit_post(7 + trial)
                runs["edit one post"].append(site.build())
                site.add_source(11 + trial * 13)
                runs["new source"].append(site.build())
                print(f"  trial {trial + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s ({v[-1][2]:.2f} s processor)"
                                                          for k, v in runs.items()), flush=True)
            for kind, measured in runs.items():
                figures[f"newsdigest {kind}"] = median(measured)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    hugo_cold, _memory, hugo_cpu = figures.get("hugo cold", (0.0, 0, 0.0))
    print(f"\n| build of {len(items):,} articles | seconds | × Hugo cold | target | peak MB "
          "| processor s | × Hugo's processor s |")
    print("|---|---|---|---|---|---|---|")
    for name, (seconds, memory, cpu) in figures.items():
        ratio = f"{seconds / hugo_cold:.2f}" if hugo_cold else "—"
        cpu_ratio = f"{cpu / hugo_cpu:.2f}" if hugo_cpu else "—"
        target = TARGETS.get(name.removeprefix("newsdigest "))
        goal = f"≤ {target}" if name.startswith("newsdigest") and target else ""
        print(f"| {name} | {seconds:.2f} | {ratio} | {goal} | {memory} | {cpu:.2f} | {cpu_ratio} |")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
