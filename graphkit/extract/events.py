"""Events and allegations: triggers from the lexicon, roles from the parse, status from cues."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import agents, is_negated, is_passive, subjects, verb_in
from graphkit.names import leader_governments
from graphkit.types import Event, Mention, Provenance

_LOCATIVE_PREPS = {"in", "at", "inside", "within", "near", "across", "throughout", "into", "from", "outside"}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


@dataclass
class Trigger:
    token: Token  # the head of the trigger phrase
    start: int  # token span of the trigger words
    end: int
    type: str
    confidence: float
    doer: bool = False  # the trigger names the doers ("torturers")
    contest: list[Mention] = field(default_factory=list)  # who disputes the outcome ("rejected the results")


@dataclass
class _Roles:
    perpetrators: list[Mention] = field(default_factory=list)
    victims: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)

    def add(self, role: str, found: list[Mention]) -> None:
        bucket: list[Mention] = getattr(self, role)
        for m in found:
            if m not in bucket:
                bucket.append(m)


def find_triggers(sent: Span) -> Iterator[Trigger]:
    """Trigger words of a sentence; a phrase wins over the single words inside it."""
    lex = lexicons.triggers()
    covered: set[int] = set()
    tokens = list(sent)
    for pos, token in enumerate(tokens):
        for words, event_type, conf in lex.phrases.get(token.lower_, []) + lex.phrases.get(token.lemma_.lower(), []):
            window = tokens[pos : pos + len(words)]
            if len(window) == len(words) and all(
                w == t.lower_ or w == t.lemma_.lower() for w, t in zip(words, window, strict=True)
            ):
                head = max(window, key=lambda t: (t.pos_ in ("NOUN", "VERB"), t.i))
                covered.update(t.i for t in window)
                if not _source_of_goods(head):
                    yield Trigger(head, window[0].i, window[-1].i + 1, event_type, conf)
                break
    for noun, modifier, event_type in _pairs(sent):
        if noun.i not in covered:
            covered.add(noun.i)
            yield Trigger(noun, min(noun.i, modifier.i), max(noun.i, modifier.i) + 1, event_type, 0.8)
    for token in tokens:
        if token.i in covered:
            continue
        lemma = token.lemma_.lower()
        hit = None
        if token.pos_ in ("NOUN", "PROPN") and lemma in lexicons.doer_nouns():
            if not _source_of_goods(token):
                yield Trigger(token, token.i, token.i + 1, lexicons.doer_nouns()[lemma], 0.8, doer=True)
            continue
        if token.pos_ == "VERB":
            hit = lex.verbs.get(lemma) or lex.nouns.get(lemma)
        elif token.pos_ in ("NOUN", "PROPN", "ADJ"):
            hit = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
        if hit:
            yield Trigger(token, token.i, token.i + 1, hit[0], hit[1])


def _source_of_goods(token: Token) -> bool:
    """'buildings seized from drug traffickers' names where things came from, not an act."""
    return token.lemma_.lower() in lexicons.doer_nouns() and token.dep_ == "pobj" and token.head.lower_ == "from"


def _pairs(sent: Span) -> Iterator[tuple[Token, Token, str]]:
    """(noun, qualifying word, type): the word must sit in the noun's phrase or clause."""
    table = lexicons.event_pairs()
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        for pair in table.values():
            event_type, nouns, modifiers = pair.type, pair.nouns, pair.modifiers
            if noun.lemma_.lower() not in nouns:
                continue
            near = list(noun.subtree) + (list(noun.head.subtree) if noun.dep_ in ("nsubj", "nsubjpass") else [])
            for t in near:
                if t.i != noun.i and (t.lemma_.lower() in modifiers or t.lower_ in modifiers):
                    yield noun, t, event_type
                    break


