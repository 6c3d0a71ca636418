// Question: Which organizations signed agreements with a given organization?
// The organization may be named by its canonical name or by an alias.
// param org = 上海市人民政府
MATCH (o:Organization)-[r1:PARTICIPATED_IN]->(e:Event)<-[r2:PARTICIPATED_IN]-(partner:Organization)
WHERE (o.name = $org OR $org IN o.aliases) AND partner <> o
  AND 'signatory' IN r1.as AND 'signatory' IN r2.as
OPTIONAL MATCH (signer:Person)-[s:PARTICIPATED_IN]->(e) WHERE 'signatory' IN s.as
WITH partner, e, signer ORDER BY signer.name
RETURN partner.name AS partner, e.name AS event, e.date AS date, collect(signer.name) AS signatories
ORDER BY date, partner
