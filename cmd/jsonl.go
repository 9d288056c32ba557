package cmd

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/saqcheck/saqcheck/internal/batch"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// runJSONL classifies a portfolio: one answers document per line in, one
// result per line out. Exit codes come after the whole batch: 2 if any line
// was invalid, else 1 if any result missed --expect.
func (a *app) runJSONL(o *checkOptions, path string) error {
	t, opts, exp, err := o.setup(a)
	if err != nil {
		return err
	}
	in, name, closeIn, err := a.openInput(path)
	if err != nil {
		return err
	}
	defer closeIn()

	bopts := batch.Options{Eval: opts}
	if exp != nil {
		bopts.Allowed = exp.allows
	}
	var progress *progressLine
	if a.io.IsStderrTTY() {
		progress = newProgressLine(a.io.ErrOut, a.now)
		bopts.Progress = progress.update
	}
	stats, err := batch.Run(in, a.io.Out, t, bopts)
	if progress != nil {
		progress.clear()
	}
	if err != nil {
		return &inputError{msg: fmt.Sprintf("%s: %v", name, err)}
	}
	if o.summary != "" {
		if err := a.writeSummary(o.summary, t, stats); err != nil {
			return err
		}
	}
	switch {
	case stats.Invalid > 0:
		return &silentError{code: exitInput, msg: fmt.Sprintf("%s: %s of %s documents invalid (first: line %d: %s)",
			name, report.Thousands(stats.Invalid), report.Thousands(stats.Lines), stats.FirstInvalid.Line, stats.FirstInvalid.Msg)}
	case stats.Unmet > 0:
		return &expectationError{msg: fmt.Sprintf("%s: %s of %s results not allowed by --expect %s (first: line %d)",
			name, report.Thousands(stats.Unmet), report.Thousands(stats.Lines), exp.list, stats.FirstUnmet)}
	}
	return nil
}

// openInput opens FILE, or standard input for "-".
func (a *app) openInput(path string) (io.Reader, string, func(), error) {
	if path == "-" {
		if a.io.IsStdinTTY() {
			return nil, "", nil, usagef("pipe a portfolio in, or give a file (saqcheck check --jsonl portfolio.jsonl)",
				"no answers documents: standard input is a terminal")
		}
		return a.io.In, "stdin", func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, &inputError{msg: describeOpenError(path, err)}
	}
	return f, path, func() { f.Close() }, nil
}

// writeSummary writes the counts per validation, SAQ and level, and the
// invalid lines: to standard error for "-", else to the file; as Markdown
// with --output markdown, JSON with --output json, else text.
func (a *app) writeSummary(dest string, t *saq.Table, s *batch.Stats) error {
	var b []byte
	switch a.output {
	case outputMarkdown:
		b = batch.SummaryMarkdown(t, s)
	case outputJSON:
		b = batch.SummaryJSON(t, s)
	default:
		b = batch.SummaryText(t, s)
	}
	if dest == "-" {
		_, err := a.io.ErrOut.Write(b)
		return err
	}
	if err := os.WriteFile(dest, b, 0o644); err != nil {
		return &inputError{msg: fmt.Sprintf("%s: %v", dest, unwrapPathError(err))}
	}
	return nil
}

// progressLine shows records done and records/s on a terminal, at most a
// few times a second.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	shown bool
}

func newProgressLine(w io.Writer, now func() time.Time) *progressLine {
	t := now()
	return &progressLine{w: w, now: now, start: t, last: t}
}

func (p *progressLine) update(done int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last = t
	rate := float64(done) / t.Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "\r\x1b[Ksaqcheck: %s records, %s records/s", report.Thousands(done), report.Thousands(int64(rate)))
	p.shown = true
}

func (p *progressLine) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
