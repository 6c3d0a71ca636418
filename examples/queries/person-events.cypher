// Question: Which events did a person take part in, when, where and as what?
// param person = 龚正
MATCH (p:Person {name: $person})-[r:PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (e)-[:HELD_IN]->(pl:Place)
RETURN e.date AS date, e.name AS event, e.kind AS kind, coalesce(pl.name, e.place) AS place, r.as AS as
ORDER BY date, event
