package saq

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// Exploration is what evaluating a table over its whole answer space
// shows: the answers no row decides, rows that match the same answers and
// disagree, rows no answers can reach, and levels that are not contiguous.
//
// The space is finite. Channels: every non-empty subset. Yes/no questions:
// missing, false and true for each that applies (one that does not apply is
// left out: answered, it is only ignored). Volumes: for each brand, 0 and
// every threshold its level rows name, with the values on either side, for
// the total and for the e-commerce share (missing, or one of those values up
// to the total); every channel set all e-commerce or not. The sections are
// explored in the order the engine evaluates them, each over the distinct
// states the earlier ones can reach, projected on the facts it reads.
type Exploration struct {
	Gaps        []Gap
	Ambiguities []Ambiguity
	Dead        []DeadRow
	Thresholds  []ThresholdProblem
	Space       Space
}

// Gap is answers for which no row decides.
type Gap struct {
	Section string // "channel", "level", "validation"
	Subject string // the channel or brand id, for channel and level gaps
	Line    int    // the channel's, brand's or validation section's line
	Example *Answers
}

// Ambiguity is two rows of a unique section that match the same answers
// and disagree (or agree: then it is only an overlap).
type Ambiguity struct {
	Section  string
	A, B     *Row
	Disagree bool
	Example  *Answers
}

// DeadRow is a row no answers reach: its condition never holds, or earlier
// rows always decide first.
type DeadRow struct {
	Section string
	Row     *Row
	Why     string
}

// ThresholdProblem is a brand whose levels, by volume alone, are not one
// contiguous range each, from the lowest level at the top down.
type ThresholdProblem struct {
	Brand *Brand
	Msg   string
}

// Space says how large the explored answer space is.
type Space struct {
	ChannelAnswers int   // channel sets × yes/no answers explored
	ChannelStates  int   // distinct outcomes of those for later sections
	VolumeAnswers  int   // volume, e-commerce and flag combinations explored per brand group, summed
	LevelStates    int   // distinct level outcomes across brands
	Validation     int   // combined states the validation rows were evaluated on
	Documents      int64 // answers documents these stand for: channel answers × volume combinations of all brands
}

const maxExamples = 3 // gaps reported per channel, brand or section

// chanState is a distinct outcome of the questions and channel rows.
type chanState struct {
	a            *Answers // a document that reaches it
	effective    []bool
	chosen       uint64
	undetermined uint64
	saqSet       uint64
	cover        int
	consult      bool
}

// levelTuple is a reachable outcome of one brand group's level rows.
type levelTuple struct {
	a       *Answers // counts (and flags) that reach it
	levels  []uint8  // per brand of the group
	flags   uint64   // the yes/no facts level rows read, as effective
	online  bool
	consult bool
}

// Explore evaluates the table over its answer space.
func (t *Table) Explore() *Exploration {
	x := &explorer{t: t, ex: &Exploration{}, decided: map[*Row]bool{}, held: map[*Row]bool{}, shadowedBy: map[*Row]map[*Row]bool{}}
	x.channels()
	x.levels()
	x.thresholds()
	x.validation()
	x.output()
	x.deadRows()
	return x.ex
}

type explorer struct {
	t  *Table
	ex *Exploration

	states []*chanState
	groups [][]int         // brand groups: a brand and the brands its rows read
	tuples [][]*levelTuple // per group
	// Which yes/no slots the level rows read: level tuples carry them.
	levelFlags uint64

	decided    map[*Row]bool // rows that decided for some answers
	held       map[*Row]bool // rows whose condition held for some answers
	shadowedBy map[*Row]map[*Row]bool
	gapCount   map[string]int
}

func (x *explorer) gap(g Gap) {
	if x.gapCount == nil {
		x.gapCount = map[string]int{}
	}
	key := g.Section + "/" + g.Subject
	if x.gapCount[key] < maxExamples {
		x.ex.Gaps = append(x.ex.Gaps, g)
	}
	x.gapCount[key]++
}

// firstOf evaluates rows, noting every one that holds, and returns the
// first that does and the holding rows (for ambiguity and shadowing).
func (x *explorer) firstOf(rows []*Row, e *evaluation) (first int, holding []int) {
	first = -1
	for i, r := range rows {
		if r.When.eval(e) {
			x.held[r] = true
			holding = append(holding, i)
			if first < 0 {
				first = i
				x.decided[r] = true
			} else {
				if x.shadowedBy[r] == nil {
					x.shadowedBy[r] = map[*Row]bool{}
				}
				x.shadowedBy[r][rows[first]] = true
			}
		}
	}
	return first, holding
}

