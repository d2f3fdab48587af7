package schedule

import "strings"

// A tree search for shorter levelled schedules: constraint propagation
// over windows of starts with time-tabling (the compulsory parts of the
// activities on each resource), branching on the conflict set of Giffler
// and Thompson, guided by a known schedule, under a fixed budget of search
// nodes so that the answer is deterministic.

// windowSearch looks for a schedule that ends by a given workday: every
// activity gets a window of starts [es, ls] (workday indices from the
// project start) that the links and that end allow; windows shrink by
// propagation until the search fixes every start.
type windowSearch struct {
	lv    *leveller
	T     int32   // the end to meet (exclusive, from the project start)
	es    []int32 // earliest start in the window
	ls    []int32 // latest start in the window
	prof  [][]int32
	byRes [][]int32 // activities demanding each resource
	trail []trailEntry
	queue []int32
	inQ   []bool
	// guide orders the branching: smaller first (nil: by latest start),
	// then tie.
	guide []int32
	tie   []int64
	nodes int // search nodes left
}

// trailEntry is a window before a change, to undo it.
type trailEntry struct{ v, es, ls int32 }

// newWindowSearch returns a search over lv's network, which must be on the
// workday axis with no activity that pauses.
func newWindowSearch(lv *leveller) *windowSearch {
	na := len(lv.dur)
	ws := &windowSearch{lv: lv, es: make([]int32, na), ls: make([]int32, na), tie: lv.idKey,
		prof: make([][]int32, len(lv.capacity)), byRes: make([][]int32, len(lv.capacity)), inQ: make([]bool, na)}
	for v := range na {
		if lv.dur[v] == 0 {
			continue
		}
		for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
			if lv.demUnits[j] > 0 {
				ws.byRes[lv.demRes[j]] = append(ws.byRes[lv.demRes[j]], int32(v))
			}
		}
	}
	return ws
}

// searchable reports whether the window search applies to lv's network:
// on the workday axis, no activity that pauses.
func (lv *leveller) searchable() bool {
	return !lv.c.days && lv.general == nil
}

// solve looks for starts under which every activity of r ends by T (the
// release work by min(T, r.ready)), no finish-no-later-than date r meets
// is missed and no other activity ends later than in r, within the node
// budget. It returns the starts (workday indices) or nil.
func (ws *windowSearch) solve(r *levelRun, T int32, budget int) []int32 {
	ws.nodes = budget
	if !ws.root(r, T) {
		return nil
	}
	return ws.search()
}

// root sets up the windows for the end T and propagates (and shaves, with
// ws.shave); false when that refutes T.
func (ws *windowSearch) root(r *levelRun, T int32) bool {
	lv, c := ws.lv, ws.lv.c
	na := len(lv.dur)
	ws.T = T - lv.start
	ws.trail = ws.trail[:0]
	for i := range ws.prof {
		if len(ws.byRes[i]) == 0 {
			continue
		}
		if cap(ws.prof[i]) < int(ws.T) {
			ws.prof[i] = make([]int32, ws.T)
		}
		ws.prof[i] = ws.prof[i][:ws.T]
		clear(ws.prof[i])
	}
	ready := min(r.ready, T)
	for v := range na {
		es := max(lv.start, c.floor[v])
		ef := noFloor
		for k := c.predOff[v]; k < c.predMid[v]; k++ {
			es = max(es, ws.es[c.predSrc[k]>>1]+lv.start+ws.srcOff(c.predSrc[k])+c.predLag[k])
		}
		for k := c.predMid[v]; k < c.predOff[v+1]; k++ {
			ef = max(ef, ws.es[c.predSrc[k]>>1]+lv.start+ws.srcOff(c.predSrc[k])+c.predLag[k])
		}
		ws.es[v] = max(es, ef-lv.dur[v]) - lv.start
	}
	for v := na - 1; v >= 0; v-- {
		lf := ready
		if c.post[v] {
			lf = T
		}
		if c.ceil[v] != noCeil {
			lf = min(lf, max(c.ceil[v], r.times[2*v+1]))
		}
		lf -= lv.start
		ls := noCeil
		for k := c.succOff[v]; k < c.succMid[v]; k++ {
			lf = min(lf, ws.ls[c.succDst[k]>>1]+ws.srcOff(c.succDst[k])-c.succLag[k])
		}
		for k := c.succMid[v]; k < c.succOff[v+1]; k++ {
			ls = min(ls, ws.ls[c.succDst[k]>>1]+ws.srcOff(c.succDst[k])-c.succLag[k])
		}
		ws.ls[v] = min(ls, lf-lv.dur[v])
		if ws.ls[v] < ws.es[v] {
			return false
		}
	}
	// Compulsory parts, then every window filtered once.
	for v := range na {
		if !ws.part(int32(v), 0, 0, 1) {
			return false
		}
	}
	for v := range na {
		ws.enqueue(int32(v))
	}
	if !ws.propagate() {
		return false
	}
	ws.trail = ws.trail[:0]
	return true
}

