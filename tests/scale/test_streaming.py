"""Streaming input and extraction: articles are read lazily, workers give the same results in the same order."""

from __future__ import annotations

import io
import json

from graphkit.config import Settings
from graphkit.graph import to_interchange
from graphkit.ingest import iter_articles
from graphkit.parallel import extract_stream
from graphkit.pipeline import build_from_articles
from graphkit.store import result_from_dict, result_to_dict
from tests.scale.corpus import article_text, write_jsonl


class CountingStream(io.StringIO):
    """stdin that counts the lines handed out."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.handed = 0

    def __next__(self) -> str:
        line = super().__next__()
        self.handed += 1
        return line


def test_stdin_jsonl_is_read_one_line_at_a_time():
    lines = "".join(json.dumps({"id": f"s{i}", "text": article_text(i)}) + "\n" for i in range(50))
    stream = CountingStream("\n" + lines)
    articles = iter_articles(["-"], stdin=stream)
    first = next(articles)
    assert first.id == "s0" and stream.handed <= 3
    rest = list(articles)
    assert [a.id for a in rest] == [f"s{i}" for i in range(1, 50)] and stream.handed == 51


def test_jsonl_file_is_read_lazily(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", range(3))
    articles = iter_articles([path])
    assert next(articles).id == "doc000"
    with path.open("a", encoding="utf-8") as fh:  # written after reading began: a lazy reader still sees it
        fh.write(json.dumps({"id": "late", "text": article_text(9)}) + "\n")
    assert [a.id for a in articles] == ["doc001", "doc002", "late"]


def test_jsonl_bad_lines_are_skipped_and_the_rest_read(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "One sentence about Caracas."}\nnot json\n'
                     b'{"id": "b", "text": "Caf\xe9 owners in M\xe9rida protested."}\n')
    assert [a.id for a in iter_articles([path])] == ["a", "b"]
    assert "not JSON" in caplog.text and "Latin-1" in caplog.text


def test_two_workers_give_the_single_process_results_in_order(nlp):
    from graphkit.ingest.readers import make_article

    articles = [make_article(f"w{i}", article_text(i)) for i in range(6)]
    one = [result_to_dict(x.result) for x in extract_stream(articles, Settings(workers=1, chunk_size=2))]
    two = list(extract_stream(articles, Settings(workers=2, chunk_size=2)))
    assert [x.result.article.id for x in two] == [f"w{i}" for i in range(6)]
    assert [result_to_dict(x.result) for x in two] == one
    assert all(x.tokens > 20 for x in two)


def test_results_round_trip_through_the_store_format(nlp):
    from graphkit.ingest.readers import make_article

    [item] = extract_stream([make_article("r", article_text(1))], Settings())
    data = json.loads(json.dumps(result_to_dict(item.result)))
    assert result_from_dict(data) == item.result


def test_build_from_articles_takes_a_generator_and_a_list(nlp):
    from graphkit.ingest.readers import make_article

    articles = [make_article(f"g{i}", article_text(i)) for i in range(3)]
    from_list = to_interchange(build_from_articles(articles))
    from_gen = to_interchange(build_from_articles(a for a in articles))
    assert from_list == from_gen and len(from_list["documents"]) == 3
