"""Typed relations between mentions: titles, appositions, 'head of', 'member of', locative phrases, verbs."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.doc_words import doc_table, positions, sentence_positions
from graphkit.extract.entity_repair import governments
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import agents, is_passive, subjects
from graphkit.extract.relation_facts import government_mention as _government_mention
from graphkit.extract.relation_facts import home_government_id as _home_government_id
from graphkit.extract.relation_facts import make_relation as _relation
from graphkit.extract.relation_facts import mention_span as _span
from graphkit.extract.relation_names import government_of_leader_relations, ministry_relations, name_part_relations
from graphkit.extract.relation_places import kind_of_place_relations
from graphkit.extract.rules import add_rule, rule
from graphkit.names import demonyms, fold
from graphkit.types import Mention, Relation

_ORG_TYPES = {"Organization"}


def _title_type(word: str) -> str | None:
    t = lexicons.titles()
    word = word.lower().rstrip(".")
    if word in t.get("leads", frozenset()):
        return "LEADS"
    if word in t.get("member_of", frozenset()):
        return "MEMBER_OF"
    return None


def _member_nouns() -> frozenset[str]:
    return lexicons.titles().get("member_nouns", frozenset())


def _longest_title(words: list[Token]) -> str | None:
    """The relation of the longest title inside the words ("Secretary General" leads, "General" alone serves)."""
    lowered = [w.text.lower().rstrip(".") for w in words]
    for size in range(len(lowered), 0, -1):
        for i in range(len(lowered) - size, -1, -1):
            kind = _title_type(" ".join(lowered[i : i + size]).replace(" - ", "-"))  # "Secretary-General"
            if kind:
                return kind
    return None


def _is_past(tokens: list[Token]) -> bool:
    return any(t.lower_ in lexicons.word_list("past_modifiers") or t.lower_.startswith("ex-") for t in tokens)


@rule("title-before-name", "relation")
def _title_relations(doc: Doc, person: Mention, index: MentionIndex) -> Iterator[Relation]:
    """'Interior Minister X', 'OAS Secretary General X', 'X, head of Y', 'X, an agent of Y'."""
    span = _span(doc, person)
    if span is None:
        return
    sent = span.sent
    # words right before the name: "<Org> <title> <Name>"
    left = span.start - 1
    if left >= sent.start and doc[left].text == ",":  # "The OAS Secretary General, Ana Ruiz"
        left -= 1
    title_words: list[Token] = []
    def title_word(i: int) -> bool:
        m = index.by_token.get(i)
        if m is None:
            return _named_elsewhere(doc[i], index) is None
        return m.type == "Group" and " " not in m.text and _title_type(doc[i].text) is not None

    def joined_title(i: int) -> bool:  # "director and founder X": two titles joined by "and"
        return (doc[i].lower_ == "and" and bool(title_words) and _title_type(title_words[0].text) is not None
                and i - 1 >= sent.start and _title_type(doc[i - 1].text) is not None)

    while left >= sent.start and (doc[left].pos_ in ("PROPN", "NOUN", "ADJ") and title_word(left)
                                  or doc[left].tag_ == "HYPH" and bool(title_words)  # "Secretary-General X"
                                  or joined_title(left)):
        title_words.insert(0, doc[left])
        left -= 1
    while left >= sent.start and doc[left].is_punct and doc[left].text in (",",):
        left -= 1
    if title_words and left > sent.start and doc[left].tag_ == "POS":  # "the DEA's chief of staff, X"
        left -= 1
    kind = _longest_title(title_words)
    collective = False
    office = index.by_token.get(left) if not title_words and left >= sent.start else None
    if office is None and not title_words and left > sent.start and doc[left].tag_ == "POS":
        owner = index.by_token.get(left - 1)  # "Amnesty International's Ana Ruiz": a person of the organization
        if owner is not None and owner.type in _ORG_TYPES and owner.subtype != "government":
            yield _relation("title-before-name", "MEMBER_OF", person, owner, sent, doc[left].text, confidence=0.6)
    if office is not None and office.type in _ORG_TYPES and office.end <= doc[left].idx + len(doc[left].text):
        # "the UN High Commissioner for Refugees X": an office named by its title, right before the holder
        office_span = _span(doc, office)
        held = _longest_title(list(office_span)) if office_span is not None else None
        if held:
            yield _relation("title-before-name", held, person, office, sent, office.text, confidence=0.7)
    elif kind:
        org = index.by_token.get(left) or (_named_elsewhere(doc[left], index) if left >= sent.start else None)
        if org is None and left >= sent.start and doc[left].lower_ in ("its", "their"):
            # "its leader X": the organization (or collective: "the opposition ... its candidate") named last before
            org = next((m for m in sorted(index.by_token.values(), key=lambda m: -m.start)
                        if (m.type in _ORG_TYPES or _collective(doc, m)) and m.end <= doc[left].idx
                        and m.start >= _previous_sentence_start(sent)), None)
            collective = org is not None and org.type == "Group" and kind == "MEMBER_OF"
        if title_words and title_words[-1].lower_ == "minister":
            portfolio = title_words[:-1]
            if org is not None and "ministry" not in org.text.lower():
                portfolio = [t for t in doc[org.start_token(doc) : left + 1]] + portfolio
            org = (_ministry(portfolio, index) if portfolio else None) or org
        if org is not None and (org.type in _ORG_TYPES or collective):
            yield _relation("title-before-name", kind, person, org, sent,
                            " ".join(t.text for t in title_words).replace(" - ", "-"),
                            past=_is_past(title_words), confidence=0.85)
    # appositions and 'as head of Y': a title noun with an 'of' phrase naming an organization
    for token in span.root.children if span.root.dep_ != "compound" else []:
        yield from _of_title(token, person, index, sent)
    for token in sent:
        if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.i in range(span.start, span.end + 3):
            yield from _of_title(token, person, index, sent)
    # "the director of that center, X": a title phrase just before ", X" that the parse left apart
    word: Token | None = doc[span.start - 2] if span.start - 2 >= sent.start and doc[span.start - 1].text == "," \
        else None
    for _ in range(4):
        if word is None or word.i >= span.start:
            break
        if word.pos_ == "NOUN" and (_title_type(word.lemma_) or _title_type(word.text)):
            if _described_person(word, [], index) is person:
                yield from _of_title(word, person, index, sent, apposed=True)
            break
        word = word.head if word.dep_ in ("pobj", "prep", "conj", "compound", "amod") else None


def _named_elsewhere(token: Token, index: MentionIndex) -> Mention | None:
    """An organization's short name that the parse left unmarked here but the document names elsewhere
    ("FCR director X" after "the Forum for Civic Rights (FCR)")."""
    doc = token.doc
    for first in range(max(token.i - 2, token.sent.start), token.i + 1):  # longest first: "Telenova 24", "FCR"
        words = doc[first : token.i + 1]
        if words[0].pos_ != "PROPN" or any(t.pos_ not in ("PROPN", "NUM") or t.i in index.by_token for t in words):
            continue
        found = index.by_name.get(words.text.lower())
        if found is not None and found.type in _ORG_TYPES:
            return found
    return None


def _ministry(portfolio: list[Token], index: MentionIndex) -> Mention | None:
    """'Interior Minister X': the ministry the text names ('Interior Ministry', 'Ministry of the Interior')."""
    words = {t.lower_ for t in portfolio}
    for m in index.by_token.values():
        lowered = set(m.text.lower().replace(",", " ").split())
        if m.type in _ORG_TYPES and "ministry" in lowered and words <= lowered:
            return m
    return None


def _previous_sentence_start(sent: Span) -> int:
    """Character offset where the sentence before this one starts (a pronoun's antecedent is near)."""
    doc = sent.doc
    return doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char


def _collective(doc: Doc, m: Mention) -> bool:
    """A named collective standing for an organization: "the opposition" (one word, singular, not a role)."""
    span = _span(doc, m)
    return (m.type == "Group" and span is not None and span.root.tag_ == "NN"
            and _title_type(span.root.lemma_) is None and span.root.lemma_.lower() not in _member_nouns())


def _demonstrative(token: Token, index: MentionIndex) -> Mention | None:
    """'that center': the last organization before it that the text called a center (its name's head or an
    apposition: "the Rivera Foundation, a research center")."""
    if not any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in token.children):
        return None
    lemma = token.lemma_.lower()
    for t in reversed(token.doc[: token.i]):
        m = index.by_token.get(t.i)
        if m is None or m.type not in _ORG_TYPES:
            continue
        if t.lemma_.lower() == lemma or any(c.dep_ == "appos" and c.lemma_.lower() == lemma for c in t.children):
            return m
    return None


