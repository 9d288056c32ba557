package saq

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxTableSize is the largest rules table Load reads.
const MaxTableSize = 1 << 20

// maxItems bounds channels, SAQs and brands: each is a bit in a uint64.
const maxItems = 64

// validID reports whether s is a row, channel, brand or SAQ id: letters,
// digits, '.', '_' and '-', starting with a letter or digit.
func validID(s string) bool {
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// validSegment reports whether s can be one part of a question id: a
// lowercase word, as JSON field names go.
func validSegment(s string) bool {
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '_'):
		default:
			return false
		}
	}
	return s != ""
}

// loader builds a Table from YAML nodes.
type loader struct {
	r      reader
	t      *Table
	rowIDs map[string]int // row id -> line, across the whole table

	// Each list item is read into a mapping once, on the first pass over its
	// section, so that a problem with it is reported once.
	channelMaps, questionMaps, brandMaps []*mapping
}

// Load parses, validates and compiles a rules table. name is the file name
// errors give. The error, if any, is a TableErrors listing every problem
// found, each at its line.
func Load(name string, data []byte) (*Table, error) {
	if len(data) > MaxTableSize {
		return nil, TableErrors{{File: name, Msg: fmt.Sprintf("larger than %d KiB: not a rules table", MaxTableSize>>10)}}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, TableErrors{yamlError(name, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, TableErrors{{File: name, Line: extra.Line, Msg: "more than one YAML document: a rules table is one document"}}
	}
	return LoadParsed(name, data, &doc)
}

// LoadParsed is Load for a table already parsed into doc (the embedded
// table is, at build time); raw is its text, for rules export.
func LoadParsed(name string, raw []byte, doc *yaml.Node) (*Table, error) {
	l := &loader{r: reader{file: name}, t: &Table{Name: name, Raw: raw}, rowIDs: map[string]int{}}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if l.r.checkNoAliases(root, 0); len(l.r.errs) > 0 {
		return nil, l.r.errs
	}
	l.load(root)
	if len(l.r.errs) > 0 {
		l.r.errs.sort()
		return nil, l.r.errs
	}
	l.t.plainText = l.t.Escaping(plain)
	return l.t, nil
}

// yamlError turns the YAML parser's "yaml: line 3: ..." into file:3: ...
func yamlError(name string, err error) *TableError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	if msg == "EOF" {
		msg = "empty file: not a rules table"
	}
	return &TableError{File: name, Line: line, Msg: "invalid YAML: " + msg}
}

var topKeys = []string{
	"revision", "pci_dss", "saq_a_revision", "hit_policy", "sources", "saqs", "channels",
	"questions", "annual", "merchant_levels", "validation", "submit", "advice", "site", "examples",
}

func (l *loader) load(root *yaml.Node) {
	t := l.t
	if root.Kind != yaml.MappingNode {
		l.r.errorf(root, "rules table: expected a mapping, got %s", describeNode(root))
		return
	}
	top := l.r.readMapping(root, "rules table", topKeys...)
	t.Revision = top.str("revision", true)
	t.PCIDSS = top.str("pci_dss", true)
	t.SAQARevision = top.str("saq_a_revision", false)
	l.hitPolicy(top.val("hit_policy"), top)
	l.sources(top.val("sources"), top)

	saqNodes := top.seq("saqs", true)
	channelNodes := top.seq("channels", true)
	questionNodes := top.seq("questions", true)
	levels := l.r.readMapping(top.val("merchant_levels"), "merchant_levels",
		"total", "ecommerce", "ecommerce_assumption", "brands")
	var brandNodes []*yaml.Node
	if top.has("merchant_levels") {
		brandNodes = levels.seq("brands", true)
	} else {
		top.missing("merchant_levels")
	}

	// Names first, so that any section may refer to any other.
	l.saqs(saqNodes)
	l.brandNames(brandNodes)
	l.channelNames(channelNodes)
	l.questions(questionNodes)
	if len(l.r.errs) > 0 {
		return // conditions would only repeat these problems
	}
	l.questionConditions()
	l.channelRules()
	l.levels(levels)
	l.annual(top.val("annual"))
	l.validation(top.seq("validation", true))
	t.Submit = l.textRows(top.seq("submit", false), "submit", false)
	t.Advice = l.textRows(top.seq("advice", false), "advice", true)
	l.site(top.val("site"))
	// Examples are lint's: they are read when it asks (Table.Examples), not
	// at every start.
	t.exampleNodes = top.seq("examples", false)
	t.rowIDs = l.rowIDs
}

func (l *loader) hitPolicy(n *yaml.Node, top *mapping) {
	if n == nil {
		top.missing("hit_policy")
		return
	}
	m := l.r.readMapping(n, "hit_policy", "channel_rules", "levels", "validation", "advice", "submit")
	read := func(key string, allowed ...HitPolicy) HitPolicy {
		s := m.str(key, true)
		for _, a := range allowed {
			if string(a) == s {
				return a
			}
		}
		if s != "" {
			names := make([]string, len(allowed))
			for i, a := range allowed {
				names[i] = string(a)
			}
			l.r.errorf(m.val(key), "hit_policy: %s: %q is not supported here (expected %s)", key, s, strings.Join(names, " or "))
		}
		return allowed[0]
	}
	l.t.HitPolicy = HitPolicies{
		ChannelRules: read("channel_rules", Unique, First),
		Levels:       read("levels", First, Unique),
		Validation:   read("validation", First, Unique),
	}
	read("advice", Collect)
	read("submit", Collect)
}

func (l *loader) sources(n *yaml.Node, top *mapping) {
	if n == nil {
		top.missing("sources")
		return
	}
	m := l.r.readMapping(n, "sources")
	for _, k := range m.keys {
		s := l.r.readMapping(m.val(k.Value), "source "+k.Value, "title", "url", "confidence")
		src := Source{ID: k.Value, Title: s.str("title", true), URL: s.str("url", false), Confidence: s.str("confidence", false), Line: k.Line}
		if src.URL != "" && !isURL(src.URL) {
			l.r.errorf(s.val("url"), "source %s: url %q is not an http(s) URL", k.Value, src.URL)
		}
		l.checkConfidence(s, "source "+k.Value)
		l.t.Sources = append(l.t.Sources, src)
	}
}

func (l *loader) checkConfidence(m *mapping, what string) {
	if c := m.str("confidence", false); c != "" && c != "H" && c != "M" {
		l.r.errorf(m.val("confidence"), "%s: confidence %q (expected H or M)", what, c)
	}
}

func isURL(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") }

// cite reads a row's `source`: a URL, or a source id optionally followed by
// ": where in it".
func (l *loader) cite(m *mapping, what string) Cite {
	s := m.str("source", false)
	if s == "" {
		return Cite{}
	}
	if isURL(s) {
		return Cite{URL: s, Text: s}
	}
	id, at, _ := strings.Cut(s, ":")
	id, at = strings.TrimSpace(id), strings.TrimSpace(at)
	for i := range l.t.Sources {
		src := &l.t.Sources[i]
		if src.ID == id {
			text := src.Title
			if at != "" {
				text += ", “" + at + "”"
			}
			if src.URL != "" {
				text += " (" + src.URL + ")"
			}
			return Cite{Source: src, At: at, Text: text}
		}
	}
	l.r.errorf(m.val("source"), "%s: source %q is not defined in sources", what, id)
	return Cite{}
}

// rowID reads and registers a row id, unique across the table.
func (l *loader) rowID(m *mapping, what string) string {
	id := m.str("id", true)
	if id == "" {
		return ""
	}
	if !validID(id) {
		l.r.errorf(m.val("id"), "%s: id %q must be letters, digits, '.', '_' or '-'", what, id)
	}
	if prev, dup := l.rowIDs[id]; dup {
		l.r.errorf(m.val("id"), "%s: duplicate id %q (first at line %d)", what, id, prev)
	}
	l.rowIDs[id] = m.val("id").Line
	return id
}

func (l *loader) uniqueID(m *mapping, what string, seen map[string]int) string {
	id := m.str("id", true)
	if id == "" {
		return ""
	}
	if !validID(id) {
		l.r.errorf(m.val("id"), "%s: id %q must be letters, digits, '.', '_' or '-'", what, id)
	}
	if prev, dup := seen[id]; dup {
		l.r.errorf(m.val("id"), "%s: duplicate id %q (first at line %d)", what, id, prev)
	}
	seen[id] = m.val("id").Line
	return id
}

func (l *loader) saqs(nodes []*yaml.Node) {
	t := l.t
	if len(nodes) > maxItems {
		l.r.errorf(nodes[maxItems], "more than %d SAQs", maxItems)
		return
	}
	seen := map[string]int{}
	maps := make([]*mapping, len(nodes))
	for i, n := range nodes {
		m := l.r.readMapping(n, "saq", "id", "title", "for", "requirements", "covers", "asv_scans", "source")
		maps[i] = m
		s := SAQ{ID: l.uniqueID(m, "saq", seen), Title: m.str("title", true), For: m.str("for", false), Line: m.line()}
		s.Covers = 1 << i
		req := l.r.readMapping(m.val("requirements"), "saq "+s.ID+": requirements", "about", "text")
		if !m.has("requirements") {
			m.missing("requirements")
		}
		about, _ := req.integer("about", true)
		s.About = int(about)
		s.AboutText = req.str("text", true)
		asv := l.r.readMapping(m.val("asv_scans"), "saq "+s.ID+": asv_scans", "required", "confidence")
		if !m.has("asv_scans") {
			m.missing("asv_scans")
		} else if _, ok := asv.get("required"); !ok {
			asv.missing("required")
		}
		s.ASVRequired, _ = asv.boolean("required")
		s.ASVConfidence = asv.str("confidence", false)
		l.checkConfidence(asv, "saq "+s.ID+": asv_scans")
		if s.ASVRequired {
			t.asvSAQs |= 1 << i
		}
		t.SAQs = append(t.SAQs, s)
	}
	if len(nodes) == 0 {
		return
	}
	var top bool
	all := uint64(1)<<len(t.SAQs) - 1
	for i, m := range maps {
		s := &t.SAQs[i]
		s.Source = l.cite(m, "saq "+s.ID)
		if v, ok := m.get("covers"); ok {
			if v.Kind == yaml.ScalarNode && v.Value == "all" {
				s.Covers = all
			} else if v.Kind != yaml.SequenceNode {
				l.r.errorf(v, "saq %s: covers: expected a list of SAQ ids or all", s.ID)
			} else {
				for _, c := range v.Content {
					id, _ := l.r.scalarString(c, "saq "+s.ID+": covers")
					j := t.SAQIndex(id)
					if j < 0 {
						l.r.errorf(c, "saq %s: covers: undefined SAQ %q", s.ID, id)
						continue
					}
					s.Covers |= 1 << j
				}
			}
		}
		top = top || s.Covers == all
	}
	if !top {
		l.r.errorf(nodes[0].Content[0], "saqs: no SAQ covers all the others, so some combinations of channels would have no SAQ; give one `covers: all`")
	}
}

func (l *loader) brandNames(nodes []*yaml.Node) {
	if len(nodes) > maxItems {
		l.r.errorf(nodes[maxItems], "more than %d brands", maxItems)
		return
	}
	seen := map[string]int{}
	for _, n := range nodes {
		m := l.r.readMapping(n, "brand", "id", "name", "levels")
		l.brandMaps = append(l.brandMaps, m)
		l.t.Brands = append(l.t.Brands, Brand{ID: l.uniqueID(m, "brand", seen), Name: m.str("name", true), Line: m.line()})
	}
}

func (l *loader) channelNames(nodes []*yaml.Node) {
	if len(nodes) > maxItems {
		l.r.errorf(nodes[maxItems], "more than %d channels", maxItems)
		return
	}
	if len(nodes) == 0 && l.r.errs == nil {
		l.r.errorf(nil, "channels: the table defines no channel")
	}
	seen := map[string]int{}
	for i, n := range nodes {
		m := l.r.readMapping(n, "channel", "id", "name", "description", "ecommerce", "rules")
		l.channelMaps = append(l.channelMaps, m)
		c := Channel{ID: l.uniqueID(m, "channel", seen), Name: m.str("name", true), Description: m.str("description", false), Line: m.line()}
		var ok bool
		if c.Ecommerce, ok = m.boolean("ecommerce"); !ok && !m.has("ecommerce") {
			m.missing("ecommerce")
		}
		if c.Ecommerce {
			l.t.ecommerceChannels |= 1 << i
		}
		l.t.Channels = append(l.t.Channels, c)
	}
}

var questionKeys = []string{
	"id", "kind", "required", "applies", "ask_when", "assume", "default", "assumption",
	"prompt", "help", "source", "brands", "at_most",
}

// questions reads every question but their conditions, which may refer to
// other questions and so come after.
func (l *loader) questions(nodes []*yaml.Node) {
	t := l.t
	seen := map[string]int{}
	t.ChannelsQuestion = -1
	for i, n := range nodes {
		m := l.r.readMapping(n, "question", questionKeys...)
		l.questionMaps = append(l.questionMaps, m)
		q := Question{ID: m.str("id", true), Kind: QuestionKind(m.str("kind", true)), Line: m.line(), AtMost: -1}
		what := "question " + q.ID
		m.what = what
		if prev, dup := seen[q.ID]; dup && q.ID != "" {
			l.r.errorf(m.val("id"), "%s: duplicate id (first at line %d)", what, prev)
		}
		seen[q.ID] = m.line()
		q.Path = strings.Split(q.ID, ".")
		l.checkQuestionID(m, q)
		q.Required, _ = m.boolean("required")
		q.Prompt = m.str("prompt", true)
		q.Help = m.str("help", false)
		q.Assumption = m.str("assumption", false)
		q.Source = l.cite(m, what)
		q.FollowUp = m.has("applies")
		switch q.Kind {
		case KindChannels:
			if t.ChannelsQuestion >= 0 {
				l.r.errorf(m.node, "%s: a second question of kind channels", what)
			}
			t.ChannelsQuestion = i
			if !q.Required {
				l.r.errorf(m.node, "%s: the channels question must be required", what)
			}
			l.onlyFor(m, what, "applies", "assume", "default", "assumption", "brands", "at_most", "ask_when")
		case KindBool:
			q.Slot = t.NumBools
			t.NumBools++
			l.onlyFor(m, what, "brands", "at_most")
			key := "default"
			if q.FollowUp {
				key = "assume"
				if q.Assumption == "" {
					m.missing("assumption")
				}
				if m.has("default") {
					l.r.errorf(m.val("default"), "%s: a follow-up (with applies) takes `assume`, not `default`", what)
				}
			} else if m.has("assume") {
				l.r.errorf(m.val("assume"), "%s: `assume` is for follow-ups (with applies); use `default`", what)
			}
			if _, ok := m.get(key); ok {
				q.Default, _ = m.boolean(key)
			} else if !q.Required {
				m.missing(key)
			}
		case KindCounts:
			q.Slot = t.NumCounts
			t.NumCounts++
			l.onlyFor(m, what, "applies", "assume", "default", "assumption")
			q.Brands = l.brandSet(m, what)
		case KindDate:
			q.Slot = t.NumDates
			t.NumDates++
			l.onlyFor(m, what, "applies", "assume", "default", "assumption", "brands", "at_most")
		default:
			l.r.errorf(m.val("kind"), "%s: unknown kind %q (expected channels, bool, counts or date)", what, q.Kind)
		}
		t.Questions = append(t.Questions, q)
	}
	if t.ChannelsQuestion < 0 && len(nodes) > 0 {
		l.r.errorf(nodes[0], "questions: no question of kind channels")
	}
	l.checkQuestionPaths()
	for i, m := range l.questionMaps { // at_most refers to any counts question
		q := &t.Questions[i]
		if id := m.str("at_most", false); id != "" {
			j := t.QuestionIndex(id)
			switch {
			case j < 0 || t.Questions[j].Kind != KindCounts:
				l.r.errorf(m.val("at_most"), "question %s: at_most: %q is not a counts question", q.ID, id)
			case q.Brands&^t.Questions[j].Brands != 0:
				l.r.errorf(m.val("at_most"), "question %s: at_most: %q does not count every brand this one does", q.ID, id)
			default:
				q.AtMost = j
			}
		}
	}
}

// onlyFor reports keys that do not belong to a question of this kind.
func (l *loader) onlyFor(m *mapping, what string, keys ...string) {
	for _, k := range keys {
		if v, ok := m.get(k); ok {
			l.r.errorf(v, "%s: %q does not apply to a question of this kind", what, k)
		}
	}
}

func (l *loader) checkQuestionID(m *mapping, q Question) {
	if q.ID == "" {
		return
	}
	bad := len(q.Path) > 2 || q.ID == "id"
	for _, seg := range q.Path {
		bad = bad || !validSegment(seg)
	}
	if contains(condKeywords, q.ID) {
		l.r.errorf(m.val("id"), "question %s: the id is a condition keyword; choose another", q.ID)
	}
	if bad {
		l.r.errorf(m.val("id"), "question %q: ids are one or two lowercase words joined by a dot (like terminal.p2pe), and not \"id\"", q.ID)
	}
}

// checkQuestionPaths rejects a question that is also a group of others
// ("terminal" and "terminal.p2pe").
func (l *loader) checkQuestionPaths() {
	leaves := map[string]bool{}
	for _, q := range l.t.Questions {
		if len(q.Path) == 1 {
			leaves[q.Path[0]] = true
		}
	}
	for _, q := range l.t.Questions {
		if len(q.Path) == 2 && leaves[q.Path[0]] {
			l.r.errorf(nil, "question %s: %q is both a question and a group of questions", q.ID, q.Path[0])
		}
	}
}

func (l *loader) brandSet(m *mapping, what string) uint64 {
	v, ok := m.get("brands")
	all := uint64(1)<<len(l.t.Brands) - 1
	if !ok {
		m.missing("brands")
		return all
	}
	if v.Kind == yaml.ScalarNode && v.Value == "all" {
		return all
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		l.r.errorf(v, "%s: brands: expected all or a list of brand ids", what)
		return all
	}
	var set uint64
	for _, c := range v.Content {
		id, _ := l.r.scalarString(c, what+": brands")
		b := l.t.BrandIndex(id)
		if b < 0 {
			l.r.errorf(c, "%s: brands: undefined brand %q", what, id)
			continue
		}
		set |= 1 << b
	}
	return set
}

func (l *loader) questionConditions() {
	for i, m := range l.questionMaps {
		q := &l.t.Questions[i]
		scope := condScope{stage: stageQuestions, questions: i}
		if v, ok := m.get("applies"); ok && q.Kind == KindBool {
			q.Applies = l.parseCond(v, scope, "question "+q.ID+": applies")
		}
		if v, ok := m.get("ask_when"); ok {
			q.AskWhen = l.parseCond(v, scope, "question "+q.ID+": ask_when")
			q.HasAskWhen = true
		}
	}
}

func (l *loader) channelRules() {
	for i, m := range l.channelMaps {
		c := &l.t.Channels[i]
		rules := m.seq("rules", true)
		if len(rules) == 0 && m.has("rules") {
			l.r.errorf(m.val("rules"), "channel %s: no rules", c.ID)
		}
		for _, rn := range rules {
			rm := l.r.readMapping(rn, "channel rule", "id", "when", "saq", "consult_qsa", "reason", "source")
			r := ChannelRule{Row: l.row(rm, "channel rule", condScope{stage: stageChannels}), SAQ: NoSAQ}
			what := "channel rule " + r.ID
			r.Reason = rm.str("reason", true)
			r.ConsultQSA, _ = rm.boolean("consult_qsa")
			switch v, ok := rm.get("saq"); {
			case !ok:
				l.r.errorf(rm.node, "%s: missing \"saq\" (write saq: null when no SAQ can be determined)", what)
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
				if !r.ConsultQSA {
					l.r.errorf(v, "%s: saq: null needs consult_qsa: true (someone must say how to validate)", what)
				}
			default:
				id, _ := l.r.scalarString(v, what+": saq")
				if r.SAQ = l.t.SAQIndex(id); r.SAQ < 0 {
					l.r.errorf(v, "%s: saq: undefined SAQ %q", what, id)
					r.SAQ = NoSAQ
				}
			}
			c.Rules = append(c.Rules, r)
		}
	}
}

// row reads what every deciding row has: id, when and source.
func (l *loader) row(m *mapping, what string, scope condScope) Row {
	r := Row{ID: l.rowID(m, what), Line: m.line(), validations: (&Cond{}).allowedValidations()}
	what += " " + r.ID
	m.what = what
	if v, ok := m.get("when"); ok {
		r.When = l.parseCond(v, scope, what+": when")
		r.need = r.When.requiredChannels()
		r.validations = r.When.allowedValidations()
	}
	r.Source = l.cite(m, what)
	return r
}

func (l *loader) levels(m *mapping) {
	t := l.t
	lc := &t.Levels
	lc.Total, lc.Ecommerce = -1, -1
	countsQuestion := func(key string, required bool) int {
		id := m.str(key, required)
		if id == "" {
			return -1
		}
		i := t.QuestionIndex(id)
		if i < 0 || t.Questions[i].Kind != KindCounts {
			l.r.errorf(m.val(key), "merchant_levels: %s: %q is not a counts question", key, id)
			return -1
		}
		return i
	}
	if m.node == nil {
		return // reported as missing already
	}
	lc.Total = countsQuestion("total", true)
	lc.Ecommerce = countsQuestion("ecommerce", false)
	if lc.Total >= 0 && t.Questions[lc.Total].Brands != uint64(1)<<len(t.Brands)-1 {
		l.r.errorf(m.val("total"), "merchant_levels: total: %q must count every brand (brands: all)", t.Questions[lc.Total].ID)
	}
	if lc.Ecommerce >= 0 {
		if !m.has("ecommerce_assumption") {
			m.missing("ecommerce_assumption")
		}
		lc.EcommerceAssumption = l.parseTemplate(m.str("ecommerce_assumption", false), valueLine(m, "ecommerce_assumption"), "merchant_levels: ecommerce_assumption", phBrands)
	}
	if len(l.brandMaps) == 0 && m.node != nil {
		l.r.errorf(m.node, "merchant_levels: no brands")
	}
	for b, bm := range l.brandMaps {
		brand := &t.Brands[b]
		rows := bm.seq("levels", true)
		for _, rn := range rows {
			rm := l.r.readMapping(rn, "level row", "id", "level", "when", "consult_qsa", "reason", "source")
			r := LevelRow{Row: l.row(rm, "level row", condScope{stage: stageLevels, brand: b})}
			lv, ok := rm.integer("level", true)
			if ok && (lv < 1 || lv > maxLevel) {
				l.r.errorf(rm.val("level"), "level row %s: level %d out of range (1 to %d)", r.ID, lv, maxLevel)
			}
			r.Level = int(lv)
			r.Reason = rm.str("reason", true)
			r.ConsultQSA, _ = rm.boolean("consult_qsa")
			brand.Levels = append(brand.Levels, r)
		}
		if len(rows) == 0 && bm.has("levels") {
			l.r.errorf(bm.val("levels"), "brand %s: no level rows", brand.ID)
		}
	}
}

func (l *loader) annual(n *yaml.Node) {
	l.t.Annual = Annual{Question: -1}
	if n == nil {
		return
	}
	m := l.r.readMapping(n, "annual", "question", "due_soon_days")
	id := m.str("question", true)
	if i := l.t.QuestionIndex(id); i >= 0 && l.t.Questions[i].Kind == KindDate {
		l.t.Annual.Question = i
	} else if id != "" {
		l.r.errorf(m.val("question"), "annual: question: %q is not a date question", id)
	}
	days, _ := m.integer("due_soon_days", true)
	if days < 0 || days > 366 {
		l.r.errorf(m.val("due_soon_days"), "annual: due_soon_days: %d out of range (0 to 366)", days)
	}
	l.t.Annual.DueSoonDays = int(days)
}

// Placeholders each kind of text may use.
var (
	outcomePlaceholders = []placeholder{phSAQ, phSAQAbout, phSAQs, phByChannel, phScanSAQs, phUndetermined}
	advicePlaceholders  = append(outcomePlaceholders[:len(outcomePlaceholders):len(outcomePlaceholders)], phLastValidated, phDue, phDays)
)

func (l *loader) validation(nodes []*yaml.Node) {
	for _, n := range nodes {
		m := l.r.readMapping(n, "validation row", "id", "when", "validation", "consult_qsa", "reason", "source")
		r := ValidationRow{Row: l.row(m, "validation row", condScope{stage: stageValidation})}
		s := m.str("validation", true)
		k, ok := parseValidationKind(s)
		if !ok && s != "" {
			l.r.errorf(m.val("validation"), "validation row %s: unknown validation %q (expected RoC, QSA or SAQ)", r.ID, s)
		}
		r.Validation = k
		r.ConsultQSA, _ = m.boolean("consult_qsa")
		r.Reason = l.parseTemplate(m.str("reason", true), valueLine(m, "reason"), "validation row "+r.ID, outcomePlaceholders...)
		l.t.Validation = append(l.t.Validation, r)
	}
}

func (l *loader) textRows(nodes []*yaml.Node, section string, advice bool) []TextRow {
	var rows []TextRow
	keys := []string{"id", "when", "text", "source"}
	if advice {
		keys = append(keys, "kind")
	}
	for _, n := range nodes {
		m := l.r.readMapping(n, section+" row", keys...)
		r := TextRow{Row: l.row(m, section+" row", condScope{stage: stageOutput})}
		allowed := outcomePlaceholders
		if advice {
			allowed = advicePlaceholders
			switch k := m.str("kind", true); k {
			case "warning":
				r.Kind = Warning
			case "recommendation":
				r.Kind = Recommendation
			case "":
			default:
				l.r.errorf(m.val("kind"), "advice row %s: kind %q (expected warning or recommendation)", r.ID, k)
			}
		}
		r.Text = l.parseTemplate(m.str("text", true), valueLine(m, "text"), section+" row "+r.ID, allowed...)
		rows = append(rows, r)
	}
	return rows
}

// valueLine is the line of a key's value, or of the mapping without it.
func valueLine(m *mapping, key string) int {
	if v, ok := m.get(key); ok {
		return v.Line
	}
	return m.line()
}