// srcOff is the offset of the end of a link at node x (2v: v's start,
// 2v+1: its finish) from v's start.
func (ws *windowSearch) srcOff(x int32) int32 {
	if x&1 == 1 {
		return ws.lv.dur[x>>1]
	}
	return 0
}

// part adds (sign 1) or removes (sign -1) on v's resources the days of
// its compulsory part [ls, es+d) under its current window that are not in
// [olo, ohi) (the part under an earlier, wider window); false when a
// resource goes over its capacity.
func (ws *windowSearch) part(v, olo, ohi, sign int32) bool {
	lv := ws.lv
	d := lv.dur[v]
	if d == 0 {
		return true
	}
	lo, hi := ws.ls[v], ws.es[v]+d
	if olo >= ohi {
		olo, ohi = hi, hi
	}
	ok := true
	for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
		u := lv.demUnits[j] * sign
		if u == 0 {
			continue
		}
		row, capa := ws.prof[lv.demRes[j]], lv.capacity[lv.demRes[j]]
		for t := lo; t < hi; t++ {
			if t >= olo && t < ohi {
				t = ohi - 1
				continue
			}
			row[t] += u
			if row[t] > capa {
				ok = false
			}
		}
	}
	return ok
}

// set shrinks v's window to [es, ls], recording the old one on the trail;
// false when a resource goes over its capacity.
func (ws *windowSearch) set(v, es, ls int32) bool {
	oes, ols := ws.es[v], ws.ls[v]
	ws.trail = append(ws.trail, trailEntry{v: v, es: oes, ls: ols})
	ws.es[v], ws.ls[v] = es, ls
	ws.enqueue(v)
	return ws.part(v, ols, oes+ws.lv.dur[v], 1)
}

// undo restores the windows recorded after mark.
func (ws *windowSearch) undo(mark int) {
	for i := len(ws.trail) - 1; i >= mark; i-- {
		e := ws.trail[i]
		ws.part(e.v, e.ls, e.es+ws.lv.dur[e.v], -1)
		ws.es[e.v], ws.ls[e.v] = e.es, e.ls
	}
	ws.trail = ws.trail[:mark]
	for _, v := range ws.queue {
		ws.inQ[v] = false
	}
	ws.queue = ws.queue[:0]
}

func (ws *windowSearch) enqueue(v int32) {
	if !ws.inQ[v] {
		ws.inQ[v] = true
		ws.queue = append(ws.queue, v)
	}
}

// propagate runs the queue to a fixpoint: the links, then each activity's
// window off the other activities' compulsory parts. False on a conflict.
func (ws *windowSearch) propagate() bool {
	lv, c := ws.lv, ws.lv.c
	for len(ws.queue) > 0 {
		v := ws.queue[len(ws.queue)-1]
		ws.queue = ws.queue[:len(ws.queue)-1]
		ws.inQ[v] = false
		// Successors' earliest starts.
		for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
			x := ws.es[v] + c.succLag[k]
			if k < c.succMid[v] {
				x += lv.dur[v]
			}
			w := c.succDst[k] >> 1
			if c.succDst[k]&1 == 1 {
				x -= lv.dur[w]
			}
			if x > ws.es[w] {
				if x > ws.ls[w] || !ws.set(w, x, ws.ls[w]) {
					return false
				}
			}
		}
		// Predecessors' latest starts.
		for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
			x := ws.ls[v] - c.predLag[k]
			if k >= c.predMid[v] {
				x += lv.dur[v]
			}
			u := c.predSrc[k] >> 1
			if c.predSrc[k]&1 == 1 {
				x -= lv.dur[u]
			}
			if x < ws.ls[u] {
				if x < ws.es[u] || !ws.set(u, ws.es[u], x) {
					return false
				}
			}
		}
		// The other activities on v's resources, and v itself.
		if !ws.filter(v) {
			return false
		}
		d := lv.dur[v]
		if d == 0 || ws.ls[v] >= ws.es[v]+d {
			continue
		}
		for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
			for _, w := range ws.byRes[lv.demRes[j]] {
				if w == v || ws.es[w] == ws.ls[w] {
					continue
				}
				// Only windows reaching v's compulsory part.
				if ws.es[w] >= ws.es[v]+d || ws.ls[w]+lv.dur[w] <= ws.ls[v] {
					continue
				}
				if !ws.filter(w) {
					return false
				}
			}
		}
	}
	return true
}

// over reports whether v would overload a resource on day t.
func (ws *windowSearch) over(v, t int32) bool {
	lv := ws.lv
	own := t >= ws.ls[v] && t < ws.es[v]+lv.dur[v]
	for j := lv.demOff[v]; j < lv.demOff[v+1]; j++ {
		u := lv.demUnits[j]
		if u == 0 {
			continue
		}
		if own {
			u = 0
		}
		if ws.prof[lv.demRes[j]][t]+u > lv.capacity[lv.demRes[j]] {
			return true
		}
	}
	return false
}

