package schedule

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// TestWindowSearchFigures prints what Level gives on the generated
// projects of issue 18 with the window search's node budget
// ROLLOUT_LEVEL_NODES (ROLLOUT_LEVEL_FIGURES=1; ROLLOUT_LEVEL_SIZE,
// ROLLOUT_LEVEL_ONLY the seeds, ROLLOUT_LEVEL_SPLIT=1 every task
// splittable).
func TestWindowSearchFigures(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	size, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_SIZE"))
	size = cmp.Or(size, 1000)
	for seed := uint64(1); seed <= 8; seed++ {
		if only := os.Getenv("ROLLOUT_LEVEL_ONLY"); only != "" && !slices.Contains(splitComma(only), strconv.Itoa(int(seed))) {
			continue
		}
		net := levelProject(seed, size, 50)
		for i := range net.Activities {
			net.Activities[i].Splittable = os.Getenv("ROLLOUT_LEVEL_SPLIT") == "1"
		}
		cfg := defaultConfig(len(net.Activities))
		if s := os.Getenv("ROLLOUT_LEVEL_NODES"); s != "" {
			cfg.nodes, _ = strconv.Atoi(s)
		}
		t0 := time.Now()
		l, err := levelWith(net, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %d %v %s", seed, l.Workdays(), time.Since(t0).Round(time.Millisecond), l.Method())
	}
}

// shaveBound returns the smallest makespan from lo, in workdays from the
// start, that the window search's propagation with shaving does not
// refute for a network levelled without splitting: no shorter schedule
// exists.
func shaveBound(n Network, lo int) (int, error) {
	c, err := Compile(n)
	if err != nil {
		return 0, err
	}
	base, err := c.Schedule(nil)
	if err != nil {
		return 0, err
	}
	lv, err := newLeveller(c, base.p, &n)
	if err != nil {
		return 0, err
	}
	ws := newWindowSearch(lv)
	for T := lv.start + int32(lo); ; T++ {
		r := &levelRun{times: make([]int32, 2*len(lv.dur)), ready: T, end: T}
		if ws.root(r, T) && ws.shaveAll() {
			return int(T - lv.start), nil
		}
	}
}

// shaveAll narrows every window by singleton consistency: a start at the
// edge of a window that propagation refutes once fixed is removed, until
// nothing changes. False when a window empties.
func (ws *windowSearch) shaveAll() bool {
	for changed := true; changed; {
		changed = false
		for v := range ws.es {
			v := int32(v)
			for ws.es[v] < ws.ls[v] {
				mark := len(ws.trail)
				e := ws.es[v]
				ok := ws.set(v, e, e) && ws.propagate()
				ws.undo(mark)
				if ok {
					break
				}
				changed = true
				if !ws.set(v, e+1, ws.ls[v]) || !ws.propagate() {
					return false
				}
			}
			for ws.es[v] < ws.ls[v] {
				mark := len(ws.trail)
				l := ws.ls[v]
				ok := ws.set(v, l, l) && ws.propagate()
				ws.undo(mark)
				if ok {
					break
				}
				changed = true
				if !ws.set(v, ws.es[v], l-1) || !ws.propagate() {
					return false
				}
			}
		}
	}
	return true
}

func TestShaveBoundFigures(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	for seed := uint64(1); seed <= 8; seed++ {
		net := levelProject(seed, 1000, 50)
		cp, _, err := levelBound(net)
		if err != nil {
			t.Fatal(err)
		}
		tt, err := timetableBound(net, cp)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		sb, err := shaveBound(net, tt)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: time-tabling %d, shaving %d (%v)", seed, tt, sb, time.Since(t0).Round(time.Millisecond))
	}
}

// TestShaveBoundExact checks that the window search's propagation with
// shaving never refutes a makespan that a schedule reaches, and that the
// search finds a valid schedule of the optimal makespan: on small
// random networks (cumulative resources of capacity 1 to 2, demands of 1
// or 2 units, links of the four types with lags of 0 to 2), the bound is
// at most the best makespan of the serial scheme over every order of the
// activities (which reaches an optimal schedule).
func TestShaveBoundExact(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18, 8))
	tight := 0
	for range 150 {
		na := 5 + rng.IntN(2)
		net := Network{Start: d("2027-01-04"), Resources: []Resource{{ID: "p", Capacity: 1 + rng.IntN(2)}, {ID: "q", Capacity: 1}}}
		for i := range na {
			a := Activity{ID: fmt.Sprintf("a%d", i), Duration: 1 + rng.IntN(3)}
			for _, r := range net.Resources {
				if rng.IntN(2) == 0 {
					a.Demands = append(a.Demands, Demand{Resource: r.ID, Units: 1 + rng.IntN(r.Capacity)})
				}
			}
			net.Activities = append(net.Activities, a)
			for j := range i {
				if rng.IntN(4) == 0 {
					net.Dependencies = append(net.Dependencies, Dependency{From: fmt.Sprintf("a%d", j), To: a.ID,
						Type: LinkTypes()[rng.IntN(4)], Lag: rng.IntN(3)})
				}
			}
		}
		c, err := Compile(net)
		if err != nil {
			t.Fatal(err)
		}
		base, err := c.Schedule(nil)
		if err != nil {
			t.Fatal(err)
		}
		lv, err := newLeveller(c, base.p, &net)
		if err != nil {
			t.Fatal(err)
		}
		opt := int32(1 << 30)
		perm := make([]int, na)
		for i := range perm {
			perm[i] = i
		}
		var walk func(k int)
		walk = func(k int) {
			if k == na {
				key := make([]int64, na)
				for i, v := range perm {
					key[v] = int64(i)
				}
				r, err := lv.forward(key, false)
				if err != nil {
					t.Fatal(err)
				}
				opt = min(opt, r.end-lv.start)
				return
			}
			for i := k; i < na; i++ {
				perm[k], perm[i] = perm[i], perm[k]
				walk(k + 1)
				perm[k], perm[i] = perm[i], perm[k]
			}
		}
		walk(0)
		cp := base.p.end - base.p.start
		got, err := shaveBound(net, int(cp))
		if err != nil {
			t.Fatal(err)
		}
		if int32(got) > opt {
			t.Fatalf("bound %d above the optimum %d for %+v", got, opt, net)
		}
		if int32(got) == opt && opt > cp {
			tight++
		}
		// The search finds a schedule ending at the optimum, and it
		// holds every link and capacity.
		ws := newWindowSearch(lv)
		end := lv.start + opt
		starts := ws.solve(&levelRun{times: make([]int32, 2*na), ready: end, end: end}, end, 1_000_000)
		if starts == nil {
			t.Fatalf("no schedule of %d workdays found for %+v", opt, net)
		}
		use := map[[2]int32]int{}
		for v := range na {
			if f := starts[v] + lv.dur[v]; starts[v] < lv.start || f > end {
				t.Errorf("%s at %d..%d, outside %d..%d", c.ID(v), starts[v], f, lv.start, end)
			}
			for _, dm := range net.Activities[c.Input(v)].Demands {
				for day := starts[v]; day < starts[v]+lv.dur[v]; day++ {
					k := [2]int32{day, int32(mustResource(net, dm.Resource))}
					if use[k] += dm.Units; use[k] > net.Resources[k[1]].Capacity {
						t.Errorf("%s over capacity on %d", dm.Resource, day)
					}
				}
			}
		}
		for _, dep := range net.Dependencies {
			u, _ := c.Index(dep.From)
			w, _ := c.Index(dep.To)
			if !respectedTimes(dep, starts[u], starts[u]+lv.dur[u], starts[w], starts[w]+lv.dur[w]) {
				t.Errorf("search breaks %+v", dep)
			}
		}
	}
	t.Logf("%d of 150 bounds above the critical path reach the optimum", tight)
}

