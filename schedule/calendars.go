package schedule

import "github.com/rolloutkit/rollout/calendar"

// dayCal does the workday arithmetic of one calendar on the common time
// axis of a network with activity calendars: day offsets from the origin.
// An offset x names a day, and also the instant at the start of that day;
// an exclusive finish is the day after the last workday. Results that
// leave the calendar's range are clamped to noFloor or noCeil, which the
// conversion to dates then reports as ErrOutOfRange.
type dayCal struct {
	cal    *calendar.Calendar
	origin calendar.Date
	net    *dayCal // the network calendar, which milestones follow

	// A table over the days lo to lo+len(pos)-1 answers in constant
	// time: pos[i] counts the workdays in [lo, lo+i), wd[j] is the day
	// of the j-th workday from lo. Outside it the calendar answers.
	lo  int32
	pos []int32
	wd  []int32
}

// table fills the lookup table for the days lo to hi.
func (k *dayCal) table(lo, hi int32) {
	from, ok1 := k.date(lo)
	_, ok2 := k.date(hi)
	if !ok1 || !ok2 || hi <= lo {
		return
	}
	k.lo = lo
	k.pos = make([]int32, hi-lo+1)
	k.wd = make([]int32, 0, (hi-lo)*5/7+8)
	d := from
	for i := int32(0); i < hi-lo; i++ {
		k.pos[i] = int32(len(k.wd))
		if k.cal.IsWorkday(d) {
			k.wd = append(k.wd, lo+i)
		}
		d = d.AddDays(1)
	}
	k.pos[hi-lo] = int32(len(k.wd))
}

func (k *dayCal) date(x int32) (calendar.Date, bool) {
	if x <= noFloor || x >= noCeil {
		return calendar.Date{}, false
	}
	d, err := k.origin.AddDaysChecked(int(x))
	return d, err == nil
}

func (k *dayCal) off(d calendar.Date) int32 { return int32(k.origin.DaysUntil(d)) }

func clampOut(x int32) int32 {
	if x < 0 {
		return noFloor
	}
	return noCeil
}

// add returns the n-th workday after day x (n > 0), the |n|-th before it
// (n < 0), or x (n = 0).
func (k *dayCal) add(x, n int32) int32 {
	if n == 0 {
		return x
	}
	if i := x - k.lo; i >= 0 && int(i)+1 < len(k.pos) {
		if n > 0 {
			if j := k.pos[i+1] + n - 1; int(j) < len(k.wd) {
				return k.wd[j]
			}
		} else if j := k.pos[i] + n; j >= 0 {
			return k.wd[j]
		}
	}
	d, ok := k.date(x)
	if !ok {
		return clampOut(x)
	}
	r, err := k.cal.AddWorkdays(d, int(n))
	if err != nil {
		return clampOut(n)
	}
	return k.off(r)
}

func (k *dayCal) workday(x int32) bool {
	if i := x - k.lo; i >= 0 && int(i)+1 < len(k.pos) {
		return k.pos[i+1] != k.pos[i]
	}
	d, ok := k.date(x)
	return ok && k.cal.IsWorkday(d)
}

// rollF returns the first workday at or after x, rollB the last at or
// before it.
func (k *dayCal) rollF(x int32) int32 {
	if x <= noFloor || x >= noCeil || k.workday(x) {
		return x
	}
	return k.add(x, 1)
}

func (k *dayCal) rollB(x int32) int32 {
	if x <= noFloor || x >= noCeil || k.workday(x) {
		return x
	}
	return k.add(x, -1)
}

// count returns the workdays d with a <= d < b, negative when b < a.
func (k *dayCal) count(a, b int32) int32 {
	if i, j := a-k.lo, b-k.lo; i >= 0 && j >= 0 && int(i) < len(k.pos) && int(j) < len(k.pos) {
		return k.pos[j] - k.pos[i]
	}
	da, ok1 := k.date(a)
	db, ok2 := k.date(b)
	if !ok1 || !ok2 {
		return b - a
	}
	return int32(k.cal.WorkdaysBetween(da, db))
}

// lagF returns the earliest instant that is L workdays (of this, the
// network calendar) after the instant x, L < 0 meaning before it. A link
// holds when the constrained end of the successor is no earlier, in the
// network calendar's working time, than the predecessor's end plus the
// lag: instants a day apart with no workday between them are the same
// working time. lagF gives the earliest such day: the day after the last
// workday before the position (the end of that workday), so that a
// successor on a calendar of its own may use any of its own workdays
// from there on.
//
// Without a lag, from the finish of real work (work, as opposed to a
// start or a milestone), it is x itself: work that ends on a day the
// network calendar does not work (the Saturday of a six-day week) is
// followed from the next day, never alongside it on that day.
func (k *dayCal) lagF(x, L int32, work bool) int32 {
	if x <= noFloor || x >= noCeil || work && L == 0 {
		return x
	}
	return k.add(k.add(x, -1), L) + 1
}

