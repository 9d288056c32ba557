package saq_test

import (
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// BenchmarkEvaluate decides one generated portfolio document per op.
func BenchmarkEvaluate(b *testing.B) {
	tb := defaultTable(b)
	g := portfolio.New(questionnaire.NewModel(tb), 1, asOf)
	answers := make([]*saq.Answers, 1024)
	for i := range answers {
		answers[i] = tb.NewAnswers()
		answers[i].CopyFrom(g.Answers())
	}
	d := tb.NewDecision()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := tb.Evaluate(answers[i%len(answers)], saq.Options{AsOf: asOf}, d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoadEmbedded compiles the embedded, pre-parsed table: the work
// every command does at start-up.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadYAML parses and compiles the table from YAML, as --rules does.
func BenchmarkLoadYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := saq.Load(data.RulesName, data.Rules); err != nil {
			b.Fatal(err)
		}
	}
}