// TestLevelSearchProperties levels random networks (links of every type
// with lags and leads, start constraints, a deadline, finish-no-later-than
// dates, resources of capacity 1 to 2) by the baseline scheme and then the
// window search, so that the search has something to find, and checks that
// the search's schedules keep every capacity and dependency, explain every
// delay, are no worse than the baseline's and are deterministic.
func TestLevelSearchProperties(t *testing.T) {
	t.Parallel()
	found := 0
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 31))
		net := randomNetwork(rng, 20+rng.IntN(60), rng.IntN(80), true)
		for r := range 1 + rng.IntN(3) {
			net.Resources = append(net.Resources, Resource{ID: fmt.Sprintf("r%d", r), Capacity: 1 + rng.IntN(2)})
		}
		for i := range net.Activities {
			a := &net.Activities[i]
			r := net.Resources[rng.IntN(len(net.Resources))]
			a.Demands = []Demand{{Resource: r.ID, Units: 1 + rng.IntN(r.Capacity)}}
			if rng.IntN(8) == 0 {
				a.FinishNoLaterThan = net.Start.AddDays(10 + rng.IntN(60))
			}
		}
		if _, err := Schedule(net); err != nil {
			continue // a finish-no-later-than date before a start constraint
		}
		cfg := levelConfig{schemes: baselineSchemes, nodes: 4 * len(net.Activities)}
		base, err := levelWith(net, levelConfig{schemes: baselineSchemes})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		l, err := levelWith(net, cfg)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if strings.HasSuffix(l.Method(), ", searched") {
			found++
		}
		c, p := l.c, l.base.p
		use := map[[2]int]int{}
		for v := 0; v < c.Len(); v++ {
			s, f := l.times[2*v], l.times[2*v+1]
			if f-s != p.Duration(v) || s < p.EarlyStart(v) {
				t.Errorf("seed %d: %s at %d..%d, early start %d", seed, c.ID(v), s, f, p.EarlyStart(v))
			}
			for _, dm := range net.Activities[c.Input(v)].Demands {
				for day := s; day < f; day++ {
					k := [2]int{int(day), mustResource(net, dm.Resource)}
					if use[k] += dm.Units; use[k] > net.Resources[k[1]].Capacity {
						t.Errorf("seed %d: %s over capacity on %d", seed, dm.Resource, day)
					}
				}
			}
		}
		for i, dep := range net.Dependencies {
			u, _ := c.Index(dep.From)
			w, _ := c.Index(dep.To)
			if !respectedTimes(dep, l.times[2*u], l.times[2*u+1], l.times[2*w], l.times[2*w+1]) {
				t.Errorf("seed %d: breaks dependency %d %+v", seed, i, dep)
			}
		}
		for _, dl := range l.Delays() {
			if dl.Days <= 0 || !dl.To.After(dl.From) || dl.Resource == "" {
				t.Errorf("seed %d: bad delay %+v", seed, dl)
			}
		}
		late := func(l *Levelled) (days int) {
			for _, m := range l.Missed() {
				days += m.Days
			}
			return days
		}
		if lb, lw := late(base), late(l); lw > lb || lw == lb && l.Workdays() > base.Workdays() {
			t.Errorf("seed %d: searched %d workdays, %d late; baseline %d, %d late", seed, l.Workdays(), lw, base.Workdays(), lb)
		}
		again, err := levelWith(net, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(l.Timings(), again.Timings()); diff != "" {
			t.Errorf("seed %d: not deterministic:\n%s", seed, diff)
		}
	}
	if found < 5 {
		t.Errorf("the search shortened %d of 40 schedules, want at least 5", found)
	}
	t.Logf("the search shortened %d of 40 schedules", found)
}
