"""A small made-up graph for the paging and filter tests: ties in every order key, dates of every
precision, confidences on both sides of a threshold, aliases, an undated event, and hostile names."""

from __future__ import annotations

from graphkit.types import Article, Entity, Event, GraphData, Provenance, Relation

ALLEGATIONS = ("torture", "detention", "killing")
# dates of each precision, one undated; the timeline keeps only dated events
DATES = ("2018-11-30", "2019", "2019-02", "2019-02-14", "2019-12-31", "2020-01-01", "", "2021-06", "2019-02-14")
HOSTILE = "Unit ' OR 1=1 //\" }) RETURN 1 //"


def paging_graph(events: int = 40) -> GraphData:
    docs = [Article(id=f"p{i}", text="", title=f"Paging doc {i}") for i in range(5)]
    entities = [
        Entity("agency_a", "Guard Alpha", "Organization", aliases=["The Alpha"], docs=["p0"]),
        Entity("agency_b", "Guard Beta", "Organization", docs=["p1"]),
        Entity("group_c", "Militia Gamma", "Group", docs=["p2"]),
        Entity("person_d", "Dana Delta", "Person", docs=["p3"]),
        Entity("hostile", HOSTILE, "Group", docs=["p4"]),
        Entity("ngo_e", "Watch Epsilon", "Organization", docs=["p0"]),
        Entity("person_f", "Fay Foxtrot", "Person", aliases=["Foxtrot"], docs=["p1"]),
    ]
    doers = ("agency_a", "agency_b", "group_c", "person_d", "hostile")
    sources = ("ngo_e", "person_f")
    out = []
    for i in range(events):
        doc = f"p{i % 5}"
        prov = Provenance(doc, f"Made-up sentence {i} about a reported act.", 10 * (i // 5), 10 * (i // 5) + 8)
        perps = [doers[i % 5]] + ([doers[(i + 2) % 5]] if i % 7 == 0 else [])
        out.append(Event(f"{doc}:ev{i}", ALLEGATIONS[i % 3], doc, "act", prov, perpetrators=perps,  # type: ignore[arg-type]
                         victims=["person_f" if i % 4 else "person_d"], sources=[sources[i % 2]],
                         date=DATES[i % len(DATES)] or None, confidence=(0.55, 0.7, 0.9, 0.7001)[i % 4]))
    relations = [Relation("person_d", "LEADS", "agency_a", Provenance("p3", "Made-up: Delta leads Alpha.", 0, 5)),
                 Relation("agency_b", "ALLIED_WITH", "agency_a", Provenance("p1", "Made-up: Beta backs Alpha.", 0, 5))]
    return GraphData(documents=docs, entities=entities, events=out, relations=relations)


# parameter sets that every backend must answer alike (beside the unfiltered whole answer)
CASES: dict[str, list[dict[str, object]]] = {
    "agencies_allegations": [
        {"limit": 3}, {"limit": 4, "offset": 2}, {"offset": 100}, {"allegation": "detention"},
        {"date_from": "2019", "date_to": "2019"}, {"date_to": "2019-02"}, {"date_from": "2019-12-31"},
        {"min_confidence": 0.7}, {"actor": "the alpha"}, {"actor": HOSTILE}, {"actor": "' OR 1=1 //"},
        {"allegation": "torture", "min_confidence": 0.6, "limit": 2, "offset": 1},
        {"min_confidence": 0.5, "actor": "the alpha"}, {"min_confidence": 0.701, "limit": 2, "offset": 1},
    ],
    "who_alleges": [
        {"limit": 1}, {"limit": 1, "offset": 1}, {"allegation": "killing", "date_from": "2019-02-14"},
        {"actor": "FOXTROT"}, {"min_confidence": 0.9}, {"date_to": "2018"},
        {"min_confidence": 0.65, "allegation": "torture"}, {"min_confidence": 0.0, "limit": 1, "offset": 1},
        {"min_confidence": 1.0}, {"min_confidence": 0.5, "actor": "foxtrot", "allegation": "killing"},
    ],
    "timeline": [
        {"limit": 5}, {"limit": 5, "offset": 5}, {"date_from": "2019-02", "date_to": "2019-02"},
        {"date_from": "2019-02-14", "date_to": "2019-02-14"}, {"actor": "dana delta"}, {"actor": "agency_b"},
        {"actor": HOSTILE, "allegation": "killing"}, {"min_confidence": 0.7001}, {"date_to": "2019", "limit": 3},
    ],
    "actor": [{"name": "Guard Alpha", "limit": 4}, {"name": "the alpha", "limit": 4, "offset": 4},
              {"name": HOSTILE}],
}
