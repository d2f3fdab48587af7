package schedule

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// priorityRule orders the activities for a schedule generation scheme.
type priorityRule uint8

const (
	// ruleLatestStart: smallest late start of the unlevelled schedule.
	ruleLatestStart priorityRule = iota
	// ruleLatestFinish: smallest late finish.
	ruleLatestFinish
	// ruleMinSlack: smallest total float (late start minus early start).
	ruleMinSlack
	// ruleRankWeight: greatest rank positional weight, the duration
	// plus the durations of the immediate successors.
	ruleRankWeight
)

func (r priorityRule) String() string {
	return [...]string{"latest start", "latest finish", "minimum slack", "greatest rank positional weight"}[r]
}

// span is a stretch of workday indices, f exclusive.
type span struct{ s, f int32 }

// levelDelay is a Delay in workday indices.
type levelDelay struct {
	v, from, to, res int32
	off              bool
}

// levelRun is one levelled schedule.
type levelRun struct {
	times  []int32          // 2v: start, 2v+1: exclusive finish
	pieces map[int32][]span // work of activities that pause
	delays []levelDelay     // forward runs only
	ready  int32
	end    int32
	late   int64 // workdays by which the deadline and finish-no-later-than dates are missed, summed
	method string
}

// better reports whether r is a better schedule than o: fewer workdays
// late, then release work ready earlier, then an earlier end.
func (r *levelRun) better(o *levelRun) bool {
	return cmp.Or(cmp.Compare(r.late, o.late), cmp.Compare(r.ready, o.ready), cmp.Compare(r.end, o.end)) < 0
}

// leveller holds what every levelling pass over one network shares.
type leveller struct {
	c     *Compiled
	p     *Pass // the unlevelled schedule
	start int32
	dur   []int32
	idKey []int64 // rank of each activity's ID, the last tie-breaker

	resID            []string
	capacity         []int32
	demOff           []int32 // demands of v: demOff[v] to demOff[v+1]
	demRes, demUnits []int32
	general          []bool // v pauses: splittable or a resource with days off
	split            []bool
	avail            []*availability // by resource; nil: works every workday
	dates            *datePages

	use []profile // the pass's units in use, by resource
	buf []int32   // workdays of the activity being placed

	// Scratch of a pass, reused.
	deg, es, ef []int32
	heap        levelHeap
}

// scratch returns the pass's scratch arrays, sized for the network, and
// an empty heap.
func (lv *leveller) scratch() (deg, es, ef []int32, h *levelHeap) {
	na := len(lv.dur)
	if len(lv.deg) != na {
		lv.deg, lv.es, lv.ef = make([]int32, na), make([]int32, na), make([]int32, na)
	}
	lv.heap.a = lv.heap.a[:0]
	return lv.deg, lv.es, lv.ef, &lv.heap
}

func newLeveller(c *Compiled, p *Pass, n *Network) (*leveller, error) {
	na := len(c.ids)
	lv := &leveller{c: c, p: p, start: p.start, dur: p.dur, idKey: make([]int64, na)}
	order := make([]int32, na)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(c.ids[a], c.ids[b]) })
	for r, v := range order {
		lv.idKey[v] = int64(r)
	}
	resIdx := make(map[string]int32, len(n.Resources))
	lv.resID = make([]string, len(n.Resources))
	lv.capacity = make([]int32, len(n.Resources))
	lv.avail = make([]*availability, len(n.Resources))
	for i, r := range n.Resources {
		resIdx[r.ID] = int32(i)
		lv.resID[i] = r.ID
		lv.capacity[i] = int32(r.Capacity)
		if a := newAvailability(c, &r); a != nil {
			if lv.dates == nil {
				lv.dates = &datePages{c: c, start: p.start}
			}
			a.dates = lv.dates
			lv.avail[i] = a
		}
	}
	if c.days {
		// Every activity with work follows its own calendar's
		// workdays, pausing over the others.
		lv.general = make([]bool, na)
		for v := range lv.general {
			lv.general[v] = lv.dur[v] > 0
		}
	}
	lv.demOff = make([]int32, na+1)
	for i := range n.Activities {
		lv.demOff[c.pos[i]+1] = int32(len(n.Activities[i].Demands))
	}
	for v := 0; v < na; v++ {
		lv.demOff[v+1] += lv.demOff[v]
	}
	lv.demRes = make([]int32, lv.demOff[na])
	lv.demUnits = make([]int32, lv.demOff[na])
	for i := range n.Activities {
		a := &n.Activities[i]
		v := c.pos[i]
		k := lv.demOff[v]
		for _, dm := range a.Demands {
			r := resIdx[dm.Resource]
			lv.demRes[k], lv.demUnits[k] = r, int32(dm.Units)
			k++
			if lv.avail[r] != nil && lv.dur[v] > 0 {
				if lv.general == nil {
					lv.general = make([]bool, na)
				}
				lv.general[v] = true
			}
		}
		if a.Splittable && len(a.Demands) > 0 && lv.dur[v] > 1 {
			if lv.general == nil {
				lv.general = make([]bool, na)
			}
			if lv.split == nil {
				lv.split = make([]bool, na)
			}
			lv.general[v], lv.split[v] = true, true
		}
	}
	lv.use = make([]profile, len(n.Resources))
	return lv, nil
}

