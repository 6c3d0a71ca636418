package csv

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// DefaultDatabase is the database the import command names: the one Neo4j Community
// serves.
const DefaultDatabase = "neo4j"

// Args returns the arguments of neo4j-admin that import the files into database, with
// file paths relative to the folder they were written to.
func (im *Import) Args(database string) []string {
	args := append([]string{"database", "import", "full"}, im.Options("")...)
	return append(args, database)
}

// Options returns the options of `neo4j-admin database import full` that read the files:
// one --nodes per label, one --relationships per type, and how the files are written.
// File paths are joined to dir, which may be empty.
func (im *Import) Options(dir string) []string {
	var opts []string
	for _, f := range im.Nodes {
		opts = append(opts, "--nodes="+f.Name+"="+filepath.Join(dir, f.Path))
	}
	for _, f := range im.Rels {
		opts = append(opts, "--relationships="+f.Name+"="+filepath.Join(dir, f.Path))
	}
	return append(opts,
		"--id-type=string",
		fmt.Sprintf("--array-delimiter=U+%04X", im.ArrayDelimiter),
		"--multiline-fields=true",
	)
}

// Command returns the shell command that imports the files into database, run from the
// folder they were written to.
func (im *Import) Command(database string) string {
	args := im.Args(database)
	var b strings.Builder
	b.WriteString("neo4j-admin")
	for _, a := range args[:3] {
		b.WriteString(" " + a)
	}
	for _, a := range args[3:] {
		b.WriteString(" \\\n    " + a)
	}
	return b.String()
}

// AfterImport returns the Cypher statements to run once the imported database is
// started: those that set the empty lists the import cannot hold, then the schema's
// constraints and indexes, which `newsgraph load` creates and an import does not.
func (im *Import) AfterImport() []string {
	out := append([]string(nil), im.EmptyLists...)
	for _, st := range schema.All() {
		out = append(out, st.Cypher)
	}
	return out
}

// Readme returns the text of README.md: what the files are and the exact command.
func (im *Import) Readme() string {
	var b strings.Builder
	nodes, rels := 0, 0
	for _, f := range im.Nodes {
		nodes += f.Count
	}
	for _, f := range im.Rels {
		rels += f.Count
	}
	fmt.Fprintf(&b, "# Importing this graph with neo4j-admin\n\n")
	fmt.Fprintf(&b, "`newsgraph build` wrote these CSV files for `neo4j-admin database import full`:\n")
	fmt.Fprintf(&b, "%d nodes in %d files, one per label, and %d relationships in %d files, one per type.\n\n", nodes, len(im.Nodes), rels, len(im.Rels))
	fmt.Fprintf(&b, "| file | label or type | rows |\n|---|---|---|\n")
	for _, f := range append(append([]File(nil), im.Nodes...), im.Rels...) {
		fmt.Fprintf(&b, "| `%s` | %s | %d |\n", f.Path, f.Name, f.Count)
	}
	fmt.Fprintf(&b, "\n## Import\n\n")
	fmt.Fprintf(&b, "The import writes a new database offline: stop Neo4j first (or import into a database\n")
	fmt.Fprintf(&b, "that does not exist yet). From this folder, with Neo4j's `bin/` on the `PATH`:\n\n")
	fmt.Fprintf(&b, "```sh\n%s\n```\n\n", im.Command(DefaultDatabase))
	fmt.Fprintf(&b, "To replace a database that already exists, add `--overwrite-destination=true`; to import\n")
	fmt.Fprintf(&b, "into another database, change its name at the end (Community serves only `%s`).\n\n", DefaultDatabase)
	fmt.Fprintf(&b, "Every node's `key` is its import id. List properties are joined with U+%04X, the\n", im.ArrayDelimiter)
	fmt.Fprintf(&b, "character no list element contains, and values may span lines; the options above say so.\n\n")
	fmt.Fprintf(&b, "## After the import\n\n")
	fmt.Fprintf(&b, "Start Neo4j and run these statements (in cypher-shell or Neo4j Browser). ")
	switch n := len(im.EmptyLists); {
	case n == 1:
		fmt.Fprintf(&b, "The first sets the\nempty lists that neo4j-admin cannot import (it reads an empty array as no value); the\nothers ")
	case n > 1:
		fmt.Fprintf(&b, "The first %d set the\nempty lists that neo4j-admin cannot import (it reads an empty array as no value); the\nothers ", n)
	default:
		fmt.Fprintf(&b, "They ")
	}
	fmt.Fprintf(&b, "create the constraints and indexes that `newsgraph load` creates:\n\n```cypher\n")
	for _, st := range im.AfterImport() {
		fmt.Fprintf(&b, "%s;\n", st)
	}
	fmt.Fprintf(&b, "```\n")
	return b.String()
}
