"""Sentence alignment between the versions of one story.

Everything the analysis says about a story rests on one question asked of every
sentence: *where else is this said?* Two measures answer it:

* **verbatim containment** — the share of a sentence's 3-word shingles found in
  another version's text. This is how Churnalism spotted cut-and-paste: it
  survives re-ordered paragraphs and trimmed sentences, and it is blind to
  paraphrase on purpose.
* **paraphrase similarity** — the cosine between TF-IDF vectors of stemmed
  content words, the IDF taken over the story's own sentences. A spun copy that
  swaps "rejected" for "dismissed" and prepends "Experts revealed that" keeps
  most of its rare content words (names, numbers, "troops", "ceasefire") and
  scores high; two reports that merely cover the same event share only the
  story's common words, which the story-local IDF weighs down.

Each sentence is compared with single sentences and with adjacent pairs of
sentences of the other versions, so a rewrite that merges two sentences still
finds its source.

Cost: one sparse TF-IDF matrix for the story and a sparse product of every
sentence against every candidate unit — O(N²) time in the story's sentence count
with cheap vector work (10 versions × 60 sentences take a few milliseconds), but
taken a chunk of rows at a time, so memory stays near linear (160 versions × 40
sentences peak under 200 MB, not 0.9 GB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

import numpy as np
from scipy import sparse
from newsdigest.stories.tfidf import TfidfVectorizer

from newsdigest.model import Post
from newsdigest.stories.sentences import (
    content_tokens,
    is_trivial,
    markdown_paragraphs,
    own_prose,
    split_sentences,
    word_shingles,
)

__all__ = ["ALIGNED", "PAIRED", "RELATED", "VERBATIM", "Sentence", "Alignment", "align"]

ALIGNED = 0.45
"""Cosine at which two sentences say the same thing in other words, whatever else
the versions hold. Measured on the demo seeds: light paraphrases (a few words
swapped, a clause moved) score 0.45–0.85, heavy ones 0.3–0.45, while sentences
that merely share the story's topic ("Ukraine", "troops", "ceasefire") mostly
stay under 0.3 because the story-local IDF discounts words every version uses."""

PAIRED = 0.3
"""Looser cosine that still aligns two sentences when each is the other's best
counterpart in its version (mutual best match). Heavy paraphrase ("dismissed
proposals for foreign troops" for "rejected any situation where foreign troops")
lands at 0.3–0.45; requiring the match to be mutual keeps topic-level look-alikes
(which have a better partner elsewhere) out."""

RELATED = 0.3
"""Cosine below which a sentence has no counterpart at all (used for additions).
It sits at `PAIRED` on purpose: whatever could align with a sentence elsewhere is
not called new; half of its shingles found elsewhere rules it out too."""

VERBATIM = 0.7
"""Share of a sentence's 3-word shingles found in another version for the sentence
to count as copied word for word (a trimmed or lightly edited sentence passes)."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of one version's body."""

    version: int
    """Index of its post in the sequence given to `align`."""
    text: str
    paragraph: int
    position: float
    """Where in its version it stands, 0 (lead) to 1 (last line)."""
    written: str = ""
    """The sentence as the version wrote it (`text` may have lost its quoted speech)."""


@dataclass
class Alignment:
    """How every sentence of every version is echoed in each other version."""

    posts: tuple[Post, ...]
    sentences: list[Sentence]
    spans: list[tuple[int, int]]
    """[start, end) of each version's sentences in `sentences`."""
    similarity: np.ndarray
    """(N, V): best paraphrase similarity of sentence n in version v (0 for its own)."""
    match: np.ndarray
    """(N, V): index in `sentences` of that best counterpart (-1 if none)."""
    verbatim: np.ndarray
    """(N, V): share of sentence n's shingles found in version v."""
    vectors: sparse.csr_matrix = field(repr=False)

    def version_sentences(self, version: int) -> range:
        start, end = self.spans[version]
        return range(start, end)

    @cached_property
    def aligned_matrix(self) -> np.ndarray:
        """(N, V) booleans: does version v say what sentence n says, verbatim or in other words?

        Yes when the paraphrase similarity reaches `ALIGNED`, when the shingles say it
        was copied (`VERBATIM`), or when it reaches `PAIRED` and the two sentences are
        each other's best counterpart (n - 1 counts too: n may be the second half of
        a matched pair of sentences).
        """
        n, nv = self.similarity.shape
        if n == 0:
            return np.zeros((0, nv), dtype=bool)
        own = np.array([s.version for s in self.sentences])
        strong = (self.similarity >= ALIGNED) | (self.verbatim >= VERBATIM)
        partner = np.where(self.match >= 0, self.match, 0)
        back = self.match[partner, own[:, None]]
        rows = np.arange(n)[:, None]
        mutual = (self.match >= 0) & ((back == rows) | (back == rows - 1))
        return strong | ((self.similarity >= PAIRED) & mutual)

    def aligned(self, n: int, version: int) -> bool:
        """Does `version` say what sentence n says (verbatim or in other words)?"""
        return bool(self.aligned_matrix[n, version])

    def echoed(self, n: int, version: int) -> bool:
        """Does `version` say at least part of what sentence n says?"""
        return bool(self.similarity[n, version] >= RELATED or self.verbatim[n, version] >= 0.5)

    def sentence_similarity(self, a: int, b: int) -> float:
        """The dot product of sentences a and b's TF-IDF rows, to the bit what
        `float(vectors[a].multiply(vectors[b]).sum())` gives, without building two sparse matrices.

        `align` sorts each row's column indices, so that product lists the shared
        terms in column order and sums their float32 products in that order; the
        same order here gives the same bits (`tests/test_analysis.py`
        holds it to that).
        """
        x = self.vectors
        columns_a, values_a = x.indices[x.indptr[a]:x.indptr[a + 1]], x.data[x.indptr[a]:x.indptr[a + 1]]
        columns_b, values_b = x.indices[x.indptr[b]:x.indptr[b + 1]], x.data[x.indptr[b]:x.indptr[b + 1]]
        _, mine, theirs = np.intersect1d(columns_a, columns_b, assume_unique=True, return_indices=True)
        if len(mine) == 0:
            return 0.0
        return float((values_a[mine] * values_b[theirs]).sum())

    def centralities(self, groups: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """For each group of sentences, each member's summed similarity to the group (itself included), rounded to
        two places: to the bit what `np.round(np.asarray((v @ v.T).sum(axis=1)).ravel(), 2)` gives for
        `v = vectors[group]`, for every group in one sparse product instead of one per group.

        The groups' rows are laid side by side, each group's terms in columns of its own, so the product is
        block-diagonal: every row meets only its own group's rows, visiting the same terms in the same order
        and meeting its group's rows in the same order as the group's own product would, so each similarity
        and each row's sum is added up in the same float32 order.
        """
        if not groups:
            return []
        sizes = [len(group) for group in groups]
        block = self.vectors[np.fromiter((m for group in groups for m in group), dtype=np.int64, count=sum(sizes))]
        width = self.vectors.shape[1]
        shift = np.repeat(np.repeat(np.arange(len(groups), dtype=np.int64) * width, sizes), np.diff(block.indptr))
        block = sparse.csr_matrix((block.data, block.indices + shift, block.indptr),
                                  shape=(block.shape[0], width * len(groups)))
        sums = np.round(np.asarray((block @ block.T).sum(axis=1)).ravel(), 2)
        return np.split(sums, np.cumsum(sizes)[:-1])


_CHUNK_CELLS = 4_000_000
"""Cells of dense similarity (float32: 16 MB) computed at a time; a story of ordinary size is one chunk."""


def _analyzer(text: str) -> list[str]:
    return content_tokens(text)


def _stacked_rows(parts: Sequence[sparse.csr_matrix], order: np.ndarray) -> sparse.csr_matrix:
    """Rows `order` of the matrices stacked one above the other: what `sparse.vstack(parts)[order]` gives, the
    same rows with their entries in the same order, gathered at once instead of stacked and then copied."""
    data = np.concatenate([part.data for part in parts])
    indices = np.concatenate([part.indices for part in parts])
    starts = np.concatenate([part.indptr[:-1] + offset for part, offset
                             in zip(parts, np.cumsum([0, *(part.nnz for part in parts[:-1])]))])[order]
    lengths = np.concatenate([np.diff(part.indptr) for part in parts])[order]
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    gather = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1])
    return sparse.csr_matrix((data[gather], indices[gather], indptr), shape=(len(order), parts[0].shape[1]))


