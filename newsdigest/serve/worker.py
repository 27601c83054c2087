"""The settle's heavy part — regroup and render the whole site — in a child process.

Grouping and rendering thousands of articles takes seconds of pure Python. In
a thread of the server it would hold the GIL against the next edit's preview,
so every save during a settle would preview slowly. In a child process it runs
beside the server on another core, at a lower priority, and when a newer edit
makes it pointless it is simply terminated instead of being waited for.

Children come from a fork server that has imported the pipeline once, so
starting one costs milliseconds and no state of the server's threads is copied.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from newsdigest import pipeline
from newsdigest.config import Config
from newsdigest.model import Post, Story
from newsdigest.serve.problem import Problem, problem_from

Result = tuple[str, Any, dict[str, float]]
"""("ok", stories or None, timings) or ("error", Problem, timings)."""


def run_job(posts: tuple[Post, ...], stories: tuple[Story, ...] | None, config: Config, staging: Path,
            options: dict[str, object]) -> Result:
    """Group `posts` (unless `stories` are given) and render the site into `staging`."""
    timings: dict[str, float] = {}
    try:
        grouped = None
        if stories is None:
            start = time.perf_counter()
            grouped = stories = tuple(pipeline.group(posts, config))
            timings["group"] = time.perf_counter() - start
        start = time.perf_counter()
        pipeline.render(stories, replace(config, output_dir=staging), **options)
        timings["render"] = time.perf_counter() - start
        return "ok", grouped, timings
    except Exception as exc:
        return "error", problem_from(exc, config), timings


def _child(conn: Connection, *job: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        os.nice(10)
    except OSError:
        pass
    try:
        conn.send(run_job(*job))
    finally:
        conn.close()


class ProcessRunner:
    """Runs a settle job in a child process that can be abandoned at any moment."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["newsdigest.serve.worker"])

    def run(self, posts: tuple[Post, ...], stories: tuple[Story, ...] | None, config: Config, staging: Path,
            options: dict[str, object], cancelled: Callable[[], bool]) -> Result | None:
        """The job's result, or None if `cancelled()` turned true first (the child is then terminated)."""
        receiver, sender = self._context.Pipe(duplex=False)
        child = self._context.Process(target=_child, args=(sender, posts, stories, config, staging, options),
                                      name="newsdigest-settle")
        try:
            child.start()
        except OSError:  # no process to be had (limits): do the work here instead
            receiver.close()
            sender.close()
            return InlineRunner().run(posts, stories, config, staging, options, cancelled)
        sender.close()
        try:
            while True:
                if receiver.poll(0.05):
                    try:
                        return receiver.recv()
                    except EOFError:
                        return "error", Problem("the background build stopped unexpectedly", unexpected=True), {}
                if cancelled():
                    return None
                if not child.is_alive() and not receiver.poll(0.2):
                    return "error", Problem(f"the background build exited with {child.exitcode}",
                                            unexpected=True), {}
        finally:
            if child.is_alive():
                child.terminate()
            child.join(5)
            receiver.close()


class InlineRunner:
    """Runs a settle job in the calling thread (tests; and a fallback where processes cannot start)."""

    def run(self, posts: tuple[Post, ...], stories: tuple[Story, ...] | None, config: Config, staging: Path,
            options: dict[str, object], cancelled: Callable[[], bool]) -> Result | None:
        result = run_job(posts, stories, config, staging, options)
        return None if cancelled() else result


def default_runner() -> ProcessRunner | InlineRunner:
    """A child-process runner where the platform has a fork server (Linux, macOS), else inline."""
    try:
        return ProcessRunner()
    except ValueError:  # no "forkserver" start method here
        return InlineRunner()
