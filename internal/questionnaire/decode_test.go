package questionnaire_test

import (
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

func model(t testing.TB) *questionnaire.Model {
	t.Helper()
	tb, err := saq.Load(data.RulesName, data.Rules)
	if err != nil {
		t.Fatal(err)
	}
	return questionnaire.NewModel(tb)
}

func TestDecodeErrors(t *testing.T) {
	m := model(t)
	cases := []struct{ doc, err string }{
		{``, `empty input: expected an answers document (a JSON object)`},
		{`   `, `empty input: expected an answers document (a JSON object)`},
		{`[]`, `expected an answers document (a JSON object), got an array`},
		{`"x"`, `expected an answers document (a JSON object), got a string`},
		{`{"channels": ["checkout"]}`, `transactions: missing (required)`},
		{`{"transactions": {}}`, `channels: missing (required)`},
		{`{"channels": [], "transactions": {}}`, `channels: empty: name at least one channel (checkout, elements, connect, mobile_sdk, stripejs_v2, dashboard, terminal, direct_api)`},
		{`{"channels": "checkout", "transactions": {}}`, `channels: expected an array of channel ids, got a string`},
		{`{"channels": ["paypal"], "transactions": {}}`, `channels[0]: unknown channel "paypal" (expected one of: checkout, elements, connect, mobile_sdk, stripejs_v2, dashboard, terminal, direct_api)`},
		{`{"channels": ["checkout", "checkout"], "transactions": {}}`, `channels[1]: duplicate channel "checkout"`},
		{`{"channels": ["checkout", 3], "transactions": {}}`, `channels[1]: expected a channel id string, got a number`},
		{`{"channels": ["checkout",], "transactions": {}}`, `channels: invalid JSON at line 1, column 26: expected a value after ','`},
		{`{"channels": ["checkout"], "transactions": {"visa": -5}}`, `transactions.visa: expected a whole number ≥ 0, got -5`},
		{`{"channels": ["checkout"], "transactions": {"visa": 1.5}}`, `transactions.visa: expected a whole number ≥ 0, got 1.5`},
		{`{"channels": ["checkout"], "transactions": {"visa": 1e-1}}`, `transactions.visa: expected a whole number ≥ 0, got 1e-1`},
		{`{"channels": ["checkout"], "transactions": {"visa": "1000"}}`, `transactions.visa: expected a whole number ≥ 0, got the string "1000"`},
		{`{"channels": ["checkout"], "transactions": {"visa": null}}`, `transactions.visa: expected a whole number ≥ 0, got null`},
		{`{"channels": ["checkout"], "transactions": {"visa": 1e30}}`, `transactions.visa: 1e30 is too large (at most 9007199254740991)`},
		{`{"channels": ["checkout"], "transactions": {"visa": 9007199254740992}}`, `transactions.visa: 9007199254740992 is too large (at most 9007199254740991)`},
		{`{"channels": ["checkout"], "transactions": {"visa": 99999999999999999999999}}`, `transactions.visa: 99999999999999999999999 is too large (at most 9007199254740991)`},
		{`{"channels": ["checkout"], "transactions": {"jcb": 5}}`, `transactions.jcb: unknown field (expected one of: visa, mastercard, amex, discover)`},
		{`{"channels": ["checkout"], "transactions": {"visa": 5, "visa": 6}}`, `transactions.visa: duplicate field`},
		{`{"channels": ["checkout"], "transactions": [1]}`, `transactions: expected an object of counts per card brand, got an array`},
		{`{"channels": ["checkout"], "transactions": {"visa": 5}, "ecommerce_transactions": {"amex": 1}}`, `ecommerce_transactions.amex: unknown field (expected one of: visa, mastercard, discover)`},
		{`{"channels": ["checkout"], "transactions": {"visa": 5}, "ecommerce_transactions": {"visa": 6}}`, `ecommerce_transactions.visa: 6 is more than transactions.visa (5)`},
		{`{"channels": ["checkout"], "transactions": {}, "ecommerce_transactions": {"visa": 1}}`, `ecommerce_transactions.visa: 1 is more than transactions.visa (0)`},
		{`{"channels": ["checkout"], "transactions": {}, "colour": "red"}`, `colour: unknown field (expected one of: id, channels, checkout, script_protection_confirmed, mobile_sdk, terminal, transactions, ecommerce_transactions, deemed_level1, last_validated)`},
		{`{"channels": ["checkout"], "transactions": {}, "mobile_sdk": {"custom": true}}`, `mobile_sdk.custom: unknown field (expected one of: custom_card_code, multi_customer_device)`},
		{`{"channels": ["checkout"], "transactions": {}, "mobile_sdk": true}`, `mobile_sdk: expected an object, got a boolean`},
		{`{"channels": ["checkout"], "transactions": {}, "terminal": {"p2pe": "yes"}}`, `terminal.p2pe: expected true or false, got the string "yes"`},
		{`{"channels": ["checkout"], "transactions": {}, "terminal": {"p2pe": 1}}`, `terminal.p2pe: expected true or false, got 1`},
		{`{"channels": ["checkout"], "transactions": {}, "deemed_level1": null}`, `deemed_level1: expected true or false, got null`},
		{`{"channels": ["checkout"], "transactions": {}, "deemed_level1": tru}`, `deemed_level1: invalid JSON at line 1, column 65: invalid literal: expected true, false or null`},
		{`{"channels": ["checkout"], "transactions": {}, "last_validated": "2026-02-30"}`, `last_validated: expected a date as "YYYY-MM-DD", got "2026-02-30"`},
		{`{"channels": ["checkout"], "transactions": {}, "last_validated": "31/03/2026"}`, `last_validated: expected a date as "YYYY-MM-DD", got "31/03/2026"`},
		{`{"channels": ["checkout"], "transactions": {}, "last_validated": 20260331}`, `last_validated: expected a date as "YYYY-MM-DD", got a number`},
		{`{"channels": ["checkout"], "transactions": {}, "id": 7}`, `id: expected a string, got a number`},
		{`{"channels": ["checkout"], "transactions": {}} {}`, `invalid JSON at line 1, column 48: unexpected data after the answers document`},
		{`{"channels": ["checkout"], "transactions": {}}x`, `invalid JSON at line 1, column 47: unexpected data after the answers document`},
		{"{\"channels\": [\"checkout\"],\n \"transactions\": {}\n", `transactions: invalid JSON at line 3, column 1: expected ',' or '}' after a field (the input ends too early)`},
		{`{"channels": ["checkout"], "transactions": {}, "id": "a` + "\x01" + `"}`, `id: invalid JSON at line 1, column 56: control character in string (escape it)`},
		{`{"channels": ["checkout"], "transactions": {}, "id": "` + "\xff" + `"}`, `id: invalid JSON at line 1, column 54: invalid UTF-8 in string`},
		{`{"channels": ["checkout"], "transactions": {}, "id": "\ud800"}`, `id: invalid JSON at line 1, column 62: lone UTF-16 surrogate in string`},
		{`{"channels": ["checkout"], "transactions": {}, "id": "\q"}`, `id: invalid JSON at line 1, column 55: invalid escape in string`},
		{`{channels: ["checkout"]}`, `invalid JSON at line 1, column 2: expected a field name in double quotes`},
		{`{"channels" ["checkout"]}`, `invalid JSON at line 1, column 13: expected ':' after a field name`},
		{`{"channels": ["checkout"], "transactions": {}, "channels": ["elements"]}`, `channels: duplicate field`},
		// Card numbers: refused, never echoed.
		{`{"channels": ["checkout"], "transactions": {}, "id": "4242 4242 4242 4242"}`, `id: looks like a card number, so the document is refused (the value is not shown): saqcheck never needs card data; remove it`},
		{`{"channels": ["checkout"], "transactions": {"visa": 4111111111111111}}`, `transactions.visa: looks like a card number, so the document is refused (the value is not shown): saqcheck never needs card data; remove it`},
		{`{"channels": ["4000-0566-5566-5556"], "transactions": {}}`, `channels[0]: unknown channel a value that looks like a card number (not shown) (expected one of: checkout, elements, connect, mobile_sdk, stripejs_v2, dashboard, terminal, direct_api)`},
		{`{"channels": ["checkout"], "transactions": {}, "5555555555554444": 1}`, `(a field): looks like a card number, so the document is refused (the value is not shown): saqcheck never needs card data; remove it`},
		{`{"channels": ["checkout"], "transactions": {}, "terminal": {"p2pe": 378282246310005}}`, `terminal.p2pe: looks like a card number, so the document is refused (the value is not shown): saqcheck never needs card data; remove it`},
	}
	d := m.NewDecoder()
	a := m.Table.NewAnswers()
	for _, c := range cases {
		err := d.Decode([]byte(c.doc), a)
		if err == nil {
			t.Errorf("%s: decoded", c.doc)
			continue
		}
		if err.Error() != c.err {
			t.Errorf("%s:\n got  %s\n want %s", c.doc, err, c.err)
		}
		if strings.Contains(err.Error(), "4242") || strings.Contains(err.Error(), "4111") || strings.Contains(err.Error(), "5556") {
			t.Errorf("a card number was echoed: %s", err)
		}
	}
}

func TestDecodeSingleLinePositions(t *testing.T) {
	d := model(t).NewDecoder()
	d.SingleLine = true
	err := d.Decode([]byte(`{"channels": ["checkout"] "x"}`), model(t).Table.NewAnswers())
	if err == nil || err.Error() != `channels: invalid JSON at column 27: expected ',' or '}' after a field` {
		t.Errorf("got %v", err)
	}
}

func TestDecodeAccepts(t *testing.T) {
	m := model(t)
	tb := m.Table
	cases := []struct {
		doc  string
		visa int64
	}{
		{`{"channels":["checkout"],"transactions":{"visa":6000000}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": 6e6}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": 6E+6}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": 6000000.000}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": 0.6e7}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": 60000000e-1}}`, 6000000},
		{`{"channels": ["checkout"], "transactions": {"visa": -0}}`, 0},
		{`{"channels": ["checkout"], "transactions": {"visa": 0e99999999999}}`, 0},
		{`{"channels": ["checkout"], "transactions": {"visa": 9007199254740991}}`, 9007199254740991},
		{"\xef\xbb\xbf{\"channels\": [\"checkout\"], \"transactions\": {\"visa\": 1}}", 1},
		{"\n\t{ \"channels\" : [ \"checkout\" ] , \"transactions\" : { \"visa\" : 1 } }\r\n", 1},
		{`{"\u0063hannels": ["check\u006fut"], "transactions": {"visa": 2}}`, 2},
		{`{"channels": ["checkout"], "transactions": {"visa": 1}, "id": "caf\u00e9 \ud83d\ude00", "mobile_sdk": {}}`, 1},
	}
	d := m.NewDecoder()
	a := tb.NewAnswers()
	slot := tb.Questions[tb.Levels.Total].Slot
	for _, c := range cases {
		if err := d.Decode([]byte(c.doc), a); err != nil {
			t.Errorf("%q: %v", c.doc, err)
			continue
		}
		if got := a.Counts[slot][0]; got != c.visa {
			t.Errorf("%q: visa %d, want %d", c.doc, got, c.visa)
		}
	}
	if err := d.Decode([]byte(`{"channels": ["checkout"], "transactions": {}, "id": "caf\u00e9 \ud83d\ude00"}`), a); err != nil || string(a.ID) != "café 😀" {
		t.Errorf("id %q, %v", a.ID, err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	m := model(t)
	docs := []string{
		`{"channels": ["checkout"], "transactions": {}}`,
		`{"id": "acme \"shop\"", "channels": ["elements", "terminal"], "mobile_sdk": {"custom_card_code": false, "multi_customer_device": true}, "terminal": {"p2pe": false}, "checkout": {"embedded": true}, "script_protection_confirmed": true, "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0}, "ecommerce_transactions": {"visa": 900000, "mastercard": 600000, "discover": 0}, "deemed_level1": false, "last_validated": "2026-03-31"}`,
	}
	for _, doc := range docs {
		a, b := m.Table.NewAnswers(), m.Table.NewAnswers()
		if err := m.NewDecoder().Decode([]byte(doc), a); err != nil {
			t.Fatal(err)
		}
		enc := m.Encode(a)
		if err := m.NewDecoder().Decode(enc, b); err != nil {
			t.Fatalf("re-decode %s: %v", enc, err)
		}
		if again := m.Encode(b); string(again) != string(enc) {
			t.Errorf("not stable:\n%s\n%s", enc, again)
		}
	}
	a := m.Table.NewAnswers()
	m.NewDecoder().Decode([]byte(docs[1]), a)
	want := `{
  "id": "acme \"shop\"",
  "channels": ["elements", "terminal"],
  "checkout": {
    "embedded": true
  },
  "script_protection_confirmed": true,
  "mobile_sdk": {
    "custom_card_code": false,
    "multi_customer_device": true
  },
  "terminal": {
    "p2pe": false
  },
  "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0},
  "ecommerce_transactions": {"visa": 900000, "mastercard": 600000, "discover": 0},
  "deemed_level1": false,
  "last_validated": "2026-03-31"
}
`
	if got := string(m.Encode(a)); got != want {
		t.Errorf("encode:\n%s\nwant:\n%s", got, want)
	}
}

func TestLooksLikeCardNumber(t *testing.T) {
	yes := []string{"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "378282246310005", "card 5555555555554444 here", "6011111111111117", "4222222222222"}
	no := []string{"4242424242424241", "1234", "acme-shop", "2026-03-31", "42424242424242424242424", "4242  4242 4242 4242", "6000000", ""}
	for _, s := range yes {
		if !questionnaire.LooksLikeCardNumber([]byte(s)) {
			t.Errorf("%q should look like a card number", s)
		}
	}
	for _, s := range no {
		if questionnaire.LooksLikeCardNumber([]byte(s)) {
			t.Errorf("%q should not look like a card number", s)
		}
	}
}

// Decoding reuses its buffers: a batch allocates nothing per document.
func TestDecodeDoesNotAllocate(t *testing.T) {
	m := model(t)
	d := m.NewDecoder()
	a := m.Table.NewAnswers()
	doc := []byte(`{"id": "acme-shop", "channels": ["elements", "terminal"], "mobile_sdk": {"custom_card_code": false}, "terminal": {"p2pe": false}, "script_protection_confirmed": true, "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0}, "ecommerce_transactions": {"visa": 900000}, "deemed_level1": false, "last_validated": "2026-03-31"}`)
	allocs := testing.AllocsPerRun(100, func() {
		if err := d.Decode(doc, a); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per document", allocs)
	}
}

func rulesYAML(t testing.TB) []byte { return data.Rules }