def _doer_roles(noun: Token, index: MentionIndex, roles: _Roles) -> None:
    """'alleged torturers, including members of X': the doers are what the noun names or includes
    (X, not the members or whoever X is said to dress as)."""
    included: list[Mention] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like", "such"):
            heads = [p for p in child.children if p.dep_ == "pobj"] or [
                p for a in child.children if a.lower_ == "as" for p in a.children if p.dep_ == "pobj"]
        elif child.dep_ == "appos":
            heads = [child]
        else:
            continue
        for head in heads:
            included.extend(m for m in index.with_conjuncts(head) if m.type != "Location" and m not in included)
            # "members of X who dress as DGCIM agents", "who work for the police": the body they act as
            for clause in (t for t in head.subtree if t.dep_ == "relcl"):
                included.extend(m for t in clause.subtree if (m := index.at(t)) is not None
                                and m.type == "Organization" and m not in included)
    own = index.at(noun)
    roles.add("perpetrators", included or ([own] if own is not None else []))


def _pobjs(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend([pobj, *pobj.conjuncts])
    return out


def _verbal_roles(verb: Token, index: MentionIndex, roles: _Roles) -> None:
    if is_passive(verb):
        for doer in agents(verb):
            roles.add("perpetrators", index.with_conjuncts(doer))
        for sub in subjects(verb):
            roles.add("victims", index.with_conjuncts(sub))
    else:
        for sub in subjects(verb):
            roles.add("perpetrators", index.with_conjuncts(sub))
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                roles.add("victims", index.with_conjuncts(child))
    roles.add("victims", [m for t in _pobjs(verb, {"against"}) for m in index.with_conjuncts(t)])


def _nominal_roles(noun: Token, index: MentionIndex, roles: _Roles) -> None:
    if noun.dep_ == "compound" and lexicons.triggers().nouns.get(noun.lemma_.lower(), ("", 1.0))[1] >= 0.9:
        # "a sex trafficking network", "a kidnapping ring": the group is named by what it does
        # (not "drug gangs": a weak word names a trade, not an act)
        named = index.by_token.get(noun.head.i)
        if named is not None and named.type in ("Group", "Organization"):
            roles.add("perpetrators", [named, *_linked(noun.head, index)])
    for pobj in _pobjs(noun, {"of", "against", "on"}):
        roles.add("victims", index.with_conjuncts(pobj))
    for pobj in _pobjs(noun, {"by"}):
        roles.add("perpetrators", index.with_conjuncts(pobj))
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            m = index.at(child)
            if m is not None and m.type != "Location":
                roles.add("perpetrators", [m])
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and not verb_in(child, _not_doing_verbs()):
            # "torture carried out by X", "houses operated by agents" (not "crimes investigated by X")
            for doer in agents(child):
                roles.add("perpetrators", index.with_conjuncts(doer))
    if noun.lemma_.lower() in _partnership_nouns():
        # "ties with organized crime groups", "collusion with the gangs": both sides take part
        for pobj in _pobjs(noun, {"with", "to", "between"}):
            roles.add("perpetrators", [m for m in index.with_conjuncts(pobj) if m.type != "Location"])
    head = noun.head
    light = _light_verbs()
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in light:
        _verbal_roles_as_doer(head, index, roles)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        # "accuses the regime of repression", "charged X with torture"
        if verb.lemma_.lower() in lexicons.word_list("accusation_verbs"):
            for child in verb.children:
                if child.dep_ == "dobj":
                    roles.add("perpetrators", index.with_conjuncts(child))
        elif verb.lemma_.lower() in light:
            _verbal_roles_as_doer(verb, index, roles)
            if head.lower_ in ("to", "into"):  # "sent the students to re-education camps"
                for child in verb.children:
                    if child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and is_passive(verb)):
                        roles.add("victims", index.with_conjuncts(child))
            if verb.lemma_.lower() in lexicons.word_list("instrument_verbs"):
                # "doctors are used by the government in an extortion scheme": the tool takes part too
                used = [c for c in verb.children if c.dep_ == ("nsubjpass" if is_passive(verb) else "dobj")]
                for tool in used:
                    roles.add("perpetrators", index.with_conjuncts(tool))


