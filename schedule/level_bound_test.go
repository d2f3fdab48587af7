package schedule

import (
	"container/heap"
	"slices"
	"testing"
)

// jacksonBound returns a lower bound on the makespan of a levelled n
// with single-unit demands on capacity-1 resources: for each resource, the
// preemptive one-machine schedule of its activities with their heads
// (unlevelled early start) and tails (workdays from their late finish to
// the end of the critical path), which Jackson's rule solves exactly.
func jacksonBound(n Network) (int, error) {
	r, err := Schedule(n)
	if err != nil {
		return 0, err
	}
	c, p := r.c, r.p
	// Late times against the early finish.
	q := c.NewPass()
	if err := q.RunFromFinish(nil); err != nil {
		return 0, err
	}
	type job struct{ head, dur, tail int32 }
	jobs := map[string][]job{}
	for i, a := range n.Activities {
		v := int(c.pos[i])
		for _, dm := range a.Demands {
			jobs[dm.Resource] = append(jobs[dm.Resource], job{p.early[2*v] - p.start, p.dur[v], q.end - q.late[2*v+1]})
		}
	}
	best := int(p.end - p.start)
	for _, js := range jobs {
		slices.SortFunc(js, func(a, b job) int { return int(a.head - b.head) })
		// Jackson's preemptive schedule: at each moment run the released
		// job of largest tail.
		h := &tailHeap{}
		t, i := int32(0), 0
		rem := make([]int32, len(js))
		for k := range js {
			rem[k] = js[k].dur
		}
		bound := int32(0)
		for i < len(js) || h.Len() > 0 {
			if h.Len() == 0 && t < js[i].head {
				t = js[i].head
			}
			for i < len(js) && js[i].head <= t {
				heap.Push(h, tailItem{i, js[i].tail})
				i++
			}
			top := (*h)[0]
			next := int32(1 << 30)
			if i < len(js) {
				next = js[i].head
			}
			run := min(rem[top.k], next-t)
			t += run
			rem[top.k] -= run
			if rem[top.k] == 0 {
				heap.Pop(h)
				bound = max(bound, t+top.tail)
			}
		}
		best = max(best, int(bound))
	}
	return best, nil
}

type tailItem struct {
	k    int
	tail int32
}
type tailHeap []tailItem

func (h tailHeap) Len() int           { return len(h) }
func (h tailHeap) Less(i, j int) bool { return h[i].tail > h[j].tail }
func (h tailHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *tailHeap) Push(x any)        { *h = append(*h, x.(tailItem)) }
func (h *tailHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// timetableBound returns a lower bound on the makespan of a levelled n
// whose activities cannot split, each demanding one unit of one
// capacity-1 resource, linked finish-to-start (the generated projects of
// issue 18): the smallest makespan T from lo that time-tabling constraint
// propagation does not refute. For a given T every activity has a window
// of starts, from its early start to its late start against T; where the
// window is shorter than the activity, the days between its late start
// and its early finish are worked whatever the start (its compulsory
// part). Two compulsory parts on one resource on the same day refute T;
// otherwise each window shrinks to the starts that keep the activity off
// the other activities' compulsory parts, windows follow the links, and
// it repeats until nothing changes or a window is empty (T refuted).
func timetableBound(n Network, lo int) (int, error) {
	r, err := Schedule(n)
	if err != nil {
		return 0, err
	}
	c, p := r.c, r.p
	na := c.Len()
	res := make([]int, na)
	for v := range res {
		a := n.Activities[c.Input(v)]
		if len(a.Demands) != 1 || a.Demands[0].Units != 1 || a.Splittable {
			return lo, nil
		}
		res[v] = mustResource(n, a.Demands[0].Resource)
		if n.Resources[res[v]].Capacity != 1 {
			return lo, nil
		}
	}
	for _, l := range n.Dependencies {
		if l.Type != FinishToStart || l.Lag != 0 {
			return lo, nil
		}
	}
	cp := p.end - p.start
	refuted := func(T int32) bool {
		es, ls := make([]int32, na), make([]int32, na)
		for v := range es {
			es[v], ls[v] = p.early[2*v]-p.start, p.late[2*v]-p.start+T-cp
		}
		prof := make([]int32, len(n.Resources)*int(T))
		owner := func(v int, t int32) bool { return t >= ls[v] && t < es[v]+c.dur[v] }
		for changed := true; changed; {
			changed = false
			clear(prof)
			for v := range es {
				for t := ls[v]; t < es[v]+c.dur[v]; t++ {
					if prof[res[v]*int(T)+int(t)]++; prof[res[v]*int(T)+int(t)] > 1 {
						return true
					}
				}
			}
			busy := func(v int, t int32) bool {
				return t >= 0 && t < T && prof[res[v]*int(T)+int(t)] > 0 && !owner(v, t)
			}
			for v := range es {
				d := c.dur[v]
				s := es[v]
				for t := s; t < s+d; t++ { // after a clash, from the day after it
					if busy(v, t) {
						s = t + 1
					}
				}
				e := ls[v]
				for t := e + d - 1; t >= e; t-- { // after a clash, ending before it
					if busy(v, t) {
						e = t - d
					}
				}
				if s != es[v] || e != ls[v] {
					es[v], ls[v], changed = s, e, true
				}
			}
			for v := range es {
				for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
					u := c.predSrc[k] >> 1
					if x := es[u] + c.dur[u]; x > es[v] {
						es[v], changed = x, true
					}
				}
			}
			for v := na - 1; v >= 0; v-- {
				for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
					if x := ls[c.succDst[k]>>1] - c.dur[v]; x < ls[v] {
						ls[v], changed = x, true
					}
				}
			}
			for v := range es {
				if es[v] > ls[v] {
					return true
				}
			}
		}
		return false
	}
	T := int32(lo)
	for refuted(T) {
		T++
	}
	return int(T), nil
}

// TestTimetableBound checks the bound on small known answers: two
// three-day tasks of one person take six workdays, and with a link
// between them and a third task of another person the bound is the
// critical path.
func TestTimetableBound(t *testing.T) {
	two := Network{Start: d("2027-01-04"), Resources: []Resource{{ID: "p", Capacity: 1}, {ID: "q", Capacity: 1}},
		Activities: []Activity{
			{ID: "a", Duration: 3, Demands: []Demand{{Resource: "p", Units: 1}}},
			{ID: "b", Duration: 3, Demands: []Demand{{Resource: "p", Units: 1}}},
		}}
	if got, err := timetableBound(two, 3); err != nil || got != 6 {
		t.Errorf("two tasks of one person: %d, %v; want 6", got, err)
	}
	chain := two
	chain.Activities = append(slices.Clone(two.Activities), Activity{ID: "c", Duration: 2, Demands: []Demand{{Resource: "q", Units: 1}}})
	chain.Dependencies = []Dependency{{From: "a", To: "c"}, {From: "c", To: "b"}}
	if got, err := timetableBound(chain, 8); err != nil || got != 8 {
		t.Errorf("chain: %d, %v; want 8", got, err)
	}
}
