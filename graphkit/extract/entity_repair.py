"""Repairs of the named spans NER gives, before they become mentions: each repair is a registered rule.

NER on news text splits names at parentheses and hyphens ("United Popular Front (UPF", "PDS" "-Alliance"),
stops before the kind of place or group a name is ("Bayon" temple, "Juárez" cartel), cuts a long name
in two ("Coast Guard of the" + "Republic of the Marshall Islands"), tags the words of a title-case
headline as names, and misses a country's institutions named by its demonym ("the Mexican army").
The repairs work on candidates (span, type, gazetteer id, rules) in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from graphkit import lexicons
from graphkit.extract.doc_words import doc_spaces, doc_text, doc_words
from graphkit.extract.rules import add_rule, rule
from graphkit.names import demonyms, fold, fold_accents, gazetteer_aliases, gazetteer_rows, home_country, is_acronym
from graphkit.types import Mention


@dataclass
class Candidate:
    """A named span on its way to becoming a mention."""

    span: Span
    label: str
    canonical: str | None = None
    rules: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


Repair = Callable[[Doc, list[Candidate]], list[Candidate]]


def _lines(name: str) -> frozenset[str]:
    return lexicons.word_list(name.removesuffix(".txt"))


@lru_cache(maxsize=1)
def place_kind_nouns() -> frozenset[str]:
    return _lines("place_kind_nouns.txt")


@lru_cache(maxsize=1)
def organization_kind_nouns() -> frozenset[str]:
    return _lines("organization_kind_nouns.txt")


@lru_cache(maxsize=1)
def institution_nouns() -> frozenset[str]:
    return _lines("institution_nouns.txt")


def _known(text: str) -> tuple[str, str] | None:
    return gazetteer_aliases().get(fold_accents(text).lower())


def _with(c: Candidate, span: Span, name: str, label: str | None = None) -> Candidate:
    hit = _known(span.text) if c.canonical is None else None
    canonical, new_label = (hit[0], hit[1]) if hit else (c.canonical, label or c.label)
    out = Candidate(span, new_label, canonical, list(c.rules))
    add_rule(out.rules, name)
    return out


@rule("paren-split", "entity")
def paren_split(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'United Popular Front (UPF': the name before the parenthesis, the acronym inside as its own name."""
    out: list[Candidate] = []
    for c in items:
        cut = next((t.i for t in c.span if t.text == "("), None)
        if cut is None or cut == c.start:
            out.append(c)
            continue
        out.append(_with(c, doc[c.start : cut], "paren-split"))
        inner_end = next((t.i for t in doc[cut + 1 : c.end] if t.text == ")"), c.end)
        inner = doc[cut + 1 : inner_end]
        if len(inner) and inner[0].text[:1].isupper():
            out.append(_with(c, inner, "paren-split"))
    return out


