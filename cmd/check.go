package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// evalFlags are the flags of the commands that evaluate answers.
type evalFlags struct {
	strict bool
	expect string
	asOf   string
}

func (f *evalFlags) register(c *cobra.Command) {
	c.Flags().BoolVar(&f.strict, "strict", false, "a follow-up that applies but is unanswered is an error, not an assumption")
	c.Flags().StringVar(&f.expect, "expect", "", "exit 1 unless the result is one of `LIST` (comma-separated: A, A-EP, C, C-VT, P2PE, D, RoC, QSA)")
	c.Flags().StringVar(&f.asOf, "as-of", "", "evaluate the annual validation as of `DATE` (YYYY-MM-DD) instead of today")
}

// setup loads the table and turns the flags into evaluation options and the
// set of results --expect allows (nil: anything): what every command that
// evaluates answers needs first.
func (f *evalFlags) setup(a *app) (*saq.Table, saq.Options, *expectation, error) {
	t, err := a.table()
	if err != nil {
		return nil, saq.Options{}, nil, err
	}
	opts, exp, err := f.options(a, t)
	return t, opts, exp, err
}

func (f *evalFlags) options(a *app, t *saq.Table) (saq.Options, *expectation, error) {
	opts := saq.Options{Strict: f.strict}
	if f.asOf != "" {
		d, ok := saq.ParseDate([]byte(f.asOf))
		if !ok {
			return opts, nil, usagef("", "--as-of: expected a date as YYYY-MM-DD, got %q", f.asOf)
		}
		opts.AsOf = d
	} else {
		now := a.now()
		opts.AsOf = saq.DateOf(now.Year(), int(now.Month()), now.Day())
	}
	exp, err := parseExpect(f.expect, t)
	return opts, exp, err
}

type checkOptions struct {
	evalFlags
	jsonl   bool
	summary string // "" none, "-" standard error, else a file
}

func newCheckCommand(a *app) *cobra.Command {
	var o checkOptions
	c := &cobra.Command{
		Use:   "check [FILE|-]",
		Short: "Decide the validation for an answers document",
		Long: `Check reads an answers document (JSON) from FILE, or from standard input when
FILE is - or left out, and prints which PCI DSS validation it leads to.

With --jsonl it reads one answers document per line and writes one result
per line, in the same order: each is what check --output json prints for
that document, with "line" added; an invalid line gives {"line", "id",
"error"} and the batch goes on. --summary adds counts per validation, SAQ
and level, and the invalid lines: on standard error, or in FILE with
--summary=FILE; as Markdown with --output markdown, JSON with --output json.

Exit status: 0 a determination was made; 1 --expect was not met (with
--jsonl: by any line); 2 the input or a flag is invalid (with --jsonl: any
line, after the whole batch ran).`,
		Example: `  saqcheck check examples/elements-and-terminal.json
  saqcheck check --output json answers.json
  saqcheck check --expect A answers.json   # fails CI when the SAQ drifts from A
  saqcheck check --jsonl --summary portfolio.jsonl > results.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			if o.jsonl {
				return a.runJSONL(&o, path)
			}
			if o.summary != "" {
				return usagef("--summary counts a portfolio: use it with --jsonl", "--summary needs --jsonl")
			}
			return a.runCheck(&o, path)
		},
	}
	o.register(c)
	c.Flags().BoolVar(&o.jsonl, "jsonl", false, "read one answers document per line, write one JSON result per line")
	c.Flags().StringVar(&o.summary, "summary", "", "with --jsonl, write counts per validation, SAQ and level to standard error, or to `FILE`")
	c.Flags().Lookup("summary").NoOptDefVal = "-"
	return c
}

func (a *app) runCheck(o *checkOptions, path string) error {
	t, opts, exp, err := o.setup(a)
	if err != nil {
		return err
	}
	name, raw, err := a.readAnswers(path)
	if err != nil {
		return err
	}
	model := questionnaire.NewModel(t)
	answers := t.NewAnswers()
	if err := model.NewDecoder().Decode(raw, answers); err != nil {
		return &inputError{msg: name + ": " + err.Error()}
	}
	d := t.NewDecision()
	if err := t.Evaluate(answers, opts, d); err != nil {
		return &inputError{msg: name + ": " + err.Error()}
	}
	if err := a.writeDecision(d); err != nil {
		return err
	}
	return exp.check(d)
}

// readAnswers reads one answers document from a file, or from standard
// input for "-".
func (a *app) readAnswers(path string) (name string, raw []byte, err error) {
	if path != "-" {
		raw, err = readLimited(path, questionnaire.MaxDocumentSize, "answers document")
		return path, raw, err
	}
	if a.io.IsStdinTTY() {
		return "", nil, usagef("pipe a document in, give a file (saqcheck check answers.json), or run saqcheck wizard",
			"no answers document: standard input is a terminal")
	}
	raw, err = readAllLimited(a.io.In, "stdin", questionnaire.MaxDocumentSize, "answers document")
	return "stdin", raw, err
}

// writeDecision prints a decision in the --output format.
func (a *app) writeDecision(d *saq.Decision) error {
	switch a.output {
	case outputJSON:
		enc := report.NewJSONEncoder(d.Table())
		return a.writeOut(append(enc.Append(nil, d), '\n'))
	case outputMarkdown:
		return report.WriteMarkdown(a.io.Out, d)
	}
	return report.WriteText(a.io.Out, d, report.Style{Color: a.io.ColorEnabled()})
}

// expectation is the set of results --expect allows.
type expectation struct {
	allowed []string // canonical ids: SAQ ids of the table, RoC, QSA
	list    string   // as the user wrote it
}

// parseExpect reads --expect: comma-separated, case-insensitive, any of the
// table's SAQ ids, RoC or QSA; "SAQ-A" and "SAQ A" mean A.
func parseExpect(list string, t *saq.Table) (*expectation, error) {
	if list == "" {
		return nil, nil
	}
	var known []string
	for _, s := range t.SAQs {
		known = append(known, s.ID)
	}
	known = append(known, "RoC", "QSA")
	e := &expectation{list: list}
	for _, raw := range strings.Split(list, ",") {
		word := strings.TrimSpace(raw)
		id := word
		if len(id) > 4 && strings.EqualFold(id[:3], "SAQ") && (id[3] == ' ' || id[3] == '-') {
			id = strings.TrimSpace(id[4:])
		}
		match := ""
		for _, k := range known {
			if strings.EqualFold(k, id) {
				match = k
			}
		}
		if match == "" {
			return nil, usagef("", "--expect: unknown result %q (expected any of: %s)", word, strings.Join(known, ", "))
		}
		e.allowed = append(e.allowed, match)
	}
	return e, nil
}

// outcome is what --expect compares: the covering SAQ, RoC or QSA.
func outcome(d *saq.Decision) string {
	if d.Validation == saq.ValidationSAQ {
		return d.Table().SAQs[d.Cover].ID
	}
	return d.Validation.String()
}

func describeOutcome(d *saq.Decision) string {
	if d.Validation == saq.ValidationSAQ {
		return "SAQ " + outcome(d)
	}
	return d.Validation.String()
}

func (e *expectation) allows(d *saq.Decision) bool {
	if e == nil {
		return true
	}
	got := outcome(d)
	for _, a := range e.allowed {
		if a == got {
			return true
		}
	}
	return false
}

func (e *expectation) check(d *saq.Decision) error {
	if e.allows(d) {
		return nil
	}
	return &expectationError{msg: "the result is " + describeOutcome(d) + ", but --expect allows " + e.list}
}
