package saq_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// edit replaces the one occurrence of old in the default table.
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	if strings.Count(string(data.Rules), old) != 1 {
		t.Fatalf("%q is not in the default table exactly once", old)
	}
	return []byte(strings.Replace(string(data.Rules), old, new, 1))
}

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name   string
		old    string // replaced in the default table
		new    string
		at     string // the text whose line the error names ("" for line 0)
		atNew  bool   // look for at in the edited table
		errMsg string
	}{
		{"unknown key in a channel row", "        saq: C-VT\n", "        sqa: C-VT\n", "sqa: C-VT", true,
			`channel rule: unknown key "sqa" (expected one of: id, when, saq, consult_qsa, reason, source)`},
		{"missing id", "      - id: connect-platform\n        saq: A", "      - saq: A", "saq: A\n        reason: If you collect", true,
			`channel rule: missing "id"`},
		{"duplicate row id", "- id: stripejs-v2-form", "- id: connect-platform", "- id: connect-platform\n        saq: A-EP", true,
			`channel rule: duplicate id "connect-platform"`},
		{"undefined SAQ", "        saq: C-VT\n", "        saq: C-V\n", "saq: C-V\n", true,
			`channel rule dashboard-manual-entry: saq: undefined SAQ "C-V"`},
		{"undefined channel in a condition", "when: {channel: dashboard}\n    text: Dashboard card entry", "when: {channel: dashbord}\n    text: Dashboard card entry", "channel: dashbord", true,
			`undefined channel "dashbord"`},
		{"undefined question in a condition", "when: {terminal.p2pe: false}", "when: {terminal.p2p: false}", "terminal.p2p: false", true,
			`unknown condition "terminal.p2p"`},
		{"undefined brand", "level: {visa: 1}", "level: {vias: 1}", "vias: 1", true, `undefined brand "vias"`},
		{"brand level read before it is decided", "when: {any: [{ecommerce: {gt: 20000}}, {level: {visa: 3}}]}", "when: {any: [{ecommerce: {gt: 20000}}, {level: {amex: 3}}]}", "amex: 3", true,
			`a level row may only read the level of a brand listed before it`},
		{"malformed threshold: negative", "when: {total: {gte: 50000}}", "when: {total: {gte: -50000}}", "-50000", true,
			`malformed threshold -50000`},
		{"malformed threshold: not a number", "when: {total: {gte: 50000}}", "when: {total: {gte: 50k}}", "gte: 50k", true,
			`malformed threshold: expected a whole number, got "50k"`},
		{"malformed threshold: empty range", "when: {total: {gte: 50000}}", "when: {total: {gte: 50000, lt: 100}}", "gte: 50000, lt: 100", true,
			`the range is empty`},
		{"total outside level rows", "when: {channel: direct_api}\n    text: Radar", "when: {total: {gt: 1}}\n    text: Radar", "total: {gt: 1}", true,
			`"total" can only be used in level rows`},
		{"a fact not known yet", "when: {checkout.embedded: false}", "when: {validation: SAQ}", "validation: SAQ", true,
			`"validation" is not known yet in channel rules`},
		{"unknown placeholder", "{scan_saqs} (confidence M)", "{scan_saq} (confidence M)", "scan_saq}", true,
			`unknown placeholder {scan_saq}`},
		{"unknown hit policy", "  channel_rules: unique", "  channel_rules: priority", "channel_rules: priority", true,
			`hit_policy: channel_rules: "priority" is not supported here`},
		{"undefined source", "source: stripe-terminal-pci\n  - id: transactions", "source: stripe-terminal\n  - id: transactions", "source: stripe-terminal\n", true,
			`source "stripe-terminal" is not defined in sources`},
		{"unknown top-level key", "revision: \"2026.12-1\"", "revison: \"2026.12-1\"", "revison", true,
			`rules table: unknown key "revison"`},
		{"unknown validation", "    validation: QSA\n", "    validation: QSR\n", "validation: QSR", true,
			`unknown validation "QSR" (expected RoC, QSA or SAQ)`},
		{"no covering SAQ", "    covers: all\n", "    covers: [A]\n", "- id: A\n", false,
			`no SAQ covers all the others`},
		{"a question read before it is declared", "applies: {any: [{channel: elements}, {all: [{channel: checkout}, {checkout.embedded: true}]}]}", "applies: {any: [{channel: elements}, {terminal.p2pe: true}]}", "terminal.p2pe: true}]}", true,
			`question "terminal.p2pe" must be declared before the question whose condition reads it`},
		{"null SAQ without a QSA", "        saq: null\n        consult_qsa: true\n", "        saq: null\n", "        saq: null\n", true,
			`saq: null needs consult_qsa: true`},
		{"a follow-up without its assumption", "    assumption: \"Terminal: taken as not enrolled in Stripe Terminal's P2PE solution (SAQ C, not SAQ P2PE).\"\n", "", "- id: terminal.p2pe", true,
			`question terminal.p2pe: missing "assumption"`},
		{"level out of range", "          level: 4\n          reason: All other Discover", "          level: 0\n          reason: All other Discover", "level: 0", true,
			`level 0 out of range`},
		{"anchors and aliases", "  - id: connect\n", "  - &c\n    id: connect\n", "&c", true,
			`anchors (&c) are not supported in a rules table`},
		{"invalid YAML", "revision: \"2026.12-1\"\n", "revision: \"2026.12-1\n", "revision", true, `invalid YAML`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := edit(t, c.old, c.new)
			_, err := saq.Load("rules.yaml", raw)
			var errs saq.TableErrors
			if !errors.As(err, &errs) {
				t.Fatalf("loaded: %v", err)
			}
			line := 0
			src := string(data.Rules)
			if c.atNew {
				src = string(raw)
			}
			if i := strings.Index(src, c.at); i >= 0 {
				line = strings.Count(src[:i], "\n") + 1
			}
			for _, e := range errs {
				if strings.Contains(e.Msg, c.errMsg) {
					if c.name != "invalid YAML" && e.Line != line {
						t.Errorf("line %d, want %d: %s", e.Line, line, e)
					}
					if !strings.HasPrefix(e.Error(), fmt.Sprintf("rules.yaml:%d: ", e.Line)) {
						t.Errorf("error %q does not start with file:line", e)
					}
					return
				}
			}
			t.Errorf("no error contains %q; got:\n%v", c.errMsg, errs)
		})
	}
}

