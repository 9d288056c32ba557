package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/lint"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

func newLintCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "lint [FILE]",
		Short: "Prove a rules table complete, unambiguous and sourced (default: the embedded one)",
		Long: `Lint checks a rules table before it decides anything for a merchant: what
loading checks (structure, unknown keys, undefined references), then the
table evaluated over its whole answer space: gaps (answers no row decides),
ambiguities (rows of a unique section that match the same answers and
disagree), dead rows (no answers reach them), levels that are not
contiguous; every deciding row's source; and the table's own examples.

One finding per line on stdout: FILE:LINE: severity: message (rule id), or
JSON with --output json. Exit status: 0 clean, 1 findings, 2 unreadable.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := a.rulesPath
			if len(args) == 1 {
				path = args[0]
			}
			var rep *lint.Report
			var err error
			if path == "" {
				rep, err = lint.Table(data.RulesName, data.Rules, data.RulesNode)
			} else {
				var raw []byte
				if raw, err = readLimited(path, saq.MaxTableSize, "rules table"); err != nil {
					return err
				}
				rep, err = lint.Table(path, raw, nil)
			}
			if errors.Is(err, lint.ErrUnreadable) {
				return &inputError{msg: strings.TrimPrefix(err.Error(), lint.ErrUnreadable.Error()+": ")}
			}
			if err != nil {
				return err
			}
			return a.writeLint(rep)
		},
	}
}

func (a *app) writeLint(rep *lint.Report) error {
	var b strings.Builder
	switch a.output {
	case outputJSON:
		j, _ := json.Marshal(rep)
		b.Write(j)
		b.WriteByte('\n')
	case outputMarkdown:
		b.WriteString("## saqcheck rules lint: " + rep.File + "\n\n")
		if len(rep.Findings) == 0 {
			b.WriteString("No findings.\n")
		} else {
			b.WriteString("| Line | Severity | Finding | Rule |\n|---:|---|---|---|\n")
			for _, f := range rep.Findings {
				msg := f.Message
				if f.Example != "" {
					msg += ", e.g. `" + f.Example + "`"
				}
				fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", f.Line, f.Severity, strings.ReplaceAll(msg, "|", `\|`), f.Rule)
			}
		}
	default:
		for _, f := range rep.Findings {
			b.WriteString(f.String() + "\n")
		}
	}
	if err := a.writeOut([]byte(b.String())); err != nil {
		return err
	}
	summary := rep.File + ": no findings"
	if n := len(rep.Findings); n > 0 {
		summary = fmt.Sprintf("%s: %d findings", rep.File, n)
	}
	if rep.Space != nil {
		summary += fmt.Sprintf("; explored %s answers documents (%s channel answers × volumes)",
			report.Thousands(rep.Space.Documents), report.Thousands(int64(rep.Space.ChannelAnswers)))
	}
	fmt.Fprintln(a.io.ErrOut, "saqcheck: "+summary)
	if len(rep.Findings) > 0 {
		return &silentError{code: exitExpectation}
	}
	return nil
}
