package neo4jsink

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line bar, redrawn with a carriage return at most every 100 ms.
type progress struct {
	w     io.Writer
	total int
	done  int
	last  time.Time
	now   func() time.Time
}

func newProgress(w io.Writer, total int) *progress {
	if w == nil || total == 0 {
		return nil
	}
	return &progress{w: w, total: total, now: time.Now}
}

// add counts n more rows written and redraws when it is time.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.done += n
	if t := p.now(); p.done < p.total && t.Sub(p.last) < 100*time.Millisecond {
		return
	} else {
		p.last = t
	}
	p.draw()
}

// finish ends the line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.draw()
	fmt.Fprintln(p.w)
}

func (p *progress) draw() {
	const width = 30
	filled := width * p.done / p.total
	fmt.Fprintf(p.w, "\rloading [%s%s] %3d%% %d/%d rows", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), 100*p.done/p.total, p.done, p.total)
}
