// who_alleges: who reports, alleges or confirms which allegation types (the sources of events).
// Parameters: none.
// Columns: source_id, source, source_type, allegation, events, documents ("; "-joined, sorted), evidence.
MATCH (s:Entity)-[:SOURCE]->(e:Event)
WITH s, e ORDER BY e.doc, e.start, e.id
WITH s, e.type AS allegation, collect(DISTINCT e) AS evs
WITH s, allegation, evs,
     reduce(acc = [], d IN [x IN evs | x.doc] | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS docs
RETURN s.id AS source_id, s.name AS source, s.type AS source_type, allegation,
       size(evs) AS events,
       reduce(acc = '', d IN docs | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + d) AS documents,
       evs[0].evidence AS evidence
ORDER BY events DESC, source_id, allegation
