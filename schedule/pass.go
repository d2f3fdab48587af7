package schedule

import "fmt"

// Pass is the workspace of one scheduling run over a Compiled network: the
// early and late times of every activity in workday indices. Run fills it
// without allocating, so one Pass can serve many runs (one per Monte Carlo
// iteration, say). A Pass is not safe for concurrent use; give each
// goroutine its own.
type Pass struct {
	c     *Compiled
	dur   []int32
	early []int32 // 2v: early start, 2v+1: early exclusive finish
	late  []int32 // 2v: late start, 2v+1: late exclusive finish
	// sched holds the placed times when some activity is placed late
	// (Compiled.Late); it is early otherwise.
	sched []int32
	start int32
	ready int32
	end   int32
}

// NewPass returns a workspace for c.
func (c *Compiled) NewPass() *Pass {
	n := len(c.ids)
	p := &Pass{c: c, dur: make([]int32, n), early: make([]int32, 2*n), late: make([]int32, 2*n)}
	p.sched = p.early
	if c.anyLate {
		p.sched = make([]int32, 2*n)
	}
	return p
}

// Run schedules the network with the given durations, in workdays by
// compiled index (nil means the network's own durations). Durations are
// clamped to 0..MaxDuration. It returns an error only when len(dur) is
// wrong. Run does not allocate.
//
// Forwards (the network has a start): the early pass starts at index 0,
// the late pass ends at the deadline for release work and at the later of
// the deadline and the early finish for work after the release (without a
// deadline, at the early finish). Backwards (no start): a late pass from
// the deadline gives the project start, the earliest late start of the
// release work; then the early pass runs from it and the late pass again.
//
// When some activity is placed as late as possible, a last pass places
// every activity in topological order: those placed late at their late
// start (or later, when their predecessors as placed demand it), the
// others as soon as their predecessors as placed allow (see Placed).
func (p *Pass) Run(dur []int32) error {
	if err := p.setDurations(dur); err != nil {
		return err
	}
	p.runEarly()
	pre := p.ready
	if p.c.hasDL {
		pre = p.c.deadline
	}
	p.backward(pre, max(p.end, pre))
	if p.c.anyLate {
		p.place()
	}
	return nil
}

// RunFromFinish is Run with the late pass ending at the run's own early
// finish (Ready for the release work, End for the work after it) instead of
// the deadline: zero total float then marks the longest path of this run
// whether or not the deadline is met, as a Monte Carlo criticality index
// needs. A finish-no-later-than date, or an early start pushed by a start
// constraint, can still leave negative float.
func (p *Pass) RunFromFinish(dur []int32) error {
	if err := p.setDurations(dur); err != nil {
		return err
	}
	p.runEarly()
	p.backward(p.ready, max(p.end, p.ready))
	return nil
}

// runEarly runs the early pass, after finding the project start when
// scheduling backwards.
func (p *Pass) runEarly() {
	c := p.c
	if !c.backward {
		p.forward(0)
		return
	}
	p.backward(c.deadline, noCeil)
	start := c.deadline - 1
	for v := range c.ids {
		if !c.post[v] {
			start = min(start, p.late[2*v])
		}
	}
	p.forward(max(start, noFloor))
}

// RunEarly is Run without the late pass, for callers that only need the
// early dates and Ready or End (a forecast of the finish date, say): about
// half the work. The late times, float and criticality of p are left
// stale. (A network scheduled backwards needs a late pass to find its
// start, so there RunEarly saves less.)
func (p *Pass) RunEarly(dur []int32) error {
	if err := p.setDurations(dur); err != nil {
		return err
	}
	p.runEarly()
	return nil
}

func (p *Pass) setDurations(dur []int32) error {
	c := p.c
	if dur == nil {
		dur = c.dur
	}
	if len(dur) != len(c.ids) {
		return fmt.Errorf("schedule: %d durations for %d activities", len(dur), len(c.ids))
	}
	for i, d := range dur {
		p.dur[i] = min(max(d, 0), MaxDuration)
	}
	return nil
}

