"""Fitting the visible byline's threshold on a corpus that lacks a saved page says which, in one line."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import train_meta  # noqa: E402


def test_a_missing_saved_page_beside_its_text_dump_is_named(tmp_path):
    (tmp_path / "p1.txt").write_text("Harbour bridge approved\n\nBy Ines Moreau\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        train_meta.fit_page_threshold(tmp_path, [("p1", [], [])], [([], [0])], {})
    assert str(tmp_path / "p1.html") in str(stop.value) and "Traceback" not in str(stop.value)
