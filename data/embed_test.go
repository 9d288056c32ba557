package data

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// RulesNode must be rules.yaml as it is now: run `go generate ./data` after
// editing the table.
func TestRulesNodeIsUpToDate(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(Rules, &doc); err != nil {
		t.Fatal(err)
	}
	stripComments(&doc)
	if !reflect.DeepEqual(&doc, RulesNode) {
		t.Fatal("rules_nodes.go is stale: run `go generate ./data`")
	}
}

func stripComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		stripComments(c)
	}
}
