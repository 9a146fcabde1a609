"""Trigger rules: the words of a sentence that name an act of one of the event types.

Every trigger rule has one signature, `(sent, index, covered) -> Iterator[Trigger]`: it reads a sentence,
skips the tokens an earlier rule already took (`covered`) and marks those it takes. `find_triggers` runs
them in order, so a phrase wins over the single words inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphkit import lexicons
from graphkit.extract.doc_words import sentence_positions
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import is_passive, phrase, subjects
from graphkit.extract.rules import rule


@dataclass
class Trigger:
    token: Token  # the head of the trigger phrase
    start: int  # token span of the trigger words
    end: int
    type: str
    confidence: float
    rule: str  # the registered rule that found it
    doer: bool = False  # the trigger names the doers ("torturers")


TriggerRule = Callable[[Span, MentionIndex, set[int]], Iterator[Trigger]]


def find_triggers(sent: Span, index: MentionIndex) -> list[Trigger]:
    """Triggers of a sentence from every trigger rule, in rule order (a phrase wins over its words)."""
    covered: set[int] = set()
    out: list[Trigger] = []
    for found in TRIGGER_RULES:
        out.extend(found(sent, index, covered))
    out = [t for t in out if not _inside_a_name(t, index) and not topic_frame(t.token)
           and not hypothetical(t.token) and not body_name(t)
           and not light_object(t, index)]
    out = [t for t in out if not victim_noun(t, out) and not outside_custody(t, sent, out)]
    out = [t for t in out if t.type != "detention" or t.rule == "trigger-phrase" or abusive_detention(sent, t.token)]
    # word triggers (doers, verbs, nouns) in sentence order, after the phrase and pair triggers
    rank = {"trigger-phrase": 1, "trigger-pair": 2}
    out.sort(key=lambda t: (rank.get(t.rule, 3), t.token.i if t.rule not in rank else 0))
    return out


@rule("trigger-phrase", "trigger")
def phrase_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """Multi-word trigger phrases of event_triggers.yaml ('forced disappearance'), matched by word or lemma."""
    lex = lexicons.triggers()
    doc = sent.doc
    for i in sentence_positions(sent, "trigger-phrase", lex.phrases):
        token = doc[i]
        for words, event_type, conf in lex.phrases.get(token.lower_, []) + lex.phrases.get(token.lemma_.lower(), []):
            window = list(doc[i : min(i + len(words), sent.end)])
            if len(window) == len(words) and all(
                w == t.lower_ or w == t.lemma_.lower() for w, t in zip(words, window, strict=True)
            ):
                head = max(window, key=lambda t: (t.pos_ in ("NOUN", "VERB"), t.i))
                covered.update(t.i for t in window)
                if not _source_of_goods(head, " ".join(words)):
                    yield Trigger(head, window[0].i, window[-1].i + 1, event_type, conf, "trigger-phrase")
                break


@rule("trigger-collusion", "trigger")
def collusion_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """'the army works with smugglers', 'police involvement in the arms trade', 'judges in bed with cartels': a
    state body tied to crime alleges corruption (collusion_frames.yaml: a link word, a state body as its
    owner and a crime word in its object)."""
    frame = lexicons.collusion_frame()
    for i in sentence_positions(sent, "trigger-collusion", lambda: frame.link_nouns | frame.link_verbs):
        token = sent.doc[i]
        lemma = token.lemma_.lower()
        if token.i in covered:
            continue
        if token.pos_ == "NOUN" and lemma in frame.link_nouns:
            owners = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
            owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
            owners += _clause_subjects(token)
        elif token.pos_ == "VERB" and lemma in frame.link_verbs:
            owners = subjects(token)
        else:
            continue
        # "in bed with cartels": the "with" may hang on the verb of the link noun's own "in"
        heads = [token, token.head.head] if token.dep_ == "pobj" else [token]
        objects = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "with", "for")
                   for p in c.children if p.dep_ == "pobj" and p.i != token.i]
        if not any(_state_body(o, index, frame.bodies) for t in owners for o in (t, *t.conjuncts)):
            continue
        if any(w.lemma_.lower() in frame.crimes or w.lower_ in frame.crimes
               for o in objects for w in phrase(o, keep_preps=False)):
            covered.add(token.i)
            # all three parts (a state body, a link word, a crime) make a strong trigger: an act even with no doer
            yield Trigger(token, token.i, token.i + 1, "corruption", 0.9, "trigger-collusion")


def _clause_subjects(token: Token) -> list[Token]:
    """The subjects of the clause a noun sits in ('officials were arrested for involvement in …')."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    for _ in range(2):  # "judges were thought to have been in bed with …": the raising verb's subject
        found = subjects(node)
        if found or node.dep_ != "xcomp":
            return found
        node = node.head
    return []


