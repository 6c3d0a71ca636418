// Question: Who took part in an event, in what capacity, and which positions do they hold?
// The event is found by a part of its name (empty: every event).
// param event = 协作小组第一次会议
MATCH (e:Event) WHERE $event = '' OR e.name CONTAINS $event
MATCH (x)-[p:PARTICIPATED_IN]->(e)
OPTIONAL MATCH (x)-[:HOLDS]->(r:Role)
OPTIONAL MATCH (r)-[:OF]->(o:Organization)
WITH e, x, p, coalesce(o.name, '') + r.title AS role
ORDER BY role
WITH e, x, p, collect(role) AS roles
RETURN e.name AS event, x.name AS participant, p.as AS as, roles
ORDER BY event, participant
