package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/iostreams"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

const answers = `{"channels": ["direct_api"], "transactions": {"visa": 10}}`

func runWith(t *testing.T, env map[string]string, tty bool, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	s, in, out, errOut := iostreams.Test()
	s.SetTTY(tty, tty, tty)
	s.Getenv = func(k string) string { return env[k] }
	in.WriteString(stdin)
	code = Main(s, args)
	return code, out.String(), errOut.String()
}

func TestColourOnlyOnATerminalAndWithoutNO_COLOR(t *testing.T) {
	f := t.TempDir() + "/a.json"
	os.WriteFile(f, []byte(answers), 0o644)
	cases := []struct {
		name   string
		env    map[string]string
		tty    bool
		colour bool
	}{
		{"terminal", nil, true, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, true, false},
		{"TERM=dumb", map[string]string{"TERM": "dumb"}, true, false},
		{"not a terminal", nil, false, false},
	}
	for _, c := range cases {
		code, out, _ := runWith(t, c.env, c.tty, "", "check", f)
		if code != 0 {
			t.Fatalf("%s: exit %d", c.name, code)
		}
		if got := strings.Contains(out, "\x1b["); got != c.colour {
			t.Errorf("%s: colour %v, want %v", c.name, got, c.colour)
		}
		if !strings.HasPrefix(ansi.ReplaceAllString(out, ""), "Validation: SAQ D\n") {
			t.Errorf("%s: the verdict is not first: %q", c.name, out[:40])
		}
	}
	// JSON and Markdown never carry colour.
	for _, format := range []string{"json", "markdown"} {
		if _, out, _ := runWith(t, nil, true, "", "check", "-o", format, f); strings.Contains(out, "\x1b[") {
			t.Errorf("%s output has colour", format)
		}
	}
}

func TestCheckWithoutInputOnATerminal(t *testing.T) {
	code, out, errOut := runWith(t, nil, true, "", "check")
	if code != 2 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	want := "saqcheck: no answers document: standard input is a terminal\nsaqcheck: hint: pipe a document in, give a file (saqcheck check answers.json), or run saqcheck wizard\n"
	if errOut != want {
		t.Errorf("stderr %q", errOut)
	}
	if code, _, _ := runWith(t, nil, false, answers, "check"); code != 0 {
		t.Errorf("piped: exit %d", code)
	}
}

// A bug ends with exit 3 and a request to report it, never a raw stack
// unless SAQCHECK_DEBUG=1 asks for one.
func TestPanicIsAnInternalError(t *testing.T) {
	withPanic := func(a *app) *cobra.Command {
		root := newRootCommand(a)
		root.AddCommand(&cobra.Command{Use: "boom", RunE: func(*cobra.Command, []string) error { panic("kaboom") }})
		return root
	}
	for _, debug := range []bool{false, true} {
		s, _, out, errOut := iostreams.Test()
		s.Getenv = func(k string) string {
			if debug && k == "SAQCHECK_DEBUG" {
				return "1"
			}
			return ""
		}
		code := run(s, []string{"boom"}, withPanic)
		if code != 3 || out.Len() != 0 {
			t.Errorf("exit %d, stdout %q", code, out)
		}
		lines := strings.Split(errOut.String(), "\n")
		if lines[0] != "saqcheck: internal error: kaboom" || !strings.HasPrefix(lines[1], "saqcheck: hint: this is a bug in saqcheck; please report it") {
			t.Errorf("stderr: %q", errOut)
		}
		if hasStack := strings.Contains(errOut.String(), "goroutine "); hasStack != debug {
			t.Errorf("SAQCHECK_DEBUG=%v: stack shown %v", debug, hasStack)
		}
	}
}

// Each --jsonl line is byte for byte what check -o json prints for that
// document alone, with "line" added: through the commands themselves.
func TestJSONLEqualsSingleCheck(t *testing.T) {
	tb, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		t.Fatal(err)
	}
	g := portfolio.New(questionnaire.NewModel(tb), 11, saq.DateOf(2026, 12, 3))
	dir := t.TempDir()
	var all []byte
	var singles []string
	for i := range 300 {
		line := g.AppendLine(nil)
		all = append(all, line...)
		f := filepath.Join(dir, fmt.Sprintf("%d.json", i))
		os.WriteFile(f, line, 0o644)
		code, out, errOut := runWith(t, nil, false, "", "check", "-o", "json", "--as-of", "2026-12-03", f)
		if code != 0 {
			t.Fatalf("check %s: exit %d %s", line, code, errOut)
		}
		singles = append(singles, out)
	}
	code, out, errOut := runWith(t, nil, false, string(all), "check", "--jsonl", "--as-of", "2026-12-03")
	if code != 0 {
		t.Fatalf("jsonl: exit %d %s", code, errOut)
	}
	lines := strings.SplitAfter(out, "\n")
	for i, s := range singles {
		want := fmt.Sprintf(`{"line":%d,`, i+1) + s[1:]
		if lines[i] != want {
			t.Fatalf("line %d:\n got  %s want %s", i+1, lines[i], want)
		}
	}
}

