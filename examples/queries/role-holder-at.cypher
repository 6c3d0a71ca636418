// Question: Who held a given position on a given date?
// Reads the HOLDS timeline: among the holders first seen in the post on or before the
// date — less those who had left it (status former) by their last sighting on or before
// the date — the one first seen latest. Several rows only when they were first seen on
// the same day (posts held by several at once, such as 副市长, give the latest arrival).
// The organization may be named by its canonical name or by an alias; the key tells
// homonyms apart (person:刘伟#2).
// param title = 书记
// param org = 中共上海市委
// param date = 2022-01-01
MATCH (p:Person)-[h:HOLDS]->(r:Role {title: $title})-[:OF]->(o:Organization)
WHERE (o.name = $org OR $org IN o.aliases)
  AND h.firstSeen <= $date
  AND NOT (h.status = 'former' AND h.lastSeen <= $date)
WITH p, h
ORDER BY h.firstSeen DESC, p.key
WITH collect({p: p, h: h}) AS held
UNWIND [x IN held WHERE x.h.firstSeen = held[0].h.firstSeen] AS x
RETURN x.p.name AS person, x.p.key AS key, x.h.status AS status,
       x.h.firstSeen AS firstSeen, x.h.lastSeen AS lastSeen, x.h.evidence[0] AS evidence
ORDER BY key
