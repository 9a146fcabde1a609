"""In-document coreference: pronouns and definite descriptions point back to a named mention.

"he said" -> the last person named before; "the commission" -> the last organization whose name
holds "Commission"; "the regime" -> the last government named. The new mentions carry an
`antecedent`, and resolution puts them in their antecedent's entity.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.entity_repair import governments, home_government
from graphkit.extract.parse import reporting_verbs, verb_in, verb_positions
from graphkit.extract.rules import add_rule, rule
from graphkit.names import gazetteer_entries
from graphkit.types import Mention

_DETERMINERS = frozenset({"the", "this", "that"})
_POSSESSIVES = frozenset({"his", "her", "its", "their"})  # "his government in Syria": the place says which
_WINDOW_CHARS = 1500  # an antecedent further back than a few paragraphs is too uncertain


def _antecedent(items: list[Mention], before: int, accept: Callable[[Mention], bool]) -> Mention | None:
    for m in reversed(items):
        if m.end <= before and before - m.end <= _WINDOW_CHARS and accept(m):
            return m
    return None


@rule("coref-person-pronoun", "coref")
def _person_pronoun_rule() -> None:
    """'he said' -> the person who has spoken, else the most talked-about one, else the last person named."""


@rule("coref-government-noun", "coref")
def _government_noun_rule() -> None:
    """'the regime', 'the government' -> the last government named before."""


@rule("coref-head-word", "coref")
def _head_word_rule() -> None:
    """'the commission' -> the last organization or group whose multiword name holds the word."""


@rule("coref-class-noun", "coref")
def _class_noun_rule() -> None:
    """'the gang' -> the last organization of a kind the noun can name (data: class_nouns.yaml)."""


@rule("government-of-place", "coref")
def _government_of_place(token: Token, places: dict[int, Mention]) -> str | None:
    """'the government in Bolivia', 'the regime of Syria': the government of the country the noun names,
    whatever government was named before (`places`: the known places by their first character)."""
    doc = token.doc
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of")]
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("in", "of"):
        preps.append(doc[token.i + 1])  # the parse may hang the place on the verb or noun before
    for prep in preps:
        at = prep.i + 2 if prep.i + 2 < len(doc) and doc[prep.i + 1].lower_ == "the" else prep.i + 1
        place = places.get(doc[at].idx) if at < len(doc) else None
        if place is not None:
            return governments().get(place.canonical_id or "")
    return None


@rule("home-government", "coref")
def _government_mention(doc_id: str, gov_id: str, span: Span, rule_name: str) -> Mention:
    """'the government', 'the State' with no government named before: the government of the document's country."""
    subtype, name = gazetteer_entries().get(gov_id, ("government", gov_id))
    sent = span.sent
    m = Mention(key=f"{doc_id}:{span.start_char}-{span.end_char}", text=span.text, type="Organization",
                doc_id=doc_id, start=span.start_char, end=span.end_char, sent_start=sent.start_char,
                sent_end=sent.end_char, subtype=subtype or "government", canonical_id=gov_id, canonical_name=name,
                confidence=0.6, source="coref")
    add_rule(m.rules, rule_name)
    return m


