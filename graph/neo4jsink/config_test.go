package neo4jsink

import (
	"strings"
	"testing"
)

func TestConfigURI(t *testing.T) {
	tests := []struct {
		name    string
		uri     string
		wantErr string
	}{
		{"bolt", "bolt://localhost:7687", ""},
		{"routing", "neo4j://localhost:7687", ""},
		{"bolt tls", "bolt+s://db.example.com:7687", ""},
		{"aura", "neo4j+s://abcd1234.databases.neo4j.io", ""},
		{"self-signed", "neo4j+ssc://db.example.com", ""},
		{"empty", "", "no Neo4j address"},
		{"http", "http://localhost:7474", `scheme "http"`},
		{"credentials in uri", "bolt://neo4j:s3cret@localhost:7687", "not in the URI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Config{URI: tt.uri}.withDefaults()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("withDefaults: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("withDefaults(%q) = %v, want an error containing %q", tt.uri, err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	got, err := Config{URI: "bolt://x", ConnectTimeout: 30e9}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if got.Database != DefaultDatabase || got.BatchSize != DefaultBatchSize ||
		got.ConnectTimeout != DefaultConnectTimeout || got.ConnectBudget != DefaultConnectBudget ||
		got.RetryTime != DefaultRetryTime {
		t.Errorf("defaults = %+v", got)
	}
}

func TestRedactURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bolt://localhost:7687", "bolt://localhost:7687"},
		{"bolt://neo4j:pw@localhost:7687", "bolt://localhost:7687"},
		{"neo4j+s://user@host", "neo4j+s://host"},
		{"bolt://pw@%zz", "(unparsable address)"},
	}
	for _, tt := range tests {
		if got := RedactURI(tt.in); got != tt.want {
			t.Errorf("RedactURI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
