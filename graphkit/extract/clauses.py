"""Open triples from the dependency parse: one predicate, its subject, its arguments.

Every verb (and every copula) heading a clause is a predicate: main, coordinated, subordinate,
relative and reported clauses alike. Coordinated subjects and objects give one extraction per
conjunct; the relation keeps auxiliaries, modals, negation and particles; a passive keeps its
surface order ("X | was arrested by | Y", `passive` set so the graph can put the doer first);
time, place and adverbial-clause modifiers become extra arguments (n-ary extractions); light
verbs fold their object into the relation; appositions give "X | is | the minister of Y".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.parse import is_passive, phrase_bounds, subjects

_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
_CLAUSE_ARG_DEPS = frozenset({"ccomp", "xcomp"})
_MODIFIER_DEPS = frozenset({"prep", "agent", "npadvmod"})
_CUT_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "punct", "dep", "conj", "cc", "mark"})
_WH = frozenset({"WDT", "WP", "WP$"})


@dataclass
class Candidate:
    """An extraction as token spans; `arguments[0]` is the subject (arg1)."""

    relation: list[Token]
    arguments: list[Span]
    heads: list[Token]  # head token of each argument
    predicate: Token
    passive: bool = False  # arguments[1] is the "by" agent when agent_index is set
    agent_index: int | None = None
    features: dict[str, float] = field(default_factory=dict)
    implicit: str = ""  # a relation word the text leaves out ("is" for an apposition)
    core: list[Token] = field(default_factory=list)  # the verb group alone, without folded objects


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return lexicons.word_list("openie_light_verbs")


@lru_cache(maxsize=1)
def _clause_marks() -> frozenset[str]:
    return lexicons.word_list("openie_clause_marks")


def span_of(token: Token, cut: frozenset[str] = _CUT_DEPS) -> Span:
    """The contiguous phrase a token heads, without the dependents in `cut` at its edges."""
    left, right = phrase_bounds(token, cut, _kept_apposition)
    return _quoted(token.doc, left, right)


def _kept_apposition(parent: Token, child: Token) -> bool:
    return child.dep_ == "appos" and _part_of_name(parent, child)


def _quoted(doc: Doc, left: int, right: int) -> Span:
    """The span, with the quotation marks around it when both are there ("`` total war ''")."""
    if left > 0 and right + 1 < len(doc) and doc[left - 1].tag_ == "``" and doc[right + 1].tag_ == "''":
        return doc[left - 1 : right + 2]
    return doc[left : right + 1]


def _adjacent(head: Token, appos: Token) -> bool:
    """An apposition with no punctuation between it and its noun is part of the name ("team X")."""
    lo, hi = sorted((head.i, appos.left_edge.i if appos.i > head.i else appos.right_edge.i))
    return not any(t.is_punct for t in head.doc[lo:hi])


def _part_of_name(head: Token, appos: Token) -> bool:
    """"team Ammanford FC", "Murray, Utah": an apposition that belongs to the name it follows."""
    places = ("GPE", "LOC")
    return _adjacent(head, appos) or (head.ent_type_ in places and appos.ent_type_ in places)


def clause_span(token: Token) -> Span:
    """A whole clause (reported speech, complement), without its introducing 'that' and edge punctuation."""
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i
    while left < right and (doc[left].is_punct or doc[left].dep_ == "mark"):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def is_predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return token.dep_ not in ("aux", "auxpass", "amod", "compound")
    if token.pos_ == "AUX":
        return token.dep_ not in ("aux", "auxpass")
    if token.pos_ == "ADJ":  # a participle tagged as an adjective: "Staff were informed of..."
        deps = {c.dep_ for c in token.children}
        return bool(deps & {"nsubj", "nsubjpass"}) and bool(deps & {"aux", "auxpass"})
    return False


def _relation_words(verb: Token) -> list[Token]:
    """Auxiliaries, modals and negation before the verb, the verb, its particle, a negation after it."""
    words = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.i < verb.i:
            words.append(child)
        elif child.dep_ == "prt" or (child.dep_ == "neg" and child.i <= verb.i + 1):
            words.append(child)  # a "not" further on negates a later argument ("believe in X, not in Y")
        elif child.dep_ == "advmod" and child.i == verb.i - 1 and child.n_lefts + child.n_rights == 0 \
                and child.pos_ == "ADV" and not child.ent_type_:
            words.append(child)  # "strictly maintain", "never returned"
    return words


def _open_complement(head: Token) -> Token | None:
    """An infinitive or participle complement with no subject of its own ("wanted to leave")."""
    return next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)


def _chain(verb: Token) -> tuple[list[Token], Token]:
    """Follow "wanted to leave", "began working": the relation spans both verbs, arguments come from the last."""
    words = _relation_words(verb)
    tail = verb
    for _ in range(3):
        if any(c.dep_ in _OBJECT_DEPS - {"acomp"} for c in tail.children):
            break
        nxt = _open_complement(tail)
        if nxt is None:
            # "may be able to shut out X", "it is necessary to climb": through the adjective
            adjective = next((c for c in tail.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
            nxt = _open_complement(adjective) if adjective is not None else None
            if nxt is None or adjective is None:
                break
            words.append(adjective)
        words.extend(_relation_words(nxt))
        words.extend(c for c in nxt.children if c.dep_ == "aux" and c.lower_ == "to")
        tail = nxt
    return words, tail


def _modifier_args(verb: Token) -> list[tuple[Token, Span]]:
    """Prepositional, temporal and adverbial-clause arguments of a verb, in sentence order."""
    out: list[tuple[Token, Span]] = []
    for child in verb.children:
        if child.dep_ in _MODIFIER_DEPS:
            if child.dep_ in ("prep", "agent") and not any(g.dep_ in ("pobj", "pcomp") for g in child.children):
                continue
            out.append((child, span_of(child, _CUT_DEPS - {"conj", "cc"})))
        elif child.dep_ == "advmod" and (child.ent_type_ in ("DATE", "TIME") or child.n_rights + child.n_lefts > 0):
            out.append((child, span_of(child)))
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _clause_marks() for m in child.children):
            out.append((child, child.doc[child.left_edge.i : child.right_edge.i + 1]))
    return out


def _pobj_of(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _pobj_of_noun(noun: Token) -> Token | None:
    """The noun's first prepositional dependent that has an object ("appeal for calm")."""
    return next((c for c in noun.rights if c.dep_ == "prep" and _pobj_of(c) is not None), None)


