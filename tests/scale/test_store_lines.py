"""Opening a results store reads each line's id, content hash and extractor from the line's start (not the
whole result): the same as decoding the line, for any id; other layouts are decoded whole; a line that is
no result is skipped, and a result damaged after its start is left out with a warning when read."""

from __future__ import annotations

import json
import logging

import pytest

from graphkit.store import STORE_NAME, ResultStore, _head, result_to_dict
from graphkit.types import Article, DocResult


def _line(doc_id: str, sha: str = "ab" * 32, made_by: str = "x1") -> bytes:
    result = result_to_dict(DocResult(article=Article(id=doc_id, text="Some text.", sha256=sha)))
    return json.dumps({"id": doc_id, "sha256": sha, "v": 1, "x": made_by, "result": result},
                      ensure_ascii=False).encode("utf-8") + b"\n"


@pytest.mark.parametrize("doc_id", ["doc1", 'a "quoted" id', "back\\slash", "ñandú 北京 \u2028", "",
                                    'x, "sha256": "ff'])
def test_the_head_of_a_line_is_what_decoding_the_line_gives(doc_id):
    line = _line(doc_id, made_by='ver"sion')
    whole = json.loads(line)
    assert _head(line) == (whole["id"], whole["sha256"], whole["x"]) == (doc_id, "ab" * 32, 'ver"sion')


def test_other_layouts_are_decoded_whole_and_non_results_are_none():
    assert _head(b'{"sha256": "ff", "id": "d", "result": {}}\n') == ("d", "ff", "")  # keys in another order
    assert _head(b'{"id": "d", "sha256": "ff", "v": 1, "result": {}}\n') == ("d", "ff", "")  # no extractor id
    assert _head(b"not json\n") is None
    assert _head(b"[1, 2]\n") is None
    assert _head(b'{"id": "d", "sha256": "ff", "v": 1, "x": "a", "result": {"art\n') is None  # cut short


def test_a_result_damaged_after_its_start_is_left_out_with_a_warning(tmp_path, caplog):
    good, bad = _line("good"), _line("bad", sha="cd" * 32)
    cut = bad.index(b'"text"')
    (tmp_path / STORE_NAME).write_bytes(good + bad[:cut] + b"\x00garbage" + b"}}\n")
    store = ResultStore(tmp_path)
    assert store.doc_ids() == ["good", "bad"]
    with caplog.at_level(logging.WARNING):
        assert [r.article.id for r in store.results()] == ["good"]
    assert "the stored result of bad is damaged" in caplog.text and "--fresh" in caplog.text
