package batch_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/saqcheck/saqcheck/internal/batch"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// FuzzBatch feeds the JSONL reader anything, cut into tiny chunks.
// Properties: it never panics or hangs; every output line is valid JSON
// with a line number, in increasing order, one per non-blank input line;
// and each equals the single-document result for that line.
func FuzzBatch(f *testing.F) {
	tb := table(f)
	g := portfolio.New(questionnaire.NewModel(tb), 9, asOf)
	var seed []byte
	for range 5 {
		seed = g.AppendLine(seed)
	}
	f.Add(seed, uint8(7))
	f.Add([]byte("{\"channels\":[\"checkout\"],\"transactions\":{}}\r\n\n  \nnot json\n{\"channels\":[\"x\"]}"), uint8(3))
	f.Add([]byte(""), uint8(1))
	f.Add([]byte("\n\n\n"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, chunk uint8) {
		var out bytes.Buffer
		st, err := batch.Run(bytes.NewReader(in), &out, tb, batch.Options{Workers: 3, ChunkSize: int(chunk) + 1, Eval: saq.Options{AsOf: asOf}})
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
		if out.Len() == 0 {
			lines = nil
		}
		if int64(len(lines)) != st.Lines {
			t.Fatalf("%d results for %d documents", len(lines), st.Lines)
		}
		inLines := bytes.Split(in, []byte("\n"))
		prev := 0
		for _, l := range lines {
			var r struct{ Line int }
			if err := json.Unmarshal(l, &r); err != nil || r.Line <= prev || r.Line > len(inLines) {
				t.Fatalf("bad result line after %d: %s (%v)", prev, l, err)
			}
			prev = r.Line
			doc := bytes.TrimSuffix(inLines[r.Line-1], []byte("\r"))
			if want := single(t, tb, doc, r.Line); string(l) != want {
				t.Fatalf("line %d:\n got  %s\n want %s", r.Line, l, want)
			}
		}
	})
}
