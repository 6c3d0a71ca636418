package extract

import (
	"bufio"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// A spilled run keeps in memory only the nodes the identity pass rewrites (persons,
// bodies, roles, places) and writes the relationships, the articles and the events to
// files, so that an archive whose graph does not fit in memory can be read (RunSpilled).
// It gives what Run gives, byte for byte once written: the relationships are merged and
// resolved one partition at a time, a partition holding every relationship that the
// identity pass could merge with another of it or read to decide a name:
//   - partition 0: OF and PART_OF, whose two ends are bodies or their roles;
//   - a relationship with a Person end: the partition of that person's canonical name
//     (HOLDS, PARTICIPATED_IN and MENTIONS of a person: all a name is decided from);
//   - any other: the partition of its end that is no body (the article of a MENTIONS,
//     the event of a PARTICIPATED_IN or REPORTS), which a body folding into another
//     does not change.
//
// The organization pass is decided once, from the nodes, partition 0's OF relationships
// and each body's earliest article (kept aside while merging), and applied to every
// partition; the person pass decides each partition's names, with the OF relationships as
// partition 0 ends up beside them. Each partition's relationships are then sorted and
// written as a run (and the partition's file removed), and Spilled.Rels merges the runs.
// Partition 0 is resolved first; the others, which share no relationship and no person,
// as many at once as the run has workers (up to maxSpillResolving).

// maxSpillResolving bounds the partitions resolved at once, whatever the cores: each
// holds its part of the graph (about 9 MB of the 200 MB corpus's), and under the spilled
// run's memory limit more of them at once cost the collector more than they save (200 MB
// in partitions of 35 MB, on two cores: 4 at once 369 MB at peak, 8 at once 533 MB and
// twice the time).
const maxSpillResolving = 4

// A run has one partition per 512 KiB of input, and minSpillParts at least, maxSpillParts
// at most: a partition holds about the same share of the graph however large the archive
// (the 200 MB corpus's 384: 9 MB each while resolved), up to 2 GB of input, and beyond,
// a share that grows with it. These partitions, a quarter of the size they had (one per
// 2 MiB, 96 at least), take a third less CPU to resolve the 200 MB corpus on two cores,
// 15 s instead of 19–22 (two large ones at once share the processors' cache, and the
// collector marks both), and on one core 22 s instead of 24. An input whose size is
// unknown (standard input from a pipe) has unknownSpillParts at least: as many as 512 MB
// of input has. nodeSpillParts is the number of files for Article and Event nodes, which
// are merged by key and are not rewritten.
const (
	minSpillParts     = 384
	maxSpillParts     = 4096
	unknownSpillParts = 1024
	nodeSpillParts    = 8
)

// spillPartsFor returns the number of partitions for input of the given bytes, known
// false when there may be more; a variable, so that tests can choose.
var spillPartsFor = func(bytes int64, known bool) int {
	n := min(max(minSpillParts, int(bytes>>19)), maxSpillParts)
	if !known {
		n = max(n, unknownSpillParts)
	}
	return n
}

// spiller writes what an article's graph spills to the files, in merge order: its
// relationships to their partitions, its articles and events to theirs, and the
// (body, article) pairs the organization pass dates bodies by.
type spiller struct {
	id    *Identity
	parts []*spillFile // the partitions, 0 to len-1
	nodes [nodeSpillParts]*spillFile
	orgs  *spillFile // the sources of each relationship of a body: (org key, article key)
	// dates holds each article's date, the one the merged node keeps (the first given),
	// for the identity pass, which reads no other property of a spilled node
	dates map[string]string
	buf   []byte
}

// spillsNode reports whether n goes to the files rather than stay in memory.
func spillsNode(n *graph.Node) bool { return spilledLabel(n.Label) }

// spilledLabel reports whether nodes of a label go to the files: articles and events,
// which identity neither rewrites nor reads (but for the articles' dates, kept aside).
func spilledLabel(label string) bool { return label == schema.Article || label == schema.Event }

// spillFile is one file written through a buffer.
type spillFile struct {
	path string
	f    *os.File
	w    *bufio.Writer
}

func createSpillFile(path string) (*spillFile, error) { return createSpillFileBuffered(path, 64<<10) }

// createSpillFileBuffered is createSpillFile with a buffer of size bytes.
func createSpillFileBuffered(path string, size int) (*spillFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &spillFile{path: path, f: f, w: bufio.NewWriterSize(f, size)}, nil
}

// record writes b with its length before it.
func (s *spillFile) record(b []byte) error {
	var n [binary.MaxVarintLen64]byte
	if _, err := s.w.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))]); err != nil {
		return err
	}
	_, err := s.w.Write(b)
	return err
}

