"""`python -m newsdigest.evaluate`: each set goes through the real ingest, and the corpus's own scorer reads it."""

from conftest import ROOT
from newsdigest.evaluate import main

ARTICLE = ("<html><head><title>Bridge</title></head><body><article><h1>Harbour bridge to close</h1>"
           "<p>The city council voted on Tuesday evening to close the old harbour bridge to cars from next spring, "
           "after engineers warned that its steel supports had corroded far faster than expected.</p>"
           "<p>Council leader Maria Ortiz said the decision had not been easy, but that safety had to come first "
           "for the thousands of cyclists and pedestrians who cross it every day.</p></article></body></html>")

# A stand-in scorer with the real one's interface: it reports what it was given to read.
SCORER = '''
import os, sys
kind, gold, target = [a for a in sys.argv[1:] if not a.startswith("--")]
posts = sorted(os.listdir(target)) if os.path.isdir(target) else [os.path.basename(target)]
sources = []
for name in posts:
    path = os.path.join(target, name)
    if os.path.isfile(path) and name.endswith(".md"):
        sources += [line.split(": ", 1)[1].strip() for line in open(path) if line.startswith("source: ")]
print("documents=" + str(len(posts)))
print(kind + ": read " + ",".join(sources))
'''


def test_each_set_is_ingested_for_real_and_scored_by_the_corpus_scorer(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "extract").mkdir(parents=True)
    (corpus / "extract" / "k1.html").write_text(ARTICLE)
    (corpus / "extract" / "k1.txt").write_text("Home\n\nHarbour bridge to close\n\nThe city council voted on "
                                                "Tuesday evening to close the old harbour bridge to cars.\n")
    (corpus / "extract" / "gold.json").write_text("{}")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "score.py").write_text(SCORER)
    monkeypatch.chdir(ROOT)

    assert main(["--corpus", str(corpus), "--only", "extract-html,extract-txt"]) == 0
    shown = capsys.readouterr().out
    assert "== extract-html: 1 sources" in shown
    assert "extract: read sources/k1.html" in shown, "only the HTML pages go into the HTML set"
    assert "extract: read sources/k1.txt" in shown
    assert "== throughput: 2 documents" in shown
