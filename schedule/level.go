package schedule

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/calendar"
)

// maxHorizon bounds how far levelling may push work past the project
// start, in workdays; beyond it the dates would leave the calendar's range.
const maxHorizon = 1 << 22

// Delay is one activity that levelling had to postpone because a resource
// was full.
type Delay struct {
	// ID is the delayed activity.
	ID string `json:"id"`
	// Days is the delay in workdays beyond the earliest start that its
	// (levelled) predecessors and constraints allowed.
	Days int `json:"days"`
	// Resource is a resource that was full on a day the activity needed
	// when placed at that earliest start.
	Resource string `json:"resource"`
	// From is the earliest start it could have had; To the start it got.
	From calendar.Date `json:"from"`
	To   calendar.Date `json:"to"`
}

// LevelledTiming is the levelled schedule of one activity.
type LevelledTiming struct {
	ID       string `json:"id"`
	Duration int    `json:"duration"`
	// Start and Finish are the first and last workdays (equal for a
	// milestone).
	Start  calendar.Date `json:"start"`
	Finish calendar.Date `json:"finish"`
	// Shift is how many workdays later than its unlevelled early start
	// the activity starts, whether delayed itself or by its predecessors.
	Shift int `json:"shift"`
}

// Levelled is a schedule that respects resource capacities as well as
// every dependency and start constraint. Build one with Level.
type Levelled struct {
	c      *Compiled
	base   *Result
	times  []int32 // 2v: start, 2v+1: exclusive finish
	side   []bool
	dm     dateMap
	ready  int32
	end    int32
	delays []Delay
}

// Level schedules n with its resource limits, by a serial schedule
// generation scheme: activities are taken one at a time, always the one of
// least total float in the unlevelled schedule (ties by ID) among those
// whose predecessors are all placed, and each is placed at the earliest
// workday at which its dependencies and constraints hold and every
// resource it needs has the units free for its whole duration. The result
// is deterministic, never exceeds a capacity and respects every
// dependency; finish-no-later-than constraints and the deadline may be
// missed, which Slack and MeetsDeadline report.
//
// Errors are those of Schedule, and ErrOutOfRange when the levelled
// schedule would run past the calendar's range.
func Level(n Network) (*Levelled, error) {
	c, err := Compile(n)
	if err != nil {
		return nil, err
	}
	base, err := c.Schedule(nil)
	if err != nil {
		return nil, err
	}
	na := len(c.ids)
	p := base.p
	// Priority: least total float, then ID.
	rank := make([]int32, na)
	{
		order := make([]int32, na)
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(cmp.Compare(p.TotalFloat(int(a)), p.TotalFloat(int(b))), cmp.Compare(c.ids[a], c.ids[b]))
		})
		for r, v := range order {
			rank[v] = int32(r)
		}
	}
	// Demands by compiled index, with resources by position.
	resIdx := make(map[string]int32, len(n.Resources))
	capacity := make([]int32, len(n.Resources))
	for i, r := range n.Resources {
		resIdx[r.ID] = int32(i)
		capacity[i] = int32(r.Capacity)
	}
	demOff := make([]int32, na+1)
	for i := range n.Activities {
		demOff[c.pos[i]+1] = int32(len(n.Activities[i].Demands))
	}
	for v := 0; v < na; v++ {
		demOff[v+1] += demOff[v]
	}
	demRes := make([]int32, demOff[na])
	demUnits := make([]int32, demOff[na])
	for i := range n.Activities {
		k := demOff[c.pos[i]]
		for _, dm := range n.Activities[i].Demands {
			demRes[k], demUnits[k] = resIdx[dm.Resource], int32(dm.Units)
			k++
		}
	}
	use := make([]profile, len(n.Resources)) // units in use by workday from the start
	start := p.start

	indeg := make([]int32, na)
	for v := 0; v < na; v++ {
		indeg[v] = c.predOff[v+1] - c.predOff[v]
	}
	h := &rankHeap{rank: rank}
	for v := 0; v < na; v++ {
		if indeg[v] == 0 {
			h.push(int32(v))
		}
	}
	times := make([]int32, 2*na)
	type delay struct {
		v, from, to, res int32
	}
	var delays []delay
	for h.len() > 0 {
		v := int(h.pop())
		d := p.dur[v]
		es := max(start, c.floor[v])
		for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
			x := times[c.predSrc[k]] + c.predLag[k]
			if k >= c.predMid[v] {
				x -= d
			}
			es = max(es, x)
		}
		s, firstRes := es, int32(-1)
		if d > 0 {
		search:
			for {
				if int64(s)+int64(d)-int64(start) > maxHorizon {
					return nil, fmt.Errorf("schedule: levelling %s beyond %d workdays: %w", quote(c.ids[v]), maxHorizon, ErrOutOfRange)
				}
				for j := demOff[v]; j < demOff[v+1]; j++ {
					r, u := demRes[j], demUnits[j]
					row := &use[r]
					// From the last day back, so that a conflict moves
					// the candidate past every earlier day at once.
					for t := s + d - 1; t >= s; t-- {
						if row.get(t-start)+u > capacity[r] {
							if firstRes < 0 {
								firstRes = r
							}
							s = t + 1
							continue search
						}
					}
				}
				break
			}
			for j := demOff[v]; j < demOff[v+1]; j++ {
				r, u := demRes[j], demUnits[j]
				for t := s; t < s+d; t++ {
					use[r].add(t-start, u)
				}
			}
		}
		if s > es {
			delays = append(delays, delay{int32(v), es, s, firstRes})
		}
		times[2*v], times[2*v+1] = s, s+d
		for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
			w := c.succDst[k] >> 1
			indeg[w]--
			if indeg[w] == 0 {
				h.push(w)
			}
		}
	}
	l := &Levelled{c: c, base: base, times: times, ready: start, end: start}
	lo, hi := start-1, start+1
	if c.hasDL {
		lo, hi = min(lo, c.deadline-1), max(hi, c.deadline)
	}
	for v := 0; v < na; v++ {
		ef := times[2*v+1]
		lo, hi = min(lo, times[2*v]-1), max(hi, ef)
		l.end = max(l.end, ef)
		if !c.post[v] {
			l.ready = max(l.ready, ef)
		}
	}
	l.side = c.sides(times, p.dur, start)
	if l.dm, err = c.dateTable(lo, hi); err != nil {
		return nil, err
	}
	for _, dl := range delays {
		l.delays = append(l.delays, Delay{
			ID: c.ids[dl.v], Days: int(dl.to - dl.from), Resource: n.Resources[dl.res].ID,
			From: l.date(dl.from), To: l.date(dl.to),
		})
	}
	return l, nil
}

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

