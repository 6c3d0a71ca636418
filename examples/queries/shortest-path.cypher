// Question: How are two people connected? Every shortest chain of positions,
// organizations, events and places between them (articles left out).
// param a = 娄勤俭
// param b = 杨杰
MATCH (a:Person {name: $a}), (b:Person {name: $b})
MATCH p = allShortestPaths((a)-[:HOLDS|OF|PARTICIPATED_IN|PART_OF|HELD_IN*..12]-(b))
WITH p, [n IN nodes(p) | CASE WHEN n:Role THEN substring(n.key, 5) ELSE n.name END] AS path
RETURN length(p) AS hops, path, [r IN relationships(p) | type(r)] AS via
ORDER BY path
