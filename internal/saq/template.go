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

// PlainText appends s unchanged.
func PlainText(dst []byte, s string) []byte { return append(dst, s...) }

// Append renders the template for decision d, escaping with esc.
func (t *Template) Append(dst []byte, d *Decision, esc Escaper) []byte {
	tb := d.table
	for _, p := range t.parts {
		switch p.field {
		case phNone:
			dst = esc(dst, p.lit)
		case phSAQ:
			if d.Cover >= 0 {
				dst = esc(dst, tb.SAQs[d.Cover].Title)
			}
		case phSAQAbout:
			if d.Cover >= 0 {
				dst = esc(dst, tb.SAQs[d.Cover].AboutText)
			}
		case phAbout:
			dst = esc(dst, tb.SAQs[p.arg].AboutText)
		case phSAQs:
			dst = appendSAQList(dst, tb, d.SAQSet, esc)
		case phScanSAQs:
			dst = appendSAQList(dst, tb, d.scanSAQs(), esc)
		case phByChannel:
			first := true
			for _, c := range d.Channels {
				if c.SAQ < 0 {
					continue
				}
				if !first {
					dst = esc(dst, ", ")
				}
				first = false
				dst = esc(dst, tb.SAQs[c.SAQ].Title)
				dst = esc(dst, " for ")
				dst = esc(dst, tb.Channels[c.Channel].Name)
			}
		case phUndetermined:
			n := 0
			for _, c := range d.Channels {
				if c.SAQ < 0 {
					n++
				}
			}
			i := 0
			for _, c := range d.Channels {
				if c.SAQ < 0 {
					dst = appendSeparator(dst, i, n, esc)
					dst = esc(dst, tb.Channels[c.Channel].Name)
					i++
				}
			}
		case phBrands:
			n := bits.OnesCount64(d.EcommerceAssumed)
			i := 0
			for b := range tb.Brands {
				if d.EcommerceAssumed&(1<<b) != 0 {
					dst = appendSeparator(dst, i, n, esc)
					dst = esc(dst, tb.Brands[b].Name)
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

// String renders the template as plain text.
func (t *Template) String(d *Decision) string {
	return string(t.Append(nil, d, PlainText))
}

func appendSAQList(dst []byte, tb *Table, set uint64, esc Escaper) []byte {
	n, i := bits.OnesCount64(set), 0
	for s := range tb.SAQs {
		if set&(1<<s) != 0 {
			dst = appendSeparator(dst, i, n, esc)
			dst = esc(dst, tb.SAQs[s].Title)
			i++
		}
	}
	return dst
}

// appendSeparator writes the separator before item i of n: "a, b and c".
func appendSeparator(dst []byte, i, n int, esc Escaper) []byte {
	switch {
	case i == 0:
		return dst
	case i == n-1:
		return esc(dst, " and ")
	default:
		return esc(dst, ", ")
	}
}
