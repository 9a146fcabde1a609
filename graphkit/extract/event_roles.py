"""Role rules: who did an act and to whom, read from the parse around its trigger.

Every role rule has one signature, `(trigger token, sentence, index, roles) -> None`, and records each
participant it finds under its own name (`Roles.add`), so each (participant, role) of an event says which
rules put it there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from graphkit import lexicons
from graphkit.extract.entity_repair import governments
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import SUBJECT_DEPS, agents, is_passive, subjects, verb_in
from graphkit.extract.rules import add_rule, rule
from graphkit.names import leader_governments
from graphkit.types import Mention

# gazetteer subtypes of bodies that can act as doers (data: actor_subtypes.txt)
ACTOR_SUBTYPES = lexicons.word_list("actor_subtypes")


@dataclass
class Roles:
    """The participants of one event so far, and the rules that put each one in each role."""

    perpetrators: list[Mention] = field(default_factory=list)
    victims: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    rules: dict[str, list[str]] = field(default_factory=dict)  # "role|mention key" -> rule names

    def add(self, role: str, found: list[Mention], by: str) -> None:
        bucket: list[Mention] = getattr(self, role)
        for m in found:
            if m not in bucket:
                bucket.append(m)
            add_rule(self.rules.setdefault(f"{role}|{m.key}", []), by)

    def merge(self, other: Roles) -> None:
        for role in ("perpetrators", "victims", "sources"):
            bucket: list[Mention] = getattr(self, role)
            bucket.extend(m for m in getattr(other, role) if m not in bucket)
        for key, names in other.rules.items():
            mine = self.rules.setdefault(key, [])
            mine.extend(n for n in names if n not in mine)


RoleRule = Callable[[Token, Span, MentionIndex, Roles], None]


def doers(token: Token, index: MentionIndex) -> list[Mention]:
    """The actors a doer phrase names: the phrase and its conjuncts (a bare group by the name apposed to it:
    "its leader Ana Brito"), the items of a list the parse hung on
    the next item ("the Red Hand, the Falcons and other groups"), and the body its members act for
    ("alleged gunmen of the governing party": the gunmen and the party)."""
    out = [n for t in (token, *token.conjuncts) if (m := index.at(t)) is not None for n in _by_name(t, m, index)]
    out = [m for i, m in enumerate(out) if m not in out[:i]]
    for t in (token, *token.conjuncts):
        for m in [*_listed_modifiers(t, index), *_acted_for(t, index), *_act_by(t, index), *_named_body(t, index),
                  *_state_agents(t, index)]:
            if m not in out:
                out.append(m)
    if len(out) > 1:  # "the army or its agents": the agents are the army's, already named
        owned = {own.key for t in (token, *token.conjuncts)
                 if (own := index.at(t)) is not None and _its_members(t, own)}
        out = [m for m in out if m.key not in owned]
    return out


def _by_name(token: Token, m: Mention, index: MentionIndex) -> list[Mention]:
    """A bare group noun given by the name in its apposition ('its leader Ana Brito'): the name."""
    if m.type != "Group":
        return [m]
    named = [n for c in token.children if c.dep_ == "appos" for n in index.with_conjuncts(c) if n.type != "Group"]
    return named or [m]


def _act_by(token: Token, index: MentionIndex) -> list[Mention]:
    """'an attack by X that killed dozens', 'force used by X led to deaths': an act that does the act was done
    by its own doers."""
    if index.at(token) is not None or token.pos_ != "NOUN":
        return []
    by: list[Token] = []
    for noun in (token, *(t for t in pobjs(token, {"of"}) if index.at(t) is None)):  # "the use of force by X"
        by += pobjs(noun, {"by"}) + [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in agents(c)]
    return [m for t in by for m in index.with_conjuncts(t) if m.type != "Location"]


def _named_body(token: Token, index: MentionIndex) -> list[Mention]:
    """'ADF combatants', 'FARC rebels': a group named by the body it belongs to acts for that body (the one
    the document names elsewhere under that name)."""
    m = index.at(token)
    if m is None or m.type != "Group":
        return []
    bodies = _bodies_by_name(index)
    names = [token.doc[t.left_edge.i : t.i + 1].text for t in token.children if t.dep_ in ("compound", "nmod")]
    return [bodies[name] for name in names if name in bodies and bodies[name] is not m]


def _state_agents(token: Token, index: MentionIndex) -> list[Mention]:
    """'state agents', 'government agents', 'progovernment forces': the text puts the act on the state, so
    the government the document names for that country does it too (ANNOTATION.md: the government when the
    text attributes the act to the state). 'Government officials' are people in office, not its arm."""
    m = index.at(token)
    if m is None or m.type != "Group" or token.lemma_.lower() not in _acts_for_nouns() - {"official"}:
        return []
    if not any(c.dep_ in ("compound", "amod") and c.lower_ in _STATE_WORDS for c in token.children):
        return []
    government = governments().get(index.home_country or "")
    return [g for g in _governments_named(index) if g.canonical_id == government][:1]


_STATE_WORDS = {"state", "government", "progovernment", "pro-government", "regime"}


@lru_cache(maxsize=4)
def _governments_named(index: MentionIndex) -> list[Mention]:
    return [m for m in index.mentions if m.subtype == "government" and m.canonical_id]


@lru_cache(maxsize=4)
def _bodies_by_name(index: MentionIndex) -> dict[str, Mention]:
    """Organization mentions of the document by their exact text, first one kept."""
    out: dict[str, Mention] = {}
    for m in index.mentions:
        if m.type == "Organization":
            out.setdefault(m.text, m)
    return out


def _its_members(token: Token, m: Mention) -> bool:
    """'its agents', 'their members': a bare member noun owned by a pronoun."""
    return (m.type == "Group" and " " not in m.text.strip() and token.lemma_.lower() in _acts_for_nouns()
            and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children))


def _listed_modifiers(token: Token, index: MentionIndex) -> list[Mention]:
    """Names the parse made modifiers of the next list item although a comma parts them ("X, Y and Z")."""
    own = index.at(token)
    out: list[Mention] = []
    for child in token.children:
        m = index.by_token.get(child.i)
        if child.dep_ not in ("nmod", "compound") or m is None or m is own or m.type == "Location":
            continue
        after = child.i + 1
        while after < len(token.doc) and index.by_token.get(after) is m:
            after += 1
        if after < token.i and token.doc[after].text == ",":
            out.append(m)
    return out


def _acted_for(token: Token, index: MentionIndex) -> list[Mention]:
    """'members of X', 'forces of the X regime': the body or leader the members act for."""
    if token.lemma_.lower() not in _acts_for_nouns():
        return []
    return [m for t in pobjs(token, {"of"}) for m in index.with_conjuncts(t)
            if m.type in ("Organization", "Person")]


@lru_cache(maxsize=1)
def _acts_for_nouns() -> frozenset[str]:
    return lexicons.titles().get("acts_for_nouns", frozenset())


def pobjs(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend([pobj, *pobj.conjuncts])
    return out


def doer_subjects(verb: Token) -> list[Token]:
    """The subjects of a trigger verb as its doers. Unlike `subjects`, a verb the parse conjoined to a verb
    of saying ("X said agents seized him, beat him") takes the subject of what was said, not the sayer;
    an infinitive under a verb of saying with no object ("X called to stop the arrests") takes nobody;
    a participle hanging on a noun with no object ("a journalist arrested") takes nobody; and a verb the
    parse left hanging (`dep`) takes its head's subject."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return subjects(verb)
    if verb.dep_ == "acl" and verb.tag_ != "VBG" and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return []  # "a journalist arrested last year", the participle mistagged as a past tense: he suffered it
    if verb.dep_ == "acl" and verb.tag_ == "VBD":
        return _clause_subjects_above(verb)  # "members aiming to stop protests abducted six": a main verb misplaced
    head = verb
    while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in SUBJECT_DEPS for c in head.children):
        head = head.head
    said = lexicons.word_list("reporting_verbs")
    if head is not verb and is_passive(head) and not any(c.dep_ == "dobj" for c in verb.children):
        return []  # "officers handcuffed and mistreated": the subject of a passive suffers the verbs joined to it
    if head is not verb and verb_in(head, said):
        return [s for c in head.children if c.dep_ == "ccomp" for s in doer_subjects(c)]
    purpose = head.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if (head.dep_ == "xcomp" or purpose) and verb_in(head.head, said) and not any(
            c.dep_ == "dobj" for c in head.head.children):
        return []
    if head.dep_ == "dep" and head.head.pos_ == "VERB":
        return doer_subjects(head.head)
    return subjects(verb)