// clone returns a leveller for another goroutine: the same network, its
// own workspace.
func (lv *leveller) clone() *leveller {
	o := *lv
	o.use = make([]profile, len(lv.use))
	o.buf = nil
	o.deg, o.es, o.ef, o.heap = nil, nil, nil, levelHeap{}
	if lv.dates != nil {
		o.dates = &datePages{c: lv.c, start: lv.start}
		o.avail = make([]*availability, len(lv.avail))
		for i, a := range lv.avail {
			if a != nil {
				o.avail[i] = &availability{cal: a.cal, abs: a.abs, dates: o.dates}
			}
		}
	}
	return &o
}

// priority returns the key of each activity under rule: smaller goes
// first, ties by ID.
func (lv *leveller) priority(rule priorityRule) []int64 {
	c, p := lv.c, lv.p
	key := make([]int64, len(c.ids))
	for v := range key {
		var x int64
		switch rule {
		case ruleLatestStart:
			x = int64(p.late[2*v])
		case ruleLatestFinish:
			x = int64(p.late[2*v+1])
		case ruleMinSlack:
			x = int64(p.TotalFloat(v))
		case ruleRankWeight:
			w := int64(lv.dur[v])
			for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
				w += int64(lv.dur[c.succDst[k]>>1])
			}
			x = -w
		}
		key[v] = x<<32 | lv.idKey[v]
	}
	return key
}

// reset empties the resource profiles for a new pass.
func (lv *leveller) reset() {
	for i := range lv.use {
		lv.use[i].clear()
	}
}

// newRun returns an empty run.
func (lv *leveller) newRun() *levelRun {
	return &levelRun{times: make([]int32, 2*len(lv.dur)), ready: lv.start, end: lv.start}
}

// finish fills the run's figures once every activity is placed.
func (lv *leveller) finish(r *levelRun) {
	c := lv.c
	for v := range c.ids {
		f := r.times[2*v+1]
		r.end = max(r.end, f)
		if !c.post[v] {
			r.ready = max(r.ready, f)
		}
		if c.ceil[v] != noCeil && f > c.ceil[v] {
			r.late += int64(c.workdays(v, lv.dur[v], c.ceil[v], f))
		}
	}
	if c.hasDL && r.ready > c.deadline {
		r.late += int64(c.workdays(0, 0, c.deadline, r.ready))
	}
}

// forward places every activity as early as it fits, taking the eligible
// activities (every predecessor placed) by key: the serial schedule
// generation scheme. With parallel, activities are taken by the earliest
// workday they could start, then by key, and placed only at that workday:
// the parallel scheme, which fills each day with the most urgent work
// that fits before looking at later days.
func (lv *leveller) forward(key []int64, parallel bool) (*levelRun, error) {
	return lv.forwardFrom(key, parallel, nil)
}

