"""Hostile input files: each gets one clear warning naming the file (and JSONL line), the rest is read."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.extract.chunks import split_text
from graphkit.graph import load_graph, save_graph
from graphkit.ingest import load_articles
from graphkit.ingest.language import detect_language
from graphkit.types import GraphData
from tests.hostile.nobody import as_unprivileged

GOOD = "Headline of a good one\n\nMilitary police detained eleven students outside the university on Friday."


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def _one_warning_about(caplog: pytest.LogCaptureFixture, name: str, *words: str) -> str:
    hits = [m for m in _warnings(caplog) if name in m]
    assert len(hits) == 1, (name, _warnings(caplog))
    message = hits[0]
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


def _with_good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_empty_and_whitespace_files_are_skipped_with_a_warning(tmp_path, caplog):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\r\n  \n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "blank.html").write_text("   ", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([_with_good(tmp_path)])
    assert [a.id for a in articles] == ["good"]
    for name in ("empty.txt", "blank.txt", "blank.jsonl", "blank.html"):
        _one_warning_about(caplog, name, "empty file")


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("article.txt", "Some text inside a zip archive.")
    return buf.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    (_zip_bytes(), "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "JPEG"),
    (bytes(range(256)) * 8, "binary"),
])
def test_binary_files_passed_as_text_are_refused(tmp_path, caplog, data, kind):
    (tmp_path / "scan.txt").write_bytes(data)
    with caplog.at_level(logging.WARNING):
        articles = load_articles([_with_good(tmp_path)])
    assert [a.id for a in articles] == ["good"]
    _one_warning_about(caplog, "scan.txt", kind, "not text", "skipped")


def test_windows_1252_is_decoded_and_said(tmp_path, caplog):
    text = "Caf\u00e9 owner says \u201cthe patrol took my son\u201d \u2014 costs 5\u20ac.\n\nA second paragraph."
    (tmp_path / "cp.txt").write_bytes(text.encode("windows-1252"))
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path / "cp.txt"])
    assert "\u201cthe patrol took my son\u201d \u2014 costs 5\u20ac." in article.text
    _one_warning_about(caplog, "cp.txt", "not UTF-8", "Windows-1252")


def test_latin_1_with_bytes_windows_1252_lacks_is_decoded_as_latin_1(tmp_path, caplog):
    # 0x81 and 0x8d are unassigned in Windows-1252; a Latin-1 file may still hold them
    (tmp_path / "l1.txt").write_bytes("Se\u00f1or P\u00e9rez".encode("latin-1") + b" \x81 was detained.")
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path / "l1.txt"])
    assert article.text.startswith("Se\u00f1or P\u00e9rez")
    _one_warning_about(caplog, "l1.txt", "Latin-1")


def test_utf_8_with_a_damaged_byte_stays_utf_8(tmp_path, caplog):
    good = "Nicol\u00e1s and Jos\u00e9 Mar\u00eda were held in Maracaibo, the r\u00e9gimen\u2019s critics said."
    (tmp_path / "cut.txt").write_bytes(good.encode("utf-8") + b" \xe2\x80 trailing")
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path / "cut.txt"])
    assert article.text.startswith(good) and article.text.endswith("\ufffd trailing")
    _one_warning_about(caplog, "cut.txt", "1 invalid UTF-8 sequence replaced")


def test_mixed_line_endings_and_byte_order_marks(tmp_path, caplog):
    mixed = "Title line\r\n\r\nFirst paragraph ends here.\rSecond line.\n\nThird paragraph.\r\n"
    (tmp_path / "mixed.txt").write_bytes(b"\xef\xbb\xbf" + mixed.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes("\ufeffUTF-16 article about a raid.\r\n".encode("utf-16-le"))
    with caplog.at_level(logging.WARNING):
        by_id = {a.id: a for a in load_articles([tmp_path])}
    mixed_text = by_id["mixed"].text
    assert "\r" not in mixed_text and "\ufeff" not in mixed_text
    assert mixed_text == "Title line\n\nFirst paragraph ends here.\nSecond line.\n\nThird paragraph."
    assert by_id["u16"].text == "UTF-16 article about a raid."
    assert not [m for m in _warnings(caplog) if "mixed.txt" in m]  # UTF-8 with a BOM is plain UTF-8
    _one_warning_about(caplog, "u16.txt", "UTF-16")


def test_control_characters_and_nul_are_removed_and_said(tmp_path, caplog):
    (tmp_path / "nul.txt").write_bytes(b"Agents\x00 raided\x07 the office of a newspaper in the capital.")
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path / "nul.txt"])
    assert article.text == "Agents raided the office of a newspaper in the capital."
    _one_warning_about(caplog, "nul.txt", "control character")


def test_a_20_mb_article_is_read_and_split_with_exact_offsets(tmp_path):
    paragraph = ("Witnesses said the patrol stopped the bus at dawn and took four passengers away. "
                 "Relatives have not heard from them since.\n\n")
    text = "A very long article\n\n" + paragraph * (20_000_000 // len(paragraph))
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    [article] = load_articles([tmp_path / "huge.txt"])
    assert len(article.text) > 19_000_000
    pieces = split_text(article.text, 100_000)
    assert "".join(article.text[a:b] for a, b in pieces) == article.text
    assert all(b - a <= 100_000 for a, b in pieces) and len(pieces) >= 190
    # every cut falls at a paragraph boundary when there is one
    assert all(article.text[b - 2:b] == "\n\n" for _, b in pieces[:-1])


def test_pieces_fall_back_to_sentences_words_and_hard_cuts():
    sentences = "One sentence here. Another one there! " * 50
    assert all(sentences[b - 1] == " " and sentences[b - 2] in ".!" for _, b in split_text(sentences, 100)[:-1])
    words = "word " * 100
    assert all(words[b - 1] == " " for _, b in split_text(words, 33)[:-1])
    solid = "x" * 1000
    assert split_text(solid, 300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]


@pytest.fixture
def fast_tmp(tmp_path):
    """A folder in memory (/dev/shm) when there is one: creating 50,000 files on disk alone takes a minute."""
    if not Path("/dev/shm").is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir="/dev/shm", prefix="graphkit-test-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_of_50000_tiny_files_is_read(fast_tmp):
    folder = fast_tmp / "many"
    for i in range(50):
        sub = folder / f"d{i:02d}"
        sub.mkdir(parents=True)
        for j in range(1000):
            n = i * 1000 + j
            fd = os.open(sub / f"f{n:05d}.txt", os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, f"Report {n}: police detained person number {n} at a checkpoint.".encode())
            os.close(fd)
    start = time.perf_counter()
    articles = load_articles([folder])
    took = time.perf_counter() - start
    assert [a.id for a in articles] == [f"f{n:05d}" for n in range(50_000)]
    assert took < 300, f"reading 50,000 tiny files took {took:.0f} s"  # a guard against quadratic work only


HTML_WITH_JUNK = """<!doctype html><html><head><title>Raid on a newsroom</title>
<style>body { color: red } .secret-style-marker { display: none }</style>
<script>window.secretScriptMarker = 1; document.write("SCRIPT TEXT");</script></head>
<body><!-- COMMENT TEXT that must not appear -->
<nav><a href="/">Home</a></nav>
<article><h1>Raid on a newsroom</h1>
<p>Intelligence agents raided the offices of an independent newspaper on Tuesday night and seized
computers and notebooks, the paper's editor said in a statement published the next morning.</p>
<script>trackReader("SCRIPT TEXT INSIDE ARTICLE")</script>
<p>The editor said three reporters were questioned for several hours without a lawyer present, and
that the agents did not show a warrant for the search of the building.</p>
<noscript>NOSCRIPT TEXT</noscript></article></body></html>"""


def test_html_scripts_styles_and_comments_are_not_text(tmp_path):
    (tmp_path / "page.html").write_text(HTML_WITH_JUNK, encoding="utf-8")
    [article] = load_articles([tmp_path / "page.html"])
    assert "raided the offices" in article.text and "without a lawyer" in article.text
    for junk in ("SCRIPT TEXT", "secretScriptMarker", "secret-style-marker", "COMMENT TEXT", "trackReader",
                 "color: red"):
        assert junk not in article.text


def test_html_without_an_article_body_is_skipped_with_a_warning(tmp_path, caplog):
    (tmp_path / "nav.html").write_text("<html><head><title>Home</title><script>var x = 1;</script></head>"
                                       "<body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>",
                                       encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([_with_good(tmp_path)])
    assert [a.id for a in articles] == ["good"]
    _one_warning_about(caplog, "nav.html", "no article text")


SPANISH = ("La policía detuvo a los manifestantes en la plaza central de la ciudad, según informaron testigos. "
           "Los detenidos fueron llevados a una comisaría donde, según sus familiares, no tuvieron acceso a "
           "abogados durante tres días. La fiscalía no respondió a las preguntas de este diario sobre el caso.")
RUSSIAN = ("Полиция задержала десятки протестующих в центре города, сообщили свидетели. Задержанных "
           "доставили в отделение, где им не дали встретиться с адвокатами.")
ENGLISH_WITH_SPANISH_NAMES = (
    "Officers of the Dirección General de Contrainteligencia Militar detained the leader of the Frente "
    "Amplio de Mujeres in the state of Zulia on Monday, according to a statement from the group. The "
    "statement said the agents did not show a warrant and that her family has not been told where she is held.")


def test_language_is_detected_without_a_model():
    assert detect_language(SPANISH) == "es"
    assert detect_language(RUSSIAN) == "ru"
    assert detect_language(ENGLISH_WITH_SPANISH_NAMES) == "en"
    assert detect_language("Short line.") is None


def test_every_sample_and_gold_article_counts_as_english():
    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "seeds").glob("*.txt")) + sorted(Path("/work/shared/corpus/dev").glob("*.txt"))
    assert paths
    assert [p.name for p in paths if detect_language(p.read_text(encoding="utf-8")) not in ("en", None)] == []


@pytest.mark.model
def test_a_non_english_article_is_skipped_unless_the_model_reads_it(nlp, caplog):
    import spacy

    from graphkit.extract import extract_all
    from graphkit.extract.document import readable_articles
    from graphkit.ingest.readers import make_article

    articles = [make_article("es1", SPANISH, source="es1.txt"), make_article("en1", ENGLISH_WITH_SPANISH_NAMES)]
    with caplog.at_level(logging.WARNING):
        done = [r.article.id for r in extract_all(nlp, articles)]
    assert done == ["en1"]
    _one_warning_about(caplog, "es1.txt", "Spanish", "skipped", "--model")
    caplog.clear()
    # a Spanish model configured: the article goes to it (a blank one cannot parse, so only the filter is run)
    with caplog.at_level(logging.WARNING):
        assert [a.id for a in readable_articles(spacy.blank("es"), articles)] == ["es1"]
        assert [a.id for a in readable_articles(spacy.blank("xx"), articles)] == ["es1", "en1"]
    assert [m.split(":")[0] for m in _warnings(caplog)] == ["en1"]  # the English one, for the Spanish model


def test_jsonl_bad_lines_each_get_one_warning_with_file_and_line(tmp_path, caplog):
    rows = [
        json.dumps({"id": "a", "text": "Soldiers burned the houses of a village near the border."}),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "title": "no text here"}),
        json.dumps({"id": "a", "text": "Another article that reuses the id of the first one."}),
        json.dumps({"id": "d", "text": 12345}),
        json.dumps({"id": "e", "text": ["a", "list"]}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "text": "A last article, read after all the bad lines."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([path])
    assert [a.text[:7] for a in articles] == ["Soldier", "Another", "A last "]
    assert articles[0].id == "a" and articles[1].id.startswith("a-") and articles[2].id == "f"
    expected = {2: "not JSON", 3: "no 'text'", 4: "already used", 5: "'text' is a int", 6: "'text' is a list",
                7: "not an object"}
    for line, words in expected.items():
        _one_warning_about(caplog, f"feed.jsonl line {line}:", words)
    assert len(_warnings(caplog)) == len(expected)


def test_the_same_article_under_two_names_is_read_once_and_both_names_kept(tmp_path, caplog):
    (tmp_path / "copy-one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy-two.txt").write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8"))  # same text, CRLF
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert len(articles) == 1
    [article] = articles
    assert article.source.endswith("copy-one.txt") and article.aliases == [str(tmp_path / "copy-two.txt")]
    _one_warning_about(caplog, "copy-two.txt", "same text as", "both names kept")
    # the other name survives the graph file
    save_graph(GraphData(documents=articles), tmp_path / "out" / "graph.json")
    [doc] = load_graph(tmp_path / "out").documents
    assert doc.aliases == [str(tmp_path / "copy-two.txt")]


def test_unreadable_files_and_folders_are_skipped_with_a_warning(tmp_path):
    # root reads everything whatever the modes; as_unprivileged reads as the `nobody` user then
    base = tmp_path / "perm"
    base.mkdir()
    _with_good(base)
    (base / "secret.txt").write_text("Nobody may read this article.", encoding="utf-8")
    (base / "closed").mkdir()
    (base / "closed" / "inside.txt").write_text("Nor this one, in a closed folder.", encoding="utf-8")
    os.chmod(base / "secret.txt", 0o000)
    os.chmod(base / "closed", 0o000)
    for p in (tmp_path, tmp_path.parent, tmp_path.parent.parent):
        os.chmod(p, os.stat(p).st_mode | 0o755)  # let `nobody` reach the folder itself
    try:
        articles, messages = as_unprivileged(lambda: load_articles([base]))
    finally:
        os.chmod(base / "closed", 0o755)
    assert not isinstance(articles, Exception), articles
    assert [a.id for a in articles] == ["good"]
    secret = [m for m in messages if "secret.txt" in m]
    closed = [m for m in messages if "closed" in m]
    assert len(secret) == 1 and "cannot read" in secret[0] and "Permission denied" in secret[0], messages
    assert len(closed) == 1 and "cannot read this folder" in closed[0], messages


def test_symlink_loops_and_missing_paths_are_warned_about(tmp_path, caplog):
    folder = _with_good(tmp_path / "links")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "back-up").symlink_to(folder, target_is_directory=True)
    missing = tmp_path / "does-not-exist.txt"
    with caplog.at_level(logging.WARNING):
        articles = load_articles([folder, folder / "loop-a.txt", missing])
    assert [a.id for a in articles] == ["good"]
    assert len([m for m in _warnings(caplog) if "loop-a.txt" in m]) == 2  # in the folder and given by name
    _one_warning_about(caplog, "loop-b.txt", "looping symlink")
    _one_warning_about(caplog, "back-up", "symlink loop")
    _one_warning_about(caplog, "does-not-exist.txt", "no such file or folder")


def test_nothing_readable_is_one_clear_error(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="no articles could be read"):
        load_articles([tmp_path, tmp_path / "missing"])


LONG_PARAGRAPHS = (
    "Soldiers of the army detained three farmers near the river on Monday, their relatives said.",
    "The human rights group Observatorio Vecinal said the men were beaten during questioning.",
    "A spokesman for the defence ministry denied that anyone had been mistreated.",
    "Police in the northern province arrested a radio journalist after she reported on the raid.",
)


@pytest.mark.model
def test_an_article_longer_than_the_model_limit_is_parsed_in_pieces_with_right_offsets(nlp, caplog):
    from graphkit.extract import extract_all
    from graphkit.ingest.readers import make_article

    text = "Long report\n\n" + "\n\n".join(LONG_PARAGRAPHS[i % 4] for i in range(120))
    article = make_article("long", text, source="long.txt")
    whole = next(extract_all(nlp, [article]))
    saved = nlp.max_length
    nlp.max_length = 2_500  # spaCy would refuse the text (E088) without the pieces
    try:
        with caplog.at_level(logging.WARNING):
            [pieces] = list(extract_all(nlp, [article]))
    finally:
        nlp.max_length = saved
    assert len(article.text) > 10_000
    _one_warning_about(caplog, "long.txt", "parsed in", "pieces")
    assert pieces.mentions and all(article.text[m.start:m.end] == m.text for m in pieces.mentions)
    assert max(m.start for m in pieces.mentions) > len(article.text) - 200  # the last piece was read too
    # cut at paragraph ends, the pieces give what the whole text gives, at the same offsets
    assert [(m.start, m.end, m.type) for m in pieces.mentions] == [(m.start, m.end, m.type) for m in whole.mentions]
    assert [e.prov for e in pieces.events] == [e.prov for e in whole.events] and pieces.events
    assert [t.prov for t in pieces.triples] == [t.prov for t in whole.triples] and pieces.triples
