package questionnaire

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"

	"github.com/saqcheck/saqcheck/internal/report"
)

// Survey is the Prompter for a real terminal, built on AlecAivazis/survey.
type Survey struct {
	In    terminal.FileReader
	Out   terminal.FileWriter
	Err   io.Writer
	Width int // columns; option labels are cut to fit, so lines never wrap
}

func (s *Survey) opts() []survey.AskOpt {
	shortenHints.Do(func() {
		// survey's key hints follow the question on its line, and overflow
		// 80 columns: give them a line of their own, in fewer words.
		survey.MultiSelectQuestionTemplate = strings.Replace(survey.MultiSelectQuestionTemplate,
			`{{- "  "}}{{- color "cyan"}}[Use arrows to move, space to select,`, `{{- "\n  "}}{{- color "cyan"}}[arrows to move, space to select,`, 1)
		survey.SelectQuestionTemplate = strings.Replace(survey.SelectQuestionTemplate,
			`{{- "  "}}{{- color "cyan"}}[Use arrows to move,`, `{{- "\n  "}}{{- color "cyan"}}[arrows to move, enter to pick,`, 1)
	})
	return []survey.AskOpt{survey.WithStdio(s.In, s.Out, s.Err), survey.WithRemoveSelectAll(), survey.WithRemoveSelectNone()}
}

var shortenHints sync.Once

func (s *Survey) width() int {
	if s.Width < 40 {
		return 80
	}
	return s.Width
}

// fit cuts a label to the terminal's width, leaving room for survey's
// cursor and checkbox.
func (s *Survey) fit(label string) string { return s.fitTo(label, s.width()-8) }

func (s *Survey) fitTo(text string, max int) string {
	r := []rune(text)
	if len(r) <= max {
		return text
	}
	if max < 2 {
		return ""
	}
	return string(r[:max-1]) + "…"
}

func asked(err error) error {
	if errors.Is(err, terminal.InterruptErr) {
		return ErrInterrupted
	}
	return err
}

func (s *Survey) Say(text string) error {
	_, err := fmt.Fprintln(s.Out, strings.Join(report.WrapWords(text, s.width()-2), "\n"))
	return err
}

func (s *Survey) MultiSelect(id, message, help string, options []Option, defaults []int) ([]int, error) {
	labels := make([]string, len(options))
	for i, o := range options {
		labels[i] = o.Label
	}
	var chosen []int
	p := &survey.MultiSelect{Message: message, Help: help, Options: labels, PageSize: len(labels),
		Description: func(_ string, i int) string {
			// "label - description", cut to the width.
			return s.fitTo(options[i].Description, s.width()-8-len([]rune(options[i].Label))-3)
		}}
	if len(defaults) > 0 {
		p.Default = defaults
	}
	err := survey.AskOne(p, &chosen, append(s.opts(), survey.WithValidator(func(v any) error {
		if a, ok := v.([]survey.OptionAnswer); ok && len(a) == 0 {
			return errors.New("pick at least one: space selects, enter confirms")
		}
		return nil
	}))...)
	return chosen, asked(err)
}

func (s *Survey) Confirm(id, message, help string, def bool) (bool, error) {
	var ok bool
	err := survey.AskOne(&survey.Confirm{Message: message, Help: help, Default: def}, &ok, s.opts()...)
	return ok, asked(err)
}

func (s *Survey) Input(id, message, help, def string, check func(string) error) (string, error) {
	var v string
	err := survey.AskOne(&survey.Input{Message: message, Help: help, Default: def}, &v, append(s.opts(), survey.WithValidator(func(ans any) error {
		return check(fmt.Sprint(ans))
	}))...)
	return v, asked(err)
}

func (s *Survey) Select(id, message, help string, options []string, def int) (int, error) {
	labels := make([]string, len(options))
	for i, o := range options {
		labels[i] = s.fit(o)
	}
	var i int
	err := survey.AskOne(&survey.Select{Message: message, Help: help, Options: labels, Default: labels[def], PageSize: len(labels)}, &i, s.opts()...)
	return i, asked(err)
}
