package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Gold is one hand-made annotation file: what a reader finds in one input file. The
// format is the one tools/score.py reads; see examples/*.gold.json.
type Gold struct {
	// Path is the file the gold was read from, as given to LoadGold; reports name it.
	Path string `json:"-"`
	// File is the annotated text file, relative to the gold file's folder.
	File string `json:"file"`
	// Date is the article date (YYYY-MM-DD) the text is extracted with.
	Date string `json:"date"`
	// Home is the paper's home place the text is extracted with; empty for a national paper.
	Home string `json:"home"`
	Note string `json:"note,omitempty"`
	// Articles lists the articles the file holds, in any order; each is recognized by its
	// title. Empty means the file's split is not scored.
	Articles []GoldArticle `json:"articles,omitempty"`
	// Persons are the names of every person of the story.
	Persons []string `json:"persons"`
	// OptionalPersons are names that are neither required nor wrong.
	OptionalPersons []string `json:"optional_persons,omitempty"`
	// Orgs lists every organization as the names accepted for it, canonical first.
	Orgs [][]string `json:"orgs"`
	// OptionalOrgs are organizations that are neither required nor wrong.
	OptionalOrgs [][]string `json:"optional_orgs,omitempty"`
	// Roles are the (person, title, organization) facts.
	Roles []GoldRole `json:"roles"`
	// OptionalRoles are (person, title) pairs that are neither required nor wrong; their
	// Org is not read.
	OptionalRoles []GoldRole `json:"optional_roles,omitempty"`
	// Events are the events the file reports, each with an ID that Participation names.
	Events []GoldEvent `json:"events,omitempty"`
	// OptionalEvents are events that are neither required nor wrong; their ID is not read.
	OptionalEvents []GoldEvent `json:"optional_events,omitempty"`
	// Participation are the (person, event) facts.
	Participation []GoldParticipation `json:"participation,omitempty"`
	// OrgParticipation are the (organization, event) facts; score.py does not score them.
	OrgParticipation []GoldOrgParticipation `json:"org_participation,omitempty"`

	// The sections below are for files of many articles (a JSON-lines file); score.py
	// reads none of them, and ScoreIdentity scores them (identity.go).

	// Dicts are analysts' dictionaries (relative to the gold file's folder) the text is
	// extracted with.
	Dicts []string `json:"dicts,omitempty"`
	// Identities are the real persons behind names: each with the roles that are its own,
	// so that one node holding two persons' roles, or one person's roles over two nodes,
	// is wrong.
	Identities []GoldIdentity `json:"identities,omitempty"`
	// Holders are who held a position on a date, as the holder-at-date rule reads it from
	// HOLDS (HolderAt).
	Holders []GoldHolder `json:"holders,omitempty"`
}

// GoldArticle is an article of the file, recognized by its title.
type GoldArticle struct {
	// TitleKeys are key groups that the title must all contain (see GoldEvent.Keys).
	TitleKeys []string `json:"title_keys"`
}

// GoldRole is a person's position: a title at an organization.
type GoldRole struct {
	Person string `json:"person"`
	// Title is the title; "A|B" accepts either.
	Title string `json:"title"`
	// Org names the organization; a predicted role matches when its organization shares a
	// name with it or with the gold organization that has it among its names. An empty Org
	// accepts any organization or none.
	Org OrgSpec `json:"org"`
	// OrgOptional accepts the role with any organization or none.
	OrgOptional bool `json:"org_optional,omitempty"`
}

// OrgSpec is a role's organization as a gold file writes it: one name, a list of names,
// or nothing.
type OrgSpec struct {
	Names []string
	// List reports that the file wrote a list; a single name is a list of one otherwise.
	List bool
	// invalid is what the file wrote when it is none of those ("a number", "an object").
	invalid string
}

// Name returns a name for the organization: its only or first name, or "" when there is
// none.
func (o OrgSpec) Name() string {
	if len(o.Names) == 0 {
		return ""
	}
	return o.Names[0]
}

// empty reports whether the file gave no organization: null, "" or [].
func (o OrgSpec) empty() bool {
	return len(o.Names) == 0 || (!o.List && o.Names[0] == "")
}

// UnmarshalJSON reads a name, a list of names or null. Any other value is kept as invalid
// and reported by LoadGold with the role's position in the file.
func (o *OrgSpec) UnmarshalJSON(b []byte) error {
	*o = OrgSpec{}
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		o.Names = []string{s}
		return nil
	case len(b) > 0 && b[0] == '[':
		if err := json.Unmarshal(b, &o.Names); err != nil {
			o.invalid = "a list that is not all names"
			o.Names = nil
			return nil
		}
		if o.Names == nil {
			o.Names = []string{}
		}
		o.List = true
		return nil
	case len(b) > 0 && b[0] == '{':
		o.invalid = "an object"
	case bytes.Equal(b, []byte("true")) || bytes.Equal(b, []byte("false")):
		o.invalid = "a boolean"
	default:
		o.invalid = "a number"
	}
	return nil
}

// MarshalJSON writes the organization the way the file wrote it.
func (o OrgSpec) MarshalJSON() ([]byte, error) {
	switch {
	case o.List:
		return json.Marshal(o.Names)
	case len(o.Names) == 0:
		return []byte("null"), nil
	default:
		return json.Marshal(o.Names[0])
	}
}