def _clause_subjects_above(verb: Token) -> list[Token]:
    """The subjects of the nearest clause above a past-tense verb the parse hung on a noun as if it were a
    participle ('X aiming to stop protests abducted them': X): a finite verb with an object is a main verb."""
    node = verb.head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return subjects(node)
        if node.head.i == node.i:
            return []
        node = node.head
    return []


def shared_agents(verb: Token) -> list[Token]:
    """The agents of a passive verb, or of the passive verbs conjoined with it: "were abducted and beaten by
    X" (the parse hangs "by X" on the last verb only)."""
    found = agents(verb)
    if found:
        return found
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB":
        first = first.head
    for other in (first, *first.conjuncts):
        if other.i != verb.i and other.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in other.children):
            found.extend(agents(other))
    return found


# --- doer nouns -------------------------------------------------------------------------------------------

@rule("role-doer-noun", "role")
def doer_noun_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
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
            # "members of X who pose as customs agents", "who work for the police": the body they act as
            for clause in (t for t in head.subtree if t.dep_ == "relcl"):
                included.extend(m for t in clause.subtree if (m := index.at(t)) is not None
                                and m.type == "Organization" and m not in included)
    if not included:  # "officers working as hitmen", "soldiers who acted as enforcers": the officers, soldiers
        included = [m for t in _serving_as(noun) for m in doers(t, index) if m.type != "Location"]
    own = index.at(noun)
    roles.add("perpetrators", included or ([own] if own is not None else []), "role-doer-noun")