_STATE_SUBTYPES = {"police", "armed_forces", "government", "security_agency", "intelligence_agency",
                   "security_force", "ministry"}


def _state_body(token: Token, index: MentionIndex, bodies: frozenset[str]) -> bool:
    m = index.by_token.get(token.i)
    return token.lemma_.lower() in bodies or (m is not None and m.subtype in _STATE_SUBTYPES)


@rule("trigger-pair", "trigger")
def pair_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """A noun that names an act only with a qualifying word in its phrase or clause (event_pairs.yaml:
    'properties seized', 'election ... fraudulent')."""
    table = lexicons.event_pairs()
    for i in sentence_positions(sent, "trigger-pair", lambda: {n for pair in table.values() for n in pair.nouns}):
        noun = sent.doc[i]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in covered:
            continue
        for pair in table.values():
            event_type, nouns, modifiers = pair.type, pair.nouns, pair.modifiers
            if noun.lemma_.lower() not in nouns:
                continue
            near = list(noun.subtree) + (_own_clause(noun.head) if noun.dep_ in ("nsubj", "nsubjpass") else [])
            if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
                near.remove(noun.head)  # "protests broke out": what the noun itself does qualifies nothing
            if noun.dep_ == "dobj":
                near.append(noun.head)  # "crush the protests": the verb that takes the noun
            modifier = next((t for t in near if t.i != noun.i
                             and (t.lemma_.lower() in modifiers or t.lower_ in modifiers)), None)
            if modifier is not None:
                covered.add(noun.i)
                yield Trigger(noun, min(noun.i, modifier.i), max(noun.i, modifier.i) + 1, event_type, 0.8,
                              "trigger-pair")
                break


def _own_clause(verb: Token) -> list[Token]:
    """The words of a verb's own clause, not of the clauses nested in it: in 'protests erupted after the death
    of a woman who was held for breaking a rule', the breaking qualifies the woman's clause, not the protests."""
    out: list[Token] = []
    todo = [verb]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(c for c in node.children if c.dep_ not in _CLAUSE_EDGES)
    return out


@rule("trigger-doer-noun", "trigger")
def doer_noun_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """Nouns that name the doers of an act ('torturers', 'traffickers'; perpetrator_nouns.txt)."""
    for i in sentence_positions(sent, "trigger-doer-noun", doer_nouns()):
        token = sent.doc[i]
        lemma = token.lemma_.lower()
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN") or lemma not in doer_nouns():
            continue
        covered.add(token.i)
        if not _source_of_goods(token):
            yield Trigger(token, token.i, token.i + 1, doer_nouns()[lemma], 0.8, "trigger-doer-noun", doer=True)


@rule("trigger-prosecuted-dissent", "trigger")
def prosecuted_dissent_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """'bloggers were charged with terrorism', 'the court sentenced two protesters': prosecuting people for
    their reporting, activism or protest is repression (dissent_nouns.txt, prosecution_verbs.txt)."""
    verbs = lexicons.word_list("prosecution_verbs")
    for i in sentence_positions(sent, "trigger-prosecuted-dissent", verbs):
        token = sent.doc[i]
        lemma = token.lemma_.lower()
        if token.i in covered or token.pos_ != "VERB" or lemma not in verbs:
            continue
        patients = [c for c in token.children if c.dep_ == ("nsubjpass" if is_passive(token) else "dobj")]
        if any(_dissent(p) for t in patients for p in (t, *t.conjuncts)):
            covered.add(token.i)
            yield Trigger(token, token.i, token.i + 1, "repression", 0.8, "trigger-prosecuted-dissent")


def _dissent(noun: Token) -> bool:
    return noun.lemma_.lower() in lexicons.word_list("dissent_nouns")