def _partnership_nouns() -> frozenset[str]:
    """The nouns of criminal ties ("ties", "collusion"): the `corruption` entry of event_pairs.yaml."""
    pair = lexicons.event_pairs().get("corruption")
    return pair.nouns if pair is not None else frozenset()


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    """Verbs whose subject does the act their object names: the lexicon's, and the pair table's verbs acting
    on an event noun ("prevent any dissent", "seized properties")."""
    pair_verbs = {m for p in lexicons.event_pairs().values() if p.type in ("repression", "corruption")
                  for m in p.modifiers}
    return lexicons.word_list("light_verbs") | pair_verbs


def _linked(token: Token, index: MentionIndex) -> list[Mention]:
    """'a network linked to the gang', 'cells tied to the cartel': who the doers work for."""
    cues = lexicons.word_list("link_participles")
    out: list[Mention] = []
    for clause in token.children:
        if clause.dep_ in ("acl", "amod") and clause.lemma_.lower() in cues:
            for pobj in _pobjs(clause, {"to", "with"}):
                out.extend(m for m in index.with_conjuncts(pobj) if m.type in ("Organization", "Group"))
    return out


def _verbal_roles_as_doer(verb: Token, index: MentionIndex, roles: _Roles) -> None:
    doers = agents(verb) if is_passive(verb) else subjects(verb)
    for doer in doers:
        roles.add("perpetrators", index.with_conjuncts(doer))


@lru_cache(maxsize=1)
def _saying_verbs() -> frozenset[str]:
    """Verbs whose subject vouches for the act in their object: reporting, accusing, law enforcement."""
    return (lexicons.word_list("reporting_verbs") | lexicons.word_list("accusation_verbs")
            | lexicons.word_list("enforcement_verbs"))


@lru_cache(maxsize=1)
def _not_doing_verbs() -> frozenset[str]:
    """Verbs whose agent reports, accuses or investigates an act rather than doing it."""
    return _saying_verbs() | lexicons.word_list("inquiry_verbs")


def _sources(trigger: Token, sent: Span, index: MentionIndex, authors: dict[str, list[Mention]] | None = None
             ) -> list[Mention]:
    """Who says so: subjects of reporting, accusing and law-enforcement verbs above the trigger, agents
    of such a verb in a clause on it ("elections described as fraudulent by 60 countries"), and
    'according to X'."""
    reporting = _saying_verbs()
    found: list[Mention] = []
    for clause in trigger.children:
        if clause.dep_ in ("relcl", "acl") and verb_in(clause, reporting) and is_passive(clause):
            for doer in agents(clause):
                found.extend(m for m in _speaking_for(doer, index, authors) if m not in found)
    node = trigger
    while True:
        if verb_in(node, reporting) and node.i != trigger.i:
            doers = agents(node) if is_passive(node) else subjects(node)
            for doer in doers:
                found.extend(m for m in _speaking_for(doer, index, authors) if m not in found)
            found.extend(m for m in _told_outlets(node, index) if m not in found)
        if node.head.i == node.i:
            break
        node = node.head
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            for pobj in token.nbor().children:
                if pobj.dep_ == "pobj":
                    found.extend(m for m in index.with_conjuncts(pobj) if m not in found)
    return found


def _speaking_for(doer: Token, index: MentionIndex, authors: dict[str, list[Mention]] | None) -> list[Mention]:
    """The mentions a reporting verb's subject stands for: itself and its conjuncts, the person named
    right after an office ("the UN High Commissioner for Human Rights Michelle Bachelet"), and the
    author of a document that speaks ("the report accuses...")."""
    found = index.with_conjuncts(doer)
    for m in list(found):
        holder = _office_holder(m, index)
        if holder is not None and holder not in found:
            found.append(holder)
    if not found and doer.lemma_.lower() in lexicons.word_list("document_nouns"):
        found = _authors_of(doer, index) or list((authors or {}).get(doer.lemma_.lower(), []))
    return found


def _office_holder(m: Mention, index: MentionIndex) -> Mention | None:
    if m.type != "Organization":
        return None
    doc = index.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    nxt = index.by_token.get(span.end)
    return nxt if nxt is not None and nxt.type == "Person" and nxt is not m else None