func TestLoadReportsEveryProblemInFileOrder(t *testing.T) {
	raw := strings.Replace(string(data.Rules), "        saq: C-VT\n", "        saq: X\n", 1)
	raw = strings.Replace(raw, "revision: \"2026.12-1\"", "revison: 1", 1)
	_, err := saq.Load("r.yaml", []byte(raw))
	var errs saq.TableErrors
	if !errors.As(err, &errs) || len(errs) < 2 {
		t.Fatalf("want several errors, got %v", err)
	}
	for i := 1; i < len(errs); i++ {
		if errs[i].Line < errs[i-1].Line {
			t.Errorf("not in file order: %v", errs)
		}
	}
}

func TestLoadLimits(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		err  string
	}{
		{"empty", "", "empty file"},
		{"not a mapping", "- a\n- b\n", "rules table: expected a mapping, got a list"},
		{"two documents", "revision: x\n---\nrevision: y\n", "more than one YAML document"},
		{"too large", "revision: x\n" + strings.Repeat("#", saq.MaxTableSize), "larger than 1024 KiB"},
		{"billion laughs", billionLaughs(), "anchors (&a) are not supported"},
		{"deep nesting", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := saq.Load("r.yaml", []byte(c.yaml))
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.err) {
				t.Errorf("got %v, want %q", err, c.err)
			}
		})
	}
}

