// Question: Which positions does a person hold or has held, and in which organizations?
// param person = 李强
MATCH (p:Person {name: $person})-[h:HOLDS]->(r:Role)
OPTIONAL MATCH (r)-[:OF]->(o:Organization)
RETURN r.title AS title, o.name AS organization, h.status AS status,
       h.firstSeen AS firstSeen, h.lastSeen AS lastSeen
ORDER BY firstSeen, organization, title
