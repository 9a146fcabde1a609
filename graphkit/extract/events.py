"""Events and allegations: triggers from the lexicon, roles from the parse, status from cues.

The rules themselves live in event_triggers (what names an act), event_roles (who did it, to whom) and
event_sources (who says so, and the status); this module runs them sentence by sentence and merges what
they find into one event per type per document, each fact with the names of the rules that made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract import event_roles, event_sources
from graphkit.extract.event_roles import Roles
from graphkit.extract.event_sources import SourceContext
from graphkit.extract.event_triggers import Trigger, find_triggers
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import is_negated
from graphkit.extract.rules import add_rule, rule
from graphkit.types import EVENT_TYPES, Event, Mention, Provenance, checked

_LOCATIVE_PREPS = {"in", "at", "inside", "within", "near", "across", "throughout", "into", "from", "outside"}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


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
    ctx = SourceContext()
    text = index.text
    told: list[Mention] = []  # the doers the parse tied to the last acts of the paragraph that had any
    for sent in sents:
        start = text.rfind("\n", 0, sent.start_char)
        if start != ctx.paragraph:
            ctx.paragraph, ctx.carried, told = start, [], []
        event_sources.read_sentence(sent, index, ctx)
        event_sources.anaphoric_act_sources(sent, index, ctx)
        by_type: dict[str, tuple[Event, Roles]] = {}
        tokens: dict[str, list[Token]] = {}
        parsed: list[Mention] = []  # the doers the parse tied to this sentence's acts
        for trig in find_triggers(sent, index):
            tokens.setdefault(trig.type, []).append(trig.token)
            roles = _roles(trig, sent, index, ctx)
            negated = is_negated(trig.token)
            if trig.type in by_type:
                event, merged = by_type[trig.type]
                merged.merge(roles)
                add_rule(event.rules, trig.rule)
                event.confidence = max(event.confidence, trig.confidence)
                continue
            counter += 1
            trigger_span = sent.doc[trig.start : trig.end]
            status, status_rule = event_sources.status(sent, negated)
            event = Event(
                id=f"{doc_id}:ev{counter}",
                type=checked(trig.type, EVENT_TYPES, "event type"),
                doc_id=doc_id,
                trigger=trigger_span.text,
                prov=Provenance(doc_id, sent.text.strip(), trigger_span.start_char, trigger_span.end_char,
                                sent.start_char, sent.end_char),
                date=_date(sent),
                status=status,
                confidence=trig.confidence,
                negated=negated,
            )
            add_rule(event.rules, trig.rule)
            add_rule(event.rules, status_rule)
            by_type[trig.type] = (event, roles)
        for event, roles in by_type.values():
            if event.confidence < 0.6 and not (roles.perpetrators or roles.victims):
                continue  # an ambiguous trigger that the parse ties to nobody is more often noise than an act
            head = sent.root
            for role_rule in event_roles.SENTENCE_RULES:
                if role_rule is event_roles.fallback_group_roles:
                    paragraph_doers(roles, told)  # the paragraph's parsed doers come before a guessed group
                role_rule(head, sent, index, roles)
            for source_rule in event_sources.FALLBACK_RULES:
                source_rule(head, sent, index, ctx, roles)
            taken = {m.key for m in roles.perpetrators + roles.victims + roles.sources}
            # a place neither acts nor speaks: a country that does is its government (ANNOTATION.md)
            event.perpetrators = [m.key for m in roles.perpetrators if m.type != "Location"]
            event.victims = [m.key for m in roles.victims if m.key not in event.perpetrators]
            event.sources = [m.key for m in roles.sources if m.type != "Location"]  # a leader may announce his own acts
            event.locations = [
                m.key for m in index.in_span(sent.start, sent.end)
                if m.type == "Location" and m.key not in taken and _is_locative(sent.doc, m)
            ]
            kept = {f"{role}|{key}" for role in ("perpetrators", "victims", "sources") for key in getattr(event, role)}
            event.role_rules = {k: v for k, v in roles.rules.items() if k in kept}
            if event.confidence < WEAK_ONLY and actor_confirmed(roles, index, event.type):
                event.confidence = WEAK_ONLY
                add_rule(event.rules, "trigger-actor-confirmed")
            elif event.confidence < WEAK_ONLY and event.type in lexicons.word_list("state_acts") and event.perpetrators:
                continue  # 'rights groups following the case': an ambiguous word of a state act done by others
            event_sources.note_acts(tokens[event.type], event, ctx)
            parsed.extend(m for m in roles.perpetrators if _parsed(roles, m) and m not in parsed)
            yield event
        told = parsed or told
        ctx.carried = ctx.speakers or ctx.carried


@rule("role-guessed-source", "role")
def guessed_source(event: Event, key: str, named: dict[str, str], people: frozenset[str]) -> bool:
    """A body the document names as a source of the act ('the U.S. government sanctioned ... for the
    killing', 'the authorities blamed X for the killings') says it happened; only guessed as its doer (no
    rule read it from the parse), it is not one. A person may be both: a leader announcing his own
    crackdown."""
    rules = event.role_rules.get(f"perpetrators|{key}", [])
    said = {named.get(k, k) for k in event.sources}  # by what the mentions name: two mentions of one body
    return (named.get(key, key) in said and key not in people and bool(rules)
            and all(name.startswith("role-fallback") for name in rules))


def _parsed(roles: Roles, m: Mention) -> bool:
    """A doer some rule read from the parse (not one only guessed from the sentence)."""
    return any(not name.startswith("role-fallback")
               for name in roles.rules.get(f"perpetrators|{m.key}", []))


@rule("role-fallback-paragraph", "role")
def paragraph_doers(roles: Roles, told: list[Mention]) -> None:
    """No doer parsed, and no state force or armed body named in the sentence: whoever the parse tied to the
    last acts told in the same paragraph did this one too ('... were killed by X. Twenty were also
    abducted.'), unless they are its victims or sources."""
    if roles.perpetrators:
        return
    named = {m.key for m in roles.victims + roles.sources}
    roles.add("perpetrators", [m for m in told if m.key not in named], "role-fallback-paragraph")


@rule("trigger-actor-confirmed", "trigger")
def actor_confirmed(roles: Roles, index: MentionIndex, event_type: str = "") -> bool:
    """An ambiguous word ('attacked', 'controlled', 'died') names an act when the parse ties a state force,
    armed group or acting group to it as the doer (a doer only guessed from the sentence does not count);
    for an act only a state does (state_acts.txt: repression, detention) the doer must be of the state."""
    state = lexicons.word_list("state_acts")
    for m in roles.perpetrators:
        if not _parsed(roles, m):
            continue
        if event_type in state:
            if _of_the_state(m, index, state):
                return True
        elif m.subtype in event_roles.ACTOR_SUBTYPES or event_roles.actor_group(m, index, bodies=True):
            return True
    return False


def _of_the_state(m: Mention, index: MentionIndex, state: frozenset[str]) -> bool:
    if f"subtype: {m.subtype}" in state:
        return True
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    # a name's head keeps its plural as its lemma ("Special Actions Forces"): its singular counts too
    nouns = {root.lemma_.lower(), root.lower_.removesuffix("s")} if root.tag_ == "NNPS" else {root.lemma_.lower()}
    return any(f"noun: {noun}" in state for noun in nouns)


def _roles(trig: Trigger, sent: Span, index: MentionIndex, ctx: SourceContext) -> Roles:
    """The participants the trigger's own rules find: doers, victims, and sources read from the parse."""
    roles = Roles()
    if trig.doer:
        event_roles.doer_noun_roles(trig.token, sent, index, roles)
    else:
        rules = event_roles.VERBAL_RULES if trig.token.pos_ == "VERB" else event_roles.NOMINAL_RULES
        for role_rule in rules:
            role_rule(trig.token, sent, index, roles)
    for source_rule in event_sources.PARSE_RULES:
        source_rule(trig.token, sent, index, ctx, roles)
    return roles


@rule("source-document-speaker", "source")
def document_speaker_sources(items: list[Event], names: dict[str, str] | None = None) -> None:
    """An act no sentence attributes to anyone is vouched for by the document's main speaker: whoever is the
    source of the most of its other acts, two at least (all of them on a tie). `names` (mention key -> what it
    names) counts two mentions of one speaker together."""
    names = names or {}
    counts: dict[str, int] = {}
    keys: dict[str, str] = {}
    for event in items:
        for who in dict.fromkeys(names.get(k, k) for k in event.sources):  # ordered: same output every run
            counts[who] = counts.get(who, 0) + 1
        for k in event.sources:
            keys.setdefault(names.get(k, k), k)
    if not counts:
        return
    best = max(counts.values())
    main = [keys[who] for who, n in counts.items() if n == best]
    if best < 2:
        return  # no one speaker stands out: the act is left without a source rather than given a guess
    for event in items:
        if not event.sources:
            event.sources = list(main)
            for key in main:
                add_rule(event.role_rules.setdefault(f"sources|{key}", []), "source-document-speaker")


WEAK_ONLY = 0.6  # the trigger lexicon gives its weak_* words 0.5, its strong words 0.9
STRONG = 0.9


@rule("trigger-strong-alone", "trigger")
def strong_alone(event: Event) -> bool:
    """An act named by a strong trigger word or phrase ('were arrested', 'extrajudicial killings') is told
    even when the parse ties no one to it: the doer and victims are often a number or a pronoun ('20 were
    abducted'), and the speaker a sentence away."""
    return event.confidence >= STRONG


def merge_document_events(items: list[Event], named: dict[str, str] | None = None,
                          people: frozenset[str] = frozenset()) -> list[Event]:
    """Events of one type in one document become one, their roles united and their sentences kept; `named`
    (mention key -> what it names) lets the document's main speaker be counted across its mentions; `people`
    (the keys of Person mentions) tells who may both do an act and say so."""
    merged: dict[str, Event] = {}
    for event in items:
        first = merged.get(event.type)
        if first is None:
            merged[event.type] = event
            continue
        for role in ("perpetrators", "victims", "sources", "locations"):
            bucket = getattr(first, role)
            bucket.extend(k for k in getattr(event, role) if k not in bucket)
        for name in event.rules:
            add_rule(first.rules, name)
        for key, names in event.role_rules.items():
            for name in names:
                add_rule(first.role_rules.setdefault(key, []), name)
        if event.prov.sentence not in first.prov.sentence and first.prov.sentence.count(" … ") < 2:
            first.prov = Provenance(first.prov.doc_id, first.prov.sentence + " … " + event.prov.sentence,
                                    first.prov.start, first.prov.end, first.prov.sent_start, first.prov.sent_end)
        first.confidence = max(first.confidence, event.confidence)
        first.date = first.date or event.date
        if first.status != event.status:
            first.status = "confirmed" if "confirmed" in (first.status, event.status) else "alleged"
    out = list(merged.values())
    for event in out:
        event.perpetrators = [k for k in event.perpetrators if not guessed_source(event, k, named or {}, people)]
        event.victims = [k for k in event.victims if k not in event.perpetrators]
        kept = {f"{role}|{key}" for role in ("perpetrators", "victims", "sources") for key in getattr(event, role)}
        event.role_rules = {k: v for k, v in event.role_rules.items() if k in kept}
    # an act named only by ambiguous words ('attacked', 'abuses', 'held') in the whole document is a topic, not
    # an act; so is one no sentence ties to anyone (who did it, to whom, who says so), unless a strong word
    # names it ('were arrested', 'extrajudicial killings')
    out = [e for e in out if e.confidence >= WEAK_ONLY and (e.perpetrators or e.victims or e.sources
                                                            or strong_alone(e))]
    document_speaker_sources(out, named)
    return out


def _is_locative(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS
