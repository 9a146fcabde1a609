"""In-document coreference: pronouns and definite descriptions point back to a named mention.

"he said" -> the last person named before; "the commission" -> the last organization whose name
holds "Commission"; "the regime" -> the last government named. The new mentions carry an
`antecedent`, and resolution puts them in their antecedent's entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graphkit import lexicons
from graphkit.extract.parse import verb_in
from graphkit.types import Mention

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GOVERNMENT_NOUNS = {"regime", "government", "dictatorship", "administration", "state"}
_WINDOW_CHARS = 1500  # an antecedent further back than a few paragraphs is too uncertain


def _antecedent(items: list[Mention], before: int, accept) -> Mention | None:
    for m in reversed(items):
        if m.end <= before and before - m.end <= _WINDOW_CHARS and accept(m):
            return m
    return None


def coreferent_mentions(doc: Doc, doc_id: str, named: list[Mention]) -> list[Mention]:
    """Pronoun and definite-description mentions with their antecedents (the Doc is unchanged)."""
    items = sorted((m for m in named if m.antecedent is None), key=lambda m: m.start)
    # a bare one-word group ("the gang") may still point back at the organization it is
    taken = {i for m in named if not (m.type == "Group" and " " not in m.text) for i in range(m.start, m.end)}
    kinds = lexicons.class_nouns()
    out: list[Mention] = []
    speakers = _speaker_keys(doc, items)
    for token in doc:
        if token.idx in taken:
            continue
        sent = token.sent
        if token.lower_ in _PERSON_PRONOUNS and token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass", "pobj"):
            ante = None
            if token.dep_ == "nsubj" and _reports(token.head):
                # "..., he said": the person who has spoken, else the most talked-about one so far
                ante = _antecedent(items, token.idx, lambda m: m.key in speakers) or _salient(items, token.idx)
            ante = ante or _antecedent(items, token.idx, lambda m: m.type == "Person" and m.source != "coref")
            if ante is not None:
                out.append(_copy(ante, token.text, token.idx, token.idx + len(token), sent, 0.6))
            continue
        if token.pos_ != "NOUN" or token.i == 0 or doc[token.i - 1].lower_ not in ("the", "this", "that"):
            continue
        word = token.lower_
        if word in _GOVERNMENT_NOUNS:
            ante = _antecedent(items, token.idx, lambda m: m.subtype == "government")
        else:
            ante = _antecedent(
                items, token.idx,
                lambda m, w=word: m.type in ("Organization", "Group", "Location") and w in m.text.lower().split()
                and len(m.text.split()) > 1,
            )
            if ante is None and token.lemma_.lower() in kinds:
                # "the gang" after "Tren de Aragua": the last organization of a kind the noun can name
                fits = kinds[token.lemma_.lower()]
                ante = _antecedent(items, token.idx, lambda m, fits=fits: m.type == "Organization"
                                   and m.subtype is not None and m.subtype in fits)
        if ante is not None:
            start = doc[token.i - 1].idx
            out.append(_copy(ante, doc[token.i - 1 : token.i + 1].text, start, token.idx + len(token), sent, 0.7))
    return out


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
    return verb_in(verb, lexicons.word_list("reporting_verbs"))


def _speaker_keys(doc: Doc, items: list[Mention]) -> set[str]:
    """People who are the subject of a reporting verb somewhere in the text."""
    by_start = {m.start: m for m in items if m.type == "Person"}
    keys = set()
    for token in doc:
        if token.dep_ == "nsubj" and _reports(token.head):
            for m in by_start.values():
                if m.start <= token.idx < m.end:
                    keys.add(m.key)
    return keys


def _copy(ante: Mention, text: str, start: int, end: int, sent, confidence: float) -> Mention:
    return Mention(
        key=f"{ante.doc_id}:{start}-{end}", text=text, type=ante.type, doc_id=ante.doc_id, start=start, end=end,
        sent_start=sent.start_char, sent_end=sent.end_char, subtype=ante.subtype, canonical_id=ante.canonical_id,
        canonical_name=ante.canonical_name, confidence=confidence, source="coref", antecedent=ante.key,
    )
