"""Entity mentions: named entities (spaCy NER + the actor ruler) and unnamed Groups."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.entity_repair import Candidate, governments, home_government, repair
from graphkit.extract.parse import phrase
from graphkit.extract.rules import add_rule, rule
from graphkit.names import fold, fold_accents, gazetteer_aliases, gazetteer_entries, leaders
from graphkit.types import ENTITY_TYPES, Mention, checked

LABELS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "Person": "Person",
    "Organization": "Organization",
    "Location": "Location",
    "Group": "Group",
}
_TRIM_LEFT = {"DET", "NUM", "PRON", "PUNCT", "SPACE", "CCONJ", "ADV", "PART", "ADP"}
_TRIM_RIGHT = {"PUNCT", "SPACE", "PART"}


def _quantifiers() -> frozenset[str]:
    """Words that count or hedge a group rather than name it (data: lexicons/quantifiers.txt)."""
    return lexicons.word_list("quantifiers")


def _hyphenated(doc: Doc, i: int) -> bool:
    """'high-ranking': the word is glued by a hyphen to the next one."""
    return i + 1 < len(doc) and not doc[i].whitespace_ and (doc[i + 1].tag_ == "HYPH" or doc[i].tag_ == "HYPH")


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in _TRIM_LEFT or doc[start].lower_ in ("the", "a", "an", "via")
                           or not any(ch.isalnum() for ch in doc[start].text)) and not _hyphenated(doc, start):
        start += 1
    while end > start and (doc[end - 1].pos_ in _TRIM_RIGHT or doc[end - 1].text in ("'s", "’s", "'")):
        end -= 1
    return doc[start:end] if end > start else None


def _mention(
    span: Span, doc_id: str, label: str, source: str, confidence: float = 1.0, canonical: str | None = None
) -> Mention:
    sent = span.sent
    subtype, canonical_name = gazetteer_entries().get(canonical, (None, None)) if canonical else (None, None)
    return Mention(
        key=f"{doc_id}:{span.start_char}-{span.end_char}",
        text=span.text,
        type=checked(label, ENTITY_TYPES, "entity type"),
        doc_id=doc_id,
        start=span.start_char,
        end=span.end_char,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        subtype=subtype or None,
        canonical_id=canonical,
        canonical_name=canonical_name,
        confidence=confidence,
        source=source,
    )


def _known(span: Span) -> tuple[str, str] | None:
    return gazetteer_aliases().get(fold_accents(span.text).lower())


@rule("leader-in-government-name", "entity")
def _leader_inside(ent: Span, government: str, doc_id: str) -> Mention | None:
    """'the Maduro regime', 'regime of Nicolás Maduro': the leader named inside a government's name."""
    names = [t for t in ent if t.pos_ == "PROPN" or t.is_title]
    for size in range(len(names), 0, -1):
        for i in range(len(names) - size + 1):
            window = names[i : i + size]
            if window[-1].i - window[0].i != size - 1:
                continue
            hit = leaders().get(fold_accents(" ".join(t.text for t in window)).lower())
            if hit and hit[2] == government:
                span = ent.doc[window[0].i : window[-1].i + 1]
                leader = _mention(span, doc_id, "Person", "ruler", 0.9, canonical=hit[0])
                add_rule(leader.rules, "leader-in-government-name")
                return leader
    return None


def _group_aliases(chunk: Span, span: Span) -> tuple[str, ...]:
    """The group as the text fully names it: with named modifiers ("Mexican border control officers") and
    with its prepositional phrases ("officers within Peru's customs agency")."""
    out: list[str] = []
    named = _trim(chunk)
    if named is not None and named.start < span.start:
        out.append(named.text)
    written = _as_written(chunk, span)
    if written is not None:
        out.append(written.text)
    full = _trim(phrase(span.root))
    if full is not None and full.end > span.end and len(full) <= 12:
        out.append(span.doc[min(span.start, full.start) : full.end].text)
        if named is not None and named.start < span.start:
            out.append(span.doc[named.start : full.end].text)
        if written is not None:
            out.append(span.doc[written.start : full.end].text)
    pair = _coordinated_pair(span)
    if pair is not None:
        out.append(span.doc[written.start if written is not None else span.start : pair.i + 1].text)
    return tuple(dict.fromkeys(a for a in out if a != span.text))


