package questionnaire_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// scripted is a Prompter that answers from a script keyed by question id.
// A question asked without a scripted answer, or a scripted answer never
// asked for, fails the test.
type scripted struct {
	t       *testing.T
	m       *questionnaire.Model
	script  map[string][]any // id -> answers, in order (a rejected input takes the next)
	asked   []string
	defs    map[string]any // the default each question was asked with (last time)
	rejects map[string][]string
	said    []string
	stopAt  string // return ErrInterrupted when this id is asked
}

func newScripted(t *testing.T, m *questionnaire.Model, script map[string][]any) *scripted {
	return &scripted{t: t, m: m, script: script, defs: map[string]any{}, rejects: map[string][]string{}}
}

func (s *scripted) next(id string) (any, error) {
	s.asked = append(s.asked, id)
	if id == s.stopAt {
		return nil, questionnaire.ErrInterrupted
	}
	q := s.script[id]
	if len(q) == 0 {
		s.t.Fatalf("unexpected question %q (asked so far: %v)", id, s.asked)
	}
	s.script[id] = q[1:]
	return q[0], nil
}

// done fails the test for scripted answers nobody asked for.
func (s *scripted) done() {
	for id, q := range s.script {
		if len(q) > 0 {
			s.t.Errorf("question %q was never asked for its scripted answers %v", id, q)
		}
	}
}

func (s *scripted) Say(text string) error { s.said = append(s.said, text); return nil }

func (s *scripted) MultiSelect(id, message, help string, options []questionnaire.Option, defaults []int) ([]int, error) {
	s.defs[id] = defaults
	v, err := s.next(id)
	if err != nil {
		return nil, err
	}
	var out []int
	for _, ch := range v.([]string) {
		out = append(out, s.m.Table.ChannelIndex(ch))
	}
	return out, nil
}

func (s *scripted) Confirm(id, message, help string, def bool) (bool, error) {
	s.defs[id] = def
	v, err := s.next(id)
	if err != nil {
		return false, err
	}
	if v == "default" {
		return def, nil
	}
	return v.(bool), nil
}

func (s *scripted) Input(id, message, help, def string, check func(string) error) (string, error) {
	s.defs[id] = def
	for {
		v, err := s.next(id)
		if err != nil {
			return "", err
		}
		in := v.(string)
		if in == "default" {
			in = def
		}
		if err := check(in); err != nil {
			s.rejects[id] = append(s.rejects[id], in+": "+err.Error())
			continue // asked again, as the terminal would
		}
		return in, nil
	}
}

func (s *scripted) Select(id, message, help string, options []string, def int) (int, error) {
	v, err := s.next(id)
	if err != nil {
		return 0, err
	}
	if v == "confirm" {
		return 0, nil
	}
	for i, o := range options {
		if strings.HasPrefix(o, v.(string)+":") {
			return i, nil
		}
	}
	s.t.Fatalf("review has no item %q: %v", v, options)
	return 0, nil
}

func TestWizardAsksWhatAppliesAndReviews(t *testing.T) {
	m := model(t)
	p := newScripted(t, m, map[string][]any{
		"channels":                          {[]string{"elements", "terminal"}},
		"script_protection_confirmed":       {true},
		"terminal.p2pe":                     {false},
		"transactions.visa":                 {"lots", "1,200,000"},
		"transactions.mastercard":           {"800k"},
		"transactions.amex":                 {"40_000"},
		"transactions.discover":             {"default"},
		"ecommerce_transactions.visa":       {"2m", "900000"},
		"ecommerce_transactions.mastercard": {""},
		"ecommerce_transactions.discover":   {""},
		"deemed_level1":                     {false},
		"last_validated":                    {"31/03/2026", "2026-03-31"},
		"review":                            {"confirm"},
	})
	a, err := (&questionnaire.Wizard{Model: m, Prompter: p}).Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	p.done()
	got := string(m.Encode(a))
	want := `{
  "channels": ["elements", "terminal"],
  "script_protection_confirmed": true,
  "terminal": {
    "p2pe": false
  },
  "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0},
  "ecommerce_transactions": {"visa": 900000},
  "deemed_level1": false,
  "last_validated": "2026-03-31"
}
`
	if got != want {
		t.Errorf("answers:\n%s\nwant:\n%s", got, want)
	}
	wantRejects := map[string][]string{
		"transactions.visa":           {"lots: not a number: use digits, optionally grouped as 6,000,000 or 6_000_000, or a suffix as in 6m or 2.5M"},
		"ecommerce_transactions.visa": {"2m: more than the 1,200,000 Visa transactions in all"},
		"last_validated":              {"31/03/2026: enter a date as YYYY-MM-DD, or leave it empty"},
	}
	if fmt.Sprint(p.rejects) != fmt.Sprint(wantRejects) {
		t.Errorf("rejected inputs: %v", p.rejects)
	}
	if !slices.Contains(p.said, m.Table.Questions[m.Table.QuestionIndex("transactions")].Prompt) {
		t.Errorf("the transactions question was not shown: %v", p.said)
	}
}

