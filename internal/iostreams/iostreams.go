// Package iostreams owns saqcheck's standard input, output and error, and
// knows whether each is a terminal. Commands never touch os.Stdin or
// os.Stdout themselves, so tests run them in-process with buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	// Getenv reads the environment (NO_COLOR, TERM); tests replace it.
	Getenv func(string) string
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		inTTY:  isTerminal(os.Stdin),
		outTTY: isTerminal(os.Stdout),
		errTTY: isTerminal(os.Stderr),
		Getenv: os.Getenv,
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Test returns streams backed by buffers, none of them a terminal.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}, in, out, errOut
}

// SetTTY makes tests see terminals where they say so.
func (s *IOStreams) SetTTY(in, out, errOut bool) { s.inTTY, s.outTTY, s.errTTY = in, out, errOut }

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.inTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// CanPrompt reports whether a person can answer questions: both ends of the
// conversation are terminals.
func (s *IOStreams) CanPrompt() bool { return s.inTTY && s.outTTY }

// ColorEnabled reports whether output may use ANSI colour: only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is
// dumb.
func (s *IOStreams) ColorEnabled() bool {
	return s.outTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}