@rule("hyphen-join", "entity")
def hyphen_join(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'PDS-Alliance': an organization's name glued by a hyphen to a capitalised word is one name."""
    out: list[Candidate] = []
    for c in items:
        end = c.end
        while (c.label == "Organization" and end + 1 < len(doc) and doc[end].text in ("-", "–")
               and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()):
            end += 2
        out.append(c if end == c.end else _with(c, doc[c.start : end], "hyphen-join"))
    return _drop_covered(out)


@rule("of-join", "entity")
def of_join(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Coast Guard of the' + 'Republic of the Marshall Islands': a name cut after 'of (the)' goes on."""
    out: list[Candidate] = []
    for c in items:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == "Organization" and prev.end == c.start
                and doc[prev.end - 1].lower_ in ("of", "the", "for", "on") and doc[prev.start].text[:1].isupper()):
            out[-1] = _with(prev, doc[prev.start : c.end], "of-join")
            continue
        out.append(c)
    return out


def _kind_run(doc: Doc, end: int, nouns: frozenset[str], *, lower_only: bool = True) -> int:
    """End of the longest kind phrase of the list right after a name ('prison complex', 'temple')."""
    for size in (3, 2, 1):
        words = doc[end : end + size]
        if len(words) == size and (not lower_only or all(t.is_lower for t in words)) \
                and " ".join(t.lower_ for t in words) in nouns:
            return end + size
    return end


@rule("kind-noun-extend", "entity")
def kind_noun_extend(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Bayon temple', 'Tora prison complex', 'Xinjiang region', 'the Juárez cartel': the kind of place or group
    that follows a name is part of it (data: place_kind_nouns.txt, organization_kind_nouns.txt)."""
    taken = {i for c in items for i in range(c.start, c.end)}
    out: list[Candidate] = []
    for c in items:
        end = c.end
        if c.label == "Location":
            end = _kind_run(doc, c.end, place_kind_nouns())
            label = "Location"
        if end == c.end and c.label in ("Location", "Organization"):
            end = _kind_run(doc, c.end, organization_kind_nouns())
            label = "Organization"
        indefinite = c.start > 0 and doc[c.start - 1].lower_ in ("a", "an")  # "a Caracas prison" is unnamed
        if end == c.end or indefinite or any(i in taken for i in range(c.end, end)) or (
                end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].is_lower):
            out.append(c)
            continue
        grown = _with(c, doc[c.start : end], "kind-noun-extend", label)
        grown.canonical = None if grown.label != c.label else grown.canonical
        out.append(grown)
    return out


@rule("kind-noun-name", "entity")
def kind_noun_name(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Mekdela prison', 'Sorvang church': capitalised words NER left untagged, before a kind of place (or of
    group), are that place's (or group's) name (data: place_kind_nouns.txt, organization_kind_nouns.txt)."""
    taken = {i for c in items for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for token in doc:
        if not (token.is_title and token.pos_ == "PROPN") or token.i in taken or (
                found and found[-1].end > token.i):
            continue
        end = token.i
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and end not in taken \
                and "\n" not in doc[end].whitespace_:
            end += 1
        if end == len(doc) or "\n" in doc[end - 1].whitespace_:
            continue
        place = _kind_run(doc, end, place_kind_nouns())
        kind_end = place if place > end else _kind_run(doc, end, organization_kind_nouns())
        indefinite = token.i > 0 and doc[token.i - 1].lower_ in ("a", "an")  # "a Caracas prison" is unnamed
        if kind_end == end or indefinite or any(i in taken for i in range(end, kind_end)) or (
                kind_end < len(doc) and doc[kind_end].pos_ == "NOUN" and doc[kind_end].is_lower):
            continue
        c = Candidate(doc[token.i : kind_end], "Location" if place > end else "Organization")
        add_rule(c.rules, "kind-noun-name")
        found.append(c)
    return sorted(items + found, key=lambda c: c.start) if found else items


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name or alias -> country gazetteer id (for "Burma's military")."""
    out: dict[str, str] = {}
    for row in gazetteer_rows():
        if row.get("subtype") == "country":
            for name in (row["name"], *row.get("aliases", [])):
                out.setdefault(fold(name), row["id"])
    return out


@lru_cache(maxsize=1)
def _demonyms_of() -> dict[str, tuple[str, ...]]:
    """Country gazetteer id -> its demonyms."""
    return {r["id"]: tuple(r.get("demonyms") or ()) for r in gazetteer_rows() if r.get("subtype") == "country"}


@lru_cache(maxsize=1)
def governments() -> dict[str, str]:
    """Country gazetteer id -> its government's id."""
    by_code = {r["country"]: r["id"] for r in gazetteer_rows() if r.get("subtype") == "government" and r.get("country")}
    return {r["id"]: by_code[r["country"]] for r in gazetteer_rows()
            if r.get("subtype") == "country" and r.get("country") in by_code}


def home_government(doc: Doc, items: list[Mention]) -> str | None:
    """The gazetteer id of the government of the country the document is about."""
    home = home_country(doc_text(doc), items)
    return governments().get(home) if home else None


@lru_cache(maxsize=1)
def _government_nouns() -> frozenset[str]:
    return _lines("government_nouns.txt")


_HOME_NOUNS = frozenset({"country", "nation"})


@rule("demonym-institution", "entity")
def demonym_institution(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'the Mexican army', 'Egyptian police', "Burma's military": a country's institution named by its demonym
    or possessive is an Organization (data: institution_nouns.txt); 'Mexican soldiers' stays a group."""
    taken = {i for c in items for i in range(c.start, c.end)}
    by_start = {c.start: c for c in items}
    nouns = institution_nouns()
    found: list[Candidate] = []
    home: str | None = None
    words, spaces = doc_words(doc), doc_spaces(doc)  # strings: a Token made per look was most of the time
    for i, word in enumerate(words):
        if i in taken and i not in by_start:
            continue
        for size in (2, 1):  # "North Korean", "Mexican"; "Burma 's"
            if i + size > len(words):
                continue
            after = i + size
            possessive = after < len(words) and words[after] in ("'s", "’s", "’", "'")
            capital = word[:1].isupper()
            if not (capital or possessive):
                continue  # both kinds of name start with a capital or stand before 's: fold nothing else
            folded = fold(word if size == 1 else word + spaces[i] + words[i + 1])
            is_demonym = capital and folded in demonyms()
            country_id = _country_names().get(folded, "") if possessive else ""
            if possessive and not country_id and folded in _HOME_NOUNS and doc[i - 1].lower_ == "the":
                if home is None:  # "the nation's army": the country the text is about
                    home = home_country(doc_text(doc), [_Place(c.label, c.canonical) for c in items]) or ""
                country_id = home
            attributive = not possessive and capital and not is_demonym and folded in _country_names()
            if attributive:  # "the Honduras Police": a country's name used as its demonym
                country_id = _country_names()[folded]
            is_country = bool(country_id)
            if not (is_demonym or is_country):
                continue
            head = after + 1 if possessive else after
            end = _kind_run(doc, head, nouns, lower_only=False)
            owner = by_start.get(i)
            same = owner is not None and owner.end == end  # the NER read the same name: "Honduras Police"
            if end == head or (not same and any(j in taken for j in range(head, end))):
                continue
            if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and not doc[end].is_title:
                continue  # "Mexican police officers": the group, not the institution
            if owner is not None and owner.end != i + size and not same:
                continue
            span = doc[i : end]
            hit = _known(span.text)
            if hit is None and is_country:  # "Nicaragua's National Police" is the "Nicaraguan National Police"
                for demonym in _demonyms_of().get(country_id, ()):
                    hit = hit or _known(f"{demonym} {doc[head:end].text}")
            canonical = hit[0] if hit and hit[1] == "Organization" else None
            if canonical is None and doc[end - 1].lower_ in _government_nouns():
                country = demonyms().get(folded) or country_id
                canonical = governments().get(country or "")
            c = Candidate(span, "Organization", canonical)
            add_rule(c.rules, "demonym-institution")
            found.append(c)
            break
    if not found:
        return items
    cover = {i for c in found for i in range(c.start, c.end)}
    kept = [c for c in items if not any(i in cover for i in range(c.start, c.end))]
    return sorted(kept + found, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _countries_by_code() -> dict[str, str]:
    """ISO code -> country gazetteer id ("VE" -> "loc-ve")."""
    return {r["country"]: r["id"] for r in gazetteer_rows() if r.get("subtype") == "country" and r.get("country")}


@lru_cache(maxsize=1)
def _body_countries() -> dict[str, str]:
    """Gazetteer id of a national body -> its country's gazetteer id."""
    codes = _countries_by_code()
    return {r["id"]: codes[r["country"]] for r in gazetteer_rows()
            if r.get("subtype") != "country" and r.get("country") in codes}


def _named_countries(text: str, items: list[Candidate]) -> set[str]:
    """Country gazetteer ids the document names: by a place or body the gazetteer knows, or by a demonym."""
    countries = set(_countries_by_code().values())
    bodies = _body_countries()
    named = {c.canonical for c in items if c.canonical in countries}
    named |= {bodies[c.canonical] for c in items if c.canonical in bodies and not is_acronym(c.span.text)}
    by_demonym = demonyms()
    named |= {by_demonym[w] for w in fold(text).split() if w in by_demonym}
    return {c for c in named if c is not None}


@dataclass(frozen=True)
class _Place:
    """A candidate as home_country reads it."""

    type: str
    canonical_id: str | None


def _short_acronym(text: str) -> bool:
    return is_acronym(text) and len(text.replace(".", "")) <= 3


@rule("foreign-acronym", "entity")
def foreign_acronym(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """A short acronym is ambiguous across countries ('ANC', 'PF', 'FAR'): in a document about another
    country that never names the body's own, it stays an unlinked organization.
    Longer ones ('SEBIN', 'DGCIM') are told apart by their letters and keep their id."""
    bodies = _body_countries()
    suspects = [c for c in items if c.canonical in bodies and _short_acronym(c.span.text)]
    if not suspects:
        return items
    text = doc_text(doc)
    home = home_country(text, [_Place(c.label, c.canonical) for c in items if c not in suspects])
    if home is None:
        return items  # a text that is about no country gives no ground to doubt the gazetteer
    named = _named_countries(text, items)
    for c in suspects:
        if bodies[c.canonical or ""] not in named:
            c.canonical = None
            c.rules = [r for r in c.rules if r not in ("gazetteer-ruler", "gazetteer-type-repair")]
            add_rule(c.rules, "foreign-acronym")
    return items


@rule("adjacent-person-join", "entity")
def adjacent_person_join(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Rosa Elena' + 'Quiroga Méndez de Paz' with only a space between: one person's full name."""
    out: list[Candidate] = []
    for c in items:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == "Person" and c.label == "Person" and prev.end == c.start
                and "\n" not in doc[prev.end - 1].whitespace_):
            out[-1] = _with(prev, doc[prev.start : c.end], "adjacent-person-join")
            continue
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Titles, offices and ranks (titles.yaml): never part of a person's or an organization's name."""
    t = lexicons.titles()
    words = t.get("person_titles", frozenset()) | t.get("leads", frozenset()) | t.get("member_of", frozenset())
    return frozenset(w.rstrip(".") for w in words) | words


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    words = lexicons.titles().get("person_titles", frozenset())
    return frozenset(w.rstrip(".") for w in words) | words


@rule("title-trim", "entity")
def title_trim(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Mission chair Marta Valinas' -> 'Marta Valinas'; 'Army Corporal' -> 'Army': a title is not part of a name
    (the office becomes a relation)."""
    titles = _title_words()
    out: list[Candidate] = []
    for c in items:
        start, end = c.start, c.end
        if c.label == "Person":
            while end - start > 2 and doc[start].lower_.rstrip(".") in titles:
                start += 1
            if end - start == 2 and doc[start].lower_.rstrip(".") in titles and doc[start].lower_ not in ("mr", "ms"):
                start += 1
        elif c.label == "Organization" and c.canonical is None:  # "Army Corporal": a rank, never "Guard"
            while end - start > 1 and doc[end - 1].lower_.rstrip(".") in _person_titles() and doc[end - 1].is_title:
                end -= 1
        out.append(c if (start, end) == (c.start, c.end) else _with(c, doc[start:end], "title-trim"))
    return out


@rule("person-name-extend", "entity")
def person_name_extend(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Joao Pedro' + 'Matos Pinto', 'Ludwig Criss' (tagged a nationality) + 'Zelaya Romero': capitalised proper
    nouns glued to a person's name, in no other name, are part of it."""
    taken = {i for c in items for i in range(c.start, c.end)}
    titles = _title_words()

    def namelike(i: int) -> bool:
        t = doc[i]
        return (0 <= i < len(doc) and i not in taken and t.pos_ == "PROPN" and t.is_title and t.is_alpha
                and t.lower_ not in titles and fold(t.text) not in demonyms())

    out: list[Candidate] = []
    for c in items:
        start, end = c.start, c.end
        if c.label == "Person":
            while start - 1 >= 0 and namelike(start - 1) and not doc[start - 1].is_sent_start \
                    and "\n" not in doc[start - 1].whitespace_:
                start -= 1
            while end < len(doc) and namelike(end) and "\n" not in doc[end - 1].whitespace_ and end - start < 6:
                end += 1
        if (start, end) != (c.start, c.end):
            taken.update(range(start, end))
            grown = _with(c, doc[start:end], "person-name-extend")
            if start < c.start and c.canonical is not None and _known(grown.span.text) is None:
                grown.canonical = None  # "Carla Nicolás Maduro" is not the known "Nicolás Maduro": another first name
            out.append(grown)
        else:
            out.append(c)
    return out


@rule("ministry-list-join", "entity")
def ministry_list_join(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """'Ministry of Labour, Housing and Transport': a ministry's name may list its portfolios after a comma."""
    out: list[Candidate] = []
    skip_to = -1
    for c in items:
        if c.start < skip_to:
            continue
        end = c.end
        if c.label == "Organization" and doc[c.start].lower_ == "ministry" and end + 3 < len(doc) \
                and doc[end].text == "," and doc[end + 1].is_title and doc[end + 2].lower_ == "and" \
                and doc[end + 3].is_title:
            end += 4
        if end != c.end:
            skip_to = end
            out.append(_with(c, doc[c.start : end], "ministry-list-join"))
        else:
            out.append(c)
    return out


_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def heading_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of title-case lines without final punctuation: headlines and section headings."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        if len(words) < 3 or _SENTENCE_END.search(line):
            continue
        content = [w for w in words if len(w) > 3]
        if content and sum(w[0].isupper() for w in content) >= 0.8 * len(content):
            out.append((start, start + len(line)))
    return out


@rule("heading-drop", "entity")
def heading_drop(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """In a title-case headline every word looks like a name: keep a name from it only if the text uses it again
    elsewhere or the gazetteer knows it."""
    heads = heading_lines(doc)
    if not heads:
        return items
    out = []
    text = doc_text(doc)
    rests: dict[tuple[int, int], str] = {}  # the folded text outside each heading, folded once
    for c in items:
        line = next(((a, b) for a, b in heads if a <= c.span.start_char and c.span.end_char <= b), None)
        if line is not None and c.canonical is None:
            if line not in rests:
                rests[line] = f" {fold(text[: line[0]])} {fold(text[line[1] :])} "
            if f" {fold(c.span.text)} " not in rests[line]:
                continue
        out.append(c)
    return out


def _complement(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for a, b in sorted(ranges):
        out.append((pos, a))
        pos = b
    out.append((pos, length))
    return out


def _drop_covered(items: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in items:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


@rule("not-a-name-drop", "entity")
def not_a_name_drop(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """What NER tags that names no one: a word in lower case ('pandilleros', a kind of gang member), a nationality
    alone ('Kenyan'), a report, law, day or operation ('the Marlow Report', 'Operation Tern'; data:
    non_actor_names.txt); a name the gazetteer knows stays."""
    kinds = lexicons.word_list("non_actor_names")

    def not_an_actor(span: Span) -> bool:
        words = fold(span.text).split()
        return bool(words) and ((words[-1] in kinds and "of" not in words) or (words[0] == "operation" != words[-1]))

    return [c for c in items if c.canonical is not None or not (
        c.span.text == c.span.text.lower() or fold(c.span.text) in demonyms() or not_an_actor(c.span))]


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,5}")
_ROMAN = re.compile(r"[IVXLCDM]+")


def _acronym(text: str) -> bool:
    """'KRSB', 'ZNLA', 'UNTF': three to six capitals (a plural 'NGOs' names a group, a Roman numeral a rank)."""
    return bool(_ACRONYM.fullmatch(text)) and not _ROMAN.fullmatch(text)


def _in_running_text(doc: Doc, text: str, token: int) -> bool:
    """The token's line is prose (mostly lower case), not a capitalised headline, dateline or byline
    (`text` is doc_text(doc))."""
    start = text.rfind("\n", 0, doc[token].idx) + 1
    end = text.find("\n", doc[token].idx)
    if not text[start : doc[token].idx].strip() and token + 1 < len(doc) and doc[token + 1].text in "-–—:(":
        return False  # "FILE - ...", "NAIROBI (date) –": a caption's or dateline's label
    letters = [c for c in text[start : end if end >= 0 else len(text)] if c.isalpha()]
    return sum(c.islower() for c in letters) >= 0.6 * len(letters)


@rule("acronym-organization", "entity")
def acronym_organization(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """An acronym is a body: one NER called a person ('KRSB head X') is an organization, and one NER missed
    ('the KRSB found') is the type the document gives it elsewhere, else an organization. A missed acronym must
    recur in the document and stand in prose, so that capitalised datelines and captions stay out."""
    typed = {c.span.text: c.label for c in items if c.end - c.start == 1 and _acronym(c.span.text)}
    out: list[Candidate] = []
    for c in items:
        if c.label == "Person" and c.canonical is None and c.end - c.start == 1 and _acronym(c.span.text):
            c = _with(c, c.span, "acronym-organization", "Organization")
            typed[c.span.text] = "Organization"
        out.append(c)
    taken = {i for c in items for i in range(c.start, c.end)}
    words = doc_words(doc)
    acronyms = [i for i, w in enumerate(words) if _acronym(w)]
    counts = Counter(words[i] for i in acronyms)
    found: list[Candidate] = []
    text = doc_text(doc)
    for i in acronyms:
        if i in taken or counts[words[i]] < 2 or doc[i].is_stop or not _in_running_text(doc, text, i):
            continue
        hit = _known(words[i])
        label = hit[1] if hit else typed.get(words[i], "Organization")
        c = Candidate(doc[i : i + 1], label, hit[0] if hit else None)
        add_rule(c.rules, "acronym-organization")
        found.append(c)
    return sorted(out + found, key=lambda c: c.start) if found else out


REPAIRS: tuple[Repair, ...] = (not_a_name_drop, foreign_acronym, paren_split, hyphen_join, of_join,
                               ministry_list_join, title_trim, kind_noun_extend, kind_noun_name, demonym_institution,
                               adjacent_person_join, person_name_extend,
                               heading_drop, acronym_organization)


def repair(doc: Doc, items: list[Candidate]) -> list[Candidate]:
    """Every repair in order over the candidates (sorted, not overlapping)."""
    items = _drop_covered(sorted(items, key=lambda c: (c.start, -c.end)))
    for fix in REPAIRS:
        items = fix(doc, items)
    return items