def post_sentences(post: Post, prose_only: bool = False) -> list[tuple[int, str, str]]:
    """(paragraph index, sentence compared, sentence as written) for the non-trivial sentences of a body.

    With `prose_only`, each sentence loses its quoted speech first, and one that
    is little more than a quote is left out.
    """
    out: list[tuple[int, str, str]] = []
    for p, paragraph in enumerate(markdown_paragraphs(post.body)):
        for written in split_sentences(paragraph):
            sentence = own_prose(written) if prose_only else written
            if not is_trivial(sentence):
                out.append((p, sentence, written))
    return out


def align(posts: Sequence[Post], prose_only: bool = False) -> Alignment:
    """Every sentence against every other version (see the module doc).

    `prose_only` compares the outlets' own prose, quoted speech removed: the
    measure for copying, since quoting the same statement is not copying.
    """
    posts = tuple(posts)
    sentences: list[Sentence] = []
    spans: list[tuple[int, int]] = []
    for v, post in enumerate(posts):
        start = len(sentences)
        found = post_sentences(post, prose_only)
        for i, (p, text, written) in enumerate(found):
            sentences.append(Sentence(v, text, p, i / max(1, len(found) - 1), written))
        spans.append((start, len(sentences)))

    n, nv = len(sentences), len(posts)
    similarity = np.zeros((n, nv), dtype=np.float32)
    match = np.full((n, nv), -1, dtype=np.int64)
    verbatim = np.zeros((n, nv), dtype=np.float32)
    if n == 0:
        return Alignment(posts, sentences, spans, similarity, match, verbatim, sparse.csr_matrix((0, 0)))

    try:
        vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, norm="l2")
        x = vectorizer.fit_transform([s.text for s in sentences]).tocsr().astype(np.float32)
    except ValueError:  # no content words at all
        x = sparse.csr_matrix((n, 1), dtype=np.float32)
    # Sorted once here (the float32 copy happens to sort them too, but nothing promises it):
    # `Alignment.sentence_similarity` sums shared terms in column order to match scipy's product.
    x.sort_indices()

    # Candidate units: every sentence, and every pair of adjacent sentences of a version.
    pair_rows, pair_owner = [], []
    for v, (start, end) in enumerate(spans):
        for i in range(start, end - 1):
            pair_rows.append((i, i + 1))
            pair_owner.append(i)
    if pair_rows:
        a = sparse.csr_matrix(
            (np.ones(2 * len(pair_rows), dtype=np.float32),
             (np.repeat(np.arange(len(pair_rows)), 2), np.array(pair_rows).ravel())),
            shape=(len(pair_rows), n),
        )
        pairs = a @ x
        norms = np.sqrt(np.asarray(pairs.multiply(pairs).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        # Each row scaled in place: the float32 products a diagonal matrix's product would make, without building
        # it (only the order of a row's entries differs, and nothing below depends on it).
        pairs.data *= np.repeat((1.0 / norms).astype(np.float32), np.diff(pairs.indptr))
        stacked = [x, pairs]
        owner = np.concatenate([np.arange(n), np.array(pair_owner)])
    else:
        stacked, owner = [x], np.arange(n)
    unit_version = np.array([s.version for s in sentences], dtype=np.int64)[owner]
    order = np.argsort(unit_version, kind="stable")
    units, owner, unit_version = _stacked_rows(stacked, order), owner[order], unit_version[order]
    bounds = np.searchsorted(unit_version, np.arange(nv + 1))

    # The product is taken a few rows at a time, so memory stays linear in the story's size (one dense
    # sentences x units array grows with its square: 160 versions of 40 sentences took 0.9 GB). Each row
    # of a sparse product is summed from that row alone, so a row gets the same values in any chunk.
    columns = units.T.tocsr()  # converted once here rather than by every product
    own = np.array([s.version for s in sentences], dtype=np.int64)
    step = max(1, _CHUNK_CELLS // max(1, units.shape[0]))
    for r0 in range(0, n, step):
        r1 = min(n, r0 + step)
        block = (x[r0:r1] @ columns).toarray()
        rows = np.arange(r1 - r0)
        for w in range(nv):
            lo, hi = bounds[w], bounds[w + 1]
            if lo == hi:
                continue
            best = block[:, lo:hi].argmax(axis=1)
            others = own[r0:r1] != w
            similarity[r0:r1][others, w] = block[rows, lo + best][others]
            match[r0:r1][others, w] = owner[lo + best][others]

    # Verbatim containment: the share of each sentence's shingles that each version holds. Counted as one
    # sparse product (sentence x shingle) @ (shingle x version) of ones: the same whole numbers as
    # intersecting every sentence's set with every version's, without the all-pairs Python set work.
    shingles = [word_shingles(s.text) for s in sentences]
    ids: dict[tuple[str, ...], int] = {}
    cells = [[ids.setdefault(shingle, len(ids)) for shingle in own_shingles] for own_shingles in shingles]
    sizes = np.array([len(own_shingles) or 1 for own_shingles in shingles], dtype=np.float32)
    if ids:
        lengths = [len(row) for row in cells]
        flat = np.fromiter((k for row in cells for k in row), dtype=np.int64, count=sum(lengths))
        holder = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.int32), (np.repeat(np.arange(n), lengths), flat)), shape=(n, len(ids)))
        # (shingle, version) is 1 when any sentence of the version holds the shingle.
        held = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.int32), (flat, np.repeat(own, lengths))), shape=(len(ids), nv))
        held.data[:] = 1  # duplicates were summed by the constructor: a shingle counts once per version
        counts = (holder @ held).toarray().astype(np.float32)
    else:
        counts = np.zeros((n, nv), dtype=np.float32)
    verbatim = counts / sizes[:, None]
    verbatim[np.arange(n), own] = 0.0

    return Alignment(posts, sentences, spans, similarity, match, verbatim, x)
