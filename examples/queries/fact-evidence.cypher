// Question: On which sentences, in which articles, does one fact rest: that a person held a position?
// One row per source article, in the order the articles were read; a fact keeps at
// most five sentences, so later sources may show none.
// param person = 李强
// param title = 书记
MATCH (p:Person {name: $person})-[h:HOLDS]->(r:Role {title: $title})
OPTIONAL MATCH (r)-[:OF]->(o:Organization)
UNWIND range(0, size(coalesce(h.sources, [])) - 1) AS i
OPTIONAL MATCH (a:Article {key: h.sources[i]})
RETURN coalesce(o.name, '') + r.title AS role, i + 1 AS n, a.title AS article, a.date AS date,
       h.evidence[i] AS sentence
ORDER BY role, n