// forward computes the early times from the project start index.
func (p *Pass) forward(start int32) {
	c := p.c
	if c.days {
		p.forwardDays(start)
		return
	}
	early, dur := p.early, p.dur
	floor, post := c.floor, c.post
	off, mid, src, lag := c.predOff, c.predMid, c.predSrc, c.predLag
	ready, end := start, start
	n := len(dur)
	for v := 0; v < n; v++ {
		es := max(start, floor[v])
		k, m, e := off[v], mid[v], off[v+1]
		for ; k < m; k++ {
			if x := early[src[k]] + lag[k]; x > es {
				es = x
			}
		}
		d := dur[v]
		for ; k < e; k++ {
			if x := early[src[k]] + lag[k] - d; x > es {
				es = x
			}
		}
		es = min(es, noCeil)
		ef := es + d
		early[2*v] = es
		early[2*v+1] = ef
		end = max(end, ef)
		if !post[v] {
			ready = max(ready, ef)
		}
	}
	p.start, p.ready, p.end = start, ready, end
}

// backward computes the late times: release work must finish by pre, work
// after the release by post.
func (p *Pass) backward(pre, post int32) {
	c := p.c
	if c.days {
		p.backwardDays(pre, post)
		return
	}
	late, dur := p.late, p.dur
	ceil, isPost := c.ceil, c.post
	off, mid, dst, lag := c.succOff, c.succMid, c.succDst, c.succLag
	for v := len(dur) - 1; v >= 0; v-- {
		b := pre
		if isPost[v] {
			b = post
		}
		lf := min(ceil[v], b)
		k, m, e := off[v], mid[v], off[v+1]
		for ; k < m; k++ {
			if x := late[dst[k]] - lag[k]; x < lf {
				lf = x
			}
		}
		d := dur[v]
		for ; k < e; k++ {
			if x := late[dst[k]] - lag[k] + d; x < lf {
				lf = x
			}
		}
		lf = max(lf, noFloor)
		late[2*v] = lf - d
		late[2*v+1] = lf
	}
}

// Start returns the project start index of the last run: 0 forwards, the
// earliest late start of the release work backwards.
func (p *Pass) Start() int32 { return p.start }

// Ready returns the exclusive finish index of the release work (every
// activity not after the release) in the last run: compare it with
// Compiled.Deadline. With no release work it is Start.
func (p *Pass) Ready() int32 { return p.ready }

// End returns the exclusive early finish index of the whole network.
func (p *Pass) End() int32 { return p.end }

// EarlyStart returns the early start index of compiled activity v.
func (p *Pass) EarlyStart(v int) int32 { return p.early[2*v] }

// EarlyFinish returns the exclusive early finish index of v (its last
// workday is EarlyFinish-1).
func (p *Pass) EarlyFinish(v int) int32 { return p.early[2*v+1] }

// LateStart returns the late start index of v.
func (p *Pass) LateStart(v int) int32 { return p.late[2*v] }

// LateFinish returns the exclusive late finish index of v.
func (p *Pass) LateFinish(v int) int32 { return p.late[2*v+1] }

// TotalFloat returns the late start minus the early start of v, in
// workdays (of v's own calendar); negative when v cannot meet the deadline
// or its own finish-no-later-than constraint.
func (p *Pass) TotalFloat(v int) int32 {
	if p.c.days {
		return p.c.workdays(v, p.dur[v], p.early[2*v], p.late[2*v])
	}
	return p.late[2*v] - p.early[2*v]
}

// Critical reports whether v has no positive total float.
func (p *Pass) Critical(v int) bool {
	if p.c.days {
		return p.TotalFloat(v) <= 0
	}
	return p.late[2*v] <= p.early[2*v]
}

// PlacedStart returns the start index of v as placed by the last Run: its
// early start, or for activities placed as late as possible (and those
// their placement pushes) the placed start. RunEarly and RunFromFinish
// leave it stale when some activity is placed late.
func (p *Pass) PlacedStart(v int) int32 { return p.sched[2*v] }

// PlacedFinish returns the exclusive finish index of v as placed.
func (p *Pass) PlacedFinish(v int) int32 { return p.sched[2*v+1] }

// Duration returns the duration of v used by the last run.
func (p *Pass) Duration(v int) int32 { return p.dur[v] }

// FreeFloat returns how many workdays v can slip without moving the early
// date of any successor nor the finish of its group (the release work or
// the work after it), never more than its total float and never negative.
func (p *Pass) FreeFloat(v int) int32 {
	c := p.c
	group := p.ready
	if c.post[v] {
		group = p.end
	}
	ff := c.workdays(v, p.dur[v], p.early[2*v+1], group)
	for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
		anchor := p.early[2*v]
		if k < c.succMid[v] {
			anchor = p.early[2*v+1]
		}
		ff = min(ff, c.workdays(v, p.dur[v], c.lagF(anchor, c.succLag[k], c.succWork(v, k, p.dur)), p.early[c.succDst[k]]))
	}
	ff = min(ff, p.TotalFloat(v))
	return max(ff, 0)
}