@rule("trigger-verb", "trigger")
def verb_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """A verb of the trigger lexicon ('tortured', 'abducted'), or a verb-tagged noun of it."""
    lex = lexicons.triggers()
    for i in sentence_positions(sent, "trigger-verb", lambda: lex.verbs.keys() | lex.nouns.keys()):
        token = sent.doc[i]
        if token.i in covered or token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        hit = lex.verbs.get(lemma) or lex.nouns.get(lemma)
        if hit:
            covered.add(token.i)
            yield Trigger(token, token.i, token.i + 1, hit[0], hit[1], "trigger-verb")


@rule("trigger-noun", "trigger")
def noun_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """A noun or adjective of the trigger lexicon ('torture', 'detention')."""
    lex = lexicons.triggers()
    for i in sentence_positions(sent, "trigger-noun", lex.nouns):
        token = sent.doc[i]
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        hit = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
        if hit:
            covered.add(token.i)
            yield Trigger(token, token.i, token.i + 1, hit[0], hit[1], "trigger-noun")


def _inside_a_name(trigger: Trigger, index: MentionIndex) -> bool:
    """'the Office for Drug Control', 'Committee against Torture': a word of a proper name names
    the body, not an act (an unnamed group named by its act, 'a kidnapping ring', is not a name)."""
    m = index.by_token.get(trigger.token.i)
    return m is not None and m.type in ("Organization", "Person", "Location")


@rule("trigger-topic-frame", "trigger")
def topic_frame(token: Token) -> bool:
    """'the law punishes kidnapping', 'the fight against drug trafficking', 'trafficking is flourishing': an
    act under one of these heads, or under a verb whose subject is one (topic_frames.txt), is a law, a
    policy or a topic, not an act anyone did."""
    frames = lexicons.word_list("topic_frames")
    node = token
    while (node.dep_ not in _CLAUSE_EDGES or _listed(node)) and node.head.i != node.i:  # within its clause
        node = node.head
        if node.lemma_.lower() in frames or any(  # "the law punishes kidnapping": the frame is the subject
                c.dep_ == "nsubj" and c.lemma_.lower() in frames for c in node.children if node.pos_ == "VERB"):
            return True
    return False


_CLAUSE_EDGES = {"conj", "relcl", "advcl", "ccomp", "parataxis", "acl"}


def _listed(token: Token) -> bool:
    """A noun in a list ('crimes such as theft, fraud and kidnapping'): the list shares its first item's head."""
    return token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("NOUN", "PROPN")


@rule("trigger-abusive-detention", "trigger")
def abusive_detention(sent: Span, trigger: Token | None = None) -> bool:
    """A detention word is an event only with a cue that the arrest is an abuse (abusive_detention_cues.txt:
    'arbitrarily', 'journalist', 'opposition'); an arrest of a suspect is law enforcement doing its job.
    Detention phrases ('arbitrary detention', 'political prisoner') carry their own cue. A describing cue
    ('illegal') inside a clause on another noun ('arrested for joining a ring that carried out illegal raids')
    qualifies that clause, not the arrest."""
    cues = lexicons.word_list("abusive_detention_cues")
    text = sent.text.lower()
    if any(" " in c and c in text for c in cues):
        return True
    return any(t.lemma_.lower() in cues and not (trigger is not None and t.pos_ in ("ADJ", "ADV")
                                                  and _in_other_clause(t, trigger)) for t in sent)


