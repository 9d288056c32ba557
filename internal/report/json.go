package report

import (
	"slices"
	"strconv"

	"github.com/saqcheck/saqcheck/internal/jsonenc"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// JSONEncoder writes results as compact JSON, byte for byte what
// encoding/json writes for Result, without reflection or allocation: every
// string the table holds is escaped once, here.
type JSONEncoder struct {
	t          *saq.Table
	brandOrder []int      // brands sorted by id, as encoding/json sorts map keys
	saqs       []string   // `"A"`
	channels   []string   // `{"channel":"checkout","saq":`
	rules      [][]string // per channel, per rule: `,"rule":"…","reason":"…","source":"…"}`
	levelKeys  []string   // `"visa":`
	levelRules [][]string // per brand, per row: `"visa-level-1"`
	assumed    []string   // per question: its escaped assumption, quoted
	ignored    []string   // per question: the ignored warning, quoted
	valRules   []string   // per validation row: `"id"`
	tail       string     // `,"rules_revision":"…","pci_dss":"…"}`
	gapChannel string
	// Texts with their literal parts escaped once.
	valReasons, submit, advice []*saq.Escaped
	ecommerce                  *saq.Escaped
}

// NewJSONEncoder prepares the escaped fragments of the table.
func NewJSONEncoder(t *saq.Table) *JSONEncoder {
	e := &JSONEncoder{t: t}
	for i := range t.Brands {
		e.brandOrder = append(e.brandOrder, i)
	}
	slices.SortFunc(e.brandOrder, func(a, b int) int {
		if t.Brands[a].ID < t.Brands[b].ID {
			return -1
		}
		return 1
	})
	for _, s := range t.SAQs {
		e.saqs = append(e.saqs, quote(s.ID))
	}
	for _, c := range t.Channels {
		e.channels = append(e.channels, `{"channel":`+quote(c.ID)+`,"saq":`)
		var rules []string
		for _, r := range c.Rules {
			rules = append(rules, `,"rule":`+quote(r.ID)+`,"reason":`+quote(r.Reason)+`,"source":`+quote(r.Source.Text)+`}`)
		}
		e.rules = append(e.rules, rules)
	}
	e.gapChannel = `,"rule":null,"reason":` + quote(msgChannelGap) + `,"source":""}`
	for _, b := range t.Brands {
		e.levelKeys = append(e.levelKeys, quote(b.ID)+":")
		var rows []string
		for _, r := range b.Levels {
			rows = append(rows, quote(r.ID))
		}
		e.levelRules = append(e.levelRules, rows)
	}
	for _, q := range t.Questions {
		e.assumed = append(e.assumed, quote(q.Assumption))
		e.ignored = append(e.ignored, quote(ignoredWarning(q.ID)))
	}
	x := t.Escaping(escapeJSON)
	for i, r := range t.Validation {
		e.valRules = append(e.valRules, quote(r.ID))
		e.valReasons = append(e.valReasons, x.Template(&t.Validation[i].Reason))
	}
	for i := range t.Submit {
		e.submit = append(e.submit, x.Template(&t.Submit[i].Text))
	}
	for i := range t.Advice {
		e.advice = append(e.advice, x.Template(&t.Advice[i].Text))
	}
	e.ecommerce = x.Template(&t.Levels.EcommerceAssumption)
	e.tail = `,"rules_revision":` + quote(t.Revision) + `,"pci_dss":` + quote(t.PCIDSS) + `}`
	return e
}

// Append writes the result for d.
func (e *JSONEncoder) Append(dst []byte, d *saq.Decision) []byte {
	dst = append(dst, '{')
	return e.appendFields(dst, d)
}

// AppendLine writes the result for d with its JSONL line number first.
func (e *JSONEncoder) AppendLine(dst []byte, line int, d *saq.Decision) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(line), 10)
	dst = append(dst, ',')
	return e.appendFields(dst, d)
}

