package eval_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/eval"
)

func TestLoadGoldErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          []string // in the message, after the file's name
	}{
		{"not JSON", "{\n  \"persons\": [\"李强\",\n  ]\n}", []string{":3:3: ", "invalid character ']'"}},
		{"a number for a name", "{\n  \"persons\": [\"李强\", 7],\n  \"orgs\": [], \"roles\": []\n}", []string{":2:21: ", "persons: got a number, want string"}},
		{"no persons", `{"orgs": [], "roles": []}`, []string{"no persons list"}},
		{"no orgs", `{"persons": [], "roles": []}`, []string{"no orgs list"}},
		{"no roles", `{"persons": [], "orgs": []}`, []string{"no roles list"}},
		{"an organization without names", `{"persons": [], "orgs": [["国务院"], []], "roles": []}`, []string{"orgs[1]: no names"}},
		{"a role without a title", `{"persons": [], "orgs": [], "roles": [{"person": "李强"}]}`, []string{"roles[0]: want a person and a title"}},
		{"a number for a body", `{"persons": [], "orgs": [], "roles": [{"person": "李强", "title": "书记", "org": 3}]}`, []string{"roles[0] (李强): org is a number"}},
		{"parts as one string", `{"persons": [], "orgs": [], "roles": [], "events": [{"id": "e1", "keys": ["会"]}], "participation": [{"person": "李强", "event": "e1", "as": "host"}]}`, []string{":1:", "participation.as: got a string, want []string"}},
		{"an event without keys", `{"persons": [], "orgs": [], "roles": [], "events": [{"id": "e1", "keys": []}]}`, []string{"events[0] (e1): no keys"}},
		{"an event twice", `{"persons": [], "orgs": [], "roles": [], "events": [{"id": "e1", "keys": ["a"]}, {"id": "e1", "keys": ["b"]}]}`, []string{`events[1]: id "e1" is used twice`}},
		{"an unknown event", `{"persons": [], "orgs": [], "roles": [], "events": [{"id": "e1", "keys": ["a"]}], "participation": [{"person": "李强", "event": "e2"}]}`, []string{`participation[0] (李强): event "e2" is not one of the events`}},
		{"an article without keys", `{"persons": [], "orgs": [], "roles": [], "articles": [{}]}`, []string{"articles[0]: no title_keys"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".gold.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := eval.LoadGold(path)
			if err == nil {
				t.Fatal("no error")
			}
			var ge *eval.GoldError
			if !errors.As(err, &ge) || ge.Path != path {
				t.Errorf("got %T %v, want a *GoldError naming %s", err, err, path)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "gold "+path) {
				t.Errorf("%q does not start with the file's name", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not say %q", msg, w)
				}
			}
		})
	}
}

func TestLoadGoldMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.gold.json")
	_, err := eval.LoadGold(path)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want a not-exist error naming %s", err, path)
	}
}

func TestLoadGoldExamples(t *testing.T) {
	for _, path := range examplePaths(t) {
		g, err := eval.LoadGold(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if g.Path != path || g.File == "" || len(g.Persons) == 0 {
			t.Errorf("%s: path %q, file %q, %d persons", path, g.Path, g.File, len(g.Persons))
		}
		if _, err := os.Stat(g.TextPath()); err != nil {
			t.Errorf("%s: the annotated text: %v", path, err)
		}
	}
}

func TestOrgSpecForms(t *testing.T) {
	g, err := eval.ParseGold("forms.gold.json", []byte(`{"persons": [], "orgs": [], "roles": [
		{"person": "a", "title": "t", "org": "国务院"},
		{"person": "b", "title": "t", "org": ["复旦大学附属华山医院感染科", "华山医院"]},
		{"person": "c", "title": "t", "org": null},
		{"person": "d", "title": "t"},
		{"person": "e", "title": "t", "org": []}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []eval.OrgSpec{
		{Names: []string{"国务院"}},
		{Names: []string{"复旦大学附属华山医院感染科", "华山医院"}, List: true},
		{},
		{},
		{Names: []string{}, List: true},
	}
	for i, r := range g.Roles {
		got := r.Org
		if got.List != want[i].List || strings.Join(got.Names, "/") != strings.Join(want[i].Names, "/") || (got.Names == nil) != (want[i].Names == nil) {
			t.Errorf("role %s: got %+v, want %+v", r.Person, got, want[i])
		}
	}
}