def _first_object(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _OBJECT_DEPS]


def _antecedent(verb: Token, token: Token) -> Token:
    """'which'/'who' inside a relative clause stands for the noun the clause hangs on."""
    if token.tag_ in _WH and verb.dep_ == "relcl":
        return verb.head
    return token


def _absorbed(verb: Token) -> bool:
    """An infinitive already read into its governor's relation ("tended to increase"), or one hanging
    on a noun ("efforts to streamline"), or a participle used as an adjective ("forced labour")."""
    if verb.dep_ == "xcomp":
        return _chain(verb.head)[1] != verb.head and verb in _chain(verb.head)[0]
    if verb.dep_ == "acl":
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        return verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in verb.children)
    return False


@dataclass
class _Objects:
    """What a predicate's extractions share beyond the subject: one extraction per object head."""

    heads: list[Token]
    rel_extra: list[Token] = field(default_factory=list)  # words the object lends the relation ("made an offer on")
    mods: list[tuple[Token, Span]] = field(default_factory=list)  # extra arguments
    spans: dict[int, Span] = field(default_factory=dict)  # object spans fixed in advance
    agent_first: bool = False
    features: dict[str, float] = field(default_factory=dict)


def _nominal_objects(tail: Token, objects: list[Token], mods: list[tuple[Token, Span]]) -> _Objects:
    """Direct objects, attributes and adjective complements (coordinated ones give one extraction each)."""
    first = objects[0]
    found = _Objects(_conjuncts(first), mods=[(o, span_of(o)) for o in objects[1:]] + mods)
    complement = next((c for c in first.children if c.dep_ in ("prep", "xcomp")), None) \
        if first.dep_ == "acomp" and len(found.heads) == 1 else None
    pobj = _pobj_of(complement) if complement is not None and complement.dep_ == "prep" else None
    if complement is not None and (complement.dep_ == "xcomp" or pobj is not None):
        # "X is responsible for Y", "X is hard to read": the adjective joins the relation
        adjective = list(span_of(first, _CUT_DEPS | {"prep", "xcomp"}))
        found.rel_extra = [*adjective, complement] if pobj is not None else adjective
        found.heads = _conjuncts(pobj) if pobj is not None else [complement]
        return found
    if tail.lemma_.lower() not in _light_verbs() or first.dep_ != "dobj" or len(found.heads) != 1:
        return found
    after = [m[0] for m in found.mods if m[0].dep_ == "prep" and m[0].i > first.i]
    prep = after[0] if after else _pobj_of_noun(first)
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if prep is not None and pobj is not None:
        # "made an offer on X", "made an appeal for calm": the object joins the relation, the preposition too
        found.rel_extra = [*span_of(first, _CUT_DEPS | {"prep"}), prep]
        found.heads = _conjuncts(pobj)
        found.mods = [m for m in found.mods if m[0] != prep]
    return found


def _clause_object(clause_args: list[Token], mods: list[tuple[Token, Span]]) -> _Objects:
    """Reported speech and complements: "said that X did Y" -> said that | subject | X did Y."""
    first = clause_args[0]
    mark = [m for m in first.children if m.dep_ == "mark" and m.i < first.i]
    return _Objects([first], rel_extra=mark, mods=[(c, clause_span(c)) for c in clause_args[1:]] + mods)


