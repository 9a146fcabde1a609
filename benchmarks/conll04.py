"""graphkit's relation rules on CoNLL04 (Roth & Yih 2004): an outside check, not a test.

    python benchmarks/conll04.py --split dev|test|train [--data ../shared/benchmarks/conll04] [--limit N]

Each sentence goes through graphkit's public API (make_nlp, extract_all) as one article. A predicted fact is
right when its two ends overlap the gold entities of a gold relation of the mapped type:

    MEMBER_OF (and LEADS: heading an organization is working for it)  ->  Work_For
    LOCATED_IN                                                        ->  OrgBased_In or Located_In
    a killing event, each (perpetrator, victim) pair                  ->  Kill

Only facts between named mentions (Person, Organization, Location) count: CoNLL04 annotates no unnamed
groups. Prints P, R and F1 per type. Develop on train and dev; report test.

`--by-rule` also prints, for every rule, the sentences it fired in and those where it was right: an entity
rule is right when its mention is exactly a gold entity, a relation or role rule when its fact is a gold
relation of the mapped type (other relation types have no gold here: fired only). Each CoNLL04 sentence
comes from a different news story, so a rule right in several of them is not one article's special case.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphkit import extract_all, make_nlp
from graphkit.types import Article, DocResult, Mention

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "conll04"
TYPES = ("Work_For", "Located_In", "Kill")
GOLD_TYPES = {"Work_For": "Work_For", "OrgBased_In": "Located_In", "Located_In": "Located_In", "Kill": "Kill"}
NAMED = {"Person", "Organization", "Location"}


@dataclass
class Sentence:
    text: str
    spans: list[tuple[int, int]]  # character offsets of the gold entities
    relations: set[tuple[int, str, int]]  # (head entity, mapped type, tail entity)


@dataclass
class Counts:
    tp: int = 0
    sys: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.sys if self.sys else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?)\]'%]|'s|n't|'re|'ve|'ll|'d)$")


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text from the tokens, and each token's character offsets in it."""
    text, offsets = "", []
    for i, tok in enumerate(tokens):
        tok = {"-LRB-": "(", "-RRB-": ")", "``": '"', "''": '"'}.get(tok, tok)
        if i and not _NO_SPACE_BEFORE.match(tok) and not text.endswith(("(", "$")):
            text += " "
        offsets.append((len(text), len(text) + len(tok)))
        text += tok
    return text, offsets


def load(path: Path) -> list[Sentence]:
    out = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        text, offsets = detokenize(row["tokens"])
        spans = [(offsets[e["start"]][0], offsets[e["end"] - 1][1]) for e in row["entities"]]
        rels = {(r["head"], GOLD_TYPES[r["type"]], r["tail"]) for r in row["relations"] if r["type"] in GOLD_TYPES}
        out.append(Sentence(text, spans, rels))
    return out


def _entity(m: Mention, spans: list[tuple[int, int]]) -> int | None:
    """The gold entity a mention overlaps most (None: no gold entity there)."""
    best, size = None, 0
    for i, (a, b) in enumerate(spans):
        overlap = min(b, m.end) - max(a, m.start)
        if overlap > size:
            best, size = i, overlap
    return best


def predictions(result: DocResult, spans: list[tuple[int, int]]) -> set[tuple[int | str, str, int | str]]:
    """Mapped facts between named mentions; an end with no gold entity keeps its mention key (a false hit)."""
    mentions = {m.key: m for m in result.mentions}

    def ref(key: str) -> int | str | None:
        m = mentions.get(key)
        if m is None or m.type not in NAMED:
            return None
        found = _entity(m, spans)
        return found if found is not None else key

    out: set[tuple[int | str, str, int | str]] = set()
    for rel in result.relations:
        kind = {"MEMBER_OF": "Work_For", "LEADS": "Work_For", "LOCATED_IN": "Located_In"}.get(rel.type)
        src, tgt = ref(rel.source), ref(rel.target)
        if kind and src is not None and tgt is not None and src != tgt:
            out.add((src, kind, tgt))
    for event in result.events:
        if event.type != "killing":
            continue
        for perp in event.perpetrators:
            for victim in event.victims:
                src, tgt = ref(perp), ref(victim)
                if src is not None and tgt is not None and src != tgt:
                    out.add((src, "Kill", tgt))
    return out


