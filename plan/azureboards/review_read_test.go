package azureboards_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/validation"
)

// reviewPlan is the small plan with two approvers and an open go/no-go
// review, pushed to the emulator.
func reviewPlan(t *testing.T) (*plan.Plan, *emulator, int, ab.Options) {
	t.Helper()
	p := smallPlan(t)
	ch := lifecycle.Change{By: "rm", At: time.Date(2027, 4, 1, 9, 0, 0, 0, time.UTC)}
	if err := p.Assign(plan.ReleaseManager, ch, "Ana Ortiz <ana@contoso.com>"); err != nil {
		t.Fatal(err)
	}
	if err := p.Assign(plan.ProjectManager, ch, "Bob Ray <bob@contoso.com>"); err != nil {
		t.Fatal(err)
	}
	if err := p.OpenDecision("GNG-1", []string{"Ana Ortiz <ana@contoso.com>", "Bob Ray <bob@contoso.com>"}, ch); err != nil {
		t.Fatal(err)
	}
	if err := p.CastVote("GNG-1", "Ana Ortiz <ana@contoso.com>", plan.Go, "", ch); err != nil {
		t.Fatal(err)
	}
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	wi, _ := strconv.Atoi(p.Decisions[0].Tracker.ID)
	if wi == 0 {
		t.Fatal("review not tracked")
	}
	return p, em, wi, ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL()}
}

// TestReviewReadBack: a Review resolved or closed in the tracker by an
// approver yet to vote comes back as that approver's vote; anything else
// is a conflict and changes nothing.
func TestReviewReadBack(t *testing.T) {
	for _, c := range []struct {
		name          string
		by            string
		state, reason string
		want          plan.Outcome
		conflict      string
	}{
		{"closed as is: a go", "Bob Ray <bob@contoso.com>", "Closed", "Accepted (as is)", plan.Launch, ""},
		{"minor changes: a go with conditions", "Bob Ray <bob@contoso.com>", "Resolved", "Accepted with Minor Changes", plan.LaunchWithConditions, ""},
		{"major changes: a no-go", "Bob Ray <bob@contoso.com>", "Resolved", "Accepted with Major Changes", plan.Stop, ""},
		{"by someone who is no approver", "Cy Doe <cy@contoso.com>", "Closed", "Accepted (as is)", plan.Undecided, "no approver"},
		{"by an approver who voted", "Ana Ortiz <ana@contoso.com>", "Resolved", "Accepted with Major Changes", plan.Undecided, "no approver"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, em, wi, o := reviewPlan(t)
			em.By = c.by
			em.Set(t, wi, map[string]any{ab.FieldState: c.state, ab.FieldReason: c.reason})
			items, err := (&ab.Client{Token: "pat"}).Read(t.Context(), p, o)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := plan.Encode(p)
			res, err := ab.Apply(p, items, ab.ApplyOptions{})
			if c.conflict != "" {
				if !errors.Is(err, ab.ErrConflict) || len(res.Conflicts) != 1 || !errors.Is(res.Conflicts[0].Err, validation.ErrConflict) ||
					!strings.Contains(res.Conflicts[0].Err.Error(), c.conflict) {
					t.Fatalf("want a conflict naming %q: %v %+v", c.conflict, err, res.Conflicts)
				}
				if after, _ := plan.Encode(p); string(after) != string(before) {
					t.Error("a refused review changed the plan")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Decisions[0].Outcome(); got != c.want {
				t.Fatalf("outcome %s, want %s (%+v)", got, c.want, res.Applied)
			}
			b := p.Decisions[0].Ballots[1]
			if !strings.HasPrefix(b.Note, ab.NoteFromTracker) || !b.At.Equal(em.Now) {
				t.Errorf("ballot %+v: want the tracker's note and time %s", b, em.Now)
			}
			// Read back again: the plan now agrees.
			res, err = ab.Apply(p, items, ab.ApplyOptions{})
			if err != nil || len(res.Applied) != 0 {
				t.Errorf("second read-back: %v %+v", err, res.Applied)
			}
		})
	}
}
