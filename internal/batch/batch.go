// Package batch classifies a portfolio: one answers document per input
// line, one result per output line, in the same order, on every core, in
// memory that stays flat whatever the input's size.
//
// A reader cuts the input into chunks of whole lines; workers decode,
// evaluate and encode each chunk into its own output buffer; the caller's
// goroutine writes the buffers back in input order. Chunks come from a
// fixed pool, which bounds memory and makes a slow writer slow the reader.
package batch

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// MaxLine is the longest line read as a document: the size limit of one
// answers document, plus a CRLF.
const MaxLine = questionnaire.MaxDocumentSize + 2

// chunkSize is how much input a chunk takes at a time: small enough that
// the pool stays a few MiB, large enough that handing it around is cheap.
const chunkSize = 256 << 10

// Options configure a run.
type Options struct {
	Eval saq.Options
	// Allowed reports whether a decision meets --expect; nil allows all.
	Allowed func(*saq.Decision) bool
	// Workers is how many goroutines evaluate; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called from the writing goroutine after each
	// chunk with the number of lines done.
	Progress func(lines int64)
	// ChunkSize is how much input a chunk starts with; 0 means 256 KiB.
	// Tests make it tiny to cut lines at every place.
	ChunkSize int
}

// ErrorLine is an invalid line, for the summary.
type ErrorLine struct {
	Line int64
	Msg  string
}

// maxErrorLines is how many invalid lines the stats keep, in order.
const maxErrorLines = 20

// Stats is what a run counted.
type Stats struct {
	Lines   int64 // documents read (blank lines are not documents)
	Invalid int64
	Unmet   int64 // valid documents whose result --expect does not allow

	FirstInvalid ErrorLine
	FirstUnmet   int64 // the line of the first unmet expectation
	Errors       []ErrorLine

	// Per validation kind (index by saq.ValidationKind), per covering SAQ
	// (index into the table's SAQs), per brand and level.
	Validation [3]int64
	SAQ        []int64
	Level      [][]int64 // [brand][level]
}

func newStats(t *saq.Table) *Stats {
	s := &Stats{SAQ: make([]int64, len(t.SAQs)), Level: make([][]int64, len(t.Brands))}
	for b := range s.Level {
		s.Level[b] = make([]int64, 10)
	}
	return s
}

func (s *Stats) reset() {
	*s = Stats{SAQ: s.SAQ, Level: s.Level, Errors: s.Errors[:0]}
	clear(s.SAQ)
	for _, l := range s.Level {
		clear(l)
	}
}

func (s *Stats) add(o *Stats) {
	if o.Invalid > 0 && s.Invalid == 0 {
		s.FirstInvalid = o.FirstInvalid
	}
	if o.Unmet > 0 && s.Unmet == 0 {
		s.FirstUnmet = o.FirstUnmet
	}
	s.Lines += o.Lines
	s.Invalid += o.Invalid
	s.Unmet += o.Unmet
	for _, e := range o.Errors {
		if len(s.Errors) < maxErrorLines {
			s.Errors = append(s.Errors, e)
		}
	}
	for i := range s.Validation {
		s.Validation[i] += o.Validation[i]
	}
	for i := range s.SAQ {
		s.SAQ[i] += o.SAQ[i]
	}
	for b := range s.Level {
		for l := range s.Level[b] {
			s.Level[b][l] += o.Level[b][l]
		}
	}
}

// chunk is a run of whole input lines and, once processed, their output.
type chunk struct {
	seq       int
	firstLine int64  // the line number of in[0]
	in        []byte // whole lines; the last may lack its newline at EOF
	oversized bool   // in is empty: the line at firstLine was too long
	out       []byte
	stats     *Stats
}

