// Package questionnaire is the answers side of saqcheck: the shape of the
// answers document, drawn from the rules table's questions; its strict
// decoder and its encoder; its JSON Schema; and the wizard that asks the
// questions.
package questionnaire

import (
	"strings"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// Model is the answers document's shape for one rules table.
type Model struct {
	Table *saq.Table
	root  object
}

// object is a JSON object of the answers document: the root, or a group of
// questions that share the first part of their id (mobile_sdk.*).
type object struct {
	path   string // "" for the root, else the group's name
	fields []field
	names  string // for "expected one of" messages
}

type field struct {
	name     string
	path     string  // the field's JSON path, as messages name it
	question int     // index into Table.Questions, or idField
	group    *object // for a group
}

// idField marks the document's own "id" field, which is not a question.
const idField = -1

// groupField marks a field that holds a group of questions.
const groupField = -2

// NewModel derives the answers document's shape from the table's questions.
func NewModel(t *saq.Table) *Model {
	m := &Model{Table: t}
	m.root.fields = append(m.root.fields, field{name: "id", path: "id", question: idField})
	for i, q := range t.Questions {
		if len(q.Path) == 1 {
			m.root.fields = append(m.root.fields, field{name: q.ID, path: q.ID, question: i})
			continue
		}
		g := m.root.group(q.Path[0])
		g.fields = append(g.fields, field{name: q.Path[1], path: q.ID, question: i})
	}
	m.root.setNames()
	return m
}

func (o *object) group(name string) *object {
	for _, f := range o.fields {
		if f.name == name && f.group != nil {
			return f.group
		}
	}
	g := &object{path: name}
	o.fields = append(o.fields, field{name: name, path: name, question: groupField, group: g})
	return g
}

func (o *object) setNames() {
	names := make([]string, len(o.fields))
	for i, f := range o.fields {
		names[i] = f.name
		if f.group != nil {
			f.group.setNames()
		}
	}
	o.names = strings.Join(names, ", ")
}

// lookup finds a field by its name without allocating.
func (o *object) lookup(key []byte) int {
	for i := range o.fields {
		if o.fields[i].name == string(key) {
			return i
		}
	}
	return -1
}
