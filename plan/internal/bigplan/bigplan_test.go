package bigplan_test

import (
	"testing"

	"github.com/rolloutkit/rollout/plan/internal/bigplan"
)

func TestPlan(t *testing.T) {
	p, err := bigplan.Plan(200)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Backlog.NumTasks(); got != 200 {
		t.Errorf("%d tasks", got)
	}
	if _, err := p.Schedule(); err != nil {
		t.Fatal(err)
	}
}

func TestRollout(t *testing.T) {
	p, err := bigplan.Rollout(400, 12, 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Deployment.Waves) != 12 || len(p.Readiness.Items) != 300 || len(p.Decisions) != 1 {
		t.Errorf("%d waves, %d items, %d reviews", len(p.Deployment.Waves), len(p.Readiness.Items), len(p.Decisions))
	}
	if _, ok := p.Backlog.Task("W011/gate"); !ok {
		t.Error("the last wave is not planned as tasks")
	}
}