func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i, prev := 'b', 'a'; i <= 'i'; i, prev = i+1, i {
		fmt.Fprintf(&b, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", i, i, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	return b.String()
}

// Adding a channel is a YAML edit: Payment Links, Stripe-hosted, SAQ A.
func TestAddChannelWithYAMLOnly(t *testing.T) {
	raw := edit(t, "  - id: direct_api\n", `  - id: payment_links
    name: Stripe Payment Links
    description: a link to a Stripe-hosted payment page
    ecommerce: true
    rules:
      - id: payment-links-hosted
        saq: A
        reason: Payment Links open a Stripe-hosted page, so card data never touches your site.
        source: "https://docs.stripe.com/payment-links"
  - id: direct_api
`)
	tb, err := saq.Load("payment-links.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decide(t, tb, `{"channels": ["payment_links", "terminal"], "transactions": {"visa": 100}}`, saq.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := report.Build(d)
	if got := outcomeOf(r); got.Channels != "payment_links=A terminal=C" || got.SAQ != "D" {
		t.Errorf("got %+v", got)
	}
	if *r.Channels[0].Rule != "payment-links-hosted" || r.Channels[0].Source != "https://docs.stripe.com/payment-links" {
		t.Errorf("payment links row: %+v", r.Channels[0])
	}
}

// A table with gaps still evaluates: the gap becomes "consult a QSA" and a
// warning, never a failure.
func TestGapsDoNotFail(t *testing.T) {
	raw := edit(t, "      - id: terminal-standard\n        when: {terminal.p2pe: false}\n", "      - id: terminal-standard\n        when: {terminal.p2pe: false, checkout.embedded: true}\n")
	raw = []byte(strings.Replace(string(raw), "          when: {total: {gte: 1000000}}\n          reason: 1,000,000 to 6,000,000 Visa", "          when: {total: {gte: 1000001}}\n          reason: 1,000,000 to 6,000,000 Visa", 1))
	raw = []byte(strings.Replace(string(raw), "        - id: visa-level-4\n          level: 4\n", "        - id: visa-level-4\n          level: 4\n          when: {total: {lt: 20000}}\n", 1))
	raw = []byte(strings.Replace(string(raw), "  - id: saq-eligible\n    validation: SAQ\n", "  - id: saq-eligible\n    when: {any_level: 4}\n    validation: SAQ\n", 1))
	tb, err := saq.Load("gaps.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decide(t, tb, `{"channels": ["terminal"], "transactions": {"visa": 1000000}, "ecommerce_transactions": {"visa": 0}}`, saq.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := report.Build(d)
	if r.Validation != "QSA" || !r.ConsultQSA || r.Channels[0].SAQ != nil || r.Channels[0].Rule != nil || *r.ValidationRule != "qsa-undetermined-channel" {
		t.Errorf("channel gap: %+v", outcomeOf(r))
	}
	if _, ok := r.MerchantLevel.ByBrand["visa"]; ok {
		t.Errorf("a level from a gap: %v", r.MerchantLevel.ByBrand)
	}
	all := strings.Join(r.Warnings, "\n")
	for _, want := range []string{"No row of the rules table decides Stripe Terminal", "No level row of the rules table matches Visa with 1000000 transactions"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	// No level, so no validation row holds.
	d, _ = decide(t, tb, `{"channels": ["elements"], "transactions": {}}`, saq.Options{})
	if r := report.Build(d); r.Validation != "QSA" || !r.ConsultQSA || r.ValidationRule != nil || !strings.Contains(strings.Join(r.Warnings, "\n"), "No validation row") {
		t.Errorf("validation gap: %+v %v", outcomeOf(r), r.Warnings)
	}
	// A validation row that says SAQ while a channel has none is a gap too.
	d, _ = decide(t, tb, `{"channels": ["elements"], "transactions": {"visa": 10}}`, saq.Options{})
	if r := report.Build(d); r.Validation != "SAQ" || *r.SAQ != "A" {
		t.Errorf("elements: %+v", outcomeOf(r))
	}
}

// domain.md §3: every SAQ covers itself, A-EP covers A, D covers all; the
// smallest SAQ that covers every channel's is the one.
func TestCovers(t *testing.T) {
	tb := defaultTable(t)
	cases := []struct {
		saqs []string
		want string
	}{
		{[]string{"A"}, "A"}, {[]string{"A-EP"}, "A-EP"}, {[]string{"C-VT"}, "C-VT"}, {[]string{"C"}, "C"},
		{[]string{"P2PE"}, "P2PE"}, {[]string{"D"}, "D"},
		{[]string{"A", "A-EP"}, "A-EP"}, {[]string{"A", "C"}, "D"}, {[]string{"C", "P2PE"}, "D"},
		{[]string{"A", "C-VT"}, "D"}, {[]string{"A-EP", "C"}, "D"}, {[]string{"A", "D"}, "D"},
	}
	for _, c := range cases {
		if got := tb.Cover(c.saqs...); got != c.want {
			t.Errorf("%v: %s, want %s", c.saqs, got, c.want)
		}
	}
}

// A table whose validation rows would give an SAQ to a channel without one
// is treated as having a gap there.
func TestSAQNeedsEveryChannelDetermined(t *testing.T) {
	raw := edit(t, "  - id: qsa-undetermined-channel\n    when: {undetermined: true}\n", "  - id: qsa-undetermined-channel\n    when: {undetermined: true, deemed_level1: true}\n")
	tb, err := saq.Load("no-qsa-row.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := decide(t, tb, `{"channels": ["mobile_sdk", "checkout"], "mobile_sdk": {"multi_customer_device": true}, "transactions": {"visa": 10}}`, saq.Options{})
	if r := report.Build(d); r.Validation != "QSA" || r.SAQ != nil || r.ValidationRule != nil {
		t.Errorf("got %+v", outcomeOf(r))
	}
}
