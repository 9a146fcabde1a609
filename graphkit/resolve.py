"""Stage 3: mentions -> entities, one per real-world actor, with the reasons for each merge.

Within a document: gazetteer ids, parenthesised acronyms and aliases, initials, surnames.
Across documents: gazetteer ids and names equal after case, accent and article folding.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from graphkit import lexicons
from graphkit.decisions import Constraints, Decision
from graphkit.extract.rules import rule
from graphkit.ids import Claim, assign_ids, folded_surfaces
from graphkit.names import (
    STOP_WORDS,
    accentless_variants,
    demonyms,
    fold,
    fold_accents,
    gazetteer_aliases,
    group_glossary,
    home_country,
    initials,
    is_acronym,
    slug,
)
from graphkit.types import DocResult, Entity, EntityType, Mention, Resolution

log = logging.getLogger(__name__)

_TYPE_PRIORITY = {"Organization": 3, "Person": 3, "Location": 2, "Group": 1}


class _UnionFind:
    def __init__(self, constraints: Constraints | None = None) -> None:
        self.parent: dict[str, str] = {}
        self.reasons: dict[str, list[str]] = defaultdict(list)
        self.constraints = constraints or Constraints()

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, reason: str) -> bool:
        """Join the clusters of a and b unless a human judged them different; False when refused."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if not self.constraints.allows(ra, rb):
                return False
            self.constraints.joined(ra, rb)
            self.parent[rb] = ra
            self.reasons[ra].extend(self.reasons.pop(rb, []))
            self.reasons[ra].append(reason)
        return True


def _reason(rule_name: str, text: str) -> str:
    """A merge reason that names its rule: "[surname-join] 'Quiroga' is the surname of 'Elena Quiroga'"."""
    return f"[{rule_name}] {text}"


