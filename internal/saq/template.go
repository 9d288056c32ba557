package saq

import (
	"math/bits"
	"strconv"
	"strings"
)

// Template is a row's text with placeholders for what the decision found,
// such as {saq}. It is compiled once at load; rendering appends to a buffer.
type Template struct {
	Source string // as written in the table
	parts  []tplPart
}

type tplPart struct {
	lit   string
	field placeholder
	arg   int // for {about:X}: the SAQ index
}

type placeholder uint8

const (
	phNone placeholder = iota
	phSAQ
	phSAQAbout
	phSAQs
	phByChannel
	phScanSAQs
	phUndetermined
	phAbout
	phLastValidated
	phDue
	phDays
	phBrands
)

var placeholderNames = map[string]placeholder{
	"saq": phSAQ, "saq_about": phSAQAbout, "saqs": phSAQs, "by_channel": phByChannel,
	"scan_saqs": phScanSAQs, "undetermined": phUndetermined, "last_validated": phLastValidated,
	"due": phDue, "days": phDays, "brands": phBrands,
}

// parseTemplate compiles text. allowed lists the placeholders this kind of
// row may use (about:X is always allowed).
func (l *loader) parseTemplate(text string, line int, what string, allowed ...placeholder) Template {
	t := Template{Source: text}
	rest := text
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if rest != "" {
				t.parts = append(t.parts, tplPart{lit: rest})
			}
			return t
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			l.r.errs = append(l.r.errs, &TableError{File: l.r.file, Line: line, Msg: what + ": unclosed { in text"})
			return t
		}
		if open > 0 {
			t.parts = append(t.parts, tplPart{lit: rest[:open]})
		}
		name := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		part, ok := l.placeholder(name, allowed)
		if !ok {
			l.r.errs = append(l.r.errs, &TableError{File: l.r.file, Line: line, Msg: what + ": unknown placeholder {" + name + "}"})
			continue
		}
		t.parts = append(t.parts, part)
	}
}

func (l *loader) placeholder(name string, allowed []placeholder) (tplPart, bool) {
	if id, ok := strings.CutPrefix(name, "about:"); ok {
		i := l.t.SAQIndex(id)
		return tplPart{field: phAbout, arg: i}, i >= 0
	}
	p, ok := placeholderNames[name]
	if !ok {
		return tplPart{}, false
	}
	for _, a := range allowed {
		if a == p {
			return tplPart{field: p}, true
		}
	}
	return tplPart{}, false
}

// Static reports whether the text has no placeholders.
func (t *Template) Static() bool {
	for _, p := range t.parts {
		if p.field != phNone {
			return false
		}
	}
	return true
}

// Escaper appends s to dst, escaped for an output format.
type Escaper func(dst []byte, s string) []byte

// Escaping holds the table's names escaped once for an output format, so
// that rendering a template there only copies bytes.
type Escaping struct {
	esc                    Escaper
	saqTitle, saqAbout     []string
	channelName, brandName []string
	comma, and, forWord    string
}

// Escaping prepares the table's texts for rendering with esc.
func (t *Table) Escaping(esc Escaper) *Escaping {
	e := func(s string) string { return string(esc(nil, s)) }
	x := &Escaping{esc: esc, comma: e(", "), and: e(" and "), forWord: e(" for ")}
	for _, s := range t.SAQs {
		x.saqTitle = append(x.saqTitle, e(s.Title))
		x.saqAbout = append(x.saqAbout, e(s.AboutText))
	}
	for _, c := range t.Channels {
		x.channelName = append(x.channelName, e(c.Name))
	}
	for _, b := range t.Brands {
		x.brandName = append(x.brandName, e(b.Name))
	}
	return x
}

func plain(dst []byte, s string) []byte { return append(dst, s...) }

// Escaped is a template prepared for one output format.
type Escaped struct {
	parts []tplPart // literal parts hold escaped text
	x     *Escaping
}

// Template prepares tpl for rendering in x's format.
func (x *Escaping) Template(tpl *Template) *Escaped {
	e := &Escaped{x: x}
	for _, p := range tpl.parts {
		if p.field == phNone {
			p.lit = string(x.esc(nil, p.lit))
		}
		e.parts = append(e.parts, p)
	}
	return e
}

// Append renders the template for decision d.
func (e *Escaped) Append(dst []byte, d *Decision) []byte {
	return appendParts(dst, e.parts, d, e.x)
}

// String renders the template as plain text.
func (t *Template) String(d *Decision) string {
	return string(appendParts(nil, t.parts, d, d.table.plainText))
}

func appendParts(dst []byte, parts []tplPart, d *Decision, x *Escaping) []byte {
	tb := d.table
	for i := range parts {
		p := &parts[i]
		switch p.field {
		case phNone:
			dst = append(dst, p.lit...)
		case phSAQ:
			if d.Cover >= 0 {
				dst = append(dst, x.saqTitle[d.Cover]...)
			}
		case phSAQAbout:
			if d.Cover >= 0 {
				dst = append(dst, x.saqAbout[d.Cover]...)
			}
		case phAbout:
			dst = append(dst, x.saqAbout[p.arg]...)
		case phSAQs:
			dst = appendSAQList(dst, d.SAQSet, x)
		case phScanSAQs:
			dst = appendSAQList(dst, d.scanSAQs(), x)
		case phByChannel:
			first := true
			for _, c := range d.Channels {
				if c.SAQ < 0 {
					continue
				}
				if !first {
					dst = append(dst, x.comma...)
				}
				first = false
				dst = append(dst, x.saqTitle[c.SAQ]...)
				dst = append(dst, x.forWord...)
				dst = append(dst, x.channelName[c.Channel]...)
			}
		case phUndetermined:
			n, i := bits.OnesCount64(d.Undetermined), 0
			for _, c := range d.Channels {
				if c.SAQ < 0 {
					dst = appendSeparator(dst, i, n, x)
					dst = append(dst, x.channelName[c.Channel]...)
					i++
				}
			}
		case phBrands:
			n, i := bits.OnesCount64(d.EcommerceAssumed), 0
			for b := range tb.Brands {
				if d.EcommerceAssumed&(1<<b) != 0 {
					dst = appendSeparator(dst, i, n, x)
					dst = append(dst, x.brandName[b]...)
					i++
				}
			}
		case phLastValidated:
			dst = d.Annual.Last.AppendISO(dst)
		case phDue:
			dst = d.Annual.Due.AppendISO(dst)
		case phDays:
			dst = strconv.AppendInt(dst, int64(d.Annual.Days), 10)
		}
	}
	return dst
}

func appendSAQList(dst []byte, set uint64, x *Escaping) []byte {
	n, i := bits.OnesCount64(set), 0
	for s := range x.saqTitle {
		if set&(1<<s) != 0 {
			dst = appendSeparator(dst, i, n, x)
			dst = append(dst, x.saqTitle[s]...)
			i++
		}
	}
	return dst
}

// appendSeparator writes the separator before item i of n: "a, b and c".
func appendSeparator(dst []byte, i, n int, x *Escaping) []byte {
	switch {
	case i == 0:
		return dst
	case i == n-1:
		return append(dst, x.and...)
	default:
		return append(dst, x.comma...)
	}
}
