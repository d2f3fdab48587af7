package schedule

import (
	"container/heap"
	"slices"
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