// A progress line on a terminal (records and records/s), none otherwise.
func TestJSONLProgress(t *testing.T) {
	in := strings.Repeat(answers+"\n", 3000)
	for _, tty := range []bool{true, false} {
		s, stdin, _, errOut := iostreams.Test()
		s.SetTTY(false, false, tty)
		stdin.WriteString(in)
		clock := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
		withClock := func(a *app) *cobra.Command {
			a.now = func() time.Time { clock = clock.Add(time.Second); return clock }
			return newRootCommand(a)
		}
		if code := run(s, []string{"check", "--jsonl", "--summary"}, withClock); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		shown := strings.Contains(errOut.String(), " records/s")
		if shown != tty {
			t.Errorf("stderr a terminal %v: progress shown %v: %q", tty, shown, errOut.String())
		}
		if tty && !strings.Contains(errOut.String(), "\r\x1b[Ksaqcheck summary:") {
			t.Errorf("the progress line is not cleared before the summary: %q", errOut.String())
		}
	}
}

// answerPrompter answers the wizard from a map of question id to answer.
type answerPrompter struct {
	t       *testing.T
	answers map[string]string // "yes"/"no", text, or channel ids separated by commas
}

func (p *answerPrompter) get(id string) string {
	v, ok := p.answers[id]
	if !ok {
		p.t.Fatalf("unexpected question %q", id)
	}
	return v
}
func (p *answerPrompter) Say(string) error { return nil }
func (p *answerPrompter) MultiSelect(id, _, _ string, options []questionnaire.Option, _ []int) ([]int, error) {
	var out []int
	for _, want := range strings.Split(p.get(id), ",") {
		for i, o := range options {
			if o.Label == want {
				out = append(out, i)
			}
		}
	}
	return out, nil
}
func (p *answerPrompter) Confirm(id, _, _ string, _ bool) (bool, error) {
	return p.get(id) == "yes", nil
}
func (p *answerPrompter) Input(id, _, _, def string, check func(string) error) (string, error) {
	v := p.get(id)
	if err := check(v); err != nil {
		p.t.Fatalf("%s: %q rejected: %v", id, v, err)
	}
	return v, nil
}
func (p *answerPrompter) Select(id, _, _ string, _ []string, _ int) (int, error) {
	p.get(id)
	return 0, nil
}

// wizard --save writes the answers that check turns into the identical
// result, and writes nothing when interrupted.
func TestWizardSaveRoundTrip(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "answers.json")
	p := &answerPrompter{t: t, answers: map[string]string{
		"channels": "Stripe Checkout,Dashboard manual entry", "checkout.embedded": "no",
		"transactions.visa": "2.5m", "transactions.mastercard": "10", "transactions.amex": "0", "transactions.discover": "0",
		"ecommerce_transactions.visa": "2m", "ecommerce_transactions.mastercard": "", "ecommerce_transactions.discover": "",
		"deemed_level1": "no", "last_validated": "2026-01-15", "review": "confirm",
	}}
	withPrompter := func(a *app) *cobra.Command {
		a.prompter = p
		return newRootCommand(a)
	}
	s, _, out, errOut := iostreams.Test()
	s.SetTTY(true, true, true)
	s.Getenv = func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }
	if code := run(s, []string{"wizard", "--save", saved, "--as-of", "2026-12-03"}, withPrompter); code != 0 {
		t.Fatalf("wizard: exit %d: %s", code, errOut)
	}
	wizardOut := strings.TrimPrefix(out.String(), "\n")
	code, checkOut, _ := runWith(t, map[string]string{"NO_COLOR": "1"}, true, "", "check", "--as-of", "2026-12-03", saved)
	if code != 0 || checkOut != wizardOut {
		t.Errorf("check of the saved answers differs:\n%s\nwizard printed:\n%s", checkOut, wizardOut)
	}
	if !strings.HasPrefix(wizardOut, "Validation: SAQ D (covers all channels; or one per channel: SAQ A and SAQ C-VT)") {
		t.Errorf("wizard printed: %.120s", wizardOut)
	}
	if !strings.Contains(errOut.String(), "saqcheck: answers saved to "+saved) {
		t.Errorf("stderr: %s", errOut)
	}
	// --output works as for check.
	s, _, out, _ = iostreams.Test()
	s.SetTTY(true, true, true)
	p.answers["review"] = "confirm"
	if code := run(s, []string{"wizard", "-o", "json", "--as-of", "2026-12-03"}, withPrompter); code != 0 || !strings.Contains(out.String(), `"saq":"D","saqs":["A","C-VT"]`) {
		t.Errorf("wizard -o json: exit %d: %s", code, out)
	}
	// --from an invalid file: exit 2 before any question.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"channels": []}`), 0o644)
	s, _, _, errOut = iostreams.Test()
	s.SetTTY(true, true, true)
	if code := run(s, []string{"wizard", "--from", bad}, withPrompter); code != 2 || !strings.HasPrefix(errOut.String(), "saqcheck: "+bad+": channels: empty") {
		t.Errorf("--from a bad file: exit %d: %s", code, errOut)
	}
}

func TestWizardNeedsATerminal(t *testing.T) {
	for _, tty := range [][2]bool{{false, false}, {true, false}, {false, true}} {
		s, _, _, errOut := iostreams.Test()
		s.SetTTY(tty[0], tty[1], true)
		if code := Main(s, []string{"wizard"}); code != 2 {
			t.Errorf("stdin %v stdout %v: exit %d", tty[0], tty[1], code)
		}
		want := "saqcheck: wizard needs an interactive terminal\nsaqcheck: hint: in scripts and CI, write the answers as JSON and run saqcheck check FILE\n"
		if errOut.String() != want {
			t.Errorf("stderr %q", errOut)
		}
	}
}
