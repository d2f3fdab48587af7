package schedule

import (
	"fmt"
	"sync"

	"github.com/rolloutkit/rollout/calendar"
)

// maxSpan is the largest span of workday indices a Result converts to
// dates; it exceeds the workdays from year 1 to year 9999.
const maxSpan = 4_000_000

// Result is a scheduled network: early and late dates, float and critical
// activities, with explanations. Build one with Schedule or
// Compiled.Schedule. A Result is immutable and safe for concurrent use.
//
// What only some questions need is worked out on first use: the side of
// each milestone's instant (for Timing) once for all activities, the
// driving predecessor of an activity (for explanations) when asked.
type Result struct {
	c  *Compiled
	p  *Pass
	dm dateMap

	sideOnce sync.Once
	side     []bool // start instant at the end of the previous workday
	placed   []bool // the same for the placed times
}

const (
	driverStart      int32 = -1
	driverConstraint int32 = -2
	driverRelease    int32 = -3
)

// Schedule compiles n and schedules it with its own durations. Errors are
// those of Compile, and ErrOutOfRange when a date falls outside the
// calendar's range.
func Schedule(n Network) (*Result, error) {
	c, err := Compile(n)
	if err != nil {
		return nil, err
	}
	return c.Schedule(nil)
}

// Schedule schedules the compiled network with the given durations by
// compiled index (nil: the network's own) and converts the result to
// dates.
func (c *Compiled) Schedule(dur []int32) (*Result, error) {
	p := c.NewPass()
	if err := p.Run(dur); err != nil {
		return nil, err
	}
	return c.result(p)
}

func (c *Compiled) result(p *Pass) (*Result, error) {
	lo, hi := p.start-1, p.start+1
	if c.hasDL {
		lo, hi = min(lo, c.deadline-1), max(hi, c.deadline)
	}
	for _, x := range p.early {
		lo, hi = min(lo, x-1), max(hi, x)
	}
	for _, x := range p.late {
		lo, hi = min(lo, x-1), max(hi, x)
	}
	if c.anyLate {
		for _, x := range p.sched {
			lo, hi = min(lo, x-1), max(hi, x)
		}
	}
	if int64(hi)-int64(lo) > maxSpan {
		return nil, fmt.Errorf("schedule: the schedule spans %d workdays: %w", int64(hi)-int64(lo), ErrOutOfRange)
	}
	dm, err := c.dateTable(lo, hi)
	if err != nil {
		return nil, err
	}
	return &Result{c: c, p: p, dm: dm}, nil
}

// dateMap converts workday indices to dates: from a table when the span is
// small for the network, else one by one through the calendar.
type dateMap struct {
	c     *Compiled
	lo    int32
	dates []calendar.Date // nil: convert one by one
}

// at returns the date of workday index i, which must lie within the span
// the map was built for.
func (m *dateMap) at(i int32) calendar.Date {
	if m.dates != nil {
		return m.dates[i-m.lo]
	}
	if m.c.days {
		d, _ := m.c.dcals[0].date(i)
		return d
	}
	d, _ := m.c.cal.AddWorkdays(m.c.origin, int(i))
	return d
}

// dateTable returns a map for the workday indices lo to hi, or an error
// wrapping ErrOutOfRange when they leave the calendar's range.
func (c *Compiled) dateTable(lo, hi int32) (dateMap, error) {
	if int64(hi)-int64(lo) > maxSpan {
		return dateMap{}, fmt.Errorf("schedule: the schedule spans %d workdays: %w", int64(hi)-int64(lo), ErrOutOfRange)
	}
	first, err := c.Date(lo)
	if err != nil {
		return dateMap{}, err
	}
	if _, err := c.Date(hi); err != nil {
		return dateMap{}, err
	}
	m := dateMap{c: c, lo: lo}
	if c.days {
		return m, nil // a day offset is a date
	}
	if int(hi-lo) > 4*len(c.ids)+4096 {
		return m, nil // sparse: a few dates over a long span
	}
	m.dates = make([]calendar.Date, hi-lo+1)
	d := first
	cal := c.cal
	for i := range m.dates {
		if i > 0 {
			for d = d.AddDays(1); !cal.IsWorkday(d); d = d.AddDays(1) {
			}
		}
		m.dates[i] = d
	}
	return m, nil
}

// findDriver returns the predecessor entry whose link sets v's start in
// the given times (the first one in link order when several do), or what
// else sets it.
func (c *Compiled) findDriver(v int, early, dur []int32) int32 {
	es, d := early[2*v], dur[v]
	for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
		x := c.lagF(early[c.predSrc[k]], c.predLag[k], c.predWork(k, dur))
		if c.startFrom(v, x, d, k >= c.predMid[v]) == es {
			return k
		}
	}
	if c.fkind[v] != floorNone && c.startFrom(v, c.floor[v], d, false) == es {
		if c.fkind[v] == floorRelease {
			return driverRelease
		}
		return driverConstraint
	}
	return driverStart
}

