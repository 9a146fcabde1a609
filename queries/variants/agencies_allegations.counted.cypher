// agencies_allegations, read from the role counts the writer keeps (graphkit.backends.neo4j_counts):
// the same rows as ../agencies_allegations.cypher, which counts the PERPETRATOR relationships at query time.
// Used when the counts are fresh and the filters are at most $actor, $allegation and a $min_confidence the
// counts are kept for (neo4j_counts.LEVELS, none now: its `level`; dates pick events, which the counts do not know;
// other thresholds go to <name>.confident.cypher, which counts the confidences the counts of every event hold).
// Parameters: $actor, $actor_key, $allegation, $min_confidence, $offset, $limit.
// The page comes straight off an index in the table's order: `rank` (role, level, events descending, entity
// id, allegation) unfiltered, `arank` (role, level, allegation, events descending, entity id) for one allegation,
// and the counts of the named entities (a few rows, sorted) for $actor. Each branch reads only when its
// filters are the given ones (the LIMIT and SKIP gates: a parameter test in WHERE would come after the seek).
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
  RETURN collect(x.id) AS named
}
CALL (named) {
  UNWIND named AS id  // empty without $actor
  MATCH (c:RoleCount {entity: id})
  WHERE c.role = 'PERPETRATOR' AND c.level = coalesce(toString($min_confidence), '')
    AND ($allegation IS NULL OR c.allegation = $allegation)
  MATCH (a:Entity {id: c.entity}) WHERE a.type IN ['Organization', 'Group']
  WITH c, a ORDER BY c.rank SKIP $offset LIMIT $limit
  RETURN c, a
UNION ALL
  MATCH (c:RoleCount)
  WHERE c.arank STARTS WITH 'PERPETRATOR\u0001' + coalesce(toString($min_confidence), '') + '\u0001' + $allegation + '\u0001'
  MATCH (a:Entity {id: c.entity}) WHERE a.type IN ['Organization', 'Group']
  WITH c, a ORDER BY c.arank  // the gates: only the branch of the given filters reads anything
  SKIP CASE WHEN $actor IS NULL AND $allegation IS NOT NULL THEN $offset ELSE 0 END
  LIMIT CASE WHEN $actor IS NULL AND $allegation IS NOT NULL THEN $limit ELSE 0 END
  RETURN c, a
UNION ALL
  MATCH (c:RoleCount) WHERE c.rank STARTS WITH 'PERPETRATOR\u0001' + coalesce(toString($min_confidence), '') + '\u0001'
  MATCH (a:Entity {id: c.entity}) WHERE a.type IN ['Organization', 'Group']
  WITH c, a ORDER BY c.rank
  SKIP CASE WHEN $actor IS NULL AND $allegation IS NULL THEN $offset ELSE 0 END
  LIMIT CASE WHEN $actor IS NULL AND $allegation IS NULL THEN $limit ELSE 0 END
  RETURN c, a
}
RETURN a.id AS actor_id, a.name AS actor, a.type AS actor_type, c.allegation AS allegation, c.events AS events,
       reduce(acc = '', d IN c.documents | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + d) AS documents,
       c.evidence AS evidence
ORDER BY c.rank
