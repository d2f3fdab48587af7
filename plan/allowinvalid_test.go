package plan_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/risk"
)

// repairable returns a small valid plan: two requirements, tasks T1 and
// T2 (T2 after T1), a risk K1 on T1 and an issue I1 blocking T2.
func repairable(t *testing.T) *plan.Plan {
	t.Helper()
	p := committed(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.Assign(plan.ReleaseManager, testChange, "rita"))
	must(p.AddRequirement(backlog.Requirement{ID: "REQ-1", Title: "Train the help desk", Category: backlog.CategorySupportTraining, Timing: backlog.Before(5)}, by))
	must(p.AddTask(backlog.Task{ID: "T1", Title: "Prepare", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(2)}, by))
	must(p.AddTask(backlog.Task{ID: "T2", Title: "Deliver", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(1),
		Dependencies: []backlog.Dependency{{Task: "T1"}}}, by))
	must(p.AddRisk(risk.Risk{ID: "K1", Title: "Trainer ill", Condition: "the trainer may fall ill", Consequence: "training slips",
		Probability: 30, Impact: risk.Medium, Owner: "rita", NextReview: release.AddDays(-30), TaskIDs: []string{"T1"}}, by))
	must(p.AddIssue(risk.Issue{ID: "I1", Title: "Room double-booked", Priority: 2, Owner: "rita", Blocks: risk.Blocks{TaskIDs: []string{"T2"}}}, by))
	return p
}

// TestAllowInvalidLoadsBrokenPlans: AllowInvalid loads what Decode refuses
// for its content, Validate and the exit gate report it at the same path,
// and the broken plan round-trips (issue 11, item 6).
func TestAllowInvalidLoadsBrokenPlans(t *testing.T) {
	good := mustEncode(t, repairable(t))
	for _, tt := range []struct {
		name, from, to string
		wantPath       string
	}{
		{"dangling dependency", `"task": "T1"`, `"task": "T-gone"`, "backlog.tasks[1].dependencies[0].task"},
		{"cycle", `"title": "Prepare",`, `"title": "Prepare", "dependencies": [{"task": "T2"}],`, "backlog.tasks"},
		{"unknown waiver category", `"roles": [`, `"waivers": [{"category": "Support Training", "reason": "x"}], "roles": [`, "waivers[0].category"},
		{"malformed requirement category", `"category": "support-training"`, `"category": "Support Training"`, "backlog.requirements[0].category"},
		{"issue naming an unknown risk", `"title": "Room double-booked",`, `"title": "Room double-booked", "riskId": "K-gone",`, "risks.issues[0].riskId"},
		{"risk naming an unknown task", `"taskIds": [
          "T1"`, `"taskIds": [
          "T-gone"`, "risks.risks[0].taskIds[0]"},
		{"duplicate task", `"id": "T2"`, `"id": "T1"`, "backlog.tasks[1].id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := bytes.Replace(good, []byte(tt.from), []byte(tt.to), 1)
			if bytes.Equal(doc, good) {
				t.Fatalf("the test's replacement of %q did not apply", tt.from)
			}
			if _, err := plan.Decode(doc, plan.DecodeOptions{}); err == nil {
				t.Fatal("Decode accepted the broken plan")
			}
			p, err := plan.Decode(doc, plan.DecodeOptions{AllowInvalid: true})
			if err != nil {
				t.Fatalf("AllowInvalid refused the broken plan: %v", err)
			}
			var paths []string
			for _, pr := range p.ValidateList().Blocking() {
				paths = append(paths, pr.Path.String())
			}
			if !hasPrefixIn(paths, tt.wantPath) {
				t.Errorf("Validate found %v, want a problem at %s", paths, tt.wantPath)
			}
			rep, err := plan.DefaultChecker().Check(context.Background(), p, plan.Exit)
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, f := range rep.Blocking() {
				found = append(found, f.Path.String())
			}
			if rep.Passed() || !hasPrefixIn(found, tt.wantPath) {
				t.Errorf("the exit gate found %v, want a blocking finding at %s", found, tt.wantPath)
			}
			again := mustEncode(t, p)
			q, err := plan.Decode(again, plan.DecodeOptions{AllowInvalid: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(again), string(mustEncode(t, q))); diff != "" {
				t.Errorf("a broken plan does not round-trip:\n%s", diff)
			}
		})
	}
}

func hasPrefixIn(paths []string, want string) bool {
	for _, p := range paths {
		if strings.HasPrefix(p, want) {
			return true
		}
	}
	return false
}
