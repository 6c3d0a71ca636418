package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ConnectError reports that the server could not be reached at all.
type ConnectError struct {
	URI string // redacted
	Err error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot connect to Neo4j at %s (is it running? check --uri or NEO4J_URI): %v", e.URI, e.Err)
}

func (e *ConnectError) Unwrap() error { return e.Err }

// AuthError reports that the server refused the credentials.
type AuthError struct {
	URI  string // redacted
	User string
	Err  error
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("Neo4j at %s refused the credentials of user %q (check --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD): %v", e.URI, e.User, e.Err)
}

func (e *AuthError) Unwrap() error { return e.Err }

// LostError reports that the connection to a server that was reachable failed while
// writing or reading, and the driver's retries did not bring it back.
type LostError struct {
	URI string // redacted
	Err error
}

func (e *LostError) Error() string {
	return fmt.Sprintf("lost the connection to Neo4j at %s: %v", e.URI, e.Err)
}

func (e *LostError) Unwrap() error { return e.Err }

// ServerError is an error the server returned for a statement, with its status code.
type ServerError struct {
	Code string
	Msg  string
	Err  error
}

func (e *ServerError) Error() string { return fmt.Sprintf("Neo4j error %s: %s", e.Code, e.Msg) }

func (e *ServerError) Unwrap() error { return e.Err }

// BatchError reports which batch failed, and how far the write had come. Everything
// written before it is committed; writing the same graph again completes it.
type BatchError struct {
	What    string // a label or a relationship type
	Batch   int    // 1-based
	Batches int
	Err     error
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("write %s batch %d of %d: %v (the batches before it are committed; loading the same input again completes the graph)", e.What, e.Batch, e.Batches, e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

// classify turns a driver error into one of this package's typed errors. It looks
// through the driver's wrappers with errors.As first, since the driver's own Is…
// helpers do bare type assertions. connected says whether the server had answered
// before, which tells a lost connection from one never made.
func classify(err error, uri, user string, connected bool) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	cause := err
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		// The retries ran out: what matters is the last failure.
		cause = limit.Errors[len(limit.Errors)-1]
		if errors.Is(cause, context.Canceled) || errors.Is(cause, context.DeadlineExceeded) {
			return cause
		}
	}
	var n4e *neo4j.Neo4jError
	if errors.As(cause, &n4e) {
		if strings.HasPrefix(n4e.Code, "Neo.ClientError.Security.") {
			return &AuthError{URI: uri, User: user, Err: &ServerError{Code: n4e.Code, Msg: n4e.Msg, Err: err}}
		}
		return &ServerError{Code: n4e.Code, Msg: n4e.Msg, Err: err}
	}
	var auth *neo4j.InvalidAuthenticationError
	if errors.As(cause, &auth) {
		return &AuthError{URI: uri, User: user, Err: err}
	}
	if !connected {
		// Whatever failed before the server first answered (refused, timed out, an
		// HTTP port, a TLS mismatch) is a failure to connect.
		return &ConnectError{URI: uri, Err: err}
	}
	var conn *neo4j.ConnectivityError
	if errors.As(cause, &conn) || limit != nil || isNetError(cause) {
		return &LostError{URI: uri, Err: err}
	}
	return err
}

// isNetError reports errors the driver passes through unwrapped from the network.
func isNetError(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne)
}

// retryableConnect reports whether a failed first contact is worth another try: the
// server may be starting. Wrong credentials or a missing database are not.
func retryableConnect(err error) bool {
	var ce *ConnectError
	return errors.As(err, &ce)
}
