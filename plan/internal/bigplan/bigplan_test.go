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
