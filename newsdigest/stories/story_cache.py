"""Story analysis (its headline included), cached per story by the digest of what it reads, and spread over
the cores.

`analyse` is a pure function of a story's posts (in time order): their every
field but the file path, and the code of this stage. So the digest of those is
the cache key, and a story whose posts did not change costs one file read on
the next build. An entry is used only when it is filed under that digest and
has the shape of the findings of exactly those posts (see `cache_store`), so a
stale or damaged cache can cost time but never change a page. What is kept is
what a story shows of its analysis (`assemble.Findings`, made of the model's
types only): a build that analyses nothing never imports the analysis modules
(nor NumPy and SciPy, which they compute with).

The stories still to analyse are shared among worker processes (one per core)
when there are enough of them to repay starting the workers. Workers are
forked, which is only safe from a single-threaded process (the preview server's
rebuild thread analyses in-process; its full builds run in a child process).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.cache_store import Store, code_digest, digest
from newsdigest.dist_versions import releases
from newsdigest.errors import IncompleteBuild, named
from newsdigest.model import Post
from newsdigest.stories.assemble import Findings
from newsdigest.workers import fork_map, fork_workers

if TYPE_CHECKING:
    from newsdigest.stories.analysis import Analysis

STAGE_CODE = Path(__file__).resolve().parent
READS = (STAGE_CODE, STAGE_CODE.parent / "model.py")
"""Every module of the package that analysis and grouping read: the stage's own and the model's."""


@cache
def stage_digest() -> str:
    """What the cached results of this stage are a function of besides their posts: the code of `READS`
    and the versions of the numerical libraries it computes with."""
    return digest(code_digest(*READS), *releases("numpy", "scipy"))


PARALLEL_MIN = 24
"""Fewer stories than this to analyse are done in-process: forking workers costs more than it saves."""


def post_digests(posts: Sequence[Post]) -> dict[str, str]:
    """Post id -> `Post.digest` (everything analysis may read of a post: all of it but where the file lies)."""
    return {post.id: post.digest for post in posts}


def analysis_key(posts: Sequence[Post], digests: Mapping[str, str] | None = None) -> str:
    return digest("findings", stage_digest(), *(digests[p.id] if digests is not None else p.digest for p in posts))


def _valid_for(posts: Sequence[Post]):
    ids = {p.id for p in posts}

    def valid(value: object) -> bool:
        return (isinstance(value, Findings) and set(value.relations) == ids
                and set(value.additions) <= ids and isinstance(value.quotes, tuple)
                and isinstance(value.disagreements, tuple) and isinstance(value.summary, str)
                and isinstance(value.headline, str) and bool(value.headline))
    return valid


RETIRED_TITLES_FOLDER = "titles"
"""Where earlier builds kept the headlines of groups apart from their analyses; the analysis now holds its
headline, so nothing reads that folder and a build removes it (`StoryAnalyses.finish`)."""


class StoryAnalyses:
    """The findings of each story's analysis (its posts in time order), from the cache where it holds them.

    A build asks for the groups it found and again for the groups the editor's overrides leave (mostly the same
    ones): each story is read or analysed once per build. `finish` then removes the entries no story of this
    build used, once it has analysed some (a build that analyses nothing leaves at most the entries of stories
    that went away, for the next one to remove), and the folder of headlines earlier builds kept apart
    (`RETIRED_TITLES_FOLDER`). `digests`: the posts' `post_digests`, when the caller has them.
    """

    def __init__(self, cache_dir: Path | None, digests: Mapping[str, str] | None = None) -> None:
        self._store = Store(cache_dir)
        self._cache_dir = cache_dir
        self._digests = digests
        self._found: dict[str, Findings] = {}
        self._analysed = False

    def __call__(self, stories: Sequence[Sequence[Post]]) -> list[Findings]:
        keys = [analysis_key(posts, self._digests) for posts in stories]
        todo: dict[str, tuple[Post, ...]] = {}
        for key, posts in zip(keys, stories):
            if key in self._found or key in todo:
                continue
            hit = self._store.get(key, _valid_for(posts))
            if hit is None:
                todo[key] = tuple(posts)
            else:
                self._found[key] = hit
        results = _compute(list(todo.values()))
        lost = [posts for posts, analysis in zip(todo.values(), results) if not isinstance(analysis, Findings)]
        if lost:
            raise IncompleteBuild.of_newsdigest(
                f"the analysis of {len(lost)} of {len(todo)} stories gave nothing (the stories of posts "
                f"{named([posts[0].id for posts in lost])})")
        for key, analysis in zip(todo, results):
            self._found[key] = analysis
            self._store.put(key, analysis)
        self._analysed = self._analysed or bool(todo)
        return [self._found[key] for key in keys]

    def finish(self) -> None:
        if self._analysed:
            self._store.keep_only(self._found)
        if self._cache_dir is not None:
            shutil.rmtree(self._cache_dir / RETIRED_TITLES_FOLDER, ignore_errors=True)


def _findings(posts: Sequence[Post]) -> Findings:
    """A story's analysis, as much of it as the story shows (imported here: only an analysis needs it)."""
    from newsdigest.stories.analysis import analyse

    return _shown(analyse(posts))


def _shown(analysis: Analysis) -> Findings:
    return Findings(relations=analysis.relations, additions=analysis.additions, quotes=tuple(analysis.quotes),
                    disagreements=tuple(analysis.disagreements), summary=analysis.summary,
                    headline=analysis.headline)


def _compute(stories: list[tuple[Post, ...]]) -> list[Findings | None]:
    """Each story's findings, in the order of `stories`: None where a worker gave none back, never a shorter
    list (which would file the findings of one story under the next one's key)."""
    workers = fork_workers(len(stories), from_jobs=PARALLEL_MIN)
    if not workers:
        return [_findings(posts) for posts in stories]
    # Biggest stories first, so that no worker is left with a long one at the end.
    order = sorted(range(len(stories)), key=lambda n: -sum(len(p.body) for p in stories[n]))
    results = fork_map(_findings, [stories[n] for n in order], workers=workers, what="story analysis", chunksize=4)
    out: list[Findings | None] = [None] * len(stories)
    for n, analysis in zip(order, results):
        out[n] = analysis
    return out
