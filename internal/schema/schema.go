// Package schema generates the JSON Schemas (draft 2020-12) of the answers
// document, from the rules table's questions, and of the result, from the
// report.Result type: written once, in the code that defines each.
package schema

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

const draft = "https://json-schema.org/draft/2020-12/schema"

// obj is a JSON Schema object; encoding/json writes its keys sorted, so the
// output is stable.
type obj = map[string]any

// Answers returns the schema of the answers document for table t.
func Answers(t *saq.Table) obj {
	props := obj{"id": obj{"type": "string", "description": "Your name for this merchant or answers document; echoed in the result."}}
	var required []string
	groups := map[string]obj{}
	for _, q := range t.Questions {
		s := questionSchema(t, &q)
		if q.Required {
			required = append(required, q.ID)
		}
		if len(q.Path) == 1 {
			props[q.ID] = s
			continue
		}
		g, ok := groups[q.Path[0]]
		if !ok {
			g = obj{"type": "object", "additionalProperties": false, "properties": obj{}}
			groups[q.Path[0]] = g
			props[q.Path[0]] = g
		}
		g["properties"].(obj)[q.Path[1]] = s
	}
	return obj{
		"$schema":              draft,
		"$id":                  "urn:saqcheck:answers:" + t.Revision,
		"title":                "saqcheck answers document",
		"description":          "The answers saqcheck decides a PCI DSS validation from (rules table " + t.Revision + ", PCI DSS " + t.PCIDSS + "). A follow-up that applies but is missing is assumed (listed in the result's assumptions), or an error with --strict.",
		"type":                 "object",
		"additionalProperties": false,
		"required":             required,
		"properties":           props,
	}
}

func questionSchema(t *saq.Table, q *saq.Question) obj {
	desc := q.Prompt
	if q.Help != "" {
		desc += " " + q.Help
	}
	s := obj{"description": desc}
	switch q.Kind {
	case saq.KindChannels:
		var ids []any
		for _, c := range t.Channels {
			ids = append(ids, c.ID)
		}
		s["type"] = "array"
		s["items"] = obj{"enum": ids}
		s["minItems"] = 1
		s["uniqueItems"] = true
	case saq.KindBool:
		s["type"] = "boolean"
		if q.FollowUp {
			s["description"] = desc + " Follow-up: applies only to some channels; assumed " + boolWord(q.Default) + " when missing."
		} else {
			s["default"] = q.Default
		}
	case saq.KindCounts:
		props := obj{}
		for b, brand := range t.Brands {
			if q.Brands&(1<<b) != 0 {
				props[brand.ID] = obj{"type": "integer", "minimum": 0, "maximum": questionnaire.MaxCount, "description": brand.Name}
			}
		}
		s["type"] = "object"
		s["additionalProperties"] = false
		s["properties"] = props
		if q.AtMost >= 0 {
			s["description"] = desc + " Each count may not exceed the same brand's count in " + t.Questions[q.AtMost].ID + "."
		}
	case saq.KindDate:
		s["type"] = "string"
		s["format"] = "date"
		s["pattern"] = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	}
	return s
}

func boolWord(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Result returns the schema of a result for table t, derived from the
// fields of report.Result; `enum` tags take their values from the table.
func Result(t *saq.Table) obj {
	s := typeSchema(reflect.TypeFor[report.Result](), "", t)
	s["$schema"] = draft
	s["$id"] = "urn:saqcheck:result:" + t.Revision
	s["title"] = "saqcheck result"
	s["description"] = "What saqcheck check --output json prints, and each line of check --jsonl (which adds line, or gives {line, id, error} for an invalid line)."
	return s
}

func enumValues(kind string, t *saq.Table) []any {
	var out []any
	switch kind {
	case "validation":
		out = []any{"RoC", "QSA", "SAQ"}
	case "saq":
		for _, s := range t.SAQs {
			out = append(out, s.ID)
		}
	case "channel":
		for _, c := range t.Channels {
			out = append(out, c.ID)
		}
	case "brand":
		for _, b := range t.Brands {
			out = append(out, b.ID)
		}
	}
	return out
}

func typeSchema(rt reflect.Type, enum string, t *saq.Table) obj {
	nullable := false
	if rt.Kind() == reflect.Pointer {
		nullable, rt = true, rt.Elem()
	}
	var s obj
	switch rt.Kind() {
	case reflect.String:
		s = obj{"type": "string"}
		if enum != "" {
			s["enum"] = enumValues(enum, t)
		}
	case reflect.Bool:
		s = obj{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		s = obj{"type": "integer"}
	case reflect.Slice:
		s = obj{"type": "array", "items": typeSchema(rt.Elem(), enum, t)}
	case reflect.Map:
		s = obj{"type": "object", "additionalProperties": typeSchema(rt.Elem(), "", t)}
	case reflect.Struct:
		props := obj{}
		var required []string
		for i := range rt.NumField() {
			f := rt.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fs := typeSchema(f.Type, f.Tag.Get("enum"), t)
			if doc := f.Tag.Get("doc"); doc != "" {
				fs["description"] = doc
			}
			if keys := f.Tag.Get("keys"); keys != "" {
				fs["propertyNames"] = obj{"enum": enumValues(keys, t)}
			}
			props[name] = fs
			required = append(required, name)
		}
		s = obj{"type": "object", "additionalProperties": false, "properties": props, "required": required}
	default:
		panic("schema: unsupported type " + rt.String())
	}
	if nullable {
		s["type"] = []any{s["type"], "null"}
		if e, ok := s["enum"]; ok {
			s["enum"] = append(e.([]any), nil)
		}
	}
	return s
}

// Marshal writes a schema as indented JSON with a final newline.
func Marshal(s obj) []byte {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err) // only maps, slices and plain values: cannot fail
	}
	return append(b, '\n')
}
