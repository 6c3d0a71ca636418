package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/extract"
)

// runProgress keeps one status line on a terminal while an extraction runs: what has been
// read, redrawn with a carriage return at most every 200 ms, then that names are being
// resolved, then whatever the command does next (status); end clears it. Problems with
// single inputs are printed through it, on lines of their own. Status and end do nothing
// on a nil *runProgress.
type runProgress struct {
	mu    sync.Mutex
	line  *status // drawn under mu
	total int64   // bytes of the input files; 0 when unknown (standard input)
	start time.Time
	last  time.Time
	now   func() time.Time
}

// newRunProgress returns a status line on w for inputs of total bytes, or nil when w is
// nil.
func newRunProgress(w io.Writer, total int64) *runProgress {
	if w == nil {
		return nil
	}
	return &runProgress{line: newStatus(w), total: total, now: time.Now, start: time.Now()}
}

// merged redraws the line for p when it is time, and always when p.Done.
func (r *runProgress) merged(p extract.Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.now()
	if !p.Done && t.Sub(r.last) < 200*time.Millisecond {
		return
	}
	r.last = t
	line := fmt.Sprintf("%.1f MB of text", float64(p.Bytes)/1e6)
	if r.total > 0 {
		// the text is most of the files but not all: an estimate, under 100 % until done
		pct := min(99, 100*p.Bytes/r.total)
		if p.Done {
			pct = 100
		}
		line += fmt.Sprintf(" (%d %% of %.1f MB of input)", pct, float64(r.total)/1e6)
	}
	line += fmt.Sprintf(", %d articles", p.Articles)
	if secs := t.Sub(r.start).Seconds(); secs >= 1 {
		line += fmt.Sprintf(", %.1f MB/s, %s", float64(p.Bytes)/1e6/secs, time.Duration(secs)*time.Second)
	}
	if p.Done {
		line += "; resolving names…"
	}
	r.line.show("%s", line)
}

// status shows msg on the line.
func (r *runProgress) status(format string, args ...any) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.line.show(format, args...)
}

// report prints err on a line of its own; the status line comes back at the next redraw.
func (r *runProgress) report(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.line.clear()
	r.last = time.Time{}
	fmt.Fprintf(r.line.w, "newsgraph: %v\n", err)
}

// end clears the line.
func (r *runProgress) end() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.line.clear()
}

// status shows one line of what a command is doing on a terminal, redrawn in place.
type status struct {
	w     io.Writer
	shown bool
}

func newStatus(w io.Writer) *status { return &status{w: w} }

func (s *status) show(format string, args ...any) {
	if s.w == nil {
		return
	}
	fmt.Fprintf(s.w, "\r\033[Knewsgraph: "+format, args...)
	s.shown = true
}

func (s *status) clear() {
	if s.w != nil && s.shown {
		fmt.Fprint(s.w, "\r\033[K")
		s.shown = false
	}
}
