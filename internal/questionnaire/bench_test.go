package questionnaire_test

import (
	"testing"

	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// BenchmarkDecode decodes generated portfolio documents, one per op.
func BenchmarkDecode(b *testing.B) {
	m := model(b)
	g := portfolio.New(m, 1, saq.DateOf(2026, 12, 3))
	docs := make([][]byte, 1024)
	size := 0
	for i := range docs {
		docs[i] = m.AppendCompact(nil, g.Answers())
		size += len(docs[i])
	}
	d := m.NewDecoder()
	a := m.Table.NewAnswers()
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := d.Decode(docs[i%len(docs)], a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