// forwardDays is forward on the day axis: each activity starts on a
// workday of its own calendar, lags count in the network calendar.
func (p *Pass) forwardDays(start int32) {
	c := p.c
	early, dur := p.early, p.dur
	floor, post := c.floor, c.post
	off, mid, src, lag := c.predOff, c.predMid, c.predSrc, c.predLag
	k0 := &c.dcals[0]
	ready, end := start, start
	for v := range dur {
		k := &c.dcals[c.acal[v]]
		b := max(start, floor[v])
		i, m, e := off[v], mid[v], off[v+1]
		for ; i < m; i++ {
			if x := k0.lagF(early[src[i]], lag[i], c.predWork(i, dur)); x > b {
				b = x
			}
		}
		d := dur[v]
		es := k.startAfter(min(b, noCeil), d)
		for ; i < e; i++ {
			if x := k.startForFinish(min(k0.lagF(early[src[i]], lag[i], c.predWork(i, dur)), noCeil), d); x > es {
				es = x
			}
		}
		es = min(es, noCeil)
		ef := min(k.finish(es, d), noCeil)
		early[2*v] = es
		early[2*v+1] = ef
		end = max(end, ef)
		if !post[v] {
			ready = max(ready, ef)
		}
	}
	p.start, p.ready, p.end = start, ready, end
}

// backwardDays is backward on the day axis.
func (p *Pass) backwardDays(pre, post int32) {
	c := p.c
	late, dur := p.late, p.dur
	ceil, isPost := c.ceil, c.post
	off, mid, dst, lag := c.succOff, c.succMid, c.succDst, c.succLag
	k0 := &c.dcals[0]
	for v := len(dur) - 1; v >= 0; v-- {
		k := &c.dcals[c.acal[v]]
		z := pre
		if isPost[v] {
			z = post
		}
		z = min(ceil[v], z)
		i, m, e := off[v], mid[v], off[v+1]
		for ; i < m; i++ {
			if x := k0.lagB(late[dst[i]], lag[i], c.succWork(v, i, dur)); x < z {
				z = x
			}
		}
		d := dur[v]
		ls := k.startByFinish(max(z, noFloor), d)
		for ; i < e; i++ {
			if x := k.startBefore(max(k0.lagB(late[dst[i]], lag[i], c.succWork(v, i, dur)), noFloor), d); x < ls {
				ls = x
			}
		}
		ls = max(ls, noFloor)
		late[2*v] = ls
		late[2*v+1] = max(k.finish(ls, d), noFloor)
	}
}

// place computes the placed times: in topological order, each activity as
// early as its predecessors as placed allow, and those placed late no
// earlier than their late start. Every link then holds between placed
// times, whatever the float.
func (p *Pass) place() {
	c := p.c
	s, dur, lateT, late := p.sched, p.dur, p.late, c.late
	floor := c.floor
	off, mid, src, lag := c.predOff, c.predMid, c.predSrc, c.predLag
	start := p.start
	for v := range dur {
		i, m, e := off[v], mid[v], off[v+1]
		d := dur[v]
		var es int32
		if !c.days {
			es = max(start, floor[v])
			for ; i < m; i++ {
				es = max(es, s[src[i]]+lag[i])
			}
			for ; i < e; i++ {
				es = max(es, s[src[i]]+lag[i]-d)
			}
		} else {
			k, k0 := &c.dcals[c.acal[v]], &c.dcals[0]
			b := max(start, floor[v])
			for ; i < m; i++ {
				b = max(b, k0.lagF(s[src[i]], lag[i], c.predWork(i, dur)))
			}
			es = k.startAfter(min(b, noCeil), d)
			for ; i < e; i++ {
				es = max(es, k.startForFinish(min(k0.lagF(s[src[i]], lag[i], c.predWork(i, dur)), noCeil), d))
			}
		}
		if late[v] {
			es = max(es, lateT[2*v])
		}
		es = min(es, noCeil)
		s[2*v] = es
		if c.days {
			s[2*v+1] = min(c.kcal(v).finish(es, d), noCeil)
		} else {
			s[2*v+1] = min(es+d, noCeil)
		}
	}
}
