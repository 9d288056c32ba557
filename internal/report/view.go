package report

import (
	"strconv"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// view is a decision laid out for people: what the text and Markdown
// renderers show, in the order they show it, each line with the row it came
// from and that row's source.
type view struct {
	Verdict     string // "SAQ D", "Report on Compliance (RoC)", "Consult a QSA"
	PerChannel  string // "SAQ A and SAQ C" when several channels have different SAQs
	ID          string
	Reason      item
	Channels    []channelView
	Levels      []levelView
	Submit      []item
	Assumptions []item
	Warnings    []item
	Recommends  []item
	Footer      string
}

type item struct {
	Text     string
	Rule     string    // row or question id, may be empty
	Question bool      // Rule names a question, not a row
	Cite     *saq.Cite // may be nil
}

type channelView struct {
	Name, ID, SAQ string // SAQ is "none" when no SAQ can be determined
	Why           item
}

type levelView struct {
	Brand string
	Level int
	Total int64
	Why   item
}

func newView(d *saq.Decision) *view {
	t := d.Table()
	v := &view{}
	if d.Answers.HasID {
		v.ID = string(d.Answers.ID)
	}
	switch d.Validation {
	case saq.ValidationSAQ:
		v.Verdict = t.SAQs[d.Cover].Title
		if d.SAQSet != 1<<d.Cover {
			v.PerChannel = saqList(d)
		}
	case saq.ValidationRoC:
		v.Verdict = "Report on Compliance (RoC)"
	case saq.ValidationQSA:
		v.Verdict = "Consult a QSA"
	}
	if d.ValidationRow >= 0 {
		row := &t.Validation[d.ValidationRow]
		v.Reason = item{Text: row.Reason.String(d), Rule: row.ID, Cite: citeOf(&row.Source)}
	} else {
		v.Reason = item{Text: msgValidationGap}
	}
	for _, c := range d.Channels {
		ch := &t.Channels[c.Channel]
		cv := channelView{Name: ch.Name, ID: ch.ID, SAQ: "none", Why: item{Text: msgChannelGap}}
		if c.SAQ != saq.NoSAQ {
			cv.SAQ = t.SAQs[c.SAQ].Title
		}
		if c.Rule >= 0 {
			r := &ch.Rules[c.Rule]
			cv.Why = item{Text: r.Reason, Rule: r.ID, Cite: citeOf(&r.Source)}
		}
		v.Channels = append(v.Channels, cv)
	}
	total := t.Questions[t.Levels.Total].Slot
	for b := range t.Brands {
		if d.Levels[b] == 0 {
			continue
		}
		r := &t.Brands[b].Levels[d.LevelRule[b]]
		v.Levels = append(v.Levels, levelView{
			Brand: t.Brands[b].Name, Level: int(d.Levels[b]), Total: d.Answers.Counts[total][b],
			Why: item{Text: r.Reason, Rule: r.ID, Cite: citeOf(&r.Source)},
		})
	}
	for _, i := range d.Submit {
		r := &t.Submit[i]
		v.Submit = append(v.Submit, item{Text: r.Text.String(d), Rule: r.ID, Cite: citeOf(&r.Source)})
	}
	for _, q := range d.Assumed {
		v.Assumptions = append(v.Assumptions, item{Text: t.Questions[q].Assumption, Rule: t.Questions[q].ID, Question: true})
	}
	if d.EcommerceAssumed != 0 {
		v.Assumptions = append(v.Assumptions, item{Text: t.Levels.EcommerceAssumption.String(d)})
	}
	for _, q := range d.Ignored {
		v.Warnings = append(v.Warnings, item{Text: ignoredWarning(t.Questions[q].ID)})
	}
	forEachGap(d, func(s string) { v.Warnings = append(v.Warnings, item{Text: s}) })
	for _, i := range d.Advice {
		r := &t.Advice[i]
		it := item{Text: r.Text.String(d), Rule: r.ID, Cite: citeOf(&r.Source)}
		if r.Kind == saq.Warning {
			v.Warnings = append(v.Warnings, it)
		} else {
			v.Recommends = append(v.Recommends, it)
		}
	}
	v.Footer = "Rules " + t.Revision + " · PCI DSS " + t.PCIDSS
	if t.SAQARevision != "" {
		v.Footer += " · " + t.SAQARevision
	}
	return v
}

func citeOf(c *saq.Cite) *saq.Cite {
	if c.Text == "" {
		return nil
	}
	return c
}

func saqList(d *saq.Decision) string {
	t := d.Table()
	s := ""
	ids := d.SAQs()
	for i, x := range ids {
		switch {
		case i == 0:
		case i == len(ids)-1:
			s += " and "
		default:
			s += ", "
		}
		s += t.SAQs[x].Title
	}
	return s
}

// Thousands formats 1200000 as 1,200,000.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