@rule("title-of-phrase", "relation")
@rule("title-with-organization-modifier", "relation")
def _of_title(token: Token, person: Mention, index: MentionIndex, sent: Span, *, apposed: bool = False
              ) -> Iterator[Relation]:
    if token.dep_ not in ("appos", "pobj", "attr") and not apposed:
        return
    kind = _title_type(token.lemma_) or _title_type(token.text)
    if not kind:
        return
    past = _is_past(list(token.children)) or any(_is_past(list(a.children)) for a in token.ancestors if a.i < token.i)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "in", "for"):
            for pobj in prep.children:
                org = (index.at(pobj) or _demonstrative(pobj, index)) if pobj.dep_ == "pobj" else None
                if org is not None and org.type in _ORG_TYPES:
                    yield _relation("title-of-phrase", kind, person, org, sent, f"{token.text} {prep.text}", past=past)
    # "an air force lieutenant": the organization is a modifier of the title
    for child in token.children:
        org = index.at(child) if child.dep_ in ("compound", "nmod") else None
        if org is not None and org.type in _ORG_TYPES:
            yield _relation("title-with-organization-modifier", kind, person, org, sent, token.text, past=past,
                            confidence=0.7)


def _apposed_person(root: Token, index: MentionIndex) -> Mention | None:
    """'an officer of X and opponent of Y, Marco Salas': the role nouns describe the person beside them."""
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    if root.dep_ == "conj":
        candidates.extend(c for c in root.head.children if c.dep_ == "appos")
    for token in candidates:
        m = index.by_token.get(token.i)
        # one name beside "members" is more likely a misattached apposition of a nearer noun
        if m is not None and m.type == "Person" and not (root.tag_ in ("NNS", "NNPS") and not token.conjuncts):
            return m
    return None