// Run reads documents from r and writes results to w. It returns after the
// whole input was read and every result written, or on the first read or
// write error.
func Run(r io.Reader, w io.Writer, t *saq.Table, opts Options) (*Stats, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := opts.ChunkSize
	if size <= 0 {
		size = chunkSize
	}
	pool := make(chan *chunk, 2*workers+2)
	for range cap(pool) {
		pool <- &chunk{in: make([]byte, 0, size), stats: newStats(t)}
	}
	todo := make(chan *chunk, cap(pool))
	done := make(chan *chunk, cap(pool))
	stop := make(chan struct{}) // closed when the writer gives up

	var readErr error
	go func() {
		readErr = split(r, pool, todo, stop)
		close(todo)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := newProcessor(t, opts)
			for c := range todo {
				p.process(c)
				done <- c
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	total := newStats(t)
	pending := map[int]*chunk{}
	next := 0
	var writeErr error
	for c := range done {
		pending[c.seq] = c
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr == nil {
				if _, err := w.Write(c.out); err != nil {
					writeErr = err
					close(stop)
				}
				total.add(c.stats)
				if opts.Progress != nil {
					opts.Progress(total.Lines)
				}
			}
			pool <- c
		}
	}
	if writeErr != nil {
		return total, writeErr
	}
	return total, readErr
}

var errStopped = errors.New("stopped")

// split cuts the input into chunks of whole lines, numbering them. A chunk
// is cut when it is full, at the end of the input, or when the input has
// nothing more for now (a short read from a pipe), so a slow producer still
// sees its results. A line longer than MaxLine becomes an oversized chunk of
// its own, skipped without being held in memory.
func split(r io.Reader, pool <-chan *chunk, todo chan<- *chunk, stop <-chan struct{}) error {
	var carry []byte // a partial line left from the previous chunk
	line := int64(1)
	for seq := 0; ; seq++ {
		var c *chunk
		select {
		case c = <-pool:
		case <-stop:
			return errStopped
		}
		c.seq, c.firstLine, c.oversized = seq, line, false
		c.in = append(c.in[:0], carry...)
		c.out = c.out[:0]
		carry = carry[:0]
		eof, err := fill(r, c)
		if err != nil {
			return err
		}
		switch last := bytes.LastIndexByte(c.in, '\n'); {
		case c.oversized:
			rest, found, err := skipLine(r)
			if err != nil {
				return err
			}
			carry = append(carry, rest...)
			eof = !found && len(rest) == 0
			line++
		case last >= 0 && !eof:
			carry = append(carry, c.in[last+1:]...)
			c.in = c.in[:last+1]
			fallthrough
		default:
			line += int64(bytes.Count(c.in, []byte{'\n'}))
		}
		select {
		case todo <- c: // an empty chunk keeps its place in the order, and writes nothing
		case <-stop:
			return errStopped
		}
		if eof && len(carry) == 0 {
			return nil
		}
	}
}

// fill reads into c until it is full and holds a newline, the input ends,
// or a short read after a newline says the input has no more for now. With
// no newline within MaxLine, it marks c oversized and empties it.
func fill(r io.Reader, c *chunk) (eof bool, err error) {
	for {
		if len(c.in) == cap(c.in) {
			if bytes.IndexByte(c.in, '\n') >= 0 {
				return false, nil
			}
			if len(c.in) > MaxLine {
				c.in, c.oversized = c.in[:0], true
				return false, nil
			}
			c.in = append(c.in, 0)[:len(c.in)] // grow, for a long line
		}
		want := cap(c.in) - len(c.in)
		n, err := r.Read(c.in[len(c.in):cap(c.in)])
		c.in = c.in[:len(c.in)+n]
		switch {
		case err == io.EOF:
			return true, nil
		case err != nil:
			return false, err
		case n < want && bytes.IndexByte(c.in[len(c.in)-n:], '\n') >= 0:
			return false, nil
		}
	}
}

// skipLine reads up to and including the next newline, returning what came
// after it in the last read.
func skipLine(r io.Reader) (rest []byte, found bool, err error) {
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return buf[i+1 : n], true, nil
		}
		if err == io.EOF {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// processor turns the lines of a chunk into results; one per worker.
type processor struct {
	t   *saq.Table
	dec *questionnaire.Decoder
	enc *report.JSONEncoder
	a   *saq.Answers
	d   *saq.Decision
	opt Options
}

func newProcessor(t *saq.Table, opts Options) *processor {
	dec := questionnaire.NewModel(t).NewDecoder()
	dec.SingleLine = true
	return &processor{t: t, dec: dec, enc: report.NewJSONEncoder(t), a: t.NewAnswers(), d: t.NewDecision(), opt: opts}
}

func (p *processor) process(c *chunk) {
	st := c.stats
	st.reset()
	if c.oversized {
		st.Lines++
		p.a.Reset() // no id: the line was never read
		p.invalid(c, c.firstLine, "the answers document is larger than 1 MiB")
		return
	}
	// Results are about ten times the size of their documents: grow once,
	// not by doubling.
	c.out = slices.Grow(c.out, 12*len(c.in))
	line := c.firstLine
	for rest := c.in; len(rest) > 0; line++ {
		doc := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			doc, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		doc = bytes.TrimSuffix(doc, []byte{'\r'}) // a CRLF line end is not part of the document
		if isBlank(doc) {
			continue // blank lines are tolerated, and give no result
		}
		st.Lines++
		if err := p.dec.Decode(doc, p.a); err != nil {
			p.invalid(c, line, err.Error())
			continue
		}
		if err := p.t.Evaluate(p.a, p.opt.Eval, p.d); err != nil {
			p.invalid(c, line, err.Error())
			continue
		}
		c.out = p.enc.AppendLine(c.out, int(line), p.d)
		c.out = append(c.out, '\n')
		p.count(st, line)
	}
}

func (p *processor) invalid(c *chunk, line int64, msg string) {
	st := c.stats
	if st.Invalid == 0 {
		st.FirstInvalid = ErrorLine{line, msg}
	}
	st.Invalid++
	if len(st.Errors) < maxErrorLines {
		st.Errors = append(st.Errors, ErrorLine{line, msg})
	}
	c.out = report.AppendError(c.out, int(line), p.a.ID, p.a.HasID, msg)
	c.out = append(c.out, '\n')
}

func (p *processor) count(st *Stats, line int64) {
	d := p.d
	st.Validation[d.Validation]++
	if d.Validation == saq.ValidationSAQ {
		st.SAQ[d.Cover]++
	}
	for b, lv := range d.Levels {
		st.Level[b][lv]++
	}
	if p.opt.Allowed != nil && !p.opt.Allowed(d) {
		if st.Unmet == 0 {
			st.FirstUnmet = line
		}
		st.Unmet++
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
