// who_alleges at a $min_confidence no level of the role counts is kept for (neo4j_counts.LEVELS), read
// from the counts of every event (level ''), which hold the confidences of their events: the same rows as
// ../who_alleges.cypher, which counts the SOURCE relationships at query time. Used when the counts
// are fresh and the filters are at most $actor, $allegation and $min_confidence.
// Parameters: $actor, $actor_key, $allegation, $min_confidence, $offset, $limit.
// A count at the threshold is at most the count of every event, which orders `rank` (and `arank`, for one
// allegation): the first $offset + $limit counts in that order each reach some
// number at the threshold, and the least of these bounds the page from below, so only the counts of every
// event at or above it are read (a range of the index), counted at the threshold and sorted; of the counts of one
// event (the most, in a large graph) only as many as the page can take. The named entities' few counts with
// $actor. Each branch reads only when its filters are the given ones (the LIMIT gates, as in the counted variant). Only the rows of the page read their edges, for their documents and evidence.
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
  WHERE c.role = 'SOURCE' AND c.level = '' AND ($allegation IS NULL OR c.allegation = $allegation)
  RETURN c, c.entity + '\u0001' + c.allegation AS tie
UNION ALL
  CALL () {  // one allegation type: the least count at the threshold among the first counts in `arank` order
    MATCH (c:RoleCount) WHERE c.arank STARTS WITH 'SOURCE\u0001\u0001' + $allegation + '\u0001'
    WITH c ORDER BY c.arank
    LIMIT CASE WHEN $actor IS NULL AND $allegation IS NOT NULL THEN $offset + $limit ELSE 0 END
    RETURN min(size([x IN c.confidences WHERE x >= $min_confidence])) AS least
  }
  WITH 'SOURCE\u0001\u0001' + $allegation + '\u0001' AS prefix, least WHERE least IS NOT NULL
  CALL (prefix, least) {
    MATCH (c:RoleCount)  // the counts of two events or more, down to the least
    WHERE c.arank > prefix
      AND c.arank < prefix + right('0000000000' + toString(1000000001 - CASE WHEN least > 2 THEN least ELSE 2 END), 10)
    RETURN c
  UNION ALL
    // with a least of 1 (or 0) the counts of one event too: each counts 1 or 0 at the threshold, and those
    // counting 1 go to the page in `arank` order, the order of their ties: their first $offset + $limit
    MATCH (c:RoleCount)
    WHERE c.arank STARTS WITH prefix + CASE WHEN least <= 1 THEN '0999999999\u0001' END
      AND any(x IN c.confidences WHERE x >= $min_confidence)
    WITH c ORDER BY c.arank LIMIT $offset + $limit
    RETURN c
  }
  RETURN c, substring(c.arank, size(prefix) + 11) AS tie  // the entity id, read off the index
UNION ALL
  CALL () {  // no filter but the threshold: the same off `rank`
    MATCH (c:RoleCount) WHERE c.rank STARTS WITH 'SOURCE\u0001\u0001'
    WITH c ORDER BY c.rank
    LIMIT CASE WHEN $actor IS NULL AND $allegation IS NULL THEN $offset + $limit ELSE 0 END
    RETURN min(size([x IN c.confidences WHERE x >= $min_confidence])) AS least
  }
  WITH 'SOURCE\u0001\u0001' AS prefix, least WHERE least IS NOT NULL
  CALL (prefix, least) {
    MATCH (c:RoleCount)  // the counts of two events or more, down to the least
    WHERE c.rank > prefix
      AND c.rank < prefix + right('0000000000' + toString(1000000001 - CASE WHEN least > 2 THEN least ELSE 2 END), 10)
    RETURN c
  UNION ALL
    // with a least of 1 (or 0) the counts of one event too: each counts 1 or 0 at the threshold, and those
    // counting 1 go to the page in `rank` order, the order of their ties: their first $offset + $limit
    MATCH (c:RoleCount)
    WHERE c.rank STARTS WITH prefix + CASE WHEN least <= 1 THEN '0999999999\u0001' END
      AND any(x IN c.confidences WHERE x >= $min_confidence)
    WITH c ORDER BY c.rank LIMIT $offset + $limit
    RETURN c
  }
  RETURN c, substring(c.rank, size(prefix) + 11) AS tie  // entity id and allegation, read off the index
}
// `tie` orders as (entity id, allegation) does: the parts are joined by \u0001, below every character of an id
WITH c, tie, size([x IN c.confidences WHERE x >= $min_confidence]) AS events
WHERE events > 0
WITH c, events ORDER BY events DESC, tie SKIP $offset LIMIT $limit
MATCH (s:Entity {id: c.entity})
CALL (s, c) {  // the page's events at the threshold, for their documents and the first evidence
  MATCH (s)-[:SOURCE]->(e:Event)
  WHERE e.type = c.allegation AND e.confidence >= $min_confidence
  WITH DISTINCT e ORDER BY e.doc, e.start, e.id
  RETURN collect(e.doc) AS docs, collect(e)[0].evidence AS evidence
}
WITH s, c.allegation AS allegation, events, evidence,
     reduce(acc = [], d IN docs | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS docs
RETURN s.id AS source_id, s.name AS source, s.type AS source_type, allegation, events,
       reduce(acc = '', d IN docs | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + d) AS documents,
       evidence
ORDER BY events DESC, source_id, allegation
