"""Frame rules: who is held responsible for an act in the frames reports use to assign blame.

"accused X of torture", "X were charged with killing", "X is responsible for the killings", "held X
accountable for", "died at the hands of X", "the abductions were blamed on X", and the subject of an
undergoer verb ("protesters died") as the victim. Same signature as the other role rules.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphkit import lexicons
from graphkit.extract.event_roles import Roles, doer_subjects, doers, payer_verb, pobjs
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import agents, is_passive, subjects
from graphkit.extract.rules import rule
from graphkit.types import Mention

_BLAME_PREPS = {"of", "for", "with", "in", "because", "over"}


def _actors(found: list[Mention]) -> list[Mention]:
    return [m for m in found if m.type != "Location" or m.subtype == "country"]


def _frame_head(trigger: Token) -> tuple[Token, Token] | None:
    """The preposition a trigger hangs from and the word that preposition attaches to:
    'of' + 'accused' in 'accused X of torture' (also through a gerund's 'of torturing', a list's later items
    'of torture, beatings and killings', an act a gerund takes as object: 'of organizing death squads',
    'for directing the killings', the noun an act word qualifies: 'a trafficking conspiracy', a taking
    part: 'charged with participating in', and the wider word an act is an example of: 'for abuses,
    including torture')."""
    node = trigger
    examples = lexicons.sanction_frame().examples
    for _ in range(5):
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in examples and node.head.head.pos_ == "NOUN":
            node = node.head.head  # "abuses, including torture": the frame names the abuses
            continue
        if node.dep_ in ("compound", "amod", "nmod") and node.head.pos_ == "NOUN" and not node.head.ent_type_ \
                and node.head.lemma_.lower() not in lexicons.group_nouns():
            node = node.head  # "a drug trafficking conspiracy" (not "drug gang hitmen": they are people)
            continue
        if node.dep_ in ("pobj", "pcomp") and node.head.dep_ in ("prep", "agent"):
            prep = node.head
            if prep.lower_ == "in" and _takes_part(prep.head) and prep.head.dep_ in ("pcomp", "pobj"):
                node = prep.head  # "charged with participating in": the frame is further up
                continue
            return prep, prep.head
        if node.dep_ in ("dobj", "xcomp") and node.head.tag_ == "VBG" and node.head.dep_ in ("pcomp", "conj"):
            node = node.head
            continue
        return None
    return None


def _takes_part(word: Token) -> bool:
    lemma = word.lemma_.lower()
    particle = next((c.lower_ for c in word.children if c.dep_ == "prt" or c.lower_ == "part"), None)
    words = lexicons.word_list("participation_words")
    return lemma in words or (particle is not None and f"{lemma} {particle}" in words)


@rule("role-accusation-frame", "role")
def accusation_frame_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'accused the police of torture', 'soldiers were charged with killing', 'the army, which was accused of
    abductions': the accused (object, or passive subject) did it."""
    found = _frame_head(trigger)
    if found is None:
        return
    prep, head = found
    arrested = head.lemma_.lower() in lexicons.word_list("arrest_verbs") and (
        prep.lower_ in ("for", "over") or prep.lower_ == "on" and _charge_words(prep))
    if prep.lower_ not in _BLAME_PREPS and not arrested:
        return
    verb = head
    accused: list[Token] = []
    blame = lexicons.word_list("accusation_verbs") | (lexicons.word_list("arrest_verbs") if arrested else frozenset())
    noun = head
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in blame:
        # "sanctions on the police and two commanders for abuses", "charges against X for torture"
        for pobj in pobjs(noun, {"on", "against"}):
            roles.add("perpetrators", _actors(doers(pobj, index)), "role-accusation-frame")
        for conj in noun.conjuncts:
            if conj.pos_ in ("NOUN", "PROPN") and conj.lemma_.lower() not in blame:
                roles.add("perpetrators", _actors(doers(conj, index)), "role-accusation-frame")
        return
    while verb.dep_ == "pobj" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("NOUN", "PROPN"):
        verb = verb.head.head  # "accused the regime of X of torture": the 'of' hangs on the regime's name
    if verb.pos_ != "VERB" and verb.dep_ in ("dobj", "nsubjpass") and verb.head.pos_ == "VERB":
        accused, verb = [verb], verb.head  # "accused [the police of torture]": the 'of' hangs on the object
    if verb.lemma_.lower() not in blame:
        return
    if not accused:
        accused = [c for c in verb.children if c.dep_ == ("nsubjpass" if is_passive(verb) else "dobj")]
        if not accused and verb.dep_ in ("relcl", "acl") and is_passive(verb):
            accused = [verb.head]  # "the army, which was accused of abductions"
    for who in accused:
        roles.add("perpetrators", _actors(doers(who, index)), "role-accusation-frame")


@rule("role-sanction-frame", "role")
def sanction_frame_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'sanctioned X for torture', 'imposed sanctions on X and Y over killings', 'X was designated because
    of abuses, including disappearances', 'sanctioned four officials, including X for ordering arrests':
    who is sanctioned did the acts of the reason; who sanctions alleges them (a source), not their doer."""
    found = _frame_head(trigger)
    frame = lexicons.sanction_frame()
    if found is not None and found[0].lower_ == "for" and _being_responsible(found[1]):
        found = _frame_head(found[1].head)  # "designated for being responsible for the killings"
    if found is None or found[0].lower_ not in frame.reasons or _weak(trigger):
        return  # "sanctioned for human rights abuses": a vague word of a reason names no act of its own
    parties = _sanction_parties(found[1], frame)
    if parties is None:
        return
    sanctioned, sanctioners = parties
    roles.add("sources", [m for t in sanctioners for m in _actors(index.with_conjuncts(t))], "role-sanction-frame")
    for who in sanctioned:
        roles.add("perpetrators", _actors(doers(who, index)), "role-sanction-frame")


def _being_responsible(word: Token) -> bool:
    """'(for) being responsible (for)': a responsibility word in a gerund clause with no subject of its own."""
    verb = word.head
    return (word.dep_ in ("acomp", "attr") and word.lemma_.lower() in lexicons.word_list("responsibility_words")
            and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and not subjects(verb))


def _weak(trigger: Token) -> bool:
    lex = lexicons.triggers()
    table = lex.verbs if trigger.pos_ == "VERB" else lex.nouns
    return table.get(trigger.lemma_.lower(), ("", 1.0))[1] < 0.6


def _sanction_parties(head: Token, frame: lexicons.SanctionFrame) -> tuple[list[Token], list[Token]] | None:
    """(who is sanctioned, who sanctions) around the word the reason hangs on: a sanction verb, one of its
    objects ('including X for'), a sanction noun, or a verb dealing one out ('slapped sanctions on X for')."""
    lemma = head.lemma_.lower()
    if head.pos_ == "VERB" and lemma in frame.verbs:
        return _sanctioned_by_verb(head, frame), _sanctioners(head)
    if head.pos_ in ("NOUN", "PROPN") and lemma in frame.nouns:
        verb = head.head if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB" else None
        owners = [c for c in head.children if c.dep_ == "poss"]
        return _targets(head, frame), owners or (_sanctioners(verb) if verb is not None else [])
    if head.pos_ == "VERB" and lemma in frame.support_verbs:
        nouns = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in frame.nouns]
        if not nouns:
            return None
        return [t for n in nouns for t in _targets(n, frame)] + _targets(head, frame), _sanctioners(head)
    head = _noun_slot(head)
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ in frame.examples:
        verb = verb.head  # "sanctioned three officials, including the governor for ...": the governor
        if verb.dep_ in ("dobj", "nsubjpass") and verb.pos_ in ("NOUN", "PROPN"):
            verb = verb.head  # the parse hung "including" on the officials
    elif head.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.pos_ == "VERB" and verb.lemma_.lower() in frame.verbs and head.pos_ in ("NOUN", "PROPN"):
        return [head], _sanctioners(verb)
    return None


def _sanctioned_by_verb(verb: Token, frame: lexicons.SanctionFrame) -> list[Token]:
    """The object of 'sanctioned X', the subject of 'X was designated', the noun of 'officers sanctioned
    for', and the examples of 'sanctioned ..., including X'."""
    passive = is_passive(verb)
    found = subjects(verb) if passive else [c for c in verb.children if c.dep_ == "dobj"]  # "X, who was designated"
    if not found and passive and verb.dep_ in ("acl", "relcl"):
        found = [verb.head]
    # "sanctioned four officials, including X": X, named, stands for the officials
    found = [t for f in found for t in (_examples(f, frame) or [f])]
    return found + _examples(verb, frame)


def _examples(word: Token, frame: lexicons.SanctionFrame) -> list[Token]:
    return [p for c in word.children if c.dep_ == "prep" and c.lower_ in frame.examples
            for p in c.children if p.dep_ == "pobj"]


def _noun_slot(noun: Token) -> Token:
    """The noun that fills its clause slot for a later list item or a part: 'X and two of its commanders'."""
    for _ in range(4):
        if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NUM", "PRON"):
            noun = noun.head.head
        else:
            break
    return noun


def _targets(word: Token, frame: lexicons.SanctionFrame) -> list[Token]:
    return pobjs(word, set(frame.targets))


def _sanctioners(verb: Token) -> list[Token]:
    """Who deals out the sanction: the subject, or the agent of a passive."""
    return agents(verb) if is_passive(verb) else subjects(verb)


def _charge_words(prep: Token) -> bool:
    """'on trafficking charges', 'on suspicion of extortion': an arrest's stated grounds."""
    heads = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    words = heads + [c for p in heads for c in p.children if c.dep_ == "dobj"]  # "on [kidnapping [charges]]"
    return any(w.lemma_.lower() in _CHARGE_NOUNS for w in words)


_CHARGE_NOUNS = {"charge", "suspicion", "accusation", "allegation", "count", "warrant"}


@rule("role-responsible-for", "role")
def responsible_for_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'X is responsible for the killings', 'held X accountable for torture', 'X's responsibility for':
    X did it."""
    found = _frame_head(trigger)
    if found is None:
        return
    prep, word = found
    if prep.lower_ != "for" or word.lemma_.lower() not in lexicons.word_list("responsibility_words"):
        return
    who: list[Token] = []
    if word.dep_ in ("acomp", "attr"):
        who = subjects(word.head)  # "X is responsible for"
    elif word.dep_ in ("oprd", "ccomp", "xcomp"):  # "held X responsible for", "X was held responsible for"
        verb = word.head
        who = ([c for c in word.children if c.dep_ == "nsubj"]
               or [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or subjects(verb))
    elif word.dep_ == "amod":
        who = [word.head]  # "the group responsible for the attacks"
    else:
        who = [c for c in word.children if c.dep_ == "poss"]  # "the army's responsibility for"
    for t in who:
        if lexicons.group_nouns().get(t.lemma_.lower()) == "victim":
            continue  # "hold people accountable for a massacre": a call for justice names no one
        roles.add("perpetrators", _actors(doers(t, index)), "role-responsible-for")


@rule("role-at-the-hands-of", "role")
def hands_of_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'died at the hands of X', 'torture at the hands of X', 'suffered abuse at the hands of X'."""
    for prep in [c for c in trigger.children if c.dep_ == "prep"] + [
            c for c in trigger.head.children if c.dep_ == "prep" and trigger.dep_ in ("dobj", "nsubj")]:
        if prep.lower_ not in ("at", "in", "by"):
            continue
        for hands in (p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() == "hand"):
            for pobj in pobjs(hands, {"of"}):
                roles.add("perpetrators", _actors(doers(pobj, index)), "role-at-the-hands-of")


@rule("role-blamed-on", "role")
def blamed_on_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the killings were blamed on X', 'deaths attributed to X', 'X was blamed for the abductions'."""
    head = trigger.head
    blame = lexicons.word_list("attribution_verbs")
    verbs = [head] if trigger.dep_ in ("nsubjpass", "dobj") and head.lemma_.lower() in blame else []
    # "deaths attributed to X", "the abductions, which were blamed on X": a clause on the act
    verbs += [c for c in trigger.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in blame]
    for verb in verbs:
        for pobj in pobjs(verb, {"on", "to"}):
            roles.add("perpetrators", _actors(doers(pobj, index)), "role-blamed-on")


@rule("role-cause", "role")
def cause_roles(trigger: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'the force used by X has led to the deaths of 40', 'the raids by X resulted in the arrest of',
    'X caused the deaths': whoever, or whatever act of whose, brings the act about did it."""
    node = trigger
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    verb: Token | None = None
    causal = lexicons.word_list("causal_verbs")
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
        candidate = node.head.head
        if f"{candidate.lemma_.lower()} {node.head.lower_}" in causal:
            verb = candidate
    elif node.dep_ == "dobj" and node.head.pos_ == "VERB" and node.head.lemma_.lower() in causal:
        verb = node.head
    if verb is None or is_passive(verb):
        return
    for sub in doer_subjects(verb):
        roles.add("perpetrators", _actors(doers(sub, index)), "role-cause")


@rule("role-payer", "role")
def payer_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'farmers are forced to pay the militia a fee': whoever pays an extortion suffers it and whoever is
    paid does it (payer_verbs.txt)."""
    if not is_payer(verb) or is_passive(verb):
        return
    for sub in doer_subjects(verb):
        roles.add("victims", index.with_conjuncts(sub), "role-payer")
    paid = [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"] + pobjs(verb, {"to"})
    for who in paid:
        roles.add("perpetrators", _actors(doers(who, index)), "role-payer")


def is_payer(verb: Token) -> bool:
    return verb.pos_ == "VERB" and payer_verb(verb)


@rule("role-undergoer-subject", "role")
def undergoer_subject_roles(verb: Token, sent: Span, index: MentionIndex, roles: Roles) -> None:
    """'three protesters died', 'the activist disappeared': the subject suffered the act."""
    if verb.pos_ == "VERB" and verb.lemma_.lower() in lexicons.word_list("undergoer_verbs"):
        for sub in subjects(verb):
            roles.add("victims", index.with_conjuncts(sub), "role-undergoer-subject")
