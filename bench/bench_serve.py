"""How fast does an edit reach the browser? Issue 6's figures for `python build.py serve`.

    python bench/bench_serve.py                 # demo + 2,000-article site
    python bench/bench_serve.py --only demo     # just the demo
    python bench/bench_serve.py --articles 500  # a smaller generated site

For each site it starts a real `serve` process on a free port, opens the page
in headless Chromium and measures, from the moment the file is written to the
moment the page's text shows the change (the page reloads itself through live
reload; nothing here reloads it):

- edit one post's title → its story page shows the new title
  (target: ≤ 300 ms on the demo, ≤ 1 s on 2,000 articles);
- drop a new source (another outlet's version of a story) → that story's page
  shows it (target: ≤ 2 s on 2,000 articles). If grouping puts the new version
  in a story of its own, the figure is until its new page shows it, fetched
  as soon as `stories.json` lists it;
- edit the post template (`post.html`, in a private copy of the theme) → the
  post page open in the browser shows it (2,000 articles; no target in the
  issue: only the pages made from that template are rendered again, the open
  one first, the others in the background, whose time is printed too).

The server's own per-stage timings for each rebuild are printed beside them.
Figures are medians over a few trials; the machine's load shows in them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from serve_sitegen import generate

CHROMIUM = "/usr/bin/chromium"
RESULT = re.compile(r" (rebuilt|previewed|settled) ")
TARGETS = {("demo", "edit"): 0.3, ("generated", "edit"): 1.0, ("generated", "new source"): 2.0}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, entry: Path, folder: Path, startup: float) -> None:
        self.folder = folder
        self.theme = folder / "theme"
        """A private copy of the theme, so its templates can be edited."""
        self.theme.mkdir(exist_ok=True)
        shutil.copy(ROOT / "site.toml", self.theme / "site.toml")
        for part in ("templates", "static"):
            shutil.copytree(ROOT / "newsdigest" / "theme" / part, self.theme / part, dirs_exist_ok=True)
        self.content = folder / "content"
        self.output = folder / "output"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "serve.log"
        command = [sys.executable, str(entry), "serve", "--port", str(self.port), "--content", str(self.content),
                   "--output", str(self.output), "--cache", str(folder / "cache"), "--config", str(self.theme / "site.toml")]
        self.sink = open(self.log, "wb")
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.sink, stderr=subprocess.STDOUT,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "250"})
        started = time.perf_counter()
        while "Serving" not in self.text():
            if self.process.poll() is not None:
                raise SystemExit(f"serve exited with {self.process.returncode}:\n{self.text()}")
            if time.perf_counter() - started > startup:
                self.stop()
                raise SystemExit(f"serve did not start within {startup:.0f} s:\n{self.text()}")
            time.sleep(0.2)
        self.startup = time.perf_counter() - started

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stories(self) -> list[dict]:
        return json.loads((self.output / "stories.json").read_text())["stories"]

    def rebuild_lines(self) -> list[str]:
        return [line for line in self.text().splitlines() if RESULT.search(line) or "error:" in line]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.sink.close()


def set_title(text: str, title: str) -> str:
    return re.sub(r"(?m)^title:.*$", lambda _: f"title: {json.dumps(title)}", text, count=1)


def page_shows(page, token: str, seconds: float) -> bool:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            if page.evaluate("t => !!document.body && document.body.innerText.includes(t)", token):
                return True
        except Exception:  # the page is reloading
            pass
        time.sleep(0.005)
    return False


def open_page(page, url: str) -> None:
    page.goto(url)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        if page.evaluate("!!(window.newsdigestLiveReload && window.newsdigestLiveReload.connected)"):
            return
        time.sleep(0.02)
    raise SystemExit(f"live reload did not connect on {url}")


def pick_story(server: Server) -> dict:
    stories = [s for s in server.stories() if s.get("posts")]
    if not stories:
        raise SystemExit("the site has no stories: nothing to measure (is the stories stage in place?)")
    # A story of several versions from the middle of the list: a typical page, not the front page's first.
    stories.sort(key=lambda s: (-len(s["posts"]), s["id"]))
    return stories[min(len(stories) - 1, len(stories) // 10)]


def last_rebuild(server: Server, before: int, seconds: float = 3.0) -> str:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        # The first build after the write that names a changed file (not the settle of the last one).
        for line in server.rebuild_lines()[before:]:
            if " after " in line or "error:" in line:
                return line[line.find(" ", 9) + 1:].split(" after ", 1)[0][:170]
        time.sleep(0.05)
    return "(no rebuild line)"


def measure_edits(server: Server, page, trials: int) -> list[float]:
    story = pick_story(server)
    post = story["posts"][0]
    path = server.content / "posts" / f"{post['id']}.md"
    original = path.read_text(encoding="utf-8")
    open_page(page, server.url + story["url"])
    figures = []
    try:
        for trial in range(trials):
            token = f"bench-edit-{trial}-{time.time_ns()}"
            text = set_title(original, f"{post['title']} {token}")
            before = len(server.rebuild_lines())
            started = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            if not page_shows(page, token, 30):
                raise SystemExit(f"the edit never showed on {story['url']}:\n{server.text()[-2000:]}")
            figures.append(time.perf_counter() - started)
            print(f"    edit {trial + 1}: {figures[-1] * 1000:6.0f} ms   server: {last_rebuild(server, before)}")
            time.sleep(0.5)
    finally:
        path.write_text(original, encoding="utf-8")
        time.sleep(1.0)
    return figures


def wait_settled(server: Server, seconds: float) -> None:
    """Until the last build reported is a background full build (nothing owed any more)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        lines = server.rebuild_lines()
        if lines and " settled " in lines[-1]:
            return
        time.sleep(0.2)
    raise SystemExit(f"no background build finished within {seconds:.0f} s:\n{server.text()[-2000:]}")


