package plan_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// TestErrorKinds pins that every refusal of the plan's methods matches one
// of the shared kinds of package validation: a service answers 404 for
// every not-found, whichever package refused, with one errors.Is.
func TestErrorKinds(t *testing.T) {
	fresh := func(t *testing.T) *plan.Plan {
		p := committed(t)
		p.Assign(plan.ReleaseManager, testChange, "Rita Release")
		p.Assign(plan.ProjectManager, testChange, "Pat Project")
		if err := p.OpenDecision("GNG-1", []string{"Rita Release"}, by); err != nil {
			t.Fatal(err)
		}
		if _, err := p.TakeBaseline("committed", by); err != nil {
			t.Fatal(err)
		}
		if err := p.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining, Priority: 2}, by); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		op   func(p *plan.Plan) error
		kind error
	}{
		{"unknown commitment", func(p *plan.Plan) error { return p.Commit("C9", by) }, validation.ErrNotFound},
		{"unknown demand", func(p *plan.Plan) error { return p.RequestCommitment("C1", "D9", by) }, validation.ErrNotFound},
		{"unknown review", func(p *plan.Plan) error { return p.CastVote("GNG-9", "Rita Release", plan.Go, "", by) }, validation.ErrNotFound},
		{"approver without a role", func(p *plan.Plan) error { return p.OpenDecision("GNG-2", []string{"Nobody"}, by) }, validation.ErrNotFound},
		{"unknown baseline", func(p *plan.Plan) error {
			_, err := p.CompareWithBaseline("nope")
			return err
		}, validation.ErrNotFound},
		{"unknown backlog item", func(p *plan.Plan) error { return p.TransitionBacklog("T9", workitem.Active, by) }, validation.ErrNotFound},
		{"unknown risk", func(p *plan.Plan) error { return p.TransitionRisk("R9", workitem.Active, by) }, validation.ErrNotFound},
		{"unknown risk to promote", func(p *plan.Plan) error {
			_, err := p.PromoteRisk("R9", "I9", by)
			return err
		}, validation.ErrNotFound},
		{"taken baseline name", func(p *plan.Plan) error {
			_, err := p.TakeBaseline("committed", by)
			return err
		}, validation.ErrDuplicate},
		{"taken requirement ID", func(p *plan.Plan) error {
			return p.AddRequirement(backlog.Requirement{ID: "R1", Title: "Again", Category: backlog.CategorySalesTraining, Priority: 2}, by)
		}, validation.ErrDuplicate},
		{"vote by a non-approver", func(p *plan.Plan) error { return p.CastVote("GNG-1", "Pat Project", plan.Go, "", by) }, validation.ErrForbidden},
		{"refused backlog transition", func(p *plan.Plan) error { return p.TransitionBacklog("R1", workitem.Proposed, by) }, validation.ErrConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op(fresh(t))
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v (%T) does not match %v", err, err, tt.kind)
			}
		})
	}

	rules := plan.DefaultRules()
	if err := rules.Disable("no.such.rule"); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("disabling an unknown rule: %v", err)
	}
	if err := rules.Add(rules.List()[0]); !errors.Is(err, validation.ErrDuplicate) {
		t.Errorf("adding a rule twice: %v", err)
	}
	if err := rules.Add(plan.Rule{}); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("adding an empty rule: %v", err)
	}
}
