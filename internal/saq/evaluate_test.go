package saq_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

func defaultTable(t testing.TB) *saq.Table {
	t.Helper()
	tb, err := saq.Load(data.RulesName, data.Rules)
	if err != nil {
		t.Fatalf("embedded table: %v", err)
	}
	return tb
}

var asOf = saq.DateOf(2026, 12, 3)

// decide decodes and evaluates one answers document against tb.
func decide(t testing.TB, tb *saq.Table, doc string, opts saq.Options) (*saq.Decision, error) {
	t.Helper()
	a := tb.NewAnswers()
	if err := questionnaire.NewModel(tb).NewDecoder().Decode([]byte(doc), a); err != nil {
		t.Fatalf("decode %s: %v", doc, err)
	}
	d := tb.NewDecision()
	if opts.AsOf == 0 {
		opts.AsOf = asOf
	}
	return d, tb.Evaluate(a, opts, d)
}

// outcome is the part of a result each case pins down.
type outcome struct {
	Validation string
	SAQ        string   // "" for null
	SAQs       []string // nil for []
	ConsultQSA bool
	Channels   string         // "elements=A terminal=C", "-" for a null SAQ
	Levels     map[string]int // nil for none
}

func outcomeOf(r *report.Result) outcome {
	o := outcome{Validation: r.Validation, ConsultQSA: r.ConsultQSA, SAQs: r.SAQs}
	if r.SAQ != nil {
		o.SAQ = *r.SAQ
	}
	if len(o.SAQs) == 0 {
		o.SAQs = nil
	}
	var chans []string
	for _, c := range r.Channels {
		s := "-"
		if c.SAQ != nil {
			s = *c.SAQ
		}
		chans = append(chans, c.Channel+"="+s)
	}
	o.Channels = strings.Join(chans, " ")
	if len(r.MerchantLevel.ByBrand) > 0 {
		o.Levels = r.MerchantLevel.ByBrand
	}
	return o
}

func saqOutcome(cover string, saqs []string, channels string, levels map[string]int) outcome {
	return outcome{Validation: "SAQ", SAQ: cover, SAQs: saqs, Channels: channels, Levels: levels}
}

func visa(n int) map[string]int { return map[string]int{"visa": n} }