@rule("merge-antecedent", "merge")
def _merge_antecedents(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """A pronoun or description joins the mention it refers back to (coreference)."""
    for m in items:
        if m.antecedent:
            why = f"{m.text!r} refers back to an earlier mention"
            uf.union(m.antecedent, m.key, _reason("merge-antecedent", why))


@rule("merge-parenthesis", "merge")
def _merge_parentheses(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """"Full Name (ACRONYM)", "Full Name (Spanish Name – ACR)": what the parentheses hold is the same thing."""
    named = [m for m in items if m.type != "Group"]
    for i, m in enumerate(named):
        after = text[m.end : m.end + 3]
        if "(" not in after:
            continue
        close = text.find(")", m.end)
        for other in named[i + 1 :]:
            if other.start > close or close < 0:
                break
            if any(w.islower() and len(w) > 3 for w in text[m.end : other.start].split()):
                continue  # "KRSB (which replaced the old police)": a description naming another body
            if other.type != m.type and is_acronym(other.text) and len(m.text.split()) > 1 \
                    and initials(m.text) != other.text.replace(".", "").lower():
                continue  # "... Office in the Republic of Kenya (UNKO)": the acronym of a longer name cut short
            if other.type in (m.type, "Organization", "Location") or is_acronym(other.text):
                why = f"{other.text!r} in parentheses after {m.text!r}"
                uf.union(m.key, other.key, _reason("merge-parenthesis", why))


@rule("merge-group-gloss", "merge")
def _merge_glosses(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """'the “halcones” (irregular armed groups loyal to X)': a gloss of a group is that group."""
    groups = [m for m in items if m.type == "Group"]
    for i, m in enumerate(groups):
        if "(" not in text[m.end : m.end + 4]:
            continue
        close = text.find(")", m.end)
        first = next((g for g in groups[i + 1 :] if g.start < close), None)
        between = text[m.end : first.start] if first is not None else ""
        if first is not None and close > 0 and "(" in between and len(between.split()) <= 3:
            why = f"{first.text!r} glosses {m.text!r} in parentheses"
            uf.union(m.key, first.key, _reason("merge-group-gloss", why))
            first.source = "gloss"  # the term the text explains names the group, not its explanation


@rule("merge-group-head", "merge")
def _merge_group_heads(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """A bare group head after a fuller group in the text: "the doctors" after "Cuban doctors"."""
    groups = [m for m in items if m.type == "Group"]
    units = lexicons.word_list("group_units")
    owners = [_of_phrase(g) for g in groups]
    for i, m in enumerate(groups):
        words = fold(m.text).split()
        if len(words) > 2:
            continue
        for j in range(i - 1, -1, -1):
            earlier = groups[j]
            if owners[i] and owners[i] != owners[j]:
                continue  # "members of their families" after "suspected members of the agency": other members
            full = fold(earlier.text).split()
            if any(" ".join(full[-n:]) in units for n in range(len(words) + 1, len(full) + 1)):
                continue  # "police" after "riot police": the whole force, not the unit (lexicons/group_units.txt)
            if len(full) > len(words) and full[-len(words):] == words:
                uf.union(earlier.key, m.key, _reason("merge-group-head", f"{m.text!r} refers back to {earlier.text!r}"))
                break


def _of_phrase(m: Mention) -> str:
    """The last word of the 'of' phrase a group's fuller name adds ('members of their families'), folded;
    '' when it has none."""
    head = fold(m.text)
    for alias in m.aliases:
        words = fold(alias).split()
        if fold(alias).startswith(head + " of ") and len(words) > len(head.split()) + 1:
            return words[-1]
    return ""


@rule("merge-initials", "merge")
def _merge_initials(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """An acronym joins the organization whose initials it is ("IACHR"), unless the gazetteer says otherwise."""
    named = [m for m in items if m.type != "Group"]
    long_names = [m for m in named if len(m.text.split()) >= 2 and m.type == "Organization"]
    for m in named:
        if is_acronym(m.text):
            for spelled in long_names:
                if initials(spelled.text) == m.text.replace(".", "").lower() and not (
                        m.canonical_id and spelled.canonical_id and m.canonical_id != spelled.canonical_id):
                    why = f"{m.text!r} is the initials of {spelled.text!r}"
                    uf.union(spelled.key, m.key, _reason("merge-initials", why))
                    break


@rule("merge-surname", "merge")
def _merge_surnames(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """A lone surname joins the full name it ends ("Quiroga" after "Elena Quiroga"), whatever NER called it."""
    named = [m for m in items if m.type != "Group"]
    people = [m for m in named if m.type == "Person" and len(m.text.split()) >= 2]
    for m in named:
        if len(m.text.split()) != 1 or is_acronym(m.text):
            continue
        for person in people:
            if fold(person.text).split()[-1] == fold(m.text) or (
                len(fold(person.text).split()) >= 3 and fold(m.text) in fold(person.text).split()[1:]
            ):
                if m.type != "Person":
                    m.type = "Person"
                uf.union(person.key, m.key, _reason("merge-surname", f"{m.text!r} is the surname of {person.text!r}"))
                break


@rule("merge-first-name", "merge")
def _merge_first_names(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """A lone first name joins the one person of the document whose full name starts with it ("Khadija")."""
    people = [m for m in items if m.type == "Person" and len(m.text.split()) >= 2]
    for m in items:
        if m.type == "Group" or len(m.text.split()) != 1 or is_acronym(m.text):
            continue
        owners = {fold(p.text) for p in people if fold(p.text).split()[0] == fold(m.text)}
        if len(owners) == 1:
            full = next(p for p in people if fold(p.text) in owners)
            uf.union(full.key, m.key, _reason("merge-first-name", f"{m.text!r} is the first name of {full.text!r}"))


def word_order_key(name: str) -> str:
    """An organization's content words in order of the alphabet: 'Directorate General of X' and 'General
    Directorate of X', 'Ministry of the Interior' and 'Interior Ministry' share it."""
    return " ".join(sorted(w for w in fold(name).split() if w not in STOP_WORDS))


@rule("merge-word-order", "merge")
def _merge_word_order(items: list[Mention], text: str, uf: _UnionFind) -> None:
    """Two organization names with the same content words in another order are one organization."""
    seen: dict[str, Mention] = {}
    for m in items:
        if m.type != "Organization" or len(m.text.split()) < 2:
            continue
        key = word_order_key(m.text)
        if key in seen and fold(seen[key].text) != fold(m.text):
            uf.union(seen[key].key, m.key, _reason("merge-word-order", f"{m.text!r} is {seen[key].text!r} reordered"))
        seen.setdefault(key, m)


_WITHIN = (_merge_antecedents, _merge_parentheses, _merge_glosses, _merge_group_heads, _merge_initials,
           _merge_surnames, _merge_first_names, _merge_word_order)


def _within_document(result: DocResult, uf: _UnionFind) -> None:
    text = result.article.text
    items = sorted(result.mentions, key=lambda m: m.start)
    _merge_antecedents(items, text, uf)
    items = [m for m in items if not m.antecedent]
    for merge in _WITHIN[1:]:
        merge(items, text, uf)


_QUOTED = re.compile(r"[“\"‘'][^”\"’']*[”\"’']")


def home_countries(results: Iterable[DocResult]) -> dict[str, str]:
    """Doc id -> the country the document is about."""
    homes = {r.article.id: home_country(r.article.text, r.mentions) for r in results}
    return {doc: home for doc, home in homes.items() if home is not None}


def group_key(text: str, home: str | None) -> tuple[str, str]:
    """How an unnamed group is compared across documents: (scope, words), within one country only.
    'Venezuelan security forces' anywhere and 'security forces' in an article about Venezuela are
    ('loc-ve', 'security forces'); 'colectivos' are 'collectives'. The scope is the caller's home: the
    document's country, or the document itself when it names none."""
    words = fold(text)
    glossary = group_glossary()
    words = glossary.get(words, words)
    first, _, rest = words.partition(" ")
    country = demonyms().get(first)
    if rest and country is not None:
        return country, glossary.get(rest, rest)
    return home or "", words


def _group_scope(m: Mention, home: str | None) -> tuple[str, str]:
    return group_key(m.text, home or f"doc:{m.doc_id}")


def _global_key(m: Mention, home: str | None = None) -> str:
    if m.canonical_id:
        return f"gaz:{m.canonical_id}"
    if m.type == "Person":  # 'Héctor “the Child” Guerrero' is 'Héctor Guerrero'
        return f"Person:{fold(_QUOTED.sub(' ', m.text))}"
    if m.type == "Group":
        scope, words = _group_scope(m, home)
        return f"Group:{scope}:{words}"
    return f"{m.type}:{fold(m.text)}"


def scoped_id(scope: str, name: str) -> str:
    """A group's id carries its country ('ve-security-forces', like 've-government') or its document
    ('police--doc-17'), so same-named groups elsewhere never contest it and it does not move when
    other documents are added."""
    if scope.startswith("doc:"):
        return f"{slug(name)}--{slug(scope[4:])}"
    return f"{slug(scope.removeprefix('loc-'))}-{slug(name)}"


@rule("merge-same-name", "merge")
def _same_name_rule() -> None:
    """Across and within documents: the same gazetteer id, or the same folded name and type, is one entity."""


def resolve(results: Iterable[DocResult], decisions: Iterable[Decision] = ()) -> Resolution:
    """Mentions -> entities; human decisions (graphkit.decisions) merge first and veto any rule merge."""
    results = list(results)
    homes = home_countries(results)
    mentions: dict[str, Mention] = {m.key: m for result in results for m in result.mentions}
    uf = _UnionFind(Constraints.build(decisions, mentions.values()))
    for key in mentions:
        uf.find(key)
    _apply_decisions(uf)
    for result in results:
        _within_document(result, uf)
    # across documents (and within): same gazetteer id or same folded name and type
    anchors: dict[str, str] = {}
    for key, m in mentions.items():
        if m.antecedent:
            continue
        gk = _global_key(m, homes.get(m.doc_id))
        if gk in anchors:
            why = "gazetteer id" if m.canonical_id else "group" if m.type == "Group" else "name"
            uf.union(anchors[gk], key, _reason("merge-same-name", f"same {why} {m.text!r} ({gk.partition(':')[2]})"))
        else:
            anchors[gk] = key
    # a cluster that got a gazetteer id through any member is one with that id's other clusters
    by_canonical: dict[str, str] = {}
    for key, m in mentions.items():
        if m.canonical_id:
            root = uf.find(key)
            if m.canonical_id in by_canonical:
                uf.union(by_canonical[m.canonical_id], root,
                         _reason("merge-same-name", f"same gazetteer id {m.canonical_id}"))
            else:
                by_canonical[m.canonical_id] = root
    clusters: dict[str, list[Mention]] = defaultdict(list)
    for key, m in mentions.items():
        clusters[uf.find(key)].append(m)

    built = [(_entity(members, uf.reasons.get(root, []), uf.constraints, _scope(members, homes)), members)
             for root, members in clusters.items()]
    mention_to_entity: dict[str, str] = {}
    ids = assign_ids([claim for (_, claim), _ in built])
    entities: list[Entity] = []
    for ((entity, _), members), entity_id in zip(built, ids, strict=True):
        entity.id = entity_id
        entities.append(entity)
        for m in members:
            mention_to_entity[m.key] = entity_id
    entities.sort(key=lambda e: e.id)
    return Resolution(entities=entities, mention_to_entity=mention_to_entity)


def _scope(members: list[Mention], homes: dict[str, str]) -> str | None:
    """The country (or document) of a cluster of unnamed groups; None for a cluster with a named member."""
    if any(m.type != "Group" or m.canonical_id for m in members):
        return None
    scopes = Counter(_group_scope(m, homes.get(m.doc_id))[0] for m in members if not m.antecedent)
    return min(scopes, key=lambda s: (-scopes[s], s)) if scopes else None


def _apply_decisions(uf: _UnionFind) -> None:
    """Positive judgements join their names' mentions before any rule runs (negatives are checked by union)."""
    for decision, left, right in uf.constraints.positives:
        reason = decision.describe()
        for other in (*left[1:], *right):
            if not uf.union(left[0], other, reason):
                log.warning("%s contradicts %s; kept apart", decision.describe(),
                            uf.constraints.why_blocked(uf.find(left[0]), uf.find(other)))
                break


def _entity(members: list[Mention], reasons: list[str], constraints: Constraints,
            scope: str | None = None) -> tuple[Entity, Claim]:
    type_votes: Counter[EntityType] = Counter()
    for m in members:
        type_votes[m.type] += 2 if m.source == "ruler" else 1
    etype = max(type_votes, key=lambda t: (type_votes[t], _TYPE_PRIORITY.get(t, 0)))
    # the gazetteer id most of its members carry (a decision can join two): never the first one met
    ids = Counter(m.canonical_id for m in members if m.canonical_id)
    canonical = min((m for m in members if m.canonical_id), default=None,
                    key=lambda m: (-ids[m.canonical_id or ""], m.canonical_id or "", m.canonical_name or "", m.key))
    surfaces = Counter(m.text for m in members if not m.antecedent and m.source != "gloss") or Counter(
        m.text for m in members if not m.antecedent)
    if canonical is not None and canonical.canonical_name:
        name = canonical.canonical_name
        base_id = canonical.canonical_id or slug(name)
    else:
        # the fullest proper name: most words, then most frequent
        name = max(surfaces, key=lambda s: (not is_acronym(s), len(s.split()), surfaces[s], s))
        base_id = slug(name) if scope is None else scoped_id(scope, group_key(name, scope)[1])
    spelled = {a for m in members if not m.antecedent for a in (m.text, *m.aliases)}
    aliases = sorted(({s for s in surfaces if s != name} | spelled | accentless_variants({name, *surfaces})) - {name})
    subtype = next((m.subtype for m in members if m.subtype), None)
    own_name = name if canonical is None or not canonical.canonical_name else max(
        surfaces, key=lambda s: (not is_acronym(s), len(s.split()), surfaces[s], s))
    claim = Claim(base=base_id, type=etype, own_name=own_name, surfaces=folded_surfaces(list(surfaces)),
                  owns_base=slug(own_name) == base_id or any(
                      gazetteer_aliases().get(fold_accents(t).lower(), ("", ""))[0] == base_id for t in surfaces))
    entity = Entity(
        id=base_id,
        name=name,
        type=etype,
        subtype=subtype,
        aliases=aliases,
        docs=sorted({m.doc_id for m in members}),
        mentions=len(members),
        merge_reasons=sorted(set(reasons)),
        decisions=sorted({note for m in members for note in constraints.notes.get(m.key, [])}),
    )
    return entity, claim
