package cmd

import (
	"github.com/spf13/cobra"
)

func newRulesCommand(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "Export or check a rules table",
	}
	c.AddCommand(&cobra.Command{
		Use:   "export",
		Short: "Print the rules table (the embedded one, or --rules FILE) as YAML",
		Long: `Export prints the rules table in effect, exactly as it is written: the
embedded default, or the file given with --rules. Copy it, edit it, check it
with saqcheck rules lint, and use it with --rules.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			t, err := a.table()
			if err != nil {
				return err
			}
			return a.writeOut(t.Raw)
		},
	})
	c.AddCommand(newLintCommand(a))
	return c
}
