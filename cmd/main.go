// Package cmd holds saqcheck's commands. Main runs one and maps what went
// wrong to the contract's exit codes; the commands themselves only return
// errors.
package cmd

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/internal/iostreams"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// Main runs saqcheck with args and returns the process exit code.
func Main(streams *iostreams.IOStreams, args []string) int {
	return run(streams, args, newRootCommand)
}

// run is Main with the command tree given, so tests can add to it.
func run(streams *iostreams.IOStreams, args []string, newRoot func(*app) *cobra.Command) (code int) {
	defer func() {
		// A last resort: a bug must not print a raw stack at a user.
		if r := recover(); r != nil {
			fmt.Fprintf(streams.ErrOut, "saqcheck: internal error: %v\n", r)
			fmt.Fprintln(streams.ErrOut, "saqcheck: hint: this is a bug in saqcheck; please report it with the command and input that caused it (SAQCHECK_DEBUG=1 shows the stack)")
			if streams.Getenv("SAQCHECK_DEBUG") == "1" {
				streams.ErrOut.Write(debug.Stack())
			}
			code = exitInternal
		}
	}()
	root := newRoot(newApp(streams))
	root.SetArgs(args)
	return exitCode(streams, root.Execute())
}

// exitCode prints err the way the contract says (one line starting
// "saqcheck: ", a hint line where one helps) and returns its exit code.
func exitCode(streams *iostreams.IOStreams, err error) int {
	if err == nil {
		return exitOK
	}
	say := func(msg, hint string) {
		fmt.Fprintln(streams.ErrOut, "saqcheck: "+oneLine(msg))
		if hint != "" {
			fmt.Fprintln(streams.ErrOut, "saqcheck: hint: "+hint)
		}
	}
	var (
		usage   *usageError
		input   *inputError
		expect  *expectationError
		silent  *silentError
		tables  saq.TableErrors
		stopped interruptError
	)
	switch {
	case errors.As(err, &silent):
		if silent.msg != "" {
			say(silent.msg, "")
		}
		return silent.code
	case errors.As(err, &expect):
		say(expect.msg, "")
		return exitExpectation
	case errors.As(err, &stopped):
		return exitInterrupted
	case errors.As(err, &usage):
		say(usage.msg, usage.hint)
	case errors.As(err, &input):
		say(input.msg, input.hint)
	case errors.As(err, &tables):
		hint := ""
		if len(tables) > 1 {
			hint = fmt.Sprintf("%d more problems in the table; `saqcheck rules lint %s` lists them all", len(tables)-1, tables[0].File)
		}
		say(tables[0].Error(), hint)
	default:
		say(err.Error(), "")
	}
	return exitInput
}

// oneLine keeps a message to the single line the contract promises.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