def _oblique_object(tail: Token, mods: list[tuple[Token, Span]]) -> _Objects | None:
    """No object: the first preposition joins the relation ("was born in"), else a modifier or a
    subordinate clause stands for the object; None when the verb has nothing after it."""
    after = [m for m in mods if m[0].dep_ in ("prep", "agent") and m[0].i > tail.i]
    if after:
        prep = after[0][0]
        pobj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        heads = _conjuncts(pobj) if pobj.dep_ == "pobj" else [pobj]
        return _Objects(heads, [prep], [m for m in mods if m[0] != prep], agent_first=prep.dep_ == "agent")
    if mods:
        # "the station closed just after midnight": the first modifier is the object
        later = [m for m in mods if m[0].i > tail.i]
        head, span = (later or mods)[0]
        return _Objects([head], mods=[m for m in mods if m[0] != head], spans={head.i: span},
                        features={"modifier_object": 1.0})
    # "was designed to look as if...": a clause introduced by any subordinating word
    clause = next((c for c in tail.children if c.dep_ == "advcl" and c.i > tail.i
                   and any(m.dep_ == "mark" for m in c.children)), None)
    if clause is None:
        return None
    span = clause.doc[clause.left_edge.i : clause.right_edge.i + 1]
    return _Objects([clause], spans={clause.i: span}, features={"modifier_object": 1.0})


def _predicate_subjects(verb: Token) -> list[Token]:
    subs = subjects(verb)
    if not subs and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ == "mark" for c in verb.children):
        subs = subjects(verb.head)  # "..., alleging fraud": the main clause's subject does it
    return [_antecedent(verb, s) for s in subs]


