"""Names: folding, acronyms, demonyms and gazetteer look-ups, in one place.

Ingest, extraction, resolution, evaluation and maps all compare names; they must compare them the
same way, so every rule for "are these two spellings one name" lives here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, Protocol

from graphkit import data_files, lexicons

__all__ = [
    "accentless_variants",
    "demonyms",
    "fold",
    "fold_accents",
    "gazetteer_aliases",
    "gazetteer_entries",
    "gazetteer_rows",
    "group_glossary",
    "home_country",
    "initials",
    "is_acronym",
    "leader_governments",
    "leaders",
    "scorer_key",
    "slug",
]

STOP_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "del", "las", "los", "y", "el", "on", "in", "&"})


class Named(Protocol):
    """What home_country needs of a mention."""

    @property
    def type(self) -> str: ...

    @property
    def canonical_id(self) -> str | None: ...


# resolution folds every mention of every stored document on each run, the same few thousand names:
# names (not whole texts) are cached, in a bounded cache so that memory stays flat on any corpus
_FOLDS, _NAME_LENGTH = 1 << 16, 120


_ACCENTLESS: dict[int, str] = {}  # code point -> its NFKD decomposition without combining marks


def fold_accents(text: str) -> str:
    """'Nicolás' -> 'Nicolas'."""
    # character by character, through a table filled as characters are first seen: the same as
    # decomposing the whole text (reordering moves only combining marks, which go) at str.translate speed
    if text.isascii():
        return text
    for c in set(text):
        if ord(c) > 127 and ord(c) not in _ACCENTLESS:
            _ACCENTLESS[ord(c)] = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
    return text.translate(_ACCENTLESS)


def _fold(name: str, possessive: re.Pattern[str]) -> str:
    s = fold_accents(str(name)).casefold()
    s = s.replace("’", "'")
    s = possessive.sub(" ", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


_POSSESSIVE = re.compile(r"'s\b")
_SCORER_POSSESSIVE = re.compile(r"'s(?= |$)")


def fold(name: str) -> str:
    """Case, accent, punctuation, possessive and leading-article folding used to compare names.

    Lowercased after case folding: casefold() turns some scripts' small letters into capitals (Cherokee)."""
    name = str(name)
    return _fold_cached(name) if len(name) <= _NAME_LENGTH else _fold_name(name)


def _fold_name(name: str) -> str:
    return _fold(name, _POSSESSIVE).lower()


_fold_cached = lru_cache(maxsize=_FOLDS)(_fold_name)


def scorer_key(name: object) -> str:
    """The evaluation scorer's folding (../shared/eval/score.py): a possessive only before a space or the end."""
    return _fold(str(name), _SCORER_POSSESSIVE)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–]+", fold(name)) if w and w not in STOP_WORDS]
    return "".join(w[0] for w in words)


def is_acronym(text: str) -> bool:
    core = text.replace(".", "")
    return 2 <= len(core) <= 8 and core.isupper() and core.isalpha()


def accentless_variants(names: Iterable[str]) -> set[str]:
    """The spellings without accents of those names that have any."""
    out = set()
    for n in names:
        folded = fold_accents(n)
        if folded != n:
            out.add(folded)
    return out


# -- the gazetteers -------------------------------------------------------------------------------

@cache
def gazetteer_rows() -> tuple[dict[str, Any], ...]:
    """Every entry of every gazetteer file (organizations, places, leaders)."""
    rows: list[dict[str, Any]] = []
    for name in data_files.gazetteer_names():
        rows.extend(data_files.read_jsonl(name))
    return tuple(rows)


@cache
def gazetteer_entries() -> dict[str, tuple[str, str]]:
    """Gazetteer id -> (subtype, name)."""
    return {r["id"]: (r.get("subtype") or "", r["name"]) for r in gazetteer_rows()}


@cache
def gazetteer_aliases() -> dict[str, tuple[str, str]]:
    """Lowercased accentless name or alias -> (gazetteer id, type), for names of exactly one entry."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for row in gazetteer_rows():
        for name in (row["name"], *row.get("aliases", [])):
            seen.setdefault(fold_accents(name).lower(), set()).add((row["id"], row["type"]))
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@cache
def leaders() -> dict[str, tuple[str, str, str]]:
    """Lowercased accentless leader name or alias -> (leader id, leader name, government id)."""
    out: dict[str, tuple[str, str, str]] = {}
    for row in gazetteer_rows():
        if row.get("type") == "Person" and row.get("government"):
            for name in (row["name"], *row.get("aliases", [])):
                out.setdefault(fold_accents(name).lower(), (row["id"], row["name"], row["government"]))
    return out


@cache
def leader_governments() -> dict[str, str]:
    """Ruler id -> the government id the ruler heads or headed (not opposition leaders or claimants)."""
    ruling = lexicons.word_list("ruling_roles")
    return {row["id"]: row["government"] for row in gazetteer_rows()
            if row.get("type") == "Person" and row.get("government") and row.get("role") in ruling}


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym -> country gazetteer id ("venezuelan" -> "loc-ve")."""
    out: dict[str, str] = {}
    for row in gazetteer_rows():
        if row.get("subtype") == "country":
            for d in row.get("demonyms") or []:
                out.setdefault(fold(d), row["id"])
    return out


@cache
def group_glossary() -> dict[str, str]:
    """Folded variant group word -> its folded canonical word ("colectivos" -> "collectives")."""
    return {fold(k): fold(v) for k, v in lexicons.group_glossary().items()}


def home_country(text: str, mentions: Iterable[Named]) -> str | None:
    """The country a document is about (its gazetteer id): the one its places and demonyms name most."""
    countries = set(demonyms().values())
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.type == "Location" and m.canonical_id in countries:
            votes[m.canonical_id] += 1
    votes.update(_demonym_votes(text))  # after the places, as ties go to the first counted
    return votes.most_common(1)[0][0] if votes else None


@lru_cache(maxsize=4)
def _demonym_votes(text: str) -> Counter[str]:
    """Country id -> how often the text uses its demonym (several rules ask of the same document; the
    caller adds them to its own Counter)."""
    by_demonym = demonyms()
    votes: Counter[str] = Counter()
    # word by word: the folding is local to a word (bar the leading article, never a demonym), and each
    # word's folding is cached, where folding the whole text was a third of resolving a stored corpus
    for word in (w for token in text.split() for w in fold(token).split()):
        if word in by_demonym:
            votes[by_demonym[word]] += 1
        elif word.endswith("s") and word[:-1] in by_demonym:  # "Eritreans"
            votes[by_demonym[word[:-1]]] += 1
    return votes
