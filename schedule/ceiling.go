package schedule

// FinishNoLaterThan returns the exclusive finish index that activity v
// (compiled order) must not exceed, from its finish-no-later-than date,
// and whether it has one: an early finish f (as Pass.EarlyFinish gives
// it) meets the date when f <= the index.
func (c *Compiled) FinishNoLaterThan(v int) (int32, bool) {
	if c.ceil[v] == noCeil {
		return 0, false
	}
	return c.ceil[v], true
}
