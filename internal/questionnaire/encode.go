package questionnaire

import (
	"strconv"

	"github.com/saqcheck/saqcheck/internal/jsonenc"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// Encode writes answers as an indented answers document, fields in the
// table's question order, leaving out what was not answered. Decode reads it
// back to the same answers.
func (m *Model) Encode(a *saq.Answers) []byte {
	b := []byte("{")
	n := 0
	m.encodeObject(&b, &m.root, a, "\n  ", &n)
	if n > 0 {
		b = append(b, '\n')
	}
	return append(b, "}\n"...)
}

// AppendCompact appends answers as a one-line document, as a JSONL
// portfolio holds them.
func (m *Model) AppendCompact(dst []byte, a *saq.Answers) []byte {
	dst = append(dst, '{')
	n := 0
	m.encodeObject(&dst, &m.root, a, "", &n)
	return append(dst, '}')
}

// encodeObject writes the members of o; indent is "" for compact output,
// else a newline and the members' indentation.
func (m *Model) encodeObject(b *[]byte, o *object, a *saq.Answers, indent string, n *int) {
	member := func(name string) {
		if *n > 0 {
			*b = append(*b, ',')
		}
		*n++
		*b = append(*b, indent...)
		*b = jsonenc.AppendString(*b, name)
		*b = append(*b, ':')
		if indent != "" {
			*b = append(*b, ' ')
		}
	}
	t := m.Table
	for _, f := range o.fields {
		switch f.question {
		case idField:
			if a.HasID {
				member(f.name)
				*b = jsonenc.AppendString(*b, a.ID)
			}
			continue
		case groupField:
			inner := 0
			var sub []byte
			subIndent := ""
			if indent != "" {
				subIndent = indent + "  "
			}
			m.encodeObject(&sub, f.group, a, subIndent, &inner)
			if inner > 0 {
				member(f.name)
				*b = append(*b, '{')
				*b = append(*b, sub...)
				*b = append(*b, indent...)
				*b = append(*b, '}')
			}
			continue
		}
		q := &t.Questions[f.question]
		if !answered(q, a) {
			continue
		}
		member(f.name)
		switch q.Kind {
		case saq.KindChannels:
			*b = append(*b, '[')
			for i, c := range a.Channels {
				if i > 0 {
					*b = append(*b, ',')
					if indent != "" {
						*b = append(*b, ' ')
					}
				}
				*b = jsonenc.AppendString(*b, t.Channels[c].ID)
			}
			*b = append(*b, ']')
		case saq.KindBool:
			*b = strconv.AppendBool(*b, a.Bools[q.Slot] == 1)
		case saq.KindCounts:
			*b = append(*b, '{')
			first := true
			for br := range t.Brands {
				if a.CountSet[q.Slot]&(1<<br) == 0 {
					continue
				}
				if !first {
					*b = append(*b, ',')
					if indent != "" {
						*b = append(*b, ' ')
					}
				}
				first = false
				*b = jsonenc.AppendString(*b, t.Brands[br].ID)
				*b = append(*b, ':')
				if indent != "" {
					*b = append(*b, ' ')
				}
				*b = strconv.AppendInt(*b, a.Counts[q.Slot][br], 10)
			}
			*b = append(*b, '}')
		case saq.KindDate:
			*b = append(*b, '"')
			*b = a.Dates[q.Slot].AppendISO(*b)
			*b = append(*b, '"')
		}
	}
}
