// Question: On which sentences does it rest that a person took part in an event, and as what?
// The event is found by a part of its name (empty: every event). An empty string is
// tested apart: Neo4j 5.26 fails `CONTAINS ''` on an indexed property.
// param person = 吴清
// param event = 签
MATCH (p:Person {name: $person})-[r:PARTICIPATED_IN]->(e:Event)
WHERE $event = '' OR e.name CONTAINS $event
UNWIND range(0, size(coalesce(r.sources, [])) - 1) AS i
OPTIONAL MATCH (a:Article {key: r.sources[i]})
RETURN e.name AS event, r.as AS as, i + 1 AS n, a.title AS article, r.evidence[i] AS sentence
ORDER BY event, n
