package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Sink writes graphs into one Neo4j database; see the package comment.
type Sink struct {
	cfg       Config
	uri       string // redacted, for messages
	driver    neo4j.DriverWithContext
	stats     Stats
	connected bool
	// ids holds the internal id of every node the Sink created (WriteKnown), for
	// creating relationships on them without looking their keys up; nodes Prune may
	// have deleted are forgotten, since the server reuses the ids of deleted nodes.
	ids map[graph.Ref]int64
}

var _ graph.Sink = (*Sink)(nil)

// Open checks cfg and, unless it is a dry run, connects and checks that the database
// answers. An unreachable server gives a *ConnectError within cfg.ConnectBudget; wrong
// credentials an *AuthError, at once.
func Open(ctx context.Context, cfg Config) (*Sink, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Sink{cfg: cfg, uri: RedactURI(cfg.URI), stats: Stats{DryRun: cfg.DryRun}, ids: map[graph.Ref]int64{}}
	if cfg.DryRun {
		return s, nil
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	s.driver, err = neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = cfg.ConnectTimeout
		c.ConnectionAcquisitionTimeout = cfg.ConnectBudget
		c.MaxTransactionRetryTime = cfg.RetryTime
		c.UserAgent = "newsgraph"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j address %s: %w", s.uri, err)
	}
	if err := s.verify(ctx); err != nil {
		return nil, errors.Join(err, s.driver.Close(context.WithoutCancel(ctx)))
	}
	s.connected = true
	return s, nil
}

// verify runs RETURN 1 in the database, retrying a failed connection a few times within
// the connect budget, since a server that is starting refuses connections for a while.
// It runs outside a transaction function, which the driver would retry for much longer.
func (s *Sink) verify(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.ConnectBudget)
	defer cancel()
	backoff := 250 * time.Millisecond
	const attempts = 3
	var err error
	for i := 0; i < attempts; i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return s.connectTimeout(ctx, err)
			case <-time.After(backoff):
			}
			backoff *= 4
		}
		err = s.ping(ctx)
		if err == nil || !retryableConnect(err) {
			return err
		}
		if ctx.Err() != nil {
			return s.connectTimeout(ctx, err)
		}
	}
	return err
}

func (s *Sink) connectTimeout(ctx context.Context, last error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err()
	}
	if last == nil {
		last = ctx.Err()
	}
	var ce *ConnectError
	if errors.As(last, &ce) {
		return last
	}
	return &ConnectError{URI: s.uri, Err: fmt.Errorf("no answer within %s: %w", s.cfg.ConnectBudget, last)}
}

func (s *Sink) ping(ctx context.Context) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := sess.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return &ConnectError{URI: s.uri, Err: fmt.Errorf("no answer within %s", s.cfg.ConnectBudget)}
	}
	return classify(err, s.uri, s.cfg.User, false)
}

// Close releases the connections.
func (s *Sink) Close(ctx context.Context) error {
	if s.driver == nil {
		return nil
	}
	return s.driver.Close(ctx)
}

// Stats returns what the Sink has done so far.
func (s *Sink) Stats() Stats {
	st := s.stats
	st.Nodes, st.Rels = maps.Clone(st.Nodes), maps.Clone(st.Rels) // a snapshot: later writes do not change it
	return st
}

// Config returns the configuration in use, defaults filled in.
func (s *Sink) Config() Config { return s.cfg }

// outcome is what one statement did.
type outcome struct {
	updated, rows                  int
	existing                       []int64 // a fresh statement's rows that existed (their i)
	made                           []int64 // a node creation's rows (their i), and
	ids                            []int64 // the ids of the nodes they made
	nodesCreated, relsCreated      int
	propsSet                       int
	constraintsAdded, indexesAdded int
}

