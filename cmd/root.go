package cmd

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/iostreams"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// app is what every command shares: the streams, the shared flags and the
// rules table, loaded once and only by the commands that need it.
type app struct {
	io        *iostreams.IOStreams
	rulesPath string
	output    string
	now       func() time.Time
	loaded    *saq.Table
	prompter  questionnaire.Prompter // tests replace the terminal's
}

func newApp(streams *iostreams.IOStreams) *app {
	return &app{io: streams, now: time.Now}
}

const (
	outputText     = "text"
	outputJSON     = "json"
	outputMarkdown = "markdown"
)

func newRootCommand(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "saqcheck",
		Short: "Which PCI DSS validation a Stripe merchant owes, and why",
		Long: `saqcheck tells a merchant which PCI DSS validation they owe: which
Self-Assessment Questionnaire (SAQ A, A-EP, C, C-VT, P2PE, D) or a Report on
Compliance (RoC), and why, from how they collect card data through Stripe and
their annual transactions per card brand.

Every answer comes from a row of a rules table (saqcheck rules export) that
cites its source.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			switch a.output {
			case outputText, outputJSON, outputMarkdown:
				return nil
			}
			return usagef("use --output text, json or markdown", "--output: unknown format %q", a.output)
		},
	}
	root.SetIn(a.io.In)
	root.SetOut(a.io.Out)
	root.SetErr(a.io.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("see `"+c.CommandPath()+" --help`", "%s", err.Error())
	})
	root.PersistentFlags().StringVar(&a.rulesPath, "rules", "", "use the rules table in `FILE` instead of the embedded one")
	root.PersistentFlags().StringVarP(&a.output, "output", "o", outputText, "output `format`: text, json or markdown")
	root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{outputText, outputJSON, outputMarkdown}, cobra.ShellCompDirectiveNoFileComp))

	root.AddCommand(
		newCheckCommand(a),
		newWizardCommand(a),
		newSiteCommand(a),
		newRulesCommand(a),
		newSchemaCommand(a),
		newVersionCommand(a),
	)
	return root
}

// table loads the rules table: the file given with --rules, else the
// embedded one.
func (a *app) table() (*saq.Table, error) {
	if a.loaded != nil {
		return a.loaded, nil
	}
	var t *saq.Table
	var err error
	if a.rulesPath == "" {
		t, err = saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	} else {
		var raw []byte
		if raw, err = readLimited(a.rulesPath, saq.MaxTableSize, "rules table"); err != nil {
			return nil, err
		}
		t, err = saq.Load(a.rulesPath, raw)
	}
	if err != nil {
		return nil, err
	}
	a.loaded = t
	return t, nil
}

// readLimited reads a whole file, refusing one larger than limit.
func readLimited(path string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &inputError{msg: describeOpenError(path, err)}
	}
	defer f.Close()
	return readAllLimited(f, path, limit, what)
}

func readAllLimited(r io.Reader, name string, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &inputError{msg: fmt.Sprintf("%s: %v", name, unwrapPathError(err))}
	}
	if int64(len(data)) > limit {
		return nil, &inputError{msg: fmt.Sprintf("%s: the %s is larger than %d KiB", name, what, limit>>10)}
	}
	return data, nil
}

func describeOpenError(path string, err error) string {
	switch {
	case os.IsNotExist(err):
		return path + ": no such file"
	case os.IsPermission(err):
		return path + ": permission denied"
	}
	return fmt.Sprintf("%s: %v", path, unwrapPathError(err))
}

// unwrapPathError drops the "open FILE:" prefix a *PathError repeats.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// writeOut writes to standard output.
func (a *app) writeOut(b []byte) error {
	_, err := a.io.Out.Write(b)
	return err
}
