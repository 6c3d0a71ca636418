// Package schema names the graph's node labels, relationship types, properties and
// constraints once, for every other package. Labels and types that reach Cypher come only
// from here, never from input text.
package schema

// Node labels.
const (
	Article      = "Article"
	Person       = "Person"
	Organization = "Organization"
	Role         = "Role"
	Event        = "Event"
	Place        = "Place"
)

// Relationship types.
const (
	Holds          = "HOLDS"
	Of             = "OF"
	ParticipatedIn = "PARTICIPATED_IN"
	HeldIn         = "HELD_IN"
	PartOf         = "PART_OF"
	Reports        = "REPORTS"
	Mentions       = "MENTIONS"
)

// Labels lists every node label in the order nodes are written.
var Labels = []string{Article, Person, Organization, Role, Event, Place}

// Types lists every relationship type in the order relationships are written.
var Types = []string{Holds, Of, ParticipatedIn, HeldIn, PartOf, Reports, Mentions}

// KeyProperty is the property that identifies a node within its label.
const KeyProperty = "key"

// ListProperties are the properties whose values are lists merged as sets when the same
// node or relationship is written twice.
var ListProperties = []string{"aliases", "sources", "evidence", "as"}

// LabelRank returns the position of label in Labels, or len(Labels) when unknown.
func LabelRank(label string) int {
	for i, l := range Labels {
		if l == label {
			return i
		}
	}
	return len(Labels)
}

// TypeRank returns the position of typ in Types, or len(Types) when unknown.
func TypeRank(typ string) int {
	for i, t := range Types {
		if t == typ {
			return i
		}
	}
	return len(Types)
}

// IsLabel reports whether s is one of the schema's node labels.
func IsLabel(s string) bool { return LabelRank(s) < len(Labels) }

// IsType reports whether s is one of the schema's relationship types.
func IsType(s string) bool { return TypeRank(s) < len(Types) }
