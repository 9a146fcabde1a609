// timeline: dated events in date order, with perpetrators, victims and evidence.
// Parameters: $actor (a perpetrator or victim: name, alias or id, any case), $allegation, $date_from, $date_to,
// $min_confidence (null for no filter; dates are ISO dates or prefixes, both ends inclusive), $offset, $limit.
// Columns: date, event_id, allegation, status, doc, perpetrators ("; "-joined names, sorted), victims, evidence.
// Order: date, then event_id: the index on Event.date gives the date order, so a page reads only its events
// (with $actor, only the events of the named entities are read, and sorted).
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
  MATCH (x)-[:PERPETRATOR|VICTIM]->(picked:Event)
  RETURN collect(DISTINCT picked) AS picked
}
CALL (picked) {  // with $actor: the named entities' own events, a few, sorted here
  UNWIND picked AS e
  WITH e
  WHERE e.date > '' AND e.date >= coalesce($date_from, '') AND e.date < coalesce($date_to, '\uffff') + '\uffff'
    AND ($allegation IS NULL OR e.type = $allegation)
    AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
  WITH e ORDER BY e.date, e.id SKIP $offset LIMIT $limit
  RETURN e
UNION ALL  // without: the page off the Event.date index, in its order; gated off (LIMIT 0) with $actor
  MATCH (e:Event)
  WHERE e.date > '' AND e.date >= coalesce($date_from, '') AND e.date < coalesce($date_to, '\uffff') + '\uffff'
    AND ($allegation IS NULL OR e.type = $allegation)
    AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
  WITH e ORDER BY e.date, e.id
  SKIP CASE WHEN $actor IS NULL THEN $offset ELSE 0 END LIMIT CASE WHEN $actor IS NULL THEN $limit ELSE 0 END
  RETURN e
}
WITH e ORDER BY e.date, e.id
CALL (e) {
  OPTIONAL MATCH (p:Entity)-[:PERPETRATOR]->(e)
  WITH p ORDER BY p.name
  RETURN [x IN collect(p.name) WHERE x IS NOT NULL] AS perps
}
CALL (e) {
  OPTIONAL MATCH (v:Entity)-[:VICTIM]->(e)
  WITH v ORDER BY v.name
  RETURN [x IN collect(v.name) WHERE x IS NOT NULL] AS victims
}
RETURN e.date AS date, e.id AS event_id, e.type AS allegation, e.status AS status, e.doc AS doc,
       reduce(s = '', n IN perps | s + CASE WHEN s = '' THEN '' ELSE '; ' END + n) AS perpetrators,
       reduce(s = '', n IN victims | s + CASE WHEN s = '' THEN '' ELSE '; ' END + n) AS victims,
       e.evidence AS evidence
ORDER BY date, event_id
