package forecast

import (
	"errors"
	"fmt"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
)

// Model is a network and an input, checked and compiled once, ready to be
// run many times (with other seeds, iterations or workers). It is
// immutable and safe for concurrent use.
type Model struct {
	c       *schedule.Compiled
	dist    Distribution
	ids     []string // activity IDs in the order of Network.Activities
	riskIDs []string
	base    []int32 // durations by compiled index, estimates applied
	est     []estimate
	risks   []risk

	// Predecessors by compiled successor, in CSR form: entries off[v] to
	// mid[v] constrain v's start, mid[v] to off[v+1] its finish. src is
	// 2u for a link from u's start, 2u+1 from its finish.
	off, mid, src, lag []int32
	post               []bool // after the release

	useEnd   bool  // no release work: the finish is the network's end
	det      int32 // finish index of the deterministic schedule
	detDate  calendar.Date
	deadline int32 // exclusive deadline index
	hasDL    bool
	// due lists the release activities with a finish-no-later-than date
	// and dueBy their exclusive finish bounds: a run is on time only if
	// each meets its own date as well as the deadline.
	due, dueBy []int32
}

type estimate struct {
	v int32 // compiled index
	s sampler
}

type risk struct {
	p       float64
	s       sampler
	targets []int32 // compiled indices
}

// NewModel checks the network and the input and compiles them. Network
// problems come back as schedule.Compile reports them (a
// validation.List, or a *schedule.CycleError); input problems as a
// validation.List (see Input.Validate).
//
// A network without a start date is scheduled backwards by package
// schedule; a forecast needs a fixed start, so NewModel anchors it at the
// start of its deterministic (backward) schedule and simulates forwards
// from there.
func NewModel(net schedule.Network, in Input) (*Model, error) {
	det, err := schedule.Schedule(net)
	if err != nil {
		return nil, err
	}
	c := det.Compiled()
	if c.Backward() {
		net.Start = det.Start()
		if c, err = schedule.Compile(net); err != nil {
			return nil, err
		}
	}
	has := func(id string) bool { _, ok := c.Index(id); return ok }
	if err := in.Validate(has); err != nil {
		return nil, err
	}
	n := c.Len()
	m := &Model{c: c, dist: in.Distribution, ids: make([]string, n), base: c.Durations(), post: make([]bool, n)}
	for i := range net.Activities {
		m.ids[i] = net.Activities[i].ID
	}
	cache := make(map[paramKey]*params)
	m.est = make([]estimate, len(in.Estimates))
	for i, e := range in.Estimates {
		v, _ := c.Index(e.Activity)
		m.est[i] = estimate{v: int32(v), s: newSampler(e.ThreePoint, in.Distribution, cache)}
	}
	m.risks = make([]risk, len(in.Risks))
	m.riskIDs = make([]string, len(in.Risks))
	for i, r := range in.Risks {
		rk := risk{p: r.Probability, s: newSampler(r.Delay, in.Distribution, cache), targets: make([]int32, len(r.Activities))}
		for j, id := range r.Activities {
			v, _ := c.Index(id)
			rk.targets[j] = int32(v)
		}
		m.risks[i] = rk
		m.riskIDs[i] = r.ID
	}
	m.useEnd = true
	for v := range n {
		m.post[v] = c.AfterRelease(v)
		if !m.post[v] {
			m.useEnd = false
			if by, ok := c.FinishNoLaterThan(v); ok {
				m.due, m.dueBy = append(m.due, int32(v)), append(m.dueBy, by)
			}
		}
	}
	m.buildPreds(net.Dependencies)
	m.deadline, m.hasDL = c.Deadline()

	p := c.NewPass()
	if err := p.Run(nil); err != nil {
		return nil, err
	}
	m.det = m.finish(p)
	if m.detDate, err = c.Date(m.det - 1); err != nil {
		return nil, err
	}
	return m, nil
}

// buildPreds fills the predecessor lists in compiled order. Package
// schedule keeps its own unexported; the criticality trace needs them.
func (m *Model) buildPreds(deps []schedule.Dependency) {
	n := m.c.Len()
	m.off = make([]int32, n+1)
	m.mid = make([]int32, n)
	startIn := make([]int32, n)
	for _, d := range deps {
		w, _ := m.c.Index(d.To)
		m.off[w+1]++
		if d.Type == schedule.FinishToStart || d.Type == schedule.StartToStart {
			startIn[w]++
		}
	}
	for v := range n {
		m.off[v+1] += m.off[v]
		m.mid[v] = m.off[v] + startIn[v]
	}
	m.src = make([]int32, len(deps))
	m.lag = make([]int32, len(deps))
	fa, fb := startIn, make([]int32, n)
	for v := range n {
		fa[v], fb[v] = m.off[v], m.mid[v]
	}
	for _, d := range deps {
		u, _ := m.c.Index(d.From)
		w, _ := m.c.Index(d.To)
		var k int32
		if d.Type == schedule.FinishToStart || d.Type == schedule.StartToStart {
			k, fa[w] = fa[w], fa[w]+1
		} else {
			k, fb[w] = fb[w], fb[w]+1
		}
		s := 2 * int32(u)
		if d.Type == schedule.FinishToStart || d.Type == schedule.FinishToFinish {
			s++
		}
		m.src[k], m.lag[k] = s, int32(d.Lag)
	}
}

// onTime reports whether a run whose finish is f meets every deadline:
// the release work ready by the deadline, and every release activity
// finished by its own finish-no-later-than date.
func (m *Model) onTime(p *schedule.Pass, f int32) bool {
	if m.useEnd {
		return true
	}
	if m.hasDL && f > m.deadline {
		return false
	}
	for k, v := range m.due {
		if p.EarlyFinish(int(v)) > m.dueBy[k] {
			return false
		}
	}
	return true
}

// finish returns the finish index of a run: the exclusive finish of the
// release work, or of the whole network when it has no release work.
func (m *Model) finish(p *schedule.Pass) int32 {
	if m.useEnd {
		return p.End()
	}
	return p.Ready()
}

// Compiled returns the compiled network the model simulates (anchored at
// a start date).
func (m *Model) Compiled() *schedule.Compiled { return m.c }

// Deterministic returns the finish of the critical-path schedule with the
// network's own durations: the last workday of the release work (of the
// whole network when every activity is after the release).
func (m *Model) Deterministic() calendar.Date { return m.detDate }

// errPass should never happen: Pass.Run fails only for a wrong number of
// durations.
var errPass = errors.New("forecast: internal error: scheduling pass failed")

func wrapPass(err error) error { return fmt.Errorf("%w: %w", errPass, err) }
