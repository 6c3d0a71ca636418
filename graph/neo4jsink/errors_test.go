package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestClassify(t *testing.T) {
	conn := &neo4j.ConnectivityError{Inner: io.EOF}
	unauthorized := &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized", Msg: "authentication failure"}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}
	tests := []struct {
		name      string
		err       error
		connected bool
		check     func(error) bool
	}{
		{"refused before contact", conn, false, func(e error) bool { var x *ConnectError; return errors.As(e, &x) }},
		{"lost after contact", conn, true, func(e error) bool { var x *LostError; return errors.As(e, &x) }},
		{"wrapped auth", fmt.Errorf("hello: %w", unauthorized), false, func(e error) bool { var x *AuthError; return errors.As(e, &x) }},
		{"retries exhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{conn, conn}}, true,
			func(e error) bool { var x *LostError; return errors.As(e, &x) }},
		{"server error", fmt.Errorf("run: %w", syntax), true, func(e error) bool {
			var x *ServerError
			return errors.As(e, &x) && x.Code == syntax.Code
		}},
		{"canceled", fmt.Errorf("run: %w", context.Canceled), true, func(e error) bool { return errors.Is(e, context.Canceled) }},
		{"canceled during retries", &neo4j.TransactionExecutionLimit{Errors: []error{conn, context.Canceled}}, true,
			func(e error) bool { return errors.Is(e, context.Canceled) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.err, "bolt://h:1", "neo4j", tt.connected)
			if !tt.check(got) {
				t.Errorf("classify(%v) = %T %v", tt.err, got, got)
			}
		})
	}
}
