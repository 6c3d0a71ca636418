package extract

import (
	"sync/atomic"
	"time"
)

// Stage is a step of the pipeline whose time Run accounts for.
type Stage int

// The stages, in pipeline order. StageExtract is the whole of Extract: segment, tag,
// mentions, roles and events are the parts of it that build.go marks (events counts
// both passes: the events a sentence names and who took part), the rest (sentences, the
// article's setup) is what is left.
const (
	StageRead     Stage = iota // reading inputs: files, JSON-lines records (not the time the reader waits for workers)
	StageSplit                 // pages into articles, with the home inferred
	StageSegment               // gse over each sentence
	StageTag                   // the lexicons' words and tags over gse's tokens
	StageMentions              // persons, organizations and places of a sentence
	StageRoles                 // role chains: person, title, organization
	StageEvents                // events and who took part
	StageExtract               // all of Extract
	StageMerge                 // merging article graphs in input order
	StageResolve               // one node per body and per person across articles (identity.go)
	StageWrite                 // writing the graph out (the caller's to measure)
	numStages
)

var stageNames = [numStages]string{"read", "split", "segment", "tag", "mentions", "roles", "events", "extract", "merge", "resolve", "write"}

func (s Stage) String() string {
	if s < 0 || s >= numStages {
		return "stage?"
	}
	return stageNames[s]
}

// Stages returns every stage in pipeline order.
func Stages() []Stage {
	out := make([]Stage, numStages)
	for i := range out {
		out[i] = Stage(i)
	}
	return out
}

// StageTimes adds up the time spent in each stage, summed over goroutines. The zero
// value is ready to use; a nil *StageTimes ignores what it is given. It is safe for
// concurrent use.
type StageTimes struct {
	ns [numStages]atomic.Int64
}

// Add charges d to stage s.
func (t *StageTimes) Add(s Stage, d time.Duration) {
	if t == nil || s < 0 || s >= numStages {
		return
	}
	t.ns[s].Add(int64(d))
}

// Get returns the time charged to stage s.
func (t *StageTimes) Get(s Stage) time.Duration {
	if t == nil || s < 0 || s >= numStages {
		return 0
	}
	return time.Duration(t.ns[s].Load())
}

// Map returns the stages that took any time, by name.
func (t *StageTimes) Map() map[string]time.Duration {
	m := map[string]time.Duration{}
	for _, s := range Stages() {
		if d := t.Get(s); d > 0 {
			m[s.String()] = d
		}
	}
	return m
}

// Lap times consecutive stages on one goroutine: each Mark charges a stage with the
// time since the previous Mark, or since the Lap began. A Lap of a nil *StageTimes
// does nothing and does not read the clock.
type Lap struct {
	t    *StageTimes
	last time.Time
}

// Lap starts timing consecutive stages.
func (t *StageTimes) Lap() Lap {
	if t == nil {
		return Lap{}
	}
	return Lap{t: t, last: time.Now()}
}

// Restart starts timing again from now, charging the time since the previous mark to
// no stage.
func (l *Lap) Restart() {
	if l.t != nil {
		l.last = time.Now()
	}
}

// Mark charges s with the time since the previous mark.
func (l *Lap) Mark(s Stage) {
	if l.t == nil {
		return
	}
	now := time.Now()
	l.t.Add(s, now.Sub(l.last))
	l.last = now
}