// date returns the date of workday index i.
func (r *Result) date(i int32) calendar.Date { return r.dm.at(i) }

// Compiled returns the compiled network.
func (r *Result) Compiled() *Compiled { return r.c }

// Pass returns the workday indices behind the dates. The caller must not
// Run it again.
func (r *Result) Pass() *Pass { return r.p }

// Start returns the project start: the start date rolled forward to a
// workday, or, scheduling backwards, the earliest late start.
func (r *Result) Start() calendar.Date { return r.date(r.p.start) }

// Ready returns the last workday of the release work (every activity not
// after the release) in the early schedule: the date the release is
// ready. With no release work it is the day before Start.
func (r *Result) Ready() calendar.Date { return r.netLast(r.p.ready) }

// netLast returns the last workday of the network calendar before the
// exclusive finish f.
func (r *Result) netLast(f int32) calendar.Date {
	if r.c.days {
		return r.date(r.c.dcals[0].rollB(f - 1))
	}
	return r.date(f - 1)
}

// Finish returns the last workday of the whole network in the early
// schedule.
func (r *Result) Finish() calendar.Date { return r.netLast(r.p.end) }

// Deadline returns the deadline rolled back to a workday, or the zero Date.
func (r *Result) Deadline() calendar.Date {
	if !r.c.hasDL {
		return calendar.Date{}
	}
	return r.date(r.c.deadline - 1)
}

// Slack returns the workdays between Ready and the deadline: negative when
// the deadline is missed, 0 without a deadline.
func (r *Result) Slack() int {
	if !r.c.hasDL {
		return 0
	}
	if r.c.days {
		return int(r.c.dcals[0].count(r.p.ready, r.c.deadline))
	}
	return int(r.c.deadline - r.p.ready)
}

// MeetsDeadline reports whether the release work is ready by the
// deadline (true without a deadline).
func (r *Result) MeetsDeadline() bool { return r.Slack() >= 0 }

// Timing is the schedule of one activity.
type Timing struct {
	// ID is the activity's ID.
	ID string `json:"id"`
	// Duration is the duration used, in workdays.
	Duration int `json:"duration"`
	// AfterRelease tells work after the release (not bound by the
	// deadline).
	AfterRelease bool `json:"afterRelease,omitzero"`
	// EarlyStart and EarlyFinish are the first and last workdays as soon
	// as possible (equal for a milestone).
	EarlyStart  calendar.Date `json:"earlyStart"`
	EarlyFinish calendar.Date `json:"earlyFinish"`
	// LateStart and LateFinish are the first and last workdays as late as
	// possible without missing the deadline or a constraint.
	LateStart  calendar.Date `json:"lateStart"`
	LateFinish calendar.Date `json:"lateFinish"`
	// TotalFloat is LateStart minus EarlyStart in workdays; negative when
	// the activity cannot meet the deadline or its own constraint.
	TotalFloat int `json:"totalFloat"`
	// FreeFloat is how far the activity can slip without moving any
	// successor's early dates.
	FreeFloat int `json:"freeFloat"`
	// Critical is TotalFloat <= 0.
	Critical bool `json:"critical"`
	// Start and Finish are the dates to plan with: the early dates, or
	// for an activity placed as late as possible (its Mode, or a network
	// scheduled backwards) the late dates; an activity that follows one
	// placed late starts when it allows. See Result.Scheduled.
	Start  calendar.Date `json:"start"`
	Finish calendar.Date `json:"finish"`
	// Late tells an activity placed as late as possible.
	Late bool `json:"late,omitzero"`
}

// Milestone reports whether the activity has no duration.
func (t Timing) Milestone() bool { return t.Duration == 0 }

// Scheduled returns the start and finish to plan with (Timing.Start and
// Finish): the early dates of activities placed as soon as possible, the
// late dates of those placed as late as possible (Activity.Mode; by
// default the release work of a network scheduled backwards), and for an
// activity that follows one placed late, the dates that predecessor as
// placed allows, as MS Project does. Every link holds between these
// dates.
func (r *Result) Scheduled(id string) (start, finish calendar.Date, err error) {
	t, err := r.Timing(id)
	if err != nil {
		return calendar.Date{}, calendar.Date{}, err
	}
	return t.Start, t.Finish, nil
}

