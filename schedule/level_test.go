package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLevelSmall(t *testing.T) {
	// Two trainings need the only training room; "sales" is on the
	// critical path (it feeds the launch), "support" has float, so
	// "support" waits. "kit" needs 2 of 3 demo kits alongside "demo".
	n := Network{
		Start:    d("2027-03-01"),
		Deadline: d("2027-03-10"),
		Resources: []Resource{
			{ID: "room", Capacity: 1},
			{ID: "kits", Capacity: 3},
		},
		Activities: []Activity{
			{ID: "support", Duration: 3, Demands: []Demand{{Resource: "room", Units: 1}}},
			{ID: "sales", Duration: 3, Demands: []Demand{{Resource: "room", Units: 1}}},
			{ID: "launch", Duration: 1},
			{ID: "demo", Duration: 2, Demands: []Demand{{Resource: "kits", Units: 2}}},
			{ID: "kit", Duration: 1, Demands: []Demand{{Resource: "kits", Units: 2}}},
		},
		Dependencies: []Dependency{{From: "sales", To: "launch"}, {From: "launch", To: "demo", Type: StartToStart}},
	}
	l, err := Level(n)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tm := range l.Timings() {
		got[tm.ID] = tm.Start.String() + ".." + tm.Finish.String()
	}
	want := map[string]string{
		"sales":   "2027-03-01..2027-03-03",
		"support": "2027-03-04..2027-03-08",
		"launch":  "2027-03-04..2027-03-04",
		"demo":    "2027-03-04..2027-03-05",
		"kit":     "2027-03-01..2027-03-01",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("levelled (-want +got):\n%s", diff)
	}
	wantDelays := []Delay{{ID: "support", Days: 3, Resource: "room", From: d("2027-03-01"), To: d("2027-03-04")}}
	if diff := cmp.Diff(wantDelays, l.Delays()); diff != "" {
		t.Errorf("delays (-want +got):\n%s", diff)
	}
	if !l.MeetsDeadline() || l.Ready() != d("2027-03-08") || l.Slack() != 2 {
		t.Errorf("ready %s slack %d", l.Ready(), l.Slack())
	}
	// Tighten the deadline: the levelled plan misses it, the unlevelled
	// one does not.
	n.Deadline = d("2027-03-05")
	l, err = Level(n)
	if err != nil {
		t.Fatal(err)
	}
	if l.MeetsDeadline() || !l.Unlevelled().MeetsDeadline() || l.Slack() != -1 {
		t.Errorf("levelled slack %d, unlevelled %d", l.Slack(), l.Unlevelled().Slack())
	}
}

// randomResourceNetwork adds resources and demands to a random network.
func randomResourceNetwork(rng *rand.Rand, n, links, resources int) Network {
	net := randomNetwork(rng, n, links, true)
	for r := 0; r < resources; r++ {
		net.Resources = append(net.Resources, Resource{ID: fmt.Sprintf("r%02d", r), Capacity: 1 + rng.IntN(4)})
	}
	for i := range net.Activities {
		for _, r := range rng.Perm(resources)[:rng.IntN(min(3, resources+1))] {
			net.Activities[i].Demands = append(net.Activities[i].Demands, Demand{Resource: net.Resources[r].ID, Units: 1 + rng.IntN(net.Resources[r].Capacity)})
		}
	}
	return net
}

func TestLevelProperties(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		net := randomResourceNetwork(rng, 5+rng.IntN(60), rng.IntN(100), 1+rng.IntN(5))
		l, err := Level(net)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
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
					use[[2]int{int(day), int(mustResource(net, dm.Resource))}] += dm.Units
				}
			}
		}
		for k, u := range use {
			if capa := net.Resources[k[1]].Capacity; u > capa {
				t.Errorf("seed %d: resource %s day %d holds %d > %d", seed, net.Resources[k[1]].ID, k[0], u, capa)
			}
		}
		for i, dep := range net.Dependencies {
			u, _ := c.Index(dep.From)
			w, _ := c.Index(dep.To)
			if !respected(dep, l.times[2*u], p.Duration(u), l.times[2*w], p.Duration(w)) {
				t.Errorf("seed %d: levelled schedule breaks dependency %d %+v", seed, i, dep)
			}
		}
		for _, dl := range l.Delays() {
			if dl.Days <= 0 || !dl.To.After(dl.From) || dl.Resource == "" {
				t.Errorf("seed %d: bad delay %+v", seed, dl)
			}
		}
		again, _ := Level(net)
		if diff := cmp.Diff(l.Timings(), again.Timings()); diff != "" {
			t.Errorf("seed %d: not deterministic:\n%s", seed, diff)
		}
		// Without demands, levelling changes nothing.
		for i := range net.Activities {
			net.Activities[i].Demands = nil
		}
		plain, err := Level(net)
		if err != nil {
			t.Fatal(err)
		}
		if len(plain.Delays()) != 0 {
			t.Errorf("seed %d: delays without demands", seed)
		}
		for _, tm := range plain.Timings() {
			e, _ := plain.Unlevelled().Timing(tm.ID)
			if tm.Start != e.EarlyStart || tm.Finish != e.EarlyFinish || tm.Shift != 0 {
				t.Errorf("seed %d: %s levelled %+v, early %+v", seed, tm.ID, tm, e)
			}
		}
	}
}

func mustResource(n Network, id string) int {
	for i, r := range n.Resources {
		if r.ID == id {
			return i
		}
	}
	panic("no resource " + id)
}