// forwardFrom is forward with a lower bound on each activity's start
// (nil: none).
func (lv *leveller) forwardFrom(key []int64, parallel bool, from []int32) (*levelRun, error) {
	lv.reset()
	c := lv.c
	na := len(c.ids)
	r := lv.newRun()
	// es: earliest start; ef: earliest finish from finish links.
	indeg, es, ef, h := lv.scratch()
	ready := func(v int32) {
		s, f := lv.bounds(v, r.times)
		if from != nil {
			s = max(s, from[v])
		}
		es[v], ef[v] = s, f
		k := key[v]
		if parallel {
			k = int64(lv.earliest(v, s, f)-lv.start)<<32 | int64(v)
			h.pushCand(v, k, key[v])
			return
		}
		h.push(v, k)
	}
	for v := 0; v < na; v++ {
		indeg[v] = c.predOff[v+1] - c.predOff[v]
		if indeg[v] == 0 {
			ready(int32(v))
		}
	}
	for h.len() > 0 {
		v := h.pop()
		first := lv.earliest(v, es[v], ef[v])
		cand := es[v]
		if parallel {
			cand = int32(h.lastKey>>32) + lv.start
		}
		s, why, off, err := lv.find(v, cand, ef[v])
		if err != nil {
			return nil, err
		}
		if parallel && s != cand {
			// Not on this workday: try again on the first that fits.
			h.pushCand(v, int64(s-lv.start)<<32|int64(v), key[v])
			continue
		}
		if parallel && s > first && why < 0 {
			// Deferred by the scheme: blame what held it at first.
			_, why, off, _ = lv.find(v, es[v], ef[v])
		}
		lv.commit(v, s, r)
		if r.times[2*v] > first && why >= 0 && lv.dur[v] > 0 {
			r.delays = append(r.delays, levelDelay{v: v, from: first, to: r.times[2*v], res: why, off: off})
		}
		for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
			w := c.succDst[k] >> 1
			indeg[w]--
			if indeg[w] == 0 {
				ready(w)
			}
		}
	}
	lv.finish(r)
	return r, nil
}

// bounds returns the earliest start of v allowed by its placed
// predecessors, its floor and the project start, and the earliest
// exclusive finish its finish links allow.
func (lv *leveller) bounds(v int32, times []int32) (es, ef int32) {
	c := lv.c
	es, ef = max(lv.start, c.floor[v]), noFloor
	k, m, e := c.predOff[v], c.predMid[v], c.predOff[v+1]
	if c.days {
		for ; k < m; k++ {
			es = max(es, c.lagF(times[c.predSrc[k]], c.predLag[k], c.predWork(k, lv.dur)))
		}
		for ; k < e; k++ {
			ef = max(ef, c.lagF(times[c.predSrc[k]], c.predLag[k], c.predWork(k, lv.dur)))
		}
		return es, ef
	}
	for ; k < m; k++ {
		es = max(es, times[c.predSrc[k]]+c.predLag[k])
	}
	for ; k < e; k++ {
		ef = max(ef, times[c.predSrc[k]]+c.predLag[k])
	}
	return es, ef
}

// Rounds of justification: after a scheme or a perturbation, and after a
// swap (which changes little, so fewer rounds recover most of the gain).
const (
	justifyRounds     = 8
	swapJustifyRounds = 2
)

// justify improves r by forward-backward improvement: every activity
// shifted as late as it fits in order of decreasing finish, then as early
// as it fits in order of increasing start; repeated while that gives a
// better schedule.
func (lv *leveller) justify(r *levelRun, rounds int) (*levelRun, error) {
	key := make([]int64, len(lv.dur))
	for range rounds {
		b, ok := lv.backward(r)
		if !ok {
			break
		}
		for v := range key {
			key[v] = int64(b.times[2*v]-lv.start)<<32 | lv.idKey[v]
		}
		f, err := lv.forward(key, false)
		if err != nil {
			return nil, err
		}
		if !f.better(r) {
			break
		}
		f.method = r.method
		r = f
	}
	return r, nil
}

// perturb is iterated local search around r: the forward scheme by r's
// starts each raised by a pseudo-random number of workdays below amp,
// justified, walking on when not worse; rounds times, from a fixed seed.
// It returns the best schedule seen (r unless one was better).
func (lv *leveller) perturb(r *levelRun, rounds int, amp int32) (*levelRun, error) {
	rng := rand.New(rand.NewPCG(uint64(len(lv.dur)), uint64(r.end)))
	key := make([]int64, len(lv.dur))
	best := r
	for range rounds {
		for v := range key {
			key[v] = int64(r.times[2*v]-lv.start+rng.Int32N(amp))<<32 | lv.idKey[v]
		}
		f, err := lv.forward(key, false)
		if err != nil {
			return nil, err
		}
		if f, err = lv.justify(f, justifyRounds); err != nil {
			return nil, err
		}
		// Walk on schedules as good, keep the first of the best.
		if !r.better(f) {
			r = f
		}
		if f.better(best) {
			f.method = best.method
			if !strings.HasSuffix(f.method, ", perturbed") {
				f.method += ", perturbed"
			}
			best = f
		}
	}
	return best, nil
}

// swaps is a local search on the critical chain of r: for each activity
// that has no float in r (its right-justified start is its start) and
// waited for a resource, the activity holding that resource on the day
// before it started is put after it in the forward scheme by r's starts;
// the justified result replaces r when better, and the search starts
// again from it. At most tries attempts, two at a time on lv and o (on
// two goroutines), the first better one in candidate order kept.
func (lv *leveller) swaps(o *leveller, r *levelRun, tries int) (*levelRun, error) {
	type cand struct{ v, a int32 }
	attempt := func(l *leveller, r *levelRun, c cand) (*levelRun, error) {
		key := make([]int64, len(l.dur))
		for w := range key {
			key[w] = int64(r.times[2*w]-l.start)<<32 | l.idKey[w]
		}
		key[c.v] = key[c.a] - 1
		f, err := l.forward(key, false)
		if err != nil {
			return nil, err
		}
		return l.justify(f, swapJustifyRounds)
	}
	for tries > 0 {
		b, ok := lv.backward(r)
		if !ok {
			return r, nil
		}
		var cands []cand
		for _, dl := range r.delays {
			v := dl.v
			if b.times[2*v] != r.times[2*v] || dl.off {
				continue
			}
			if a := lv.holder(r, dl.res, r.times[2*v]-1, v); a >= 0 {
				cands = append(cands, cand{v, a})
			}
		}
		var next *levelRun
		for i := 0; i < len(cands) && tries > 0 && next == nil; i += 2 {
			var f [2]*levelRun
			var errs [2]error
			var wg sync.WaitGroup
			if i+1 < len(cands) && tries > 1 {
				wg.Go(func() { f[1], errs[1] = attempt(o, r, cands[i+1]) })
				tries--
			}
			f[0], errs[0] = attempt(lv, r, cands[i])
			tries--
			wg.Wait()
			for k := range f {
				if errs[k] != nil {
					return nil, errs[k]
				}
				if f[k] != nil && f[k].better(r) && next == nil {
					next = f[k]
				}
			}
		}
		if next == nil {
			break
		}
		next.method = r.method
		if !strings.HasSuffix(next.method, ", swapped") {
			next.method += ", swapped"
		}
		r = next
	}
	return r, nil
}

// holder returns an activity other than v that uses resource res on
// workday t in r, or -1.
func (lv *leveller) holder(r *levelRun, res, t, v int32) int32 {
	for w := range lv.dur {
		if int32(w) == v || r.times[2*w] > t || r.times[2*w+1] <= t {
			continue
		}
		for j := lv.demOff[w]; j < lv.demOff[w+1]; j++ {
			if lv.demRes[j] == res {
				return int32(w)
			}
		}
	}
	return -1
}

// backward places every activity of r as late as it fits without moving
// the end of r, taking them by decreasing finish in r (every successor
// placed first): the right-justified schedule. No activity ends later
// than in r where r met its finish-no-later-than date or the deadline.
// It reports false when an activity would have to start before the
// project start or its floor (which justification in topological order
// does not rule out with leads and finish links).
func (lv *leveller) backward(r *levelRun) (*levelRun, bool) {
	return lv.backwardTo(r, false)
}

