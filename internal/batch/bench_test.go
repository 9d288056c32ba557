package batch_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/saqcheck/saqcheck/internal/batch"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// BenchmarkRun classifies a generated portfolio held in memory, writing to
// io.Discard: the batch pipeline without the kernel's I/O. One op is one
// document.
func BenchmarkRun(b *testing.B) {
	t := table(b)
	g := portfolio.New(questionnaire.NewModel(t), 1, asOf)
	var in []byte
	const docs = 100000
	for range docs {
		in = g.AppendLine(in)
	}
	b.SetBytes(int64(len(in) / docs))
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += docs {
		if _, err := batch.Run(bytes.NewReader(in), io.Discard, t, batch.Options{Eval: saq.Options{AsOf: asOf}}); err != nil {
			b.Fatal(err)
		}
	}
}