// close flushes and closes the file, and lets go of its buffer.
func (s *spillFile) close() error {
	if s.w == nil {
		return nil
	}
	err := s.w.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.w = nil
	return err
}

// spillReader reads the records of a spill file one after the other.
type spillReader struct {
	f   *os.File
	r   *bufio.Reader
	buf []byte
}

func openSpill(path string) (*spillReader, error) { return openSpillBuffered(path, 64<<10) }

// openSpillBuffered is openSpill with a buffer of size bytes.
func openSpillBuffered(path string, size int) (*spillReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &spillReader{f: f, r: bufio.NewReaderSize(f, size)}, nil
}

// spillBuffer returns the size of the buffer of each of files open at once: 6 MiB in
// all, 64 KiB each at most and 4 KiB at least.
func spillBuffer(files int) int { return min(64<<10, max(4<<10, 6<<20/max(files, 1))) }

// next returns the next record, valid until the next call, or io.EOF.
func (s *spillReader) next() ([]byte, error) {
	n, err := binary.ReadUvarint(s.r)
	if err == io.EOF {
		return nil, err // at a record's boundary
	}
	if err != nil {
		return nil, fmt.Errorf("%s: a record's length: %w", s.f.Name(), err)
	}
	if n > 1<<30 {
		return nil, fmt.Errorf("%s: a record of %d bytes", s.f.Name(), n)
	}
	if uint64(cap(s.buf)) < n {
		s.buf = make([]byte, n)
	}
	s.buf = s.buf[:n]
	if _, err := io.ReadFull(s.r, s.buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%s: a record cut short: %w", s.f.Name(), err)
	}
	return s.buf, nil
}