def _direct_objects(verb: Token, tail: Token, own_subject: bool) -> list[Token]:
    objects = _first_object(tail)
    if not objects and not any(c.dep_ in _CLAUSE_ARG_DEPS or c.dep_ == "prep" for c in tail.children):
        # "arrested and tortured the students": the first verb shares the second one's object
        shared = next((c for c in tail.children if c.dep_ == "conj" and c.pos_ == "VERB"
                       and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        if shared is not None:
            objects = [c for c in _first_object(shared) if c.dep_ == "dobj"]
    if not objects and verb.dep_ == "relcl" and own_subject and tail == verb and verb.pos_ == "VERB" \
            and not any(c.tag_ in _WH or c.dep_ in ("prep", "ccomp", "xcomp", "acomp") for c in verb.children):
        objects = [verb.head]  # "the price the company is offering": the noun is the gap's object
    return objects


def _clause_features(verb: Token, own_subject: bool, passive: bool) -> dict[str, float]:
    dep = verb.dep_
    return {"own_subject": float(own_subject), "relcl": float(dep == "relcl"),
            "subordinate": float(dep in ("advcl", "ccomp", "xcomp", "acl", "relcl")),
            "conj": float(dep == "conj"), "passive": float(passive), "gerund": float(verb.tag_ == "VBG"),
            "ccomp": float(dep == "ccomp"), "advcl": float(dep == "advcl"), "acl": float(dep == "acl")}


def _object_span(obj: Token, spans: dict[int, Span]) -> Span:
    if obj.i in spans:
        return spans[obj.i]
    if obj.dep_ in _CLAUSE_ARG_DEPS or obj.dep_ == "pcomp":
        return clause_span(obj)
    return span_of(obj)


def predicate_candidates(verb: Token) -> list[Candidate]:
    """All extractions read from one predicate: one per subject conjunct and object conjunct."""
    if _absorbed(verb):
        return []
    subject_tokens = _predicate_subjects(verb)
    if not subject_tokens:
        return []
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass") for c in verb.children)
    words, tail = _chain(verb)
    objects = _direct_objects(verb, tail, own_subject)
    clause_args = [c for c in tail.children if c.dep_ in _CLAUSE_ARG_DEPS and (tail == verb or c.dep_ != "xcomp")]
    mods = _modifier_args(tail)
    if tail != verb:
        mods = [m for m in _modifier_args(verb) if m[0].i < verb.i] + mods
    if objects:
        found: _Objects | None = _nominal_objects(tail, objects, mods)
    elif clause_args:
        found = _clause_object(clause_args, mods)
    else:
        found = _oblique_object(tail, mods)
    if found is None:
        return []
    passive = is_passive(verb)
    base = {**_clause_features(verb, own_subject, passive), **found.features}
    relation = sorted({t.i: t for t in [*words, *found.rel_extra]}.values(), key=lambda t: t.i)
    # "ads developed by X": a participle on a noun is a passive whose "be" the text leaves out
    implicit = "be" if verb.dep_ == "acl" and verb.tag_ == "VBN" and len(words) == 1 else ""
    core = sorted(words, key=lambda t: t.i)
    out: list[Candidate] = []
    for sub in subject_tokens:
        sub_span = span_of(sub, _CUT_DEPS | {"acl"}) if sub == verb.head else span_of(sub)
        for head in found.heads:
            obj = _antecedent(tail, head)
            args = [sub_span, _object_span(obj, found.spans), *(m[1] for m in found.mods)]
            feats = {**base, "n_args": float(len(args)), "clause_object": float(obj.dep_ in _CLAUSE_ARG_DEPS),
                     "prep_relation": float(bool(found.rel_extra) and found.rel_extra[-1].dep_ in ("prep", "agent")),
                     "light": float(len(found.rel_extra) > 1), "subject_conj": float(len(subject_tokens) > 1),
                     "object_conj": float(len(found.heads) > 1)}
            out.append(Candidate(relation, args, [sub, obj, *(m[0] for m in found.mods)], verb, passive,
                                 1 if found.agent_first else None, feats, implicit=implicit, core=core))
    return out


def apposition_candidates(noun: Token) -> list[Candidate]:
    """'X, the minister of Y' -> X | is the minister of | Y; 'X, a lawyer' -> X | is | a lawyer."""
    out = []
    for appos in noun.children:
        if appos.dep_ != "appos" or appos.pos_ not in ("NOUN", "PROPN") or _part_of_name(noun, appos):
            continue
        of = next((c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        subject = span_of(noun)
        feats = {"appos": 1.0, "n_args": 2.0, "own_subject": 1.0}
        if of is not None and pobj is not None:
            title = span_of(appos, _CUT_DEPS | {"prep"})
            out.append(Candidate([*title, of], [subject, span_of(pobj)], [noun, pobj], appos,
                                 features={**feats, "prep_relation": 1.0}, implicit="be"))
        else:
            out.append(Candidate([], [subject, span_of(appos)], [noun, appos], appos, features=feats,
                                 implicit="be"))
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    titles = lexicons.titles()
    return frozenset(entry for key in ("leads", "member_of") for entry in titles.get(key, ()) if " " not in entry)


def nominal_candidates(token: Token) -> list[Candidate]:
    """What a noun phrase states by itself: "President Bush" -> Bush | be | President,
    "football team Ammanford FC" -> Ammanford FC | be | football team."""
    doc = token.doc
    feats = {"nominal": 1.0, "n_args": 2.0, "own_subject": 1.0}
    if token.pos_ == "PROPN":
        titles = [c for c in token.lefts if c.dep_ == "compound" and c.lower_.rstrip(".") in _title_words()]
        if titles:
            last = max(t.i for t in titles)
            name = doc[last + 1 : token.i + 1]
            title = doc[min(t.left_edge.i for t in titles) : last + 1]
            if len(name) and all(t.pos_ == "PROPN" for t in name):
                return [Candidate([], [name, title], [token, titles[-1]], token, features=feats, implicit="be")]
    out = []
    for prep in token.rights:
        pobj = _pobj_of(prep) if prep.dep_ == "prep" and prep.lower_ in ("in", "at") else None
        if pobj is not None and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
            # "a depot at Kettering" -> a depot | be in | Kettering
            thing = span_of(token, _CUT_DEPS | {"prep", "acl"})
            out.append(Candidate([], [thing, span_of(pobj)], [token, pobj], token,
                                 features={**feats, "nominal": 0.0, "located": 1.0}, implicit="be in"))
    for prep in token.rights:
        pobj = _pobj_of(prep) if prep.dep_ == "prep" and prep.lower_ == "as" else None
        if pobj is not None and prep.i > 0 and doc[prep.i - 1].lower_ == "such":
            # "symbols, such as the star and the cross" -> symbols | be such as | the star; ... | the cross
            kind = span_of(token, _CUT_DEPS | {"prep", "acl"})
            for example in _conjuncts(pobj):
                out.append(Candidate([], [kind, span_of(example)], [token, example], token,
                                     features={**feats, "nominal": 0.0, "example": 1.0}, implicit="be such as"))
    for appos in token.rights:
        if appos.dep_ == "appos" and appos.pos_ == "PROPN" and _adjacent(token, appos):
            head = doc[token.left_edge.i : token.i + 1]  # the noun and what precedes it
            out.append(Candidate([], [span_of(appos), head], [appos, token], token, features=feats, implicit="be"))
    return out


def candidates(doclike: Doc | Span) -> list[Candidate]:
    """Every extraction in the text, in order of the predicates."""
    out: list[Candidate] = []
    for token in doclike:
        if is_predicate(token):
            out.extend(predicate_candidates(token))
        elif token.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(apposition_candidates(token))
            out.extend(nominal_candidates(token))
    return out
