package batch

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// The order kinds of validation are listed in.
var kinds = []saq.ValidationKind{saq.ValidationSAQ, saq.ValidationRoC, saq.ValidationQSA}

func pct(n, of int64) string {
	if of == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*float64(n)/float64(of), 'f', 1, 64) + "%"
}

// levelsUsed lists the levels 1-9 that some brand reached, for the columns.
func levelsUsed(s *Stats) []int {
	var out []int
	for l := 1; l < 10; l++ {
		for b := range s.Level {
			if s.Level[b][l] > 0 {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// SummaryText is the summary a compliance lead reads on a terminal.
func SummaryText(t *saq.Table, s *Stats) []byte {
	var b strings.Builder
	valid := s.Lines - s.Invalid
	fmt.Fprintf(&b, "saqcheck summary: %s documents, %s valid, %s invalid", report.Thousands(s.Lines), report.Thousands(valid), report.Thousands(s.Invalid))
	if s.Unmet > 0 {
		fmt.Fprintf(&b, ", %s not as expected", report.Thousands(s.Unmet))
	}
	b.WriteString("\n\nValidation              documents   share\n")
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %-20s %11s  %6s\n", k.String(), report.Thousands(s.Validation[k]), pct(s.Validation[k], valid))
		if k == saq.ValidationSAQ {
			for i, n := range s.SAQ {
				if n > 0 {
					fmt.Fprintf(&b, "    %-18s %11s  %6s\n", t.SAQs[i].Title, report.Thousands(n), pct(n, valid))
				}
			}
		}
	}
	levels := levelsUsed(s)
	if len(levels) > 0 {
		b.WriteString("\nMerchant level (documents per brand)\n  " + fmt.Sprintf("%-18s", ""))
		for _, l := range levels {
			fmt.Fprintf(&b, " %11s", "Level "+strconv.Itoa(l))
		}
		b.WriteString("\n")
		for br := range t.Brands {
			fmt.Fprintf(&b, "  %-18s", t.Brands[br].Name)
			for _, l := range levels {
				fmt.Fprintf(&b, " %11s", report.Thousands(s.Level[br][l]))
			}
			b.WriteString("\n")
		}
	}
	if s.Invalid > 0 {
		fmt.Fprintf(&b, "\nInvalid lines (%s", report.Thousands(s.Invalid))
		if s.Invalid > int64(len(s.Errors)) {
			fmt.Fprintf(&b, "; the first %d", len(s.Errors))
		}
		b.WriteString(")\n")
		for _, e := range s.Errors {
			fmt.Fprintf(&b, "  line %d: %s\n", e.Line, e.Msg)
		}
	}
	return []byte(b.String())
}

// SummaryMarkdown is the summary as a report to paste or publish.
func SummaryMarkdown(t *saq.Table, s *Stats) []byte {
	var b strings.Builder
	valid := s.Lines - s.Invalid
	fmt.Fprintf(&b, "## saqcheck portfolio summary\n\n%s documents: %s valid, %s invalid", report.Thousands(s.Lines), report.Thousands(valid), report.Thousands(s.Invalid))
	if s.Unmet > 0 {
		fmt.Fprintf(&b, ", %s not as expected", report.Thousands(s.Unmet))
	}
	b.WriteString(".\n\n### Validation\n\n| Validation | Documents | Share |\n|---|---:|---:|\n")
	for _, k := range kinds {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", k.String(), report.Thousands(s.Validation[k]), pct(s.Validation[k], valid))
		if k == saq.ValidationSAQ {
			for i, n := range s.SAQ {
				if n > 0 {
					fmt.Fprintf(&b, "| &nbsp;&nbsp;%s | %s | %s |\n", t.SAQs[i].Title, report.Thousands(n), pct(n, valid))
				}
			}
		}
	}
	if levels := levelsUsed(s); len(levels) > 0 {
		b.WriteString("\n### Merchant level (documents per brand)\n\n| Brand |")
		for _, l := range levels {
			fmt.Fprintf(&b, " Level %d |", l)
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", len(levels)) + "\n")
		for br := range t.Brands {
			b.WriteString("| " + t.Brands[br].Name + " |")
			for _, l := range levels {
				fmt.Fprintf(&b, " %s |", report.Thousands(s.Level[br][l]))
			}
			b.WriteString("\n")
		}
	}
	if s.Invalid > 0 {
		b.WriteString("\n### Invalid lines\n\n| Line | Error |\n|---:|---|\n")
		for _, e := range s.Errors {
			fmt.Fprintf(&b, "| %d | %s |\n", e.Line, strings.ReplaceAll(e.Msg, "|", `\|`))
		}
		if s.Invalid > int64(len(s.Errors)) {
			fmt.Fprintf(&b, "\n…and %s more.\n", report.Thousands(s.Invalid-int64(len(s.Errors))))
		}
	}
	return []byte(b.String())
}

// summaryJSON is SummaryJSON's document.
type summaryJSON struct {
	Documents  int64                       `json:"documents"`
	Invalid    int64                       `json:"invalid"`
	Unmet      int64                       `json:"unmet_expectation"`
	Validation map[string]int64            `json:"validation"`
	SAQ        map[string]int64            `json:"saq"`
	Levels     map[string]map[string]int64 `json:"levels"`
	Errors     []errorJSON                 `json:"errors"`
}

type errorJSON struct {
	Line  int64  `json:"line"`
	Error string `json:"error"`
}

// SummaryJSON is the summary for machines.
func SummaryJSON(t *saq.Table, s *Stats) []byte {
	out := summaryJSON{
		Documents: s.Lines, Invalid: s.Invalid, Unmet: s.Unmet,
		Validation: map[string]int64{}, SAQ: map[string]int64{}, Levels: map[string]map[string]int64{},
		Errors: []errorJSON{},
	}
	for _, k := range kinds {
		out.Validation[k.String()] = s.Validation[k]
	}
	for i, n := range s.SAQ {
		out.SAQ[t.SAQs[i].ID] = n
	}
	for br := range t.Brands {
		m := map[string]int64{}
		for l := 1; l < 10; l++ {
			if s.Level[br][l] > 0 {
				m[strconv.Itoa(l)] = s.Level[br][l]
			}
		}
		out.Levels[t.Brands[br].ID] = m
	}
	for _, e := range s.Errors {
		out.Errors = append(out.Errors, errorJSON{e.Line, e.Msg})
	}
	b, _ := json.Marshal(out)
	return append(b, '\n')
}
