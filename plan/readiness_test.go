package plan_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/validation"
)

// withChecklist returns a ready plan with a small readiness checklist.
func withChecklist(t *testing.T) *plan.Plan {
	t.Helper()
	p := plantest.Ready(t)
	ch := plantest.Change()
	items := []readiness.Item{
		{ID: "RDY-1", Function: readiness.Support, Title: "Help desk trained", Owner: "Sue", MustHave: true, Due: backlog.Before(10)},
		{ID: "RDY-2", Function: readiness.Operations, Title: "Runbooks rehearsed", Owner: "Otto", MustHave: true, Due: backlog.Before(5)},
		{ID: "RDY-3", Function: readiness.Marketing, Title: "Newsletter", Owner: "Mia", Due: backlog.Before(5)},
	}
	if err := p.AddReadinessItems(ch, items...); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadinessEditsRoundTrip(t *testing.T) {
	p := withChecklist(t)
	ch := plantest.Change()
	steps := []func() error{
		func() error {
			return p.AddReadinessEvidence("RDY-1", "https://lms.example/course", "all agents passed", ch)
		},
		func() error { return p.TransitionReadiness("RDY-1", readiness.InProgress, ch) },
		func() error { return p.TransitionReadiness("RDY-1", readiness.Ready, ch) },
		func() error {
			w := ch
			w.Reason, w.Note = readiness.ReasonNotNeeded, "Covered by the launch mail"
			return p.TransitionReadiness("RDY-3", readiness.Waived, w)
		},
		func() error { return p.SetReadinessLead(readiness.Support, "Sue", ch) },
		func() error {
			it, _ := p.Readiness.Item("RDY-2")
			it.Owner = "Olga"
			return p.UpdateReadinessItem(it, ch)
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	data, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemaProblems(t, data); err != nil {
		t.Fatalf("encoded plan does not match the schema: %v", err)
	}
	q, err := plan.Decode(data, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.Readiness, q.Readiness); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	n := 0
	for _, ev := range p.History {
		if ev.Kind == plan.EventReadiness {
			n++
		}
	}
	if n != 3+len(steps) {
		t.Errorf("%d readiness events recorded, want %d", n, 3+len(steps))
	}
}

func TestReadinessEditsRefusedChangeNothing(t *testing.T) {
	ch := plantest.Change()
	tests := []struct {
		name string
		edit func(p *plan.Plan) error
		path string
		kind error
	}{
		{"duplicate item", func(p *plan.Plan) error {
			return p.AddReadinessItems(ch, readiness.Item{ID: "RDY-4", Function: readiness.Legal, Title: "x"}, readiness.Item{ID: "RDY-1", Function: readiness.Legal, Title: "x"})
		}, "readiness.items[4].id", validation.ErrDuplicate},
		{"ready without evidence", func(p *plan.Plan) error {
			return p.TransitionReadiness("RDY-2", readiness.Ready, ch)
		}, "readiness.items[1].evidence", readiness.ErrNoEvidence},
		{"unknown item", func(p *plan.Plan) error { return p.TransitionReadiness("RDY-9", readiness.InProgress, ch) }, "readiness.items", validation.ErrNotFound},
		{"bad evidence", func(p *plan.Plan) error { return p.AddReadinessEvidence("RDY-1", "runbook", "", ch) }, "readiness.items[0].evidence[0].link", validation.ErrInvalid},
		{"bad lead", func(p *plan.Plan) error { return p.SetReadinessLead("Support", "Sue", ch) }, "readiness.leads[0].function", validation.ErrInvalid},
		{"bad update", func(p *plan.Plan) error {
			return p.UpdateReadinessItem(readiness.Item{ID: "RDY-1", Function: readiness.Support}, ch)
		}, "readiness.items[0].title", validation.ErrRequired},
		{"no who", func(p *plan.Plan) error {
			return p.AddReadinessItems(lifecycle.Change{At: ch.At}, readiness.Item{ID: "RDY-4", Function: readiness.Legal, Title: "x"})
		}, "", lifecycle.ErrChangeIncomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := withChecklist(t)
			if tc.name == "ready without evidence" {
				if err := p.TransitionReadiness("RDY-2", readiness.InProgress, ch); err != nil {
					t.Fatal(err)
				}
			}
			before, err := plan.Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.edit(p)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("edit = %v, want %v", err, tc.kind)
			}
			if tc.path != "" {
				var l validation.List
				if !errors.As(err, &l) || l[0].Path.String() != tc.path {
					t.Errorf("edit = %v, want a problem at %s", err, tc.path)
				}
			}
			after, _ := plan.Encode(p)
			if diff := cmp.Diff(string(before), string(after)); diff != "" {
				t.Errorf("refused edit changed the plan:\n%s", diff)
			}
		})
	}
}

func TestReadinessProblemsInPlanValidation(t *testing.T) {
	p := withChecklist(t)
	p.Readiness.Items[2].Title = ""
	var l validation.List
	if !errors.As(p.Validate(), &l) {
		t.Fatal("a blank title validates")
	}
	got := l.WithCode(readiness.CodeItemTitle)
	if len(got) != 1 || got[0].Path.String() != "readiness.items[2].title" || got[0].Subject != (validation.Subject{Kind: readiness.SubjectItem, ID: "RDY-3"}) {
		t.Errorf("problems = %v", l)
	}
}
