// who_alleges: who reports, alleges or confirms which allegation types (the sources of events).
// Parameters: $actor (the source), $allegation, $date_from, $date_to, $min_confidence (filters on the events counted; null
// for none; $actor is a name, alias or id, any case; dates are ISO dates or prefixes, both ends
// inclusive: from 2019 to 2019 keeps all of 2019), $offset, $limit (the page).
// Columns: source_id, source, source_type, allegation, events, documents ("; "-joined, sorted),
// evidence (the sentence of the first event by document, offset, id).
// Order: most events first, then source_id, allegation. Counted in the database over one scan of the SOURCE
// relationships; only the rows of the page are read out.
CALL () {  // the entities $actor names (none without $actor: the UNWIND is then empty and nothing is read):
  // by id, or by name or alias off the EntityKey(key) index when $actor_key is given (graphkit passes
  // graphkit.query.keys.name_key($actor) once every entity has its keys), else (null) by a scan of them all
  UNWIND CASE WHEN $actor IS NULL THEN [] ELSE [$actor] END AS wanted
  CALL (wanted) {
    MATCH (x:Entity {id: wanted}) RETURN x
  UNION
    MATCH (k:EntityKey {key: $actor_key}) MATCH (x:Entity {id: k.entity}) RETURN x
  UNION
    UNWIND CASE WHEN $actor_key IS NULL THEN [wanted] ELSE [] END AS w  // no keys: the scan
    MATCH (x:Entity)
    WHERE toLower(x.name) = toLower(w) OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower(w))
    RETURN x
  }
  RETURN collect(x) AS named
}
// the schema's SOURCE runs from an Entity to an Event: no label checks needed
MATCH (s)-[r:SOURCE]->(e) USING SCAN r:SOURCE
WHERE ($actor IS NULL OR s IN named)
  AND ($allegation IS NULL OR e.type = $allegation)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR '' < e.date < $date_to + '\uffff')
  AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
WITH s, e.type AS allegation, collect(DISTINCT e) AS evs
WITH s, allegation, evs, size(evs) AS events
ORDER BY events DESC, s.id, allegation
SKIP $offset LIMIT $limit
CALL (evs) {
  UNWIND evs AS e
  WITH e ORDER BY e.doc, e.start, e.id
  RETURN collect(e.doc) AS docs, collect(e)[0].evidence AS evidence
}
WITH s, allegation, events, evidence,
     reduce(acc = [], d IN docs | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS docs
RETURN s.id AS source_id, s.name AS source, s.type AS source_type, allegation, events,
       reduce(acc = '', d IN docs | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + d) AS documents,
       evidence
ORDER BY events DESC, source_id, allegation
