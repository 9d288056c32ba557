package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

type wizardOptions struct {
	evalFlags
	save string
	from string
}

func newWizardCommand(a *app) *cobra.Command {
	var o wizardOptions
	c := &cobra.Command{
		Use:   "wizard [--save FILE] [--from FILE]",
		Short: "Answer the questions interactively and see which validation you owe",
		Long: `Wizard asks how you collect card data through Stripe, the follow-ups that
apply to your answer, your annual transactions per card brand, and shows the
result as check does. Press ? at any question for help. Before the result, a
review lists every answer: pick one to change it, or confirm.

--save writes the answers file (after you confirm), which check turns into
the same result; --from starts from an earlier answers file, so a yearly
re-check is a few Enters. Ctrl-C stops without writing anything (exit 130).`,
		Example: `  saqcheck wizard --save compliance/answers.json
  saqcheck wizard --from compliance/answers.json --save compliance/answers.json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return a.runWizard(&o) },
	}
	o.register(c)
	c.Flags().StringVar(&o.save, "save", "", "write the answers to `FILE` once you confirm them")
	c.Flags().StringVar(&o.from, "from", "", "start from the answers in `FILE`")
	return c
}

func (a *app) runWizard(o *wizardOptions) error {
	if !a.io.CanPrompt() {
		return usagef("in scripts and CI, write the answers as JSON and run saqcheck check FILE",
			"wizard needs an interactive terminal")
	}
	t, opts, exp, err := o.setup(a)
	if err != nil {
		return err
	}
	m := questionnaire.NewModel(t)
	var from *saq.Answers
	if o.from != "" {
		raw, err := readLimited(o.from, questionnaire.MaxDocumentSize, "answers document")
		if err != nil {
			return err
		}
		from = t.NewAnswers()
		if err := m.NewDecoder().Decode(raw, from); err != nil {
			return &inputError{msg: o.from + ": " + err.Error()}
		}
	}
	p, err := a.newPrompter()
	if err != nil {
		return err
	}
	answers, err := (&questionnaire.Wizard{Model: m, Prompter: p}).Run(from)
	if errors.Is(err, questionnaire.ErrInterrupted) {
		fmt.Fprintln(a.io.ErrOut, "saqcheck: interrupted: nothing was written")
		return interruptError{}
	}
	if err != nil {
		return err
	}
	d := t.NewDecision()
	if err := t.Evaluate(answers, opts, d); err != nil {
		return &inputError{msg: err.Error()}
	}
	if o.save != "" {
		if err := writeAtomic(o.save, m.Encode(answers)); err != nil {
			return &inputError{msg: fmt.Sprintf("%s: %v", o.save, unwrapPathError(err))}
		}
	}
	fmt.Fprintln(a.io.Out)
	if err := a.writeDecision(d); err != nil {
		return err
	}
	if o.save != "" {
		fmt.Fprintf(a.io.ErrOut, "saqcheck: answers saved to %s; `saqcheck check %s` gives this result again\n", o.save, o.save)
	}
	return exp.check(d)
}

// newPrompter asks questions on the terminal with survey.
func (a *app) newPrompter() (questionnaire.Prompter, error) {
	if a.prompter != nil {
		return a.prompter, nil
	}
	in, okIn := a.io.In.(terminal.FileReader)
	out, okOut := a.io.Out.(terminal.FileWriter)
	if !okIn || !okOut {
		return nil, usagef("", "wizard needs an interactive terminal")
	}
	core.DisableColor = !a.io.ColorEnabled()
	width, _, err := term.GetSize(int(out.Fd()))
	if err != nil {
		width = 80
	}
	return &questionnaire.Survey{In: in, Out: out, Err: a.io.ErrOut, Width: width}, nil
}

// writeAtomic writes a file so that it is never seen half-written: a
// temporary file in the same directory, synced, then renamed over it.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing left to remove
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
