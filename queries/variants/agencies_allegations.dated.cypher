// agencies_allegations, for a date range ($date_from and/or $date_to given): the same rows as ../agencies_allegations.cypher,
// which scans every PERPETRATOR relationship; this reads only the events of the range, off the Event.date
// index, and their perpetrators (both ends inclusive, as there: a date range keeps dated events only).
// Parameters: $actor, $allegation, $date_from, $date_to, $min_confidence, $offset, $limit.
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
// the events of the date range, off the Event.date index (as the timeline reads them), then their perpetrators
MATCH (e:Event) USING INDEX e:Event(date)  // the plan must not depend on the statistics of the day
WHERE e.date > '' AND e.date >= coalesce($date_from, '') AND e.date < coalesce($date_to, '\uffff') + '\uffff'
  AND ($allegation IS NULL OR e.type = $allegation)
  AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
MATCH (a)-[:PERPETRATOR]->(e)
WHERE a.type IN ['Organization', 'Group'] AND ($actor IS NULL OR a IN named)
WITH a, e.type AS allegation, collect(DISTINCT e) AS evs
WITH a, allegation, evs, size(evs) AS events
ORDER BY events DESC, a.id, allegation
SKIP $offset LIMIT $limit
CALL (evs) {
  UNWIND evs AS e
  WITH e ORDER BY e.doc, e.start, e.id
  RETURN collect(e.doc) AS docs, collect(e)[0].evidence AS evidence
}
WITH a, allegation, events, evidence,
     reduce(acc = [], d IN docs | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS docs
RETURN a.id AS actor_id, a.name AS actor, a.type AS actor_type, allegation, events,
       reduce(acc = '', d IN docs | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + d) AS documents,
       evidence
ORDER BY events DESC, actor_id, allegation
