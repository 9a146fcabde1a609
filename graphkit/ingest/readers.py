"""Read articles from .txt, .html/.htm, .jsonl files, folders (recursive) and stdin.

A file that cannot be read is reported as a warning and the rest goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from graphkit.errors import InputError
from graphkit.ingest.clutter import split_meta_date, strip_clutter
from graphkit.ingest.decode import decode_bytes, normalize_text
from graphkit.types import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MIN_HTML_LINE_WORDS = 8  # an article page has at least one paragraph this long


# scraped text often loses the space after a closing quote ('executions”he said'), which breaks tokens
_GLUED_QUOTE = re.compile(r"(”)([A-Za-z])")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(
    doc_id: str,
    raw: str,
    *,
    title: str | None = None,
    url: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> Article:
    """Clean raw text into an Article; the hash is of the raw text (line endings unified) so re-runs match."""
    raw, _ = normalize_text(raw)
    text, meta_date = split_meta_date(raw)
    body, dropped = strip_clutter(text)
    body = _GLUED_QUOTE.sub(r"\1 \2", body)
    if title is None:
        first = body.split("\n", 1)[0].strip()
        if first and len(first.split()) <= 25 and not first.endswith("."):
            title = first
    return Article(
        id=doc_id,
        text=body,
        title=title,
        url=url,
        date=date or meta_date,
        source=source,
        sha256=_sha256(raw),
        removed_lines=dropped,
    )


def _html_article(doc_id: str, html: str, source: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    # on a page without an article the extractor returns what is left (menus, a footer): not prose
    if not text or max(len(line.split()) for line in text.split("\n")) < MIN_HTML_LINE_WORDS:
        raise InputError(f"{source}: no article text found in the HTML")
    return make_article(
        doc_id,
        text,
        title=getattr(meta, "title", None) if meta else None,
        url=getattr(meta, "url", None) if meta else None,
        date=getattr(meta, "date", None) if meta else None,
        source=source,
    )


def _jsonl_row_problem(row: object) -> str | None:
    if not isinstance(row, dict):
        return f"a JSON {type(row).__name__}, not an object"
    if "text" not in row:
        return "no 'text' field"
    if not isinstance(row["text"], str):
        return f"'text' is a {type(row['text']).__name__}, not a string"
    if not row["text"].strip():
        return "'text' is empty"
    return None


def _optional(row: dict[str, object], key: str) -> str | None:
    value = row.get(key)
    return None if value is None or value == "" else str(value)


def _jsonl_articles(lines: Iterable[str], stem: str, source: str) -> Iterator[Article]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("%s line %d: not JSON (%s); skipped", source, n, exc.msg)
            continue
        problem = _jsonl_row_problem(row)
        if problem:
            log.warning("%s line %d: %s; skipped", source, n, problem)
            continue
        doc_id = _optional(row, "id") or f"{stem}-{n}"
        yield make_article(
            doc_id,
            row["text"],
            title=_optional(row, "title"),
            url=_optional(row, "url"),
            date=_optional(row, "date"),
            source=f"{source} line {n}",
        )


def _jsonl_lines(path: Path) -> Iterator[str]:
    """Lines of a JSONL file read one at a time (a corpus file may not fit in memory)."""
    warned = False
    try:
        with path.open("rb") as fh:
            for raw in fh:
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    if not warned:
                        log.warning("%s: not UTF-8, read as Latin-1", path)
                        warned = True
                    yield raw.decode("latin-1")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def _read_file(path: Path) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        seen = [False]

        def lines() -> Iterator[str]:
            for n, line in enumerate(_jsonl_lines(path)):
                if n == 0:
                    line = line.lstrip("\ufeff")  # a byte-order mark
                seen[0] = seen[0] or bool(line.strip())
                yield line

        yield from _jsonl_articles(lines(), path.stem, str(path))
        if not seen[0]:
            raise InputError(f"{path}: empty file")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from exc
    decoded = decode_bytes(data, str(path))
    if decoded.note:
        log.warning("%s: %s", path, decoded.note)
    raw = decoded.text
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    if suffix in HTML_SUFFIXES:
        yield _html_article(path.stem, raw, str(path))
    else:
        yield make_article(path.stem, raw, source=str(path))


def _stdin_articles(stream: IO[str]) -> Iterator[Article]:
    """JSONL on stdin is read line by line (a feed can be endless); anything else is one document."""
    first, blank = "", []
    for line in stream:
        if line.strip():
            first = line.lstrip("\ufeff")
            break
        blank.append(line)
    stripped = first.lstrip()
    if stripped.startswith("{"):
        yield from _jsonl_articles(chain(blank, [first], stream), "stdin", "stdin")
    elif stripped[:15].lower().startswith(("<!doctype", "<html")):
        yield _html_article("stdin", normalize_text(first + stream.read())[0], "stdin")
    elif stripped:
        yield make_article("stdin", normalize_text(first + stream.read())[0], source="stdin")


def _walk(folder: Path) -> Iterator[Path]:
    """Article files under folder, sorted; unreadable folders and symlink loops are warned about."""
    seen: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        log.warning("%s: cannot read this folder (%s); skipped", exc.filename, exc.strerror)

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink back up the tree
            log.warning("%s: a folder already read (symlink loop); skipped", root)
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in files:
            path = Path(root, name)
            if path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink() and not path.exists():
                log.warning("%s: a broken or looping symlink; skipped", path)
                continue
            found.append(path)
    found.sort()
    return iter(found)


def _expand(inputs: Iterable[str | Path]) -> Iterator[Path | str]:
    for item in inputs:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                log.warning("%s: no .txt, .html or .jsonl files in this folder", path)
            yield from files
        elif path.is_file():
            yield path
        elif path.is_symlink():
            log.warning("%s: a broken or looping symlink; skipped", path)
        elif path.exists():
            log.warning("%s: not a file or folder; skipped", path)
        else:
            log.warning("%s: no such file or folder; skipped", path)


def _guarded(articles: Iterator[Article]) -> Iterator[Article]:
    """The articles a reader yields until it fails; its failure is one warning and the run goes on."""
    try:
        yield from articles
    except InputError as exc:
        log.warning("%s; skipped", exc)


def iter_articles(inputs: Iterable[str | Path], *, stdin: IO[str] | None = None) -> Iterator[Article]:
    """Yield articles in input order, lazily (files are read as the articles are asked for); unreadable
    files are warned about and skipped.

    A text read twice (under two names) is yielded once; the other names go to Article.aliases.
    """
    seen_hashes: dict[str, Article] = {}
    seen_ids: set[str] = set()
    for item in _expand(inputs):
        for article in _guarded(_stdin_articles(stdin or sys.stdin) if item == "-" else _read_file(Path(item))):
            first = seen_hashes.get(article.sha256)
            if first is not None:
                log.warning("%s: same text as %s; read once, both names kept", article.source,
                            first.source or first.id)
                first.aliases.append(article.source or article.id)
                continue
            if article.id in seen_ids:
                new_id = f"{article.id}-{article.sha256[:8]}"
                log.warning("%s: document id %r already used; using %r", article.source, article.id, new_id)
                article.id = new_id
            seen_hashes[article.sha256] = article
            seen_ids.add(article.id)
            yield article


def load_articles(inputs: Iterable[str | Path], *, stdin: IO[str] | None = None) -> list[Article]:
    """All articles from the inputs; raises InputError when none could be read."""
    inputs = list(inputs)
    articles = list(iter_articles(inputs, stdin=stdin))
    if not articles:
        raise InputError("no articles could be read from " + ", ".join(map(str, inputs)))
    return articles
