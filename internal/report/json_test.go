package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

var asOf = saq.DateOf(2026, 12, 3)

func setup(t testing.TB) (*saq.Table, *questionnaire.Model) {
	t.Helper()
	tb, err := saq.Load(data.RulesName, data.Rules)
	if err != nil {
		t.Fatal(err)
	}
	return tb, questionnaire.NewModel(tb)
}

// reference is what encoding/json writes for the Result.
func reference(t testing.TB, d *saq.Decision) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(report.Build(d)); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// The hand-written encoder writes exactly what encoding/json writes for
// the Result, over many generated documents.
func TestJSONEncoderMatchesEncodingJSON(t *testing.T) {
	tb, m := setup(t)
	enc := report.NewJSONEncoder(tb)
	g := portfolio.New(m, 1, asOf)
	d := tb.NewDecision()
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var buf []byte
	for i := range n {
		a := g.Answers()
		if err := tb.Evaluate(a, saq.Options{AsOf: asOf}, d); err != nil {
			t.Fatal(err)
		}
		buf = enc.Append(buf[:0], d)
		if want := reference(t, d); !bytes.Equal(buf, want) {
			t.Fatalf("document %d (%s):\n got  %s\n want %s", i, m.AppendCompact(nil, a), buf, want)
		}
	}
}

func TestJSONEscapesIDs(t *testing.T) {
	tb, m := setup(t)
	enc := report.NewJSONEncoder(tb)
	for _, id := range []string{`plain`, `a "quoted" \ back`, "tab\tnew\nline\x01\x1f", "<html> & café 😀", "line\u2028para\u2029", ""} {
		raw, _ := json.Marshal(id)
		doc := `{"id": ` + string(raw) + `, "channels": ["checkout"], "transactions": {"visa": 1}}`
		a := tb.NewAnswers()
		if err := m.NewDecoder().Decode([]byte(doc), a); err != nil {
			t.Fatal(err)
		}
		d := tb.NewDecision()
		tb.Evaluate(a, saq.Options{AsOf: asOf}, d)
		if got, want := enc.Append(nil, d), reference(t, d); !bytes.Equal(got, want) {
			t.Errorf("id %q:\n got  %s\n want %s", id, got, want)
		}
	}
}

func TestAppendLine(t *testing.T) {
	tb, m := setup(t)
	enc := report.NewJSONEncoder(tb)
	a := tb.NewAnswers()
	m.NewDecoder().Decode([]byte(`{"channels": ["checkout"], "transactions": {"visa": 1}}`), a)
	d := tb.NewDecision()
	tb.Evaluate(a, saq.Options{AsOf: asOf}, d)
	single, line := enc.Append(nil, d), enc.AppendLine(nil, 42, d)
	if want := append([]byte(`{"line":42,`), single[1:]...); !bytes.Equal(line, want) {
		t.Errorf("line:\n%s\nwant\n%s", line, want)
	}
	e := report.AppendError(nil, 7, []byte(`a"b`), true, "transactions: missing (required)")
	if string(e) != `{"line":7,"id":"a\"b","error":"transactions: missing (required)"}` {
		t.Errorf("error line: %s", e)
	}
	if e := report.AppendError(nil, 8, nil, false, "x"); string(e) != `{"line":8,"id":null,"error":"x"}` {
		t.Errorf("error line without id: %s", e)
	}
}

// Evaluating and encoding allocate nothing per document: the engine is
// compiled once, the buffers are reused.
func TestEvaluateAndEncodeDoNotAllocate(t *testing.T) {
	tb, m := setup(t)
	enc := report.NewJSONEncoder(tb)
	a := tb.NewAnswers()
	doc := `{"id": "acme", "channels": ["elements", "terminal", "direct_api"], "transactions": {"visa": 500000, "mastercard": 20000}, "last_validated": "2025-12-20"}`
	if err := m.NewDecoder().Decode([]byte(doc), a); err != nil {
		t.Fatal(err)
	}
	d := tb.NewDecision()
	buf := make([]byte, 0, 1<<16)
	allocs := testing.AllocsPerRun(200, func() {
		tb.Evaluate(a, saq.Options{AsOf: asOf}, d)
		buf = enc.Append(buf[:0], d)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per document", allocs)
	}
	if !strings.Contains(string(buf), "No e-commerce count for Visa and Mastercard") {
		t.Errorf("the document does not exercise templates: %s", buf)
	}
}
