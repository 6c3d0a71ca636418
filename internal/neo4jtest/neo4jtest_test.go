package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestDriverReturnsOne(t *testing.T) {
	driver, db := Driver(t)
	res, err := neo4j.ExecuteQuery(context.Background(), driver, "RETURN 1 AS one", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	one, _, err := neo4j.GetRecordValue[int64](res.Records[0], "one")
	if err != nil || one != 1 {
		t.Fatalf("RETURN 1 gave %v, %v", one, err)
	}
}

func TestReset(t *testing.T) {
	driver, db := Driver(t)
	ctx := context.Background()
	exec := func(q string) *neo4j.EagerResult {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res
	}
	count := func(q string) int64 {
		t.Helper()
		n, _, err := neo4j.GetRecordValue[int64](exec(q).Records[0], "n")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	Reset(t, driver, db)
	exec("CREATE CONSTRAINT neo4jtest_key IF NOT EXISTS FOR (n:NeoTestThing) REQUIRE n.key IS UNIQUE")
	exec("CREATE INDEX neo4jtest_name IF NOT EXISTS FOR (n:NeoTestThing) ON (n.name)")
	exec("UNWIND range(1, 25000) AS i CREATE (:NeoTestThing {key: 'k' + i, name: 'n' + i})")
	exec("MATCH (a:NeoTestThing {key: 'k1'}), (b:NeoTestThing {key: 'k2'}) CREATE (a)-[:NEXT]->(b)")

	Reset(t, driver, db)
	if n := count("MATCH (n) RETURN count(n) AS n"); n != 0 {
		t.Errorf("%d nodes left after Reset", n)
	}
	if n := count("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n"); n != 0 {
		t.Errorf("%d constraints left after Reset", n)
	}
	if n := count("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*) AS n"); n != 0 {
		t.Errorf("%d indexes left after Reset", n)
	}
}

// TestImportServer imports two CSV node files and one relationship file with the real
// neo4j-admin into a second database and counts what arrived.
func TestImportServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second Neo4j server (about 15 s)")
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	persons := write("persons.csv", "key:ID(Person),name,:LABEL\nperson:李强,李强,Person\nperson:龚正,龚正,Person\n")
	roles := write("roles.csv", "key:ID(Role),title,:LABEL\nrole:中共上海市委/书记,书记,Role\n")
	holds := write("holds.csv", ":START_ID(Person),:END_ID(Role),status,:TYPE\nperson:李强,role:中共上海市委/书记,current,HOLDS\n")

	driver, db := ImportServer(t, "importtest", "--nodes="+persons, "--nodes="+roles, "--relationships="+holds)
	if db != "importtest" {
		t.Fatalf("database %q, want importtest", db)
	}
	res, err := neo4j.ExecuteQuery(context.Background(), driver,
		"MATCH (p:Person)-[h:HOLDS]->(r:Role) RETURN p.name AS name, h.status AS status, r.title AS title, COUNT { (:Person) } AS persons",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d HOLDS rows, want 1", len(res.Records))
	}
	m := res.Records[0].AsMap()
	if m["name"] != "李强" || m["status"] != "current" || m["title"] != "书记" || m["persons"] != int64(2) {
		t.Errorf("imported graph: %v", m)
	}
}
