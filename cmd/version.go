package cmd

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// versionInfo is what `saqcheck version` reports.
type versionInfo struct {
	Version       string `json:"version"`
	Commit        string `json:"commit"`
	Modified      bool   `json:"modified"`
	Go            string `json:"go"`
	RulesRevision string `json:"rules_revision"`
	RulesFile     string `json:"rules_file"`
	PCIDSS        string `json:"pci_dss"`
	SAQARevision  string `json:"saq_a_revision"`
}

// buildVersion reads the module version and VCS revision the Go toolchain
// stamped into the binary.
func buildVersion() versionInfo {
	v := versionInfo{Version: "(devel)", Commit: "unknown", Go: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func newVersionCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, rules table revision and PCI DSS revision",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			t, err := a.table()
			if err != nil {
				return err
			}
			v := buildVersion()
			v.RulesRevision, v.RulesFile, v.PCIDSS, v.SAQARevision = t.Revision, t.Name, t.PCIDSS, t.SAQARevision
			if a.rulesPath == "" {
				v.RulesFile = "embedded " + t.Name
			}
			if a.output == outputJSON {
				b, _ := json.Marshal(v)
				return a.writeOut(append(b, '\n'))
			}
			commit := v.Commit
			if v.Modified {
				commit += " (modified)"
			}
			_, err = fmt.Fprintf(a.io.Out, "saqcheck %s\ncommit: %s\nrules: %s (%s)\nPCI DSS: %s\nSAQ A: %s\n%s\n",
				v.Version, commit, v.RulesRevision, v.RulesFile, v.PCIDSS, v.SAQARevision, v.Go)
			return err
		},
	}
}
