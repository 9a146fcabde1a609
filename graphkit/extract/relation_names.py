"""Relations that an organization's name states: "UN Human Rights Office" is part of the UN."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.relation_facts import make_relation, mention_span
from graphkit.extract.rules import rule
from graphkit.names import fold_accents, gazetteer_aliases, is_acronym
from graphkit.types import Mention, Relation

_POSSESSIVE = ("'s", "’s")


def _key(text: str) -> str:
    """Lower-case, accentless, without a leading article or a trailing possessive."""
    words = fold_accents(text).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith(_POSSESSIVE):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def _parent_names(text: str) -> list[str]:
    """The names an organization's name may start with ("ICC" in "ICC Prosecutor's Office") or end with after
    'of' ("the ICC" in "Office of the Prosecutor of the ICC"), longest first."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    out = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    out += [" ".join(words[i + 1 :]) for i, w in enumerate(words[:-1]) if w.lower() == "of" and i > 0]
    return out


@rule("name-part-of", "relation")
def name_part_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'UN Human Rights Office', "the ICC Prosecutor's Office", 'Office of the Prosecutor of the ICC': an
    organization whose name holds the name of another organization the document names is part of it. The
    other must be known to the gazetteer or named by an acronym, so that a longer form of one name ("National
    Police of Honduras") is not made part of its shorter form; and not a government, which a country's name
    stands for ("Revolutionary Armed Forces of Colombia" is no part of Colombia's state)."""
    orgs = [m for m in items if m.type == "Organization" and m.antecedent is None]
    by_id: dict[str, Mention] = {}
    by_text: dict[str, Mention] = {}
    for m in orgs:
        if m.canonical_id:
            by_id.setdefault(m.canonical_id, m)
        by_text.setdefault(_key(m.text), m)

    def named(text: str) -> Mention | None:
        key = _key(text)
        known = gazetteer_aliases().get(key)
        if known is not None and known[1] == "Organization" and known[0] in by_id:
            return by_id[known[0]]
        found = by_text.get(key)
        return found if found is not None and (found.canonical_id or is_acronym(found.text)) else None

    for m in orgs:
        for text in _parent_names(m.text):
            whole = named(text)
            if whole is None or whole is m or whole.subtype == "government" or _key(whole.text) == _key(m.text) or (
                    m.canonical_id is not None and whole.canonical_id == m.canonical_id):
                continue
            span = mention_span(doc, m)
            if span is not None:
                yield make_relation("name-part-of", "PART_OF", m, whole, span.sent, text, confidence=0.7)
            break
