"""The results store: per-document extraction results kept in the output folder, keyed by content hash.

Why: an incremental run parses only documents whose text is new, yet resolution must see every
document to give the same entity ids as a run over everything. So each DocResult is kept once,
and resolution is redone over all of them without parsing again.

Layout: DIR/results.jsonl, one line per document, appended as results arrive (an interrupted run
keeps what it wrote; a torn last line is ignored). A document id seen again with another hash
replaces the earlier result but keeps its place, so the order of documents (and so the graph)
does not depend on when a run was stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from graphkit.errors import OutputError
from graphkit.extractor_id import extractor_id
from graphkit.types import Article, DocResult, Event, Mention, Provenance, Relation, Triple

log = logging.getLogger(__name__)

STORE_NAME = "results.jsonl"
FORMAT = 1


# -- DocResult <-> plain dict --------------------------------------------------------------------

def _prov_out(p: Provenance) -> list[Any]:
    return [p.doc_id, p.sentence, p.start, p.end, p.sent_start, p.sent_end]


def _prov_in(row: list[Any]) -> Provenance:
    return Provenance(str(row[0]), str(row[1]), int(row[2]), int(row[3]), int(row[4]), int(row[5]))


def result_to_dict(result: DocResult) -> dict[str, Any]:
    """A JSON-ready form of one DocResult (provenance as compact lists)."""
    a = result.article
    return {
        "article": {"id": a.id, "text": a.text, "title": a.title, "url": a.url, "date": a.date,
                    "source": a.source, "sha256": a.sha256, "removed_lines": a.removed_lines,
                    "aliases": list(a.aliases)},
        "mentions": [{**vars(m), "aliases": list(m.aliases)} for m in result.mentions],
        "triples": [{**vars(t), "prov": _prov_out(t.prov)} for t in result.triples],
        "events": [{**vars(e), "prov": _prov_out(e.prov)} for e in result.events],
        "relations": [{**vars(r), "prov": _prov_out(r.prov)} for r in result.relations],
        "warnings": list(result.warnings),
    }


def result_from_dict(data: dict[str, Any]) -> DocResult:
    """The inverse of result_to_dict. It takes the dicts over (their provenance and aliases are replaced
    in place): an incremental run reads every stored result, and copying each dict cost a fifth of that."""
    for m in data["mentions"]:
        m["aliases"] = tuple(m.get("aliases") or ())
    for kind in ("triples", "events", "relations"):
        for item in data[kind]:
            item["prov"] = _prov_in(item["prov"])
    return DocResult(
        article=Article(**data["article"]),
        mentions=[Mention(**m) for m in data["mentions"]],
        triples=[Triple(**t) for t in data["triples"]],
        events=[Event(**e) for e in data["events"]],
        relations=[Relation(**r) for r in data["relations"]],
        warnings=list(data.get("warnings") or []),
    )


# -- the store -----------------------------------------------------------------------------------

# the start of a line add() writes, up to the result: opening a store reads every line's id, hash and
# extractor from it instead of decoding the whole result (a full decode of every line was a third of an
# incremental run's reading). Strings as json writes them: no unescaped quote inside.
_HEAD = re.compile(rb'\{"id": ("(?:[^"\\]|\\.)*"), "sha256": "([0-9a-f]*)", "v": \d+, "x": ("(?:[^"\\]|\\.)*"), '
                   rb'"result": \{')


def _head(raw: bytes) -> tuple[str, str, str] | None:
    """(doc id, sha256, extractor id) of a stored line; None for a line that is not one."""
    found = _HEAD.match(raw)
    if found is not None and raw.endswith(b"}}\n"):
        try:
            return str(json.loads(found[1])), found[2].decode("ascii"), str(json.loads(found[3]))
        except (json.JSONDecodeError, UnicodeDecodeError):
            pass
    try:  # another layout (an older writer's, or one edited by hand): decode it all
        head = json.loads(raw)
        return str(head["id"]), str(head["sha256"]), str(head.get("x") or "")
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        return None


class ResultStore:
    """Append-only per-document results in one folder; see the module docstring."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / STORE_NAME
        self._hash_of: dict[str, str] = {}  # doc id -> sha256 of its current result, in document order
        self._offset: dict[str, int] = {}  # sha256 -> byte offset of its line
        self._lines = 0
        self._made_by: dict[str, str] = {}  # sha256 -> extractor id of the stored result ("" before ids were kept)
        self._fh: IO[bytes] | None = None
        if self.path.exists():
            self._scan()

    def _scan(self) -> None:
        good_end = 0
        with self.path.open("rb") as fh:
            offset = 0
            for raw in fh:
                start, offset = offset, offset + len(raw)
                if not raw.endswith(b"\n"):
                    log.warning("%s: the last result was cut off (an interrupted run?); it is dropped", self.path)
                    break
                head = _head(raw)
                if head is None:
                    log.warning("%s: a line at byte %d is not a stored result; skipped", self.path, start)
                    good_end = offset
                    continue
                doc_id, sha, made_by = head
                self._hash_of[doc_id] = sha
                self._offset[sha] = start
                self._made_by[sha] = made_by
                self._lines += 1
                good_end = offset
        if good_end < self.path.stat().st_size:
            with self.path.open("r+b") as fh:
                fh.truncate(good_end)

    # what is there
    def __len__(self) -> int:
        return len(self._hash_of)

    def __contains__(self, sha256: object) -> bool:
        return sha256 in self._offset

    def doc_ids(self) -> list[str]:
        return list(self._hash_of)

    def hash_of(self, doc_id: str) -> str | None:
        return self._hash_of.get(doc_id)

    def stale(self) -> list[str]:
        """Ids of documents whose stored facts another version of the extractor found."""
        current = extractor_id()
        return [doc_id for doc_id, sha in self._hash_of.items() if self._made_by.get(sha, current) != current]

    def status(self, article: Article) -> str:
        """'known' (same text stored), 'replaced' (the id is stored with another text) or 'new'."""
        current = self._hash_of.get(article.id)
        if current == article.sha256 or (current is None and article.sha256 in self._offset):
            return "known"
        return "replaced" if current is not None else "new"

    # writing
    def add(self, result: DocResult) -> None:
        """Append one result; its document id now points at it (a replaced text keeps its place)."""
        # results are keyed by content; an article built by hand may come without its hash
        sha = result.article.sha256 or hashlib.sha256(result.article.text.encode("utf-8")).hexdigest()
        line = json.dumps({"id": result.article.id, "sha256": sha, "v": FORMAT, "x": extractor_id(),
                           "result": result_to_dict(result)}, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            if self._fh is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._fh = self.path.open("ab")
            offset = self._fh.tell()
            self._fh.write(line)
            self._fh.flush()  # to the OS at once: a killed run loses no finished document (fsync: flush())
        except OSError as exc:
            raise self._cannot_write(exc) from exc
        self._hash_of[result.article.id] = sha
        self._offset[sha] = offset
        self._made_by[sha] = extractor_id()
        self._lines += 1

    def flush(self) -> None:
        """Make what was added survive a crash (called after each batch)."""
        if self._fh is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            except OSError as exc:
                raise self._cannot_write(exc) from exc

    def _cannot_write(self, exc: OSError) -> OutputError:
        return OutputError(f"{self.path}: cannot write ({exc.strerror or type(exc).__name__}); the results "
                           "stored before stay, and a torn last line is dropped on the next run")

    def close(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                raise self._cannot_write(exc) from exc
            finally:
                try:
                    fh.close()
                except OSError:
                    pass  # the flush above already failed and said so
        if self._lines > 2 * max(1, len(self._hash_of)):
            self.compact()

    # reading
    def results(self, doc_ids: Iterable[str] | None = None) -> Iterator[DocResult]:
        """Stored results in document order (or for the given ids), read one at a time."""
        self.flush()
        ids = self.doc_ids() if doc_ids is None else list(doc_ids)
        with self.path.open("rb") as fh:
            for doc_id in ids:
                sha = self._hash_of.get(doc_id)
                if sha is None:
                    continue
                fh.seek(self._offset[sha])
                try:
                    result = result_from_dict(json.loads(fh.readline())["result"])
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    log.warning("%s: the stored result of %s is damaged (%s); left out. Run again with --fresh "
                                "to extract every document again", self.path, doc_id, type(exc).__name__)
                    continue
                yield result

    def compact(self) -> None:
        """Rewrite the file with only the current result of each document (atomically)."""
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=STORE_NAME, suffix=".tmp")
        offsets: dict[str, int] = {}
        with os.fdopen(fd, "wb") as out, self.path.open("rb") as fh:
            for sha in self._hash_of.values():
                fh.seek(self._offset[sha])
                offsets[sha] = out.tell()
                out.write(fh.readline())
        os.replace(tmp, self.path)
        self._offset = offsets
        self._lines = len(offsets)
