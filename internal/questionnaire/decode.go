package questionnaire

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// MaxDocumentSize is the largest answers document saqcheck reads.
const MaxDocumentSize = 1 << 20

// Decoder decodes answers documents strictly against a Model. It keeps
// scratch space between calls, so use one per goroutine.
type Decoder struct {
	m *Model
	s scanner
	// SingleLine gives syntax error positions as a column only, for JSONL.
	SingleLine bool
	scratch    []byte
}

// NewDecoder returns a decoder for the model's answers documents.
func (m *Model) NewDecoder() *Decoder { return &Decoder{m: m} }

// Decode parses one answers document into a, which it resets first. The
// error, if any, is a *saq.InputError naming the JSON path.
func (d *Decoder) Decode(data []byte, a *saq.Answers) error {
	a.Reset()
	if len(data) > MaxDocumentSize {
		return &saq.InputError{Msg: "the answers document is larger than 1 MiB"}
	}
	d.s = scanner{data: data}
	if bytes.HasPrefix(data, utf8BOM) {
		d.s.pos = len(utf8BOM)
	}
	d.s.ws()
	switch d.s.peek() {
	case '{':
	case 0:
		return &saq.InputError{Msg: "empty input: expected an answers document (a JSON object)"}
	default:
		return &saq.InputError{Msg: "expected an answers document (a JSON object), got " + d.s.describe()}
	}
	if err := d.object(&d.m.root, a); err != nil {
		return err
	}
	d.s.ws()
	if d.s.pos < len(d.s.data) {
		return d.syntax("", &syntaxErr{d.s.pos, "unexpected data after the answers document"})
	}
	return d.complete(a)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// syntax turns a scanner error into an InputError with its position.
func (d *Decoder) syntax(path string, e *syntaxErr) error {
	var b strings.Builder
	b.WriteString("invalid JSON at ")
	line, col := 1, 1
	for _, c := range d.s.data[:min(e.pos, len(d.s.data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	if !d.SingleLine {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(line))
		b.WriteString(", ")
	}
	b.WriteString("column ")
	b.WriteString(strconv.Itoa(col))
	b.WriteString(": ")
	b.WriteString(e.msg)
	if e.pos >= len(d.s.data) && e.msg != "unexpected data after the answers document" {
		b.WriteString(" (the input ends too early)")
	}
	return &saq.InputError{Path: path, Msg: b.String()}
}

func typeErr(path, want, got string) error {
	return &saq.InputError{Path: path, Msg: "expected " + want + ", got " + got}
}

// object decodes the members of a root or group object.
func (d *Decoder) object(o *object, a *saq.Answers) error {
	s := &d.s
	s.pos++ // '{'
	var seen uint64
	s.ws()
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		s.ws()
		key, err := d.key(o.path)
		if err != nil {
			return err
		}
		fi := o.lookup(key)
		if fi < 0 {
			return unknownField(o.path, key, o.names)
		}
		f := &o.fields[fi]
		path := f.path
		if seen&(1<<fi) != 0 {
			return &saq.InputError{Path: path, Msg: "duplicate field"}
		}
		seen |= 1 << fi
		s.ws()
		if err := d.value(f, path, a); err != nil {
			return err
		}
		if done, serr := d.memberEnd(); serr != nil {
			return d.syntax(path, serr)
		} else if done {
			return nil
		}
	}
}

// memberEnd reads what follows an object member: ',' (more to come) or
// '}' (done).
func (d *Decoder) memberEnd() (done bool, err *syntaxErr) {
	s := &d.s
	s.ws()
	switch s.peek() {
	case ',':
		s.pos++
		return false, nil
	case '}':
		s.pos++
		return true, nil
	}
	return false, &syntaxErr{s.pos, "expected ',' or '}' after a field"}
}

// key reads a member name and the ':' after it.
func (d *Decoder) key(path string) ([]byte, error) {
	s := &d.s
	if s.peek() != '"' {
		return nil, d.syntax(path, &syntaxErr{s.pos, "expected a field name in double quotes"})
	}
	raw, escaped, serr := s.str()
	if serr != nil {
		return nil, d.syntax(path, serr)
	}
	if escaped {
		var ok bool
		if d.scratch, ok = unescape(d.scratch[:0], raw); !ok {
			return nil, d.syntax(path, &syntaxErr{s.pos, "lone UTF-16 surrogate in string"})
		}
		raw = d.scratch
	}
	s.ws()
	if s.peek() != ':' {
		return nil, d.syntax(path, &syntaxErr{s.pos, "expected ':' after a field name"})
	}
	s.pos++
	return raw, nil
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func unknownField(prefix string, key []byte, names string) error {
	if LooksLikeCardNumber(key) {
		return cardNumberErr(join(prefix, "(a field)"))
	}
	return &saq.InputError{Path: join(prefix, quoteKey(key)), Msg: "unknown field (expected one of: " + names + ")"}
}

// quoteKey shows a field name as is when it is a plain word, else quoted.
func quoteKey(key []byte) string {
	plain := len(key) > 0 && len(key) <= 64
	for _, c := range key {
		plain = plain && (c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
	}
	if plain {
		return string(key)
	}
	if len(key) > 64 {
		key = key[:64]
	}
	return strconv.Quote(string(key))
}

func cardNumberErr(path string) error {
	return &saq.InputError{Path: path, Msg: "looks like a card number, so the document is refused (the value is not shown): saqcheck never needs card data; remove it"}
}

// value decodes the value of one field.
func (d *Decoder) value(f *field, path string, a *saq.Answers) error {
	s := &d.s
	switch f.question {
	case idField:
		if s.peek() != '"' {
			return typeErr(path, "a string", s.describe())
		}
		raw, escaped, serr := s.str()
		if serr != nil {
			return d.syntax(path, serr)
		}
		a.ID = append(a.ID[:0], raw...)
		if escaped {
			var ok bool
			if a.ID, ok = unescape(a.ID[:0], raw); !ok {
				return d.syntax(path, &syntaxErr{s.pos, "lone UTF-16 surrogate in string"})
			}
		}
		if LooksLikeCardNumber(a.ID) {
			a.ID = a.ID[:0]
			return cardNumberErr(path)
		}
		a.HasID = true
		return nil
	case groupField:
		if s.peek() != '{' {
			return typeErr(path, "an object", s.describe())
		}
		return d.object(f.group, a)
	}
	q := &d.m.Table.Questions[f.question]
	switch q.Kind {
	case saq.KindChannels:
		return d.channels(path, a)
	case saq.KindBool:
		switch s.peek() {
		case 't', 'f':
			lit, serr := s.literal()
			if serr != nil {
				return d.syntax(path, serr)
			}
			a.Bools[q.Slot] = 0
			if lit == "true" {
				a.Bools[q.Slot] = 1
			}
			return nil
		}
		return d.wrongType(path, "true or false")
	case saq.KindCounts:
		if s.peek() != '{' {
			return typeErr(path, "an object of counts per card brand", s.describe())
		}
		a.AnsweredCounts[q.Slot] = true
		return d.counts(q, path, a)
	case saq.KindDate:
		if s.peek() != '"' {
			return typeErr(path, "a date as \"YYYY-MM-DD\"", s.describe())
		}
		raw, _, serr := s.str()
		if serr != nil {
			return d.syntax(path, serr)
		}
		dt, ok := saq.ParseDate(raw)
		if !ok {
			return &saq.InputError{Path: path, Msg: "expected a date as \"YYYY-MM-DD\", got " + echo(raw, true)}
		}
		a.Dates[q.Slot] = dt
		a.DateSet[q.Slot] = true
		return nil
	}
	return &saq.InputError{Path: path, Msg: "unsupported question kind " + string(q.Kind)}
}

// wrongType reports a value of the wrong type, showing a short scalar.
func (d *Decoder) wrongType(path, want string) error {
	s := &d.s
	got := s.describe()
	switch c := s.peek(); {
	case c == '"':
		if raw, _, err := s.str(); err == nil {
			got = "the string " + echo(raw, true)
		}
	case c == '-' || '0' <= c && c <= '9':
		if _, _, raw, err := s.number(); err == nil {
			if LooksLikeCardNumber(raw) {
				return cardNumberErr(path)
			}
			got = echo(raw, false)
		}
	case c == 'n':
		got = "null"
	}
	return typeErr(path, want, got)
}

// echo shows a short piece of input in a message, never a card number.
func echo(raw []byte, quote bool) string {
	if LooksLikeCardNumber(raw) {
		return "a value that looks like a card number (not shown)"
	}
	if len(raw) > 40 {
		raw = append(raw[:40:40], "…"...)
	}
	if quote {
		return strconv.Quote(string(raw))
	}
	return string(raw)
}

func (d *Decoder) channels(path string, a *saq.Answers) error {
	s := &d.s
	if s.peek() != '[' {
		return typeErr(path, "an array of channel ids", s.describe())
	}
	s.pos++
	s.ws()
	if s.peek() == ']' {
		return &saq.InputError{Path: path, Msg: "empty: name at least one channel (" + d.channelNames() + ")"}
	}
	t := d.m.Table
	for i := 0; ; i++ {
		s.ws()
		if s.peek() != '"' {
			if i > 0 && s.peek() == ']' {
				return d.syntax(path, &syntaxErr{s.pos, "expected a value after ','"})
			}
			return typeErr(elemPath(path, i), "a channel id string", s.describe())
		}
		raw, escaped, serr := s.str()
		if serr != nil {
			return d.syntax(elemPath(path, i), serr)
		}
		if escaped {
			var ok bool
			if d.scratch, ok = unescape(d.scratch[:0], raw); !ok {
				return d.syntax(elemPath(path, i), &syntaxErr{s.pos, "lone UTF-16 surrogate in string"})
			}
			raw = d.scratch
		}
		c := -1
		for j := range t.Channels {
			if t.Channels[j].ID == string(raw) {
				c = j
				break
			}
		}
		if c < 0 {
			return &saq.InputError{Path: elemPath(path, i), Msg: "unknown channel " + echo(raw, true) + " (expected one of: " + d.channelNames() + ")"}
		}
		if !a.AddChannel(c) {
			return &saq.InputError{Path: elemPath(path, i), Msg: "duplicate channel " + strconv.Quote(t.Channels[c].ID)}
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return d.syntax(path, &syntaxErr{s.pos, "expected ',' or ']' in the array"})
		}
	}
}

func elemPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *Decoder) channelNames() string {
	ids := make([]string, len(d.m.Table.Channels))
	for i, c := range d.m.Table.Channels {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// counts decodes an object of per-brand counts.
func (d *Decoder) counts(q *saq.Question, path string, a *saq.Answers) error {
	s := &d.s
	t := d.m.Table
	s.pos++ // '{'
	s.ws()
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		s.ws()
		key, err := d.key(path)
		if err != nil {
			return err
		}
		b := -1
		for j := range t.Brands {
			if q.Brands&(1<<j) != 0 && t.Brands[j].ID == string(key) {
				b = j
				break
			}
		}
		if b < 0 {
			return unknownField(path, key, d.brandNames(q))
		}
		if a.CountSet[q.Slot]&(1<<b) != 0 {
			return &saq.InputError{Path: countPath(q, &t.Brands[b]), Msg: "duplicate field"}
		}
		s.ws()
		c := s.peek()
		if c != '-' && (c < '0' || c > '9') {
			return d.wrongType(countPath(q, &t.Brands[b]), "a whole number ≥ 0")
		}
		n, kind, raw, serr := s.number()
		if serr != nil {
			return d.syntax(countPath(q, &t.Brands[b]), serr)
		}
		if LooksLikeCardNumber(raw) {
			return cardNumberErr(countPath(q, &t.Brands[b]))
		}
		switch kind {
		case numNegative, numFraction:
			return typeErr(countPath(q, &t.Brands[b]), "a whole number ≥ 0", echo(raw, false))
		case numTooLarge:
			return &saq.InputError{Path: countPath(q, &t.Brands[b]), Msg: echo(raw, false) + " is too large (at most " + strconv.FormatInt(MaxCount, 10) + ")"}
		}
		a.SetCount(q.Slot, b, n)
		if done, serr := d.memberEnd(); serr != nil {
			return d.syntax(countPath(q, &t.Brands[b]), serr)
		} else if done {
			return nil
		}
	}
}

// countPath names a count in messages; built only when one is needed.
func countPath(q *saq.Question, b *saq.Brand) string { return q.ID + "." + b.ID }

func (d *Decoder) brandNames(q *saq.Question) string {
	var ids []string
	for j, b := range d.m.Table.Brands {
		if q.Brands&(1<<j) != 0 {
			ids = append(ids, b.ID)
		}
	}
	return strings.Join(ids, ", ")
}

// complete checks what needs the whole document: required questions, and
// counts that may not exceed others.
func (d *Decoder) complete(a *saq.Answers) error {
	t := d.m.Table
	for i := range t.Questions {
		q := &t.Questions[i]
		if q.Required && !answered(q, a) {
			return &saq.InputError{Path: q.ID, Msg: "missing (required)"}
		}
		if q.Kind != saq.KindCounts || q.AtMost < 0 {
			continue
		}
		limit := &t.Questions[q.AtMost]
		for b := range t.Brands {
			if a.CountSet[q.Slot]&(1<<b) == 0 {
				continue
			}
			n, most := a.Counts[q.Slot][b], a.Counts[limit.Slot][b]
			if n > most {
				return &saq.InputError{
					Path: q.ID + "." + t.Brands[b].ID,
					Msg:  strconv.FormatInt(n, 10) + " is more than " + limit.ID + "." + t.Brands[b].ID + " (" + strconv.FormatInt(most, 10) + ")",
				}
			}
		}
	}
	return nil
}

func answered(q *saq.Question, a *saq.Answers) bool {
	switch q.Kind {
	case saq.KindChannels:
		return len(a.Channels) > 0
	case saq.KindBool:
		return a.Bools[q.Slot] != saq.Unanswered
	case saq.KindCounts:
		return a.AnsweredCounts[q.Slot]
	case saq.KindDate:
		return a.DateSet[q.Slot]
	}
	return false
}
