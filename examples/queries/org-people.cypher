// Question: Who holds or held positions in an organization, and in its departments?
// The organization may be named by its canonical name or by an alias.
// param org = 中共上海市委
MATCH (o:Organization) WHERE o.name = $org OR $org IN o.aliases
MATCH (unit:Organization)-[:PART_OF*0..3]->(o)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(unit)
RETURN unit.name AS organization, r.title AS title, p.name AS person, h.status AS status,
       h.firstSeen AS firstSeen, h.lastSeen AS lastSeen
ORDER BY organization, title, person
