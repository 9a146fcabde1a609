// actor: an entity's neighbourhood - its events (by role) and typed relations, with evidence.
// Parameters: $name - the entity's name, one of its aliases, or its id (case-insensitive); $offset, $limit (the page);
// $name_key - graphkit.query.keys.name_key($name), which graphkit passes once every entity has its EntityKey
// nodes (the name is then found off the EntityKey(key) index), or null (a scan of every name and alias).
// Columns: actor_id, actor, relation, direction ("out"/"in"), other_id, other, other_type, doc, evidence.
// Order: actor_id, relation, direction, other_id, doc, evidence.
CALL () {  // the entities $name names: by id, by key (off the index), or by the scan when $name_key is null
  MATCH (x:Entity {id: $name}) RETURN x
UNION
  MATCH (k:EntityKey {key: $name_key}) MATCH (x:Entity {id: k.entity}) RETURN x
UNION
  UNWIND CASE WHEN $name_key IS NULL THEN [$name] ELSE [] END AS w  // no keys: the scan
  MATCH (x:Entity)
  WHERE toLower(x.name) = toLower(w) OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower(w))
  RETURN x
}
WITH x AS a
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
