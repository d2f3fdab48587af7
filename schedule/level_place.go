package schedule

import (
	"slices"

	"github.com/rolloutkit/rollout/calendar"
)

// profile is the units of one resource in use on each workday from the
// project start, in pages allocated on first use, so that work placed far
// apart costs no memory in between.
type profile struct {
	pages [][]int32
}

const pageBits = 10

func (p *profile) get(i int32) int32 {
	k := int(i >> pageBits)
	if k >= len(p.pages) || p.pages[k] == nil {
		return 0
	}
	return p.pages[k][i&(1<<pageBits-1)]
}

func (p *profile) add(i, u int32) {
	k := int(i >> pageBits)
	if k >= len(p.pages) {
		p.pages = slices.Grow(p.pages, k+1-len(p.pages))[:k+1]
	}
	if p.pages[k] == nil {
		p.pages[k] = make([]int32, 1<<pageBits)
	}
	p.pages[k][i&(1<<pageBits-1)] += u
}

// clear sets every day to zero, keeping the pages.
func (p *profile) clear() {
	for _, pg := range p.pages {
		clear(pg)
	}
}

// datePages are the dates of the time indices from the project start
// (workday indices, or day offsets on the day axis), by page of
// 1<<pageBits, converted on first use.
type datePages struct {
	c     *Compiled
	start int32
	pages [][]calendar.Date
}

// page returns the dates of page k; dates beyond the calendar's range are
// zero.
func (dp *datePages) page(k int) []calendar.Date {
	if k < len(dp.pages) && dp.pages[k] != nil {
		return dp.pages[k]
	}
	if k >= len(dp.pages) {
		dp.pages = slices.Grow(dp.pages, k+1-len(dp.pages))[:k+1]
	}
	pg := make([]calendar.Date, 1<<pageBits)
	if dp.c.days {
		for i := range pg {
			pg[i], _ = dp.c.dcals[0].date(dp.start + int32(k)<<pageBits + int32(i))
		}
		dp.pages[k] = pg
		return pg
	}
	d, err := dp.c.Date(dp.start + int32(k)<<pageBits)
	cal := dp.c.cal
	for i := range pg {
		if err != nil {
			break
		}
		if i > 0 {
			if d, err = cal.NextWorkday(d); err != nil {
				break
			}
		}
		pg[i] = d
	}
	dp.pages[k] = pg
	return pg
}

// availability is whether a resource with its own calendar or absences
// works on each workday of the network (each day on the day axis), by
// page of 1<<pageBits time indices from the project start (a set bit:
// away).
type availability struct {
	cal   *calendar.Calendar // nil: every workday of the network
	abs   []calendar.Holiday // merged, by date
	dates *datePages
	pages [][]uint64
}

// newAvailability returns the availability of r, or nil when it works on
// every workday of the network. On the day axis (activities on calendars
// of their own) every day is a time index, so every resource has one: a
// resource without a calendar follows the network calendar's workdays.
func newAvailability(c *Compiled, r *Resource) *availability {
	cal := r.Calendar
	if c.days {
		if cal == nil {
			cal = c.cal
		}
	} else if cal != nil && cal.Equal(c.cal) {
		cal = nil
	}
	if cal == nil && len(r.Absences) == 0 {
		return nil
	}
	abs := slices.Clone(r.Absences)
	slices.SortFunc(abs, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) })
	merged := abs[:0]
	for _, a := range abs {
		a.Through = a.Last()
		if k := len(merged) - 1; k >= 0 && !a.Date.After(merged[k].Through.AddDays(1)) {
			merged[k].Through = calendar.Max(merged[k].Through, a.Through)
			continue
		}
		merged = append(merged, a)
	}
	return &availability{cal: cal, abs: merged}
}

