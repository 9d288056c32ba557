package cmd

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Hostile input: refused with exit 2 and one clear line, never a crash,
// without reading more than the limit.
func TestHostileInputs(t *testing.T) {
	laughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for c := 'b'; c <= 'i'; c++ {
		p := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [*" + strings.Repeat(p+",*", 8) + p + "]\n"
	}
	cases := []struct {
		name string
		args func(t *testing.T) []string
		want string
	}{
		{"answers over 1 MiB", func(t *testing.T) []string {
			return []string{"check", write(t, "big.json", `{"channels": ["checkout"], "transactions": {}}`+strings.Repeat(" ", 1<<20))}
		}, "the answers document is larger than 1024 KiB"},
		{"a 100,000-deep JSON array", func(t *testing.T) []string {
			return []string{"check", write(t, "deep.json", strings.Repeat("[", 100000)+strings.Repeat("]", 100000))}
		}, "expected an answers document (a JSON object), got an array"},
		{"a 100,000-deep array in a field", func(t *testing.T) []string {
			return []string{"check", write(t, "deep.json", `{"channels": `+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+`}`)}
		}, "channels[0]: expected a channel id string, got an array"},
		{"a rules table over 1 MiB", func(t *testing.T) []string {
			return []string{"--rules", write(t, "big.yaml", "revision: x\n"+strings.Repeat("#", 1<<20)), "rules", "export"}
		}, "the rules table is larger than 1024 KiB"},
		{"a billion laughs table", func(t *testing.T) []string {
			return []string{"--rules", write(t, "laughs.yaml", laughs), "check", write(t, "a.json", answers)}
		}, "laughs.yaml:1: anchors (&a) are not supported in a rules table: write the value out"},
		{"a 100,000-deep YAML table", func(t *testing.T) []string {
			return []string{"rules", "lint", write(t, "deep.yaml", strings.Repeat("[", 100000)+strings.Repeat("]", 100000))}
		}, "invalid YAML: exceeded max depth of 10000"},
		{"a deep table within the parser's limit", func(t *testing.T) []string {
			return []string{"--rules", write(t, "deep.yaml", "revision: "+strings.Repeat("[", 100)+strings.Repeat("]", 100)), "check", write(t, "a.json", answers)}
		}, "nesting deeper than 64 levels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runWith(t, nil, false, "", c.args(t)...)
			if code != 2 || out != "" {
				t.Errorf("exit %d, stdout %q", code, out)
			}
			if !strings.Contains(errOut, c.want) || strings.Count(errOut, "saqcheck: ") > 2 || strings.Contains(errOut, "goroutine") {
				t.Errorf("stderr %q, want %q", errOut, c.want)
			}
		})
	}
}

// The same input gives byte-identical output whatever GOMAXPROCS is, and
// from run to run: no map order, no timestamps.
func TestDeterministicOutput(t *testing.T) {
	tb, _ := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	g := portfolio.New(questionnaire.NewModel(tb), 21, saq.DateOf(2026, 12, 3))
	var in []byte
	for range 3000 {
		in = g.AppendLine(in)
	}
	f := write(t, "p.jsonl", string(in))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first map[string]string
	for _, procs := range []int{1, 4, 2, 1} {
		runtime.GOMAXPROCS(procs)
		got := map[string]string{}
		for _, args := range [][]string{
			{"check", "--jsonl", "--as-of", "2026-12-03", f},
			{"check", "--jsonl", "--as-of", "2026-12-03", "--summary=" + f + ".sum", "-o", "json", f},
			{"rules", "lint", "-o", "json"},
			{"schema", "result"},
			{"check", "-o", "markdown", "--as-of", "2026-12-03", write(t, "a.json", answers)},
		} {
			_, out, _ := runWith(t, nil, false, "", args...)
			got[strings.Join(args[:2], " ")] += out
		}
		sum, _ := os.ReadFile(f + ".sum")
		got["summary"] = string(sum)
		if first == nil {
			first = got
			continue
		}
		for k := range got {
			if got[k] != first[k] {
				t.Errorf("GOMAXPROCS=%d: %s differs", procs, k)
			}
		}
	}
}
