package cmd

import (
	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/internal/schema"
)

func newSchemaCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema answers|result",
		Short: "Print the JSON Schema of the answers document or of a result",
		Long: `Schema prints a JSON Schema (draft 2020-12): of the answers document, derived
from the rules table's questions (so --rules changes it), or of the result
that check --output json prints.`,
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		ValidArgs: []string{"answers", "result"},
		RunE: func(c *cobra.Command, args []string) error {
			t, err := a.table()
			if err != nil {
				return err
			}
			s := schema.Answers(t)
			if args[0] == "result" {
				s = schema.Result(t)
			}
			return a.writeOut(schema.Marshal(s))
		},
	}
}
