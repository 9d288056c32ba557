package saq_test

import (
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// FuzzLoad feeds the rules-table loader anything (seeded with the default
// table and small edits of it). Properties: it never panics and answers
// fast; a table it accepts evaluates documents without error, whatever its
// gaps; its errors name the file.
func FuzzLoad(f *testing.F) {
	f.Add(data.Rules)
	for _, edit := range [][2]string{
		{"saq: C-VT", "saq: null"}, {"gt: 6000000", "gt: 6_000_000"}, {"covers: all", "covers: [A]"},
		{"hit_policy:", "hit_policy: first\nx:"}, {"  - id: connect\n", "  - &c\n    id: connect\n"},
	} {
		f.Add([]byte(strings.Replace(string(data.Rules), edit[0], edit[1], 1)))
	}
	f.Add([]byte("a: &a [1]\nb: [*a, *a]\n"))
	f.Add([]byte("revision: x\n"))
	docs := [][]byte{
		[]byte(`{"channels": ["checkout"], "transactions": {"visa": 6000001}}`),
		[]byte(`{"channels": ["elements", "terminal"], "transactions": {"visa": 999999, "amex": 2500000}, "deemed_level1": true}`),
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tb, err := saq.Load("fuzz.yaml", raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		m := questionnaire.NewModel(tb)
		for _, doc := range docs {
			a := tb.NewAnswers()
			if m.NewDecoder().Decode(doc, a) != nil {
				continue // this table asks other questions
			}
			if err := tb.Evaluate(a, saq.Options{}, tb.NewDecision()); err != nil {
				t.Fatalf("a loaded table failed to evaluate: %v", err)
			}
		}
	})
}