def coreferent_mentions(doc: Doc, doc_id: str, named: list[Mention]) -> list[Mention]:
    """Pronoun and definite-description mentions with their antecedents (the Doc is unchanged)."""
    items = sorted((m for m in named if m.antecedent is None), key=lambda m: m.start)
    # a bare one-word group ("the gang") may still point back at the organization it is
    taken = {i for m in named if not (m.type == "Group" and " " not in m.text) for i in range(m.start, m.end)}
    kinds = lexicons.class_nouns()
    out: list[Mention] = []
    speakers = _speaker_keys(doc, items)
    places: dict[int, Mention] = {}
    for m in items:
        if m.type == "Location" and m.canonical_id:
            places.setdefault(m.start, m)
    for token in doc:
        if token.idx in taken:
            continue
        if token.lower_ in _person_pronouns() and token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass", "pobj"):
            ante = None
            if token.dep_ == "nsubj" and _reports(token.head):
                # "..., he said": the person who has spoken, else the most talked-about one so far
                ante = _antecedent(items, token.idx, lambda m: m.key in speakers) or _salient(items, token.idx)
            ante = ante or _antecedent(items, token.idx, lambda m: m.type == "Person" and m.source != "coref")
            if ante is not None:
                copy = _copy(ante, token.text, token.idx, token.idx + len(token), token.sent, 0.6)
                add_rule(copy.rules, "coref-person-pronoun")
                out.append(copy)
            continue
        if token.pos_ != "NOUN" or token.i == 0:
            continue
        word = token.lower_
        if word in _government_nouns() and doc[token.i - 1].lower_ in _DETERMINERS | _POSSESSIVES:
            placed = _government_of_place(token, places)
            if placed is not None:
                out.append(_government_mention(doc_id, placed, doc[token.i - 1 : token.i + 1], "government-of-place"))
                continue
        if doc[token.i - 1].lower_ not in _DETERMINERS:
            continue
        if word in _government_nouns():
            ante = _antecedent(items, token.idx, lambda m: m.subtype == "government")
            if ante is None:
                home = home_government(doc, items)
                if home is not None:
                    out.append(_government_mention(doc_id, home, doc[token.i - 1 : token.i + 1], "home-government"))
                continue
            rule_name = "coref-government-noun"
        else:
            rule_name = "coref-head-word"
            def named_by_word(m: Mention, w: str = word) -> bool:
                return m.type in ("Organization", "Group", "Location") and w in m.text.lower().split() \
                    and len(m.text.split()) > 1

            ante = _antecedent(items, token.idx, named_by_word)
            if ante is None and token.lemma_.lower() in kinds:
                # "the gang" after "Tren de Aragua": the last organization of a kind the noun can name
                fits = kinds[token.lemma_.lower()]
                rule_name = "coref-class-noun"
                def of_kind(m: Mention, fits: frozenset[str] = fits) -> bool:
                    return m.type == "Organization" and m.subtype is not None and m.subtype in fits

                ante = _antecedent(items, token.idx, of_kind)
        if ante is not None:
            start = doc[token.i - 1].idx
            copy = _copy(ante, doc[token.i - 1 : token.i + 1].text, start, token.idx + len(token), token.sent, 0.7)
            add_rule(copy.rules, rule_name)
            out.append(copy)
    return out


def _person_pronouns() -> frozenset[str]:
    return lexicons.word_list("person_pronouns")


def _government_nouns() -> frozenset[str]:
    """'the regime', 'the State': nouns that point back at a government (shared with the ruler's patterns)."""
    return lexicons.word_list("government_nouns")


def _salient(items: list[Mention], before: int) -> Mention | None:
    """The person named most often before this point (by surname); the latest mention of them."""
    counts: dict[str, int] = {}
    last: dict[str, Mention] = {}
    surnames = {m.text.split()[-1].lower() for m in items if m.type == "Person"}
    for m in items:
        # NER often calls a lone surname an organization; the surname still counts for its person
        named_person = m.type == "Person" or (" " not in m.text and m.text.lower() in surnames)
        if named_person and m.end <= before and m.source != "coref":
            surname = m.text.split()[-1].lower()
            counts[surname] = counts.get(surname, 0) + 1
            last[surname] = m
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k].start))
    person = [m for m in items if m.type == "Person" and m.text.split()[-1].lower() == best and m.end <= before]
    return person[-1] if person else None


def _reports(verb: Token) -> bool:
    return verb_in(verb, reporting_verbs())


def _speaker_keys(doc: Doc, items: list[Mention]) -> set[str]:
    """People who are the subject of a reporting verb somewhere in the text."""
    by_start = {m.start: m for m in items if m.type == "Person"}
    keys = set()
    for i in verb_positions(doc, reporting_verbs):
        verb = doc[i]
        if not _reports(verb):
            continue
        for token in verb.children:
            if token.dep_ != "nsubj":
                continue
            # "the lead writer of the survey, Ana Ruiz, says": the person apposed to the subject speaks
            heads = [token, *(c for c in token.children if c.dep_ == "appos")]
            for m in by_start.values():
                if any(m.start <= t.idx < m.end for t in heads):
                    keys.add(m.key)
    return keys


def _copy(ante: Mention, text: str, start: int, end: int, sent: Span, confidence: float) -> Mention:
    return Mention(
        key=f"{ante.doc_id}:{start}-{end}", text=text, type=ante.type, doc_id=ante.doc_id, start=start, end=end,
        sent_start=sent.start_char, sent_end=sent.end_char, subtype=ante.subtype, canonical_id=ante.canonical_id,
        canonical_name=ante.canonical_name, confidence=confidence, source="coref", antecedent=ante.key,
    )