def _coordinated_pair(span: Span) -> Token | None:
    """'lawyers and relatives', 'students and teachers': two plural groups joined by 'and' often act or speak
    as one; the last word of the second, so the first is also known by the pair."""
    conjuncts = [c for c in span.root.children if c.dep_ == "conj"]
    if len(conjuncts) != 1 or span.root.tag_ != "NNS":
        return None
    other = conjuncts[0]
    joined = span.doc[span.end : other.i]
    if other.tag_ != "NNS" or not 1 <= len(joined) <= 4 or joined[0].lower_ != "and" or any(
            t.is_punct or t.pos_ not in ("CCONJ", "ADJ", "NOUN", "NUM", "DET") for t in joined):
        return None
    return other


def _as_written(chunk: Span, span: Span) -> Span | None:
    """The group with its count, hedge and possessive as the text writes them ("nine soldiers", "at least
    five other guards", "their families"): only the article goes, so that a counted set keeps the form
    annotators name it by."""
    doc = span.doc
    start = chunk.start
    while start < span.start and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                                  or doc[start].is_space):
        start += 1
    if start >= span.start or any(not doc[i].text.strip() for i in range(start, span.start)):
        return None
    return doc[start : span.end]


@rule("group-noun", "entity")
def _group_spans(doc: Doc, taken: set[int]) -> Iterator[tuple[Span, tuple[str, ...]]]:
    nouns = lexicons.group_nouns()
    for chunk in doc.noun_chunks:
        root = chunk.root
        forms = {root.lemma_.lower(), root.lower_, root.lower_.removesuffix("s"), root.lower_.removesuffix("es")}
        if root.i > chunk.start:  # two-word heads: "security force", "gang member"
            before = doc[root.i - 1].lower_
            forms |= {f"{before} {f}" for f in list(forms)}
        if not forms & nouns.keys():
            speaker = doc[root.i - 1] if root.i > chunk.start else None
            if speaker is not None and speaker.i not in taken and speaker.dep_ == "compound" and nouns.get(
                    speaker.lemma_.lower()) == "self" and root.lemma_.lower() in lexicons.word_list("document_nouns"):
                yield doc[speaker.i : speaker.i + 1], ()  # "an eyewitness report", "media reports": who reports
            continue
        if root.i in taken:
            continue
        speaks_for_self = any(nouns[f] == "self" for f in forms & nouns.keys())  # "a ministry source" speaks itself
        if speaks_for_self and ((root.dep_ == "appos" and root.head.i in taken) or any(
                t.i in taken for c in root.children if c.dep_ == "appos" for t in c.subtree)):
            continue  # "the Lima Forum, a nongovernmental organization,": a description of the named body
        if root.i - 1 in taken and not speaks_for_self and all(
                t.i in taken or t.i == root.i or t.pos_ in ("DET", "PUNCT") for t in chunk):
            continue  # "DGCIM agents": the organization is the actor; a bare "agents" group says nothing more
        span = _trim(chunk)
        if span is None or any(t.i in taken for t in span):
            # "Cuban State Security agents": a named modifier stays its own mention;
            # the group is what remains from the first free token
            free = [t for t in chunk if t.i not in taken and t.i <= root.i]
            if not free:
                continue
            span = _trim(doc[free[0].i : root.i + 1])
            if (span is None or any(t.i in taken for t in span)) and speaks_for_self:
                span = doc[root.i : root.i + 1]
            elif span is None or any(t.i in taken for t in span):
                continue
        cut = span.start
        for t in span[:-1]:
            if t.pos_ in ("NUM", "DET", "PRON") or t.lower_ in _quantifiers() or t.like_num:
                cut = t.i + 1
        group = doc[cut : span.end]
        yield group, _group_aliases(chunk, group)


def _candidates(doc: Doc) -> list[Candidate]:
    """NER and gazetteer-ruler spans, trimmed, with the gazetteer's type where it knows the name."""
    out: list[Candidate] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        span = _trim(ent) if ent.label_ in ("ORG", "GPE", "LOC", "FAC", "PERSON") else ent
        if span is None:
            continue
        canonical = ent.ent_id_ or None
        c = Candidate(span, label, canonical)
        add_rule(c.rules, "gazetteer-ruler" if canonical else "ner")
        if canonical is None and (hit := _known(span)) is not None:
            c.canonical, c.label = hit  # NER repair from the data pack: a known name keeps its known type
            add_rule(c.rules, "gazetteer-type-repair")
        out.append(c)
    return out