def _authors_of(noun: Token, index: MentionIndex) -> list[Mention]:
    """'the annual report of the Casla Institute', 'Amnesty's report', 'a study by HRW'."""
    out: list[Mention] = []
    for pobj in _pobjs(noun, {"of", "by", "from"}):
        out.extend(m for m in index.with_conjuncts(pobj) if m.type != "Location" and m not in out)
    for child in noun.children:
        if child.dep_ in ("poss", "compound"):
            m = index.at(child)
            if m is not None and m.type in ("Organization", "Person") and m not in out:
                out.append(m)
    return out


def _record_authors(sent: Span, index: MentionIndex, authors: dict[str, list[Mention]]) -> None:
    """Remember who wrote the last report, study or complaint the text mentioned."""
    nouns = lexicons.word_list("document_nouns")
    for token in sent:
        if token.pos_ == "NOUN" and token.lemma_.lower() in nouns:
            found = _authors_of(token, index)
            if found:
                authors[token.lemma_.lower()] = found


def _told_outlets(verb: Token, index: MentionIndex) -> list[Mention]:
    """'a source told InSight Crime': the outlet that publishes the account vouches for it too."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            m = index.at(child)
            if m is not None and m.subtype in ("media", "ngo"):
                out.append(m)
    return out


def _status(sent: Span, negated: bool) -> str:
    text = sent.text.lower()
    lemmas = {t.lemma_.lower() for t in sent}

    def cue(name: str) -> bool:
        entries = lexicons.word_list(name)
        return any((" " in e and e in text) or e in lemmas for e in entries)

    if negated or cue("denial_cues"):
        return "denied"
    if cue("hedges"):
        return "alleged"
    if cue("confirmation_cues"):
        return "confirmed"
    return "alleged"


def normalize_date(text: str) -> str | None:
    """ISO-like date from 'March 20, 2019', 'September 2023', 'in 2018'; None when no year is given."""
    lowered = text.lower()
    year = re.search(r"\b(19|20)\d{2}\b", lowered)
    if not year:
        return None
    month = next((n for name, n in _MONTHS.items() if re.search(rf"\b{name[:3]}", lowered)), None)
    day = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", lowered.replace(year.group(0), ""))
    if month and day and 1 <= int(day.group(1)) <= 31:
        return f"{year.group(0)}-{month:02d}-{int(day.group(1)):02d}"
    if month:
        return f"{year.group(0)}-{month:02d}"
    return year.group(0)


def _date(sent: Span) -> str | None:
    for ent in sent.ents:
        if ent.label_ == "DATE":
            value = normalize_date(ent.text)
            if value:
                return value
    return None


def events(doclike: Doc | Span, doc_id: str, index: MentionIndex) -> Iterator[Event]:
    """One event per trigger; events of one type in one sentence are merged."""
    sents = doclike.sents if isinstance(doclike, Doc) else [doclike]
    counter = 0
    paragraph, carried = -1, []  # attribution carries through a paragraph until someone else speaks
    last_speakers: list[Mention] = []  # "..., said." with no subject: whoever spoke last
    authors: dict[str, list[Mention]] = {}  # document noun -> who wrote the last one mentioned
    for sent in sents:
        start = sent.doc.text.rfind("\n", 0, sent.start_char)
        if start != paragraph:
            paragraph, carried = start, []
        _record_authors(sent, index, authors)
        speakers, unnamed = _speakers(sent, index, authors)
        if not speakers and unnamed:
            speakers = last_speakers
        last_speakers = speakers or last_speakers
        by_type: dict[str, tuple[Event, _Roles]] = {}
        for trig in _contests(sent, index) + list(find_triggers(sent)):
            roles = _Roles()
            if trig.contest:
                roles.add("sources", trig.contest)
            elif trig.doer:
                _doer_roles(trig.token, index, roles)
            elif trig.token.pos_ == "VERB":
                _verbal_roles(trig.token, index, roles)
            else:
                _nominal_roles(trig.token, index, roles)
            roles.add("sources", _sources(trig.token, sent, index, authors))
            negated = is_negated(trig.token)
            if trig.type in by_type:
                event, merged = by_type[trig.type]
                for role in ("perpetrators", "victims", "sources"):
                    merged.add(role, getattr(roles, role))
                event.confidence = max(event.confidence, trig.confidence)
                continue
            counter += 1
            trigger_span = sent.doc[trig.start : trig.end]
            event = Event(
                id=f"{doc_id}:ev{counter}",
                type=trig.type,
                doc_id=doc_id,
                trigger=trigger_span.text,
                prov=Provenance(doc_id, sent.text.strip(), trigger_span.start_char, trigger_span.end_char,
                                sent.start_char, sent.end_char),
                date=_date(sent),
                status=_status(sent, negated),
                confidence=trig.confidence,
                negated=negated,
            )
            by_type[trig.type] = (event, roles)
        for event, roles in by_type.values():
            if event.confidence < 0.6 and not (roles.perpetrators or roles.victims):
                continue  # an ambiguous trigger that the parse ties to nobody is more often noise than an act
            roles.add("perpetrators", _accomplices(sent, index))
            if not roles.perpetrators:
                roles.add("perpetrators", _actors_in_sentence(sent, index, roles))
            if not roles.sources:
                roles.add("sources", quote_speakers(sent, index) or speakers or carried)
            taken = {m.key for m in roles.perpetrators + roles.victims + roles.sources}
            event.perpetrators = [m.key for m in roles.perpetrators]
            event.victims = [m.key for m in roles.victims if m.key not in event.perpetrators]
            event.sources = [m.key for m in roles.sources]  # a leader may announce his own acts
            event.locations = [
                m.key for m in index.in_span(sent.start, sent.end)
                if m.type == "Location" and m.key not in taken and _is_locative(sent.doc, m)
            ]
            yield event
        carried = speakers or carried


ACTOR_SUBTYPES = {"security_agency", "intelligence_agency", "police", "armed_forces", "government",
                  "armed_group", "criminal_group", "security_force", "paramilitary"}


def _actors_in_sentence(sent: Span, index: MentionIndex, roles: _Roles) -> list[Mention]:
    """No doer in the parse: state forces, governments and armed groups named in the sentence, if any."""
    named = {m.key for m in roles.victims + roles.sources}
    return [m for m in index.in_span(sent.start, sent.end)
            if (m.subtype in ACTOR_SUBTYPES and m.key not in named) or _is_leader(m, index)]


def _is_leader(m: Mention, index: MentionIndex) -> bool:
    """A head of state or government named in the sentence answers for what its forces do, in the
    country the text is about (a foreign ex-president quoted on it does not)."""
    government = leader_governments().get(m.canonical_id or "") if m.type == "Person" else None
    if government is None:
        return False
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None and span.root.dep_ in ("dobj", "pobj", "dative"):
        return False  # "to vote for and support Maduro": the ruler is what the act is about, not who acts
    home = index.home_country
    return government in index.canonical_ids or home is None or government.split("-")[0] == home.removeprefix("loc-")


def _accomplices(sent: Span, index: MentionIndex) -> list[Mention]:
    """'with the support of X', 'under the supervision of X': X takes part in the act."""
    nouns = lexicons.word_list("complicity_nouns")
    found: list[Mention] = []
    for token in sent:
        if token.pos_ == "NOUN" and token.lemma_.lower() in nouns:
            for pobj in _pobjs(token, {"of"}):
                found.extend(m for m in index.with_conjuncts(pobj) if m not in found and m.type != "Location")
    return found


_QUOTES = {"“": "”", '"': '"', "«": "»"}


def quote_speakers(sent: Span, index: MentionIndex) -> list[Mention]:
    """A sentence inside a quotation is said by whoever the reporting verb next to the quotation names."""
    doc = sent.doc
    text = doc.text
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    para_end = text.find("\n", sent.end_char)
    para_end = len(text) if para_end < 0 else para_end
    before = text[para_start : sent.start_char]
    opened = sum(before.count(o) for o in "“«") - sum(before.count(c) for c in "”»") + before.count('"') % 2
    inside = opened > 0 or sent.text.lstrip()[:1] in _QUOTES
    if not inside:
        return []
    span = doc.char_span(para_start, para_end, alignment_mode="expand")
    if span is None:
        return []
    reporting = lexicons.word_list("reporting_verbs")
    found: list[Mention] = []
    for token in span:
        if verb_in(token, reporting):
            for doer in subjects(token):
                found.extend(m for m in index.with_conjuncts(doer) if m not in found)
    return found


def merge_document_events(items: list[Event]) -> list[Event]:
    """Events of one type in one document become one, their roles united and their sentences kept."""
    merged: dict[str, Event] = {}
    for event in items:
        first = merged.get(event.type)
        if first is None:
            merged[event.type] = event
            continue
        for role in ("perpetrators", "victims", "sources", "locations"):
            bucket = getattr(first, role)
            bucket.extend(k for k in getattr(event, role) if k not in bucket)
        if event.prov.sentence not in first.prov.sentence and first.prov.sentence.count(" … ") < 2:
            first.prov = Provenance(first.prov.doc_id, first.prov.sentence + " … " + event.prov.sentence,
                                    first.prov.start, first.prov.end, first.prov.sent_start, first.prov.sent_end)
        first.confidence = max(first.confidence, event.confidence)
        first.date = first.date or event.date
        if first.status != event.status:
            first.status = "confirmed" if "confirmed" in (first.status, event.status) else "alleged"
    out = list(merged.values())
    for event in out:
        event.victims = [k for k in event.victims if k not in event.perpetrators]
    # a trigger word that no sentence ties to anyone (who did it, to whom, who says so) is a topic, not an act
    return [e for e in out if e.perpetrators or e.victims or e.sources]


def _speakers(sent: Span, index: MentionIndex, authors: dict[str, list[Mention]] | None = None
              ) -> tuple[list[Mention], bool]:
    """Who speaks in a sentence (subjects of its reporting verbs), and whether a reporting verb has no
    subject at all ("..., said.")."""
    reporting = lexicons.word_list("reporting_verbs")
    found: list[Mention] = []
    unnamed = False
    for token in sent:
        if verb_in(token, reporting):
            doers = agents(token) if is_passive(token) else subjects(token)
            unnamed = unnamed or (not doers and token.dep_ == "ROOT")
            for doer in doers:
                found.extend(m for m in _speaking_for(doer, index, authors)
                             if m not in found and m.type != "Location")
    return found, unnamed


def _contests(sent: Span, index: MentionIndex) -> list[Trigger]:
    """'Several countries called the results into question', 'do not recognize X as president': the
    subject disputes the outcome and so alleges an act of that type."""
    out: list[Trigger] = []
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        objects += [p for o in list(objects) for c in o.children if c.dep_ == "prep" for p in c.children
                    if p.dep_ == "pobj"]  # "the results of the election"
        # the words a phrasal entry needs after its verb: "call [the results] into question", "cast doubt"
        after = [c for c in verb.children if c.dep_ in ("prep", "prt", "dobj") and c.i > verb.i]
        words = {t.lemma_.lower() for c in after for t in (c, *(p for p in c.children if p.dep_ == "pobj"))}
        for event_type, cue in lexicons.contest_cues().items():
            verbs, negated, nouns = cue.verbs, cue.negated, cue.objects
            said = lemma in verbs or any(
                v.startswith(lemma + " ") and set(v.split()[1:]) <= words for v in verbs)
            said = said or (lemma in negated and is_negated(verb))
            if not said or not any(o.lemma_.lower() in nouns for o in objects):
                continue
            doers = agents(verb) if is_passive(verb) else subjects(verb)
            who = [m for d in doers for m in index.with_conjuncts(d) if m.type != "Location" or m.subtype == "country"]
            if who:
                out.append(Trigger(verb, verb.i, verb.i + 1, event_type, 0.6, contest=who))
    return out


def _is_locative(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS
