package saq

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Cond is a compiled condition: a small tree evaluated without allocating.
// The zero Cond always holds.
type Cond struct {
	op       op
	kids     []Cond
	index    int   // channel, bool slot, brand, SAQ or validation kind
	want     bool  // for boolean facts
	min, max int64 // inclusive range, for counts
	levels   uint16
	line     int
}

type op uint8

const (
	opTrue op = iota
	opAll
	opAny
	opNot
	opChannel
	opChannelsCount
	opAllEcommerce
	opBool
	opTotal
	opEcommerce
	opLevel
	opAnyLevel
	opUndetermined
	opValidation
	opCoverSAQ
	opScansRequired
	opOverdue
	opDueSoon
	opDateInFuture
)

// stage says which facts a condition may read: each section of the table is
// evaluated after the previous ones, so it may use what they decided.
type stage uint8

const (
	stageQuestions  stage = iota // questions' applies and ask_when
	stageChannels                // channel rows
	stageLevels                  // level rows
	stageValidation              // validation rows
	stageOutput                  // submit and advice rows
)

var stageNames = [...]string{
	stageQuestions:  "questions",
	stageChannels:   "channel rules",
	stageLevels:     "level rows",
	stageValidation: "validation rows",
	stageOutput:     "submit and advice rows",
}

// condScope is where a condition is written: what it may refer to.
type condScope struct {
	stage     stage
	questions int // stageQuestions: only questions before this index
	brand     int // stageLevels: the brand being decided
}

var condKeywords = []string{
	"all", "any", "not", "channel", "channels_count", "all_channels_ecommerce",
	"total", "ecommerce", "level", "any_level", "undetermined", "validation",
	"saq", "scans_required", "validation_overdue", "validation_due_soon",
	"validation_date_in_future",
}

// minStage is the first stage at which each fact is known.
var minStage = map[string]stage{
	"channel": stageQuestions, "channels_count": stageQuestions, "all_channels_ecommerce": stageQuestions,
	"total": stageLevels, "ecommerce": stageLevels, "level": stageLevels,
	"any_level": stageValidation, "undetermined": stageValidation,
	"validation": stageOutput, "saq": stageOutput, "scans_required": stageOutput,
	"validation_overdue": stageOutput, "validation_due_soon": stageOutput, "validation_date_in_future": stageOutput,
}

// parseCond compiles a condition mapping. Several keys in one mapping must
// all hold.
func (l *loader) parseCond(n *yaml.Node, scope condScope, what string) Cond {
	m := l.r.readMapping(n, what)
	if n != nil && n.Kind == yaml.MappingNode && len(n.Content) == 0 {
		l.r.errorf(n, "%s: empty condition (leave `when` out for a row that always holds)", what)
	}
	var parts []Cond
	for _, k := range m.keys {
		c, ok := l.parseFact(k.Value, m.val(k.Value), scope, what)
		if ok {
			c.line = k.Line
			parts = append(parts, c)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return Cond{op: opAll, kids: parts, line: m.line()}
}

func (l *loader) parseFact(key string, v *yaml.Node, scope condScope, what string) (Cond, bool) {
	r := &l.r
	ctx := what // messages name the key themselves: building "what: key" for every fact costs start-up time
	if s, ok := minStage[key]; ok {
		if scope.stage < s {
			r.errorf(v, "%s: %q is not known yet in %s", what, key, stageNames[scope.stage])
			return Cond{}, false
		}
		if (key == "total" || key == "ecommerce") && scope.stage != stageLevels {
			r.errorf(v, "%s: %q can only be used in level rows", what, key)
			return Cond{}, false
		}
	}
	switch key {
	case "all", "any":
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			r.errorf(v, "%s: %s: expected a non-empty list of conditions", ctx, key)
			return Cond{}, false
		}
		c := Cond{op: opAll}
		if key == "any" {
			c.op = opAny
		}
		for _, item := range v.Content {
			c.kids = append(c.kids, l.parseCond(item, scope, ctx))
		}
		return c, true
	case "not":
		return Cond{op: opNot, kids: []Cond{l.parseCond(v, scope, ctx)}}, true
	case "channel":
		id, ok := r.scalarString(v, ctx)
		if !ok {
			return Cond{}, false
		}
		i := l.t.ChannelIndex(id)
		if i < 0 {
			r.errorf(v, "%s: channel: undefined channel %q", ctx, id)
			return Cond{}, false
		}
		return Cond{op: opChannel, index: i}, true
	case "channels_count", "total", "ecommerce":
		lo, hi, ok := l.parseRange(v, ctx, key)
		if !ok {
			return Cond{}, false
		}
		o := map[string]op{"channels_count": opChannelsCount, "total": opTotal, "ecommerce": opEcommerce}[key]
		if o == opEcommerce && l.t.Levels.Ecommerce < 0 {
			r.errorf(v, "%s: %s: merchant_levels names no ecommerce question", ctx, key)
		}
		return Cond{op: o, min: lo, max: hi}, true
	case "all_channels_ecommerce", "undetermined", "scans_required",
		"validation_overdue", "validation_due_soon", "validation_date_in_future":
		b, ok := r.scalarBool(v, ctx)
		if !ok {
			return Cond{}, false
		}
		o := map[string]op{
			"all_channels_ecommerce": opAllEcommerce, "undetermined": opUndetermined,
			"scans_required": opScansRequired, "validation_overdue": opOverdue,
			"validation_due_soon": opDueSoon, "validation_date_in_future": opDateInFuture,
		}[key]
		return Cond{op: o, want: b}, true
	case "level":
		return l.parseLevelFact(v, scope, ctx)
	case "any_level":
		lv, ok := l.parseLevels(v, ctx)
		return Cond{op: opAnyLevel, levels: lv}, ok
	case "validation":
		s, ok := r.scalarString(v, ctx)
		if !ok {
			return Cond{}, false
		}
		k, ok := parseValidationKind(s)
		if !ok {
			r.errorf(v, "%s: validation: unknown validation %q (expected RoC, QSA or SAQ)", ctx, s)
			return Cond{}, false
		}
		return Cond{op: opValidation, index: int(k)}, true
	case "saq":
		s, ok := r.scalarString(v, ctx)
		if !ok {
			return Cond{}, false
		}
		i := l.t.SAQIndex(s)
		if i < 0 {
			r.errorf(v, "%s: saq: undefined SAQ %q", ctx, s)
			return Cond{}, false
		}
		return Cond{op: opCoverSAQ, index: i}, true
	}
	// Anything else names a yes/no question.
	qi := l.t.QuestionIndex(key)
	if qi < 0 {
		r.errorf(v, "%s: unknown condition %q (expected a yes/no question id or one of: %s)", what, key, strings.Join(condKeywords, ", "))
		return Cond{}, false
	}
	q := &l.t.Questions[qi]
	if q.Kind != KindBool {
		r.errorf(v, "%s: question %q is not a yes/no question", what, key)
		return Cond{}, false
	}
	if scope.stage == stageQuestions && qi >= scope.questions {
		r.errorf(v, "%s: question %q must be declared before the question whose condition reads it", what, key)
		return Cond{}, false
	}
	b, ok := r.scalarBool(v, ctx)
	return Cond{op: opBool, index: q.Slot, want: b}, ok
}

func (l *loader) parseLevelFact(v *yaml.Node, scope condScope, ctx string) (Cond, bool) {
	m := l.r.readMapping(v, ctx)
	if len(m.keys) != 1 {
		if v.Kind == yaml.MappingNode {
			l.r.errorf(v, "%s: expected one brand and its level, as {visa: 1}", ctx)
		}
		return Cond{}, false
	}
	k := m.keys[0]
	b := l.t.BrandIndex(k.Value)
	if b < 0 {
		l.r.errorf(k, "%s: undefined brand %q", ctx, k.Value)
		return Cond{}, false
	}
	if scope.stage == stageLevels && b >= scope.brand {
		l.r.errorf(k, "%s: a level row may only read the level of a brand listed before it (%q is not)", ctx, k.Value)
		return Cond{}, false
	}
	lv, ok := l.parseLevels(m.val(k.Value), ctx)
	return Cond{op: opLevel, index: b, levels: lv}, ok
}

// parseLevels reads a level or a list of levels into a bit set.
func (l *loader) parseLevels(v *yaml.Node, ctx string) (uint16, bool) {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
		if len(items) == 0 {
			l.r.errorf(v, "%s: expected at least one level", ctx)
			return 0, false
		}
	}
	var set uint16
	for _, it := range items {
		n, ok := l.r.scalarInt(it, ctx)
		if !ok {
			return 0, false
		}
		if n < 1 || n > maxLevel {
			l.r.errorf(it, "%s: level %d out of range (1 to %d)", ctx, n, maxLevel)
			return 0, false
		}
		set |= 1 << n
	}
	return set, true
}

const maxLevel = 9

// parseRange reads {gt, gte, lt, lte, eq} into an inclusive range.
func (l *loader) parseRange(v *yaml.Node, ctx, key string) (lo, hi int64, ok bool) {
	if v.Kind != yaml.MappingNode {
		l.r.errorf(v, "%s: %s: expected a mapping like {gte: 1000000}, got %s", ctx, key, describeNode(v))
		return 0, 0, false
	}
	m := l.r.readMapping(v, ctx, "gt", "gte", "lt", "lte", "eq")
	if len(m.keys) == 0 {
		l.r.errorf(v, "%s: %s: expected at least one of gt, gte, lt, lte, eq", ctx, key)
		return 0, 0, false
	}
	lo, hi, ok = 0, math.MaxInt64, true
	for i, k := range m.keys {
		val := m.values[i]
		n, err := strconv.ParseInt(strings.ReplaceAll(val.Value, "_", ""), 0, 64)
		if val.Kind != yaml.ScalarNode || val.Tag != "!!int" || err != nil {
			l.r.errorf(val, "%s: %s.%s: malformed threshold: expected a whole number, got %s", ctx, key, k.Value, describeNode(val))
			ok = false
			continue
		}
		if n < 0 {
			l.r.errorf(val, "%s: %s.%s: malformed threshold %d (expected a whole number ≥ 0)", ctx, key, k.Value, n)
			ok = false
			continue
		}
		switch k.Value {
		case "gt":
			lo = max(lo, n+1)
		case "gte":
			lo = max(lo, n)
		case "lt":
			if n == 0 {
				hi = -1
			} else {
				hi = min(hi, n-1)
			}
		case "lte":
			hi = min(hi, n)
		case "eq":
			lo, hi = max(lo, n), min(hi, n)
		}
	}
	if ok && lo > hi {
		l.r.errorf(v, "%s: %s: malformed threshold: the range is empty, so the condition can never hold", ctx, key)
		ok = false
	}
	return lo, hi, ok
}

func parseValidationKind(s string) (ValidationKind, bool) {
	for k, name := range validationNames {
		if name == s {
			return ValidationKind(k), true
		}
	}
	return 0, false
}

// eval reports whether the condition holds for the decision so far.
func (c *Cond) eval(e *evaluation) bool {
	switch c.op {
	case opTrue:
		return true
	case opAll:
		for i := range c.kids {
			if !c.kids[i].eval(e) {
				return false
			}
		}
		return true
	case opAny:
		for i := range c.kids {
			if c.kids[i].eval(e) {
				return true
			}
		}
		return false
	case opNot:
		return !c.kids[0].eval(e)
	case opChannel:
		return e.a.chosen&(1<<c.index) != 0
	case opChannelsCount:
		n := int64(len(e.a.Channels))
		return n >= c.min && n <= c.max
	case opAllEcommerce:
		return e.allEcommerce() == c.want
	case opBool:
		return e.d.effective[c.index] == c.want
	case opTotal:
		n := e.total(e.brand)
		return n >= c.min && n <= c.max
	case opEcommerce:
		n := e.ecommerce(e.brand)
		return n >= c.min && n <= c.max
	case opLevel:
		return c.levels&(1<<e.d.Levels[c.index]) != 0 // bit 0 (no level) is never set
	case opAnyLevel:
		for _, lv := range e.d.Levels {
			if c.levels&(1<<lv) != 0 {
				return true
			}
		}
		return false
	case opUndetermined:
		return (e.d.Undetermined != 0) == c.want
	case opValidation:
		return e.d.Validation == ValidationKind(c.index)
	case opCoverSAQ:
		return e.d.Cover == c.index
	case opScansRequired:
		return e.scansRequired() == c.want
	case opOverdue:
		return e.d.Annual.Overdue == c.want
	case opDueSoon:
		return e.d.Annual.DueSoon == c.want
	case opDateInFuture:
		return e.d.Annual.InFuture == c.want
	}
	return false
}

// Always reports whether the condition is the empty one that always holds.
func (c *Cond) Always() bool { return c.op == opTrue }

// walk calls f for c and every condition inside it.
func (c *Cond) walk(f func(*Cond)) {
	f(c)
	for i := range c.kids {
		c.kids[i].walk(f)
	}
}

// Boundaries returns, sorted and without repeats, the counts at which some
// level row of brand b starts or stops holding: for each threshold N in the
// rows, the first count on its far side. With 0 they split every count into
// ranges that no level row can tell apart.
func (t *Table) Boundaries(b int) []int64 {
	seen := map[int64]bool{0: true}
	for i := range t.Brands[b].Levels {
		t.Brands[b].Levels[i].When.walk(func(c *Cond) {
			if c.op == opTotal || c.op == opEcommerce {
				seen[c.min] = true
				if c.max < math.MaxInt64 {
					seen[c.max+1] = true
				}
			}
		})
	}
	out := make([]int64, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// requiredChannels is the set of channels that must all be chosen for the
// condition to hold: a cheap test that skips most rows of a batch before
// their condition is evaluated.
func (c *Cond) requiredChannels() uint64 {
	switch c.op {
	case opChannel:
		return 1 << c.index
	case opAll:
		var need uint64
		for i := range c.kids {
			need |= c.kids[i].requiredChannels()
		}
		return need
	case opAny:
		need := ^uint64(0)
		for i := range c.kids {
			need &= c.kids[i].requiredChannels()
		}
		return need
	}
	return 0
}

// allowedValidations is the set of validation kinds (bits) under which the
// condition can hold; rows of earlier sections cannot read the kind, so
// theirs is every kind.
func (c *Cond) allowedValidations() uint8 {
	const all = 1<<ValidationSAQ | 1<<ValidationRoC | 1<<ValidationQSA
	switch c.op {
	case opValidation:
		return 1 << c.index
	case opAll:
		set := uint8(all)
		for i := range c.kids {
			set &= c.kids[i].allowedValidations()
		}
		return set
	case opAny:
		var set uint8
		for i := range c.kids {
			set |= c.kids[i].allowedValidations()
		}
		return set
	}
	return all
}

// holds evaluates a row's condition, after the cheap tests of the channels
// and the validation kind it needs.
func (r *Row) holds(e *evaluation) bool {
	return r.need&^e.a.chosen == 0 && r.validations&(1<<e.d.Validation) != 0 && r.When.eval(e)
}