def _serving_as(noun: Token) -> list[Token]:
    """Who a doer noun after 'as' names: the subject of the verb the 'as' hangs on, or the noun that verb
    qualifies ('a ring of officers working as hitmen')."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "as" or noun.head.head.pos_ != "VERB":
        return []
    verb = noun.head.head
    if verb.lemma_.lower() in ("pose", "disguise", "dress", "masquerade"):
        return []  # "gunmen posing as police": what they pretend to be
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return subjects(verb)


# --- verbal triggers --------------------------------------------------------------------------------------

@rule("role-active-subject", "role")
def active_subject_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'Soldiers tortured ...': the subject of an active trigger verb did it (not of an undergoer verb:
    'protesters died')."""
    if verb_in(verb, saying_verbs()) and any(c.dep_ == "ccomp" for c in verb.children):
        return  # "the group charged that members were stopped": the subject tells of an act, it does not do it
    if not is_passive(verb) and verb.lemma_.lower() not in lexicons.word_list("undergoer_verbs") \
            and not payer_verb(verb):
        for sub in doer_subjects(verb):
            roles.add("perpetrators", doers(sub, index), "role-active-subject")


def payer_verb(verb: Token) -> bool:
    """A verb of handing over money (payer_verbs.txt): its subject pays, it does not extort (see payer_roles)."""
    return verb.lemma_.lower() in lexicons.word_list("payer_verbs")


@rule("role-active-object", "role")
def active_object_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'... tortured the detainees': the object of an active trigger verb suffered it."""
    if not is_passive(verb):
        for child in verb.children:
            if child.dep_ == "dobj" or child.dep_ == "dative" and not payer_verb(verb):
                roles.add("victims", index.with_conjuncts(child), "role-active-object")


@rule("role-passive-agent", "role")
def passive_agent_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'were tortured by the National Guard': the agent of a passive trigger verb did it."""
    if is_passive(verb):
        for doer in shared_agents(verb):
            roles.add("perpetrators", doers(doer, index), "role-passive-agent")


@rule("role-passive-subject", "role")
def passive_subject_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'Dissidents were tortured': the subject of a passive trigger verb suffered it."""
    if is_passive(verb):
        for sub in subjects(verb):
            roles.add("victims", index.with_conjuncts(sub), "role-passive-subject")


@rule("role-against", "role")
def against_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'violence against protesters': who an act is against suffered it."""
    roles.add("victims", [m for t in pobjs(verb, {"against"}) for m in index.with_conjuncts(t)], "role-against")


