package saq

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TableError is one problem with a rules table, at a line of its file.
type TableError struct {
	File string
	Line int
	Msg  string
	Rule string // the id of the row it concerns, if any
}

func (e *TableError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// TableErrors is every problem Load found, in file order.
type TableErrors []*TableError

func (es TableErrors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems)", es[0].Error(), len(es)-1)
}

// reader walks YAML nodes, collecting errors with line numbers instead of
// stopping at the first one.
type reader struct {
	file string
	errs TableErrors
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	r.errs = append(r.errs, &TableError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// mapping is a YAML mapping whose keys were checked against the allowed set.
// Mappings are small (a dozen keys at most), so lookups scan a slice: no
// map to build for each of the table's hundreds of mappings.
type mapping struct {
	r      *reader
	node   *yaml.Node
	what   string
	keys   []*yaml.Node
	values []*yaml.Node // values[i] belongs to keys[i]
}

// get returns the value of key, and whether it is there.
func (m *mapping) get(key string) (*yaml.Node, bool) {
	for i, k := range m.keys {
		if k.Value == key {
			return m.values[i], true
		}
	}
	return nil, false
}

// val returns the value of key, or nil.
func (m *mapping) val(key string) *yaml.Node {
	v, _ := m.get(key)
	return v
}

// readMapping checks that n is a mapping with no duplicate and no unknown
// keys. allowed nil means any key. It never returns nil: a bad node gives an
// empty mapping, so callers can go on and report more problems.
func (r *reader) readMapping(n *yaml.Node, what string, allowed ...string) *mapping {
	m := &mapping{r: r, node: n, what: what}
	if n == nil {
		return m
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s: expected a mapping, got %s", what, describeNode(n))
		return m
	}
	m.keys = make([]*yaml.Node, 0, len(n.Content)/2)
	m.values = make([]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "%s: keys must be plain strings", what)
			continue
		}
		if _, dup := m.get(k.Value); dup {
			r.errorf(k, "%s: duplicate key %q", what, k.Value)
			continue
		}
		if allowed != nil && !contains(allowed, k.Value) {
			r.errorf(k, "%s: unknown key %q (expected one of: %s)", what, k.Value, strings.Join(allowed, ", "))
			continue
		}
		m.keys = append(m.keys, k)
		m.values = append(m.values, v)
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (m *mapping) line() int {
	if m.node == nil {
		return 0
	}
	return m.node.Line
}

func (m *mapping) has(key string) bool { _, ok := m.get(key); return ok }

func (m *mapping) missing(key string) {
	m.r.errorf(m.node, "%s: missing %q", m.what, key)
}

// str reads a string; any non-null scalar is taken as its text.
func (m *mapping) str(key string, required bool) string {
	v, ok := m.get(key)
	if !ok {
		if required {
			m.missing(key)
		}
		return ""
	}
	s, ok := m.r.scalarString(v, m.what+": "+key)
	if ok && required && strings.TrimSpace(s) == "" {
		m.r.errorf(v, "%s: %q is empty", m.what, key)
	}
	return s
}

func (r *reader) scalarString(v *yaml.Node, what string) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		r.errorf(v, "%s: expected a string, got %s", what, describeNode(v))
		return "", false
	}
	return v.Value, true
}

// boolean reads true or false; present tells whether the key was there.
func (m *mapping) boolean(key string) (value, present bool) {
	v, ok := m.get(key)
	if !ok {
		return false, false
	}
	b, ok := m.r.scalarBool(v, m.what+": "+key)
	return b, ok
}

func (r *reader) scalarBool(v *yaml.Node, what string) (bool, bool) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		switch v.Value {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		}
	}
	r.errorf(v, "%s: expected true or false, got %s", what, describeNode(v))
	return false, false
}

// integer reads a whole number.
func (m *mapping) integer(key string, required bool) (int64, bool) {
	v, ok := m.get(key)
	if !ok {
		if required {
			m.missing(key)
		}
		return 0, false
	}
	return m.r.scalarInt(v, m.what+": "+key)
}

func (r *reader) scalarInt(v *yaml.Node, what string) (int64, bool) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		n, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, 64)
		if err == nil {
			return n, true
		}
	}
	r.errorf(v, "%s: expected a whole number, got %s", what, describeNode(v))
	return 0, false
}

// seq reads a sequence; a missing key gives nil.
func (m *mapping) seq(key string, required bool) []*yaml.Node {
	v, ok := m.get(key)
	if !ok {
		if required {
			m.missing(key)
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.r.errorf(v, "%s: %q: expected a list, got %s", m.what, key, describeNode(v))
		return nil
	}
	return v.Content
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return n.Value
		case "!!int", "!!float":
			return n.Value
		}
		return strconv.Quote(truncate(n.Value, 40))
	}
	return "nothing"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// checkNoAliases rejects anchors, aliases and merge keys anywhere in the
// document: a rules table is read by people, and aliases would let a small
// file expand without bound ("billion laughs").
func (r *reader) checkNoAliases(n *yaml.Node, depth int) {
	if depth > maxYAMLDepth {
		r.errorf(n, "nesting deeper than %d levels", maxYAMLDepth)
		return
	}
	switch {
	case n.Kind == yaml.AliasNode:
		r.errorf(n, "aliases (*%s) are not supported in a rules table: write the value out", n.Value)
		return
	case n.Anchor != "":
		r.errorf(n, "anchors (&%s) are not supported in a rules table: write the value out", n.Anchor)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!merge":
		r.errorf(n, "merge keys (<<) are not supported in a rules table: write the keys out")
	}
	for _, c := range n.Content {
		r.checkNoAliases(c, depth+1)
		if len(r.errs) >= maxErrors {
			return
		}
	}
}

const (
	maxYAMLDepth = 64
	maxErrors    = 100
)

// sort puts errors in file order, so the first one shown is the first in
// the file; those about the whole file (line 0) come last.
func (es TableErrors) sort() {
	key := func(e *TableError) int {
		if e.Line == 0 {
			return math.MaxInt
		}
		return e.Line
	}
	sort.SliceStable(es, func(i, j int) bool { return key(es[i]) < key(es[j]) })
}
