package questionnaire

import "errors"

// Prompter asks one question at a time. The wizard talks to people only
// through it: survey in a terminal, a scripted double in tests. Every call
// names the question it asks (a question id, or "review"), so a test can
// script answers by id.
type Prompter interface {
	// Say shows text that is not a question.
	Say(text string) error
	// MultiSelect returns the indices of the chosen options (at least one).
	MultiSelect(id, message, help string, options []Option, defaults []int) ([]int, error)
	// Confirm asks a yes/no question.
	Confirm(id, message, help string, def bool) (bool, error)
	// Input asks for a line of text; check rejects an answer with a message
	// and the question is asked again.
	Input(id, message, help, def string, check func(string) error) (string, error)
	// Select returns the index of one chosen option.
	Select(id, message, help string, options []string, def int) (int, error)
}

// Option is one choice of a multi-select: a short label, the answer shown
// once chosen, and a description shown beside it while choosing.
type Option struct {
	Label, Description string
}

// ErrInterrupted is what a Prompter returns when the person pressed Ctrl-C.
var ErrInterrupted = errors.New("interrupted")
