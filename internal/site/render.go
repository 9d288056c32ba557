package site

import (
	"encoding/json"
	"io"
	"strings"
)

// Report is the outcome of checking several URLs.
type Report struct {
	Results  []*Result `json:"results"`
	Failures int       `json:"failures"`
	Warnings int       `json:"warnings"`
}

// Add counts a result in.
func (r *Report) Add(res *Result) {
	r.Results = append(r.Results, res)
	for _, f := range res.Findings {
		switch f.Status {
		case Fail:
			r.Failures++
		case Warn:
			r.Warnings++
		}
	}
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

var statusMark = map[Status]string{Pass: "pass", Warn: "WARN", Fail: "FAIL"}

// WriteText writes the report for a terminal: one line per check, the
// requirement it supports, then a total.
func (r *Report) WriteText(w io.Writer, color bool) error {
	var b strings.Builder
	paint := func(st Status, s string) string {
		if !color {
			return s
		}
		code := map[Status]string{Pass: "32", Warn: "33", Fail: "31"}[st]
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	for i, res := range r.Results {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(res.URL + " (" + res.Kind + ")\n")
		for _, f := range res.Findings {
			b.WriteString("  " + paint(f.Status, statusMark[f.Status]) + "  " + f.Title)
			if f.Requirement != "" {
				b.WriteString(" [" + f.Requirement + "]")
			}
			b.WriteString(": " + f.Detail + "\n")
		}
	}
	b.WriteString("\n" + summary(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func summary(r *Report) string {
	return itoa(r.Failures) + " failures, " + itoa(r.Warnings) + " warnings, " + itoa(len(r.Results)) + " URLs checked"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// WriteMarkdown writes the report for a pull request or a CI summary.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("## saqcheck site\n\n" + summary(r) + ".\n")
	for _, res := range r.Results {
		b.WriteString("\n### " + res.URL + " (" + res.Kind + ")\n\n| Status | Check | Requirement | Detail |\n|---|---|---|---|\n")
		for _, f := range res.Findings {
			b.WriteString("| " + statusMark[f.Status] + " | " + cell(f.Title) + " | " + cell(f.Requirement) + " | " + cell(f.Detail) + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
