// Package data holds saqcheck's default rules table, embedded in the binary.
package data

import _ "embed"

// RulesName is the name errors give the embedded table.
const RulesName = "rules.yaml"

// Rules is the default rules table, exactly as `saqcheck rules export` prints it.
//
//go:embed rules.yaml
var Rules []byte

// RulesNode (rules_nodes.go) is Rules already parsed, generated from it.
//go:generate go run ./gen
