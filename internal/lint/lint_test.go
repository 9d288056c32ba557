package lint_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/lint"
)

var update = flag.Bool("update", false, "rewrite the .golden files from what lint finds")

// Each table in testdata is broken one way (clean.yaml is not); its
// .golden file holds the exact findings lint must report.
func TestBrokenTables(t *testing.T) {
	tables, _ := filepath.Glob("testdata/*.yaml")
	if len(tables) < 10 {
		t.Fatalf("only %d test tables", len(tables))
	}
	for _, path := range tables {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := lint.Table(filepath.Base(path), raw, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, f := range rep.Findings {
				got.WriteString(f.String() + "\n")
			}
			golden := strings.TrimSuffix(path, ".yaml") + ".golden"
			if *update {
				os.WriteFile(golden, []byte(got.String()), 0o644)
			}
			want, _ := os.ReadFile(golden)
			if got.String() != string(want) {
				t.Errorf("findings:\n%s\nwant:\n%s", got.String(), want)
			}
			if (filepath.Base(path) == "clean.yaml") != (len(rep.Findings) == 0) {
				t.Errorf("%d findings", len(rep.Findings))
			}
		})
	}
}

// The embedded table lints clean: complete, unambiguous, sourced, every
// row exercised by an example.
func TestEmbeddedTableIsClean(t *testing.T) {
	start := time.Now()
	rep, err := lint.Table(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		t.Error(f)
	}
	if rep.Space.Documents < 1e10 {
		t.Errorf("explored only %d documents", rep.Space.Documents)
	}
	t.Logf("explored %+v in %v", *rep.Space, time.Since(start))
}

func TestUnreadable(t *testing.T) {
	for _, raw := range []string{"", "a: [", "a: 1\n---\nb: 2\n"} {
		if _, err := lint.Table("x.yaml", []byte(raw), nil); err == nil || !strings.Contains(err.Error(), "unreadable rules table") {
			t.Errorf("%q: %v", raw, err)
		}
	}
}
