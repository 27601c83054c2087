"""`python build.py serve`: build, serve `output/`, watch the inputs, rebuild and live-reload.

The pieces, each in its own module:

- `watch`: watchdog on `content/`, `templates/`, `static/` and `site.toml`,
  with editors' temp and swap files and our own output filtered out;
- `debounce`: a burst of events becomes one batch;
- `fingerprint`: events whose file content did not change are dropped (this is
  what keeps the server from looping on the posts its own build writes);
- `rebuild`: reruns only the pipeline stages a change reaches and moves only
  changed files into `output/`; an edited or new post is previewed on its
  story's own pages at once and settled by a full build in the background;
  a template edit re-renders only the pages made from it; a failure keeps
  the last good site;
- the stages' own incremental entry points do the rest: the stories stage
  places a new post and revises edited ones (`stories.Placer`,
  `with_new_versions`, `revised`), the site stage names the pages a story
  owns (`site.story_folders`) and renders what a template reaches
  (`render(..., only_templates=...)`), and reuses unchanged files;
- `worker`: the settle's regroup and render, in a child process that a newer
  edit can stop;
- `searchindex`: the search index, refreshed in the background after quick rebuilds;
- `server`: the HTTP handler (safe paths, content types, 404, injection);
- `events` and `client`: Server-Sent Events and the injected script that
  reloads a page when it changed and shows build errors over it.

Like MkDocs' livereload, it is a development server: single user, local.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import FrameType
from typing import Any

from rich.console import Console
from rich.markup import escape

from newsdigest.config import Config
from newsdigest.errors import named
from newsdigest.serve.debounce import Debouncer
from newsdigest.serve.events import LiveReload
from newsdigest.serve.fingerprint import Fingerprints
from newsdigest.serve.rebuild import Outcome, Rebuilder, finish_cleanups
from newsdigest.serve.searchindex import SearchRefresh
from newsdigest.serve.server import SiteServer
from newsdigest.serve.watch import Watcher, watched_roots

__all__ = ["serve"]

QUIET = 0.1
"""Seconds without events before a rebuild while a file may still be mid-write."""
SETTLE = 0.03
"""Seconds without events before a rebuild once every changed file is complete (closed, renamed, deleted)."""
CATCH_UP = 0.3
"""Seconds after the last fast-lane preview before the full regroup and render runs in the background."""

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def serve(config: Config, *, host: str = "127.0.0.1", port: int = 8000, quiet: float = QUIET) -> int:
    """Serve the site until Ctrl-C. Returns the exit code: 0 when stopped, 1 when the port is taken."""
    hub = LiveReload()
    output = Path(os.path.abspath(config.output_dir))
    try:
        httpd = SiteServer((host, port), lambda: output, hub, base_path=config.base_path)
    except OSError as exc:
        errors.print(f"[bold red]error:[/] {escape(_bind_problem(exc, host, port))}", soft_wrap=True)
        return 1

    previous = _stop_on_signals()
    report = threading.Lock()  # the rebuild and settle threads both report
    rebuilder = Rebuilder(config, open_files=hub.open_files)
    watcher: Watcher | None = None
    debouncer: Debouncer | None = None
    search = SearchRefresh(output, rebuilder.stories)
    settler: Debouncer | None = None
    try:
        def deliver(paths: list[Path], complete: bool) -> None:
            if debouncer is not None:
                debouncer.push(paths, complete=complete)

        watcher = Watcher(config, deliver)
        fingerprints = Fingerprints(watched_roots(config), watcher.accept)
        fingerprints.scan()  # before the first build: edits made while it runs still count as news
        watcher.start()

        def finish(outcome: Outcome, trigger: Iterable[Path]) -> None:
            with report:
                _after(outcome, fingerprints, watcher, hub, trigger)
            if outcome.bundles:
                search.seed(outcome.bundles)
            if outcome.search_stale:
                search.soon()
            if outcome.settle and settler is not None:
                settler.push([output])

        def on_batch(paths: set[Path]) -> None:
            with report:
                changed = fingerprints.changed(paths)
            if changed:
                finish(rebuilder.rebuild(changed), changed)

        def on_settle(_: set[Path]) -> None:
            outcome = rebuilder.settle()
            if outcome is not None:
                finish(outcome, ())

        settler = Debouncer(on_settle, quiet=CATCH_UP, longest=5.0)

        debouncer = Debouncer(on_batch, quiet=quiet, settle=SETTLE)
        console.print("Building the site…")
        finish(rebuilder.rebuild(everything=True, progress=True), ())
        debouncer.start()
        settler.start()
        search.start()

        url = f"http://{_url_host(host)}:{httpd.server_address[1]}{config.base_path}"
        console.print(f"Serving [bold]{escape(str(config.output_dir))}/[/] at [bold]{escape(url)}[/] — watching "
                      + escape(f"{config.content_dir}/, {_rel(config.templates_dir)}/, {_rel(config.static_dir)}/ "
                               f"and {config.config_path}.") + " Press Ctrl-C to stop.", soft_wrap=True)
        httpd.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        hub.close()
        rebuilder.close()
        ended = [debouncer.stop() if debouncer is not None else True,
                 settler.stop(timeout=5.0) if settler is not None else True,
                 search.stop(),
                 rebuilder.join(timeout=8.0),
                 finish_cleanups(),
                 watcher.stop() if watcher is not None else True]
        httpd.server_close()
        if threading.current_thread() is threading.main_thread():
            for signum, handler in previous.items():
                signal.signal(signum, handler)
    console.print("Stopped.")
    if not all(ended):
        _leave_without_finalising()
    return 0


def _leave_without_finalising() -> None:
    """Exit now (code 0), without finalising the interpreter under threads that did not end in time.

    Finalising would unwind them from inside whatever native code they are in,
    which aborts the process (see `newsdigest.background`). Every thread the
    server started was asked to stop and waited for; one still running is busy
    in work nobody will use, and its output folders are temporary ones.
    """
    errors.print("[dim]background work did not finish in time; left unfinished[/]", soft_wrap=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def _after(outcome: Outcome, fingerprints: Fingerprints, watcher: Watcher, hub: LiveReload,
           trigger: Iterable[Path]) -> None:
    """Report a build in the terminal and to the pages, and note what the build itself wrote."""
    for path in outcome.wrote:
        fingerprints.update(path)  # our own writes into content/ are not news
    watcher.schedule()  # a watched folder that did not exist may exist now
    stamp = time.strftime("%H:%M:%S")
    paths = sorted(trigger)
    what = named([_rel(p) for p in paths], most=3)
    if outcome.problem is not None:
        problem = outcome.problem
        errors.print(f"[dim]{stamp}[/] [bold red]error:[/] {escape(str(problem))} — still serving the last good site",
                     soft_wrap=True, markup=True)
        if problem.unexpected and problem.details:
            errors.print(problem.details, markup=False, soft_wrap=True)
        hub.failed(problem)
        return
    steps = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in outcome.timings.items())
    if outcome.discarded:
        console.print(f"[dim]{stamp} full build dropped after {outcome.seconds * 1000:.0f} ms ({steps}): "
                      "newer edits were published meanwhile[/]", soft_wrap=True)
        return
    if hub.problem is not None:
        console.print(f"[dim]{stamp}[/] [green]fixed[/]: the build succeeds again")
    console.print(
        f"[dim]{stamp}[/] {outcome.kind} {outcome.stories} stories from {outcome.posts} posts "
        f"in {outcome.seconds * 1000:.0f} ms ({steps or 'nothing to do'}): "
        f"{len(outcome.changed) or 'no'} output file{'' if len(outcome.changed) == 1 else 's'} changed"
        + (f" [dim]after {escape(what)}[/]" if what else ""),
        soft_wrap=True,
    )
    hub.published(outcome.changed)


def _bind_problem(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use; try --port {_free_port_after(host, port)}"
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; try a port above 1024, such as --port 8000"
    if isinstance(exc, socket.gaierror) or exc.errno in (errno.EADDRNOTAVAIL,):
        return f"cannot listen on host {host!r}: {exc.strerror or exc}"
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}"


def _free_port_after(host: str, port: int) -> int:
    """The next port that can be bound, to suggest one that works (or simply port + 1)."""
    for candidate in range(port + 1, min(port + 20, 65535)):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return port + 1


def _stop_on_signals() -> dict[int, Any]:
    """Make Ctrl-C and `kill` stop the server cleanly. Returns the handlers it replaced.

    SIGINT gets Python's own handler back explicitly: a process started in the
    background by a non-interactive shell inherits SIGINT as ignored, and a
    preview server that Ctrl-C (or a test's SIGINT) cannot stop is no good.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return {}
    return {
        signal.SIGTERM: signal.signal(signal.SIGTERM, stop),
        signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler),
    }


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _rel(path: Path) -> str:
    """A path as the editor would type it: relative to the working folder when inside it."""
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return str(absolute.relative_to(here)) if absolute.is_relative_to(here) else str(absolute)
