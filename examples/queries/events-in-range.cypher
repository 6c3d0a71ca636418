// Question: Which events took place between two dates (inclusive), where, and with how many participants?
// param from = 2021-05-01
// param to = 2021-05-31
MATCH (e:Event) WHERE e.date >= $from AND e.date <= $to
OPTIONAL MATCH (e)-[:HELD_IN]->(pl:Place)
WITH e, coalesce(pl.name, e.place) AS place
OPTIONAL MATCH (x)-[:PARTICIPATED_IN]->(e)
RETURN e.date AS date, e.name AS event, e.kind AS kind, place, count(x) AS participants
ORDER BY date, event