def measure_template_edits(server: Server, page, trials: int) -> list[float]:
    story = pick_story(server)
    url = server.url + story["posts"][0]["page"]
    template = server.theme / "templates" / "post.html"
    original = template.read_text(encoding="utf-8")
    open_page(page, url)
    figures = []
    try:
        for trial in range(trials):
            token = f"bench-template-{trial}-{time.time_ns()}"
            text = original.replace("{% block main %}", "{% block main %}<p>" + token + "</p>", 1)
            before = len(server.rebuild_lines())
            started = time.perf_counter()
            template.write_text(text, encoding="utf-8")
            if not page_shows(page, token, 60):
                raise SystemExit(f"the template edit never showed on {url}:\n{server.text()[-2000:]}")
            figures.append(time.perf_counter() - started)
            print(f"    template edit {trial + 1}: {figures[-1] * 1000:6.0f} ms   server: {last_rebuild(server, before)}")
            time.sleep(0.5)
        wait_settled(server, 180)
        line = server.rebuild_lines()[-1]
        print(f"    then the template's other pages, in the background: {line[line.find(' ', 9) + 1:][:170]}")
    finally:
        template.write_text(original, encoding="utf-8")
        time.sleep(2.0)
    return figures


def new_version_of(server: Server, story: dict, token: str) -> str:
    """A new source: another outlet's light rewrite of one of the story's versions."""
    source = server.content / story["posts"][0]["source"]
    text = source.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---"):
        text = set_title(text, f"{story['posts'][0]['title']} {token}")
        text = re.sub(r"(?m)^(publisher|outlet|site_name):.*$", "publisher: Bench Wire Service", text)
        return text
    return f"---\ntitle: {json.dumps(story['title'] + ' ' + token)}\npublisher: Bench Wire Service\n---\n\n{text}"


def measure_new_sources(server: Server, page, trials: int) -> list[float]:
    figures = []
    for trial in range(trials):
        story = pick_story(server)
        open_page(page, server.url + story["url"])
        token = f"benchnew{trial}x{time.time_ns()}"
        name = f"bench-new-{trial}-{time.time_ns()}.md"
        before = len(server.rebuild_lines())
        started = time.perf_counter()
        (server.content / "sources" / name).write_text(new_version_of(server, story, token), encoding="utf-8")
        how = "joined its story"
        if not page_shows(page, token, 90):
            how = "placed in another story"
            deadline = time.perf_counter() + 30
            url = None
            while url is None and time.perf_counter() < deadline:
                try:
                    url = next((s["url"] for s in server.stories() if any(name in (p.get("source") or "")
                                                                            for p in s["posts"])), None)
                except (OSError, ValueError):
                    pass
                time.sleep(0.01)
            if url is None:
                raise SystemExit(f"the new source never reached stories.json:\n{server.text()[-2000:]}")
            page.goto(server.url + url)
            if not page_shows(page, token, 10):
                raise SystemExit(f"the new source's page {url} does not show it")
        figures.append(time.perf_counter() - started)
        print(f"    new source {trial + 1}: {figures[-1] * 1000:6.0f} ms ({how})   server: {last_rebuild(server, before)}")
        time.sleep(0.5)
    return figures


def run_site(label: str, kind: str, folder: Path, entry: Path, browser, trials: int, new_sources: bool,
             startup: float) -> dict[str, list[float]]:
    print(f"\n== {label}")
    server = Server(entry, folder, startup)
    results: dict[str, list[float]] = {}
    try:
        posts = len(list((server.content / "posts").glob("*.md")))
        print(f"  started in {server.startup:.1f} s with {posts} posts, {len(server.stories())} stories")
        context = browser.new_context()
        page = context.new_page()
        results[(kind, "edit")] = measure_edits(server, page, trials)
        if new_sources:
            results[(kind, "new source")] = measure_new_sources(server, page, max(2, trials // 2))
            wait_settled(server, 180)  # the new sources' background build first, or the edit would queue behind it
            results[(kind, "template")] = measure_template_edits(server, page, max(2, trials // 2))
        context.close()
    finally:
        server.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure edit → browser latency of `build.py serve`.")
    parser.add_argument("--only", choices=("demo", "generated"), help="measure one site only")
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated site (default 2000)")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--entry", type=Path, default=ROOT / "build.py", help=argparse.SUPPRESS)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    results: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            if args.only in (None, "demo"):
                demo = work / "demo"
                shutil.copytree(ROOT / "content", demo / "content")
                results |= run_site("demo site", "demo", demo, args.entry, browser, args.trials, False, 300)
            if args.only in (None, "generated"):
                generated = work / "generated"
                generate(generated, args.articles)
                results |= run_site(f"generated site, {args.articles} articles", "generated", generated,
                                    args.entry, browser, args.trials, True, 1800)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\nkept {work}")

    print("\n== figures (file written → page shows it)")
    failed = False
    for (kind, what), figures in results.items():
        target = TARGETS.get((kind, what))
        median = statistics.median(figures)
        verdict = "" if target is None else ("  ok" if median <= target else "  OVER TARGET")
        failed |= target is not None and median > target
        print(f"  {kind:9} {what:10}  median {median * 1000:6.0f} ms  max {max(figures) * 1000:6.0f} ms"
              f"  (n={len(figures)}{f', target ≤ {target * 1000:.0f} ms' if target else ''}){verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
