// Package neo4jtest connects tests to a real Neo4j server.
//
// The server is the one scripts/neo4j starts (Neo4j Community 5.26 on 127.0.0.1, see
// scripts/README.md):
//
//	scripts/neo4j start
//	eval "$(scripts/neo4j env)"
//	go test ./...
//
// Driver reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE (defaults
// bolt://127.0.0.1:7687, neo4j, newsgraph-test, neo4j). When no server answers, the test is
// skipped, except under CI=true, where it fails: CI starts the server and must not pass
// without it.
//
// Sharing: `go test ./...` runs the test binaries of several packages at once, and Community
// edition has one user database, so Driver takes an exclusive lock (flock on a file in the
// temporary directory, one per server and database) the first time a test process calls it and
// holds it until that process exits. Packages that use the shared server therefore run one after
// the other, while the tests inside one package run as usual. Reset empties the database (all
// nodes, constraints and indexes): call it at the start of a test that needs a blank database.
//
// ImportServer is for testing CSV exports with the real neo4j-admin: it imports CSV files
// into a fresh database of a throwaway server (Community edition serves a single user
// database, so a second database needs its own server) and returns a driver to it.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Defaults match scripts/neo4j.
const (
	DefaultURI      = "bolt://127.0.0.1:7687"
	DefaultUser     = "neo4j"
	DefaultPassword = "newsgraph-test"
	DefaultDatabase = "neo4j"
)

// connectTimeout bounds the connectivity check, so that a missing server costs little.
const connectTimeout = 5 * time.Second

// Settings are the connection settings taken from the environment.
type Settings struct {
	URI, User, Password, Database string
}

// FromEnv returns the connection settings from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE, with the defaults of scripts/neo4j for the unset ones.
func FromEnv() Settings {
	get := func(key, def string) string {
		if v := os.Getenv(key); v != "" {
			return v
		}
		return def
	}
	return Settings{
		URI:      get("NEO4J_URI", DefaultURI),
		User:     get("NEO4J_USERNAME", DefaultUser),
		Password: get("NEO4J_PASSWORD", DefaultPassword),
		Database: get("NEO4J_DATABASE", DefaultDatabase),
	}
}

// InCI reports whether the tests run under CI (CI=true), where a missing server is a failure.
func InCI() bool {
	v, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && v
}

// unavailable skips the test, or fails it under CI.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s (CI=true: a Neo4j server is required; .ci/run starts one with scripts/neo4j start)", msg)
	}
	t.Skipf("%s; start one with `scripts/neo4j start && eval \"$(scripts/neo4j env)\"` to run this test", msg)
}

// Driver returns a driver connected to the server named by the environment (see FromEnv) and
// the database to use. It verifies connectivity within a few seconds; with no server it skips
// the test (fails it when CI=true). The driver is closed when the test ends.
func Driver(t testing.TB) (neo4j.DriverWithContext, string) {
	t.Helper()
	s := FromEnv()
	driver, db := connect(t, s)
	if err := lockServer(t, s); err != nil {
		t.Fatalf("neo4jtest: %v", err)
	}
	return driver, db
}

// lockWait bounds how long a test process waits for another one to release the server.
const lockWait = 15 * time.Minute

var (
	lockOnce sync.Once
	lockErr  error
	//lint:ignore U1000 written, never read: what keeps the lock is holding the file
	lockFile *os.File // held open, and so locked, until the process exits (a dropped *os.File is closed by its finalizer)
)

