package plan_test

import (
	"errors"
	"slices"
	"testing"
	"time"

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

// openReview gives the plan a go/no-go review with its people as
// approvers.
func openReview(t *testing.T, p *plan.Plan) []string {
	t.Helper()
	var approvers []string
	for _, r := range p.Roles {
		for _, person := range r.People {
			if !slices.Contains(approvers, person) {
				approvers = append(approvers, person)
			}
		}
	}
	if err := p.ScheduleDecision("GNG-1", plantest.NotifiedAt().AddDate(0, 1, 0), approvers, plantest.Change()); err != nil {
		t.Fatal(err)
	}
	return approvers
}

func TestGoVoteSeesTheChecklist(t *testing.T) {
	ch := plantest.Change()
	tests := []struct {
		name       string
		vote       plan.Vote
		note       string
		conditions []string
		path       string
		want       error
	}{
		{"go refused", plan.Go, "", nil, "decisions[0].ballots[0].vote", plan.ErrNotReady},
		{"conditions leave one out", plan.GoWithConditions, "trainer booked", []string{"RDY-1"}, "decisions[0].ballots[0].conditions", plan.ErrNotReady},
		{"unknown item", plan.GoWithConditions, "x", []string{"RDY-1", "RDY-9"}, "decisions[0].ballots[0].conditions[1]", validation.ErrNotFound},
		{"named twice", plan.GoWithConditions, "x", []string{"RDY-1", "RDY-1"}, "decisions[0].ballots[0].conditions[1]", validation.ErrDuplicate},
		{"go naming items", plan.Go, "", []string{"RDY-1"}, "decisions[0].ballots[0].conditions", validation.ErrInvalid},
		{"conditions all named", plan.GoWithConditions, "Help desk trained by 12 April", []string{"RDY-1", "RDY-2"}, "", nil},
		{"no-go", plan.NoGo, "Runbooks not rehearsed", []string{"RDY-2"}, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := withChecklist(t)
			approvers := openReview(t, p)
			before, _ := plan.Encode(p)
			err := p.CastVote("GNG-1", approvers[0], tc.vote, tc.note, ch, tc.conditions...)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				d, _, _ := p.LaunchDecision()
				if diff := cmp.Diff(tc.conditions, d.Ballots[0].Conditions); diff != "" {
					t.Errorf("conditions recorded (-want +got):\n%s", diff)
				}
				if err := p.Validate(); err != nil {
					t.Error(err)
				}
				return
			}
			var l validation.List
			if !errors.Is(err, tc.want) || !errors.As(err, &l) || l[0].Path.String() != tc.path {
				t.Fatalf("CastVote = %v, want %v at %s", err, tc.want, tc.path)
			}
			after, _ := plan.Encode(p)
			if diff := cmp.Diff(string(before), string(after)); diff != "" {
				t.Errorf("refused vote changed the plan:\n%s", diff)
			}
		})
	}
}

func TestGoVoteOnceReady(t *testing.T) {
	p := withChecklist(t)
	ch := plantest.Change()
	for _, id := range []string{"RDY-1", "RDY-2"} {
		if err := p.AddReadinessEvidence(id, "https://wiki.example/"+id, "", ch); err != nil {
			t.Fatal(err)
		}
		for _, to := range []readiness.Status{readiness.InProgress, readiness.Ready} {
			if err := p.TransitionReadiness(id, to, ch); err != nil {
				t.Fatal(err)
			}
		}
	}
	approvers := openReview(t, p)
	for _, a := range approvers {
		if err := p.CastVote("GNG-1", a, plan.Go, "", ch); err != nil {
			t.Fatal(err)
		}
	}
	if d, _, _ := p.LaunchDecision(); d.Outcome() != plan.Launch {
		t.Errorf("outcome = %v", d.Outcome())
	}
}

func TestBallotConditionsValidated(t *testing.T) {
	p := withChecklist(t)
	openReview(t, p)
	p.Decisions[0].Ballots[0].Vote = plan.Go
	p.Decisions[0].Ballots[0].Conditions = []string{"RDY-1"}
	p.Decisions[0].Ballots[1].Vote = plan.GoWithConditions
	p.Decisions[0].Ballots[1].Note = "x"
	p.Decisions[0].Ballots[1].Conditions = []string{"RDY-7"}
	var l validation.List
	if !errors.As(p.Validate(), &l) {
		t.Fatal("bad conditions validate")
	}
	var got []string
	for _, pr := range l.WithCode(plan.CodeDecisionInvalid) {
		got = append(got, pr.Path.String())
	}
	want := []string{"decisions[0].ballots[0].conditions", "decisions[0].ballots[1].conditions[0]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

func TestScheduleDecisionNeedsATime(t *testing.T) {
	p := withChecklist(t)
	if err := p.ScheduleDecision("GNG-1", time.Time{}, []string{"x"}, plantest.Change()); !errors.Is(err, validation.ErrRequired) {
		t.Errorf("ScheduleDecision(zero time) = %v", err)
	}
	if len(p.Decisions) != 0 {
		t.Error("refused review was opened")
	}
}
