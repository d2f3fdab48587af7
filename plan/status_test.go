package plan_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/workitem"
)

func TestStatusAndBacklogEvents(t *testing.T) {
	ctx := context.Background()
	p := committed(t)
	k := plan.DefaultChecker()
	st, err := k.Status(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plan.SubActivities() {
		if st[s] != plan.Pending {
			t.Errorf("%v is %v in an empty plan", s, st[s])
		}
	}
	if err := p.AddRequirement(backlog.Requirement{ID: "R1", Title: "Help desk training", Category: backlog.CategorySupportTraining, Timing: backlog.Before(5)}, by); err != nil {
		t.Fatal(err)
	}
	exp, err := p.Analyze(nil, backlog.ExpandOptions{Change: by})
	if err != nil || len(exp.Added) == 0 {
		t.Fatalf("Analyze: %v, %+v", err, exp)
	}
	again, err := p.Analyze(nil, backlog.ExpandOptions{Change: by})
	if err != nil || len(again.Added) != 0 {
		t.Errorf("second Analyze added %v (%v)", again.Added, err)
	}
	if err := p.TransitionBacklog("R1", workitem.Active, by); err != nil {
		t.Fatal(err)
	}
	if err := p.TransitionBacklog("R1", workitem.Proposed, lifecycle.Change{By: testBy, At: testAt, Reason: "Because"}); !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Errorf("unknown reason: %v", err)
	}
	var kinds []plan.EventKind
	for _, e := range p.History {
		kinds = append(kinds, e.Kind)
	}
	want := []plan.EventKind{plan.EventRequirement}
	for range exp.Added {
		want = append(want, plan.EventTask)
	}
	want = append(want, plan.EventRequirement)
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	st, err = k.Status(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	// Requirements are gathered but other expected categories are not.
	if st[plan.GatherRequirements] != plan.Underway || st[plan.AnalyzeRequirements] != plan.Underway {
		t.Errorf("status = %v", st)
	}
	// Waiving every other expected category finishes sub-activity 1.
	for _, info := range backlog.DefaultCatalogue().Expected() {
		if info.Category != backlog.CategorySupportTraining {
			if err := p.Waive(info.Category, "not part of this launch", by); err != nil {
				t.Fatal(err)
			}
		}
	}
	st, _ = k.Status(ctx, p)
	if st[plan.GatherRequirements] != plan.Done {
		rep, _ := k.Check(ctx, p, plan.Exit)
		t.Errorf("gather is %v: %v", st[plan.GatherRequirements], rep.For(plan.GatherRequirements))
	}
}