// lockServer serializes test processes that use the same server and database.
func lockServer(t testing.TB, s Settings) error {
	t.Helper()
	lockOnce.Do(func() {
		sum := sha256.Sum256([]byte(s.URI + "\x00" + s.Database))
		path := filepath.Join(os.TempDir(), "newsgraph-neo4jtest-"+hex.EncodeToString(sum[:6])+".lock")
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			lockErr = fmt.Errorf("lock file: %w", err)
			return
		}
		deadline := time.Now().Add(lockWait)
		logged := false
		for {
			err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
			if err == nil {
				lockFile = f
				return
			}
			if !errors.Is(err, syscall.EWOULDBLOCK) {
				f.Close()
				lockErr = fmt.Errorf("lock %s: %w", path, err)
				return
			}
			if time.Now().After(deadline) {
				f.Close()
				lockErr = fmt.Errorf("another test process held %s (database %s at %s) for over %v", path, s.Database, s.URI, lockWait)
				return
			}
			if !logged {
				t.Logf("neo4jtest: waiting for another test process to finish with %s database %s", s.URI, s.Database)
				logged = true
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	return lockErr
}

func connect(t testing.TB, s Settings) (neo4j.DriverWithContext, string) {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(s.URI, neo4j.BasicAuth(s.User, s.Password, ""),
		func(c *config.Config) {
			c.SocketConnectTimeout = connectTimeout
			c.ConnectionAcquisitionTimeout = connectTimeout
		})
	if err != nil {
		t.Fatalf("neo4jtest: bad connection settings %s: %v", s.URI, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(context.Background())
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security.") {
			// A server is there but refuses us: that is a setup error, not an absent server.
			t.Fatalf("neo4jtest: %s refused user %q (check NEO4J_PASSWORD; scripts/neo4j env prints it): %v", s.URI, s.User, err)
		}
		unavailable(t, "neo4jtest: no Neo4j server at %s: %v", s.URI, err)
	}
	t.Cleanup(func() { _ = driver.Close(context.Background()) })
	return driver, s.Database
}

// Reset empties database db: it deletes every node and relationship (in batches) and drops
// every constraint and every index other than the built-in token lookup indexes, so that the
// next test starts from a blank database.
func Reset(t testing.TB, driver neo4j.DriverWithContext, db string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := func(query string, params map[string]any) *neo4j.EagerResult {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, driver, query, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatalf("neo4jtest: reset %s: %s: %v", db, query, err)
		}
		return res
	}
	for {
		res := run(`MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted`, nil)
		deleted, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "deleted")
		if deleted == 0 {
			break
		}
	}
	// Constraints first: dropping one drops the index that backs it.
	for _, rec := range run(`SHOW CONSTRAINTS YIELD name RETURN name`, nil).Records {
		name, _, _ := neo4j.GetRecordValue[string](rec, "name")
		run("DROP CONSTRAINT "+quoteName(name)+" IF EXISTS", nil)
	}
	for _, rec := range run(`SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name`, nil).Records {
		name, _, _ := neo4j.GetRecordValue[string](rec, "name")
		run("DROP INDEX "+quoteName(name)+" IF EXISTS", nil)
	}
}

// quoteName quotes a schema name as a Cypher identifier.
func quoteName(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// ImportServer imports CSV files with the real `neo4j-admin database import full` into a new
// database named database, in a throwaway state dir, starts a second Neo4j server on free
// ports that serves it, and returns a driver to it and the database name. importArgs are the
// import options, e.g. "--nodes=persons.csv", "--relationships=holds.csv" (paths relative to
// the test's working directory are fine). The import report goes to the test's log when the
// import fails. The server is killed and its files removed when the test ends.
//
// It runs scripts/neo4j (found by walking up from the working directory, or named by
// NEWSGRAPH_NEO4J_SCRIPT), which needs Java 17 and the jars it caches on first use; when that
// cannot run, the test is skipped (fails under CI=true). It takes about 15 s.
func ImportServer(t testing.TB, database string, importArgs ...string) (neo4j.DriverWithContext, string) {
	t.Helper()
	script, err := findScript()
	if err != nil {
		unavailable(t, "neo4jtest: %v", err)
	}
	home := t.TempDir()
	ports := freePorts(t, 2)
	boltPort, httpPort := ports[0], ports[1]
	env := append(os.Environ(),
		"NEWSGRAPH_NEO4J_HOME="+home,
		"NEO4J_BOLT_PORT="+strconv.Itoa(boltPort),
		"NEO4J_HTTP_PORT="+strconv.Itoa(httpPort),
		"NEO4J_DEFAULT_DATABASE="+database,
		"NEO4J_PASSWORD="+DefaultPassword,
		"NEO4J_WITH_APOC=0",
		"NEO4J_HEAP=512m",
		"NEO4J_PAGECACHE=64m",
	)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(script, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	args := []string{"admin", "database", "import", "full", database}
	if !hasFlag(importArgs, "--report-file") {
		args = append(args, "--report-file="+filepath.Join(home, "import.report"))
	}
	args = append(args, importArgs...)
	if out, err := run(args...); err != nil {
		if report, rerr := os.ReadFile(filepath.Join(home, "import.report")); rerr == nil && len(report) > 0 {
			t.Logf("import.report:\n%s", report)
		}
		if _, statErr := os.Stat(filepath.Join(home, "lib")); statErr != nil {
			// The script did not get as far as laying out the state dir: no Java, Maven or jars.
			unavailable(t, "neo4jtest: scripts/neo4j cannot run here: %v\n%s", err, out)
		}
		t.Fatalf("neo4jtest: neo4j-admin database import full %s failed: %v\n%s", database, err, out)
	}

	t.Cleanup(func() { killServer(t, home) })
	if out, err := run("start"); err != nil {
		t.Fatalf("neo4jtest: starting the import server failed: %v\n%s", err, out)
	}
	return connect(t, Settings{
		URI:      "bolt://127.0.0.1:" + strconv.Itoa(boltPort),
		User:     DefaultUser,
		Password: DefaultPassword,
		Database: database,
	})
}

// killServer ends a throwaway server at once: its data are deleted next anyway.
func killServer(t testing.TB, home string) {
	b, err := os.ReadFile(filepath.Join(home, "run", "neo4j.pid"))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return
	}
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if !strings.Contains(string(cmdline), home) {
		return // not our server (pid reused or already gone)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	for i := 0; i < 100; i++ {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		if stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); strings.Contains(string(stat), ") Z ") {
			return // a zombie holds no files or ports
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("neo4jtest: import server pid %d still alive after SIGKILL", pid)
}

func hasFlag(args []string, flag string) bool {
	for _, a := range args {
		if a == flag || strings.HasPrefix(a, flag+"=") {
			return true
		}
	}
	return false
}

// findScript locates scripts/neo4j: NEWSGRAPH_NEO4J_SCRIPT, else the nearest scripts/neo4j
// above the working directory.
func findScript() (string, error) {
	if p := os.Getenv("NEWSGRAPH_NEO4J_SCRIPT"); p != "" {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "scripts", "neo4j")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("scripts/neo4j not found above the working directory (set NEWSGRAPH_NEO4J_SCRIPT)")
		}
		dir = parent
	}
}

// freePorts returns n distinct TCP ports on 127.0.0.1 that were free a moment ago.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, 0, n)
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("neo4jtest: no free port: %v", err)
		}
		defer l.Close() // held until all are chosen, so they differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}
