"""Read articles from .txt, .html/.htm, .jsonl files, folders (recursive) and stdin.

A file that cannot be read is reported as a warning and the rest goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from graphkit.errors import InputError
from graphkit.ingest.clutter import split_meta_date, strip_clutter
from graphkit.types import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


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
    """Clean raw text into an Article; the hash is of the raw text so re-runs match."""
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
    if not text:
        raise InputError(f"{source}: no article text found in the HTML")
    return make_article(
        doc_id,
        text,
        title=getattr(meta, "title", None) if meta else None,
        url=getattr(meta, "url", None) if meta else None,
        date=getattr(meta, "date", None) if meta else None,
        source=source,
    )


def _jsonl_articles(lines: Iterable[str], stem: str, source: str) -> Iterator[Article]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("%s line %d: not JSON (%s); skipped", source, n, exc.msg)
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            log.warning("%s line %d: no 'text' field; skipped", source, n)
            continue
        doc_id = str(row.get("id") or f"{stem}-{n}")
        yield make_article(
            doc_id,
            row["text"],
            title=row.get("title"),
            url=row.get("url"),
            date=str(row["date"]) if row.get("date") else None,
            source=f"{source}:{n}",
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
        yield from _jsonl_articles(_jsonl_lines(path), path.stem, str(path))
        return
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")
        log.warning("%s: not UTF-8, read as Latin-1", path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if suffix in HTML_SUFFIXES:
        yield _html_article(path.stem, raw, str(path))
    else:
        if not raw.strip():
            raise InputError(f"{path}: empty file")
        yield make_article(path.stem, raw, source=str(path))


def _stdin_articles(stream: IO[str]) -> Iterator[Article]:
    """JSONL on stdin is read line by line (a feed can be endless); anything else is one document."""
    first, blank = "", []
    for line in stream:
        if line.strip():
            first = line
            break
        blank.append(line)
    stripped = first.lstrip()
    if stripped.startswith("{"):
        yield from _jsonl_articles(chain(blank, [first], stream), "stdin", "stdin")
    elif stripped[:15].lower().startswith(("<!doctype", "<html")):
        yield _html_article("stdin", first + stream.read(), "stdin")
    elif stripped:
        yield make_article("stdin", first + stream.read(), source="stdin")


def _expand(inputs: Iterable[str | Path]) -> Iterator[Path | str]:
    for item in inputs:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                log.warning("%s: no .txt, .html or .jsonl files in this folder", path)
            yield from files
        elif path.is_file():
            yield path
        else:
            log.warning("%s: no such file or folder; skipped", path)


def _guarded(articles: Iterator[Article]) -> Iterator[Article]:
    """The articles a reader yields until it fails; its failure is one warning and the run goes on."""
    try:
        yield from articles
    except InputError as exc:
        log.warning("%s; skipped", exc)


def iter_articles(inputs: Iterable[str | Path], *, stdin: IO[str] | None = None) -> Iterator[Article]:
    """Yield articles in input order, lazily (files are read as the articles are asked for);
    unreadable files and duplicate texts are warned about and skipped."""
    seen_hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    for item in _expand(inputs):
        for article in _guarded(_stdin_articles(stdin or sys.stdin) if item == "-" else _read_file(Path(item))):
            if article.sha256 in seen_hashes:
                log.warning("%s: same text as %s; skipped", article.source, seen_hashes[article.sha256])
                continue
            if article.id in seen_ids:
                new_id = f"{article.id}-{article.sha256[:8]}"
                log.warning("%s: document id %r already used; using %r", article.source, article.id, new_id)
                article.id = new_id
            seen_hashes[article.sha256] = article.source or article.id
            seen_ids.add(article.id)
            yield article


def load_articles(inputs: Iterable[str | Path], *, stdin: IO[str] | None = None) -> list[Article]:
    """All articles from the inputs; raises InputError when none could be read."""
    inputs = list(inputs)
    articles = list(iter_articles(inputs, stdin=stdin))
    if not articles:
        raise InputError("no articles could be read from " + ", ".join(map(str, inputs)))
    return articles