// filter shrinks v's window to the starts at which it keeps off the
// other activities' compulsory parts; false when none is left.
func (ws *windowSearch) filter(v int32) bool {
	d := ws.lv.dur[v]
	if d == 0 || ws.es[v] == ws.ls[v] {
		return true
	}
	s := ws.es[v]
up:
	for s <= ws.ls[v] {
		for t := s + d - 1; t >= s; t-- {
			if ws.over(v, t) {
				s = t + 1
				continue up
			}
		}
		break
	}
	if s > ws.ls[v] {
		return false
	}
	e := ws.ls[v]
down:
	for e >= s {
		for t := e; t < e+d; t++ {
			if ws.over(v, t) {
				e = t - d
				continue down
			}
		}
		break
	}
	if e < s {
		return false
	}
	if s != ws.es[v] || e != ws.ls[v] {
		return ws.set(v, s, e)
	}
	return true
}

// search is a depth-first search: the activity pick returns starts at
// its earliest start, or else (on backtracking) no earlier than the
// workday after. It returns the starts of the first schedule found
// within the node budget, or nil.
func (ws *windowSearch) search() []int32 {
	type frame struct {
		v, t int32 // t: the start tried, -1 once both branches are
		mark int
	}
	var stack []frame
	for {
		v := ws.pick()
		if v < 0 {
			out := make([]int32, len(ws.es))
			for w := range out {
				out[w] = ws.es[w] + ws.lv.start
			}
			return out
		}
		ws.nodes--
		stack = append(stack, frame{v: v, t: ws.es[v], mark: len(ws.trail)})
		if ws.set(v, ws.es[v], ws.es[v]) && ws.propagate() {
			continue
		}
		// Fail: undo to the last start tried and try the other branch.
		for {
			if len(stack) == 0 || ws.nodes <= 0 {
				return nil
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			ws.undo(f.mark)
			if f.t < 0 {
				continue
			}
			ws.nodes--
			stack = append(stack, frame{v: f.v, t: -1, mark: f.mark})
			if f.t+1 <= ws.ls[f.v] && ws.set(f.v, f.t+1, ws.ls[f.v]) && ws.propagate() {
				break
			}
		}
	}
}

// pick returns the activity to branch on, -1 when every start is fixed:
// of the activities that could start before any could finish (the
// conflict set of Giffler and Thompson), the first by guide (by latest
// start without one), then by tie.
func (ws *windowSearch) pick() int32 {
	first := noCeil
	for v := range ws.es {
		if ws.es[v] != ws.ls[v] {
			first = min(first, ws.es[v]+max(ws.lv.dur[v], 1))
		}
	}
	key := ws.ls
	if ws.guide != nil {
		key = ws.guide
	}
	best := int32(-1)
	for v := range ws.es {
		if ws.es[v] == ws.ls[v] || ws.es[v] >= first {
			continue
		}
		if best < 0 || key[v] < key[best] || key[v] == key[best] && ws.tie[v] < ws.tie[best] {
			best = int32(v)
		}
	}
	return best
}

// maxSearchCells bounds the memory of the window search's resource
// profiles (a workday of a resource each): 4 Mi cells, 16 MiB. Longer
// schedules on more resources are not searched.
const maxSearchCells = 1 << 22

// tighten looks for schedules shorter than r, one workday at a time,
// with the window search: for each end, up to three searches of at most
// nodes search nodes, guided by the starts of r, by the middle of each
// activity's stretch in the preemptive relaxation, and by the latest
// starts. The starts found order the serial scheme, justified, which keeps
// every delay explained. It stops at the first end it cannot reach, or at
// the critical path's end cp, and does not search when the profiles
// would take more than maxSearchCells.
func (lv *leveller) tighten(r *levelRun, cp int32, nodes int) (*levelRun, error) {
	ws := newWindowSearch(lv)
	cells := int64(0) // of the resource profiles
	for _, vs := range ws.byRes {
		if len(vs) > 0 {
			cells += int64(r.end - lv.start)
		}
	}
	if cells > maxSearchCells {
		return r, nil
	}
	rx, err := lv.relaxation(ruleLatestStart)
	if err != nil {
		return nil, err
	}
	na := len(lv.dur)
	guides := [][]int32{make([]int32, na), make([]int32, na), nil}
	for v := range na {
		guides[1][v] = (rx.times[2*v] + rx.times[2*v+1] - lv.dur[v]) / 2
	}
	key := make([]int64, na)
	for T := r.end - 1; T >= cp; T = r.end - 1 {
		for v := range na {
			guides[0][v] = r.times[2*v]
		}
		var starts []int32
		for _, g := range guides {
			ws.guide = g
			if starts = ws.solve(r, T, nodes); starts != nil || ws.nodes > 0 {
				break // found, or no schedule ends by T
			}
		}
		if starts == nil {
			break
		}
		for v := range key {
			key[v] = int64(starts[v]-lv.start)<<32 | lv.idKey[v]
		}
		f, err := lv.forward(key, false)
		if err != nil {
			return nil, err
		}
		if f, err = lv.justify(f, justifyRounds); err != nil {
			return nil, err
		}
		if !f.better(r) {
			break
		}
		f.method = r.method
		if !strings.HasSuffix(f.method, ", searched") {
			f.method += ", searched"
		}
		r = f
	}
	return r, nil
}
