package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// TextWidth is the column text output wraps at: readable in any terminal
// and stable for golden files.
const TextWidth = 80

// Style is the ANSI styling of text output; the zero Style writes plain text.
type Style struct{ Color bool }

func (s Style) wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s Style) bold(t string) string  { return s.wrap("1", t) }
func (s Style) dim(t string) string   { return s.wrap("2", t) }
func (s Style) green(t string) string { return s.wrap("32", t) }
func (s Style) red(t string) string   { return s.wrap("31", t) }

// WriteText writes the decision for a person at a terminal: the verdict on
// the first line, then why, channel by channel, and what to do.
func WriteText(w io.Writer, d *saq.Decision, st Style) error {
	v := newView(d)
	var b strings.Builder
	verdict := "Validation: " + v.Verdict
	switch d.Validation {
	case saq.ValidationSAQ:
		verdict = st.green(st.bold(verdict))
	default:
		verdict = st.red(st.bold(verdict))
	}
	if v.PerChannel != "" {
		verdict += " (covers all channels; or one per channel: " + v.PerChannel + ")"
	}
	if v.ID != "" {
		verdict += " · " + strconv.Quote(v.ID)
	}
	b.WriteString(verdict + "\n")
	writeItem(&b, "  ", "", v.Reason, st)

	b.WriteString("\n" + st.bold("Channels") + "\n")
	for _, c := range v.Channels {
		b.WriteString("  " + c.Name + " (" + c.ID + "): " + st.bold(c.SAQ) + "\n")
		writeItem(&b, "    ", "", c.Why, st)
	}
	if len(v.Levels) > 0 {
		b.WriteString("\n" + st.bold("Merchant level per card brand") + "\n")
		for _, l := range v.Levels {
			b.WriteString("  " + l.Brand + ": " + st.bold("Level "+strconv.Itoa(l.Level)) + " (" + Thousands(l.Total) + " transactions a year)\n")
			writeItem(&b, "    ", "", l.Why, st)
		}
	}
	section(&b, "Submit every year", v.Submit, st, "")
	section(&b, "Assumptions", v.Assumptions, st, "")
	section(&b, "Warnings", v.Warnings, st, "33")
	section(&b, "Recommendations", v.Recommends, st, "")
	b.WriteString("\n")
	for _, line := range WrapWords(v.Footer, TextWidth) {
		b.WriteString(st.dim(line) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func section(b *strings.Builder, title string, items []item, st Style, code string) {
	if len(items) == 0 {
		return
	}
	heading := st.bold(title)
	if code != "" {
		heading = st.wrap(code, heading)
	}
	b.WriteString("\n" + heading + "\n")
	for _, it := range items {
		writeItem(b, "  ", "- ", it, st)
	}
}

// writeItem writes a text wrapped at TextWidth, then the rule and source it
// came from on a dimmed line.
func writeItem(b *strings.Builder, indent, bullet string, it item, st Style) {
	hang := indent + strings.Repeat(" ", len(bullet))
	for i, line := range WrapWords(it.Text, TextWidth-len(hang)) {
		if i == 0 {
			b.WriteString(indent + bullet + line + "\n")
		} else {
			b.WriteString(hang + line + "\n")
		}
	}
	var trace []string
	if it.Rule != "" {
		trace = append(trace, ruleLabel(it)+" "+it.Rule)
	}
	if it.Cite != nil {
		trace = append(trace, "source: "+it.Cite.Text)
	}
	if len(trace) > 0 {
		for _, line := range WrapWords(strings.Join(trace, "; "), TextWidth-len(hang)) {
			b.WriteString(hang + st.dim(line) + "\n")
		}
	}
}

// WrapWords breaks text into lines of at most width columns, at spaces; a
// word longer than the width (a URL) gets a line of its own.
func WrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case runeLen(line)+1+runeLen(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func runeLen(s string) int { return len([]rune(s)) }

// ruleLabel says whether an item's id is a row of the table or a question.
func ruleLabel(it item) string {
	if it.Question {
		return "question"
	}
	return "rule"
}
