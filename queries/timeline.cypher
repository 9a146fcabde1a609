// timeline: dated events in date order, with perpetrators, victims and evidence.
// Parameters: none.
// Columns: date, event_id, allegation, status, doc, perpetrators ("; "-joined names, sorted), victims, evidence.
MATCH (e:Event)
WHERE e.date IS NOT NULL AND e.date <> ''
CALL {
  WITH e
  OPTIONAL MATCH (p:Entity)-[:PERPETRATOR]->(e)
  WITH p ORDER BY p.name
  RETURN [x IN collect(p.name) WHERE x IS NOT NULL] AS perps
}
CALL {
  WITH e
  OPTIONAL MATCH (v:Entity)-[:VICTIM]->(e)
  WITH v ORDER BY v.name
  RETURN [x IN collect(v.name) WHERE x IS NOT NULL] AS victims
}
RETURN e.date AS date, e.id AS event_id, e.type AS allegation, e.status AS status, e.doc AS doc,
       reduce(s = '', n IN perps | s + CASE WHEN s = '' THEN '' ELSE '; ' END + n) AS perpetrators,
       reduce(s = '', n IN victims | s + CASE WHEN s = '' THEN '' ELSE '; ' END + n) AS victims,
       e.evidence AS evidence
ORDER BY date, event_id
