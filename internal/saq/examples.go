package saq

import (
	"encoding/json"

	"go.yaml.in/yaml/v3"
)

// Example is a golden case the table carries: answers and what they must
// give. `rules lint` runs them.
type Example struct {
	Name    string
	Line    int
	Answers []byte // the answers document, as JSON
	AsOf    Date   // "today" for the annual facts
	Expect  Expect
}

// DefaultExampleDate is "today" for an example without as_of.
var DefaultExampleDate = DateOf(2026, 1, 1)

// Expect is what an example's result must show; a nil or empty field is not
// checked.
type Expect struct {
	Validation string            // RoC, QSA or SAQ
	SAQ        *string           // the covering SAQ; "" in the pointer means null
	SAQs       []string          // per-channel SAQs, in table order
	HasSAQs    bool              // saqs was given (it may be empty)
	ConsultQSA *bool             //
	Channels   map[string]string // channel id -> SAQ id, "" for null
	Levels     map[string]int    // brand id -> level; 0 means no level
	HasLevels  bool              // levels was given: brands left out must have none
	Rules      []string          // row ids that must fire
}

// Examples reads the table's golden examples (once). The error, if any, is
// a TableErrors with the problems of the examples section.
func (t *Table) Examples() ([]Example, error) {
	t.examplesOnce.Do(func() {
		l := &loader{r: reader{file: t.Name}, t: t, rowIDs: t.rowIDs}
		l.examples(t.exampleNodes)
		if len(l.r.errs) > 0 {
			l.r.errs.sort()
			t.examplesErr = l.r.errs
		}
	})
	return t.examples, t.examplesErr
}

func (l *loader) examples(nodes []*yaml.Node) {
	t := l.t
	names := map[string]int{}
	for _, n := range nodes {
		m := l.r.readMapping(n, "example", "name", "as_of", "answers", "expect")
		ex := Example{Name: m.str("name", true), Line: m.line(), AsOf: DefaultExampleDate}
		if s := m.str("as_of", false); s != "" {
			d, ok := ParseDate([]byte(s))
			if !ok {
				l.r.errorf(m.val("as_of"), "example %s: as_of: expected a date as YYYY-MM-DD, got %q", ex.Name, s)
			}
			ex.AsOf = d
		}
		what := "example " + ex.Name
		m.what = what
		if prev, dup := names[ex.Name]; dup && ex.Name != "" {
			l.r.errorf(m.val("name"), "%s: duplicate name (first at line %d)", what, prev)
		}
		names[ex.Name] = ex.Line
		if v, ok := m.get("answers"); !ok {
			m.missing("answers")
		} else if v.Kind != yaml.MappingNode {
			l.r.errorf(v, "%s: answers: expected a mapping (an answers document)", what)
		} else {
			ex.Answers = nodeJSON(nil, v)
		}
		e := l.r.readMapping(m.val("expect"), what+": expect", "validation", "saq", "saqs", "consult_qsa", "channels", "levels", "rules")
		if !m.has("expect") {
			m.missing("expect")
		}
		if s := e.str("validation", false); s != "" {
			if _, ok := parseValidationKind(s); !ok {
				l.r.errorf(e.val("validation"), "%s: unknown validation %q (expected RoC, QSA or SAQ)", what, s)
			}
			ex.Expect.Validation = s
		}
		if v, ok := e.get("saq"); ok {
			s := ""
			if v.Tag != "!!null" {
				s = l.saqRef(v, what)
			}
			ex.Expect.SAQ = &s
		}
		if v, ok := e.get("saqs"); ok {
			ex.Expect.HasSAQs = true
			ex.Expect.SAQs = []string{}
			if v.Kind != yaml.SequenceNode {
				l.r.errorf(v, "%s: saqs: expected a list of SAQ ids", what)
			}
			for _, c := range v.Content {
				ex.Expect.SAQs = append(ex.Expect.SAQs, l.saqRef(c, what))
			}
		}
		if b, ok := e.boolean("consult_qsa"); ok {
			ex.Expect.ConsultQSA = &b
		}
		if v, ok := e.get("channels"); ok {
			cm := l.r.readMapping(v, what+": channels")
			ex.Expect.Channels = map[string]string{}
			for _, k := range cm.keys {
				if t.ChannelIndex(k.Value) < 0 {
					l.r.errorf(k, "%s: channels: undefined channel %q", what, k.Value)
				}
				s := ""
				if cv := cm.val(k.Value); cv.Tag != "!!null" {
					s = l.saqRef(cv, what)
				}
				ex.Expect.Channels[k.Value] = s
			}
		}
		if v, ok := e.get("levels"); ok {
			lm := l.r.readMapping(v, what+": levels")
			ex.Expect.HasLevels = true
			ex.Expect.Levels = map[string]int{}
			for _, k := range lm.keys {
				if t.BrandIndex(k.Value) < 0 {
					l.r.errorf(k, "%s: levels: undefined brand %q", what, k.Value)
				}
				n, _ := l.r.scalarInt(lm.val(k.Value), what+": levels: "+k.Value)
				ex.Expect.Levels[k.Value] = int(n)
			}
		}
		for _, r := range e.seq("rules", false) {
			id, _ := l.r.scalarString(r, what+": rules")
			if _, ok := l.rowIDs[id]; !ok && id != "" {
				l.r.errorf(r, "%s: rules: undefined row %q", what, id)
			}
			ex.Expect.Rules = append(ex.Expect.Rules, id)
		}
		t.examples = append(t.examples, ex)
	}
}

func (l *loader) saqRef(v *yaml.Node, what string) string {
	s, _ := l.r.scalarString(v, what)
	if s != "" && l.t.SAQIndex(s) < 0 {
		l.r.errorf(v, "%s: undefined SAQ %q", what, s)
	}
	return s
}

// nodeJSON writes a YAML value as JSON, keeping every scalar as written: a
// date stays the string "2026-03-31" instead of becoming a timestamp, and
// numbers keep their digits for the strict decoder to judge.
func nodeJSON(dst []byte, n *yaml.Node) []byte {
	switch n.Kind {
	case yaml.MappingNode:
		dst = append(dst, '{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, n.Content[i].Value)
			dst = append(dst, ':')
			dst = nodeJSON(dst, n.Content[i+1])
		}
		return append(dst, '}')
	case yaml.SequenceNode:
		dst = append(dst, '[')
		for i, c := range n.Content {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = nodeJSON(dst, c)
		}
		return append(dst, ']')
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float", "!!bool":
			if json.Valid([]byte(n.Value)) {
				return append(dst, n.Value...)
			}
		case "!!null":
			return append(dst, "null"...)
		}
		return appendJSONString(dst, n.Value)
	}
	return append(dst, "null"...)
}

func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