// Timing returns the schedule of the activity with the given ID, or an
// error wrapping ErrUnknownID.
func (r *Result) Timing(id string) (Timing, error) {
	v, ok := r.c.Index(id)
	if !ok {
		return Timing{}, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	return r.timing(int(v)), nil
}

// Timings returns the schedule of every activity, in the order of
// Network.Activities.
func (r *Result) Timings() []Timing {
	out := make([]Timing, len(r.c.ids))
	for i := range out {
		out[i] = r.timing(int(r.c.pos[i]))
	}
	return out
}

func (r *Result) timing(v int) Timing {
	p := r.p
	t := Timing{
		ID:           r.c.ids[v],
		Duration:     int(p.dur[v]),
		AfterRelease: r.c.post[v],
		TotalFloat:   int(p.TotalFloat(v)),
		FreeFloat:    int(p.FreeFloat(v)),
		Critical:     p.Critical(v),
	}
	es, ef, ls, lf := p.early[2*v], p.early[2*v+1], p.late[2*v], p.late[2*v+1]
	ss, sf := p.sched[2*v], p.sched[2*v+1]
	t.Late = r.c.Late(v)
	if p.dur[v] > 0 {
		t.EarlyStart, t.EarlyFinish = r.date(es), r.date(ef-1)
		t.LateStart, t.LateFinish = r.date(ls), r.date(lf-1)
		t.Start, t.Finish = r.date(ss), r.date(sf-1)
		return t
	}
	// A milestone is an instant between two workdays: shown on the
	// earlier one when it follows a finish (or a positive lag), on the
	// later one when it coincides with a start.
	e := r.milestoneDate(v, es, r.endSide(v))
	lday := r.date(lf - 1)
	if r.c.days {
		// The workday of the milestone's calendar that ends at the
		// instant.
		lday = r.date(r.c.calOf(v, 0).rollB(lf - 1))
	}
	l := calendar.Max(lday, e)
	if ls < es {
		l = lday
	}
	t.EarlyStart, t.EarlyFinish, t.LateStart, t.LateFinish = e, e, l, l
	switch {
	case t.Late && ss == ls:
		t.Start = l
	case ss == es:
		t.Start = e
	default:
		t.Start = r.milestoneDate(v, ss, r.placed[v])
	}
	t.Finish = t.Start
	return t
}

// endSide reports whether the milestone v is shown at the end of the
// workday before its index.
func (r *Result) endSide(v int) bool {
	r.sides()
	return r.side[v]
}

func (r *Result) sides() {
	r.sideOnce.Do(func() {
		r.side = r.c.sides(r.p.early, r.p.dur, r.p.start, nil)
		r.placed = r.side
		if r.c.anyLate {
			r.placed = r.c.sides(r.p.sched, r.p.dur, r.p.start, r.p.late)
		}
	})
}

// lastDay returns the last workday of v's calendar before the exclusive
// finish f.
func (r *Result) lastDay(v int, f int32) calendar.Date {
	if r.c.days {
		return r.date(r.c.calOf(v, r.p.dur[v]).rollB(f - 1))
	}
	return r.date(f - 1)
}

// milestoneDate returns the date a milestone at instant x is shown on.
func (r *Result) milestoneDate(v int, x int32, endSide bool) calendar.Date {
	if r.c.days {
		if k := r.c.calOf(v, r.p.dur[v]); endSide {
			return r.date(k.rollB(x - 1))
		} else {
			return r.date(k.rollF(x))
		}
	}
	if endSide {
		return r.date(x - 1)
	}
	return r.date(x)
}

// driver returns the predecessor entry driving v's early start, or a
// driver* value.
func (r *Result) driver(v int) int32 { return r.c.findDriver(v, r.p.early, r.p.dur) }

// sides works out, for the given start times, which start instants lie at
// the end of the workday before the start index rather than at the start
// of the workday at the index. They are the same instant in working time,
// but a milestone is shown on the date of its instant: on a
// predecessor's last workday when it follows a finish, on the day it
// coincides with a start. An instant reached from a finish of real work,
// or by adding a positive lag, is an end-of-day instant; one reached from
// the project start, a date constraint or a negative lag is a
// start-of-day instant; a zero lag keeps the side of the instant it
// starts from. When several constraints meet at the same index, a
// start-of-day one wins (it is the later instant).
//
// With late times given, early holds placed times: an activity placed at
// its late start starts at the start of a workday.
func (c *Compiled) sides(early, dur []int32, start int32, late []int32) []bool {
	side := make([]bool, len(c.ids))
	for v := range c.ids {
		es, d := early[2*v], dur[v]
		end := false
		if late != nil && c.late[v] && late[2*v] == es {
			continue
		}
		if c.startFrom(v, c.floor[v], d, false) < es {
			end = true // not bound by a floor
		}
		if c.startFrom(v, start, d, false) == es {
			end = false // bound by the project start
		}
		for k := c.predOff[v]; k < c.predOff[v+1] && end; k++ {
			x := c.lagF(early[c.predSrc[k]], c.predLag[k], c.predWork(k, dur))
			toFinish := k >= c.predMid[v]
			if c.startFrom(v, x, d, toFinish) != es {
				continue
			}
			if c.days && d > 0 && (toFinish || x != es) {
				// Work moved to the start of a workday of its own
				// calendar starts at the start of that day.
				end = false
				continue
			}
			u, lag := int(c.predSrc[k]>>1), c.predLag[k]
			switch {
			case lag > 0:
			case lag < 0:
				end = false
			case c.predSrc[k]&1 == 1 && dur[u] > 0:
			default:
				end = side[u]
			}
		}
		side[v] = end
	}
	return side
}