def _in_other_clause(token: Token, trigger: Token) -> bool:
    """The token sits in a relative or adnominal clause that does not hold the trigger."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and not any(t.i == trigger.i for t in node.subtree):
            return True
        node = node.head
    return False


@rule("trigger-hypothetical", "trigger")
def hypothetical(token: Token) -> bool:
    """'... if they were jailed as dissidents': an act inside a condition (hypothetical_marks.txt) is a
    supposition, not an act anyone did."""
    marks = lexicons.word_list("hypothetical_marks")
    node = token
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
        node = node.head
    return False


@rule("trigger-outside-custody", "trigger")
def outside_custody(trigger: Trigger, sent: Span, found: list[Trigger]) -> bool:
    """'ordered the youth wing to beat protesters': a beating is torture only in custody (custody_violence.yaml:
    a custody word or an arrest or abduction in the sentence); in the street it is no torture."""
    words, cues = lexicons.custody_violence()
    text = sent.doc[trigger.start : trigger.end]
    if trigger.type != "torture" or not ({trigger.token.lemma_.lower(), text.lemma_.lower()} & words):
        return False
    if any(t.type in _PEOPLE_ACTS for t in found):
        return False
    lowered = sent.text.lower()
    return not any(t.lemma_.lower() in cues for t in sent) and not any(" " in c and c in lowered for c in cues)


@rule("trigger-body-name", "trigger")
def body_name(trigger: Trigger) -> bool:
    """'the border surveillance division', 'an anti-kidnapping unit': a trigger noun that qualifies the noun
    of a body (unit_nouns.txt) names what the body is for, not an act."""
    token = trigger.token
    return (trigger.rule == "trigger-noun" and token.dep_ in ("compound", "nmod", "amod")
            and token.head.lemma_.lower() in lexicons.word_list("unit_nouns"))


@rule("trigger-light-object", "trigger")
def light_object(trigger: Trigger, index: MentionIndex) -> bool:
    """'take concrete steps', 'hold talks': an ambiguous arrest or abduction verb names one only when what it
    takes is people (a mention, a pronoun, a number of them), not a thing or nothing; 'abuse of power' is
    no ill-treatment; and smuggling photos or letters out of a prison (information_nouns.txt) is no
    trafficking."""
    token = trigger.token
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if trigger.rule == "trigger-verb" and trigger.type == "trafficking":  # "smuggled out photos of the abuse"
        return any(o.lemma_.lower() in lexicons.word_list("information_nouns") for o in objects)
    if trigger.confidence >= 0.6:
        return False
    if trigger.rule == "trigger-noun" and trigger.type == "torture":  # "abuse of power", "abuse of force"
        owned = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"]
        return bool(owned) and not any(_people(o, index) for o in owned)
    if trigger.rule != "trigger-verb" or trigger.type not in _PEOPLE_ACTS:
        return False
    if not objects:  # "urged the forces to stop": nobody is taken
        return not any(c.dep_ == "nsubjpass" for c in token.children) and token.dep_ not in ("acl", "relcl")
    return not any(_people(o, index) for o in objects)


def _people(token: Token, index: MentionIndex) -> bool:
    """The word names people: a mention, a pronoun, a number of them, a group noun."""
    return (token.pos_ in ("PRON", "NUM", "PROPN") or token.i in index.by_token
            or token.lemma_.lower() in lexicons.group_nouns())


_PEOPLE_ACTS = {"detention", "disappearance"}
_VIOLENT_ACTS = {"killing", "torture", "disappearance"}
_UNDERGOER_DEPS = {"dobj", "nsubjpass", "attr", "pobj"}


@rule("trigger-victim-noun", "trigger")
def victim_noun(trigger: Trigger, found: list[Trigger]) -> bool:
    """'killings of rival traders, bandits and others', 'subjected detainees to harsh conditions':
    a noun naming people by what they do or undergo (perpetrator_nouns.txt, victim nouns of group_nouns.txt)
    that suffers another, violent act of the sentence names its victims, not an act of its own type."""
    token = trigger.token
    lemma = token.lemma_.lower()
    if not (trigger.doer or lexicons.group_nouns().get(lemma) == "victim"):
        return False
    top = token
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    if top.dep_ not in _UNDERGOER_DEPS:
        return False
    others = {t.token.i for t in found if t.type in _VIOLENT_ACTS and t.type != trigger.type}
    head = top.head
    if head.i in others or (top.dep_ == "pobj" and head.lower_ == "of" and head.head.i in others):
        return True
    # a sibling of the verb holds the act: "[those killed] included X", "subjected X [to torture]"
    return head.pos_ in ("VERB", "AUX") and any(
        t.i in others for c in head.children if c.i != top.i for t in c.subtree)


TRIGGER_RULES: list[TriggerRule] = [phrase_triggers, collusion_triggers, pair_triggers, doer_noun_triggers,
                                    prosecuted_dissent_triggers, verb_triggers, noun_triggers]


def _source_of_goods(token: Token, phrase: str = "") -> bool:
    """'farms seized from arms dealers', 'properties taken from drug lords' name where things came
    from, not an act."""
    doers = doer_nouns()
    return ((token.lemma_.lower() in doers or phrase in doers) and token.dep_ == "pobj"
            and token.head.lower_ == "from")


def doer_nouns() -> dict[str, str]:
    """Lemma -> event type of the nouns that name doers (perpetrator_nouns.txt)."""
    return lexicons.doer_nouns()
