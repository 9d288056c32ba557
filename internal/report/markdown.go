package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// WriteMarkdown writes the decision as a report for a pull-request comment
// or a CI step summary (GitHub-flavoured Markdown).
func WriteMarkdown(w io.Writer, d *saq.Decision) error {
	v := newView(d)
	var b strings.Builder
	title := "PCI DSS validation: " + v.Verdict
	if v.ID != "" {
		title += " (" + mdText(v.ID) + ")"
	}
	b.WriteString("## " + title + "\n\n")
	if v.PerChannel != "" {
		b.WriteString("**" + v.Verdict + "** covers all channels combined; or, if the acquirer agrees, one SAQ per channel: " + v.PerChannel + ".\n\n")
	}
	b.WriteString(mdText(v.Reason.Text) + mdTrace(v.Reason) + "\n\n")

	b.WriteString("### Channels\n\n| Channel | SAQ | Why | Rule | Source |\n|---|---|---|---|---|\n")
	for _, c := range v.Channels {
		b.WriteString("| " + mdCell(c.Name) + " (`" + c.ID + "`) | " + mdCell(c.SAQ) + " | " + mdCell(c.Why.Text) + " | " + mdRule(c.Why.Rule) + " | " + mdCite(c.Why.Cite) + " |\n")
	}
	if len(v.Levels) > 0 {
		b.WriteString("\n### Merchant level per card brand\n\n| Brand | Level | Transactions a year | Why | Rule | Source |\n|---|---|---|---|---|---|\n")
		for _, l := range v.Levels {
			b.WriteString("| " + mdCell(l.Brand) + " | " + strconv.Itoa(l.Level) + " | " + Thousands(l.Total) + " | " + mdCell(l.Why.Text) + " | " + mdRule(l.Why.Rule) + " | " + mdCite(l.Why.Cite) + " |\n")
		}
	}
	mdSection(&b, "Submit every year", v.Submit)
	mdSection(&b, "Assumptions", v.Assumptions)
	mdSection(&b, "Warnings", v.Warnings)
	mdSection(&b, "Recommendations", v.Recommends)
	b.WriteString("\n<sub>" + mdText(v.Footer) + "</sub>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func mdSection(b *strings.Builder, title string, items []item) {
	if len(items) == 0 {
		return
	}
	b.WriteString("\n### " + title + "\n\n")
	for _, it := range items {
		b.WriteString("- " + mdText(it.Text) + mdTrace(it) + "\n")
	}
}

func mdTrace(it item) string {
	var parts []string
	if it.Rule != "" {
		parts = append(parts, ruleLabel(it)+" "+mdRule(it.Rule))
	}
	if it.Cite != nil {
		parts = append(parts, "source: "+mdCite(it.Cite))
	}
	if len(parts) == 0 {
		return ""
	}
	return " <sub>(" + strings.Join(parts, "; ") + ")</sub>"
}

func mdRule(id string) string {
	if id == "" {
		return "—"
	}
	return "`" + id + "`"
}

func mdCite(c *saq.Cite) string {
	if c == nil {
		return "—"
	}
	switch {
	case c.Source == nil:
		return "<" + c.URL + ">"
	case c.Source.URL == "":
		return mdCell(c.Text)
	}
	label := c.Source.Title
	if c.At != "" {
		label += ", “" + c.At + "”"
	}
	return "[" + mdCell(label) + "](" + c.Source.URL + ")"
}

// mdText keeps text from turning into markup by accident: HTML tags and
// stray emphasis are escaped; backticks stay, as the table uses them for code.
var mdEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`)

func mdText(s string) string {
	// Keep `code spans` as they are.
	parts := strings.Split(s, "`")
	for i := 0; i < len(parts); i += 2 {
		parts[i] = mdEscaper.Replace(parts[i])
	}
	return strings.Join(parts, "`")
}

// mdCell is mdText for a table cell, where | and line breaks end the cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(mdText(s), "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
