// Package lint proves a rules table complete, unambiguous and sourced
// before it decides anything for a merchant: everything the loader checks,
// then the table explored over its whole answer space (saq.Explore), its
// sources, and its own golden examples.
package lint

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// Severity of a finding. Any finding makes `rules lint` exit 1.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem, at a line of the table.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"` // structure, gap, ambiguity, overlap, dead, threshold, source, example, coverage
	Message  string   `json:"message"`
	Rule     string   `json:"rule,omitempty"`    // the row (or channel, brand, example) it concerns
	Example  string   `json:"example,omitempty"` // an answers document that shows it, as JSON
}

// String is the finding as one line: FILE:LINE: severity: message (rule).
func (f Finding) String() string {
	where := f.File
	if f.Line > 0 {
		where = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	s := fmt.Sprintf("%s: %s: %s", where, f.Severity, f.Message)
	if f.Example != "" {
		s += ", e.g. " + f.Example
	}
	if f.Rule != "" {
		s += " (" + f.Rule + ")"
	}
	return s
}

// Report is the outcome of linting one table.
type Report struct {
	File     string     `json:"file"`
	Findings []Finding  `json:"findings"`
	Space    *saq.Space `json:"space,omitempty"` // nil when the table did not load
}

// ErrUnreadable wraps a table that is not YAML at all, too large, or not
// one document: there is nothing to lint.
var ErrUnreadable = errors.New("unreadable rules table")

// Table lints a table: parsed is its YAML already parsed (the embedded
// table), or nil to parse raw.
func Table(name string, raw []byte, parsed *yaml.Node) (*Report, error) {
	r := &Report{File: name, Findings: []Finding{}}
	var t *saq.Table
	var err error
	if parsed != nil {
		t, err = saq.LoadParsed(name, raw, parsed)
	} else {
		t, err = saq.Load(name, raw)
	}
	var tes saq.TableErrors
	switch {
	case errors.As(err, &tes) && unreadable(tes):
		return nil, fmt.Errorf("%w: %s", ErrUnreadable, tes[0].Error())
	case errors.As(err, &tes):
		for _, e := range tes {
			r.Findings = append(r.Findings, Finding{File: name, Line: e.Line, Severity: Error, Kind: "structure", Message: e.Msg})
		}
		return r, nil
	case err != nil:
		return nil, err
	}
	l := &linter{t: t, r: r, m: questionnaire.NewModel(t)}
	l.explore()
	l.sources()
	l.examples()
	slices.SortStableFunc(r.Findings, func(a, b Finding) int { return a.Line - b.Line })
	return r, nil
}

// unreadable tells a table that could not be read from one that was read
// and found wrong.
func unreadable(tes saq.TableErrors) bool {
	if len(tes) != 1 {
		return false
	}
	m := tes[0].Msg
	return strings.HasPrefix(m, "invalid YAML") || strings.HasPrefix(m, "larger than") ||
		strings.HasPrefix(m, "more than one YAML document") || strings.HasPrefix(m, "empty file")
}

type linter struct {
	t *saq.Table
	r *Report
	m *questionnaire.Model
}

func (l *linter) add(line int, sev Severity, kind, rule, msg string, example *saq.Answers) {
	f := Finding{File: l.t.Name, Line: line, Severity: sev, Kind: kind, Message: msg, Rule: rule}
	if example != nil {
		f.Example = string(l.m.AppendCompact(nil, example))
	}
	l.r.Findings = append(l.r.Findings, f)
}

func (l *linter) explore() {
	x := l.t.Explore()
	l.r.Space = &x.Space
	for _, g := range x.Gaps {
		switch g.Section {
		case "channel":
			l.add(g.Line, Error, "gap", g.Subject, "gap: no row decides channel "+g.Subject+" for these answers", g.Example)
		case "level":
			l.add(g.Line, Error, "gap", g.Subject, "gap: no level row places brand "+g.Subject+" for these answers", g.Example)
		default:
			l.add(g.Line, Error, "gap", "", "gap: no validation row decides for these answers (an SAQ needs every channel to have one)", g.Example)
		}
	}
	for _, a := range x.Ambiguities { // only sections whose hit policy is unique have them
		if a.Disagree {
			l.add(a.B.Line, Error, "ambiguity", a.B.ID,
				fmt.Sprintf("ambiguous: %s rows %s and %s both match and disagree (hit policy unique)", a.Section, a.A.ID, a.B.ID), a.Example)
		} else {
			l.add(a.B.Line, Warning, "overlap", a.B.ID,
				fmt.Sprintf("overlap: %s rows %s and %s both match, with the same outcome (hit policy unique: make them exclusive or merge them)", a.Section, a.A.ID, a.B.ID), a.Example)
		}
	}
	for _, d := range x.Dead {
		l.add(d.Row.Line, Warning, "dead", d.Row.ID, fmt.Sprintf("dead %s row: no answers reach it: %s", d.Section, d.Why), nil)
	}
	for _, p := range x.Thresholds {
		l.add(p.Brand.Line, Error, "threshold", p.Brand.ID, p.Msg, nil)
	}
}

// sources checks that every row that decides something cites a source, and
// that every source is cited.
func (l *linter) sources() {
	t := l.t
	used := map[*saq.Source]bool{}
	check := func(r *saq.Row, section string) {
		if r.Source.Source != nil {
			used[r.Source.Source] = true
		}
		if r.Source.Text == "" {
			l.add(r.Line, Error, "source", r.ID, section+" row without a source: every decision must cite one", nil)
		}
	}
	for c := range t.Channels {
		for i := range t.Channels[c].Rules {
			check(&t.Channels[c].Rules[i].Row, "channel")
		}
	}
	for b := range t.Brands {
		for i := range t.Brands[b].Levels {
			check(&t.Brands[b].Levels[i].Row, "level")
		}
	}
	for i := range t.Validation {
		check(&t.Validation[i].Row, "validation")
	}
	for i := range t.Submit {
		check(&t.Submit[i].Row, "submit")
	}
	for i := range t.Advice {
		check(&t.Advice[i].Row, "advice")
	}
	for i := range t.SAQs {
		if t.SAQs[i].Source.Source != nil {
			used[t.SAQs[i].Source.Source] = true
		}
		if t.SAQs[i].Source.Text == "" {
			l.add(t.SAQs[i].Line, Error, "source", t.SAQs[i].ID, "SAQ without a source for its size and ASV-scan facts", nil)
		}
	}
	for i := range t.Questions {
		if s := t.Questions[i].Source.Source; s != nil {
			used[s] = true
		}
	}
	if t.Site != nil {
		for id, c := range t.Site.Checks {
			if c.Source.Source != nil {
				used[c.Source.Source] = true
			}
			if c.Source.Text == "" {
				l.add(t.Site.Line, Error, "source", id, "site check "+id+" without a source", nil)
			}
		}
		for _, c := range t.Site.CSP {
			if c.Source.Source != nil {
				used[c.Source.Source] = true
			}
			if c.Source.Text == "" {
				l.add(c.Line, Error, "source", c.Channel, "site csp for "+c.Channel+" without a source", nil)
			}
		}
	}
	for i := range t.Sources {
		if !used[&t.Sources[i]] {
			l.add(t.Sources[i].Line, Warning, "source", t.Sources[i].ID, "source "+t.Sources[i].ID+" is cited by no row", nil)
		}
	}
}

// examples runs the table's golden examples, and lists the rows none of
// them exercises.
func (l *linter) examples() {
	t := l.t
	examples, err := t.Examples()
	var tes saq.TableErrors
	if errors.As(err, &tes) {
		for _, e := range tes {
			l.add(e.Line, Error, "structure", "", e.Msg, nil)
		}
	}
	fired := map[string]bool{}
	dec := l.m.NewDecoder()
	for _, ex := range examples {
		if ex.Answers == nil {
			continue // reported by the loader
		}
		a, d := t.NewAnswers(), t.NewDecision()
		if err := dec.Decode(ex.Answers, a); err != nil {
			l.add(ex.Line, Error, "example", ex.Name, "example "+ex.Name+": invalid answers: "+err.Error(), nil)
			continue
		}
		if err := t.Evaluate(a, saq.Options{AsOf: ex.AsOf}, d); err != nil {
			l.add(ex.Line, Error, "example", ex.Name, "example "+ex.Name+": "+err.Error(), nil)
			continue
		}
		got := firedRows(d)
		for _, id := range got {
			fired[id] = true
		}
		for _, problem := range compare(d, &ex.Expect, got) {
			l.add(ex.Line, Error, "example", ex.Name, "example "+ex.Name+": "+problem, nil)
		}
	}
	if len(examples) == 0 {
		l.add(0, Warning, "coverage", "", "the table has no examples: add some under `examples` so lint can check its outcomes", nil)
		return
	}
	for _, r := range allRows(t) {
		if !fired[r.ID] {
			l.add(r.Line, Warning, "coverage", r.ID, "no example exercises row "+r.ID, nil)
		}
	}
}

func allRows(t *saq.Table) []*saq.Row {
	var rows []*saq.Row
	for c := range t.Channels {
		for i := range t.Channels[c].Rules {
			rows = append(rows, &t.Channels[c].Rules[i].Row)
		}
	}
	for b := range t.Brands {
		for i := range t.Brands[b].Levels {
			rows = append(rows, &t.Brands[b].Levels[i].Row)
		}
	}
	for i := range t.Validation {
		rows = append(rows, &t.Validation[i].Row)
	}
	for i := range t.Submit {
		rows = append(rows, &t.Submit[i].Row)
	}
	for i := range t.Advice {
		rows = append(rows, &t.Advice[i].Row)
	}
	return rows
}

// firedRows lists the ids of the rows that decided or held for d.
func firedRows(d *saq.Decision) []string {
	t := d.Table()
	var ids []string
	for _, c := range d.Channels {
		if c.Rule >= 0 {
			ids = append(ids, t.Channels[c.Channel].Rules[c.Rule].ID)
		}
	}
	for b, r := range d.LevelRule {
		if d.Levels[b] != 0 && r >= 0 {
			ids = append(ids, t.Brands[b].Levels[r].ID)
		}
	}
	if d.ValidationRow >= 0 {
		ids = append(ids, t.Validation[d.ValidationRow].ID)
	}
	for _, i := range d.Submit {
		ids = append(ids, t.Submit[i].ID)
	}
	for _, i := range d.Advice {
		ids = append(ids, t.Advice[i].ID)
	}
	return ids
}

// compare lists how d differs from what an example expects.
func compare(d *saq.Decision, e *saq.Expect, fired []string) []string {
	t := d.Table()
	var out []string
	differ := func(field string, got, want any) {
		out = append(out, fmt.Sprintf("%s is %v, expected %v", field, show(got), show(want)))
	}
	if e.Validation != "" && d.Validation.String() != e.Validation {
		differ("validation", d.Validation.String(), e.Validation)
	}
	cover := ""
	var saqs []string
	if d.Validation == saq.ValidationSAQ {
		cover = t.SAQs[d.Cover].ID
		for _, s := range d.SAQs() {
			saqs = append(saqs, t.SAQs[s].ID)
		}
	}
	if e.SAQ != nil && cover != *e.SAQ {
		differ("saq", cover, *e.SAQ)
	}
	if e.HasSAQs && !slices.Equal(saqs, e.SAQs) {
		differ("saqs", saqs, e.SAQs)
	}
	if e.ConsultQSA != nil && d.ConsultQSA != *e.ConsultQSA {
		differ("consult_qsa", d.ConsultQSA, *e.ConsultQSA)
	}
	if e.Channels != nil {
		got := map[string]string{}
		for _, c := range d.Channels {
			s := ""
			if c.SAQ != saq.NoSAQ {
				s = t.SAQs[c.SAQ].ID
			}
			got[t.Channels[c.Channel].ID] = s
		}
		if !reflect.DeepEqual(got, e.Channels) {
			differ("channels", got, e.Channels)
		}
	}
	if e.HasLevels {
		got := map[string]int{}
		for b, lv := range d.Levels {
			if lv != 0 {
				got[t.Brands[b].ID] = int(lv)
			}
		}
		want := map[string]int{}
		for k, v := range e.Levels {
			if v != 0 {
				want[k] = v
			}
		}
		if !reflect.DeepEqual(got, want) {
			differ("levels", got, want)
		}
	}
	for _, id := range e.Rules {
		if !slices.Contains(fired, id) {
			out = append(out, "row "+id+" did not fire")
		}
	}
	return out
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "null"
		}
		return v
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	case map[string]string:
		var parts []string
		for k, s := range v {
			parts = append(parts, k+": "+show(s))
		}
		slices.Sort(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	case map[string]int:
		var parts []string
		for k, n := range v {
			parts = append(parts, fmt.Sprintf("%s: %d", k, n))
		}
		slices.Sort(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}