func (x *explorer) ambiguity(section string, policy HitPolicy, rows []*Row, holding []int, differ func(i, j int) bool, a *Answers) {
	if policy != Unique || len(holding) < 2 {
		return
	}
	i, j := holding[0], holding[1]
	for _, amb := range x.ex.Ambiguities { // one example per pair
		if amb.A == rows[i] && amb.B == rows[j] {
			return
		}
	}
	ex := x.t.NewAnswers()
	ex.CopyFrom(a)
	x.ex.Ambiguities = append(x.ex.Ambiguities, Ambiguity{Section: section, A: rows[i], B: rows[j], Disagree: differ(i, j), Example: ex})
}

// channels explores channel sets and yes/no answers.
func (x *explorer) channels() {
	t := x.t
	seen := map[string]*chanState{}
	a, d := t.NewAnswers(), t.NewDecision()
	rows := make([][]*Row, len(t.Channels))
	for c := range t.Channels {
		for i := range t.Channels[c].Rules {
			rows[c] = append(rows[c], &t.Channels[c].Rules[i].Row)
		}
	}
	var visit func(q int)
	visit = func(q int) {
		e := evaluation{t: t, a: a, d: d}
		d.reset(a)
		e.questions(false)
		// Next yes/no question to vary.
		for q < len(t.Questions) && t.Questions[q].Kind != KindBool {
			q++
		}
		if q < len(t.Questions) {
			qq := &t.Questions[q]
			values := []int8{0, 1}
			if qq.FollowUp {
				values = []int8{Unanswered, 0, 1}
				if !d.Applies[q] {
					values = []int8{Unanswered}
				}
			}
			for _, v := range values {
				a.Bools[qq.Slot] = v
				visit(q + 1)
			}
			a.Bools[qq.Slot] = Unanswered
			return
		}
		x.ex.Space.ChannelAnswers++
		s := &chanState{chosen: a.chosen, cover: -1}
		for _, c := range a.Channels {
			first, holding := x.firstOf(rows[c], &e)
			ch := &t.Channels[c]
			x.ambiguity("channel", t.HitPolicy.ChannelRules, rows[c], holding, func(i, j int) bool {
				return ch.Rules[i].SAQ != ch.Rules[j].SAQ || ch.Rules[i].ConsultQSA != ch.Rules[j].ConsultQSA
			}, a)
			if first < 0 {
				ex := t.NewAnswers()
				ex.CopyFrom(a)
				x.gap(Gap{Section: "channel", Subject: ch.ID, Line: ch.Line, Example: ex})
				s.undetermined |= 1 << c
				s.consult = true
				continue
			}
			r := &ch.Rules[first]
			s.consult = s.consult || r.ConsultQSA
			if r.SAQ == NoSAQ {
				s.undetermined |= 1 << c
			} else {
				s.saqSet |= 1 << r.SAQ
			}
		}
		if s.saqSet != 0 {
			s.cover = t.cover(s.saqSet)
		}
		s.effective = slices.Clone(d.effective)
		key := fmt.Sprint(s.chosen, s.effective, s.undetermined, s.saqSet, s.consult)
		if _, ok := seen[key]; !ok {
			s.a = t.NewAnswers()
			s.a.CopyFrom(a)
			seen[key] = s
			x.states = append(x.states, s)
		}
	}
	total := t.Questions[t.Levels.Total].Slot
	for mask := uint64(1); mask < 1<<len(t.Channels); mask++ {
		a.Reset()
		a.AnsweredCounts[total] = true // so that examples are whole documents
		for c := range t.Channels {
			if mask&(1<<c) != 0 {
				a.AddChannel(c)
			}
		}
		visit(0)
	}
	x.ex.Space.ChannelStates = len(x.states)
}