VERBAL_RULES: list[RoleRule] = [passive_agent_roles, passive_subject_roles, active_subject_roles,
                                active_object_roles, against_roles]  # + the frame rules, added below


# --- nominal triggers -------------------------------------------------------------------------------------

@rule("role-named-by-act", "role")
def named_by_act_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'a sex trafficking network', 'a kidnapping ring': the group is named by what it does (not "drug
    gangs": a weak word names a trade, not an act)."""
    if noun.dep_ == "compound" and lexicons.triggers().nouns.get(noun.lemma_.lower(), ("", 1.0))[1] >= 0.9:
        named = index.by_token.get(noun.head.i)
        if named is not None and named.type in ("Group", "Organization"):
            roles.add("perpetrators", [named, *_linked(noun.head, index)], "role-named-by-act")


@rule("role-noun-of", "role")
def noun_of_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the torture of protesters', 'attacks against journalists': the victims of a nominal trigger."""
    for pobj in pobjs(noun, {"of", "against", "on"}):
        roles.add("victims", index.with_conjuncts(pobj), "role-noun-of")


@rule("role-noun-by", "role")
def noun_by_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the torture of protesters by the police', 'abuses by the police, including torture': the doer of a
    nominal trigger, or of the wider word it is an example of."""
    for pobj in pobjs(noun, {"by"}) + [p for w in _wider(noun) for p in pobjs(w, {"by"})]:
        roles.add("perpetrators", doers(pobj, index), "role-noun-by")


def _wider(noun: Token) -> list[Token]:
    """The wider word an act is listed as an example of: 'abuses, including torture' (sanction_frames.yaml)."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in lexicons.sanction_frame().examples and prep.head.pos_ == "NOUN":
        return [prep.head]
    return []


@rule("role-noun-modifier", "role")
def noun_modifier_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the army's killings', 'police torture': a named modifier of a nominal trigger did it."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            m = index.at(child)
            if m is not None and m.type != "Location":
                roles.add("perpetrators", [m], "role-noun-modifier")


@rule("role-noun-participle", "role")
def noun_participle_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'torture carried out by X', 'houses operated by agents' (not 'crimes investigated by X'), and 'killings
    of A and threats against B from all walks of life perpetrated by X', where the parse hung a participle
    of doing (perpetration_verbs.txt) on a later word that names no act; an example of a wider word takes
    the wider word's ('abuses committed by X, including torture')."""
    for child in [*noun.children, *_misplaced_participles(noun, sent), *(c for w in _wider(noun) for c in w.children)]:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and not verb_in(child, not_doing_verbs()):
            for doer in agents(child):
                roles.add("perpetrators", doers(doer, index), "role-noun-participle")


def _misplaced_participles(noun: Token, sent: Span) -> list[Token]:
    """Participles of doing after the act noun in its clause, hung on a word that names no act."""
    verbs = lexicons.word_list("perpetration_verbs")
    acts = lexicons.triggers().nouns
    out: list[Token] = []
    for part in sent[noun.i + 1 - sent.start :]:
        if part.dep_ not in ("acl", "relcl") or part.tag_ != "VBN" or part.head.i == noun.i \
                or part.head.lemma_.lower() in acts:
            continue  # "torture carried out by X": the participle is on an act of its own
        particle = next((c.lower_ for c in part.children if c.dep_ == "prt"), "")
        if (f"{part.lemma_.lower()} {particle}" if particle else part.lemma_.lower()) in verbs \
                and _one_clause(noun, part.head):
            out.append(part)
    return out


def _one_clause(a: Token, b: Token) -> bool:
    """The two words sit in one clause: no relative, adverbial or complement clause, and no verb joined to
    another, parts either from the word they meet at."""
    ids = {t.i for t in (a, *a.ancestors)}
    meet = next((t for t in (b, *b.ancestors) if t.i in ids), None)
    if meet is None:
        return False
    for node in (a, b):
        while node.i != meet.i:
            if node.dep_ in ("relcl", "advcl", "ccomp", "parataxis", "xcomp") or (
                    node.dep_ == "conj" and node.pos_ == "VERB"):
                return False
            node = node.head
    return True


@rule("role-light-verb", "role")
def light_verb_roles(noun: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the regime committed torture', 'subjected them to torture': the doer of a light verb on the trigger
    (and, with 'to'/'into', its object the victim; with a verb of use, the tool a doer too)."""
    head = noun.head
    light = light_verbs()
    if noun.lemma_.lower() in lexicons.word_list("remains_nouns"):
        return  # "the team transferred the bodies": moving what an act left is not doing it
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in light:
        _doers_of(head, index, roles, "role-light-verb")
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        if verb.lemma_.lower() in lexicons.word_list("accusation_verbs") or verb.lemma_.lower() not in light:
            return
        _doers_of(verb, index, roles, "role-light-verb")
        if head.lower_ in ("to", "into"):  # "sent the students to re-education camps"
            for child in verb.children:
                if child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and is_passive(verb)):
                    roles.add("victims", index.with_conjuncts(child), "role-light-verb")
        if verb.lemma_.lower() in lexicons.word_list("instrument_verbs"):
            # "nurses were used by the ministry in a bribery scheme": the tool takes part too
            used = [c for c in verb.children if c.dep_ == ("nsubjpass" if is_passive(verb) else "dobj")]
            for tool in used:
                roles.add("perpetrators", index.with_conjuncts(tool), "role-light-verb")


NOMINAL_RULES: list[RoleRule] = [named_by_act_roles, noun_of_roles, noun_by_roles, noun_modifier_roles,
                                 noun_participle_roles, light_verb_roles]


# --- the sentence around the event -------------------------------------------------------------------------

@rule("role-accomplice", "role")
def accomplice_roles(token: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'with the support of X', 'under the supervision of X': X takes part in the act."""
    nouns = lexicons.word_list("complicity_nouns")
    found: list[Mention] = []
    for t in sent:
        if t.pos_ == "NOUN" and t.lemma_.lower() in nouns:
            for pobj in pobjs(t, {"of"}):
                found.extend(m for m in index.with_conjuncts(pobj) if m not in found and m.type != "Location")
    roles.add("perpetrators", found, "role-accomplice")


@rule("role-fallback-actor", "role")
def fallback_actor_roles(token: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """No doer in the parse: state forces, governments and armed groups named in the sentence, if any."""
    if roles.perpetrators:
        return
    named = {m.key for m in roles.victims + roles.sources}
    roles.add("perpetrators", [m for m in index.in_span(sent.start, sent.end)
                               if ((m.subtype in ACTOR_SUBTYPES and m.key not in named) or _is_leader(m, index))
                               and not _agent_elsewhere(m, index)],
              "role-fallback-actor")


@rule("role-fallback-group", "role")
def fallback_group_roles(token: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """Still no doer: the unnamed groups of the sentence whose noun names those who act ('soldiers',
    'state agents', 'armed men'; tagged actor in group_nouns.txt)."""
    if roles.perpetrators:
        return
    named = {m.key for m in roles.victims + roles.sources}
    roles.add("perpetrators", [m for m in index.in_span(sent.start, sent.end)
                               if m.key not in named and actor_group(m, index) and not _acted_on(m, index)
                               and not _agent_elsewhere(m, index)],
              "role-fallback-group")


def _agent_elsewhere(m: Mention, index: MentionIndex) -> bool:
    """The 'by' agent of a participle hung on another noun ('crimes committed by X', 'a woman who was held by
    X') did that, and is no guess for an act the sentence leaves without a doer."""
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("conj", "compound", "nmod", "poss") and head.head.i != head.i:
        head = head.head  # "committed by State actors": the actors are the agent
    verb = head.head.head
    return head.dep_ == "pobj" and head.head.dep_ == "agent" and verb.dep_ in ("acl", "relcl")


def _acted_on(m: Mention, index: MentionIndex) -> bool:
    """A group named as what something is aimed at or given to ("operations against trafficking gangs",
    "bribes to public officials") is not the doer a sentence leaves unnamed."""
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "with":
        return _state_partner(head.head.head)
    return head.dep_ == "pobj" and head.head.lower_ in ("against", "to", "from", "on", "at")


def _state_partner(link: Token) -> bool:
    """'police cooperation with drug gangs', 'army corruption and collusion with smugglers': the partner of a
    state body's link word (collusion_frames.yaml, and the tie nouns of event_pairs.yaml) is what the body is
    tied to, not the doer."""
    frame = lexicons.collusion_frame()
    ties = frame.link_nouns | lexicons.event_pairs()["corruption"].nouns
    words = [link, *link.conjuncts, *([link.head] if link.dep_ == "conj" else [])]  # "corruption and collusion"
    return any(w.lemma_.lower() in ties for w in words) and any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and c.lemma_.lower() in frame.bodies
        for w in words for c in w.children)


def actor_group(m: Mention, index: MentionIndex, bodies: bool = False) -> bool:
    """An unnamed group (with `bodies`, also a named body) whose head noun names those who act ('soldiers',
    'state agents', 'the National Police'; group_nouns.txt)."""
    if m.type not in (("Group", "Organization") if bodies else ("Group",)):
        return False
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and lexicons.group_nouns().get(span.root.lemma_.lower()) == "actor"


SENTENCE_RULES: list[RoleRule] = [accomplice_roles, fallback_actor_roles, fallback_group_roles]


def _is_leader(m: Mention, index: MentionIndex) -> bool:
    """A head of state or government named in the sentence answers for what its forces do, in the
    country the text is about (a foreign ex-president quoted on it does not)."""
    government = leader_governments().get(m.canonical_id or "") if m.type == "Person" else None
    if government is None:
        return False
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None and span.root.dep_ in ("dobj", "pobj", "dative"):
        return False  # "made to vote for and back the President": the ruler is what the act is about, not who acts
    home = index.home_country
    return government in index.canonical_ids or home is None or government.split("-")[0] == home.removeprefix("loc-")


def _doers_of(verb: Token, index: MentionIndex, roles: Roles, by: str) -> None:
    found = agents(verb) if is_passive(verb) else doer_subjects(verb)
    for doer in found:
        roles.add("perpetrators", doers(doer, index), by)


def _linked(token: Token, index: MentionIndex) -> list[Mention]:
    """'a ring linked to the militia', 'cells tied to the cartel': who the doers work for."""
    cues = lexicons.word_list("link_participles")
    out: list[Mention] = []
    for clause in token.children:
        if clause.dep_ in ("acl", "amod") and clause.lemma_.lower() in cues:
            for pobj in pobjs(clause, {"to", "with"}):
                out.extend(m for m in index.with_conjuncts(pobj) if m.type in ("Organization", "Group"))
    return out


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    """Verbs whose subject does the act their object names: the lexicon's, and the pair table's verbs acting
    on an event noun ("prevent any dissent", "seized properties")."""
    pair_verbs = {m for p in lexicons.event_pairs().values() if p.type in ("repression", "corruption")
                  for m in p.modifiers}
    return lexicons.word_list("light_verbs") | pair_verbs


@lru_cache(maxsize=1)
def saying_verbs() -> frozenset[str]:
    """Verbs whose subject vouches for the act in their object: reporting, accusing, law enforcement."""
    return (lexicons.word_list("reporting_verbs") | lexicons.word_list("accusation_verbs")
            | lexicons.word_list("enforcement_verbs"))


@lru_cache(maxsize=1)
def not_doing_verbs() -> frozenset[str]:
    """Verbs whose agent reports, accuses or investigates an act rather than doing it."""
    return saying_verbs() | lexicons.word_list("inquiry_verbs")


def _frames() -> None:
    """The frame rules (event_frames) apply to verbal and nominal triggers alike."""
    from graphkit.extract import event_frames as f

    frames: list[RoleRule] = [f.accusation_frame_roles, f.sanction_frame_roles, f.responsible_for_roles,
                              f.hands_of_roles, f.blamed_on_roles, f.cause_roles]
    VERBAL_RULES.extend([f.undergoer_subject_roles, f.payer_roles, light_verb_roles, *frames])
    NOMINAL_RULES.extend(frames)


_frames()