// newSpiller returns a spiller of parts partitions writing to dir, their buffers sized by
// spillBuffer.
func newSpiller(id *Identity, dir string, parts int) (*spiller, error) {
	s := &spiller{id: id, dates: map[string]string{}, parts: make([]*spillFile, parts)}
	buf := spillBuffer(parts)
	var err error
	for i := range s.parts {
		if s.parts[i], err = createSpillFileBuffered(filepath.Join(dir, fmt.Sprintf("part-%02d", i)), buf); err != nil {
			s.close()
			return nil, err
		}
	}
	for i := range s.nodes {
		if s.nodes[i], err = createSpillFile(filepath.Join(dir, fmt.Sprintf("nodes-%02d", i))); err != nil {
			s.close()
			return nil, err
		}
	}
	if s.orgs, err = createSpillFile(filepath.Join(dir, "orgs")); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close closes every file and returns the first error.
func (s *spiller) close() error {
	var errs []error
	for _, f := range append(s.parts[:], s.nodes[:]...) {
		if f != nil {
			errs = append(errs, f.close())
		}
	}
	if s.orgs != nil {
		errs = append(errs, s.orgs.close())
	}
	return errors.Join(errs...)
}

// add writes the relationships, articles and events of one article's graph, g, whose
// other nodes are merged next.
func (s *spiller) add(g *graph.Graph) error {
	var err error
	g.Each(func(n *graph.Node) {
		if err != nil || !spillsNode(n) {
			return
		}
		if n.Label == schema.Article {
			if _, ok := s.dates[n.Key]; !ok {
				if d, ok := n.Props["date"].(string); ok {
					s.dates[n.Key] = d
				}
			}
		}
		if s.buf, err = graph.AppendNode(s.buf[:0], n); err != nil {
			return
		}
		err = s.nodes[fnv1a(fnvOffset, n.Key)%nodeSpillParts].record(s.buf)
	}, func(r *graph.Rel) {
		if err != nil {
			return
		}
		if s.buf, err = graph.AppendRel(s.buf[:0], r); err != nil {
			return
		}
		if err = s.parts[s.partOf(g, r)].record(s.buf); err != nil {
			return
		}
		sources, _ := r.Props["sources"].([]string)
		for _, end := range [2]graph.Ref{r.Start, r.End} {
			if end.Label != schema.Organization {
				continue
			}
			for _, src := range sources {
				s.buf = appendPair(s.buf[:0], end.Key, src)
				if err = s.orgs.record(s.buf); err != nil {
					return
				}
			}
		}
	})
	return err
}

func appendPair(b []byte, a, c string) []byte {
	b = binary.AppendUvarint(b, uint64(len(a)))
	return append(append(b, a...), c...)
}

// decodePair reads what appendPair wrote.
func decodePair(b []byte) ([2]string, []byte, error) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return [2]string{}, b, errors.New("a malformed pair")
	}
	b = b[w:]
	return [2]string{string(b[:n]), string(b[n:])}, nil, nil
}

// partOf returns the partition of r, a relationship of g; see the top of this file.
func (s *spiller) partOf(g *graph.Graph, r *graph.Rel) int {
	for _, end := range [2]graph.Ref{r.Start, r.End} {
		if end.Label == schema.Person {
			name := ""
			if n := g.Node(end); n != nil {
				name, _ = n.Props["name"].(string)
			}
			return nameSpillPart(s.id.lex.Dict.Canonical(name), len(s.parts))
		}
	}
	switch {
	case r.Type == schema.Of || r.Type == schema.PartOf:
		return 0
	case r.Start.Label == schema.Organization || r.Start.Label == schema.Role:
		return keySpillPart(r.End.Key, len(s.parts))
	default:
		return keySpillPart(r.Start.Key, len(s.parts))
	}
}

// nameSpillPart is the partition, of parts, of a person's canonical name; keySpillPart of
// a node key. Both hash with FNV-1a, the name as the person key it would have, without
// building that string or any other for each relationship.
func nameSpillPart(canon string, parts int) int {
	return spillPart(fnv1a(fnv1a(fnvOffset, "person:"), canon), parts)
}

func keySpillPart(key string, parts int) int { return spillPart(fnv1a(fnvOffset, key), parts) }

func spillPart(h uint32, parts int) int { return 1 + int(h%uint32(parts-1)) }

const fnvOffset uint32 = 2166136261