// backwardTo is backward; with toDeadline the release work may finish as
// late as the deadline (where r meets it), and the work after the release
// as late as the later of that and the end of r: the latest dates that
// activities placed as late as possible may take.
func (lv *leveller) backwardTo(r *levelRun, toDeadline bool) (*levelRun, bool) {
	lv.reset()
	c := lv.c
	na := len(c.ids)
	b := lv.newRun()
	outdeg, _, _, h := lv.scratch()
	push := func(v int32) {
		h.push(v, -(int64(r.times[2*v+1]-lv.start)<<32 | lv.idKey[v]))
	}
	for v := 0; v < na; v++ {
		outdeg[v] = c.succOff[v+1] - c.succOff[v]
		if outdeg[v] == 0 {
			push(int32(v))
		}
	}
	for h.len() > 0 {
		v := h.pop()
		lf, ls := lv.lateBounds(v, r, b.times, toDeadline)
		s, ok := lv.findBack(v, lf, ls, max(lv.start, c.floor[v]))
		if !ok {
			return nil, false
		}
		lv.commit(v, s, b)
		for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
			u := c.predSrc[k] >> 1
			outdeg[u]--
			if outdeg[u] == 0 {
				push(u)
			}
		}
	}
	lv.finish(b)
	return b, true
}

// lateBounds returns the latest exclusive finish and start of v that the
// run r (the end of its release work and of the whole, the deadline and
// v's finish-no-later-than date where r meets them, never earlier than v's
// finish in r) and its successors placed in times allow. With toDeadline
// the release work may finish as late as the deadline.
func (lv *leveller) lateBounds(v int32, r *levelRun, times []int32, toDeadline bool) (lf, ls int32) {
	c := lv.c
	f0 := r.times[2*v+1]
	pre := r.ready
	if c.hasDL {
		if toDeadline {
			pre = max(c.deadline, f0)
		} else {
			pre = min(pre, max(c.deadline, f0))
		}
	}
	lf = pre
	if c.post[v] {
		lf = max(r.end, pre)
		if !toDeadline {
			lf = r.end
		}
	}
	if c.ceil[v] != noCeil {
		lf = min(lf, max(c.ceil[v], f0))
	}
	ls = noCeil
	k, m, e := c.succOff[v], c.succMid[v], c.succOff[v+1]
	if c.days {
		for ; k < m; k++ {
			lf = min(lf, c.lagB(times[c.succDst[k]], c.succLag[k], c.succWork(int(v), k, lv.dur)))
		}
		for ; k < e; k++ {
			ls = min(ls, c.lagB(times[c.succDst[k]], c.succLag[k], c.succWork(int(v), k, lv.dur)))
		}
		return lf, ls
	}
	for ; k < m; k++ {
		lf = min(lf, times[c.succDst[k]]-c.succLag[k])
	}
	for ; k < e; k++ {
		ls = min(ls, times[c.succDst[k]]-c.succLag[k])
	}
	return lf, ls
}

// find returns the earliest start s >= es at which v fits and finishes no
// earlier than ef, without placing it, and, when s > es, the first
// resource (and whether it was away rather than full) that stopped v from
// starting at es; -1 when only ef or nothing held it.
func (lv *leveller) find(v, es, ef int32) (s, why int32, off bool, err error) {
	d := lv.dur[v]
	why = -1
	if d == 0 {
		return lv.earliest(v, es, ef), why, false, nil
	}
	if lv.general != nil && lv.general[v] {
		return lv.findGeneral(v, es, ef)
	}
	s = max(es, ef-d)
	lo, hi := lv.demOff[v], lv.demOff[v+1]
search:
	for {
		if int64(s)+int64(d)-int64(lv.start) > maxHorizon {
			return 0, 0, false, lv.tooFar(v)
		}
		for j := lo; j < hi; j++ {
			r, u := lv.demRes[j], lv.demUnits[j]
			row, capa := &lv.use[r], lv.capacity[r]-u
			// From the last day back, so that a conflict moves the
			// candidate past every earlier day at once.
			for t := s + d - 1; t >= s; t-- {
				if row.get(t-lv.start) > capa {
					if why < 0 {
						why = r
					}
					s = t + 1
					continue search
				}
			}
		}
		return s, why, false, nil
	}
}

