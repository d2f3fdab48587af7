package plan_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
)

// TestLatestBaseline: the empty name means the latest baseline.
func TestLatestBaseline(t *testing.T) {
	p := plantest.Committed(t)
	if _, ok := p.Baseline(""); ok {
		t.Error("a plan without baselines has a latest one")
	}
	if _, err := p.CompareWithBaseline(""); !errors.Is(err, plan.ErrNoBaseline) {
		t.Errorf("CompareWithBaseline(\"\") without baselines: %v", err)
	}
	for _, name := range []string{"committed", "replanned"} {
		if _, err := p.TakeBaseline(name, plantest.Change()); err != nil {
			t.Fatal(err)
		}
	}
	if b, ok := p.Baseline(""); !ok || b.Name != "replanned" {
		t.Errorf("latest baseline %q, %v; want replanned", b.Name, ok)
	}
	if b, ok := p.Baseline("committed"); !ok || b.Name != "committed" {
		t.Errorf("named baseline %q, %v", b.Name, ok)
	}
	c, err := p.CompareWithBaseline("")
	if err != nil || len(c.Differences) != 0 {
		t.Errorf("comparison with the latest baseline just taken: %+v, %v", c.Differences, err)
	}
}