// lagB is the inverse of lagF for the late pass: the latest instant y
// whose lagF(y, L) is no later, in working time, than x: the start of
// the workday at x's position minus L.
func (k *dayCal) lagB(x, L int32, work bool) int32 {
	if x <= noFloor || x >= noCeil || work && L == 0 {
		return x
	}
	return k.add(k.rollF(x), -L)
}

// Activity placement on its own calendar k, duration d. A milestone (d =
// 0) has no work, hence no calendar of its own: it is an instant of the
// network calendar's working time, kept in its start form (the first
// network workday from it) in every pass, so that instants of the same
// working time compare equal; it is shown on the workday before when it
// follows a finish.

// startAfter returns the earliest start at or after the instant b.
func (k *dayCal) startAfter(b, d int32) int32 {
	if d == 0 {
		return k.net.rollF(b)
	}
	return k.rollF(b)
}

// startForFinish returns the earliest start whose exclusive finish is at
// or after y.
func (k *dayCal) startForFinish(y, d int32) int32 {
	if d == 0 {
		return k.net.rollF(y)
	}
	return k.add(k.rollF(y-1), -(d - 1))
}

// finish returns the exclusive finish of an activity starting on es.
func (k *dayCal) finish(es, d int32) int32 {
	if d == 0 {
		return es
	}
	return k.add(es, d-1) + 1
}

// startBefore returns the latest start at or before the instant w.
func (k *dayCal) startBefore(w, d int32) int32 {
	if d == 0 {
		return k.net.rollF(w)
	}
	return k.rollB(w)
}

// startByFinish returns the latest start whose exclusive finish is at or
// before z.
func (k *dayCal) startByFinish(z, d int32) int32 {
	if d == 0 {
		return k.net.rollF(z)
	}
	return k.add(k.rollB(z-1), -(d - 1))
}

// Helpers that work on both time axes: workday indices of the one
// calendar (the fast path) and day offsets with activity calendars.

// kcal returns the calendar arithmetic of activity v.
func (c *Compiled) kcal(v int) *dayCal { return &c.dcals[c.acal[v]] }

// calOf returns the calendar arithmetic of activity v with duration d:
// the network calendar for a milestone.
func (c *Compiled) calOf(v int, d int32) *dayCal {
	if d == 0 {
		return &c.dcals[0]
	}
	return &c.dcals[c.acal[v]]
}

// lagF returns instant x moved by the lag L; work tells that x is the
// finish of real work (see dayCal.lagF).
func (c *Compiled) lagF(x, L int32, work bool) int32 {
	if !c.days {
		return x + L
	}
	return c.dcals[0].lagF(x, L, work)
}

// lagB is the late pass's inverse of lagF.
func (c *Compiled) lagB(x, L int32, work bool) int32 {
	if !c.days {
		return x - L
	}
	return c.dcals[0].lagB(x, L, work)
}

// predWork reports whether predecessor entry k anchors at the finish of
// real work (durations dur).
func (c *Compiled) predWork(k int32, dur []int32) bool {
	src := c.predSrc[k]
	return src&1 == 1 && dur[src>>1] > 0
}

// succWork reports whether successor entry k of v anchors at the finish
// of v's real work.
func (c *Compiled) succWork(v int, k int32, dur []int32) bool {
	return k < c.succMid[v] && dur[v] > 0
}

// startFrom returns the early start of v that the bound x alone implies:
// a bound on its start, or on its exclusive finish when toFinish.
func (c *Compiled) startFrom(v int, x, d int32, toFinish bool) int32 {
	if !c.days {
		if toFinish {
			return x - d
		}
		return x
	}
	k := c.kcal(v)
	if toFinish {
		return k.startForFinish(x, d)
	}
	return k.startAfter(x, d)
}

// lateFrom returns the late start of v that the bound x alone implies: a
// bound on its start when onStart, else on its exclusive finish.
func (c *Compiled) lateFrom(v int, x, d int32, onStart bool) int32 {
	if !c.days {
		if onStart {
			return x
		}
		return x - d
	}
	k := c.kcal(v)
	if onStart {
		return k.startBefore(x, d)
	}
	return k.startByFinish(x, d)
}

// workdays returns the workdays of the calendar of v (duration d) from a
// to b (b - a on the fast path).
func (c *Compiled) workdays(v int, d, a, b int32) int32 {
	if !c.days {
		return b - a
	}
	return c.calOf(v, d).count(a, b)
}
