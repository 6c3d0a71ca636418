package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
)

// TestRunProgress: the status line is redrawn at most every 200 ms, and always when every
// input is merged; its estimate stays under 100 % until then and is left out when the
// input's size is unknown; a problem gets a line of its own; end clears the line.
func TestRunProgress(t *testing.T) {
	clock := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	type step struct {
		after time.Duration // on the clock before the call
		p     *extract.Progress
		err   error // reported instead
		want  string
	}
	const clear = "\r\033[K"
	cases := []struct {
		name  string
		total int64
		steps []step
		end   string
	}{
		{"throttled", 100e6, []step{
			{0, &extract.Progress{Bytes: 10e6, Articles: 7}, nil, clear + "newsgraph: 10.0 MB of text (10 % of 100.0 MB of input), 7 articles"},
			{100 * time.Millisecond, &extract.Progress{Bytes: 11e6, Articles: 8}, nil, ""},
			{2 * time.Second, &extract.Progress{Bytes: 40e6, Articles: 20}, nil, clear + "newsgraph: 40.0 MB of text (40 % of 100.0 MB of input), 20 articles, 19.0 MB/s, 2s"},
		}, clear},
		{"done", 100e6, []step{
			{time.Second, &extract.Progress{Bytes: 99.9e6, Articles: 30}, nil, clear + "newsgraph: 99.9 MB of text (99 % of 100.0 MB of input), 30 articles, 99.9 MB/s, 1s"},
			{time.Millisecond, &extract.Progress{Bytes: 99.9e6, Articles: 30, Done: true}, nil, clear + "newsgraph: 99.9 MB of text (100 % of 100.0 MB of input), 30 articles, 99.8 MB/s, 1s; resolving names…"},
		}, clear},
		{"standard input", 0, []step{
			{0, &extract.Progress{Bytes: 5e5, Articles: 1}, nil, clear + "newsgraph: 0.5 MB of text, 1 articles"},
		}, clear},
		{"a problem", 100e6, []step{
			{0, &extract.Progress{Bytes: 1e6, Articles: 1}, nil, clear + "newsgraph: 1.0 MB of text (1 % of 100.0 MB of input), 1 articles"},
			{0, nil, errors.New("a.txt: not UTF-8"), clear + "newsgraph: a.txt: not UTF-8\n"},
			{time.Millisecond, &extract.Progress{Bytes: 2e6, Articles: 2}, nil, clear + "newsgraph: 2.0 MB of text (2 % of 100.0 MB of input), 2 articles"},
		}, clear},
		{"nothing shown", 100e6, []step{
			{0, nil, errors.New("missing.txt: no such file"), "newsgraph: missing.txt: no such file\n"},
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			now := clock
			r := newRunProgress(&b, c.total)
			r.start, r.now = now, func() time.Time { return now }
			for i, s := range c.steps {
				now = now.Add(s.after)
				b.Reset()
				if s.err != nil {
					r.report(s.err)
				} else {
					r.merged(*s.p)
				}
				if got := b.String(); got != s.want {
					t.Errorf("step %d: wrote %q, want %q", i, got, s.want)
				}
			}
			b.Reset()
			r.end()
			r.end() // once cleared, nothing more
			if got := b.String(); got != c.end {
				t.Errorf("end wrote %q, want %q", got, c.end)
			}
		})
	}
	var none *runProgress
	none.status("writing the graph…")
	none.end()
	if newRunProgress(nil, 1) != nil {
		t.Error("a status line without a terminal")
	}
	var b bytes.Buffer
	r := newRunProgress(&b, 0)
	r.status("writing %s…", "the graph")
	if got := b.String(); !strings.HasSuffix(got, "newsgraph: writing the graph…") {
		t.Errorf("status wrote %q", got)
	}
}