def _phrase_edge(token: Token, index: MentionIndex) -> int:
    """The phrase's last word, leaving out a name misattached as an apposition. (A module function: a
    nested one that calls itself is a reference cycle, which kept each Doc alive until the cyclic GC ran.)"""
    m = index.by_token.get(token.i)
    if token.dep_ == "appos" and m is not None and m.type == "Person":
        return -1
    return max([token.i, *(_phrase_edge(c, index) for c in token.children
                           if not c.is_punct and c.dep_ not in ("acl", "relcl", "advcl"))])


def _described_person(noun: Token, tails: list[Token], index: MentionIndex) -> Mention | None:
    """The person a role noun describes: "X, a critic of Y", "a critic of Y, X," (tails: the objects of the
    noun's phrase when the parse hangs them elsewhere)."""
    person = _apposed_person(noun, index)
    if person is not None:
        return person
    doc = noun.doc
    end = max(_phrase_edge(t, index) for t in [noun, *tails])
    sent = noun.sent
    if end + 2 < sent.end and doc[end + 1].text == ",":
        m = index.by_token.get(end + 2)
        span = _span(doc, m) if m is not None and m.type == "Person" else None
        after = next((t for t in doc[span.end : sent.end] if not t.is_space), None) if span is not None else None
        closed = span is not None and (after is None or after.text in (",", ".", ")", ";"))
        if closed and span is not None and span.start == end + 2:
            return m
    return None


# what each relation may link: (source types, target types)
_ARG_TYPES = {
    "LEADS": ({"Person"}, {"Organization"}),
    "MEMBER_OF": ({"Person", "Group"}, {"Organization"}),
    "PART_OF": ({"Organization"}, {"Organization"}),
    "LOCATED_IN": ({"Organization", "Location"}, {"Location"}),
    "ALLIED_WITH": ({"Person", "Organization", "Group"}, {"Person", "Organization", "Group"}),
    "OPPOSES": ({"Person", "Organization", "Group"}, {"Person", "Organization", "Group"}),
}
_NOUNISH = {"NOUN", "PROPN", "PRON"}
_CLIMB_DEPS = {"acl", "amod", "appos", "prep", "pobj", "pcomp", "agent", "attr", "dobj", "acomp", "oprd"}


