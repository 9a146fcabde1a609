"""Fuzz: random bytes and random Unicode through ingest and extraction end in warnings, never a crash."""

from __future__ import annotations

import io
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.extract import extract_all
from graphkit.ingest import iter_articles
from graphkit.ingest.readers import make_article

SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".md", ".htm"])
# bytes that look a little like articles (words, tags, JSON, control bytes) as well as pure noise
PIECES = st.sampled_from([b"<p>", b"</p>", b"<script>", b'{"text": "', b'"}\n', b"\n\n", b"\r\n", b"\x00", b"\xff",
                          b"\xef\xbb\xbf", b"The police detained ", b"Mr. O'Neil ", b"said. ", b"\xe2\x80\x9c",
                          "Müller".encode(), b"%PDF", b"\t"])
BYTES = st.binary(max_size=3000) | st.lists(PIECES | st.binary(max_size=20), max_size=60).map(b"".join)
UNICODE = st.text(max_size=2000) | st.lists(st.sampled_from(
    ["The army ", "killed ", "Ana Pérez", " in ", "Caracas", ". ", "\n", "“", "”", "(", ")", "DGCIM", " and ", "—",
     "\u202e", "\U0001F600", "\u200b", "'s ", "ministry ", "said ", "\x00"]), max_size=120).map("".join)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


def _no_multiline_warnings(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        assert "\n" not in record.getMessage(), record.getMessage()


@FUZZ
@given(data=BYTES, suffix=SUFFIXES)
def test_random_bytes_through_ingest(tmp_path, caplog, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        articles = list(iter_articles([path]))
    for article in articles:
        assert isinstance(article.text, str) and "\r" not in article.text and "\x00" not in article.text
    _no_multiline_warnings(caplog)


@FUZZ
@given(text=UNICODE)
def test_random_unicode_through_stdin(caplog, text):
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        list(iter_articles(["-"], stdin=io.StringIO(text)))
    _no_multiline_warnings(caplog)


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(texts=st.lists(UNICODE | BYTES.map(lambda b: b.decode("utf-8", "replace")), min_size=1, max_size=3))
def test_random_text_through_extraction(nlp, caplog, texts):
    articles = [make_article(f"fuzz-{i}", t, source=f"fuzz-{i}") for i, t in enumerate(texts)]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        results = list(extract_all(nlp, articles, chunk_chars=500))  # small pieces: the joins get fuzzed too
    failed = [r.getMessage() for r in caplog.records if "extraction failed" in r.getMessage()]
    assert failed == []
    for result in results:
        text = result.article.text
        assert all(text[m.start:m.end] == m.text for m in result.mentions)
    _no_multiline_warnings(caplog)