// rankHeap is a binary min-heap of activities by rank.
type rankHeap struct {
	rank []int32
	a    []int32
}

func (h *rankHeap) len() int { return len(h.a) }

func (h *rankHeap) less(i, j int) bool { return h.rank[h.a[i]] < h.rank[h.a[j]] }

func (h *rankHeap) push(v int32) {
	h.a = append(h.a, v)
	for i := len(h.a) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.a[i], h.a[p] = h.a[p], h.a[i]
		i = p
	}
}

func (h *rankHeap) pop() int32 {
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
	return top
}

func (l *Levelled) date(i int32) calendar.Date { return l.dm.at(i) }

// Unlevelled returns the schedule before levelling, whose total float set
// the priorities.
func (l *Levelled) Unlevelled() *Result { return l.base }

// Delays returns every delay levelling made, in the order the activities
// were placed.
func (l *Levelled) Delays() []Delay { return slices.Clone(l.delays) }

// Timing returns the levelled schedule of the activity, or an error
// wrapping ErrUnknownID.
func (l *Levelled) Timing(id string) (LevelledTiming, error) {
	v, ok := l.c.Index(id)
	if !ok {
		return LevelledTiming{}, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	return l.timing(int(v)), nil
}

// Timings returns the levelled schedule of every activity, in the order of
// Network.Activities.
func (l *Levelled) Timings() []LevelledTiming {
	out := make([]LevelledTiming, len(l.c.ids))
	for i := range out {
		out[i] = l.timing(int(l.c.pos[i]))
	}
	return out
}

func (l *Levelled) timing(v int) LevelledTiming {
	s, f := l.times[2*v], l.times[2*v+1]
	t := LevelledTiming{ID: l.c.ids[v], Duration: int(f - s), Shift: int(s - l.base.p.early[2*v])}
	if f > s {
		t.Start, t.Finish = l.date(s), l.date(f-1)
		return t
	}
	if l.side[v] {
		s--
	}
	t.Start, t.Finish = l.date(s), l.date(s)
	return t
}

// Ready returns the last workday of the release work in the levelled
// schedule.
func (l *Levelled) Ready() calendar.Date { return l.date(l.ready - 1) }

// Finish returns the last workday of the whole levelled network.
func (l *Levelled) Finish() calendar.Date { return l.date(l.end - 1) }

// Slack returns the workdays between Ready and the deadline: negative when
// levelling makes the release work miss it, 0 without a deadline.
func (l *Levelled) Slack() int {
	if !l.c.hasDL {
		return 0
	}
	return int(l.c.deadline - l.ready)
}

// MeetsDeadline reports whether the levelled release work is ready by the
// deadline (true without one).
func (l *Levelled) MeetsDeadline() bool { return l.Slack() >= 0 }