// exec runs one statement in its own managed write transaction, so the driver retries
// it on transient errors; every statement this package writes is idempotent. The
// session chains bookmarks, so on a cluster later statements see earlier ones.
func (s *Sink) exec(ctx context.Context, sess neo4j.SessionWithContext, cypher string, params map[string]any) (outcome, error) {
	if s.cfg.DryRun {
		return outcome{}, nil
	}
	o, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (outcome, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return outcome{}, err
		}
		var o outcome
		if res.Next(ctx) {
			rec := res.Record()
			o.updated = intField(rec, "updated")
			o.rows = intField(rec, "rows")
			for _, f := range []struct {
				name string
				to   *[]int64
			}{{"existing", &o.existing}, {"made", &o.made}, {"ids", &o.ids}} {
				if *f.to, err = intsField(rec, f.name); err != nil {
					return outcome{}, err
				}
			}
			if len(o.made) != len(o.ids) {
				return outcome{}, fmt.Errorf("%d rows made but %d ids", len(o.made), len(o.ids))
			}
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return outcome{}, err
		}
		c := sum.Counters()
		o.nodesCreated = c.NodesCreated()
		o.relsCreated = c.RelationshipsCreated()
		o.propsSet = c.PropertiesSet()
		o.constraintsAdded = c.ConstraintsAdded()
		o.indexesAdded = c.IndexesAdded()
		return o, nil
	})
	if err != nil {
		if ctx.Err() != nil {
			// The driver does not always keep the context's error in its chain.
			return outcome{}, fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return outcome{}, classify(err, s.uri, s.cfg.User, true)
	}
	return o, nil
}

// intsField returns the list of integers rec holds as name, nil if it has none.
func intsField(rec *neo4j.Record, name string) ([]int64, error) {
	v, ok := rec.Get(name)
	if !ok {
		return nil, nil
	}
	l, _ := v.([]any)
	out := make([]int64, len(l))
	for i, e := range l {
		n, ok := e.(int64)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a number", name, e)
		}
		out[i] = n
	}
	return out, nil
}

func intField(rec *neo4j.Record, name string) int {
	v, ok := rec.Get(name)
	if !ok {
		return 0
	}
	n, _ := v.(int64)
	return int(n)
}

func (s *Sink) session(ctx context.Context) neo4j.SessionWithContext {
	if s.cfg.DryRun {
		return nil
	}
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
}

func closeSession(ctx context.Context, sess neo4j.SessionWithContext, err *error) {
	if sess == nil {
		return
	}
	if cerr := sess.Close(context.WithoutCancel(ctx)); cerr != nil && *err == nil {
		*err = fmt.Errorf("close session: %w", cerr)
	}
}

// ApplySchema creates the constraints and indexes of package schema that the database
// does not have yet (each IF NOT EXISTS) and waits until the indexes are online, so that
// MERGE on key uses them. When all exist it costs one round trip.
func (s *Sink) ApplySchema(ctx context.Context) (err error) {
	sess := s.session(ctx)
	defer closeSession(ctx, sess, &err)
	existing, err := s.schemaNames(ctx)
	if err != nil {
		return fmt.Errorf("read the schema: %w", err)
	}
	created := false
	for _, st := range schema.All() {
		if existing[st.Name] {
			continue
		}
		o, err := s.exec(ctx, sess, st.Cypher, nil)
		if err != nil {
			return fmt.Errorf("schema %s: %w", st.Name, err)
		}
		s.stats.ConstraintsAdded += o.constraintsAdded
		s.stats.IndexesAdded += o.indexesAdded
		created = true
	}
	if !created {
		return nil
	}
	if _, err := s.exec(ctx, sess, "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("wait for indexes: %w", err)
	}
	return nil
}

// schemaNames returns the names of the constraints and of the online indexes.
func (s *Sink) schemaNames(ctx context.Context) (map[string]bool, error) {
	names := map[string]bool{}
	if s.cfg.DryRun {
		return names, nil
	}
	for _, q := range []string{
		"SHOW CONSTRAINTS YIELD name RETURN name",
		"SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name",
	} {
		t, err := s.Query(ctx, q, nil)
		if err != nil {
			return nil, err
		}
		for _, row := range t.Rows {
			if n, ok := row[0].(string); ok {
				names[n] = true
			}
		}
	}
	return names, nil
}