// AppendError writes a JSONL error line: {"line":N,"id":…,"error":"…"}.
func AppendError(dst []byte, line int, id []byte, hasID bool, msg string) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(line), 10)
	dst = append(dst, `,"id":`...)
	if hasID {
		dst = jsonenc.AppendString(dst, id)
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"error":`...)
	dst = jsonenc.AppendString(dst, msg)
	return append(dst, '}')
}

func (e *JSONEncoder) appendFields(dst []byte, d *saq.Decision) []byte {
	t := e.t
	a := d.Answers
	dst = append(dst, `"id":`...)
	if a.HasID {
		dst = jsonenc.AppendString(dst, a.ID)
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"validation":"`...)
	dst = append(dst, d.Validation.String()...)
	dst = append(dst, `","validation_rule":`...)
	if d.ValidationRow >= 0 {
		dst = append(dst, e.valRules[d.ValidationRow]...)
		dst = append(dst, `,"validation_reason":"`...)
		dst = e.valReasons[d.ValidationRow].Append(dst, d)
		dst = append(dst, '"')
	} else {
		dst = append(dst, `null,"validation_reason":`...)
		dst = jsonenc.AppendString(dst, msgValidationGap)
	}
	dst = append(dst, `,"saq":`...)
	if d.Validation == saq.ValidationSAQ {
		dst = append(dst, e.saqs[d.Cover]...)
		dst = append(dst, `,"saqs":[`...)
		first := true
		for s := range t.SAQs {
			if d.SAQSet&(1<<s) != 0 {
				if !first {
					dst = append(dst, ',')
				}
				first = false
				dst = append(dst, e.saqs[s]...)
			}
		}
		dst = append(dst, ']')
	} else {
		dst = append(dst, `null,"saqs":[]`...)
	}
	dst = append(dst, `,"consult_qsa":`...)
	dst = strconv.AppendBool(dst, d.ConsultQSA)
	dst = append(dst, `,"channels":[`...)
	for i, c := range d.Channels {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, e.channels[c.Channel]...)
		if c.SAQ == saq.NoSAQ {
			dst = append(dst, "null"...)
		} else {
			dst = append(dst, e.saqs[c.SAQ]...)
		}
		if c.Rule >= 0 {
			dst = append(dst, e.rules[c.Channel][c.Rule]...)
		} else {
			dst = append(dst, e.gapChannel...)
		}
	}
	dst = append(dst, `],"merchant_level":{"by_brand":{`...)
	first := true
	for _, b := range e.brandOrder {
		if d.Levels[b] != 0 {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(dst, e.levelKeys[b]...)
			dst = strconv.AppendInt(dst, int64(d.Levels[b]), 10)
		}
	}
	dst = append(dst, `},"rules":{`...)
	first = true
	for _, b := range e.brandOrder {
		if d.Levels[b] != 0 {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(dst, e.levelKeys[b]...)
			dst = append(dst, e.levelRules[b][d.LevelRule[b]]...)
		}
	}
	dst = append(dst, `}},"submit":[`...)
	for i, r := range d.Submit {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendTemplate(dst, e.submit[r], d)
	}
	dst = append(dst, `],"assumptions":[`...)
	n := 0
	for _, q := range d.Assumed {
		dst = comma(dst, n)
		n++
		dst = append(dst, e.assumed[q]...)
	}
	if d.EcommerceAssumed != 0 {
		dst = comma(dst, n)
		dst = appendTemplate(dst, e.ecommerce, d)
	}
	dst = append(dst, `],"warnings":[`...)
	n = 0
	for _, q := range d.Ignored {
		dst = comma(dst, n)
		n++
		dst = append(dst, e.ignored[q]...)
	}
	if d.ChannelFallthrough != 0 || d.LevelFallthrough != 0 || d.ValidationRow < 0 {
		// Gaps in the table: rare, so the simple path is fine.
		forEachGap(d, func(s string) {
			dst = comma(dst, n)
			n++
			dst = jsonenc.AppendString(dst, s)
		})
	}
	for _, i := range d.Advice {
		if t.Advice[i].Kind == saq.Warning {
			dst = comma(dst, n)
			n++
			dst = appendTemplate(dst, e.advice[i], d)
		}
	}
	dst = append(dst, `],"recommendations":[`...)
	n = 0
	for _, i := range d.Advice {
		if t.Advice[i].Kind == saq.Recommendation {
			dst = comma(dst, n)
			n++
			dst = appendTemplate(dst, e.advice[i], d)
		}
	}
	dst = append(dst, ']')
	return append(dst, e.tail...)
}

func comma(dst []byte, n int) []byte {
	if n > 0 {
		return append(dst, ',')
	}
	return dst
}

func appendTemplate(dst []byte, tpl *saq.Escaped, d *saq.Decision) []byte {
	dst = append(dst, '"')
	dst = tpl.Append(dst, d)
	return append(dst, '"')
}

// escapeJSON is jsonenc.AppendEscaped as a saq.Escaper, for templates.
func escapeJSON(dst []byte, s string) []byte { return jsonenc.AppendEscaped(dst, s) }

func quote(s string) string { return string(jsonenc.AppendString(nil, s)) }
