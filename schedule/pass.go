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
	start int32
	ready int32
	end   int32
}

// NewPass returns a workspace for c.
func (c *Compiled) NewPass() *Pass {
	n := len(c.ids)
	return &Pass{c: c, dur: make([]int32, n), early: make([]int32, 2*n), late: make([]int32, 2*n)}
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
// workdays; negative when v cannot meet the deadline or its own
// finish-no-later-than constraint.
func (p *Pass) TotalFloat(v int) int32 { return p.late[2*v] - p.early[2*v] }

// Critical reports whether v has no positive total float.
func (p *Pass) Critical(v int) bool { return p.late[2*v] <= p.early[2*v] }

// Duration returns the duration of v used by the last run.
func (p *Pass) Duration(v int) int32 { return p.dur[v] }

// FreeFloat returns how many workdays v can slip without moving the early
// date of any successor nor the finish of its group (the release work or
// the work after it), never more than its total float and never negative.
func (p *Pass) FreeFloat(v int) int32 {
	c := p.c
	ff := p.ready - p.early[2*v+1]
	if c.post[v] {
		ff = p.end - p.early[2*v+1]
	}
	for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
		anchor := p.early[2*v]
		if k < c.succMid[v] {
			anchor = p.early[2*v+1]
		}
		ff = min(ff, p.early[c.succDst[k]]-(anchor+c.succLag[k]))
	}
	ff = min(ff, p.TotalFloat(v))
	return max(ff, 0)
}
