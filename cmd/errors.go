package cmd

import "fmt"

// Exit codes, as the contract fixes them.
const (
	exitOK          = 0
	exitExpectation = 1 // --expect not met; rules lint found problems
	exitInput       = 2 // usage or input error
	exitInternal    = 3 // a bug
	exitInterrupted = 130
)

// usageError is a bad flag or argument: exit 2, with a hint.
type usageError struct {
	msg, hint string
}

func (e *usageError) Error() string { return e.msg }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// inputError is an answers document or rules table that cannot be used:
// exit 2.
type inputError struct {
	msg, hint string
}

func (e *inputError) Error() string { return e.msg }

// expectationError is a result that --expect did not allow: exit 1.
type expectationError struct{ msg string }

func (e *expectationError) Error() string { return e.msg }

// silentError carries an exit code for a failure already reported (lint
// findings on stdout, a batch with invalid lines).
type silentError struct {
	code int
	msg  string // printed on stderr when not empty
}

func (e *silentError) Error() string { return e.msg }

// interruptError is Ctrl-C in the wizard: exit 130, nothing written.
type interruptError struct{}

func (interruptError) Error() string { return "interrupted" }