func (lv *leveller) tooFar(v int32) error {
	return fmt.Errorf("schedule: levelling %s beyond %d workdays, or with no day to work for %d days: %w", quote(lv.c.ids[v]), maxHorizon, maxIdle, ErrOutOfRange)
}

// findBack returns the latest start of v at which it fits, finishes by lf
// and starts by ls, or false when that would be before lo.
func (lv *leveller) findBack(v, lf, ls, lo int32) (int32, bool) {
	d := lv.dur[v]
	if d == 0 {
		s := min(lf, ls)
		if lv.c.days {
			s = lv.c.dcals[0].rollF(s)
		}
		return s, s >= lo
	}
	if lv.general != nil && lv.general[v] {
		return lv.findBackGeneral(v, lf, ls, lo)
	}
	f := min(lf, ls+d)
	lo2, hi := lv.demOff[v], lv.demOff[v+1]
search:
	for {
		s := f - d
		if s < lo {
			return 0, false
		}
		for j := lo2; j < hi; j++ {
			r, u := lv.demRes[j], lv.demUnits[j]
			row, capa := &lv.use[r], lv.capacity[r]-u
			for t := s; t < f; t++ {
				if row.get(t-lv.start) > capa {
					f = t
					continue search
				}
			}
		}
		return s, true
	}
}

// commit places v from s (as found by find or findBack) in r and books its
// resources.
func (lv *leveller) commit(v, s int32, r *levelRun) {
	d := lv.dur[v]
	if d == 0 {
		r.times[2*v], r.times[2*v+1] = s, s
		return
	}
	if lv.general != nil && lv.general[v] {
		lv.commitGeneral(v, s, r)
		return
	}
	for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
		row, u := &lv.use[lv.demRes[j]], lv.demUnits[j]
		for t := s; t < s+d; t++ {
			row.add(t-lv.start, u)
		}
	}
	r.times[2*v], r.times[2*v+1] = s, s+d
}

// levelHeap is a binary min-heap of activities by an int64 key; for the
// parallel scheme the key is (candidate day, v) with the priority as a
// second key.
type levelHeap struct {
	a       []heapItem
	lastKey int64
}

type heapItem struct {
	k, k2 int64
	v     int32
}

func (h *levelHeap) len() int { return len(h.a) }

func (h *levelHeap) less(i, j int) bool {
	a, b := &h.a[i], &h.a[j]
	if a.k>>32 != b.k>>32 {
		return a.k < b.k
	}
	if a.k2 != b.k2 {
		return a.k2 < b.k2
	}
	return a.k < b.k
}

func (h *levelHeap) push(v int32, k int64) { h.pushCand(v, k, 0) }

func (h *levelHeap) pushCand(v int32, k, k2 int64) {
	h.a = append(h.a, heapItem{k, k2, v})
	for i := len(h.a) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.a[i], h.a[p] = h.a[p], h.a[i]
		i = p
	}
}

func (h *levelHeap) pop() int32 {
	top := h.a[0]
	last := len(h.a) - 1
	h.a[0] = h.a[last]
	h.a = h.a[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.less(l, m) {
			m = l
		}
		if r < last && h.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h.a[i], h.a[m] = h.a[m], h.a[i]
		i = m
	}
	h.lastKey = top.k
	return top.v
}

// alap places the activities marked as late as possible (Compiled.Late)
// in the chosen schedule r as late as they fit, as MS Project and
// TaskJuggler place them: first the forward scheme again, with each such
// activity starting no earlier than in the right-justified schedule whose
// release work ends at the deadline (so that the work after it follows,
// as without levelling), kept when it misses no date r meets and ends no
// later than those bounds allow; then each such activity, latest first,
// shifted as late as its successors, its dates and the resources allow
// with everything else in place, until none moves.
func (lv *leveller) alap(r *levelRun) (*levelRun, error) {
	c := lv.c
	if b, ok := lv.backwardTo(r, true); ok {
		na := len(lv.dur)
		from := make([]int32, na)
		key := make([]int64, na)
		for v := range from {
			from[v] = noFloor
			s := r.times[2*v]
			if c.late[v] {
				from[v], s = b.times[2*v], b.times[2*v]
			}
			key[v] = int64(s-lv.start)<<32 | lv.idKey[v]
		}
		f, err := lv.forwardFrom(key, false, from)
		if err != nil {
			return nil, err
		}
		pre := r.ready
		if c.hasDL {
			pre = max(pre, c.deadline)
		}
		if f.late <= r.late && f.ready <= pre && f.end <= max(r.end, pre) {
			f.method = r.method
			r = f
		}
	}
	return lv.shiftLate(r), nil
}

