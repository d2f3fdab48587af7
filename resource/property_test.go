package resource_test

import (
	"math"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
)

// TestLoadConservesQuantity checks on a random pool that the load analysis
// places every demanded hour exactly once, and every seat and unit on each
// workday of its range.
func TestLoadConservesQuantity(t *testing.T) {
	p := bigPool(t, 60, 5000)
	rep, err := p.Load(calendar.Date{}, calendar.Date{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	for i := range p.Demands {
		dm := &p.Demands[i]
		if dm.ResourceID == "" {
			continue
		}
		r, _ := p.Resource(dm.ResourceID)
		cal, _ := p.Calendar(r.Calendar)
		days := cal.WorkdaysBetween(dm.From, dm.To.AddDays(1))
		switch {
		case days == 0:
		case dm.Quantity.Unit == resource.UnitHours:
			want[r.ID] += dm.Quantity.Value
		default:
			want[r.ID] += dm.Quantity.Value * float64(days)
		}
	}
	for _, rl := range rep.Resources {
		got, capacity := rl.Total()
		if math.Abs(got-want[rl.ResourceID]) > 1e-6*max(1, got) {
			t.Errorf("%s: load %v, demanded %v", rl.ResourceID, got, want[rl.ResourceID])
		}
		var weekly float64
		for _, w := range rl.Weeks() {
			weekly += w.Capacity
		}
		if math.Abs(weekly-capacity) > 1e-6 {
			t.Errorf("%s: weekly capacity %v, daily %v", rl.ResourceID, weekly, capacity)
		}
	}
	// Every over-allocated day is reported once, and only those.
	reported := map[string]int{}
	for _, o := range rep.OverAllocations {
		for _, day := range o.Days {
			reported[o.ResourceID+day.Date.String()]++
			if day.Load <= day.Capacity {
				t.Errorf("%s on %s reported with load %v capacity %v", o.ResourceID, day.Date, day.Load, day.Capacity)
			}
		}
		if len(o.Demands) == 0 {
			t.Errorf("over-allocation %s without a cause", o.String())
		}
	}
	over := 0
	for _, rl := range rep.Resources {
		for i := range rl.Load {
			if rl.Load[i] > rl.Capacity[i]+1e-6*max(1, rl.Capacity[i]) {
				over++
				if reported[rl.ResourceID+rl.From.AddDays(i).String()] != 1 {
					t.Errorf("%s on %s over but reported %d times", rl.ResourceID, rl.From.AddDays(i), reported[rl.ResourceID+rl.From.AddDays(i).String()])
				}
			}
		}
	}
	if over == 0 || over != len(reported) {
		t.Errorf("%d over-allocated days, %d reported", over, len(reported))
	}
}

// TestCoverageOfFreshCommitments checks that a demand committed on its own
// terms against the revision asked about is covered, and that changing it
// uncovers it.
func TestCoverageOfFreshCommitments(t *testing.T) {
	p := bigPool(t, 20, 2000)
	for i, c := range p.Coverage(resource.AnyRevision) {
		dm := &p.Demands[i]
		changed := i%20 == 0 && dm.Quantity.Unit != resource.UnitMoney
		switch {
		case changed && (c.Status == resource.Covered || len(c.Stale) != 1):
			t.Errorf("%s changed but %v, stale %v", dm.ID, c.Status, c.Stale)
		case !changed && c.Status != resource.Covered:
			t.Errorf("%s unchanged but %v (gap %v)", dm.ID, c.Status, c.Gap)
		}
	}
	for i, c := range p.Coverage(2) {
		if i%10 == 0 && c.Status == resource.Covered {
			t.Errorf("%s committed against r1 counts for r2", c.DemandID)
		}
	}
}
