// Question: At which events were two people both present, and in what capacity?
// param a = 李强
// param b = 龚正
MATCH (p:Person {name: $a})-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(q:Person {name: $b})
RETURN e.name AS event, e.date AS date, ra.as AS as_a, rb.as AS as_b
ORDER BY date, event
