"""Untrusted names and sentences: what a scraped page may put in an entity name or an evidence sentence."""

from __future__ import annotations

from graphkit.types import Article, Entity, Event, GraphData, Provenance, Relation, Triple

HOSTILE = (
    "O'Brien \"the Butcher\"",
    "back\\slash \\' \\\" \\u0041",
    "`Entity` `Person`) DETACH DELETE n //",
    "x'}) MATCH (n) DETACH DELETE n //",
    "MATCH (n) DETACH DELETE n",
    "{id: 'injected', name: $pw} {{braces}}",
    "// a comment /* and a block */",
    "line one\nline two\r\nline three",
    "nul\x00inside",
    "emoji \U0001F600\U0001F1FB\U0001F1EA and a ZWJ family \U0001F468\u200D\U0001F469\u200D\U0001F467",
    "\u0627\u0644\u0634\u0631\u0637\u0629 \u05de\u05e9\u05d8\u05e8\u05d4 \u202Eevil\u202C",  # Arabic, Hebrew, RLO
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; ]]> <!-- -->",
    "${jndi:ldap://x} {{7*7}} %s %n",
    "A" * 10_000,
)


def hostile_graph() -> GraphData:
    """A graph whose every name, alias, title, trigger, cue and sentence is one of HOSTILE."""
    docs = [Article(id=f"doc-{i}", text=s, title=s, url=f"https://example.org/{i}", source=s, sha256=f"{i:064d}")
            for i, s in enumerate(HOSTILE)]
    entities = [Entity(f"ent-{i}", s, ("Person", "Organization", "Location", "Group")[i % 4], aliases=[s, s[::-1]],
                       docs=[f"doc-{i}"], mentions=1, merge_reasons=[s]) for i, s in enumerate(HOSTILE)]
    events, relations, triples = [], [], []
    for i, s in enumerate(HOSTILE):
        prov = Provenance(f"doc-{i}", s, 0, len(s), 0, len(s))
        nxt = f"ent-{(i + 1) % len(HOSTILE)}"
        events.append(Event(f"ev-{i}", "torture", f"doc-{i}", s, prov, perpetrators=[f"ent-{i}"], victims=[nxt]))
        relations.append(Relation(f"ent-{i}", "ALLIED_WITH", nxt, prov, cue=s))
        triples.append(Triple(s, s, s, prov, f"ent-{i}", nxt))
    return GraphData(documents=docs, entities=entities, events=events, relations=relations, triples=triples)
