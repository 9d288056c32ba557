package report_test

import (
	"testing"

	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// decisions evaluates generated portfolio documents once, for the
// benchmarks to encode.
func decisions(b *testing.B, n int) (*saq.Table, []*saq.Decision) {
	tb, m := setup(b)
	g := portfolio.New(m, 1, asOf)
	out := make([]*saq.Decision, n)
	for i := range out {
		a := tb.NewAnswers()
		a.CopyFrom(g.Answers())
		out[i] = tb.NewDecision()
		if err := tb.Evaluate(a, saq.Options{AsOf: asOf}, out[i]); err != nil {
			b.Fatal(err)
		}
	}
	return tb, out
}

// BenchmarkEncode writes the JSON result of one decision per op.
func BenchmarkEncode(b *testing.B) {
	tb, ds := decisions(b, 1024)
	enc := report.NewJSONEncoder(tb)
	buf := make([]byte, 0, 1<<16)
	total := 0
	for _, d := range ds {
		total += len(enc.Append(buf[:0], d))
	}
	b.SetBytes(int64(total / len(ds)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = enc.Append(buf[:0], ds[i%len(ds)])
		i++
	}
}

// BenchmarkBuildResult is the reflective path text and Markdown use, for
// comparison with BenchmarkEncode.
func BenchmarkBuildResult(b *testing.B) {
	_, ds := decisions(b, 1024)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		report.Build(ds[i%len(ds)])
		i++
	}
}
