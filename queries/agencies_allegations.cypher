// agencies_allegations: which organizations and groups are linked, as perpetrators, to which allegation types.
// Parameters: none.
// Columns: actor_id, actor, actor_type, allegation, events, documents ("; "-joined, sorted), evidence (first event's sentence).
MATCH (a:Entity)-[:PERPETRATOR]->(e:Event)
WHERE a.type IN ['Organization', 'Group']
WITH a, e ORDER BY e.doc, e.start, e.id
WITH a, e.type AS allegation, collect(DISTINCT e) AS evs
WITH a, allegation, evs,
     reduce(acc = [], d IN [x IN evs | x.doc] | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS docs
RETURN a.id AS actor_id, a.name AS actor, a.type AS actor_type, allegation,
       size(evs) AS events,
       reduce(s = '', d IN docs | s + CASE WHEN s = '' THEN '' ELSE '; ' END + d) AS documents,
       evs[0].evidence AS evidence
ORDER BY events DESC, actor_id, allegation
