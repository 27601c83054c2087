"""TF-IDF over a story's sentences, as scikit-learn's `TfidfVectorizer` computes it, without importing it.

(And scikit-learn's English stop words, read from its file without importing
the package: `ENGLISH_STOP_WORDS`.)

Sentence alignment (`align`) needs one small TF-IDF matrix per story. Importing
scikit-learn for it costs more than a second, which a build that re-analyses
one edited story pays in full. This module gives the same matrix, to the bit,
for the options alignment uses (a callable analyzer, `sublinear_tf=True`,
`norm="l2"`, the default smoothed IDF): the same columns (terms in sorted
order), the same order of entries within a row (the order in which terms were
first seen, which fixes the order of the floating-point sums), and the same
arithmetic in float64. `tests/test_tfidf.py` holds it to scikit-learn's output.
NumPy and SciPy are imported only to compute: the stop words are read by
modules that a build imports without analysing anything.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's list, from its one-statement module, without running the package's own imports (a second)."""
    try:
        package = importlib.util.find_spec("sklearn")  # finds the package; does not import it
        origin = package.origin if package is not None else None
        if origin is not None:
            spec = importlib.util.spec_from_file_location(
                "newsdigest_stop_words", Path(origin).parent / "feature_extraction" / "_stop_words.py")
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return frozenset(module.ENGLISH_STOP_WORDS)
    except (OSError, ImportError, AttributeError, SyntaxError):
        pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as words  # another layout: the usual way

    return frozenset(words)


ENGLISH_STOP_WORDS = _english_stop_words()


class TfidfVectorizer:
    """`fit_transform(texts)` -> the L2-normalised sublinear TF-IDF matrix (CSR, float64)."""

    def __init__(self, analyzer: Callable[[str], Iterable[str]], sublinear_tf: bool = True, norm: str = "l2") -> None:
        if not sublinear_tf or norm != "l2":
            raise ValueError("only sublinear term frequencies and L2 norms are supported")
        self.analyzer = analyzer

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        import numpy as np
        from scipy import sparse

        seen: dict[str, int] = {}  # term -> order of first sight
        columns: list[int] = []
        counts: list[int] = []
        indptr = [0]
        for text in texts:
            row: dict[int, int] = {}
            for term in self.analyzer(text):
                index = seen.setdefault(term, len(seen))
                row[index] = row.get(index, 0) + 1
            for index in sorted(row):  # scikit-learn sorts each row by order of first sight
                columns.append(index)
                counts.append(row[index])
            indptr.append(len(columns))
        if not seen:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        rank = np.empty(len(seen), dtype=np.int32)  # order of first sight -> column of the sorted vocabulary
        for column, (_term, first) in enumerate(sorted(seen.items())):
            rank[first] = column
        indices = rank.take(np.asarray(columns, dtype=np.int32))
        data = np.asarray(counts, dtype=np.float64)
        n = len(texts)
        df = np.bincount(indices, minlength=len(seen)).astype(np.float64) + 1.0
        idf = np.full_like(df, fill_value=n + 1, dtype=np.float64)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        np.log(data, out=data)
        data += 1.0
        data *= idf[indices]
        _normalise_rows(data, indptr)
        return sparse.csr_matrix((data, indices, np.asarray(indptr, dtype=np.int32)), shape=(n, len(seen)))


def _normalise_rows(data: np.ndarray, indptr: list[int]) -> None:
    """Divide each row by its L2 norm, summing squares in row order as scikit-learn's loop does.

    The rows are laid in a zero-padded table and summed with `cumsum`, which adds
    left to right as that loop does, so every norm is the loop's to the bit."""
    import numpy as np

    bounds = np.asarray(indptr, dtype=np.int64)
    lengths = np.diff(bounds)
    if not len(lengths) or not lengths.max():
        return
    row = np.repeat(np.arange(len(lengths)), lengths)
    table = np.zeros((len(lengths), int(lengths.max())))
    table[row, np.arange(len(data)) - bounds[row]] = data * data
    norms = np.sqrt(np.cumsum(table, axis=1)[:, -1])
    norms[norms == 0.0] = 1.0
    data /= norms[row]
