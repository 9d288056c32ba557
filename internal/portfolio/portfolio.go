// Package portfolio generates realistic answers documents, seeded and
// reproducible: mixed channels and follow-ups, and volumes on and around
// every threshold the table's level rows use. Tests, benchmarks and
// `make bench` draw from it.
package portfolio

import (
	"math/rand/v2"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

// Generator makes answers documents for one table.
type Generator struct {
	m      *questionnaire.Model
	rng    *rand.Rand
	a      *saq.Answers
	d      *saq.Decision // to learn which follow-ups apply
	points [][]int64     // per brand: thresholds and their neighbours
	asOf   saq.Date
	n      int
}

// New returns a generator seeded with seed.
func New(m *questionnaire.Model, seed uint64, asOf saq.Date) *Generator {
	t := m.Table
	g := &Generator{m: m, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), a: t.NewAnswers(), d: t.NewDecision(), asOf: asOf}
	for b := range t.Brands {
		var pts []int64
		for _, n := range t.Boundaries(b) {
			pts = append(pts, n, n+1)
			if n > 0 {
				pts = append(pts, n-1)
			}
		}
		g.points = append(g.points, pts)
	}
	return g
}

// Answers fills and returns the generator's answers with the next document.
func (g *Generator) Answers() *saq.Answers {
	t := g.m.Table
	a, r := g.a, g.rng
	a.Reset()
	g.n++
	if r.IntN(10) < 9 {
		a.ID = append(a.ID[:0], "merchant-"...)
		a.ID = appendPadded(a.ID, g.n)
		a.HasID = true
	}
	// Mostly one channel, often two, sometimes more; Checkout and Elements
	// are the common ones.
	k := 1 + r.IntN(2)*r.IntN(2) + r.IntN(8)/7
	for len(a.Channels) < k {
		c := r.IntN(len(t.Channels) + 3)
		if c >= len(t.Channels) {
			c = c - len(t.Channels) // channels 0-2 twice as likely
		}
		a.AddChannel(c)
	}
	for i := range t.Questions {
		q := &t.Questions[i]
		switch q.Kind {
		case saq.KindBool:
			if !q.FollowUp {
				if r.IntN(50) == 0 { // deemed Level 1 is rare
					a.Bools[q.Slot] = int8(r.IntN(2))
				}
				continue
			}
			// Follow-ups that apply are mostly answered, mostly on the
			// standard path; a few are answered when they do not apply.
			g.m.Table.Evaluate(a, saq.Options{AsOf: g.asOf}, g.d)
			if g.d.Applies[i] && r.IntN(10) < 8 || !g.d.Applies[i] && r.IntN(30) == 0 {
				v := q.Default
				if r.IntN(4) == 0 {
					v = !v
				}
				a.Bools[q.Slot] = 0
				if v {
					a.Bools[q.Slot] = 1
				}
			}
		case saq.KindCounts:
			if q.AtMost >= 0 {
				if r.IntN(10) < 3 {
					a.AnsweredCounts[q.Slot] = true
					total := t.Questions[q.AtMost].Slot
					for b := range t.Brands {
						if q.Brands&(1<<b) != 0 && r.IntN(2) == 0 {
							a.SetCount(q.Slot, b, r.Int64N(a.Counts[total][b]+1))
						}
					}
				}
				continue
			}
			a.AnsweredCounts[q.Slot] = true
			for b := range t.Brands {
				if q.Brands&(1<<b) != 0 && r.IntN(5) != 0 {
					a.SetCount(q.Slot, b, g.volume(b))
				}
			}
		case saq.KindDate:
			if r.IntN(2) == 0 {
				a.Dates[q.Slot] = g.asOf - saq.Date(r.IntN(800))
				a.DateSet[q.Slot] = true
			}
		}
	}
	return a
}

// volume is on or next to a threshold half the time, else spread over
// orders of magnitude.
func (g *Generator) volume(b int) int64 {
	if g.rng.IntN(2) == 0 {
		pts := g.points[b]
		return pts[g.rng.IntN(len(pts))]
	}
	n := int64(1)
	for range g.rng.IntN(8) {
		n *= 10
	}
	return n + g.rng.Int64N(n*9)
}

// AppendLine appends the next document as one JSON line.
func (g *Generator) AppendLine(dst []byte) []byte {
	dst = g.m.AppendCompact(dst, g.Answers())
	return append(dst, '\n')
}

func appendPadded(dst []byte, n int) []byte {
	var buf [8]byte
	for i := len(buf) - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(dst, buf[:]...)
}
