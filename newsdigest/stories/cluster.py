"""Average-link clustering over a sparse similarity graph.

Average link merges two groups only when their posts are alike *on average*,
so one post that happens to resemble both of two neighbouring events cannot
chain them into one story, as single link would. Pairs the index never
proposed count as similarity zero, which is what they almost surely are.

Two groups can only ever merge if some pair between them reaches the
threshold, so the graph of such pairs is cut into connected components first
and each is clustered on its own: small and independent, which is what keeps
100,000 posts fast. Each component is merged greedily on its own sparse edges,
the most alike pair of groups first, until no pair's average reaches the
threshold: barring exact ties, SciPy's `linkage(method="average")` cut at that
height gives the same groups (`tests/test_stories_group.py` holds it to that),
but costs a millisecond of overhead per component and a fifth of a second to
import.

Exact ties are common (duplicate wire copies have identical similarities), and
where they fall decides which groups form, so they are broken by a fixed rule
rather than by whatever order a heap or SciPy happens to hold them in: of pairs
of groups equally alike, the pair whose earliest posts (by row) come first merges
first. A group is known by its earliest row, so the rule names the same pair
however the merges before it went. `group` fits posts sorted by id, so the same
posts give the same groups whatever order they arrive in.
"""

from __future__ import annotations

import heapq

import numpy as np
from scipy import sparse


def average_link(S: sparse.spmatrix, threshold: float) -> np.ndarray:
    """A cluster label per row of the symmetric-or-triangular similarity `S`; labels are 0..k-1."""
    n = S.shape[0]
    upper = sparse.triu(S, k=1).tocoo()
    strong = upper.data >= threshold
    component = _components(n, upper.row[strong], upper.col[strong])
    # Every edge inside a component, grouped by component, without slicing the big matrix per component.
    same = component[upper.row] == component[upper.col]
    rows, cols, vals = upper.row[same], upper.col[same], upper.data[same]
    edge_order = np.argsort(component[rows], kind="stable")
    rows, cols, vals = rows[edge_order], cols[edge_order], vals[edge_order]
    edge_comp = component[rows]
    node_order = np.argsort(component, kind="stable")
    sizes = np.bincount(component)
    node_start = np.concatenate([[0], np.cumsum(sizes)])
    edge_start = np.searchsorted(edge_comp, np.arange(len(sizes) + 1))
    labels = np.empty(n, dtype=np.int64)
    next_label = 0
    for c in range(len(sizes)):
        members = node_order[node_start[c] : node_start[c + 1]]
        if len(members) <= 2:
            # One post, or two joined by an edge above the threshold: nothing to decide.
            labels[members] = next_label
            next_label += 1
            continue
        e = slice(edge_start[c], edge_start[c + 1])
        local = _merge(np.searchsorted(members, rows[e]).tolist(), np.searchsorted(members, cols[e]).tolist(),
                       vals[e].tolist(), len(members), threshold)
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def _components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The connected component (0..k-1) of each of `n` nodes joined by the edges (`rows[k]`, `cols[k]`).

    Each round points every root that an edge joins to another at the smaller
    of the two, then every node at its root (pointers only ever decrease, so
    no cycle forms); it ends when no edge joins two roots, after a few rounds.
    As SciPy's `connected_components`, without importing its graph package
    (and the linear algebra that comes with it) for one call.
    """
    parent = np.arange(n)
    while True:
        a, b = parent[rows], parent[cols]  # roots: every node points at its root here
        apart = a != b
        if not apart.any():
            break
        np.minimum.at(parent, np.maximum(a, b)[apart], np.minimum(a, b)[apart])
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return np.unique(parent, return_inverse=True)[1]


def _merge(rows: list[int], cols: list[int], vals: list[float], m: int, threshold: float) -> np.ndarray:
    """Average link on one component of `m` posts, given each similar pair once (`rows[k]`, `cols[k]`,
    `vals[k]`): a heap of the pairs of groups whose average similarity reaches `threshold`, the best merged
    first, ties to the pair of earliest groups (see the module doc). Labels are 0.. in the order of each
    group's first post.

    A group's id is its earliest row (a merge keeps the smaller id), so a heap entry
    (-average, id, id) orders ties by the groups' earliest posts, not by which
    group happened to absorb which.
    """
    links: dict[int, dict[int, float]] = {c: {} for c in range(m)}
    for a, b, v in zip(rows, cols, vals):
        links[a][b] = v
        links[b][a] = v
    size = {c: 1 for c in range(m)}
    members = {c: [c] for c in range(m)}
    heap = [(-v, a, b) if a < b else (-v, b, a) for a, b, v in zip(rows, cols, vals) if v >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)  # a < b
        if a not in size or b not in size:
            continue
        avg = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(avg + neg) > 1e-9:
            continue  # stale: the pair changed since it was pushed
        mine, theirs = links.pop(a), links.pop(b)
        mine.pop(b, None)
        theirs.pop(a, None)
        if len(mine) < len(theirs):
            mine, theirs = theirs, mine  # fold the shorter into the longer (a sum of two is the same either way)
        for c, v in theirs.items():
            mine[c] = mine.get(c, 0.0) + v
        links[a] = mine  # b joins a: the merged group keeps the earlier id
        size[a] += size.pop(b)
        members[a].extend(members.pop(b))
        for c, total in mine.items():
            link = links[c]
            link.pop(b, None)
            link[a] = total
            avg = total / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    labels = np.empty(m, dtype=np.int64)
    for label, root in enumerate(sorted(members)):
        labels[members[root]] = label
    return labels
