// Question: Which deputies (副部长 and other 副 posts) did a ministry send to events?
// An empty ministry lists the deputies of every body whose name ends in 部.
// param ministry = 生态环境部
MATCH (o:Organization)<-[:OF]-(r:Role)<-[:HOLDS]-(p:Person)-[a:PARTICIPATED_IN]->(e:Event)
WHERE r.title STARTS WITH '副'
  AND (o.name = $ministry OR $ministry IN o.aliases OR ($ministry = '' AND o.name ENDS WITH '部'))
RETURN o.name AS ministry, p.name AS deputy, r.title AS title, e.name AS event, e.date AS date, a.as AS as
ORDER BY date, event, ministry, deputy
