"""Average-link clustering over a sparse similarity graph.

Average link merges two groups only when their posts are alike *on average*,
so one post that happens to resemble both of two neighbouring events cannot
chain them into one story, as single link would. Pairs the index never
proposed count as similarity zero, which is what they almost surely are.

Two groups can only ever merge if some pair between them reaches the
threshold, so the graph of such pairs is cut into connected components first
and each is clustered on its own: small and independent, which is what keeps
100,000 posts fast. Small components use SciPy's exact routine; a large one
uses the same merge rule on its sparse edges.
"""

from __future__ import annotations

import heapq

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

DENSE_LIMIT = 1500
"""Components up to this size are clustered with a dense matrix (at most ~9 MB)."""


def average_link(S: sparse.spmatrix, threshold: float) -> np.ndarray:
    """A cluster label per row of the symmetric-or-triangular similarity `S`; labels are 0..k-1."""
    n = S.shape[0]
    upper = sparse.triu(S, k=1).tocoo()
    strong = upper.data >= threshold
    graph = sparse.csr_matrix((np.ones(int(strong.sum())), (upper.row[strong], upper.col[strong])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
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
        local_r = np.searchsorted(members, rows[e])
        local_c = np.searchsorted(members, cols[e])
        m = len(members)
        if m <= DENSE_LIMIT:
            local = _dense(local_r, local_c, vals[e], m, threshold)
        else:
            local = _sparse(sparse.csr_matrix((vals[e], (local_r, local_c)), shape=(m, m)), threshold)
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def _dense(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, m: int, threshold: float) -> np.ndarray:
    """SciPy's exact average link on a component's edges (each pair once: they come from one triangle)."""
    sim = np.zeros((m, m), dtype=vals.dtype)
    sim[rows, cols] = vals
    sim = np.maximum(sim, sim.T)
    dist = 1.0 - sim[np.triu_indices(m, k=1)]
    tree = linkage(np.clip(dist, 0.0, None), method="average")
    raw = fcluster(tree, 1.0 - threshold, criterion="distance")
    _, local = np.unique(raw, return_inverse=True)
    return local


def _sparse(sub: sparse.csr_matrix, threshold: float) -> np.ndarray:
    """The average-link merge rule with a heap, for components too big for a dense matrix."""
    m = sub.shape[0]
    coo = sparse.triu(sub.maximum(sub.T), k=1).tocoo()
    links: dict[int, dict[int, float]] = {c: {} for c in range(m)}
    for a, b, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
        links[a][b] = v
        links[b][a] = v
    size = {c: 1 for c in range(m)}
    members = {c: [c] for c in range(m)}
    heap = [(-v, a, b) for a, b, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()) if v >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        avg = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(avg + neg) > 1e-9:
            continue  # stale: the pair changed since it was pushed
        if len(links[a]) < len(links[b]):
            a, b = b, a
        for c, v in links.pop(b).items():
            if c == a:
                continue
            links[c].pop(b, None)
            total = links[a].get(c, 0.0) + v
            links[a][c] = total
            links[c][a] = total
        links[a].pop(b, None)
        size[a] += size.pop(b)
        members[a].extend(members.pop(b))
        for c, total in links[a].items():
            avg = total / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    labels = np.empty(m, dtype=np.int64)
    for label, root in enumerate(sorted(members, key=lambda r: min(members[r]))):
        labels[members[root]] = label
    return labels