// fnv1a continues the 32-bit FNV-1a hash h over s.
func fnv1a(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Spilled is the graph of a spilled run: some of its nodes in memory, the others and its
// relationships in sorted runs on disk. Close removes the files.
type Spilled struct {
	nodes    *graph.Graph // the nodes kept in memory, and no relationship
	dir      string
	runs     []string // of relationships
	nodeRuns []string
	rels     int
	spilled  int      // nodes in nodeRuns
	workers  int      // goroutines decoding the runs as they are read
	lock     *os.File // held while the files are in use (spilllock_unix.go), or nil
	report   IdentityReport
}

// Identity says what the identity pass changed: the bodies folded and the names read as
// several persons, as Identity.Resolve reports them for the graph in memory. Retired is
// left out (the retired nodes are gone from Nodes and Rels).
func (s *Spilled) Identity() IdentityReport { return s.report }

// spillDirPrefix begins the name of a spilled run's directory, spillDirPattern matches
// it, and spillLockName is its lock file's.
const (
	spillDirPrefix  = "newsgraph-spill-"
	spillDirPattern = spillDirPrefix + "*"
	spillLockName   = "lock"
)

// RunSpilled is Run for archives whose graph does not fit in memory: the relationships,
// articles and events are written to files in a directory of their own made in dir (the
// system's temporary directory when dir is ""), merged and resolved a partition at a time
// on each worker, and read back in order by Spilled.Nodes and Spilled.Rels. Written out
// (jsonl.WriteStream), the graph is the one Run gives. Close the Spilled to remove its
// files. Directories in dir that runs killed before they could remove theirs left behind
// are removed first (Stats.Swept names them).
func (x *Extractor) RunSpilled(ctx context.Context, paths []string, stdin io.Reader, onErr func(error), dir string) (*Spilled, Stats, error) {
	swept := sweepSpillDirs(dir)
	tmp, err := os.MkdirTemp(dir, spillDirPrefix)
	if err != nil {
		return nil, Stats{Swept: swept}, fmt.Errorf("spill: %w", err)
	}
	out := &Spilled{dir: tmp}
	// on a file system without locks the directory has no lock file: no sweep removes
	// it while in use, nor after a kill
	out.lock, _ = lockSpillDir(tmp)
	fail := func(st Stats, err error) (*Spilled, Stats, error) {
		out.Close()
		return nil, st, err
	}
	id := x.Identity()
	sp, err := newSpiller(id, tmp, spillPartsFor(InputSize(paths, stdin)))
	if err != nil {
		return fail(Stats{Swept: swept}, fmt.Errorf("spill: %w", err))
	}
	nodes, st, err := x.run(ctx, paths, stdin, onErr, nil, nil, sp)
	st.Swept = swept
	if cerr := sp.close(); err == nil && cerr != nil {
		err = fmt.Errorf("spill: %w", cerr)
	}
	if err != nil {
		return fail(st, err)
	}
	start := time.Now()
	out.nodes = nodes
	out.workers = id.cores()
	if err := out.resolve(ctx, id, sp); err != nil {
		return fail(st, err)
	}
	st.Stages[StageResolve.String()] += time.Since(start)
	return out, st, nil
}

// resolve merges and resolves the partitions sp wrote into sorted runs, and beside them
// merges the spilled nodes into runs of their own; see the top of this file.
func (s *Spilled) resolve(ctx context.Context, id *Identity, sp *spiller) error {
	merged := make(chan error, 1)
	go func() { merged <- s.mergeNodes(sp) }() // the spilled nodes, which the rest never reads
	err := s.resolveRels(ctx, id, sp)
	if merr := <-merged; err == nil {
		err = merr
	}
	return err
}

// resolveRels is resolve's part that merges and resolves the relationships.
func (s *Spilled) resolveRels(ctx context.Context, id *Identity, sp *spiller) error {
	nodes := s.nodes
	dates := sp.dates // the spiller's, which it no longer needs
	sp.dates = nil
	maps.DeleteFunc(dates, func(_, d string) bool { return d == "" })
	w := &rewriter{g: nodes, dates: dates}
	// each body's earliest article, as unifyOrgs finds it among its relationships
	firsts := map[string]string{}
	if err := eachRecord(sp.orgs.path, decodePair, func(p [2]string) error {
		if k := w.articleOrder(p[1]); firsts[p[0]] == "" || k < firsts[p[0]] {
			firsts[p[0]] = k
		}
		return nil
	}); err != nil {
		return err
	}
	dropSpill(sp.orgs.path)
	first := func(n *graph.Node) string {
		if f := firsts[n.Key]; f != "" {
			return f
		}
		return "\U0010FFFF"
	}
	// partition 0 first: the organization pass is planned from its OF relationships
	g0 := nodes.ShareNodes()
	if err := loadSpillPart(g0, sp.parts[0].path, nodes); err != nil {
		return err
	}
	dropSpill(sp.parts[0].path)
	adj0 := id.adjacency(g0, schema.Organization, schema.Role)
	plan := id.planOrgs(nodes, nodes.NodesOf(schema.Organization), first, func(ref graph.Ref) []*graph.Rel { return adj0[ref] })
	g0.AdoptNodes(nodes, nil) // the bodies and roles the plan made
	plan.apply(&rewriter{g: g0, dates: dates}, adj0)
	var ofs []*graph.Rel
	g0.Each(nil, func(r *graph.Rel) {
		if r.Type == schema.Of {
			ofs = append(ofs, r)
		}
	})
	retired := append([]graph.Ref(nil), plan.retired...)
	s.report.OrgsMerged = plan.merged
	// each partition's persons, in key order: the names the person pass decides there
	parts := len(sp.parts)
	persons := make([][]*graph.Node, parts)
	for _, n := range nodes.NodesOf(schema.Person) {
		name, _ := n.Props["name"].(string)
		p := nameSpillPart(id.lex.Dict.Canonical(name), parts)
		persons[p] = append(persons[p], n)
	}
	// partition 0's run is written beside the others
	runs := make([]string, parts)
	counts := make([]int, parts)
	written0 := make(chan error, 1)
	go func() {
		var err error
		runs[0], counts[0], err = s.writeRun(g0, 0)
		written0 <- err
	}()
	// then the other partitions, as many at once as the run has workers (up to
	// maxSpillResolving): a partition reads and changes only its own relationships and
	// its own persons (no relationship has two Person ends), and the nodes it makes,
	// homonyms of its names, are nodes no other partition has. A partition's graph
	// shares, of the nodes in memory, those it reads: the ends of its relationships, the
	// nodes the plan moves them to, its persons, and its roles' OF relationships with
	// their bodies, as partition 0 ends up (all the person pass reads of a role). The
	// nodes in memory are only read until every partition is done; what the partitions
	// made is adopted then.
	// the nodes whose relationships the plan reads (orgPlan.apply): a partition's
	// adjacency of them alone, not of every body and role
	planned := map[graph.Ref]bool{}
	for _, ref := range slices.Concat(plan.touch, plan.retired) {
		planned[ref] = true
	}
	retiredIn := make([][]graph.Ref, parts)
	splitIn := make([][]string, parts)
	made := make([]*graph.Graph, parts)
	one := func(p int) error {
		g := graph.New()
		if err := loadSpillPart(g, sp.parts[p].path, nodes); err != nil {
			return err
		}
		dropSpill(sp.parts[p].path)
		share := func(ref graph.Ref) {
			if n := nodes.Node(ref); n != nil && g.Node(ref) == nil {
				g.Share(n)
			}
		}
		for from, to := range plan.moves {
			if g.Node(from) != nil {
				share(to)
			}
		}
		pw := &rewriter{g: g, dates: dates}
		plan.apply(pw, id.adjacencyOf(g, func(ref graph.Ref) bool { return planned[ref] }))
		for _, r := range ofs {
			if g.Node(r.Start) != nil {
				share(r.End)
				g.AddRel(r.Type, r.Start, r.End, r.Props)
			}
		}
		for _, n := range persons[p] { // their relationships brought them, unless one has none
			g.Share(n)
		}
		var rep IdentityReport
		if len(persons[p]) > 0 {
			id.splitPersons(pw, &rep, persons[p])
		}
		retiredIn[p], splitIn[p] = rep.Retired, rep.Split
		made[p] = graph.New() // the persons the pass made, not the bare ends
		made[p].AdoptNodes(g, func(n *graph.Node) bool { return spillsNode(n) || nodes.Node(n.Ref()) != nil })
		var err error
		runs[p], counts[p], err = s.writeRun(g, p)
		return err
	}
	err := eachPartition(ctx, min(id.cores(), maxSpillResolving), 1, parts, one)
	if werr := <-written0; err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	s.runs = runs
	for p := range parts {
		s.rels += counts[p]
		retired = append(retired, retiredIn[p]...)
		s.report.Split = append(s.report.Split, splitIn[p]...)
		if made[p] != nil {
			nodes.AdoptNodes(made[p], nil)
		}
	}
	for _, ref := range retired {
		nodes.RemoveNode(ref)
	}
	slices.Sort(s.report.Split)
	return nil
}

// eachPartition calls fn with each partition from first to last (excluded) on as many
// goroutines as workers; it stops giving partitions at the first error, which it returns,
// or when ctx is done.
func eachPartition(ctx context.Context, workers, first, last int, fn func(p int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for p := first; p < last && gctx.Err() == nil; p++ {
		g.Go(func() error { return fn(p) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// mergeNodes merges the Article and Event nodes of each node file and writes them, sorted,
// as runs.
func (s *Spilled) mergeNodes(sp *spiller) error {
	for i, f := range sp.nodes {
		g := graph.New()
		if err := eachRecord(f.path, graph.DecodeNode, func(n *graph.Node) error {
			g.AddNode(n.Label, n.Key, n.Props)
			return nil
		}); err != nil {
			return err
		}
		dropSpill(f.path)
		path := filepath.Join(s.dir, fmt.Sprintf("noderun-%02d", i))
		n, err := writeRecords(path, g.Nodes(), graph.AppendNode)
		if err != nil {
			return err
		}
		s.spilled += n
		s.nodeRuns = append(s.nodeRuns, path)
	}
	return nil
}

// dropSpill removes a spill file that has been read for the last time: its pages leave
// the page cache unwritten, so the disk and the kernel's writeback carry only what is
// still to be read (a spilled run of the 200 MB corpus wrote 2 GB of partitions, then 2
// GB of runs from them, then the output). A file it fails to remove goes with the
// run's directory at Close.
func dropSpill(path string) { _ = os.Remove(path) }

// eachRecord calls fn with each record of a spill file, decoded, in file order.
func eachRecord[T any](path string, decode func([]byte) (T, []byte, error), fn func(T) error) error {
	in, err := openSpill(path)
	if err != nil {
		return err
	}
	defer in.f.Close()
	for {
		b, err := in.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		v, _, err := decode(b)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
}

// writeRecords writes items, encoded, to a new spill file and returns how many.
func writeRecords[T any](path string, items []T, encode func([]byte, T) ([]byte, error)) (int, error) {
	f, err := createSpillFile(path)
	if err != nil {
		return 0, err
	}
	var b []byte
	n := 0
	for _, v := range items {
		if b, err = encode(b[:0], v); err != nil {
			break
		}
		if err = f.record(b); err != nil {
			break
		}
		n++
	}
	if cerr := f.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("spill: %w", err)
	}
	return n, nil
}

// loadSpillPart merges the relationships of one partition file into g, in the order they
// were written. An end g lacks is shared from nodes (the same *graph.Node), or added bare
// when it is a spilled node (an article, an event): the identity pass reads nothing of it.
// The records are copied into blocks of spillBlock bytes, and the relationships keep
// theirs there (DecodeRelKeep): a partition's relationships stay until its run is written,
// and an unchanged one is written as it was read.
func loadSpillPart(g *graph.Graph, path string, nodes *graph.Graph) error {
	var block []byte
	keep := func(b []byte) (*graph.Rel, []byte, error) {
		if len(b) > cap(block)-len(block) {
			block = make([]byte, 0, max(spillBlock, len(b)))
		}
		block = append(block, b...)
		return graph.DecodeRelKeep(block[len(block)-len(b) : len(block) : len(block)])
	}
	return eachRecord(path, keep, func(r *graph.Rel) error {
		for _, end := range [2]graph.Ref{r.Start, r.End} {
			if g.Node(end) != nil {
				continue
			}
			if n := nodes.Node(end); n != nil {
				g.Share(n)
			} else if spilledLabel(end.Label) {
				g.AddNode(end.Label, end.Key, nil)
			}
		}
		if g.AddRelOwned(r) == nil {
			return fmt.Errorf("%s: relationship %s names a node the run does not have", path, r.ID())
		}
		return nil
	})
}

// spillBlock is the size of the blocks loadSpillPart copies records into: one allocation
// for thousands of records, and blocks of one size, which the heap reuses from partition
// to partition (a whole partition file read at once, a few MB of a different size each
// time, raised the peak by 50 MB).
const spillBlock = 1 << 20

// writeRun writes partition p's relationships of g, sorted, as a run, and returns its
// file and how many it holds: OF and PART_OF only from partition 0.
func (s *Spilled) writeRun(g *graph.Graph, p int) (string, int, error) {
	rels := g.Rels()
	if p != 0 {
		rels = slices.DeleteFunc(rels, func(r *graph.Rel) bool { return r.Type == schema.Of || r.Type == schema.PartOf })
	}
	path := filepath.Join(s.dir, fmt.Sprintf("run-%02d", p))
	n, err := writeRecords(path, rels, graph.AppendRel)
	return path, n, err
}

// Len returns the number of nodes and relationships.
func (s *Spilled) Len() (nodes, rels int) {
	n, _ := s.nodes.Len()
	return n + s.spilled, s.rels
}

// Nodes returns the nodes in graph.Nodes order, those kept in memory merged with those
// read from the runs; it stops at the first error, which it yields with a nil node.
func (s *Spilled) Nodes() iter.Seq2[*graph.Node, error] {
	return func(yield func(*graph.Node, error) bool) {
		mem := s.nodes.Nodes()
		i := 0
		for n, err := range mergeRuns(s.nodeRuns, graph.NodeRecordKey, graph.DecodeNode, s.workers) {
			if err != nil {
				yield(nil, err)
				return
			}
			for ; i < len(mem) && graph.CompareNodes(mem[i], n) < 0; i++ {
				if !yield(mem[i], nil) {
					return
				}
			}
			if !yield(n, nil) {
				return
			}
		}
		for ; i < len(mem); i++ {
			if !yield(mem[i], nil) {
				return
			}
		}
	}
}

// Rels returns the relationships in graph.Rels order, read from the runs; it stops at
// the first error, which it yields with a nil relationship. Their strings are views of
// the batch of records they were read in (graph.DecodeRelKeep), which stays as long as
// one of them does: about the bytes of the records a consumer holds (BenchmarkWriteSpilled:
// a third fewer allocations than copies).
func (s *Spilled) Rels() iter.Seq2[*graph.Rel, error] {
	return mergeRuns(s.runs, graph.RelRecordKey, graph.DecodeRelKeep, s.workers)
}

// mergeRuns yields the records of sorted runs in the order of their keys, decoded. One
// goroutine merges the records by their keys, read without decoding them, into batches;
// workers decode the batches, which are yielded in order.
func mergeRuns[T any](runs []string, keyOf func([]byte) (graph.RecordKey, error), decode func([]byte) (T, []byte, error), workers int) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		done := make(chan struct{})
		defer close(done)
		// batches go to the decoders and, in merge order, to this goroutine, which
		// waits for each to be decoded; few are in flight at once
		workers := max(workers, 1)
		order := make(chan *runBatch[T], 2*workers+2)
		work := make(chan *runBatch[T], 2*workers+2)
		go mergeRecords(runs, keyOf, order, work, done)
		for range workers {
			go func() {
				for b := range work {
					b.decode(decode)
				}
			}()
		}
		for b := range order {
			<-b.ready
			for _, v := range b.out {
				if !yield(v, nil) {
					return
				}
			}
			if b.err != nil {
				yield(zero, b.err)
				return
			}
		}
	}
}

// runBatch is a batch of merged records: their bytes end to end, then decoded. err is
// the error the batch ends at, reading or decoding.
type runBatch[T any] struct {
	buf   []byte
	ends  []int
	out   []T
	err   error
	ready chan struct{} // closed once out and err are set
}

const (
	batchRecords = 1024
	batchBytes   = 1 << 20
)

func (b *runBatch[T]) decode(decode func([]byte) (T, []byte, error)) {
	defer close(b.ready)
	b.out = make([]T, 0, len(b.ends))
	start := 0
	for _, end := range b.ends {
		v, _, err := decode(b.buf[start:end])
		if err != nil {
			b.err = err
			return
		}
		b.out = append(b.out, v)
		start = end
	}
}

// mergeRecords merges the runs' records by key into batches, sent to order in merge order
// and to work to be decoded, and closes both channels; it stops when done is closed. A
// batch that ends at an error is sent to order only, done.
func mergeRecords[T any](runs []string, keyOf func([]byte) (graph.RecordKey, error), order, work chan<- *runBatch[T], done <-chan struct{}) {
	defer close(order)
	defer close(work)
	h := &runHeap{}
	defer func() {
		for _, c := range h.cs {
			c.in.f.Close()
		}
	}()
	// a batch's buffer is made at the size of the last batch and an eighth, not grown
	// record by record (the growing was two thirds of the merge's time), and not much
	// larger than its records: their values may be views of it (Rels), which keep it
	batch := func(last int) *runBatch[T] {
		return &runBatch[T]{buf: make([]byte, 0, last+last/8), ends: make([]int, 0, batchRecords), ready: make(chan struct{})}
	}
	b := batch(0)
	// send sends b and starts the next batch; false when done is closed
	send := func() bool {
		last := len(b.buf)
		if len(b.ends) > 0 {
			select {
			case order <- b:
			case <-done:
				return false
			}
			select {
			case work <- b:
			case <-done:
				return false
			}
		}
		b = batch(last)
		return true
	}
	fail := func(err error) {
		if !send() {
			return
		}
		b.err = err
		close(b.ready)
		select {
		case order <- b:
		case <-done:
		}
	}
	advance := func(c *runCursor) (bool, error) {
		rec, err := c.in.next()
		if err == io.EOF {
			c.in.f.Close()
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if c.key, err = keyOf(rec); err != nil {
			return false, fmt.Errorf("%s: %w", c.in.f.Name(), err)
		}
		c.rec = rec
		return true, nil
	}
	for _, path := range runs {
		in, err := openSpillBuffered(path, spillBuffer(len(runs)))
		if err != nil {
			fail(err)
			return
		}
		c := &runCursor{in: in}
		ok, err := advance(c)
		if err != nil {
			in.f.Close()
			fail(err)
			return
		}
		if ok {
			h.cs = append(h.cs, c)
		}
	}
	heap.Init(h)
	for len(h.cs) > 0 {
		c := h.cs[0]
		b.buf = append(b.buf, c.rec...)
		b.ends = append(b.ends, len(b.buf))
		if (len(b.ends) >= batchRecords || len(b.buf) >= batchBytes) && !send() {
			return
		}
		ok, err := advance(c)
		if err != nil {
			fail(err)
			return
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	send()
}

// runCursor is a run being read, at its next record and that record's key.
type runCursor struct {
	in  *spillReader
	rec []byte
	key graph.RecordKey
}

// runHeap orders runs by their next record.
type runHeap struct{ cs []*runCursor }

func (h *runHeap) Len() int           { return len(h.cs) }
func (h *runHeap) Less(i, j int) bool { return h.cs[i].key.Compare(h.cs[j].key) < 0 }
func (h *runHeap) Swap(i, j int)      { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *runHeap) Push(x any)         { h.cs = append(h.cs, x.(*runCursor)) }
func (h *runHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}

// Close removes the run's files.
func (s *Spilled) Close() error {
	if s == nil || s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	if s.lock != nil {
		s.lock.Close()
	}
	s.dir, s.lock = "", nil
	return err
}