// GoldEvent is an event, recognized by its name.
type GoldEvent struct {
	ID   string `json:"id,omitempty"`
	Kind string `json:"kind,omitempty"`
	// Date is the event's date; a matched event's date is counted right or wrong.
	Date  string `json:"date,omitempty"`
	Place string `json:"place,omitempty"`
	// Keys are groups that a predicted event's name must all contain; within a group,
	// "A|B" accepts either.
	Keys []string `json:"keys"`
}

// GoldParticipation is a person's part in an event.
type GoldParticipation struct {
	Person string `json:"person"`
	// Event is the ID of one of the gold's Events.
	Event string `json:"event"`
	// As lists the accepted parts (host, speaker, …); a prediction with any of them is right.
	As []string `json:"as,omitempty"`
}

// GoldOrgParticipation is an organization's part in an event.
type GoldOrgParticipation struct {
	Org   string   `json:"org"`
	Event string   `json:"event"`
	As    []string `json:"as,omitempty"`
}

// GoldError is a problem with a gold file: it names the file and, where the JSON decoder
// knows it, the line and column.
type GoldError struct {
	Path   string
	Line   int // 0 when unknown
	Column int
	Err    error
}

func (e *GoldError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("gold %s:%d:%d: %v", e.Path, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("gold %s: %v", e.Path, e.Err)
}

func (e *GoldError) Unwrap() error { return e.Err }

// LoadGold reads and checks a gold file.
func LoadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &GoldError{Path: path, Err: err}
	}
	return ParseGold(path, b)
}

// ParseGold reads a gold file's content; path names it in errors and becomes Gold.Path.
func ParseGold(path string, data []byte) (*Gold, error) {
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		ge := &GoldError{Path: path, Err: err}
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			ge.Line, ge.Column = position(data, syn.Offset)
		case errors.As(err, &typ):
			ge.Line, ge.Column = position(data, typ.Offset)
			ge.Err = fmt.Errorf("%s: got a %s, want %s", typ.Field, typ.Value, typ.Type)
		}
		return nil, ge
	}
	g.Path = path
	if err := g.check(); err != nil {
		return nil, &GoldError{Path: path, Err: err}
	}
	return &g, nil
}

// position returns the 1-based line and column of the byte at offset (counted in runes),
// or of the last byte when the decoder points past it.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset > 0 {
		offset-- // the decoder reports the offset after the byte it stopped on
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	col = len([]rune(string(before[lineStart:]))) + 1
	return line, col
}

// check reports what score.py would choke on or silently score wrong.
func (g *Gold) check() error {
	if g.Persons == nil {
		return errors.New("no persons list")
	}
	if g.Orgs == nil {
		return errors.New("no orgs list")
	}
	if g.Roles == nil {
		return errors.New("no roles list")
	}
	for _, og := range []struct {
		field  string
		groups [][]string
	}{{"orgs", g.Orgs}, {"optional_orgs", g.OptionalOrgs}} {
		for i, names := range og.groups {
			if len(names) == 0 {
				return fmt.Errorf("%s[%d]: no names", og.field, i)
			}
		}
	}
	for _, rs := range []struct {
		field string
		roles []GoldRole
	}{{"roles", g.Roles}, {"optional_roles", g.OptionalRoles}} {
		for i, r := range rs.roles {
			if r.Person == "" || r.Title == "" {
				return fmt.Errorf("%s[%d]: want a person and a title", rs.field, i)
			}
			if r.Org.invalid != "" {
				return fmt.Errorf("%s[%d] (%s): org is %s, want a name, a list of names or null", rs.field, i, r.Person, r.Org.invalid)
			}
		}
	}
	ids := map[string]bool{}
	for i, e := range g.Events {
		if e.ID == "" {
			return fmt.Errorf("events[%d]: no id", i)
		}
		if ids[e.ID] {
			return fmt.Errorf("events[%d]: id %q is used twice", i, e.ID)
		}
		ids[e.ID] = true
		if len(e.Keys) == 0 {
			return fmt.Errorf("events[%d] (%s): no keys: it would match every event", i, e.ID)
		}
	}
	for i, e := range g.OptionalEvents {
		if len(e.Keys) == 0 {
			return fmt.Errorf("optional_events[%d]: no keys: it would match every event", i)
		}
	}
	for i, p := range g.Participation {
		if p.Person == "" {
			return fmt.Errorf("participation[%d]: no person", i)
		}
		if !ids[p.Event] {
			return fmt.Errorf("participation[%d] (%s): event %q is not one of the events", i, p.Person, p.Event)
		}
	}
	for i, a := range g.Articles {
		if len(a.TitleKeys) == 0 {
			return fmt.Errorf("articles[%d]: no title_keys: it would match every title", i)
		}
	}
	return g.checkIdentity()
}

// TextPath returns the annotated text file: File resolved against the gold file's folder.
func (g *Gold) TextPath() string {
	if g.File == "" || filepath.IsAbs(g.File) {
		return g.File
	}
	return filepath.Join(filepath.Dir(g.Path), g.File)
}
