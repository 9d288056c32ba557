package saq

// Answers is one answers document, decoded against a table. Its slices are
// indexed by the table's slots, so one Answers can be reset and reused for
// every document of a batch without allocating.
type Answers struct {
	// ID is the document's id (unescaped), valid until the next Reset.
	ID    []byte
	HasID bool

	// Channels are the chosen channel indices, in the document's order.
	Channels []int
	chosen   uint64

	// Bools holds yes/no answers: Unanswered, or 0/1.
	Bools []int8
	// Counts[slot][brand]; CountSet[slot] has bit b when brand b was given.
	Counts   [][]int64
	CountSet []uint64
	// AnsweredCounts[slot] is true when the question's object was present.
	AnsweredCounts []bool
	Dates          []Date
	DateSet        []bool
}

// Unanswered marks a yes/no question without an answer.
const Unanswered int8 = -1

// NewAnswers returns empty answers shaped for the table.
func (t *Table) NewAnswers() *Answers {
	a := &Answers{
		Bools:          make([]int8, t.NumBools),
		Counts:         make([][]int64, t.NumCounts),
		CountSet:       make([]uint64, t.NumCounts),
		AnsweredCounts: make([]bool, t.NumCounts),
		Dates:          make([]Date, t.NumDates),
		DateSet:        make([]bool, t.NumDates),
		Channels:       make([]int, 0, len(t.Channels)),
	}
	for i := range a.Counts {
		a.Counts[i] = make([]int64, len(t.Brands))
	}
	a.Reset()
	return a
}

// Reset clears the answers for reuse.
func (a *Answers) Reset() {
	a.ID = a.ID[:0]
	a.HasID = false
	a.Channels = a.Channels[:0]
	a.chosen = 0
	for i := range a.Bools {
		a.Bools[i] = Unanswered
	}
	for i := range a.Counts {
		clear(a.Counts[i])
		a.CountSet[i] = 0
		a.AnsweredCounts[i] = false
	}
	for i := range a.Dates {
		a.Dates[i] = 0
		a.DateSet[i] = false
	}
}

// AddChannel records a chosen channel; it reports false for a duplicate.
func (a *Answers) AddChannel(c int) bool {
	if a.chosen&(1<<c) != 0 {
		return false
	}
	a.chosen |= 1 << c
	a.Channels = append(a.Channels, c)
	return true
}

// ClearChannels forgets the chosen channels.
func (a *Answers) ClearChannels() {
	a.Channels = a.Channels[:0]
	a.chosen = 0
}

// Chose reports whether channel c was chosen.
func (a *Answers) Chose(c int) bool { return a.chosen&(1<<c) != 0 }

// SetCount records a count for a brand.
func (a *Answers) SetCount(slot, brand int, n int64) {
	a.Counts[slot][brand] = n
	a.CountSet[slot] |= 1 << brand
}

// CopyFrom makes a a deep copy of b (both shaped for the same table).
func (a *Answers) CopyFrom(b *Answers) {
	a.ID = append(a.ID[:0], b.ID...)
	a.HasID = b.HasID
	a.Channels = append(a.Channels[:0], b.Channels...)
	a.chosen = b.chosen
	copy(a.Bools, b.Bools)
	for i := range a.Counts {
		copy(a.Counts[i], b.Counts[i])
	}
	copy(a.CountSet, b.CountSet)
	copy(a.AnsweredCounts, b.AnsweredCounts)
	copy(a.Dates, b.Dates)
	copy(a.DateSet, b.DateSet)
}
