package questionnaire

import (
	"errors"
	"strings"

	"github.com/saqcheck/saqcheck/internal/report"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// Wizard asks the rules table's questions: the ways card data is
// collected, the follow-ups that apply to them, volumes per brand, then a
// review where any answer can be changed before it is confirmed. Every
// word it shows comes from the table.
type Wizard struct {
	Model    *Model
	Prompter Prompter
}

// ReviewID is the id the review screen is asked under.
const ReviewID = "review"

// Run asks the questions, starting from the answers in from (nil for none)
// as defaults, and returns the confirmed answers.
func (w *Wizard) Run(from *saq.Answers) (*saq.Answers, error) {
	t := w.Model.Table
	a := t.NewAnswers()
	if from != nil {
		a.CopyFrom(from)
	}
	done := make([]bool, len(t.Questions)) // asked in this session
	if err := w.askPending(a, done); err != nil {
		return nil, err
	}
	for {
		items, qs := w.review(a)
		choice, err := w.Prompter.Select(ReviewID, "Review your answers (pick one to change it):",
			"Each line is an answer. Pick one to answer it again; the questions that depend on it follow.", items, 0)
		if err != nil {
			return nil, err
		}
		if choice == 0 {
			return a, nil
		}
		if err := w.ask(qs[choice], a); err != nil {
			return nil, err
		}
		if err := w.askPending(a, done); err != nil {
			return nil, err
		}
	}
}

// askPending asks, in order, every question that should be asked and has
// not been in this session, and drops answers to questions that no longer
// apply (so the answers hold only what matters to the result).
func (w *Wizard) askPending(a *saq.Answers, done []bool) error {
	t := w.Model.Table
	for i := range t.Questions {
		if !t.Asked(a)[i] { // recomputed: an answer may change what applies
			clearAnswer(&t.Questions[i], a)
			continue
		}
		if done[i] {
			continue
		}
		if err := w.ask(i, a); err != nil {
			return err
		}
		done[i] = true
	}
	return nil
}

func clearAnswer(q *saq.Question, a *saq.Answers) {
	switch q.Kind {
	case saq.KindBool:
		a.Bools[q.Slot] = saq.Unanswered
	case saq.KindCounts:
		clear(a.Counts[q.Slot])
		a.CountSet[q.Slot] = 0
		a.AnsweredCounts[q.Slot] = false
	case saq.KindDate:
		a.DateSet[q.Slot] = false
	}
}

// ask asks question i and records the answer.
func (w *Wizard) ask(i int, a *saq.Answers) error {
	t := w.Model.Table
	q := &t.Questions[i]
	p := w.Prompter
	switch q.Kind {
	case saq.KindChannels:
		var options []Option
		var defaults []int
		for c, ch := range t.Channels {
			options = append(options, Option{Label: ch.Name, Description: ch.Description})
			if a.Chose(c) {
				defaults = append(defaults, c)
			}
		}
		chosen, err := p.MultiSelect(q.ID, q.Prompt, w.help(q), options, defaults)
		if err != nil {
			return err
		}
		if len(chosen) == 0 {
			return errors.New("no channel chosen")
		}
		a.ClearChannels()
		for _, c := range chosen {
			a.AddChannel(c)
		}
	case saq.KindBool:
		def := q.Default
		if a.Bools[q.Slot] != saq.Unanswered {
			def = a.Bools[q.Slot] == 1
		}
		yes, err := p.Confirm(q.ID, q.Prompt, w.help(q), def)
		if err != nil {
			return err
		}
		a.Bools[q.Slot] = 0
		if yes {
			a.Bools[q.Slot] = 1
		}
	case saq.KindCounts:
		return w.askCounts(q, a)
	case saq.KindDate:
		def := ""
		if a.DateSet[q.Slot] {
			def = a.Dates[q.Slot].String()
		}
		s, err := p.Input(q.ID, q.Prompt, w.help(q), def, func(s string) error {
			if s = strings.TrimSpace(s); s == "" {
				return nil
			}
			if _, ok := saq.ParseDate([]byte(s)); !ok {
				return errors.New("enter a date as YYYY-MM-DD, or leave it empty")
			}
			return nil
		})
		if err != nil {
			return err
		}
		a.DateSet[q.Slot] = false
		if s = strings.TrimSpace(s); s != "" {
			a.Dates[q.Slot], _ = saq.ParseDate([]byte(s))
			a.DateSet[q.Slot] = true
		}
	}
	return nil
}

// askCounts asks a count per brand. Counts capped by another question
// (e-commerce within the total) may be left empty: not known.
func (w *Wizard) askCounts(q *saq.Question, a *saq.Answers) error {
	t := w.Model.Table
	if err := w.Prompter.Say(q.Prompt); err != nil {
		return err
	}
	optional := q.AtMost >= 0
	a.AnsweredCounts[q.Slot] = true
	for b := range t.Brands {
		if q.Brands&(1<<b) == 0 {
			continue
		}
		brand := &t.Brands[b]
		def := ""
		switch {
		case a.CountSet[q.Slot]&(1<<b) != 0:
			def = report.Thousands(a.Counts[q.Slot][b])
		case !optional:
			def = "0"
		}
		limit := int64(MaxCount)
		if optional {
			limit = a.Counts[t.Questions[q.AtMost].Slot][b]
		}
		help := w.help(q) + " Type 6000000, 6,000,000, 6_000_000, 6m or 2.5M."
		if optional {
			help += " Leave it empty if you do not know."
		}
		s, err := w.Prompter.Input(q.ID+"."+brand.ID, brand.Name, help, def, func(s string) error {
			if optional && strings.TrimSpace(s) == "" {
				return nil
			}
			n, err := ParseVolume(s)
			if err != nil {
				return err
			}
			if n > limit {
				return errors.New("more than the " + report.Thousands(limit) + " " + brand.Name + " transactions in all")
			}
			return nil
		})
		if err != nil {
			return err
		}
		a.CountSet[q.Slot] &^= 1 << b
		a.Counts[q.Slot][b] = 0
		if optional && strings.TrimSpace(s) == "" {
			continue
		}
		n, _ := ParseVolume(s)
		a.SetCount(q.Slot, b, n)
	}
	return nil
}

// help is a question's help text with the source it draws on.
func (w *Wizard) help(q *saq.Question) string {
	h := q.Help
	if q.Source.Text != "" {
		h += " (Source: " + q.Source.Text + ")"
	}
	return strings.TrimSpace(h)
}

// review lists every answer given, for the review screen; qs maps each item
// back to its question (item 0 confirms).
func (w *Wizard) review(a *saq.Answers) (items []string, qs []int) {
	t := w.Model.Table
	items, qs = []string{"Confirm, and show the result"}, []int{-1}
	asked := t.Asked(a)
	for i := range t.Questions {
		q := &t.Questions[i]
		if !asked[i] {
			continue
		}
		items = append(items, q.ID+": "+w.value(q, a))
		qs = append(qs, i)
	}
	return items, qs
}

// value shows an answer in words.
func (w *Wizard) value(q *saq.Question, a *saq.Answers) string {
	t := w.Model.Table
	switch q.Kind {
	case saq.KindChannels:
		var names []string
		for _, c := range a.Channels {
			names = append(names, t.Channels[c].Name)
		}
		return strings.Join(names, ", ")
	case saq.KindBool:
		switch a.Bools[q.Slot] {
		case 1:
			return "yes"
		case 0:
			return "no"
		}
		return "not answered"
	case saq.KindCounts:
		var parts []string
		for b := range t.Brands {
			if a.CountSet[q.Slot]&(1<<b) != 0 {
				parts = append(parts, t.Brands[b].Name+" "+report.Thousands(a.Counts[q.Slot][b]))
			}
		}
		if len(parts) == 0 {
			return "none given"
		}
		return strings.Join(parts, ", ")
	case saq.KindDate:
		if a.DateSet[q.Slot] {
			return a.Dates[q.Slot].String()
		}
		return "not given"
	}
	return ""
}