// points are the counts worth trying for one kind of count fact of a brand:
// 0, each threshold, and the values either side.
func (t *Table) points(b int, kind op) []int64 {
	set := map[int64]bool{0: true, 1: true}
	for i := range t.Brands[b].Levels {
		t.Brands[b].Levels[i].When.walk(func(c *Cond) {
			if c.op != kind {
				return
			}
			for _, n := range []int64{c.min, c.max} {
				if n == 1<<63-1 {
					continue
				}
				for _, v := range []int64{n - 1, n, n + 1} {
					if v >= 0 && v <= maxCountPoint {
						set[v] = true
					}
				}
			}
		})
	}
	out := make([]int64, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// maxCountPoint keeps explored counts within what a document may hold.
const maxCountPoint = 1<<53 - 1

// readsOf collects what a set of conditions reads: brands whose level they
// read, and yes/no slots.
func readsOf(conds []*Cond) (brands, bools uint64) {
	for _, c := range conds {
		c.walk(func(c *Cond) {
			switch c.op {
			case opLevel:
				brands |= 1 << c.index
			case opBool:
				bools |= 1 << c.index
			}
		})
	}
	return brands, bools
}

func (b *Brand) conds() []*Cond {
	var out []*Cond
	for i := range b.Levels {
		out = append(out, &b.Levels[i].When)
	}
	return out
}

// levels explores each brand group's volumes.
func (x *explorer) levels() {
	t := x.t
	total := t.Questions[t.Levels.Total].Slot
	// Groups: a brand with the brands its rows read, transitively. A brand
	// read by a later one joins that one's group.
	deps := make([]uint64, len(t.Brands))
	for b := range t.Brands {
		bs, bools := readsOf(t.Brands[b].conds())
		x.levelFlags |= bools
		deps[b] = bs | 1<<b
	}
	for b := len(t.Brands) - 1; b >= 0; b-- {
		for c := range t.Brands {
			if deps[b]&(1<<c) != 0 {
				deps[b] |= deps[c]
			}
		}
	}
	inGroup := uint64(0)
	for b := len(t.Brands) - 1; b >= 0; b-- {
		if inGroup&(1<<b) != 0 {
			continue
		}
		var g []int
		for c := range t.Brands {
			if deps[b]&(1<<c) != 0 && inGroup&(1<<c) == 0 {
				g = append(g, c)
				inGroup |= 1 << c
			}
		}
		x.groups = append([][]int{g}, x.groups...)
	}
	// Channel sets that stand for "every channel is e-commerce" and not.
	var reps []uint64
	for _, online := range []bool{true, false} {
		for c := range t.Channels {
			if t.Channels[c].Ecommerce == online {
				reps = append(reps, 1<<c)
				break
			}
		}
	}
	var flagSlots []int
	for s := range t.NumBools {
		if x.levelFlags&(1<<s) != 0 {
			flagSlots = append(flagSlots, s)
		}
	}
	rowsOf := func(b int) []*Row {
		var rows []*Row
		for i := range t.Brands[b].Levels {
			rows = append(rows, &t.Brands[b].Levels[i].Row)
		}
		return rows
	}
	ecomSlot := -1
	if t.Levels.Ecommerce >= 0 {
		ecomSlot = t.Questions[t.Levels.Ecommerce].Slot
	}
	for _, g := range x.groups {
		seen := map[string]bool{}
		var tuples []*levelTuple
		a, d := t.NewAnswers(), t.NewDecision()
		// The combinations of one brand: total, e-commerce (missing = -1).
		type combo struct{ total, ecom int64 }
		combos := make([][]combo, len(g))
		for i, b := range g {
			ecom := []int64{-1}
			if ecomSlot >= 0 && t.Questions[t.Levels.Ecommerce].Brands&(1<<b) != 0 {
				ecom = append(ecom, t.points(b, opEcommerce)...)
			}
			for _, tot := range t.points(b, opTotal) {
				for _, ec := range ecom {
					if ec <= tot {
						combos[i] = append(combos[i], combo{tot, ec})
					}
				}
			}
		}
		idx := make([]int, len(g))
		for {
			for _, rep := range reps {
				for flags := uint64(0); flags < 1<<len(flagSlots); flags++ {
					a.Reset()
					for c := range t.Channels {
						if rep&(1<<c) != 0 {
							a.AddChannel(c)
						}
					}
					a.AnsweredCounts[total] = true
					for i, b := range g {
						cb := combos[i][idx[i]]
						a.SetCount(total, b, cb.total)
						if cb.ecom >= 0 {
							a.AnsweredCounts[ecomSlot] = true
							a.SetCount(ecomSlot, b, cb.ecom)
						}
					}
					d.reset(a)
					var fl uint64
					for k, s := range flagSlots {
						v := flags&(1<<k) != 0
						d.effective[s] = v
						a.Bools[s] = 0
						if v {
							a.Bools[s] = 1
							fl |= 1 << s
						}
					}
					e := evaluation{t: t, a: a, d: d}
					x.ex.Space.VolumeAnswers++
					tu := &levelTuple{levels: make([]uint8, len(g)), flags: fl, online: e.allEcommerce()}
					for i, b := range g {
						clear(d.Levels)
						for j := range i { // earlier brands of the group, as decided
							d.Levels[g[j]] = tu.levels[j]
						}
						if a.Counts[total][b] == 0 {
							continue
						}
						e.brand = b
						rows := rowsOf(b)
						first, holding := x.firstOf(rows, &e)
						lr := t.Brands[b].Levels
						x.ambiguity("level", t.HitPolicy.Levels, rows, holding, func(i, j int) bool { return lr[i].Level != lr[j].Level }, a)
						if first < 0 {
							ex := t.NewAnswers()
							ex.CopyFrom(a)
							x.gap(Gap{Section: "level", Subject: t.Brands[b].ID, Line: t.Brands[b].Line, Example: ex})
							continue
						}
						tu.levels[i] = uint8(lr[first].Level)
						tu.consult = tu.consult || lr[first].ConsultQSA
					}
					key := fmt.Sprint(tu.levels, tu.flags, tu.online, tu.consult)
					if !seen[key] {
						seen[key] = true
						tu.a = t.NewAnswers()
						tu.a.CopyFrom(a)
						tuples = append(tuples, tu)
					}
				}
			}
			// Next combination of the group's brands.
			i := 0
			for ; i < len(g); i++ {
				if idx[i]++; idx[i] < len(combos[i]) {
					break
				}
				idx[i] = 0
			}
			if i == len(g) {
				break
			}
		}
		x.tuples = append(x.tuples, tuples)
		x.ex.Space.LevelStates += len(tuples)
	}
	// Documents: channel answers × every brand's volume combinations.
	docs := int64(x.ex.Space.ChannelAnswers)
	for b := range t.Brands {
		n := int64(0)
		ecom := 1
		if ecomSlot >= 0 && t.Questions[t.Levels.Ecommerce].Brands&(1<<b) != 0 {
			ecom += len(t.points(b, opEcommerce))
		}
		n = int64(len(t.points(b, opTotal)) * ecom)
		docs *= max(n, 1)
	}
	x.ex.Space.Documents = docs
}

// thresholds checks each brand's levels by volume alone (no flags, no
// other brand): walking up the volumes, the level may only go down (to a
// lower number, a higher tier) and each level must be one range.
func (x *explorer) thresholds() {
	t := x.t
	total := t.Questions[t.Levels.Total].Slot
	a, d := t.NewAnswers(), t.NewDecision()
	for b := range t.Brands {
		for _, online := range []bool{true, false} {
			a.Reset()
			for c := range t.Channels {
				if t.Channels[c].Ecommerce == online {
					a.AddChannel(c)
					break
				}
			}
			if len(a.Channels) == 0 {
				continue
			}
			e := evaluation{t: t, a: a, d: d, brand: b}
			prev, prevAt := 0, int64(0)
			done := map[int]bool{}
			for _, n := range t.points(b, opTotal) {
				if n == 0 {
					continue
				}
				a.SetCount(total, b, n)
				d.reset(a)
				lv := 0
				for i := range t.Brands[b].Levels {
					if t.Brands[b].Levels[i].When.eval(&e) {
						lv = t.Brands[b].Levels[i].Level
						break
					}
				}
				if lv == 0 {
					continue // a gap: reported by levels
				}
				share := "all transactions e-commerce"
				if !online {
					share = "no e-commerce share given, with a channel that is not e-commerce"
				}
				switch {
				case prev != 0 && lv > prev:
					x.ex.Thresholds = append(x.ex.Thresholds, ThresholdProblem{&t.Brands[b],
						fmt.Sprintf("brand %s: level %d at %d transactions is above level %d at %d (%s): a higher volume must not give a lower tier", t.Brands[b].ID, lv, n, prev, prevAt, share)})
				case lv != prev && done[lv]:
					x.ex.Thresholds = append(x.ex.Thresholds, ThresholdProblem{&t.Brands[b],
						fmt.Sprintf("brand %s: level %d covers two ranges of volume, split at %d (%s)", t.Brands[b].ID, lv, n, share)})
				}
				if lv != prev {
					done[prev] = true
				}
				prev, prevAt = lv, n
			}
		}
	}
	x.ex.Thresholds = dedupeThresholds(x.ex.Thresholds)
}

func dedupeThresholds(ps []ThresholdProblem) []ThresholdProblem {
	var out []ThresholdProblem
	seen := map[string]bool{}
	for _, p := range ps {
		k := p.Brand.ID + strings.SplitN(p.Msg, "(", 2)[0]
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// combined is a channel state with one reachable level outcome of every
// brand group: the state validation and output rows are evaluated on.
type combined struct {
	s      *chanState
	tuples []*levelTuple
}

// factKey is the set of facts some conditions read.
type factKey struct {
	channels, bools, brands uint64
	count, online, anyLevel bool
	cover                   bool // the covering SAQ and whether scans are needed
}

func keyFor(conds []*Cond) factKey {
	var k factKey
	for _, c := range conds {
		c.walk(func(c *Cond) {
			switch c.op {
			case opChannel:
				k.channels |= 1 << c.index
			case opBool:
				k.bools |= 1 << c.index
			case opLevel:
				k.brands |= 1 << c.index
			case opChannelsCount:
				k.count = true
			case opAllEcommerce:
				k.online = true
			case opAnyLevel:
				k.anyLevel = true
			case opCoverSAQ, opScansRequired:
				k.cover = true
			}
		})
	}
	return k
}

// stateKey is a channel state projected on a factKey, with what the level
// tuples joined to it must agree with.
type stateKey struct {
	chosen, bools, flags uint64
	undetermined, noSAQ  bool
	count                int
	online               bool
	cover                int
	scans                bool
}

func (x *explorer) stateKey(k factKey, s *chanState) stateKey {
	sk := stateKey{
		chosen: s.chosen & k.channels, undetermined: s.undetermined != 0, noSAQ: s.saqSet == 0,
		online: s.chosen&^x.t.ecommerceChannels == 0, flags: x.flagsOf(s), cover: -1,
	}
	for slot, v := range s.effective {
		if v && k.bools&(1<<slot) != 0 {
			sk.bools |= 1 << slot
		}
	}
	if k.count {
		sk.count = bits.OnesCount64(s.chosen)
	}
	if k.cover {
		sk.cover, sk.scans = s.cover, (s.saqSet|coverBit(s.cover))&x.t.asvSAQs != 0
	}
	return sk
}

func coverBit(c int) uint64 {
	if c < 0 {
		return 0
	}
	return 1 << c
}

// levelKey is a combination of level tuples projected on a factKey.
type levelKey struct {
	levels  [maxItems]uint8 // of the brands the conditions read
	present uint16          // the levels any brand has, when any_level is read
	consult bool
}

// combos calls f with every distinct combined state, as projected on k:
// channel states first, then the level tuples each can be joined with.
func (x *explorer) combos(k factKey, f func(combined)) {
	seen := map[stateKey]bool{}
	pick := make([]*levelTuple, len(x.groups))
	for _, s := range x.states {
		sk := x.stateKey(k, s)
		if seen[sk] {
			continue
		}
		seen[sk] = true
		seenL := map[levelKey]bool{}
		var rec func(g int)
		rec = func(g int) {
			if g == len(x.groups) {
				var lk levelKey
				for g, tu := range pick {
					lk.consult = lk.consult || tu.consult
					for i, b := range x.groups[g] {
						if k.anyLevel {
							lk.present |= 1 << tu.levels[i]
						}
						if k.brands&(1<<b) != 0 {
							lk.levels[b] = tu.levels[i]
						}
					}
				}
				if !seenL[lk] {
					seenL[lk] = true
					f(combined{s, pick})
				}
				return
			}
			for _, tu := range x.tuples[g] {
				if tu.online == sk.online && tu.flags == sk.flags {
					pick[g] = tu
					rec(g + 1)
				}
			}
		}
		rec(0)
	}
}

func (x *explorer) flagsOf(s *chanState) uint64 {
	var fl uint64
	for slot, v := range s.effective {
		if v && x.levelFlags&(1<<slot) != 0 {
			fl |= 1 << slot
		}
	}
	return fl
}

// setUp makes a decision of a combined state, ready for validation rows.
func (x *explorer) setUp(c combined, a *Answers, d *Decision) *evaluation {
	t := x.t
	a.CopyFrom(c.s.a)
	total := t.Questions[t.Levels.Total].Slot
	d.reset(a)
	copy(d.effective, c.s.effective)
	d.Undetermined, d.SAQSet, d.Cover, d.ConsultQSA = c.s.undetermined, c.s.saqSet, c.s.cover, c.s.consult
	for g, tu := range c.tuples {
		for i, b := range x.groups[g] {
			d.Levels[b] = tu.levels[i]
			a.Counts[total][b] = tu.a.Counts[total][b]
			a.CountSet[total] |= tu.a.CountSet[total] & (1 << b)
			if t.Levels.Ecommerce >= 0 {
				es := t.Questions[t.Levels.Ecommerce].Slot
				a.Counts[es][b] = tu.a.Counts[es][b]
				a.CountSet[es] |= tu.a.CountSet[es] & (1 << b)
				a.AnsweredCounts[es] = a.AnsweredCounts[es] || tu.a.AnsweredCounts[es]
			}
		}
		d.ConsultQSA = d.ConsultQSA || tu.consult
	}
	a.AnsweredCounts[total] = true
	return &evaluation{t: t, a: a, d: d}
}

// validation explores the validation rows over every combined state.
func (x *explorer) validation() {
	t := x.t
	var rows []*Row
	var conds []*Cond
	for i := range t.Validation {
		rows = append(rows, &t.Validation[i].Row)
		conds = append(conds, &t.Validation[i].When)
	}
	k := keyFor(conds)
	a, d := t.NewAnswers(), t.NewDecision()
	line := 0
	if len(t.Validation) > 0 {
		line = t.Validation[0].Line
	}
	x.combos(k, func(c combined) {
		x.ex.Space.Validation++
		e := x.setUp(c, a, d)
		first, holding := x.firstOf(rows, e)
		x.ambiguity("validation", t.HitPolicy.Validation, rows, holding, func(i, j int) bool {
			return t.Validation[i].Validation != t.Validation[j].Validation || t.Validation[i].ConsultQSA != t.Validation[j].ConsultQSA
		}, a)
		gap := first < 0
		if !gap && t.Validation[first].Validation == ValidationSAQ && (d.Undetermined != 0 || d.Cover < 0) {
			gap = true // an SAQ for a channel that has none: the engine treats it as a gap
		}
		if gap {
			ex := t.NewAnswers()
			ex.CopyFrom(a)
			x.gap(Gap{Section: "validation", Line: line, Example: ex})
		}
	})
}

// output explores each submit and advice row on its own, over the facts it
// reads: collect rows cannot conflict, but one that never holds is dead.
func (x *explorer) output() {
	t := x.t
	a, d := t.NewAnswers(), t.NewDecision()
	var vconds []*Cond
	for i := range t.Validation {
		vconds = append(vconds, &t.Validation[i].When)
	}
	check := func(r *Row) {
		k := keyFor(append([]*Cond{&r.When}, vconds...))
		annual := false
		r.When.walk(func(c *Cond) { annual = annual || c.op == opOverdue || c.op == opDueSoon || c.op == opDateInFuture })
		states := []AnnualStatus{{}}
		if annual {
			states = []AnnualStatus{{}, {Known: true, Overdue: true}, {Known: true, DueSoon: true}, {Known: true, InFuture: true}}
		}
		found := false
		x.combos(k, func(c combined) {
			if found {
				return
			}
			e := x.setUp(c, a, d)
			e.validation()
			for _, st := range states {
				d.Annual = st
				if r.When.eval(e) {
					found = true
					x.held[r] = true
					x.decided[r] = true
					return
				}
			}
		})
	}
	for i := range t.Submit {
		check(&t.Submit[i].Row)
	}
	for i := range t.Advice {
		check(&t.Advice[i].Row)
	}
}

// deadRows lists the rows that never decided, and why.
func (x *explorer) deadRows() {
	t := x.t
	report := func(section string, r *Row) {
		if x.decided[r] {
			return
		}
		why := "its condition never holds"
		if x.held[r] {
			var ids []string
			for s := range x.shadowedBy[r] {
				ids = append(ids, s.ID)
			}
			slices.Sort(ids)
			why = "earlier rows always decide first (" + strings.Join(ids, ", ") + ")"
		}
		x.ex.Dead = append(x.ex.Dead, DeadRow{Section: section, Row: r, Why: why})
	}
	for c := range t.Channels {
		for i := range t.Channels[c].Rules {
			report("channel", &t.Channels[c].Rules[i].Row)
		}
	}
	for b := range t.Brands {
		for i := range t.Brands[b].Levels {
			report("level", &t.Brands[b].Levels[i].Row)
		}
	}
	for i := range t.Validation {
		report("validation", &t.Validation[i].Row)
	}
	for i := range t.Submit {
		report("submit", &t.Submit[i].Row)
	}
	for i := range t.Advice {
		report("advice", &t.Advice[i].Row)
	}
}
