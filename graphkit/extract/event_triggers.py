"""Trigger rules: the words of a sentence that name an act of one of the event types.

Every trigger rule has one signature, `(sent, index, covered) -> Iterator[Trigger]`: it reads a sentence,
skips the tokens an earlier rule already took (`covered`) and marks those it takes. `find_triggers` runs
them in order, so a phrase wins over the single words inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graphkit import lexicons
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import agents, is_negated, is_passive, subjects
from graphkit.extract.rules import rule
from graphkit.types import Mention


@dataclass
class Trigger:
    token: Token  # the head of the trigger phrase
    start: int  # token span of the trigger words
    end: int
    type: str
    confidence: float
    rule: str  # the registered rule that found it
    doer: bool = False  # the trigger names the doers ("torturers")
    contest: list[Mention] = field(default_factory=list)  # who disputes the outcome ("rejected the results")


TriggerRule = Callable[[Span, MentionIndex, set[int]], Iterator[Trigger]]


def find_triggers(sent: Span, index: MentionIndex) -> list[Trigger]:
    """Triggers of a sentence from every trigger rule, in rule order (a phrase wins over its words)."""
    covered: set[int] = set()
    out: list[Trigger] = []
    for found in TRIGGER_RULES:
        out.extend(found(sent, index, covered))
    out = [t for t in out if not _inside_a_name(t, index) and not topic_frame(t.token)]
    if any(t.type == "detention" and t.rule != "trigger-phrase" for t in out) and not abusive_detention(sent):
        out = [t for t in out if t.type != "detention" or t.rule == "trigger-phrase"]
    # word triggers (doers, verbs, nouns) in sentence order, after the phrase and pair triggers
    rank = {"trigger-contest": 0, "trigger-phrase": 1, "trigger-pair": 2}
    out.sort(key=lambda t: (rank.get(t.rule, 3), t.token.i if t.rule not in rank else 0))
    return out


@rule("trigger-contest", "trigger")
def contest_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """'Several countries called the results into question': the subject disputes the outcome and so
    alleges an act of that type (contest_cues.yaml)."""
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
                yield Trigger(verb, verb.i, verb.i + 1, event_type, 0.6, "trigger-contest", contest=who)


@rule("trigger-phrase", "trigger")
def phrase_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """Multi-word trigger phrases of event_triggers.yaml ('forced disappearance'), matched by word or lemma."""
    lex = lexicons.triggers()
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
                    yield Trigger(head, window[0].i, window[-1].i + 1, event_type, conf, "trigger-phrase")
                break


@rule("trigger-pair", "trigger")
def pair_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """A noun that names an act only with a qualifying word in its phrase or clause (event_pairs.yaml:
    'properties seized', 'election ... fraudulent')."""
    table = lexicons.event_pairs()
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in covered:
            continue
        for pair in table.values():
            event_type, nouns, modifiers = pair.type, pair.nouns, pair.modifiers
            if noun.lemma_.lower() not in nouns:
                continue
            near = list(noun.subtree) + (list(noun.head.subtree) if noun.dep_ in ("nsubj", "nsubjpass") else [])
            modifier = next((t for t in near if t.i != noun.i
                             and (t.lemma_.lower() in modifiers or t.lower_ in modifiers)), None)
            if modifier is not None:
                covered.add(noun.i)
                yield Trigger(noun, min(noun.i, modifier.i), max(noun.i, modifier.i) + 1, event_type, 0.8,
                              "trigger-pair")
                break


@rule("trigger-doer-noun", "trigger")
def doer_noun_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """Nouns that name the doers of an act ('torturers', 'traffickers'; perpetrator_nouns.txt)."""
    for token in sent:
        lemma = token.lemma_.lower()
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN") or lemma not in doer_nouns():
            continue
        covered.add(token.i)
        if not _source_of_goods(token):
            yield Trigger(token, token.i, token.i + 1, doer_nouns()[lemma], 0.8, "trigger-doer-noun", doer=True)


@rule("trigger-verb", "trigger")
def verb_triggers(sent: Span, index: MentionIndex, covered: set[int]) -> Iterator[Trigger]:
    """A verb of the trigger lexicon ('tortured', 'abducted'), or a verb-tagged noun of it."""
    lex = lexicons.triggers()
    for token in sent:
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
    for token in sent:
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        hit = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
        if hit:
            covered.add(token.i)
            yield Trigger(token, token.i, token.i + 1, hit[0], hit[1], "trigger-noun")


def _inside_a_name(trigger: Trigger, index: MentionIndex) -> bool:
    """'the Office of Foreign Assets Control', 'Committee against Torture': a word of a proper name names
    the body, not an act (an unnamed group named by its act, 'a kidnapping ring', is not a name)."""
    m = index.by_token.get(trigger.token.i)
    return m is not None and m.type in ("Organization", "Person", "Location") and trigger.rule != "trigger-contest"


@rule("trigger-topic-frame", "trigger")
def topic_frame(token: Token) -> bool:
    """'the law punishes kidnapping', 'the fight against drug trafficking', 'trafficking is flourishing': an
    act under one of these heads (topic_frames.txt) is a law, a policy or a topic, not an act anyone did."""
    frames = lexicons.word_list("topic_frames")
    node = token
    while node.dep_ not in _CLAUSE_EDGES and node.head.i != node.i:  # heads within the trigger's own clause
        node = node.head
        if node.lemma_.lower() in frames:
            return True
    return False


_CLAUSE_EDGES = {"conj", "relcl", "advcl", "ccomp", "parataxis", "acl"}


@rule("trigger-abusive-detention", "trigger")
def abusive_detention(sent: Span) -> bool:
    """A detention word is an event only with a cue that the arrest is an abuse (abusive_detention_cues.txt:
    'arbitrarily', 'journalist', 'opposition'); an arrest of a suspect is law enforcement doing its job.
    Detention phrases ('arbitrary detention', 'political prisoner') carry their own cue."""
    text = sent.text.lower()
    lemmas = {t.lemma_.lower() for t in sent}
    return any((" " in c and c in text) or c in lemmas for c in lexicons.word_list("abusive_detention_cues"))


TRIGGER_RULES: list[TriggerRule] = [contest_triggers, phrase_triggers, pair_triggers, doer_noun_triggers,
                                    verb_triggers, noun_triggers]


def _source_of_goods(token: Token) -> bool:
    """'buildings seized from drug traffickers' names where things came from, not an act."""
    return token.lemma_.lower() in doer_nouns() and token.dep_ == "pobj" and token.head.lower_ == "from"


def doer_nouns() -> dict[str, str]:
    """Lemma -> event type of the nouns that name doers (perpetrator_nouns.txt)."""
    return lexicons.doer_nouns()
