package saq

import "math/bits"

// Options change how answers are evaluated.
type Options struct {
	// Strict makes a follow-up that applies but is unanswered an error
	// instead of an assumption.
	Strict bool
	// AsOf is "today" for the annual-validation facts.
	AsOf Date
}

// InputError is a problem with an answers document, at a JSON path.
type InputError struct {
	Path string // "transactions.visa", "channels[2]", or "" for the whole document
	Msg  string
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// ChannelDecision is one chosen channel's SAQ and the row that decided it.
type ChannelDecision struct {
	Channel int
	Rule    int // index into the channel's rules, or -1 when no row matched
	SAQ     int // index into Table.SAQs, or NoSAQ
}

// AnnualStatus is what the last validation date says.
type AnnualStatus struct {
	Known                      bool
	Last, Due                  Date
	Days                       int // overdue by, or due in
	Overdue, DueSoon, InFuture bool
}

// Decision is the outcome of evaluating one answers document. One Decision
// can be reused for every document of a batch.
type Decision struct {
	table   *Table
	Answers *Answers

	effective []bool // per bool slot: the value rules see
	Applies   []bool // per question: whether it applies to these answers
	Assumed   []int  // questions that applied, were unanswered and were assumed
	Ignored   []int  // questions that were answered but do not apply

	Channels           []ChannelDecision
	Undetermined       uint64 // channels (bits) with no determinable SAQ
	ChannelFallthrough uint64 // channels (bits) no row decided: a gap in the table
	SAQSet             uint64 // the distinct per-channel SAQs (bits)
	Cover              int    // the SAQ that covers every channel, or -1

	Levels           []uint8 // per brand; 0: the brand has no level
	LevelRule        []int   // per brand: the deciding row, or -1
	LevelFallthrough uint64  // brands (bits) with transactions that no row placed
	EcommerceAssumed uint64  // brands (bits) whose e-commerce share was taken as 0

	ValidationRow int // the deciding row, or -1 when none matched
	Validation    ValidationKind
	ConsultQSA    bool

	Submit []int // submit rows that hold, in table order
	Advice []int // advice rows that hold, in table order
	Annual AnnualStatus
}

// NewDecision returns a Decision for the table, ready for Evaluate.
func (t *Table) NewDecision() *Decision {
	return &Decision{
		table:     t,
		effective: make([]bool, t.NumBools),
		Applies:   make([]bool, len(t.Questions)),
		Levels:    make([]uint8, len(t.Brands)),
		LevelRule: make([]int, len(t.Brands)),
		Channels:  make([]ChannelDecision, 0, len(t.Channels)),
		Assumed:   make([]int, 0, len(t.Questions)),
		Ignored:   make([]int, 0, len(t.Questions)),
		Submit:    make([]int, 0, len(t.Submit)),
		Advice:    make([]int, 0, len(t.Advice)),
	}
}

// Table returns the table the decision was made with.
func (d *Decision) Table() *Table { return d.table }

// evaluation is the state conditions read while a decision is being made.
type evaluation struct {
	t     *Table
	a     *Answers
	d     *Decision
	brand int
}

// Evaluate decides the answers into d. It fails only on the input's account
// (a missing follow-up under Strict); a table that loaded cannot make it fail.
func (t *Table) Evaluate(a *Answers, opts Options, d *Decision) error {
	d.reset(a)
	e := evaluation{t: t, a: a, d: d}
	if err := e.questions(opts.Strict); err != nil {
		return err
	}
	e.channels()
	e.levels()
	e.validation()
	e.annual(opts.AsOf)
	for i := range t.Submit {
		if t.Submit[i].holds(&e) {
			d.Submit = append(d.Submit, i)
		}
	}
	for i := range t.Advice {
		if t.Advice[i].holds(&e) {
			d.Advice = append(d.Advice, i)
		}
	}
	return nil
}

func (d *Decision) reset(a *Answers) {
	d.Answers = a
	d.Assumed = d.Assumed[:0]
	d.Ignored = d.Ignored[:0]
	d.Channels = d.Channels[:0]
	d.Undetermined, d.ChannelFallthrough, d.SAQSet, d.Cover = 0, 0, 0, -1
	clear(d.Levels)
	d.LevelFallthrough, d.EcommerceAssumed = 0, 0
	d.ValidationRow, d.Validation, d.ConsultQSA = -1, ValidationSAQ, false
	d.Submit = d.Submit[:0]
	d.Advice = d.Advice[:0]
	d.Annual = AnnualStatus{}
}

// questions works out which questions apply and the value rules see for
// each yes/no one: the answer, or the assumed value.
func (e *evaluation) questions(strict bool) error {
	t, a, d := e.t, e.a, e.d
	for i := range t.Questions {
		q := &t.Questions[i]
		applies := !q.FollowUp || q.Applies.eval(e)
		d.Applies[i] = applies
		answered := e.answered(q)
		switch {
		case q.FollowUp && applies && !answered:
			if strict {
				return &InputError{Path: q.ID, Msg: "missing: it applies to the chosen channels, and --strict needs every follow-up that applies answered"}
			}
			d.Assumed = append(d.Assumed, i)
		case q.FollowUp && !applies && answered:
			d.Ignored = append(d.Ignored, i)
		}
		if q.Kind == KindBool {
			v := q.Default
			if answered && applies {
				v = a.Bools[q.Slot] == 1
			}
			d.effective[q.Slot] = v
		}
	}
	return nil
}

func (e *evaluation) answered(q *Question) bool {
	switch q.Kind {
	case KindBool:
		return e.a.Bools[q.Slot] != Unanswered
	case KindCounts:
		return e.a.AnsweredCounts[q.Slot]
	case KindDate:
		return e.a.DateSet[q.Slot]
	}
	return len(e.a.Channels) > 0
}

func (e *evaluation) channels() {
	t, d := e.t, e.d
	for _, c := range e.a.Channels {
		ch := &t.Channels[c]
		cd := ChannelDecision{Channel: c, Rule: -1, SAQ: NoSAQ}
		for r := range ch.Rules {
			if ch.Rules[r].holds(e) {
				cd.Rule, cd.SAQ = r, ch.Rules[r].SAQ
				d.ConsultQSA = d.ConsultQSA || ch.Rules[r].ConsultQSA
				break
			}
		}
		if cd.Rule < 0 {
			d.ChannelFallthrough |= 1 << c
		}
		if cd.SAQ == NoSAQ {
			d.Undetermined |= 1 << c
		} else {
			d.SAQSet |= 1 << cd.SAQ
		}
		d.Channels = append(d.Channels, cd)
	}
	if d.SAQSet != 0 {
		d.Cover = t.cover(d.SAQSet)
	}
}

// cover returns the SAQ with the fewest requirements that covers every SAQ
// in set (the table declares order breaks ties). Load guarantees one exists.
func (t *Table) cover(set uint64) int {
	best := -1
	for i := range t.SAQs {
		s := &t.SAQs[i]
		if s.Covers&set == set && (best < 0 || s.About < t.SAQs[best].About) {
			best = i
		}
	}
	return best
}

func (e *evaluation) levels() {
	t, d := e.t, e.d
	slot := t.Questions[t.Levels.Total].Slot
	for b := range t.Brands {
		d.LevelRule[b] = -1
		if e.a.Counts[slot][b] == 0 {
			continue
		}
		e.brand = b
		rows := t.Brands[b].Levels
		for r := range rows {
			if rows[r].holds(e) {
				d.Levels[b] = uint8(rows[r].Level)
				d.LevelRule[b] = r
				d.ConsultQSA = d.ConsultQSA || rows[r].ConsultQSA
				break
			}
		}
		if d.LevelRule[b] < 0 {
			d.LevelFallthrough |= 1 << b
		}
	}
}

func (e *evaluation) total(b int) int64 {
	return e.a.Counts[e.t.Questions[e.t.Levels.Total].Slot][b]
}

// ecommerce is a brand's e-commerce transactions: as answered; else all of
// them when every channel is an e-commerce one; else 0, which is an
// assumption the result lists.
func (e *evaluation) ecommerce(b int) int64 {
	q := &e.t.Questions[e.t.Levels.Ecommerce]
	if e.a.CountSet[q.Slot]&(1<<b) != 0 {
		return e.a.Counts[q.Slot][b]
	}
	if e.allEcommerce() {
		return e.total(b)
	}
	e.d.EcommerceAssumed |= 1 << b
	return 0
}

func (e *evaluation) allEcommerce() bool {
	return e.a.chosen&^e.t.ecommerceChannels == 0
}

func (e *evaluation) validation() {
	t, d := e.t, e.d
	for i := range t.Validation {
		row := &t.Validation[i]
		if !row.holds(e) {
			continue
		}
		// An SAQ needs an SAQ for every channel; a row that says otherwise
		// is a gap in the table, treated as one.
		if row.Validation == ValidationSAQ && (d.Undetermined != 0 || d.Cover < 0) {
			break
		}
		d.ValidationRow = i
		d.Validation = row.Validation
		d.ConsultQSA = d.ConsultQSA || row.ConsultQSA
		return
	}
	// A gap in the table: no row says what to do, so a QSA must.
	d.Validation = ValidationQSA
	d.ConsultQSA = true
}

func (e *evaluation) annual(asOf Date) {
	t, d := e.t, e.d
	if t.Annual.Question < 0 {
		return
	}
	slot := t.Questions[t.Annual.Question].Slot
	if !e.a.DateSet[slot] {
		return
	}
	s := &d.Annual
	s.Known = true
	s.Last = e.a.Dates[slot]
	s.Due = s.Last.AddYear()
	switch {
	case s.Last > asOf:
		s.InFuture = true
	case asOf > s.Due:
		s.Overdue, s.Days = true, int(asOf-s.Due)
	case int(s.Due-asOf) <= t.Annual.DueSoonDays:
		s.DueSoon, s.Days = true, int(s.Due-asOf)
	}
}

func (e *evaluation) scansRequired() bool { return e.d.scanSAQs() != 0 }

// scanSAQs are the SAQs of the result, per channel or covering, that need
// quarterly ASV scans.
func (d *Decision) scanSAQs() uint64 {
	set := d.SAQSet
	if d.Cover >= 0 {
		set |= 1 << d.Cover
	}
	return set & d.table.asvSAQs
}

// Effective returns the value rules saw for a yes/no question.
func (d *Decision) Effective(q *Question) bool { return d.effective[q.Slot] }

// SAQs returns the distinct per-channel SAQ indices in table order.
func (d *Decision) SAQs() []int {
	var out []int
	for s := d.SAQSet; s != 0; s &= s - 1 {
		out = append(out, bits.TrailingZeros64(s))
	}
	return out
}

// Asked reports, for each question, whether the wizard asks it given the
// answers so far: a follow-up when it applies, a question with ask_when
// when that holds, any other always.
func (t *Table) Asked(a *Answers) []bool {
	d := t.NewDecision()
	d.reset(a)
	e := evaluation{t: t, a: a, d: d}
	e.questions(false)
	out := make([]bool, len(t.Questions))
	for i := range t.Questions {
		q := &t.Questions[i]
		out[i] = d.Applies[i] && (!q.HasAskWhen || q.AskWhen.eval(&e))
	}
	return out
}
