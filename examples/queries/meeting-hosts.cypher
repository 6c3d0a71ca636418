// Question: Who hosted which meetings?
MATCH (p:Person)-[r:PARTICIPATED_IN]->(e:Event)
WHERE 'host' IN r.as AND e.kind IN ['meeting', 'meeting_with']
RETURN p.name AS host, e.name AS meeting, e.kind AS kind, e.date AS date
ORDER BY date, meeting, host
