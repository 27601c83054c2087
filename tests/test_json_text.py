"""Documents put together from pieces are the bytes one `json.dumps(..., indent=2)` of the whole gives."""

from __future__ import annotations

import json

import pytest

from newsdigest.site.json_text import document, piece

ITEMS = [{"id": "a", "title": "Grève à Québec — “quoted”", "tags": [], "meta": {"n": 1, "nested": [1, {"x": None}]}},
         {"id": "b", "summary": "line one\nline two", "empty": {}}]


@pytest.mark.parametrize("head", [{}, {"version": "1.1", "authors": [{"name": "Desk"}]}])
@pytest.mark.parametrize("items", [[], ITEMS[:1], ITEMS])
def test_a_document_of_pieces_is_the_whole_dumped_at_once(head, items):
    whole = json.dumps({**head, "items": items}, ensure_ascii=False, indent=2)
    assert document(head, "items", [piece(item, 2) for item in items]) == whole