// away reports whether the resource does not work on workday index
// start+i (i >= 0).
func (a *availability) away(i int32) bool {
	k := int(i >> pageBits)
	if k >= len(a.pages) {
		a.pages = slices.Grow(a.pages, k+1-len(a.pages))[:k+1]
	}
	pg := a.pages[k]
	if pg == nil {
		pg = make([]uint64, 1<<pageBits/64)
		for j, d := range a.dates.page(k) {
			if a.offOn(d) {
				pg[j/64] |= 1 << (j % 64)
			}
		}
		a.pages[k] = pg
	}
	j := i & (1<<pageBits - 1)
	return pg[j/64]&(1<<(j%64)) != 0
}

func (a *availability) offOn(d calendar.Date) bool {
	if d.IsZero() {
		return true
	}
	if a.cal != nil && !a.cal.IsWorkday(d) {
		return true
	}
	i, found := slices.BinarySearchFunc(a.abs, d, func(h calendar.Holiday, d calendar.Date) int { return h.Date.Compare(d) })
	if found {
		return true
	}
	return i > 0 && !d.After(a.abs[i-1].Through)
}

// awayRes returns the first resource of v away on workday t, or -1.
func (lv *leveller) awayRes(v, t int32) int32 {
	for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
		if a := lv.avail[lv.demRes[j]]; a != nil && a.away(t-lv.start) {
			return lv.demRes[j]
		}
	}
	return -1
}

// fullRes returns the first resource of v without the units v needs free
// on workday t, or -1.
func (lv *leveller) fullRes(v, t int32) int32 {
	for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
		r := lv.demRes[j]
		if lv.use[r].get(t-lv.start)+lv.demUnits[j] > lv.capacity[r] {
			return r
		}
	}
	return -1
}

// maxIdle is the longest stretch of days (or workdays) on which an
// activity may find no day to work before levelling gives up on it: ten
// years.
const maxIdle = 3660

// collect gathers in lv.buf the workdays v works on when it starts at or
// after s: the first Duration workdays on which all its resources work,
// and, for a splittable activity, have its units free. It returns false
// past the horizon.
func (lv *leveller) collect(v, s int32) bool {
	d := lv.dur[v]
	split := lv.split != nil && lv.split[v]
	days := lv.buf[:0]
	last := s
	for t := s; int32(len(days)) < d; t++ {
		if int64(t)-int64(lv.start) > maxHorizon {
			lv.buf = days
			return false
		}
		if lv.skip(v, t, split) {
			if t-last > maxIdle {
				// Its calendar and its resources' share no day.
				lv.buf = days
				return false
			}
			continue
		}
		days = append(days, t)
		last = t
	}
	lv.buf = days
	return true
}

// offCal reports whether day t is not a workday of v's own calendar (only
// on the day axis; on the workday axis every index is one).
func (lv *leveller) offCal(v, t int32) bool {
	return lv.c.days && !lv.c.kcal(int(v)).workday(t)
}

// skip reports whether v cannot work on t: not a workday of its calendar,
// a resource of it away, or, when split, a resource of it without the
// units free.
func (lv *leveller) skip(v, t int32, split bool) bool {
	return lv.offCal(v, t) || lv.awayRes(v, t) >= 0 || split && lv.fullRes(v, t) >= 0
}

// earliest returns the start of v that es (a bound on its start) and ef
// (on its exclusive finish) allow, resources aside.
func (lv *leveller) earliest(v, es, ef int32) int32 {
	d := lv.dur[v]
	if !lv.c.days {
		return max(es, ef-d)
	}
	if d == 0 {
		return lv.c.dcals[0].rollF(max(es, ef))
	}
	k := lv.c.kcal(int(v))
	s := k.startAfter(es, d)
	if ef > noFloor {
		s = max(s, k.startForFinish(ef, d))
	}
	return s
}

// next returns the workday of v's calendar after t.
func (lv *leveller) next(v, t int32) int32 {
	if !lv.c.days {
		return t + 1
	}
	return lv.c.kcal(int(v)).add(t, 1)
}

