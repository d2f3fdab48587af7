package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
)

// randomNetwork returns a random acyclic network of n activities: links go
// from a lower to a higher index, of every type, with lags from -3 to 5.
// Some activities get demands on a few resources.
func randomNetwork(rng *rand.Rand, n, links int, withDeadline bool) Network {
	net := Network{Start: d("2027-01-04")}
	for i := 0; i < n; i++ {
		a := Activity{ID: fmt.Sprintf("a%03d", i), Duration: rng.IntN(6)}
		if rng.IntN(8) == 0 {
			a.Duration = 0
		}
		if rng.IntN(10) == 0 {
			a.StartNoEarlierThan = net.Start.AddDays(rng.IntN(20))
		}
		net.Activities = append(net.Activities, a)
	}
	for k := 0; k < links && n > 1; k++ {
		i := rng.IntN(n - 1)
		j := i + 1 + rng.IntN(n-i-1)
		net.Dependencies = append(net.Dependencies, Dependency{
			From: net.Activities[i].ID, To: net.Activities[j].ID,
			Type: LinkType(rng.IntN(4)), Lag: rng.IntN(9) - 3,
		})
	}
	if withDeadline {
		net.Deadline = net.Start.AddDays(20 + rng.IntN(60))
	}
	return net
}

// reference computes early starts by naive relaxation to a fixpoint, as an
// oracle independent of the compiled passes.
func reference(n Network, origin calendar.Date, cal *calendar.Calendar) map[string]int {
	es := map[string]int{}
	dur := map[string]int{}
	for _, a := range n.Activities {
		es[a.ID] = 0
		if !a.StartNoEarlierThan.IsZero() {
			w, _ := cal.RollForward(a.StartNoEarlierThan)
			es[a.ID] = cal.WorkdaysBetween(origin, w)
		}
		dur[a.ID] = a.Duration
	}
	for changed := true; changed; {
		changed = false
		for _, l := range n.Dependencies {
			var x int
			switch l.Type {
			case FinishToStart:
				x = es[l.From] + dur[l.From] + l.Lag
			case StartToStart:
				x = es[l.From] + l.Lag
			case FinishToFinish:
				x = es[l.From] + dur[l.From] + l.Lag - dur[l.To]
			case StartToFinish:
				x = es[l.From] + l.Lag - dur[l.To]
			}
			if x > es[l.To] {
				es[l.To] = x
				changed = true
			}
		}
	}
	return es
}

// respected reports whether the link holds between the given starts.
func respected(l Dependency, sFrom, dFrom, sTo, dTo int32) bool {
	lag := int32(l.Lag)
	switch l.Type {
	case FinishToStart:
		return sTo >= sFrom+dFrom+lag
	case StartToStart:
		return sTo >= sFrom+lag
	case FinishToFinish:
		return sTo+dTo >= sFrom+dFrom+lag
	default:
		return sTo+dTo >= sFrom+lag
	}
}

func TestPropertiesRandomNetworks(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		net := randomNetwork(rng, 5+rng.IntN(60), rng.IntN(150), seed%3 != 0)
		if seed%5 == 0 {
			net.Start = calendar.Date{}
			if net.Deadline.IsZero() {
				net.Deadline = d("2027-06-30")
			}
		}
		r, err := Schedule(net)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		c, p := r.Compiled(), r.Pass()
		if !c.Backward() {
			ref := reference(net, c.Origin(), c.Calendar())
			for v := 0; v < c.Len(); v++ {
				if got, want := p.EarlyStart(v), ref[c.ID(v)]; int(got) != want {
					t.Fatalf("seed %d: %s early start %d, reference %d", seed, c.ID(v), got, want)
				}
			}
		}
		met := r.MeetsDeadline()
		for i, l := range net.Dependencies {
			u, _ := c.Index(l.From)
			w, _ := c.Index(l.To)
			if !respected(l, p.EarlyStart(u), p.Duration(u), p.EarlyStart(w), p.Duration(w)) {
				t.Errorf("seed %d: early dates break dependency %d %+v", seed, i, l)
			}
			if !respected(l, p.LateStart(u), p.Duration(u), p.LateStart(w), p.Duration(w)) {
				t.Errorf("seed %d: late dates break dependency %d %+v", seed, i, l)
			}
			// In dates too: a finish-to-start link with no lag puts the
			// successor strictly after the predecessor's last workday.
			tu, _ := r.Timing(l.From)
			tw, _ := r.Timing(l.To)
			if l.Type == FinishToStart && l.Lag == 0 && tu.Duration > 0 && tw.Duration > 0 && !tw.EarlyStart.After(tu.EarlyFinish) {
				t.Errorf("seed %d: %s starts %s, not after %s finishes %s", seed, l.To, tw.EarlyStart, l.From, tu.EarlyFinish)
			}
		}
		sawCritical := false
		for _, tm := range r.Timings() {
			if tm.EarlyStart.Before(r.Start()) && tm.Duration > 0 {
				t.Errorf("seed %d: %s starts %s before the project %s", seed, tm.ID, tm.EarlyStart, r.Start())
			}
			if tm.LateStart.Before(tm.EarlyStart) != (tm.TotalFloat < 0) && tm.Duration > 0 {
				t.Errorf("seed %d: %s dates and float disagree: %+v", seed, tm.ID, tm)
			}
			if tm.FreeFloat < 0 || (tm.TotalFloat >= 0 && tm.FreeFloat > tm.TotalFloat) {
				t.Errorf("seed %d: %s free float %d total %d", seed, tm.ID, tm.FreeFloat, tm.TotalFloat)
			}
			if met && tm.TotalFloat < 0 {
				t.Errorf("seed %d: deadline met but %s has float %d", seed, tm.ID, tm.TotalFloat)
			}
			if tm.Critical {
				sawCritical = true
				if met && tm.TotalFloat != 0 {
					t.Errorf("seed %d: critical %s has float %d", seed, tm.ID, tm.TotalFloat)
				}
			}
			if !net.Deadline.IsZero() && !tm.AfterRelease && tm.LateFinish.After(r.Deadline()) {
				t.Errorf("seed %d: %s late finish %s after the deadline %s", seed, tm.ID, tm.LateFinish, r.Deadline())
			}
		}
		linked := map[[2]string]bool{}
		for _, l := range net.Dependencies {
			linked[[2]string{l.From, l.To}] = true
		}
		for _, path := range r.CriticalPaths(20) {
			for i, id := range path {
				if tm, _ := r.Timing(id); !tm.Critical {
					t.Errorf("seed %d: %s on critical path %v is not critical", seed, id, path)
				}
				if i > 0 && !linked[[2]string{path[i-1], id}] {
					t.Errorf("seed %d: critical path %v: no link %s -> %s", seed, path, path[i-1], id)
				}
			}
		}
		if sawCritical && len(r.CriticalPaths(1)) == 0 {
			t.Errorf("seed %d: critical activities but no critical path", seed)
		}
		if (net.Deadline.IsZero() || r.Slack() <= 0) && !sawCritical {
			t.Errorf("seed %d: no critical activity (slack %d)", seed, r.Slack())
		}
	}
}

func TestPassReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	net := randomNetwork(rng, 80, 200, true)
	c, err := Compile(net)
	if err != nil {
		t.Fatal(err)
	}
	p, fresh := c.NewPass(), c.NewPass()
	dur := c.Durations()
	for iter := 0; iter < 20; iter++ {
		for i := range dur {
			dur[i] = int32(rng.IntN(8))
		}
		if err := p.Run(dur); err != nil {
			t.Fatal(err)
		}
		early := c.NewPass()
		if err := early.RunEarly(dur); err != nil {
			t.Fatal(err)
		}
		// A reused Pass gives what a fresh one gives.
		_ = fresh.Run(dur)
		for v := 0; v < c.Len(); v++ {
			if p.EarlyStart(v) != fresh.EarlyStart(v) || p.LateFinish(v) != fresh.LateFinish(v) || early.EarlyFinish(v) != p.EarlyFinish(v) {
				t.Fatalf("iteration %d: %s differs", iter, c.ID(v))
			}
		}
		if early.Ready() != p.Ready() || early.End() != p.End() {
			t.Fatalf("RunEarly ready %d end %d, Run %d %d", early.Ready(), early.End(), p.Ready(), p.End())
		}
		fresh = c.NewPass()
	}
	if allocs := testing.AllocsPerRun(10, func() { _ = p.Run(dur) }); allocs != 0 {
		t.Errorf("Run allocates %v times", allocs)
	}
	if err := p.Run(dur[:3]); err == nil {
		t.Error("short durations accepted")
	}
}

func TestRunFromFinish(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		net := randomNetwork(rng, 10+rng.IntN(50), rng.IntN(120), true)
		for i := range net.Activities {
			net.Activities[i].StartNoEarlierThan = calendar.Date{} // no floors: float is never negative
		}
		if seed%4 == 0 {
			net.Start = calendar.Date{}
		}
		c, err := Compile(net)
		if err != nil {
			t.Fatal(err)
		}
		p := c.NewPass()
		if err := p.RunFromFinish(nil); err != nil {
			t.Fatal(err)
		}
		// Some release activity finishing at Ready is critical; no float is
		// negative; and the critical release activities form a chain from
		// one with no driving predecessor to one finishing at Ready.
		sawEnd := false
		for v := 0; v < c.Len(); v++ {
			if p.TotalFloat(v) < 0 {
				t.Fatalf("seed %d: %s float %d", seed, c.ID(v), p.TotalFloat(v))
			}
			if !c.AfterRelease(v) && p.EarlyFinish(v) == p.Ready() && p.Critical(v) {
				sawEnd = true
			}
		}
		if !sawEnd && c.Len() > 0 {
			t.Errorf("seed %d: nothing critical finishes at Ready", seed)
		}
		// The same as Run when the deadline is exactly Ready.
		q := c.NewPass()
		_ = q.Run(nil)
		if q.Ready() != p.Ready() || q.Start() != p.Start() {
			t.Errorf("seed %d: ready %d/%d start %d/%d", seed, q.Ready(), p.Ready(), q.Start(), p.Start())
		}
	}
}
