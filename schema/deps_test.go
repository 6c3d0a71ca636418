package schema_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps the arrows honest: extract knows nothing of Neo4j or of the command
// line, graph (the model) knows no technology, schema depends on nothing of ours.
func TestLayering(t *testing.T) {
	tests := []struct {
		pkg       string
		forbidden []string
	}{
		{"github.com/newsgraph/newsgraph/extract", []string{"github.com/neo4j/", "github.com/urfave/cli", "newsgraph/graph/neo4jsink"}},
		{"github.com/newsgraph/newsgraph/graph", []string{"github.com/neo4j/", "github.com/urfave/cli", "newsgraph/extract"}},
		{"github.com/newsgraph/newsgraph/schema", []string{"github.com/neo4j/", "newsgraph/graph", "newsgraph/extract"}},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", tt.pkg).Output()
			if err != nil {
				t.Fatalf("go list -deps %s: %v", tt.pkg, err)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, f := range tt.forbidden {
					if strings.Contains(dep, f) {
						t.Errorf("%s depends on %s", tt.pkg, dep)
					}
				}
			}
		})
	}
}
