package questionnaire_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// FuzzDecode feeds the answers decoder anything. Properties: it never
// panics; a document it accepts evaluates without error, its JSON result is
// valid JSON equal to encoding/json's, and re-encoding the answers and
// decoding them again gives the same answers.
func FuzzDecode(f *testing.F) {
	m := model(f)
	for _, seed := range []string{
		`{"channels": ["checkout"], "transactions": {"visa": 50000}}`,
		`{"id": "acme-shop", "channels": ["elements", "terminal"], "mobile_sdk": {"custom_card_code": false, "multi_customer_device": false}, "terminal": {"p2pe": false}, "checkout": {"embedded": false}, "script_protection_confirmed": true, "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0}, "ecommerce_transactions": {"visa": 900000, "mastercard": 600000, "discover": 0}, "deemed_level1": false, "last_validated": "2026-03-31"}`,
		`{"channels": ["mobile_sdk"], "mobile_sdk": {"multi_customer_device": true}, "transactions": {"amex": 2.5e6}}`,
		`{"id": "caf\u00e9 \ud83d\ude00 \"q\"", "channels": ["direct_api"], "transactions": {"visa": 6000000.0}}`,
		`{"channels": [], "transactions": {}}`, `[]`, `{"channels": ["checkout"], "transactions": {"visa": -0}} x`, "",
	} {
		f.Add([]byte(seed))
	}
	g := portfolio.New(m, 5, saq.DateOf(2026, 12, 3))
	for range 20 {
		f.Add(m.AppendCompact(nil, g.Answers()))
	}
	t := m.Table
	enc := report.NewJSONEncoder(t)
	f.Fuzz(func(tt *testing.T, doc []byte) {
		a, b := t.NewAnswers(), t.NewAnswers()
		if err := m.NewDecoder().Decode(doc, a); err != nil {
			if err.Error() == "" {
				tt.Fatal("an empty error message")
			}
			return
		}
		d := t.NewDecision()
		if err := t.Evaluate(a, saq.Options{AsOf: saq.DateOf(2026, 12, 3)}, d); err != nil {
			tt.Fatalf("a valid document failed to evaluate: %v", err)
		}
		out := enc.Append(nil, d)
		var ref bytes.Buffer
		je := json.NewEncoder(&ref)
		je.SetEscapeHTML(false)
		je.Encode(report.Build(d))
		if !json.Valid(out) || !bytes.Equal(out, bytes.TrimSuffix(ref.Bytes(), []byte("\n"))) {
			tt.Fatalf("result differs from encoding/json:\n%s\n%s", out, ref.Bytes())
		}
		again := m.Encode(a)
		if err := m.NewDecoder().Decode(again, b); err != nil {
			tt.Fatalf("re-encoded answers do not decode: %v\n%s", err, again)
		}
		if third := m.Encode(b); !bytes.Equal(third, again) {
			tt.Fatalf("re-encoding changes the answers:\n%s\n%s", again, third)
		}
	})
}

// FuzzParseVolume: never panics, and what it accepts is within range.
func FuzzParseVolume(f *testing.F) {
	for _, s := range []string{"6000000", "6,000,000", "6_000_000", "6m", "2.5M", "40k", "1.2345678m", "", "-1", "9007199254740991"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := questionnaireParse(s)
		if err == nil && (n < 0 || n > maxCount) {
			t.Fatalf("%q accepted as %d", s, n)
		}
	})
}
