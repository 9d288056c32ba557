package batch_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/batch"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

var asOf = saq.DateOf(2026, 12, 3)

func table(t testing.TB) *saq.Table {
	t.Helper()
	tb, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func run(t *testing.T, in string, opts batch.Options) (string, *batch.Stats) {
	t.Helper()
	if opts.Eval.AsOf == 0 {
		opts.Eval.AsOf = asOf
	}
	var out bytes.Buffer
	st, err := batch.Run(strings.NewReader(in), &out, table(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), st
}

// single is what `check --output json` prints for one document, with the
// line number added as --jsonl adds it.
func single(t *testing.T, tb *saq.Table, doc []byte, line int) string {
	t.Helper()
	a := tb.NewAnswers()
	dec := questionnaire.NewModel(tb).NewDecoder()
	dec.SingleLine = true
	if err := dec.Decode(doc, a); err != nil {
		return string(report.AppendError(nil, line, a.ID, a.HasID, err.Error()))
	}
	d := tb.NewDecision()
	if err := tb.Evaluate(a, saq.Options{AsOf: asOf}, d); err != nil {
		t.Fatal(err)
	}
	return string(report.NewJSONEncoder(tb).AppendLine(nil, line, d))
}

// Every line's result is the single-document result, in input order, with
// any number of workers and chunk sizes that cut lines everywhere.
func TestResultsEqualSingleChecksInOrder(t *testing.T) {
	tb := table(t)
	g := portfolio.New(questionnaire.NewModel(tb), 7, asOf)
	var docs [][]byte
	var in []byte
	for range 5000 {
		line := g.AppendLine(nil)
		docs = append(docs, line[:len(line)-1])
		in = append(in, line...)
	}
	for _, c := range []struct{ workers, chunk int }{{1, 0}, {4, 0}, {3, 100}, {8, 1000}} {
		out, st := run(t, string(in), batch.Options{Workers: c.workers, ChunkSize: c.chunk})
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(docs) || st.Lines != int64(len(docs)) || st.Invalid != 0 {
			t.Fatalf("workers %d chunk %d: %d lines out, stats %+v", c.workers, c.chunk, len(lines), st)
		}
		for i, doc := range docs {
			if want := single(t, tb, doc, i+1); lines[i] != want {
				t.Fatalf("workers %d chunk %d, line %d:\n got  %s\n want %s", c.workers, c.chunk, i+1, lines[i], want)
			}
		}
	}
}

func TestInvalidLinesDoNotStopTheBatch(t *testing.T) {
	in := `{"id": "a", "channels": ["checkout"], "transactions": {"visa": 10}}
{"id": "b", "channels": ["nope"], "transactions": {}}
not json
{"id": "c", "channels": ["terminal"], "transactions": {"visa": -1}}
{"channels": ["elements"], "transactions": {"visa": 10}}
`
	out, st := run(t, in, batch.Options{})
	want := []string{
		`{"line":1,"id":"a","validation":"SAQ"`,
		`{"line":2,"id":"b","error":"channels[0]: unknown channel \"nope\" (expected one of: checkout, elements, connect, mobile_sdk, stripejs_v2, dashboard, terminal, direct_api)"}`,
		`{"line":3,"id":null,"error":"expected an answers document (a JSON object), got invalid JSON"}`,
		`{"line":4,"id":"c","error":"transactions.visa: expected a whole number ≥ 0, got -1"}`,
		`{"line":5,"id":null,"validation":"SAQ"`,
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("line %d:\n got  %s\n want %s…", i+1, lines[i], want[i])
		}
	}
	if st.Lines != 5 || st.Invalid != 3 || st.FirstInvalid.Line != 2 || len(st.Errors) != 3 {
		t.Errorf("stats %+v", st)
	}
}

func TestCRLFBlankLinesAndNoFinalNewline(t *testing.T) {
	doc := `{"channels": ["checkout"], "transactions": {"visa": 10}}`
	in := "\xef\xbb\xbf" + doc + "\r\n\r\n   \n" + doc + "\r\n\n" + doc
	out, st := run(t, in, batch.Options{ChunkSize: 16})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if st.Lines != 3 || st.Invalid != 0 || len(lines) != 3 {
		t.Fatalf("stats %+v:\n%s", st, out)
	}
	for i, n := range []string{"1", "4", "6"} {
		if !strings.HasPrefix(lines[i], `{"line":`+n+`,`) {
			t.Errorf("result %d: %s", i, lines[i][:20])
		}
	}
}

func TestEmptyInput(t *testing.T) {
	for _, in := range []string{"", "\n\n", "\r\n  \n"} {
		out, st := run(t, in, batch.Options{})
		if out != "" || st.Lines != 0 {
			t.Errorf("%q: %q %+v", in, out, st)
		}
	}
}

// A line of 1 MiB is a document; a longer one is an error, skipped without
// holding it, and the batch goes on.
func TestHugeLines(t *testing.T) {
	doc := `{"channels": ["checkout"], "transactions": {"visa": 10}}`
	fits := doc[:len(doc)-1] + strings.Repeat(" ", questionnaire.MaxDocumentSize-len(doc)) + "}"
	tooLong := doc + strings.Repeat(" ", questionnaire.MaxDocumentSize)
	in := fits + "\n" + tooLong + "\r\n" + doc + "\n" + tooLong
	out, st := run(t, in, batch.Options{})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 || st.Lines != 4 || st.Invalid != 2 {
		t.Fatalf("stats %+v, %d lines", st, len(lines))
	}
	if !strings.HasPrefix(lines[0], `{"line":1,"id":null,"validation":"SAQ"`) ||
		lines[1] != `{"line":2,"id":null,"error":"the answers document is larger than 1 MiB"}` ||
		!strings.HasPrefix(lines[2], `{"line":3,"id":null,"validation":"SAQ"`) ||
		lines[3] != `{"line":4,"id":null,"error":"the answers document is larger than 1 MiB"}` {
		t.Errorf("results:\n%.200s\n%.200s\n%.200s\n%.200s", lines[0], lines[1], lines[2], lines[3])
	}
}

func TestExpectationCountsAndStrict(t *testing.T) {
	in := `{"channels": ["checkout"], "transactions": {"visa": 10}}
{"channels": ["stripejs_v2"], "transactions": {"visa": 10}}
{"channels": ["terminal"], "transactions": {"visa": 10}}
`
	allowA := func(d *saq.Decision) bool {
		return d.Validation == saq.ValidationSAQ && d.Table().SAQs[d.Cover].ID == "A"
	}
	_, st := run(t, in, batch.Options{Allowed: allowA})
	if st.Unmet != 2 || st.FirstUnmet != 2 || st.Validation[saq.ValidationSAQ] != 3 {
		t.Errorf("stats %+v", st)
	}
	out, st := run(t, in, batch.Options{Eval: saq.Options{Strict: true}})
	if st.Invalid != 2 || !strings.Contains(out, `{"line":3,"id":null,"error":"terminal.p2pe: missing: it applies`) {
		t.Errorf("strict: %+v\n%s", st, out)
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 2 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

type failingReader struct{ r io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("connection reset")
	}
	return n, err
}

// Write and read errors end the run with the error, never a hang.
func TestIOErrors(t *testing.T) {
	tb := table(t)
	g := portfolio.New(questionnaire.NewModel(tb), 3, asOf)
	var in []byte
	for range 20000 {
		in = g.AppendLine(in)
	}
	if _, err := batch.Run(bytes.NewReader(in), &failingWriter{}, tb, batch.Options{ChunkSize: 4096}); err == nil || err.Error() != "disk full" {
		t.Errorf("write error: %v", err)
	}
	if _, err := batch.Run(failingReader{bytes.NewReader(in)}, io.Discard, tb, batch.Options{}); err == nil || err.Error() != "connection reset" {
		t.Errorf("read error: %v", err)
	}
}
