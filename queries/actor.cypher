// actor: an entity's neighbourhood - its events (by role) and typed relations, with evidence.
// Parameters: $name - the entity's name, one of its aliases, or its id (case-insensitive); $offset, $limit (the page).
// Columns: actor_id, actor, relation, direction ("out"/"in"), other_id, other, other_type, doc, evidence.
// Order: actor_id, relation, direction, other_id, doc, evidence.
MATCH (a:Entity)
WHERE a.id = $name OR toLower(a.name) = toLower($name)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (a)-[r]-(o)
WHERE type(r) IN ['PERPETRATOR', 'VICTIM', 'SOURCE', 'LOCATION',
                  'MEMBER_OF', 'LEADS', 'PART_OF', 'LOCATED_IN', 'ALLIED_WITH', 'OPPOSES']
WITH a, r, o, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction
RETURN a.id AS actor_id, a.name AS actor, type(r) AS relation, direction,
       o.id AS other_id,
       CASE WHEN o:Event THEN o.type ELSE o.name END AS other,
       CASE WHEN o:Event THEN 'Event' ELSE o.type END AS other_type,
       coalesce(r.doc, '') AS doc, coalesce(r.evidence, '') AS evidence
ORDER BY actor_id, relation, direction, other_id, doc, evidence
SKIP $offset LIMIT $limit
