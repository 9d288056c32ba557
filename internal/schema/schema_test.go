package schema_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
	"github.com/saqcheck/saqcheck/internal/schema"
)

func compile(t *testing.T, name string, s map[string]any) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Marshal(s)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatalf("%s is not a valid JSON Schema: %v", name, err)
	}
	return sch
}

func validate(sch *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(v)
}

// The generated schemas are valid 2020-12 schemas, every document the
// decoder accepts and every result saqcheck writes validate against them,
// and what the schema can express, the decoder rejects alike.
func TestSchemasAgreeWithTheDecoderAndTheResults(t *testing.T) {
	tb, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		t.Fatal(err)
	}
	answers := compile(t, "answers.json", schema.Answers(tb))
	result := compile(t, "result.json", schema.Result(tb))
	m := questionnaire.NewModel(tb)
	enc := report.NewJSONEncoder(tb)
	g := portfolio.New(m, 3, saq.DateOf(2026, 12, 3))
	d := tb.NewDecision()
	for range 2000 {
		a := g.Answers()
		doc := m.AppendCompact(nil, a)
		if err := validate(answers, doc); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		tb.Evaluate(a, saq.Options{}, d)
		if err := validate(result, enc.Append(nil, d)); err != nil {
			t.Fatalf("result of %s: %v", doc, err)
		}
	}
	// A JSONL error line and a QSA result (null SAQs) are results too.
	for _, doc := range []string{
		`{"channels": ["mobile_sdk"], "mobile_sdk": {"multi_customer_device": true}, "transactions": {"visa": 5}}`,
		`{"id": "x", "channels": ["checkout"], "transactions": {"visa": 7000000}}`,
	} {
		a := tb.NewAnswers()
		m.NewDecoder().Decode([]byte(doc), a)
		tb.Evaluate(a, saq.Options{}, d)
		if err := validate(result, enc.Append(nil, d)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	for _, bad := range []string{
		`{"channels": ["checkout"]}`,
		`{"channels": [], "transactions": {}}`,
		`{"channels": ["checkout", "checkout"], "transactions": {}}`,
		`{"channels": ["paypal"], "transactions": {}}`,
		`{"channels": ["checkout"], "transactions": {"visa": -1}}`,
		`{"channels": ["checkout"], "transactions": {"visa": 1.5}}`,
		`{"channels": ["checkout"], "transactions": {"jcb": 1}}`,
		`{"channels": ["checkout"], "transactions": {}, "colour": "red"}`,
		`{"channels": ["checkout"], "transactions": {}, "terminal": {"p2pe": "no"}}`,
		`{"channels": ["checkout"], "transactions": {}, "mobile_sdk": {"x": true}}`,
		`{"channels": ["checkout"], "transactions": {}, "ecommerce_transactions": {"amex": 1}}`,
		`{"channels": ["checkout"], "transactions": {}, "last_validated": "31/03/2026"}`,
	} {
		schemaErr := validate(answers, []byte(bad))
		decodeErr := m.NewDecoder().Decode([]byte(bad), tb.NewAnswers())
		if schemaErr == nil || decodeErr == nil {
			t.Errorf("%s: schema %v, decoder %v", bad, schemaErr, decodeErr)
		}
	}
	var any map[string]any
	if json.Unmarshal(schema.Marshal(schema.Answers(tb)), &any) != nil || any["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("the answers schema does not name draft 2020-12")
	}
}