// Every row of the seed's table, every follow-up, every combination rule.
func TestChannelRows(t *testing.T) {
	tb := defaultTable(t)
	const v = `"transactions": {"visa": 1000}`
	cases := []struct {
		name string
		doc  string
		want outcome
		rule string // the first channel's deciding row
	}{
		{"checkout hosted by default", `{"channels": ["checkout"], ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A", visa(4)), "checkout-hosted"},
		{"checkout hosted, said so", `{"channels": ["checkout"], "checkout": {"embedded": false}, ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A", visa(4)), "checkout-hosted"},
		{"checkout hosted ignores the script criterion", `{"channels": ["checkout"], "script_protection_confirmed": false, ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A", visa(4)), "checkout-hosted"},
		{"checkout embedded, scripts protected", `{"channels": ["checkout"], "checkout": {"embedded": true}, "script_protection_confirmed": true, ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A", visa(4)), "checkout-embedded"},
		{"checkout embedded, protection assumed", `{"channels": ["checkout"], "checkout": {"embedded": true}, ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A", visa(4)), "checkout-embedded"},
		{"checkout embedded, scripts not protected", `{"channels": ["checkout"], "checkout": {"embedded": true}, "script_protection_confirmed": false, ` + v + `}`,
			saqOutcome("A-EP", []string{"A-EP"}, "checkout=A-EP", visa(4)), "checkout-embedded-unprotected"},
		{"elements", `{"channels": ["elements"], ` + v + `}`,
			saqOutcome("A", []string{"A"}, "elements=A", visa(4)), "elements-protected"},
		{"elements, scripts not protected", `{"channels": ["elements"], "script_protection_confirmed": false, ` + v + `}`,
			saqOutcome("A-EP", []string{"A-EP"}, "elements=A-EP", visa(4)), "elements-unprotected"},
		{"connect", `{"channels": ["connect"], ` + v + `}`,
			saqOutcome("A", []string{"A"}, "connect=A", visa(4)), "connect-platform"},
		{"mobile sdk official ui", `{"channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": false, "multi_customer_device": false}, ` + v + `}`,
			saqOutcome("A", []string{"A"}, "mobile_sdk=A", visa(4)), "mobile-official-ui"},
		{"mobile sdk assumed official", `{"channels": ["mobile_sdk"], ` + v + `}`,
			saqOutcome("A", []string{"A"}, "mobile_sdk=A", visa(4)), "mobile-official-ui"},
		{"mobile sdk custom card code", `{"channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": true}, ` + v + `}`,
			outcome{Validation: "SAQ", SAQ: "D", SAQs: []string{"D"}, ConsultQSA: true, Channels: "mobile_sdk=D", Levels: visa(4)}, "mobile-custom-card-code"},
		{"mobile sdk point of sale", `{"channels": ["mobile_sdk"], "mobile_sdk": {"multi_customer_device": true}, ` + v + `}`,
			outcome{Validation: "QSA", ConsultQSA: true, Channels: "mobile_sdk=-", Levels: visa(4)}, "mobile-multi-customer-device"},
		{"mobile sdk point of sale with custom code", `{"channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": true, "multi_customer_device": true}, ` + v + `}`,
			outcome{Validation: "QSA", ConsultQSA: true, Channels: "mobile_sdk=-", Levels: visa(4)}, "mobile-multi-customer-device"},
		{"stripe.js v2", `{"channels": ["stripejs_v2"], ` + v + `}`,
			saqOutcome("A-EP", []string{"A-EP"}, "stripejs_v2=A-EP", visa(4)), "stripejs-v2-form"},
		{"dashboard", `{"channels": ["dashboard"], ` + v + `}`,
			saqOutcome("C-VT", []string{"C-VT"}, "dashboard=C-VT", visa(4)), "dashboard-manual-entry"},
		{"terminal", `{"channels": ["terminal"], ` + v + `}`,
			saqOutcome("C", []string{"C"}, "terminal=C", visa(4)), "terminal-standard"},
		{"terminal p2pe", `{"channels": ["terminal"], "terminal": {"p2pe": true}, ` + v + `}`,
			saqOutcome("P2PE", []string{"P2PE"}, "terminal=P2PE", visa(4)), "terminal-p2pe"},
		{"direct api", `{"channels": ["direct_api"], ` + v + `}`,
			saqOutcome("D", []string{"D"}, "direct_api=D", visa(4)), "direct-api-raw-card-data"},

		// Several channels: per channel, and the one SAQ that covers them.
		{"checkout + elements", `{"channels": ["checkout", "elements"], ` + v + `}`,
			saqOutcome("A", []string{"A"}, "checkout=A elements=A", visa(4)), "checkout-hosted"},
		{"elements + stripe.js v2: A-EP covers A", `{"channels": ["elements", "stripejs_v2"], ` + v + `}`,
			saqOutcome("A-EP", []string{"A", "A-EP"}, "elements=A stripejs_v2=A-EP", visa(4)), "elements-protected"},
		{"stripe.js v2 + elements: order of saqs is the table's", `{"channels": ["stripejs_v2", "elements"], ` + v + `}`,
			saqOutcome("A-EP", []string{"A", "A-EP"}, "stripejs_v2=A-EP elements=A", visa(4)), "stripejs-v2-form"},
		{"elements + terminal: A + C needs D", `{"channels": ["elements", "terminal"], ` + v + `}`,
			saqOutcome("D", []string{"A", "C"}, "elements=A terminal=C", visa(4)), "elements-protected"},
		{"terminal p2pe + checkout: P2PE + A needs D", `{"channels": ["terminal", "checkout"], "terminal": {"p2pe": true}, ` + v + `}`,
			saqOutcome("D", []string{"A", "P2PE"}, "terminal=P2PE checkout=A", visa(4)), "terminal-p2pe"},
		{"dashboard + checkout: C-VT + A needs D", `{"channels": ["dashboard", "checkout"], ` + v + `}`,
			saqOutcome("D", []string{"A", "C-VT"}, "dashboard=C-VT checkout=A", visa(4)), "dashboard-manual-entry"},
		{"direct api + elements", `{"channels": ["direct_api", "elements"], ` + v + `}`,
			saqOutcome("D", []string{"A", "D"}, "direct_api=D elements=A", visa(4)), "direct-api-raw-card-data"},
		{"a point-of-sale app with elements: no SAQ", `{"channels": ["mobile_sdk", "elements"], "mobile_sdk": {"multi_customer_device": true}, ` + v + `}`,
			outcome{Validation: "QSA", ConsultQSA: true, Channels: "mobile_sdk=- elements=A", Levels: visa(4)}, "mobile-multi-customer-device"},
		{"every channel", `{"channels": ["checkout", "elements", "connect", "mobile_sdk", "stripejs_v2", "dashboard", "terminal", "direct_api"], ` + v + `}`,
			saqOutcome("D", []string{"A", "A-EP", "C-VT", "C", "D"}, "checkout=A elements=A connect=A mobile_sdk=A stripejs_v2=A-EP dashboard=C-VT terminal=C direct_api=D", visa(4)), "checkout-hosted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := decide(t, tb, c.doc, saq.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := report.Build(d)
			if got := outcomeOf(r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			if got := *r.Channels[0].Rule; got != c.rule {
				t.Errorf("rule %s, want %s", got, c.rule)
			}
			if r.Channels[0].Source == "" || r.Channels[0].Reason == "" {
				t.Errorf("channel without reason or source: %+v", r.Channels[0])
			}
		})
	}
}

func TestLevelBoundaries(t *testing.T) {
	tb := defaultTable(t)
	cases := []struct {
		name      string
		channels  string // JSON array
		tx, ecomm string // JSON objects
		levels    map[string]int
		roc       bool
	}{
		// Visa: Level 1 is more than 6,000,000.
		{"visa 6,000,001", `["checkout"]`, `{"visa": 6000001}`, "", visa(1), true},
		{"visa 6,000,000", `["checkout"]`, `{"visa": 6000000}`, "", visa(2), false},
		{"visa 1,000,000", `["checkout"]`, `{"visa": 1000000}`, "", visa(2), false},
		{"visa 999,999 online", `["checkout"]`, `{"visa": 999999}`, "", visa(3), false},
		{"visa 20,000 online", `["checkout"]`, `{"visa": 20000}`, "", visa(3), false},
		{"visa 19,999 online", `["checkout"]`, `{"visa": 19999}`, "", visa(4), false},
		{"visa 1", `["checkout"]`, `{"visa": 1}`, "", visa(4), false},
		{"visa in person only: e-commerce taken as 0", `["terminal"]`, `{"visa": 999999}`, "", visa(4), false},
		{"visa mixed, e-commerce 20,000", `["terminal", "elements"]`, `{"visa": 999999}`, `{"visa": 20000}`, visa(3), false},
		{"visa mixed, e-commerce 19,999", `["terminal", "elements"]`, `{"visa": 999999}`, `{"visa": 19999}`, visa(4), false},
		{"visa online, e-commerce given lower", `["checkout"]`, `{"visa": 500000}`, `{"visa": 100}`, visa(4), false},

		// Mastercard: Level 1 more than 6,000,000; 2 more than 1,000,000; 3 more than 20,000 e-commerce.
		{"mastercard 6,000,001", `["checkout"]`, `{"mastercard": 6000001}`, "", map[string]int{"mastercard": 1}, true},
		{"mastercard 6,000,000", `["checkout"]`, `{"mastercard": 6000000}`, "", map[string]int{"mastercard": 2}, false},
		{"mastercard 1,000,001", `["checkout"]`, `{"mastercard": 1000001}`, "", map[string]int{"mastercard": 2}, false},
		{"mastercard 1,000,000", `["checkout"]`, `{"mastercard": 1000000}`, "", map[string]int{"mastercard": 3}, false},
		{"mastercard 20,001", `["checkout"]`, `{"mastercard": 20001}`, "", map[string]int{"mastercard": 3}, false},
		{"mastercard 20,000", `["checkout"]`, `{"mastercard": 20000}`, "", map[string]int{"mastercard": 4}, false},
		{"mastercard follows visa level 3", `["checkout"]`, `{"visa": 50000, "mastercard": 20000}`, "", map[string]int{"visa": 3, "mastercard": 3}, false},
		{"mastercard follows visa level 2", `["checkout"]`, `{"visa": 2000000, "mastercard": 10}`, "", map[string]int{"visa": 2, "mastercard": 2}, false},
		{"mastercard follows visa level 1", `["checkout"]`, `{"visa": 7000000, "mastercard": 10}`, "", map[string]int{"visa": 1, "mastercard": 1}, true},
		{"mastercard keeps its own higher level", `["checkout"]`, `{"visa": 100, "mastercard": 2000000}`, "", map[string]int{"visa": 4, "mastercard": 2}, false},

		// American Express: Level 1 is 2,500,000 or more (the brand's own page).
		{"amex 2,500,000", `["checkout"]`, `{"amex": 2500000}`, "", map[string]int{"amex": 1}, true},
		{"amex 2,499,999", `["checkout"]`, `{"amex": 2499999}`, "", map[string]int{"amex": 2}, false},
		{"amex 50,000", `["checkout"]`, `{"amex": 50000}`, "", map[string]int{"amex": 2}, false},
		{"amex 49,999", `["checkout"]`, `{"amex": 49999}`, "", map[string]int{"amex": 3}, false},
		{"amex in person only has no e-commerce rule", `["terminal"]`, `{"amex": 60000}`, "", map[string]int{"amex": 2}, false},

		// Discover: as Visa, with card-not-present volume.
		{"discover 6,000,001", `["checkout"]`, `{"discover": 6000001}`, "", map[string]int{"discover": 1}, true},
		{"discover 6,000,000", `["checkout"]`, `{"discover": 6000000}`, "", map[string]int{"discover": 2}, false},
		{"discover 1,000,000", `["checkout"]`, `{"discover": 1000000}`, "", map[string]int{"discover": 2}, false},
		{"discover 999,999", `["checkout"]`, `{"discover": 999999}`, "", map[string]int{"discover": 3}, false},
		{"discover 20,000", `["checkout"]`, `{"discover": 20000}`, "", map[string]int{"discover": 3}, false},
		{"discover 19,999", `["checkout"]`, `{"discover": 19999}`, "", map[string]int{"discover": 4}, false},

		// Brands without transactions have no level.
		{"no transactions at all", `["checkout"]`, `{}`, "", nil, false},
		{"zeros are left out", `["checkout"]`, `{"visa": 0, "mastercard": 0, "amex": 0, "discover": 0}`, "", nil, false},
		{"four brands", `["checkout"]`, `{"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 5}`, "",
			map[string]int{"visa": 2, "mastercard": 2, "amex": 3, "discover": 4}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := `{"channels": ` + c.channels + `, "transactions": ` + c.tx
			if c.ecomm != "" {
				doc += `, "ecommerce_transactions": ` + c.ecomm
			}
			d, err := decide(t, tb, doc+"}", saq.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := report.Build(d)
			got := outcomeOf(r)
			if !reflect.DeepEqual(got.Levels, c.levels) {
				t.Errorf("levels %v, want %v", got.Levels, c.levels)
			}
			if (r.Validation == "RoC") != c.roc {
				t.Errorf("validation %s, RoC wanted: %v", r.Validation, c.roc)
			}
			if c.roc && (r.SAQ != nil || len(r.SAQs) != 0) {
				t.Errorf("RoC with an SAQ: %v %v", r.SAQ, r.SAQs)
			}
		})
	}
}

func TestDeemedLevel1(t *testing.T) {
	tb := defaultTable(t)
	for _, doc := range []string{
		`{"channels": ["checkout"], "transactions": {"visa": 10}, "deemed_level1": true}`,
		`{"channels": ["checkout"], "transactions": {}, "deemed_level1": true}`,
	} {
		d, err := decide(t, tb, doc, saq.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := report.Build(d)
		if r.Validation != "RoC" || r.SAQ != nil || r.ConsultQSA {
			t.Errorf("%s: %+v", doc, outcomeOf(r))
		}
		if len(d.Answers.Channels) == 0 || *r.ValidationRule != "roc-level-1" {
			t.Errorf("%s: decided by %v", doc, r.ValidationRule)
		}
	}
	d, _ := decide(t, tb, `{"channels": ["checkout"], "transactions": {"visa": 10, "amex": 3}, "deemed_level1": true}`, saq.Options{})
	if got := report.Build(d).MerchantLevel.ByBrand; !reflect.DeepEqual(got, map[string]int{"visa": 1, "amex": 1}) {
		t.Errorf("deemed Level 1 levels: %v", got)
	}
	// RoC comes before QSA: a Level 1 merchant with an undeterminable channel.
	d, _ = decide(t, tb, `{"channels": ["mobile_sdk"], "mobile_sdk": {"multi_customer_device": true}, "transactions": {"visa": 7000000}}`, saq.Options{})
	if r := report.Build(d); r.Validation != "RoC" || !r.ConsultQSA {
		t.Errorf("level 1 point-of-sale app: %+v", outcomeOf(r))
	}
}

// The assumptions, warnings and recommendations each situation must carry.
func TestNotes(t *testing.T) {
	tb := defaultTable(t)
	cases := []struct {
		name, doc string
		field     string // assumptions, warnings, recommendations, submit
		contains  []string
		absent    []string
	}{
		{"missing follow-ups are assumed", `{"channels": ["mobile_sdk", "terminal"], "transactions": {"visa": 10}}`,
			"assumptions", []string{"official SDK UI components", "not a point-of-sale app", "not enrolled in Stripe Terminal's P2PE"}, nil},
		{"answered follow-ups are not assumptions", `{"channels": ["terminal"], "terminal": {"p2pe": false}, "ecommerce_transactions": {}, "transactions": {"visa": 10}}`,
			"assumptions", nil, []string{"P2PE"}},
		{"e-commerce share unknown with terminal", `{"channels": ["terminal", "checkout"], "transactions": {"visa": 500000, "discover": 10}}`,
			"assumptions", []string{"No e-commerce count for Visa and Discover"}, nil},
		{"e-commerce share not needed above level 3", `{"channels": ["terminal"], "transactions": {"visa": 2000000}}`,
			"assumptions", nil, []string{"e-commerce"}},
		{"a follow-up that does not apply is ignored", `{"channels": ["checkout"], "terminal": {"p2pe": true}, "transactions": {"visa": 10}}`,
			"warnings", []string{"terminal.p2pe was answered, but it does not apply to the chosen channels: ignored."}, nil},
		{"dashboard is for exceptional circumstances", `{"channels": ["dashboard"], "transactions": {"visa": 10}}`,
			"warnings", []string{"exceptional circumstances only"}, nil},
		{"direct api: no radar", `{"channels": ["direct_api"], "transactions": {"visa": 10}}`,
			"warnings", []string{"Radar"}, nil},
		{"direct api: migrate", `{"channels": ["direct_api"], "transactions": {"visa": 10}}`,
			"recommendations", []string{"SAQ D (about 250–330 requirements) becomes SAQ A (about 22 requirements)"}, nil},
		{"direct api: raw card data access", `{"channels": ["direct_api"], "transactions": {"visa": 10}}`,
			"submit", []string{"Raw card data APIs must be enabled by Stripe Support"}, nil},
		{"stripe.js v2: migrate", `{"channels": ["stripejs_v2"], "transactions": {"visa": 10}}`,
			"recommendations", []string{"Move from Stripe.js v2 to Checkout or Elements"}, nil},
		{"mobile custom code: talk to a QSA", `{"channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": true}, "transactions": {"visa": 10}}`,
			"warnings", []string{"talk to a QSA"}, nil},
		{"several channels: both paths", `{"channels": ["elements", "terminal"], "transactions": {"visa": 10}}`,
			"submit", []string{"SAQ D with its Attestation of Compliance", "one SAQ per channel (SAQ A for Stripe.js and Elements, SAQ C for Stripe Terminal)", "separately from your online channels", "required with SAQ A, SAQ C and SAQ D"}, nil},
		{"one channel: one path", `{"channels": ["elements"], "transactions": {"visa": 10}}`,
			"submit", []string{"SAQ A with its Attestation"}, []string{"one SAQ per channel"}},
		{"no scans with P2PE alone", `{"channels": ["terminal"], "terminal": {"p2pe": true}, "transactions": {"visa": 10}}`,
			"submit", nil, []string{"Approved Scanning Vendor"}},
		{"no scans with C-VT alone", `{"channels": ["dashboard"], "transactions": {"visa": 10}}`,
			"submit", nil, []string{"Approved Scanning Vendor"}},
		{"mastercard level 2 needs an ISA or QSA", `{"channels": ["checkout"], "transactions": {"mastercard": 2000000}}`,
			"submit", []string{"Internal Security Assessor (ISA)"}, nil},
		{"roc: report, aoc, scans", `{"channels": ["checkout"], "transactions": {"visa": 7000000}}`,
			"submit", []string{"Report on Compliance (RoC)", "Quarterly external vulnerability scans"}, []string{"SAQ A with"}},
		{"qsa: ask how", `{"channels": ["mobile_sdk"], "mobile_sdk": {"multi_customer_device": true}, "transactions": {"visa": 10}}`,
			"submit", []string{"Ask a QSA how to validate Stripe mobile SDK"}, nil},
		{"levels 3-4: acquirer", `{"channels": ["checkout"], "transactions": {"visa": 30000}}`,
			"submit", []string{"Levels 3 and 4"}, nil},
		{"overdue", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2025-11-01"}`,
			"warnings", []string{"Last validated 2025-11-01: the annual validation was due 2026-11-01, 32 days ago."}, nil},
		{"due soon", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2025-12-20"}`,
			"warnings", []string{"the annual validation is due 2026-12-20, in 17 days."}, nil},
		{"due in exactly 30 days", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2026-01-02"}`,
			"warnings", []string{"in 30 days"}, nil},
		{"due in 31 days", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2026-01-03"}`,
			"warnings", nil, []string{"Last validated"}},
		{"due today", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2025-12-03"}`,
			"warnings", []string{"is due 2026-12-03, in 0 days"}, nil},
		{"a year and a day", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2025-12-02"}`,
			"warnings", []string{"was due 2026-12-02, 1 days ago"}, nil},
		{"29 February", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2024-02-29"}`,
			"warnings", []string{"was due 2025-03-01"}, nil},
		{"date in the future", `{"channels": ["checkout"], "transactions": {"visa": 10}, "last_validated": "2027-01-01"}`,
			"warnings", []string{"after the evaluation date"}, []string{"due"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := decide(t, tb, c.doc, saq.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := report.Build(d)
			list := map[string][]string{"assumptions": r.Assumptions, "warnings": r.Warnings, "recommendations": r.Recommendations, "submit": r.Submit}[c.field]
			all := strings.Join(list, "\n")
			for _, s := range c.contains {
				if !strings.Contains(all, s) {
					t.Errorf("%s lack %q:\n%s", c.field, s, all)
				}
			}
			for _, s := range c.absent {
				if strings.Contains(all, s) {
					t.Errorf("%s have %q:\n%s", c.field, s, all)
				}
			}
		})
	}
}

func TestStrict(t *testing.T) {
	tb := defaultTable(t)
	cases := []struct{ doc, err string }{
		{`{"channels": ["terminal"], "transactions": {}}`, "terminal.p2pe: missing"},
		{`{"channels": ["checkout"], "transactions": {}}`, "checkout.embedded: missing"},
		{`{"channels": ["checkout"], "checkout": {"embedded": true}, "transactions": {}}`, "script_protection_confirmed: missing"},
		{`{"channels": ["mobile_sdk"], "mobile_sdk": {"custom_card_code": false}, "transactions": {}}`, "mobile_sdk.multi_customer_device: missing"},
		{`{"channels": ["checkout"], "checkout": {"embedded": false}, "transactions": {}}`, ""},
		{`{"channels": ["elements", "connect", "stripejs_v2", "dashboard", "direct_api"], "script_protection_confirmed": true, "transactions": {}}`, ""},
	}
	for _, c := range cases {
		_, err := decide(t, tb, c.doc, saq.Options{Strict: true})
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.doc, err)
		case c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err)):
			t.Errorf("%s: got %v, want %s", c.doc, err, c.err)
		}
	}
}

// Every chosen channel is traced to a row and a source, for every
// combination of channels.
func TestEveryCombinationIsTraced(t *testing.T) {
	tb := defaultTable(t)
	n := len(tb.Channels)
	for mask := 1; mask < 1<<n; mask++ {
		var ids []string
		for c := range n {
			if mask&(1<<c) != 0 {
				ids = append(ids, tb.Channels[c].ID)
			}
		}
		chans, _ := json.Marshal(ids)
		d, err := decide(t, tb, fmt.Sprintf(`{"channels": %s, "transactions": {"visa": 5000}}`, chans), saq.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := report.Build(d)
		if r.ValidationRule == nil {
			t.Fatalf("%s: no validation row", chans)
		}
		for _, c := range r.Channels {
			if c.Rule == nil || c.Source == "" {
				t.Fatalf("%s: channel %s not traced", chans, c.Channel)
			}
		}
		if r.Validation == "SAQ" && (r.SAQ == nil || len(r.SAQs) == 0) {
			t.Fatalf("%s: SAQ without an SAQ", chans)
		}
	}
}
