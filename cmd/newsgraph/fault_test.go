package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// server is a Neo4j of its own, run by scripts/neo4j in a state dir and on ports of
// its own, so that a test can stop it without disturbing the shared test server.
type server struct {
	t   *testing.T
	env []string
	cfg neo4jsink.Config
}

// startServer starts a separate server (about 15 s), stopped when the test ends. It
// skips the test when scripts/neo4j cannot run here (fails under CI=true).
func startServer(t *testing.T) *server {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", "scripts", "neo4j"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		unavailable(t, "no scripts/neo4j: %v", err)
	}
	ports := freePorts(t, 2)
	s := &server{t: t, env: append(os.Environ(),
		"NEWSGRAPH_NEO4J_HOME="+t.TempDir(),
		"NEO4J_BOLT_PORT="+strconv.Itoa(ports[0]),
		"NEO4J_HTTP_PORT="+strconv.Itoa(ports[1]),
		"NEO4J_PASSWORD="+neo4jtest.DefaultPassword,
		"NEO4J_WITH_APOC=0",
		"NEO4J_HEAP=512m",
		"NEO4J_PAGECACHE=128m",
	), cfg: neo4jsink.Config{
		URI:      "bolt://127.0.0.1:" + strconv.Itoa(ports[0]),
		User:     neo4jtest.DefaultUser,
		Password: neo4jtest.DefaultPassword,
		Database: neo4jtest.DefaultDatabase,
	}}
	t.Cleanup(func() { s.script("stop") })
	if out, err := s.script("start"); err != nil {
		if strings.Contains(out, "Java 17 or 21") || strings.Contains(out, "Maven") {
			unavailable(t, "scripts/neo4j cannot run here: %s", out)
		}
		t.Fatalf("scripts/neo4j start: %v\n%s", err, out)
	}
	return s
}

func (s *server) script(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join("..", "..", "scripts", "neo4j"), args...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (s *server) start() {
	s.t.Helper()
	if out, err := s.script("start"); err != nil {
		s.t.Fatalf("scripts/neo4j start: %v\n%s", err, out)
	}
}

func (s *server) stop() {
	s.t.Helper()
	if out, err := s.script("stop"); err != nil {
		s.t.Fatalf("scripts/neo4j stop: %v\n%s", err, out)
	}
}

// sink opens a Sink on the server for checks.
func (s *server) sink() *neo4jsink.Sink {
	s.t.Helper()
	sk, err := neo4jsink.Open(context.Background(), s.cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { sk.Close(context.Background()) })
	return sk
}

// counts returns the number of nodes and relationships in the server's database.
func (s *server) counts(sk *neo4jsink.Sink) (nodes, rels int64) {
	s.t.Helper()
	tab, err := sk.Query(context.Background(), "CALL { MATCH (n) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return tab.Rows[0][0].(int64), tab.Rows[0][1].(int64)
}

func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	if neo4jtest.InCI() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// TestLoadServerStoppedMidway stops the server in the middle of a load: the load fails
// with a clear error and exit code, printing nothing as success; after a restart the
// same load completes, and the database then holds exactly what an uninterrupted load
// gives: the same nodes, relationships and properties.
func TestLoadServerStoppedMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts, stops and restarts a Neo4j server (about a minute)")
	}
	began := time.Now()
	phase := func(what string) { t.Logf("%6.1fs %s", time.Since(began).Seconds(), what) }
	srv := startServer(t)
	phase("server started")
	g := corpus(3, 800)
	nodes, rels := g.Len()
	file := writeCorpus(t, g)
	t.Setenv("NEO4J_PASSWORD", srv.cfg.Password)
	load := []string{"load", "--quiet", "--graph", file, "--uri", srv.cfg.URI, "--user", srv.cfg.User,
		"--database", srv.cfg.Database, "--batch-size", "100", "--retry-time", "3s"}

	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := runCLI(t, load...)
		done <- result{code, stdout, stderr}
	}()
	// Stop the server once relationships are arriving.
	check := srv.sink()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, r := srv.counts(check); r > 500 {
			break
		}
		select {
		case res := <-done:
			t.Fatalf("the load ended (exit %d) before the server could be stopped:\n%s%s", res.code, res.stdout, res.stderr)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("no relationships arrived within 2 minutes")
		}
	}
	check.Close(context.Background())
	stopped := time.Now()
	srv.stop()
	var res result
	select {
	case res = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the load did not end within 2 minutes of the server stopping")
	}
	t.Logf("load failed %s after the stop began: %s", time.Since(stopped).Round(time.Millisecond), strings.TrimSpace(res.stderr))
	if res.code == 0 {
		t.Errorf("exit code 0 after the server stopped; stdout:\n%s", res.stdout)
	}
	if strings.Contains(res.stdout, "created") || strings.Contains(res.stdout, "loaded into") {
		t.Errorf("the failed load printed a result:\n%s", res.stdout)
	}
	lines := strings.Split(strings.TrimSpace(res.stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "batch") ||
		!(strings.Contains(lines[0], "lost the connection to Neo4j") || strings.Contains(lines[0], "cannot connect to Neo4j")) {
		t.Errorf("stderr = %q, want one line naming the batch and the lost connection", res.stderr)
	}
	if strings.Contains(res.stdout+res.stderr, srv.cfg.Password) {
		t.Error("output shows the password")
	}

	phase("load failed")
	srv.start()
	phase("server restarted")
	check = srv.sink()
	if n, r := srv.counts(check); int(n) > nodes || int(r) >= rels {
		t.Fatalf("after the interrupted load the database holds %d nodes and %d relationships of %d and %d: it was not interrupted", n, r, nodes, rels)
	}
	code, stdout, stderr := runCLI(t, load...)
	if code != 0 {
		t.Fatalf("the load after the restart exited %d:\n%s%s", code, stdout, stderr)
	}
	phase("load completed")
	resumed, err := check.ReadGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n, r := srv.counts(check)
	if int(n) != nodes || int(r) != rels {
		t.Errorf("after the second load: %d nodes and %d relationships, want %d and %d", n, r, nodes, rels)
	}
	neo4jsinktest.SameGraph(t, resumed, g)

	// An uninterrupted load into an empty database gives the same graph.
	driver, db := neo4jDriver(t, srv.cfg)
	neo4jtest.Reset(t, driver, db)
	if code, stdout, stderr := runCLI(t, load...); code != 0 {
		t.Fatalf("the uninterrupted load exited %d:\n%s%s", code, stdout, stderr)
	}
	phase("uninterrupted load completed")
	clean, err := check.ReadGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	neo4jsinktest.SameGraph(t, resumed, clean)
}

// neo4jDriver returns a plain driver to the server of cfg, closed when the test ends.
func neo4jDriver(t *testing.T, cfg neo4jsink.Config) (neo4j.DriverWithContext, string) {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { driver.Close(context.Background()) })
	return driver, cfg.Database
}
