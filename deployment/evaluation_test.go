package deployment_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// move is one call of Transition or PassPointOfNoReturn.
type move struct {
	wave     string
	to       deployment.EvaluationState
	reason   lifecycle.Reason
	approval string // non-empty: PassPointOfNoReturn
}

func apply(d *deployment.Plan, m move, day int) error {
	ch := change("Rita", day, m.reason)
	if m.approval != "" {
		return d.PassPointOfNoReturn(m.wave, m.approval, ch)
	}
	return d.Transition(m.wave, m.to, ch)
}

// continued moves the first n waves to continued.
var throughW2 = []move{
	{"W1", deployment.Succeeded, "", ""}, {"W1", deployment.Continued, "", ""},
	{"W2", deployment.Succeeded, "", ""},
}

func TestTransition(t *testing.T) {
	tests := []struct {
		name    string
		before  []move
		move    move
		wantErr error
		want    deployment.Evaluation
	}{
		{"judge the pilot", nil, move{"W1", deployment.Succeeded, "", ""}, nil,
			deployment.Evaluation{State: deployment.Succeeded, Outcome: deployment.Succeeded, Reason: deployment.ReasonCriteriaMet, By: "Rita"}},
		{"trigger fired", nil, move{"W1", deployment.Failed, deployment.ReasonTriggerFired, ""}, nil,
			deployment.Evaluation{State: deployment.Failed, Outcome: deployment.Failed, Reason: deployment.ReasonTriggerFired, By: "Rita"}},
		{"roll back a failure keeps the outcome", []move{{"W1", deployment.Failed, "", ""}}, move{"W1", deployment.RolledBack, "", ""}, nil,
			deployment.Evaluation{State: deployment.RolledBack, Outcome: deployment.Failed, Reason: deployment.ReasonTriggerFired, By: "Rita"}},
		{"redeploy clears the outcome", []move{{"W1", deployment.Failed, "", ""}, {"W1", deployment.RolledBack, "", ""}}, move{"W1", deployment.Pending, "", ""}, nil,
			deployment.Evaluation{State: deployment.Pending, Reason: deployment.ReasonRedeployed, By: "Rita"}},
		{"continue after pause", []move{{"W1", deployment.Succeeded, "", ""}, {"W1", deployment.Paused, deployment.ReasonFreeze, ""}}, move{"W1", deployment.Continued, "", ""}, nil,
			deployment.Evaluation{State: deployment.Continued, Outcome: deployment.Succeeded, Reason: deployment.ReasonApproved, By: "Rita"}},
		{"pass the point of no return", throughW2, move{"W2", deployment.Continued, "", "GNG-1"}, nil,
			deployment.Evaluation{State: deployment.Continued, Outcome: deployment.Succeeded, Reason: deployment.ReasonPromoted, By: "Rita", Approval: "GNG-1"}},

		{"unknown wave", nil, move{"W9", deployment.Succeeded, "", ""}, deployment.ErrUnknownWave, deployment.Evaluation{}},
		{"continue while pending", nil, move{"W1", deployment.Continued, "", ""}, lifecycle.ErrInvalidTransition, deployment.Evaluation{}},
		{"unknown reason", nil, move{"W1", deployment.Succeeded, "Looked fine", ""}, lifecycle.ErrUnknownReason, deployment.Evaluation{}},
		{"continue a failed wave after pause", []move{{"W1", deployment.Failed, "", ""}, {"W1", deployment.Paused, "", ""}}, move{"W1", deployment.Continued, "", ""},
			deployment.ErrNotSucceeded, deployment.Evaluation{State: deployment.Paused, Outcome: deployment.Failed, Reason: deployment.ReasonInvestigating, By: "Rita"}},
		{"next wave before the previous continued", []move{{"W1", deployment.Succeeded, "", ""}}, move{"W2", deployment.Succeeded, "", ""}, deployment.ErrPreviousWave, deployment.Evaluation{}},
		{"point of no return without go/no-go", throughW2, move{"W2", deployment.Continued, "", ""}, deployment.ErrPointOfNoReturn,
			deployment.Evaluation{State: deployment.Succeeded, Outcome: deployment.Succeeded, Reason: deployment.ReasonCriteriaMet, By: "Rita"}},
		{"go/no-go named where there is no point of no return", []move{{"W1", deployment.Succeeded, "", ""}}, move{"W1", deployment.Continued, "", "GNG-1"}, deployment.ErrPointOfNoReturn,
			deployment.Evaluation{State: deployment.Succeeded, Outcome: deployment.Succeeded, Reason: deployment.ReasonCriteriaMet, By: "Rita"}},
		{"blank go/no-go", throughW2, move{"W2", deployment.Continued, "", " "}, deployment.ErrPointOfNoReturn,
			deployment.Evaluation{State: deployment.Succeeded, Outcome: deployment.Succeeded, Reason: deployment.ReasonCriteriaMet, By: "Rita"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := rollout()
			for i, m := range tt.before {
				if err := apply(d, m, i+1); err != nil {
					t.Fatalf("setup move %d: %v", i, err)
				}
			}
			before := d.Clone()
			err := apply(d, tt.move, 20)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if diff := cmp.Diff(before, d); diff != "" {
					t.Fatalf("a refused move changed the plan (-before +after):\n%s", diff)
				}
			} else if got := len(d.Events); got != len(before.Events)+1 {
				t.Fatalf("events: %d, want %d", got, len(before.Events)+1)
			}
			w, _, _ := d.Wave(tt.move.wave)
			if diff := cmp.Diff(tt.want, w.Evaluation); diff != "" {
				t.Errorf("evaluation (-want +got):\n%s", diff)
			}
			if err := d.Validate(); err != nil {
				t.Errorf("after the move the plan is invalid: %v", err)
			}
		})
	}
}

