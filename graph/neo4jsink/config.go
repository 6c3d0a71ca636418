package neo4jsink

import (
	"fmt"
	"io"
	"net/url"
	"time"
)

// Defaults used when a Config field is zero.
const (
	DefaultBatchSize      = 5000
	DefaultWorkers        = 2
	DefaultConnectTimeout = 5 * time.Second
	DefaultConnectBudget  = 8 * time.Second
	DefaultRetryTime      = 30 * time.Second
	DefaultDatabase       = "neo4j"
)

// Config says where and how to load.
type Config struct {
	// URI is the server address: bolt:// talks to one server, neo4j:// routes (a
	// cluster, Aura); the +s forms use TLS with verified certificates, +ssc accepts a
	// self-signed one.
	URI      string
	User     string // empty means no authentication
	Password string
	Database string // DefaultDatabase when empty

	// BatchSize is the number of rows per UNWIND statement (DefaultBatchSize when zero).
	BatchSize int

	// Workers is the most statements in flight at once (DefaultWorkers when zero; 1
	// writes one statement after the other), never two that may lock the same node.
	Workers int

	// DryRun counts what would be written and never connects.
	DryRun bool

	// Progress, when set, receives a progress bar redrawn with carriage returns.
	Progress io.Writer

	// ConnectTimeout bounds one TCP connection attempt (DefaultConnectTimeout, at most 5 s).
	ConnectTimeout time.Duration
	// ConnectBudget bounds the whole first contact, retries included (DefaultConnectBudget).
	ConnectBudget time.Duration
	// RetryTime bounds how long a transaction that failed with a transient error is
	// retried (DefaultRetryTime).
	RetryTime time.Duration
}

// schemes are the URI schemes the driver understands.
var schemes = map[string]bool{
	"bolt": true, "bolt+s": true, "bolt+ssc": true,
	"neo4j": true, "neo4j+s": true, "neo4j+ssc": true,
}

// withDefaults returns c with zero fields set to their defaults, or an error for a
// configuration that cannot work.
func (c Config) withDefaults() (Config, error) {
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.ConnectTimeout <= 0 || c.ConnectTimeout > DefaultConnectTimeout {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.ConnectBudget <= 0 {
		c.ConnectBudget = DefaultConnectBudget
	}
	if c.RetryTime <= 0 {
		c.RetryTime = DefaultRetryTime
	}
	if c.DryRun {
		return c, nil
	}
	if c.URI == "" {
		return c, fmt.Errorf("no Neo4j address: give --uri or set NEO4J_URI (e.g. bolt://localhost:7687)")
	}
	u, err := url.Parse(c.URI)
	if err != nil {
		return c, fmt.Errorf("address %q is not a URI", RedactURI(c.URI))
	}
	if !schemes[u.Scheme] {
		return c, fmt.Errorf("address %s: scheme %q is not one of bolt, neo4j, bolt+s, neo4j+s, bolt+ssc, neo4j+ssc", RedactURI(c.URI), u.Scheme)
	}
	if u.User != nil {
		return c, fmt.Errorf("address %s: give the user and password separately, not in the URI", RedactURI(c.URI))
	}
	return c, nil
}

// RedactURI returns uri with any user information removed, for messages.
func RedactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		if err != nil {
			return "(unparsable address)"
		}
		return uri
	}
	u.User = nil
	return u.String()
}
