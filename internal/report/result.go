// Package report renders a decision: as the contract's JSON result, as text
// for a terminal, and as Markdown for a pull request or a CI summary.
package report

import (
	"strconv"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// Result is the contract's result document. The JSON encoder in this
// package writes exactly what encoding/json would write for it (with HTML
// escaping off); `saqcheck schema result` is generated from it.
type Result struct {
	ID               *string         `json:"id" doc:"the answers document's id, or null"`
	Validation       string          `json:"validation" enum:"validation" doc:"RoC for a Level 1 merchant; QSA when some channel has no determinable SAQ; else SAQ"`
	ValidationRule   *string         `json:"validation_rule" doc:"the validation row that decided, or null when none matched"`
	ValidationReason string          `json:"validation_reason" doc:"why, in plain language"`
	SAQ              *string         `json:"saq" enum:"saq" doc:"the one SAQ that covers every channel combined; null unless validation is SAQ"`
	SAQs             []string        `json:"saqs" enum:"saq" doc:"the distinct per-channel SAQs, in the table's SAQ order; empty unless validation is SAQ"`
	ConsultQSA       bool            `json:"consult_qsa" doc:"true when a row that fired says to talk to a QSA"`
	Channels         []ChannelResult `json:"channels" doc:"one entry per chosen channel, in the answers' order"`
	MerchantLevel    MerchantLevel   `json:"merchant_level"`
	Submit           []string        `json:"submit" doc:"what the merchant submits, every year"`
	Assumptions      []string        `json:"assumptions" doc:"answers that were missing and were assumed"`
	Warnings         []string        `json:"warnings"`
	Recommendations  []string        `json:"recommendations"`
	RulesRevision    string          `json:"rules_revision" doc:"the rules table's revision"`
	PCIDSS           string          `json:"pci_dss" doc:"the PCI DSS revision the table encodes"`
}

// ChannelResult is one chosen channel's SAQ and why.
type ChannelResult struct {
	Channel string  `json:"channel" enum:"channel"`
	SAQ     *string `json:"saq" enum:"saq" doc:"null when no SAQ can be determined for the channel"`
	Rule    *string `json:"rule" doc:"the channel row that decided, or null when none matched"`
	Reason  string  `json:"reason"`
	Source  string  `json:"source"`
}

// MerchantLevel is the level per card brand, for brands with transactions.
type MerchantLevel struct {
	ByBrand map[string]int    `json:"by_brand" keys:"brand" doc:"each brand's own level, 1 to 4; brands without transactions are left out"`
	Rules   map[string]string `json:"rules" keys:"brand" doc:"the level row that decided each brand's level"`
}

// Messages the engine gives itself, for a table with gaps or answers that
// do not apply. Rules lint finds the gaps before a merchant does.
const (
	msgChannelGap    = "No row of the rules table decides this channel for these answers."
	msgValidationGap = "No validation row of the rules table matches these answers, so a QSA must decide; run `saqcheck rules lint` on the table."
)

func channelGapWarning(name string) string {
	return "No row of the rules table decides " + name + " for these answers: no SAQ for it; consult a QSA, and run `saqcheck rules lint` on the table."
}

func levelGapWarning(name string, total int64) string {
	return "No level row of the rules table matches " + name + " with " + strconv.FormatInt(total, 10) + " transactions; run `saqcheck rules lint` on the table."
}

func ignoredWarning(id string) string {
	return id + " was answered, but it does not apply to the chosen channels: ignored."
}

// Build turns a decision into a Result.
func Build(d *saq.Decision) *Result {
	t := d.Table()
	r := &Result{
		Validation:      d.Validation.String(),
		SAQs:            []string{},
		ConsultQSA:      d.ConsultQSA,
		Channels:        []ChannelResult{},
		MerchantLevel:   MerchantLevel{ByBrand: map[string]int{}, Rules: map[string]string{}},
		Submit:          []string{},
		Assumptions:     []string{},
		Warnings:        []string{},
		Recommendations: []string{},
		RulesRevision:   t.Revision,
		PCIDSS:          t.PCIDSS,
	}
	if d.Answers.HasID {
		id := string(d.Answers.ID)
		r.ID = &id
	}
	if d.ValidationRow >= 0 {
		row := &t.Validation[d.ValidationRow]
		r.ValidationRule = &row.ID
		r.ValidationReason = row.Reason.String(d)
	} else {
		r.ValidationReason = msgValidationGap
	}
	if d.Validation == saq.ValidationSAQ {
		r.SAQ = &t.SAQs[d.Cover].ID
		for _, s := range d.SAQs() {
			r.SAQs = append(r.SAQs, t.SAQs[s].ID)
		}
	}
	for _, c := range d.Channels {
		ch := &t.Channels[c.Channel]
		cr := ChannelResult{Channel: ch.ID, Reason: msgChannelGap}
		if c.SAQ != saq.NoSAQ {
			cr.SAQ = &t.SAQs[c.SAQ].ID
		}
		if c.Rule >= 0 {
			rule := &ch.Rules[c.Rule]
			cr.Rule, cr.Reason, cr.Source = &rule.ID, rule.Reason, rule.Source.Text
		}
		r.Channels = append(r.Channels, cr)
	}
	for b := range t.Brands {
		if d.Levels[b] != 0 {
			r.MerchantLevel.ByBrand[t.Brands[b].ID] = int(d.Levels[b])
			r.MerchantLevel.Rules[t.Brands[b].ID] = t.Brands[b].Levels[d.LevelRule[b]].ID
		}
	}
	for _, i := range d.Submit {
		r.Submit = append(r.Submit, t.Submit[i].Text.String(d))
	}
	forEachAssumption(d, func(s string) { r.Assumptions = append(r.Assumptions, s) })
	forEachWarning(d, func(s string) { r.Warnings = append(r.Warnings, s) })
	for _, i := range d.Advice {
		if t.Advice[i].Kind == saq.Recommendation {
			r.Recommendations = append(r.Recommendations, t.Advice[i].Text.String(d))
		}
	}
	return r
}

// forEachAssumption calls f with each assumption's text, in order: assumed
// follow-ups in question order, then the e-commerce share.
func forEachAssumption(d *saq.Decision, f func(string)) {
	t := d.Table()
	for _, q := range d.Assumed {
		f(t.Questions[q].Assumption)
	}
	if d.EcommerceAssumed != 0 {
		f(t.Levels.EcommerceAssumption.String(d))
	}
}

// forEachWarning calls f with each warning, in order: ignored answers, gaps
// in the table, then the advice rows that are warnings.
func forEachWarning(d *saq.Decision, f func(string)) {
	t := d.Table()
	for _, q := range d.Ignored {
		f(ignoredWarning(t.Questions[q].ID))
	}
	forEachGap(d, f)
	for _, i := range d.Advice {
		if t.Advice[i].Kind == saq.Warning {
			f(t.Advice[i].Text.String(d))
		}
	}
}

// forEachGap calls f for each gap in the table these answers fell into.
func forEachGap(d *saq.Decision, f func(string)) {
	t := d.Table()
	for _, c := range d.Channels {
		if d.ChannelFallthrough&(1<<c.Channel) != 0 {
			f(channelGapWarning(t.Channels[c.Channel].Name))
		}
	}
	total := t.Questions[t.Levels.Total].Slot
	for b := range t.Brands {
		if d.LevelFallthrough&(1<<b) != 0 {
			f(levelGapWarning(t.Brands[b].Name, d.Answers.Counts[total][b]))
		}
	}
	if d.ValidationRow < 0 {
		f(msgValidationGap)
	}
}