func TestTransitionNeedsWhoAndWhen(t *testing.T) {
	d := rollout()
	err := d.Transition("W1", deployment.Succeeded, lifecycle.Change{By: "Rita"})
	if !errors.Is(err, lifecycle.ErrChangeIncomplete) || !errors.Is(err, validation.ErrRequired) {
		t.Fatalf("error = %v, want ErrChangeIncomplete", err)
	}
	if diff := cmp.Diff(rollout(), d); diff != "" {
		t.Fatal(diff)
	}
}

func TestErrorKinds(t *testing.T) {
	for _, tt := range []struct {
		err, kind error
	}{
		{deployment.ErrUnknownWave, validation.ErrNotFound},
		{deployment.ErrNotSucceeded, validation.ErrConflict},
		{deployment.ErrPointOfNoReturn, validation.ErrForbidden},
		{deployment.ErrPreviousWave, validation.ErrConflict},
	} {
		if !errors.Is(tt.err, tt.kind) {
			t.Errorf("%v is not %v", tt.err, tt.kind)
		}
	}
}

func TestLifecycleStates(t *testing.T) {
	m := deployment.EvaluationLifecycle()
	for _, s := range m.States() {
		if !s.IsValid() {
			t.Errorf("state %q is not valid", s)
		}
		if s.IsOutcome() == s.IsDecision() {
			t.Errorf("state %q is both or neither outcome and decision", s)
		}
	}
	if got := len(m.States()); got != 8 {
		t.Errorf("%d states, want 8", got)
	}
	for _, s := range []deployment.EvaluationState{deployment.Continued, deployment.Aborted} {
		if m.From(s) != nil {
			t.Errorf("%s is not final", s)
		}
	}
}

func TestLifecycleDiagram(t *testing.T) {
	// The diagram in EvaluationLifecycle's doc comment.
	want := `stateDiagram-v2
    [*] --> pending: Wave planned
    pending --> succeeded: Success criteria met
    pending --> failed: Success criterion missed; Rollback trigger fired
    pending --> inconclusive: Not enough data
    pending --> paused: Held for a decision
    pending --> aborted: Abort decided
    pending --> rolled_back: Rollback trigger fired; Rollback decided
    inconclusive --> succeeded: Success criteria met
    inconclusive --> failed: Success criterion missed; Rollback trigger fired
    inconclusive --> paused: Soak extended; Held for a decision
    inconclusive --> rolled_back: Rollback decided
    succeeded --> continued: Promoted to the next wave; Approved
    succeeded --> paused: Held for a decision; Change freeze
    succeeded --> rolled_back: Late regression
    failed --> rolled_back: Rollback trigger fired; Rollback decided
    failed --> aborted: Abort decided
    failed --> paused: Investigating
    paused --> continued: Approved
    paused --> pending: Resumed, observe again
    paused --> aborted: Abort decided
    paused --> rolled_back: Rollback decided
    rolled_back --> pending: Fix redeployed
`
	if diff := cmp.Diff(want, deployment.EvaluationLifecycle().Mermaid()); diff != "" {
		t.Errorf("diagram (-doc +table):\n%s", diff)
	}
}
