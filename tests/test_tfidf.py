"""The story TF-IDF gives scikit-learn's matrix to the bit, so alignment (and all analysis) is unchanged."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS
from sklearn.feature_extraction.text import TfidfVectorizer as SklearnTfidf

from newsdigest.stories.align import _analyzer
from newsdigest.stories.tfidf import ENGLISH_STOP_WORDS, TfidfVectorizer

SENTENCES = [
    "The council approved a budget of 12 million for new schools on Monday.",
    "Council members approved the schools budget, 12 million in all, after a long debate.",
    '"This is a good day for the town," said the mayor, speaking at the town hall.',
    "Around 340 pupils will move into the buildings by September; 340 more next year.",
    "Critics said the plan did not go far enough.",
    "The the the and of.",
    "Schools, schools and more schools: the mayor repeated the word schools again and again.",
    "Rüdiger Öztürk, the treasurer, said 12 % of the budget was set aside.",
]


@pytest.mark.parametrize("count", [1, 3, len(SENTENCES)])
def test_the_matrix_is_scikit_learns_to_the_bit(count):
    texts = SENTENCES[:count]
    ours = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, norm="l2").fit_transform(texts)
    theirs = SklearnTfidf(analyzer=_analyzer, sublinear_tf=True, norm="l2").fit_transform(texts)
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def test_no_content_word_is_an_error_as_in_scikit_learn():
    with pytest.raises(ValueError):
        TfidfVectorizer(analyzer=_analyzer).fit_transform(["the and of", "a an"])
    with pytest.raises(ValueError):
        SklearnTfidf(analyzer=_analyzer, sublinear_tf=True, norm="l2").fit_transform(["the and of", "a an"])


def test_the_stop_words_are_scikit_learns():
    assert ENGLISH_STOP_WORDS == frozenset(SKLEARN_STOP_WORDS)


def test_the_build_stages_do_not_import_scikit_learn():
    """Importing scikit-learn costs a second at every build that re-analyses a story: no stage may."""
    import subprocess
    import sys

    code = ("import sys, newsdigest.pipeline, newsdigest.stories.analysis, newsdigest.stories.group, "
            "newsdigest.site.render; print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
