package cmd

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/internal/saq"
)

func newLintCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "lint [FILE]",
		Short: "Check a rules table (default: the embedded one)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				a.rulesPath = args[0]
			}
			_, err := a.table()
			var tables saq.TableErrors
			if errors.As(err, &tables) {
				for _, e := range tables {
					where := e.File
					if e.Line > 0 {
						where = fmt.Sprintf("%s:%d", e.File, e.Line)
					}
					fmt.Fprintf(a.io.Out, "%s: error: %s\n", where, e.Msg)
				}
				return &silentError{code: exitExpectation}
			}
			return err
		},
	}
}