// Changing an answer on the review screen asks what now applies and drops
// what no longer does.
func TestWizardReviewChangesAnAnswer(t *testing.T) {
	m := model(t)
	p := newScripted(t, m, map[string][]any{
		"channels":                          {[]string{"terminal"}, []string{"checkout"}},
		"terminal.p2pe":                     {true},
		"transactions.visa":                 {"10"},
		"transactions.mastercard":           {"0"},
		"transactions.amex":                 {"0"},
		"transactions.discover":             {"0"},
		"ecommerce_transactions.visa":       {""},
		"ecommerce_transactions.mastercard": {""},
		"ecommerce_transactions.discover":   {""},
		"deemed_level1":                     {false},
		"last_validated":                    {""},
		"checkout.embedded":                 {true},
		"script_protection_confirmed":       {false},
		"review":                            {"channels", "confirm"},
	})
	a, err := (&questionnaire.Wizard{Model: m, Prompter: p}).Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	p.done()
	got := string(m.AppendCompact(nil, a))
	want := `{"channels":["checkout"],"checkout":{"embedded":true},"script_protection_confirmed":false,"transactions":{"visa":10,"mastercard":0,"amex":0,"discover":0},"deemed_level1":false}`
	if got != want {
		t.Errorf("answers:\n%s\nwant\n%s", got, want)
	}
	d := m.Table.NewDecision()
	m.Table.Evaluate(a, saq.Options{}, d)
	if d.Validation != saq.ValidationSAQ || m.Table.SAQs[d.Cover].ID != "A-EP" {
		t.Errorf("embedded checkout without script protection should be SAQ A-EP")
	}
}

// --from: an earlier answers file gives every default, so a yearly re-check
// is a few Enters.
func TestWizardFromEarlierAnswers(t *testing.T) {
	m := model(t)
	from := m.Table.NewAnswers()
	earlier := `{"id": "acme", "channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": true, "multi_customer_device": false}, "transactions": {"visa": 2500000, "amex": 12}, "deemed_level1": false, "last_validated": "2025-11-30"}`
	if err := m.NewDecoder().Decode([]byte(earlier), from); err != nil {
		t.Fatal(err)
	}
	p := newScripted(t, m, map[string][]any{
		"channels":                         {[]string{"mobile_sdk"}},
		"mobile_sdk.custom_card_code":      {"default"},
		"mobile_sdk.multi_customer_device": {"default"},
		"transactions.visa":                {"default"},
		"transactions.mastercard":          {"default"},
		"transactions.amex":                {"default"},
		"transactions.discover":            {"default"},
		"deemed_level1":                    {"default"},
		"last_validated":                   {"default"},
		"review":                           {"confirm"},
	})
	a, err := (&questionnaire.Wizard{Model: m, Prompter: p}).Run(from)
	if err != nil {
		t.Fatal(err)
	}
	p.done()
	wantDefs := map[string]any{
		"channels": []int{m.Table.ChannelIndex("mobile_sdk")}, "mobile_sdk.custom_card_code": true, "mobile_sdk.multi_customer_device": false,
		"transactions.visa": "2,500,000", "transactions.mastercard": "0", "transactions.amex": "12", "transactions.discover": "0",
		"deemed_level1": false, "last_validated": "2025-11-30",
	}
	for id, want := range wantDefs {
		if fmt.Sprint(p.defs[id]) != fmt.Sprint(want) {
			t.Errorf("%s: default %v, want %v", id, p.defs[id], want)
		}
	}
	got := string(m.AppendCompact(nil, a))
	want := `{"id":"acme","channels":["mobile_sdk"],"mobile_sdk":{"custom_card_code":true,"multi_customer_device":false},"transactions":{"visa":2500000,"mastercard":0,"amex":12,"discover":0},"deemed_level1":false,"last_validated":"2025-11-30"}`
	if got != want {
		t.Errorf("answers:\n%s\nwant\n%s", got, want)
	}
}

func TestWizardInterrupted(t *testing.T) {
	m := model(t)
	p := newScripted(t, m, map[string][]any{"channels": {[]string{"checkout"}}})
	p.stopAt = "checkout.embedded"
	if _, err := (&questionnaire.Wizard{Model: m, Prompter: p}).Run(nil); !errors.Is(err, questionnaire.ErrInterrupted) {
		t.Errorf("got %v", err)
	}
}

// The questions come from the table: another table, another wizard.
func TestWizardFollowsTheTable(t *testing.T) {
	raw := strings.Replace(string(rulesYAML(t)), "    prompt: How do you collect card data?\n", "    prompt: Which ways do you take cards?\n", 1)
	tb, err := saq.Load("custom.yaml", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	m := questionnaire.NewModel(tb)
	var message string
	p := &promptSpy{onMultiSelect: func(msg string) { message = msg }}
	(&questionnaire.Wizard{Model: m, Prompter: p}).Run(nil)
	if message != "Which ways do you take cards?" {
		t.Errorf("channels asked as %q", message)
	}
}

type promptSpy struct {
	questionnaire.Prompter
	onMultiSelect func(string)
}

func (p *promptSpy) MultiSelect(id, message, help string, options []questionnaire.Option, defaults []int) ([]int, error) {
	p.onMultiSelect(message)
	return nil, questionnaire.ErrInterrupted
}