// findGeneral is find for an activity that may pause: splittable, or
// needing a resource with days off.
func (lv *leveller) findGeneral(v, es, ef int32) (s, why int32, off bool, err error) {
	d := lv.dur[v]
	split := lv.split != nil && lv.split[v]
	why = -1
	e0 := es // the start to blame a resource for missing
	if lv.c.days {
		e0 = lv.earliest(v, es, ef)
	}
	if r := lv.awayRes(v, e0); r >= 0 {
		why, off = r, true
	} else if r := lv.fullRes(v, e0); r >= 0 {
		why = r
	}
	s = es
search:
	for {
		if !lv.collect(v, s) {
			return 0, 0, false, lv.tooFar(v)
		}
		days := lv.buf
		if f := days[d-1] + 1; f < ef {
			if lv.c.days {
				s = days[0] + 1
			} else {
				s += ef - f
			}
			continue
		}
		if !split {
			for i := d - 1; i >= 0; i-- {
				if r := lv.fullRes(v, days[i]); r >= 0 {
					if why < 0 {
						why = r
					}
					s = days[i] + 1
					continue search
				}
			}
		}
		if days[0] == e0 {
			why, off = -1, false
		}
		return days[0], why, off, nil
	}
}

// findBackGeneral is findBack for an activity that may pause.
func (lv *leveller) findBackGeneral(v, lf, ls, lo int32) (int32, bool) {
	d := lv.dur[v]
	split := lv.split != nil && lv.split[v]
	f := lf
search:
	for {
		days := lv.buf[:0]
		for t := f - 1; int32(len(days)) < d; t-- {
			if t < lo {
				lv.buf = days
				return 0, false
			}
			if lv.skip(v, t, split) {
				continue
			}
			days = append(days, t)
		}
		lv.buf = days
		s := days[d-1]
		if s > ls {
			// The latest start at or before ls, and the finish its
			// work from there gives.
			a := ls
			for ; a < lo || lv.skip(v, a, split); a-- {
				if a < lo {
					return 0, false
				}
			}
			if !lv.collect(v, a) {
				return 0, false
			}
			f = lv.buf[d-1] + 1
			continue
		}
		if !split {
			for i := d - 1; i >= 0; i-- {
				if lv.fullRes(v, days[i]) >= 0 {
					f = days[i]
					continue search
				}
			}
		}
		return s, true
	}
}

// commitGeneral is commit for an activity that may pause; its work in
// pieces is kept when it does.
func (lv *leveller) commitGeneral(v, s int32, r *levelRun) {
	lv.collect(v, s)
	days := lv.buf
	for _, t := range days {
		for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
			lv.use[lv.demRes[j]].add(t-lv.start, lv.demUnits[j])
		}
	}
	first, last := days[0], days[len(days)-1]
	r.times[2*v], r.times[2*v+1] = first, last+1
	if lv.c.workdays(int(v), lv.dur[v], first, last+1) == int32(len(days)) {
		return
	}
	var ps []span
	for i, t := range days {
		if i > 0 && t == lv.next(v, days[i-1]) {
			ps[len(ps)-1].f = t + 1
			continue
		}
		ps = append(ps, span{t, t + 1})
	}
	if r.pieces == nil {
		r.pieces = map[int32][]span{}
	}
	r.pieces[v] = ps
}

// book adds (sign 1) or removes (sign -1) the units v uses in r: on every
// workday of its calendar in its pieces, or from its start to its finish.
func (lv *leveller) book(v int32, r *levelRun, sign int32) {
	if lv.dur[v] == 0 || lv.demOff[v] == lv.demOff[v+1] {
		return
	}
	ps := r.pieces[v]
	if ps == nil {
		ps = []span{{r.times[2*v], r.times[2*v+1]}}
	}
	for _, p := range ps {
		for t := p.s; t < p.f; t++ {
			if lv.offCal(v, t) {
				continue
			}
			for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
				lv.use[lv.demRes[j]].add(t-lv.start, sign*lv.demUnits[j])
			}
		}
	}
}