@lru_cache(maxsize=1)
def _cue_phrases() -> list[tuple[tuple[str, ...], str, bool]]:
    """(words, relation, passive) for the yaml phrases that end in a preposition, longest first."""
    # "with the support of X" says who helps whom only through the act it qualifies, which a phrase
    # between two names cannot tell ("A said B acted with the support of C" is not A with C): left out
    help_nouns = lexicons.word_list("complicity_nouns")
    out = []
    for kind, spec in lexicons.relation_cues().items():
        for key, passive in (("phrases", False), ("passive_phrases", True)):
            for phrase in spec.get(key, frozenset()):
                words = tuple(phrase.split())
                if len(words) >= 2 and not words[0].startswith("'") and not help_nouns & set(words):
                    out.append((words, kind, passive))
    return sorted(out, key=lambda x: (-len(x[0]), x))


def _phrase_objects(pobj: Token, index: MentionIndex) -> list[Mention]:
    """The entities a preposition's object names, with conjuncts and a parenthesised list ("bodies (A, B)")."""
    found = index.with_conjuncts(pobj)
    doc = pobj.doc
    for child in pobj.children:
        if child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "(":
            close = next((t.i for t in doc[child.i : child.sent.end] if t.text == ")"), child.sent.end)
            found.extend(m for m in index.in_span(child.left_edge.i, close) if m not in found)
    return found


def _phrase_subject(first: Token, tails: list[Token], index: MentionIndex) -> Mention | None:
    """The entity on the near side of a cue phrase: the person a role noun describes, else the nearest mention
    up the parse (the noun a participle or adjective modifies, the subject of the verb, an apposition's head)."""
    if first.pos_ == "NOUN":
        person = _described_person(first, tails, index)
        if person is not None:
            return person
    token, climb = first, _CLIMB_DEPS
    for _ in range(8):
        if token is not first or (token.pos_ in _NOUNISH and token.dep_ != "attr"):  # "X is a critic of
            m = index.at(token)
            named = index.by_token.get(token.head.i) if token.dep_ == "appos" else None
            if (m is None or m.type == "Group") and named is not None and named.type == "Person":
                return named  # "X, Inspector in Charge of Y": the role stands for the person it is apposed to
            if m is not None:
                return m
            poss = next((c for c in token.children if c.dep_ == "poss" and c.i in index.by_token), None)
            if poss is not None:
                return index.by_token[poss.i]
        subs = subjects(token) if token.pos_ in ("VERB", "AUX", "ADJ") else []
        if subs and subs[0] is not token:
            token, climb = subs[0], {"appos"}  # from the subject only an apposition's head: "X, a center based in"
        elif token.dep_ in climb and token.head is not token:
            if token.dep_ == "prep" and token.head.pos_ in _NOUNISH and any(c.dep_ == "pcomp" for c in token.children):
                return None  # "accused by the police of being a member of": the clause is not the noun's
            token = token.head
        else:
            return None
    return None


@rule("cue-phrase", "relation")
def _phrase_relations(doc: Doc, index: MentionIndex) -> Iterator[Relation]:
    """The yaml cue phrases ending in a preposition: "X, based in Y", "a critic of Y, X", "serving as the
    headquarters of Y" (passive: Y is in X). The far side is the preposition's object, the near side is found
    by climbing the parse from the phrase's first word."""
    by_first = _cue_phrases_by_first_word()
    used: set[int] = set()
    lowered = doc_table(doc).lowers
    for sent in doc.sents:
        for i in sentence_positions(sent, "cue-phrase", by_first):
            if i in used:
                continue
            token = doc[i]
            for words, kind, passive in by_first.get(lowered[i], ()):
                n = len(words)
                if tuple(lowered[i : min(i + n, sent.end)]) != words:
                    continue
                last = doc[token.i + n - 1]
                pobjs = [c for c in last.children if c.dep_ == "pobj"]
                if last.pos_ != "ADP" or not pobjs:
                    continue
                used.update(range(token.i, token.i + n))
                near = _phrase_subject(token, pobjs, index)
                if near is None:
                    break
                for pobj in pobjs:
                    for far in _phrase_objects(pobj, index):
                        src, tgt = (far, near) if passive else (near, far)
                        sources, targets = _ARG_TYPES[kind]
                        if src is tgt or src.type not in sources or tgt.type not in targets:
                            continue
                        yield _relation("cue-phrase", kind, src, tgt, sent, " ".join(words),
                                        past=_is_past(list(token.children)) or _is_past([doc[token.i - 1]]),
                                        confidence=0.65)
                break


