package plan_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// TestEditsAreRecorded: every edit the plan offers records one event and
// notifies observers; a refused edit returns the path of the offending
// value and changes nothing; the plan validates after each accepted edit
// (issue 11, item 10).
func TestEditsAreRecorded(t *testing.T) {
	p := committed(t)
	var seen []plan.Event
	p.Observe(func(e plan.Event) { seen = append(seen, e) })
	usd := func(n int64) money.Money { return money.MustFromMinor("USD", n*100) }
	ann := resource.Resource{ID: "ann", Name: "Ann", Kind: resource.KindPerson, Role: "trainer"}
	req := backlog.Requirement{ID: "REQ-1", Title: "Train the help desk", Category: backlog.CategorySupportTraining, Timing: backlog.Before(5)}
	task := backlog.Task{ID: "T1", Title: "Deliver training", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(2),
		Demands: []resource.Demand{{ID: "T1/trainer", ResourceID: "ann", Quantity: resource.HoursOf(16)}}}
	r1 := risk.Risk{ID: "R1", Title: "Trainer ill", Condition: "the trainer may fall ill", Consequence: "training slips",
		Probability: 20, Impact: risk.Medium, Owner: "rita", TaskIDs: []string{"T1"}}
	is1 := risk.Issue{ID: "I1", Title: "Room double-booked", Priority: 2, Owner: "rita", Blocks: risk.Blocks{TaskIDs: []string{"T1"}}}

	steps := []struct {
		name     string
		do       func() error
		wantPath string // "" when the step must succeed
		wantKind plan.EventKind
	}{
		{"assign blank person", func() error { return p.Assign(plan.ReleaseManager, testChange, " ") }, "roles[0].people[0]", ""},
		{"assign", func() error { return p.Assign(plan.ReleaseManager, testChange, "rita") }, "", plan.EventRole},
		{"resource without name", func() error { return p.AddResource(resource.Resource{ID: "bob", Kind: resource.KindPerson}, by) }, "resources.resources[0].name", ""},
		{"add resource", func() error { return p.AddResource(ann, by) }, "", plan.EventResource},
		{"duplicate resource", func() error { return p.AddResource(ann, by) }, "resources.resources[1].id", ""},
		{"update resource", func() error { a := ann; a.Name = "Ann Ortiz"; return p.UpdateResource(a, by) }, "", plan.EventResource},
		{"budget currency", func() error { return p.SetBudget("USD", nil, by) }, "", plan.EventBudget},
		{"budget line", func() error {
			return p.AddBudgetLine(resource.BudgetLine{ID: "B1", Category: resource.CategoryTraining, Required: usd(100)}, by)
		}, "", plan.EventBudget},
		{"budget line in euros", func() error {
			return p.AddBudgetLine(resource.BudgetLine{ID: "B2", Category: resource.CategoryTraining, Required: money.MustFromMinor("EUR", 100)}, by)
		}, "resources.budget.lines[1].required", ""},
		{"update budget line", func() error {
			return p.UpdateBudgetLine(resource.BudgetLine{ID: "B1", Category: resource.CategoryTraining, Required: usd(100), Committed: usd(80)}, by)
		}, "", plan.EventBudget},
		{"remove budget line", func() error { return p.RemoveBudgetLine("B1", by) }, "", plan.EventBudget},
		{"add demand", func() error {
			return p.AddDemand(resource.Demand{ID: "D1", ResourceID: "ann", Quantity: resource.HoursOf(8), From: release.AddDays(-7), To: release.AddDays(-7)}, by)
		}, "", plan.EventDemand},
		{"demand of unknown resource", func() error {
			return p.UpdateDemand(resource.Demand{ID: "D1", ResourceID: "nobody", Quantity: resource.HoursOf(8), From: release.AddDays(-7), To: release.AddDays(-7)}, by)
		}, "resources.demands[0].resourceId", ""},
		{"remove demand", func() error { return p.RemoveDemand("D1", by) }, "", plan.EventDemand},
		{"requirement", func() error { return p.AddRequirement(req, by) }, "", plan.EventRequirement},
		{"update requirement", func() error {
			r, _ := p.Backlog.Requirement("REQ-1")
			r.Audience = "help desk"
			return p.UpdateRequirement(r, by)
		}, "", plan.EventRequirement},
		{"task with unknown resource", func() error {
			t := task
			t.Demands = []resource.Demand{{ID: "T1/x", ResourceID: "nobody", Quantity: resource.HoursOf(1)}}
			return p.AddTask(t, by)
		}, "backlog.tasks[0].demands[0].resourceId", ""},
		{"task", func() error { return p.AddTask(task, by) }, "", plan.EventTask},
		{"update task", func() error { t, _ := p.Backlog.Task("T1"); t.Assignee = "ann"; return p.UpdateTask(t, by) }, "", plan.EventTask},
		{"tracker", func() error { return p.SetTracker("T1", backlog.TrackerRef{System: "Azure Boards", ID: "42"}, by) }, "", plan.EventTask},
		{"blocked", func() error { return p.SetBlocked("T1", true, by) }, "", plan.EventTask},
		{"remove named resource", func() error { return p.RemoveResource("ann", by) }, "backlog.tasks[0].demands[0].resourceId", ""},
		{"risk naming unknown task", func() error { r := r1; r.TaskIDs = []string{"T9"}; return p.AddRisk(r, by) }, "risks.risks[0].taskIds[0]", ""},
		{"risk", func() error { return p.AddRisk(r1, by) }, "", plan.EventRisk},
		{"update risk", func() error { r, _ := p.Risks.Risk("R1"); r.Probability = 60; return p.UpdateRisk(r, by) }, "", plan.EventRisk},
		{"update risk naming unknown requirement", func() error {
			r, _ := p.Risks.Risk("R1")
			r.RequirementIDs = []string{"REQ-9"}
			return p.UpdateRisk(r, by)
		}, "risks.risks[0].requirementIds[0]", ""},
		{"issue", func() error { return p.AddIssue(is1, by) }, "", plan.EventIssue},
		{"update issue", func() error { i, _ := p.Risks.Issue("I1"); i.Priority = 1; return p.UpdateIssue(i, by) }, "", plan.EventIssue},
		{"remove task a risk names", func() error { return p.RemoveFromBacklog("T1", by) }, "risks.risks[0]", ""},
		{"remove issue", func() error { return p.RemoveRisk("I1", by) }, "", plan.EventIssue},
		{"notify", func() error {
			return p.Notify(plan.Notification{From: "PO", Reference: "PO-2", Version: "4.0", Date: calendar.MustParse("2027-04-15")}, by)
		}, "", plan.EventNotification},
		{"waive", func() error { return p.Waive(backlog.CategoryRoadShows, "no road show", by) }, "", plan.EventWaiver},
		{"unwaive", func() error { return p.Unwaive(backlog.CategoryRoadShows, by) }, "", plan.EventWaiver},
		{"unassign", func() error { return p.Unassign(plan.ReleaseManager, "rita", by) }, "", plan.EventRole},
	}
	for _, s := range steps {
		before, _ := plan.Encode(p)
		events := len(seen)
		err := s.do()
		if s.wantPath != "" {
			var l validation.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Errorf("%s: err = %v, want a validation.List", s.name, err)
				continue
			}
			if diff := cmp.Diff(s.wantPath, l[0].Path.String()); diff != "" {
				t.Errorf("%s: path (-want +got):\n%s\n%v", s.name, diff, err)
			}
			if after, _ := plan.Encode(p); !bytes.Equal(before, after) || len(seen) != events {
				t.Errorf("%s: a refused edit changed the plan", s.name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", s.name, err)
			continue
		}
		if len(seen) != events+1 || seen[events].Kind != s.wantKind {
			t.Errorf("%s: observed %v, want one %s event", s.name, seen[events:], s.wantKind)
		}
		if l := p.ValidateList().Blocking(); len(l) > 0 {
			t.Errorf("%s: the plan no longer validates: %v", s.name, l)
		}
	}
	if diff := cmp.Diff(p.History, seen); diff != "" {
		t.Errorf("history and observed events differ:\n%s", diff)
	}
}