@dataclass
class RuleCounts:
    fired: set[int] = field(default_factory=set)  # sentence numbers
    right: set[int] = field(default_factory=set)
    judged: bool = False  # False: the rule's facts have no gold type here


def rule_hits(result: DocResult, sentence: Sentence, n: int, out: dict[str, RuleCounts]) -> None:
    """Where each rule fired in sentence n and whether its fact is in the gold."""
    spans = set(sentence.spans)
    for m in result.mentions:
        for name in m.rules:
            c = out.setdefault(name, RuleCounts(judged=True))
            c.fired.add(n)
            if (m.start, m.end) in spans:
                c.right.add(n)
    gold = sentence.relations
    one = DocResult(result.article, mentions=result.mentions)
    for rel in result.relations:
        one.relations = [rel]
        facts = predictions(one, sentence.spans)
        for name in rel.rules:
            c = out.setdefault(name, RuleCounts())
            c.fired.add(n)
            c.judged = c.judged or bool(facts)
            if facts & gold:
                c.right.add(n)
    one.relations = []
    for event in result.events:
        if event.type != "killing":
            continue
        one.events = [event]
        facts = predictions(one, sentence.spans)
        for role_key, names in event.role_rules.items():
            if not role_key.startswith("perpetrators|"):
                continue
            for name in names:
                c = out.setdefault(name, RuleCounts())
                c.fired.add(n)
                c.judged = c.judged or bool(facts)
                if facts & gold:
                    c.right.add(n)


def evaluate(sentences: list[Sentence], by_rule: dict[str, RuleCounts] | None = None) -> dict[str, Counts]:
    nlp = make_nlp()
    articles = [Article(id=f"conll04-{i}", text=s.text) for i, s in enumerate(sentences)]  # offsets kept as given
    counts = {t: Counts() for t in TYPES}
    for n, (result, sentence) in enumerate(zip(extract_all(nlp, articles), sentences, strict=True)):
        if by_rule is not None:
            rule_hits(result, sentence, n, by_rule)
        predicted = predictions(result, sentence.spans)
        for kind in TYPES:
            gold = {r for r in sentence.relations if r[1] == kind}
            sys_ = {r for r in predicted if r[1] == kind}
            counts[kind].tp += len(gold & sys_)
            counts[kind].sys += len(sys_)
            counts[kind].gold += len(gold)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ap.add_argument("--by-rule", action="store_true", help="sentences each rule fired in and was right in")
    args = ap.parse_args()
    sentences = load(args.data / f"conll04_{args.split}.json")
    if args.limit:
        sentences = sentences[: args.limit]
    by_rule: dict[str, RuleCounts] | None = {} if args.by_rule else None
    counts = evaluate(sentences, by_rule)
    print(f"CoNLL04 {args.split}: {len(sentences)} sentences")
    print(f"{'type':12} {'P':>6} {'R':>6} {'F1':>6}   tp/sys/gold")
    total = Counts()
    for kind, c in counts.items():
        p, r, f = c.prf()
        total.tp, total.sys, total.gold = total.tp + c.tp, total.sys + c.sys, total.gold + c.gold
        print(f"{kind:12} {p:6.3f} {r:6.3f} {f:6.3f}   {c.tp}/{c.sys}/{c.gold}")
    p, r, f = total.prf()
    print(f"{'all':12} {p:6.3f} {r:6.3f} {f:6.3f}   {total.tp}/{total.sys}/{total.gold}")
    if by_rule is not None:
        print(f"\n{'rule':34} {'fired in':>8} {'right in':>8}")
        for name, c in sorted(by_rule.items()):
            right = str(len(c.right)) if c.judged else "-"
            print(f"{name:34} {len(c.fired):8} {right:>8}")


if __name__ == "__main__":
    main()