@rule("ner", "entity")
def _ner_rule(doc: Doc) -> list[Candidate]:
    """A span the statistical NER tagged PERSON, ORG, GPE, LOC or FAC."""
    return [c for c in _candidates(doc) if "ner" in c.rules]


@rule("gazetteer-ruler", "entity")
def _ruler_rule(doc: Doc) -> list[Candidate]:
    """A span the gazetteer's EntityRuler tagged (multiword names, acronyms, governments)."""
    return [c for c in _candidates(doc) if "gazetteer-ruler" in c.rules]


@rule("gazetteer-type-repair", "entity")
def _type_repair_rule(doc: Doc) -> list[Candidate]:
    """A name the gazetteer knows keeps the gazetteer's type whatever NER called it."""
    return [c for c in _candidates(doc) if "gazetteer-type-repair" in c.rules]


def mentions(doc: Doc, doc_id: str) -> list[Mention]:
    """Named mentions in document order, then Group mentions; the Doc is left unmodified."""
    out: list[Mention] = []
    taken: set[int] = set()
    for c in repair(doc, _candidates(doc)):
        m = _mention(c.span, doc_id, c.label, "ruler" if c.canonical else "ner", canonical=c.canonical)
        m.rules = list(c.rules)
        out.append(m)
        if c.label == "Organization" and c.canonical:
            leader = _leader_inside(c.span, c.canonical, doc_id)
            if leader is not None:
                out.append(leader)
        taken.update(range(c.span.start, c.span.end))
    for span, aliases in _group_spans(doc, taken):
        group = _mention(span, doc_id, "Group", "group", confidence=0.8)
        group.aliases = aliases
        add_rule(group.rules, "group-noun")
        out.append(group)
    out.sort(key=lambda m: m.start)
    return _country_as_state(doc, _home_authorities(doc, out))


_NOT_STATE_ACTS = frozenset({"be", "have", "become", "remain", "lie", "border", "rank", "share", "face", "see",
                             "experience", "suffer", "need", "lack", "host"})


@rule("country-as-state", "entity")
def _country_as_state(doc: Doc, items: list[Mention]) -> list[Mention]:
    """'China reacted', 'Peru announced', 'experts condemned Egypt for ...': a country that acts as a state, or is
    accused as one, is its government (ANNOTATION.md); the country as a place stays a Location."""
    accuse = lexicons.word_list("accusation_verbs")
    for m in items:
        gov_id = governments().get(m.canonical_id or "") if m.type == "Location" else None
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if gov_id else None
        if span is None:
            continue
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:  # "Canada, Chile and Peru announced"
            root = root.head
        verb = root.head
        if span.end < len(doc) and doc[span.end].text == ":":
            continue  # "Egypt: police arrest ...": a headline's label, not a subject
        acts = root.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in _NOT_STATE_ACTS
        accused = root.dep_ == "dobj" and verb.pos_ == "VERB" and (
            verb.lemma_.lower() in accuse or verb.lemma_.lower() in ("condemn", "criticize", "criticise", "urge"))
        if acts or accused:
            subtype, name = gazetteer_entries().get(gov_id or "", ("government", gov_id or ""))
            m.type, m.subtype, m.canonical_id, m.canonical_name = "Organization", subtype, gov_id, name
            add_rule(m.rules, "country-as-state")
    return items


def _government_words() -> frozenset[str]:
    return lexicons.word_list("government_nouns")


@rule("home-authorities", "entity")
def _home_authorities(doc: Doc, items: list[Mention]) -> list[Mention]:
    """'the authorities', 'Authorities said', 'the State' (tagged as a name): with no other qualifier, the state of
    the document's country."""
    bare = [m for m in items if (m.type == "Group" and fold(m.text) == "authorities")
            or (m.type == "Organization" and m.canonical_id is None and fold(m.text) in _government_words())]
    gov_id = home_government(doc, items) if bare else None
    if gov_id is None:
        return items
    subtype, name = gazetteer_entries().get(gov_id, ("government", gov_id))
    for m in bare:
        m.type, m.subtype, m.canonical_id, m.canonical_name, m.source = "Organization", subtype, gov_id, name, "ruler"
        add_rule(m.rules, "home-authorities")
    return items
