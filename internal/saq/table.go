// Package saq is saqcheck's rules engine: it loads a rules table from YAML,
// validates it once, compiles it, and evaluates answers against it.
//
// Nothing in this package names a channel, a card brand, an SAQ or a
// threshold: all of them come from the table.
package saq

import (
	"sync"

	"go.yaml.in/yaml/v3"
)

// Table is a loaded, validated and compiled rules table. It is immutable after
// Load and safe for concurrent use.
type Table struct {
	Name         string // the file name errors and findings give
	Raw          []byte // the YAML it was loaded from
	Revision     string
	PCIDSS       string
	SAQARevision string
	HitPolicy    HitPolicies

	Sources   []Source
	SAQs      []SAQ
	Channels  []Channel
	Questions []Question
	Brands    []Brand
	Levels    LevelConfig
	Annual    Annual
	Site      *Site // nil when the table has no site section

	Validation []ValidationRow
	Submit     []TextRow
	Advice     []TextRow

	// Slot counts: how many answers of each kind a document holds.
	NumBools, NumCounts, NumDates int
	// ChannelsQuestion is the index of the one question of kind channels.
	ChannelsQuestion int

	plainText         *Escaping
	rowIDs            map[string]int // row id -> line
	exampleNodes      []*yaml.Node
	examplesOnce      sync.Once
	examples          []Example
	examplesErr       error
	ecommerceChannels uint64 // channels (bits) whose transactions are e-commerce
	asvSAQs           uint64 // SAQs (bits) that need quarterly ASV scans
}

// HitPolicies is how the rows of each section combine, as the table states it.
type HitPolicies struct {
	ChannelRules HitPolicy
	Levels       HitPolicy
	Validation   HitPolicy
}

// HitPolicy says how the rows of a first-match section combine.
type HitPolicy string

const (
	// Unique: at most one row may match; an overlap is an ambiguity.
	Unique HitPolicy = "unique"
	// First: the first matching row decides; later overlapping rows are shadowed.
	First HitPolicy = "first"
	// Collect: every matching row applies.
	Collect HitPolicy = "collect"
)

// Source is a document rows cite.
type Source struct {
	ID, Title, URL, Confidence string
	Line                       int
}

// Cite is a row's reference to a source: the source and where in it.
type Cite struct {
	Source *Source // nil when the row cites a URL directly
	At     string  // section or detail, may be empty
	URL    string  // for a direct URL citation
	Text   string  // the rendered citation, as results print it
}

// Row is what every deciding row has.
type Row struct {
	ID          string
	Line        int
	When        Cond
	Source      Cite
	need        uint64 // channels When requires (see requiredChannels)
	validations uint8  // validation kinds under which When can hold
}

// SAQ is one self-assessment questionnaire.
type SAQ struct {
	ID, Title, For string
	About          int    // approximate number of requirements, to pick the smallest cover
	AboutText      string // "about 22 requirements"
	Covers         uint64 // bit i: this SAQ covers SAQ i (always includes itself)
	ASVRequired    bool
	ASVConfidence  string
	Source         Cite
	Line           int
}

// Channel is a way of collecting card data.
type Channel struct {
	ID, Name, Description string
	Ecommerce             bool
	Rules                 []ChannelRule
	Line                  int
}

// ChannelRule decides a channel's SAQ.
type ChannelRule struct {
	Row
	SAQ        int // index into Table.SAQs, or NoSAQ
	ConsultQSA bool
	Reason     string
}

// NoSAQ marks a channel for which no SAQ can be determined.
const NoSAQ = -1

// QuestionKind is what an answer looks like.
type QuestionKind string

const (
	KindChannels QuestionKind = "channels"
	KindBool     QuestionKind = "bool"
	KindCounts   QuestionKind = "counts"
	KindDate     QuestionKind = "date"
)

// Question is one question of the questionnaire and one field of the answers
// document.
type Question struct {
	ID   string
	Path []string // ID split at dots: the field's place in the answers document
	Kind QuestionKind
	Line int

	Required bool
	// FollowUp questions have an applies condition: asked and used only when
	// it holds; Assume is taken (and Assumption listed) when one is missing.
	FollowUp   bool
	Applies    Cond
	AskWhen    Cond
	HasAskWhen bool
	Default    bool // for bool questions: the value when unanswered (Assume for follow-ups)
	Assumption string

	Brands  uint64 // counts: the brands it accepts (bit per brand)
	AtMost  int    // counts: index of the counts question each value may not exceed, or -1
	Slot    int    // index among answers of its kind
	Prompt  string
	Help    string
	Source  Cite
	HasCite bool
}

// Brand is a card brand with its merchant-level rows.
type Brand struct {
	ID, Name string
	Levels   []LevelRow
	Line     int
}

// LevelRow gives a brand's merchant level.
type LevelRow struct {
	Row
	Level      int
	ConsultQSA bool
	Reason     string
}

// LevelConfig names the questions the level rows count.
type LevelConfig struct {
	Total               int // question index (kind counts)
	Ecommerce           int // question index (kind counts), or -1
	EcommerceAssumption Template
}

// Annual configures the annual-validation facts.
type Annual struct {
	Question    int // question index (kind date), or -1
	DueSoonDays int
}

// Validation kinds a result can have.
type ValidationKind uint8

const (
	ValidationSAQ ValidationKind = iota
	ValidationRoC
	ValidationQSA
)

var validationNames = [...]string{ValidationSAQ: "SAQ", ValidationRoC: "RoC", ValidationQSA: "QSA"}

func (k ValidationKind) String() string { return validationNames[k] }

// ValidationRow decides what kind of validation is owed.
type ValidationRow struct {
	Row
	Validation ValidationKind
	ConsultQSA bool
	Reason     Template
}

// TextRow is a submit or advice row: when it holds, its text is shown.
type TextRow struct {
	Row
	Kind AdviceKind // advice rows only
	Text Template
}

// AdviceKind sorts advice into the result's lists.
type AdviceKind uint8

const (
	Warning AdviceKind = iota
	Recommendation
)

// SAQIndex returns the index of the SAQ with that id, or -1.
func (t *Table) SAQIndex(id string) int {
	for i := range t.SAQs {
		if t.SAQs[i].ID == id {
			return i
		}
	}
	return -1
}

// ChannelIndex returns the index of the channel with that id, or -1.
func (t *Table) ChannelIndex(id string) int {
	for i := range t.Channels {
		if t.Channels[i].ID == id {
			return i
		}
	}
	return -1
}

// QuestionIndex returns the index of the question with that id, or -1.
func (t *Table) QuestionIndex(id string) int {
	for i := range t.Questions {
		if t.Questions[i].ID == id {
			return i
		}
	}
	return -1
}

// BrandIndex returns the index of the brand with that id, or -1.
func (t *Table) BrandIndex(id string) int {
	for i := range t.Brands {
		if t.Brands[i].ID == id {
			return i
		}
	}
	return -1
}
