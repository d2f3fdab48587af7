package plan_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
)

// TestChangeRuleRefusesIncompleteChanges witnesses that the plan's
// recording methods apply lifecycle's rule (By and At required) before
// changing anything, also those that record without a machine.
func TestChangeRuleRefusesIncompleteChanges(t *testing.T) {
	for _, ch := range []lifecycle.Change{{}, {By: "ann"}, {At: plantest.NotifiedAt()}} {
		for name, move := range map[string]func(p *plan.Plan) error{
			"Notify": func(p *plan.Plan) error {
				return p.Notify(plan.Notification{From: "ipmo", At: plantest.NotifiedAt()}, ch)
			},
			"AddResource":   func(p *plan.Plan) error { return p.AddResource(resource.Resource{ID: "zz", Name: "Zed"}, ch) },
			"Unassign":      func(p *plan.Plan) error { return p.Unassign(plan.ReleaseManager, "nobody", ch) },
			"Waive":         func(p *plan.Plan) error { return p.Waive(backlog.CategoryCutover, "because", ch) },
			"Reopen":        func(p *plan.Plan) error { return p.Reopen(ch) },
			"RemoveBacklog": func(p *plan.Plan) error { return p.RemoveFromBacklog("R1", ch) },
			"TakeBaseline": func(p *plan.Plan) error {
				_, err := p.TakeBaseline("b1", ch)
				return err
			},
			"Start": func(p *plan.Plan) error {
				_, err := p.Start(context.Background(), plan.DefaultChecker(), ch)
				return err
			},
			"CheckGate": func(p *plan.Plan) error {
				_, err := p.CheckGate(context.Background(), plan.DefaultChecker(), plan.Exit, ch)
				return err
			},
		} {
			p := plantest.Committed(t)
			before, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			err = move(p)
			if !errors.Is(err, lifecycle.ErrChangeIncomplete) || !errors.Is(err, validation.ErrRequired) {
				t.Errorf("%s(%+v): %v, want ErrChangeIncomplete", name, ch, err)
			}
			after, _ := json.Marshal(p)
			if diff := cmp.Diff(string(before), string(after)); diff != "" {
				t.Errorf("%s(%+v) changed the plan (-before +after):\n%s", name, ch, diff)
			}
		}
	}
}
