package saq

// Cover exposes the covering-SAQ choice to the external tests.
func (t *Table) Cover(ids ...string) string {
	var set uint64
	for _, id := range ids {
		set |= 1 << t.SAQIndex(id)
	}
	return t.SAQs[t.cover(set)].ID
}
