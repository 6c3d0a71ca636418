// Question: Who has held a given position over time?
// The organization may be named by its canonical name or by an alias.
// param title = 书记
// param org = 中共上海市委
MATCH (p:Person)-[h:HOLDS]->(r:Role {title: $title})-[:OF]->(o:Organization)
WHERE o.name = $org OR $org IN o.aliases
RETURN p.name AS person, h.status AS status, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen
ORDER BY firstSeen, person