@lru_cache(maxsize=1)
def _cue_phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]]:
    """The cue phrases indexed by their first word, longest first: one dict look-up per token."""
    out: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for entry in _cue_phrases():
        out.setdefault(entry[0][0], []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


@rule("group-member-of", "relation")
def _group_member_relations(doc: Doc, group: Mention, index: MentionIndex) -> Iterator[Relation]:
    """'members of X', 'agents of X', 'X agents': an unnamed group belongs to a named organization."""
    span = _span(doc, group)
    if span is None:
        return
    root = span.root
    lemma = root.lemma_.lower()
    opposes = {p.split()[0] for p in lexicons.relation_cues().get("OPPOSES", {}).get("phrases", frozenset())
               if p.endswith(" of")}
    if lemma in _member_nouns() or _title_type(lemma) == "MEMBER_OF":
        kind = "MEMBER_OF"
    elif lemma in opposes or root.lower_ in opposes:
        kind = "OPPOSES"
    else:
        return
    pobjs = [t for prep in root.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
             for t in prep.children if t.dep_ == "pobj"]
    holder = _described_person(root, pobjs, index) or group
    bare = holder is group and " " not in group.text.strip()  # "members of X" stands for X (MentionIndex.at)
    for pobj in pobjs:
        org = index.at(pobj)
        if org is not None and org.type in _ORG_TYPES:
            # "an officer of the Police, Marco Salas": a person apposed to an organization describes the agent
            apposed = [index.by_token.get(c.i) for c in pobj.children if c.dep_ == "appos"]
            person = next((m for m in apposed if m is not None and m.type == "Person"), None)
            if bare and person is None:
                continue  # a node "members" beside X would add nothing that X does not say
            yield _relation("group-member-of", kind, person if holder is group and person else holder, org, span.sent,
                            f"{root.text} of", confidence=0.7)


@rule("place-comma-place", "relation")
@rule("place-cue-phrase", "relation")
def _locative_relations(doc: Doc, place: Mention, index: MentionIndex) -> Iterator[Relation]:
    """'Tucson, Arizona', 'based in the state of Jalisco', 'the Santa Rosa neighborhood of Lima'."""
    span = _span(doc, place)
    if span is None:
        return
    sent = span.sent
    nxt = span.end
    if nxt + 1 < sent.end and doc[nxt].text == ",":
        other = index.by_token.get(nxt + 1)
        if other is not None and other.type == "Location" and other is not place \
                and not _in_list(doc, span, other, index) and _ranks_below(place, other):
            yield _relation("place-comma-place", "LOCATED_IN", place, other, sent, ",", confidence=0.6)
    cue_phrases = lexicons.relation_cues().get("LOCATED_IN", {}).get("phrases", frozenset())
    # a following "<word> of <Location>" or "located in <Location>" within a few tokens
    window = doc[span.end : min(span.end + 7, sent.end)]
    text = " ".join(t.lower_ for t in window)
    first = window[1] if len(window) > 1 and window[0].text == "," else window[0] if len(window) else None
    attached = first is not None and (first.head.i in range(span.start, span.end) or span.root.head.i == first.i)
    if not attached:
        return
    for phrase in cue_phrases:
        if text.startswith(phrase + " ") or text.startswith(", " + phrase + " "):
            for t in window:
                other = index.by_token.get(t.i)
                if other is not None and other.type == "Location" and other is not place:
                    yield _relation("place-cue-phrase", "LOCATED_IN", place, other, sent, phrase, confidence=0.7)
                    return


@lru_cache(maxsize=1)
def _place_rank() -> dict[str, int]:
    """Place subtype -> size rank (data: lexicons/place_ranks.yaml)."""
    return lexicons.place_ranks()


def _ranks_below(place: Mention, other: Mention) -> bool:
    a, b = _place_rank().get(place.subtype or ""), _place_rank().get(other.subtype or "")
    return a is None or b is None or a < b


def _in_list(doc: Doc, first: Span, other: Mention, index: MentionIndex) -> bool:
    """'Ohio, Ghana, Peru and Chile' is a list of places, not a place inside another."""
    before = first.start - 1
    if before >= 0 and doc[before].text in (",", "and", "or"):
        return True
    second = doc.char_span(other.start, other.end, alignment_mode="expand")
    after = second.end if second is not None else None
    return after is not None and after < len(doc) and doc[after].text in (",", "and", "or") and (
        after + 1 < len(doc) and (doc[after + 1].i in index.by_token or doc[after + 1].lower_ == "and"))


@rule("relation-verb", "relation")
def _verb_relations(doc: Doc, index: MentionIndex) -> Iterator[Relation]:
    """'X heads Y', 'X joined Y', 'the gang recruited officers' (object verbs: the object is the member)."""
    by_verb = _relation_verbs()
    for i in positions(doc, "relation-verb", by_verb):
        verb = doc[i]
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in by_verb:
            continue
        kind, past, inverted = by_verb[verb.lemma_.lower()]
        doers = agents(verb) if is_passive(verb) else subjects(verb)
        prepositional = verb.lemma_.lower() in lexicons.relation_cues().get(kind, {}).get("prepositional_verbs", ())
        objects = [c for c in verb.children if c.dep_ == "dobj" and not prepositional] if not is_passive(verb) else [
            c for c in verb.children if c.dep_ in ("nsubjpass",)] or (
            [verb.head] if verb.dep_ == "acl" and (m := index.at(verb.head)) is not None
            and m.type in _ARG_TYPES[kind][1 - inverted] else [])
        if not inverted:  # "working as hitmen" names a role, not an organization
            objects += [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ != "as"
                        for p in prep.children if p.dep_ == "pobj"]
        for d in doers:
            person = _described_person(d, [], index) if d.pos_ == "NOUN" else None  # "founded by an agent ..., X"
            for o in objects:
                for doer in [person] if person is not None else index.with_conjuncts(d):
                    for other in index.with_conjuncts(o):
                        src, tgt = (other, doer) if inverted else (doer, other)
                        # "police work with gangs": working or serving with someone is cooperation, not membership
                        with_prep = o.dep_ == "pobj" and o.head.lower_ in ("with", "alongside")
                        found = "ALLIED_WITH" if kind == "MEMBER_OF" and with_prep else kind
                        sources, targets = _ARG_TYPES[found]
                        if src is tgt or src.type not in sources or tgt.type not in targets:
                            continue
                        yield _relation("relation-verb", found, src, tgt, verb.sent, verb.lemma_, past=past,
                                        confidence=0.6)


@lru_cache(maxsize=1)
def _relation_verbs() -> dict[str, tuple[str, bool, bool]]:
    """Verb lemma -> (relation, past, inverted) from relation_cues.yaml; the first relation listing a verb wins."""
    by_verb: dict[str, tuple[str, bool, bool]] = {}
    for kind, spec in lexicons.relation_cues().items():
        for key, past, inverted in (("verbs", False, False), ("past_verbs", True, False),
                                    ("object_verbs", False, True)):
            for lemma in spec.get(key, frozenset()):
                by_verb.setdefault(lemma, (kind, past, inverted))
    return by_verb


@rule("leader-of-government", "relation")
def _leader_of_government(doc: Doc, items: list[Mention]) -> Iterator[Relation]:
    """'the Maduro regime' says whose regime it is: the leader named inside leads the government."""
    governments = [m for m in items if m.type == "Organization" and m.subtype == "government"]
    for person in items:
        if person.type != "Person":
            continue
        for gov in governments:
            if gov.start <= person.start and person.end <= gov.end:
                span = _span(doc, gov)
                if span is not None:
                    yield _relation("leader-of-government", "LEADS", person, gov, span.sent, gov.text, confidence=0.8)


def _party(m: Mention, state_places: bool) -> bool:
    """An actor in an alliance or a conflict; a country or city stands for its government ("Havana")."""
    return m.type in ("Person", "Organization", "Group") or (
        state_places and m.type == "Location" and m.subtype in ("country", "city"))


@rule("between", "relation")
def _between_relations(doc: Doc, index: MentionIndex) -> Iterator[Relation]:
    """'collaboration between X and Y' (ALLIED_WITH), 'clashes between X and Y' (OPPOSES)."""
    cues = lexicons.relation_cues()
    kinds = {noun: kind for kind in ("OPPOSES", "ALLIED_WITH") for noun in cues.get(kind, {}).get("between_nouns", ())}
    for i in positions(doc, "between", ("between",)):
        prep = doc[i]
        if prep.lower_ != "between" or prep.dep_ != "prep":
            continue
        kind = kinds.get(prep.head.lemma_.lower()) or kinds.get(prep.head.lower_)
        if kind is None:
            continue
        parties: list[Mention] = []
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # the listed parties: the object and the conjuncts in its phrase, not places it mentions ("in X")
            for t in [pobj, *(t for t in pobj.subtree if t.dep_ == "conj")]:
                m = index.at(t)
                if m is not None and m not in parties and _party(m, state_places=True):
                    parties.append(m)
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                if not (a.start <= b.start and b.end <= a.end) and not (b.start <= a.start and a.end <= b.end):
                    yield _relation("between", kind, a, b, prep.sent, f"{prep.head.text} between", confidence=0.65)


@rule("state-leader-title", "relation")
def _state_leader_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'President X', 'former Honduran president X', 'the Syrian President, X': a head-of-state title leads the
    government of the country its demonym names, else of the document's country (titles.yaml)."""
    titles = lexicons.titles().get("state_leader_titles", frozenset())
    for person in items:
        span = _span(doc, person) if person.type == "Person" else None
        if span is None:
            continue
        left = span.start - 1
        if left >= 0 and doc[left].text == ",":
            left -= 1
        words: list[Token] = []
        while left >= span.sent.start and doc[left].pos_ in ("PROPN", "NOUN", "ADJ") and len(words) < 3:
            words.insert(0, doc[left])
            left -= 1
        lowered = [t.lower_ for t in words]
        hit = next((i for i in range(len(lowered)) if " ".join(lowered[i:]) in titles), None)
        if hit is None:
            continue
        before = words[:hit]
        # the words before the title, the word before them, and one more across a modifier ("MDC founding president")
        near = [t.i for t in before] + [left]
        if left >= span.sent.start and left not in index.by_token and doc[left].dep_ in ("amod", "compound", "nmod"):
            near.append(left - 1)
        owner = [index.by_token.get(i) for i in near if i >= span.sent.start]
        if any(m is not None and m.type == "Organization" and m.subtype != "government" for m in owner):
            continue  # "the party's founding president X" heads the party (title-before-name), not the state
        country = next((demonyms().get(fold(t.text)) for t in before if fold(t.text) in demonyms()), None)
        gov = _government_mention(index, items, governments().get(country) if country else _home_government_id(index))
        if gov is not None:
            past = _is_past(words) or (left >= 0 and _is_past([doc[left]]))
            yield _relation("state-leader-title", "LEADS", person, gov, span.sent, " ".join(lowered[hit:]), past=past,
                            confidence=0.7)


@rule("opposition-group", "relation")
def _opposition_groups(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'dissidents', 'the opposition', 'anti-government protesters', 'the opposition X party': a group or party
    defined by its opposition OPPOSES the government of the document's country (data: opposition_words.txt)."""
    words = lexicons.word_list("opposition_words")
    gov = _government_mention(index, items, _home_government_id(index))
    if gov is None:
        return
    for m in items:
        said = m.text.lower().replace("-", " - ").replace(" - ", "-").split()
        if any(w.startswith(("pro-", "progovernment")) for w in said):
            continue  # "pro-government demonstrators" side with the government
        if m.type == "Group" and words & set(said):
            span = _span(doc, m)
            head = span.root.lower_ if span is not None else ""
            # one person ("a demonstrator", "an opposition spokesman") is no group; a collective ("the
            # opposition": a listed word with no plural listed) is
            if span is not None and (span.root.tag_ != "NN" or head in words and head + "s" not in words):
                yield _relation("opposition-group", "OPPOSES", m, gov, span.sent, "opposition", confidence=0.6)
        elif m.type == "Organization" and m.subtype != "government":
            # "the opposition Andean Unity Party": a party named as the opposition
            span = _span(doc, m)
            before = doc[span.start - 1] if span is not None and span.start > span.sent.start else None
            joined = before is not None and span is not None and (
                before.head.i in range(span.start, span.end) or span.root.head.i == before.i)  # either way parsed
            if span is not None and before is not None and joined and before.lower_ in words and (
                    before.lower_ + "s" not in words):  # "protester X" names a person
                yield _relation("opposition-group", "OPPOSES", m, gov, span.sent, before.text, confidence=0.6)


@rule("in-place-phrase", "relation")
def _in_place_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'the Trade Bank in Mombasa', 'Border Police in Kunar Province', "Peru's Jorge Chávez airport": an
    organization or place with an 'in'/'at' phrase or a place possessor is located there."""
    for m in items:
        if m.type not in ("Organization", "Location") or m.subtype in ("country", "government"):
            continue
        span = _span(doc, m)
        if span is None:
            continue
        root = span.root
        addressed = root.dep_ == "pobj" and root.head.lower_ in ("to", "with") and (
            root.head.head.lemma_.lower() in lexicons.word_list("address_verbs"))  # "spoke to X in Y": Y is the talk's
        places = [p for prep in root.children if prep.dep_ == "prep" and prep.lower_ in ("in", "at") and not addressed
                  for p in prep.children if p.dep_ == "pobj"]
        owners = [c for c in root.children if c.dep_ == "poss"]  # "Panama's Tocumen airport", "Ethiopia's High Court"
        # "Tumeremo, in Bolívar state", "Rome is in Lazio": the phrase right after the name or after its copula
        nxt = span.end + 1 if span.end < len(doc) and doc[span.end].text == "," else span.end
        if root.dep_ == "nsubj" and root.head.lemma_ == "be" and nxt < len(doc) and doc[nxt].i == root.head.i:
            nxt += 1
        if nxt < len(doc) and doc[nxt].lower_ in ("in", "at") and nxt != span.end:
            places += [c for c in doc[nxt].children if c.dep_ == "pobj" and c not in places]
        for token in places + owners:
            other = index.at(token)
            if other is None or other is m or other.type != "Location" or not _ranks_below(m, other):
                continue
            yield _relation("in-place-phrase", "LOCATED_IN", m, other, span.sent,
                            "'s" if token in owners else "in", confidence=0.6)


@rule("possessive-part-of", "relation")
def _possessive_parts(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """"the Justice Department's Office of Public Affairs", "the state's labour ministry": an
    organization an organization possesses is part of it."""
    for m in items:
        span = _span(doc, m) if m.type == "Organization" else None
        if span is None:
            continue
        for child in span.root.children:
            marked = any(c.tag_ == "POS" for c in child.children)  # "A and B's office": the 's is B's, not A's
            owner = index.at(child) if child.dep_ == "poss" and marked else None
            if owner is not None and owner is not m and owner.type == "Organization" and not (
                    m.canonical_id and m.canonical_id == owner.canonical_id):
                yield _relation("possessive-part-of", "PART_OF", m, owner, span.sent, "'s", confidence=0.6)


@rule("person-of-organization", "relation")
def _person_of_org(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'Spokesman Juan Ortega of the PDS', 'reporter Ana Ruiz of El Tiempo': a person 'of' an organization
    belongs to it."""
    for person in items:
        span = _span(doc, person) if person.type == "Person" else None
        if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
            continue
        prep = doc[span.end]
        if prep.head.i not in range(span.start, span.end):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            org = index.at(pobj)
            if org is not None and org.type == "Organization":
                yield _relation("person-of-organization", "MEMBER_OF", person, org, span.sent, "of", confidence=0.6)


def relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """Relations in document order; a fact found by two rules is yielded once."""
    found: list[Relation] = []
    for m in items:
        if m.type == "Person":
            found.extend(_title_relations(doc, m, index))
        elif m.type == "Group":
            found.extend(_group_member_relations(doc, m, index))
        elif m.type == "Location":
            found.extend(_locative_relations(doc, m, index))
    found.extend(_verb_relations(doc, index))
    found.extend(_phrase_relations(doc, index))
    found.extend(_leader_of_government(doc, items))
    found.extend(_between_relations(doc, index))
    for extra in (_state_leader_relations, _opposition_groups, _in_place_relations, _possessive_parts,
                  _person_of_org, name_part_relations, kind_of_place_relations,
                  government_of_leader_relations, ministry_relations):
        found.extend(extra(doc, index, items))
    kept: dict[tuple[str, str, str], Relation] = {}
    for rel in sorted(found, key=lambda r: r.prov.start):
        key = (rel.source, rel.type, rel.target)
        if rel.source == rel.target:
            continue
        if key in kept:  # the same fact from another rule: one relation, both rules named
            for name in rel.rules:
                add_rule(kept[key].rules, name)
            continue
        kept[key] = rel
    yield from kept.values()