// shiftLate returns r with each activity placed as late as possible
// shifted as late as it fits with every other activity in place: by
// decreasing finish, every successor first, repeated while one moves (at
// most a few rounds).
func (lv *leveller) shiftLate(r *levelRun) *levelRun {
	c := lv.c
	out := &levelRun{times: slices.Clone(r.times), delays: r.delays, method: r.method}
	if r.pieces != nil {
		out.pieces = maps.Clone(r.pieces)
	}
	lv.reset()
	for v := range lv.dur {
		lv.book(int32(v), out, 1)
	}
	outdeg, _, _, h := lv.scratch()
	na := len(lv.dur)
	for range 8 {
		moved := false
		h.a = h.a[:0]
		push := func(v int32) {
			h.push(v, -(int64(out.times[2*v+1]-lv.start)<<32 | lv.idKey[v]))
		}
		for v := 0; v < na; v++ {
			outdeg[v] = c.succOff[v+1] - c.succOff[v]
			if outdeg[v] == 0 {
				push(int32(v))
			}
		}
		ready, end := r.ready, r.end
		for h.len() > 0 {
			v := h.pop()
			if c.late[v] {
				cur := out.times[2*v]
				lf, ls := lv.lateBounds(v, &levelRun{times: out.times, ready: ready, end: end}, out.times, true)
				lv.book(v, out, -1)
				s, ok := lv.findBack(v, lf, ls, cur)
				if !ok || s < cur {
					s = cur
				}
				moved = moved || s != cur
				delete(out.pieces, v)
				lv.commit(v, s, out)
			}
			for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
				u := c.predSrc[k] >> 1
				outdeg[u]--
				if outdeg[u] == 0 {
					push(u)
				}
			}
		}
		if !moved {
			break
		}
	}
	out.ready, out.end = lv.start, lv.start
	lv.finish(out)
	return out
}

// fromRelaxation levels by the serial scheme ordered by the preemptive
// relaxation: the network levelled by the serial scheme with rule as if
// every activity could split (justified), then each activity taken by the
// middle of its stretch there (its start and its finish less its
// duration, halved), justified and improved by rounds of perturbation.
// Only for networks in which no activity pauses (lv.general nil).
func (lv *leveller) fromRelaxation(rule priorityRule, rounds int, amp int32) (*levelRun, error) {
	rs, err := lv.relaxation(rule)
	if err != nil {
		return nil, err
	}
	key := make([]int64, len(lv.dur))
	for v := range key {
		mid := (rs.times[2*v] + rs.times[2*v+1] - lv.dur[v]) / 2
		key[v] = int64(mid-lv.start)<<32 | lv.idKey[v]
	}
	r, err := lv.forward(key, false)
	if err != nil {
		return nil, err
	}
	r.method = "serial scheme, by the preemptive relaxation (" + rule.String() + "), justified"
	if r, err = lv.justify(r, justifyRounds); err != nil {
		return nil, err
	}
	if rounds > 0 {
		return lv.perturb(r, rounds, amp)
	}
	return r, nil
}

// relaxation levels the network by the serial scheme with rule as if
// every activity could split, justified.
func (lv *leveller) relaxation(rule priorityRule) (*levelRun, error) {
	sl := *lv
	sl.general, sl.split = make([]bool, len(lv.dur)), make([]bool, len(lv.dur))
	for v, d := range lv.dur {
		sl.split[v] = d > 1 && lv.demOff[v] < lv.demOff[v+1]
		sl.general[v] = sl.split[v]
	}
	rs, err := sl.forward(sl.priority(rule), false)
	if err != nil {
		return nil, err
	}
	if rs, err = sl.justify(rs, justifyRounds); err != nil {
		return nil, err
	}
	return rs, nil
}
