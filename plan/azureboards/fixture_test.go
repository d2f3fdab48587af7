package azureboards_test

import (
	"time"

	"fmt"
	"github.com/rolloutkit/rollout/lifecycle"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// smallPlan builds a plan with two requirements, three tasks (T2 serves
// both requirements and depends on T1 and on T3, which comes after it in
// the backlog; T3 serves none), a risk and an issue promoted from it.
func smallPlan(tb testing.TB) *plan.Plan {
	tb.Helper()
	p := plan.New("p", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	doc := backlog.Document{
		Requirements: []backlog.Requirement{
			{ID: "REQ-1", Title: "Train the help desk", Description: "All EMEA agents", Category: backlog.CategorySupportTraining,
				Priority: 2, Tags: []string{"emea"}, AcceptanceCriteria: []string{"Every agent passes the quiz"},
				State: workitem.Proposed, Reason: "New"},
			{ID: "REQ-2", Title: "Press release", Category: backlog.CategoryPressReleases, Type: "feature",
				State: workitem.Proposed, Reason: "New"},
		},
		Tasks: []backlog.Task{
			{ID: "T1", Title: "Prepare material", Discipline: backlog.DisciplineUserEducation, Requirements: []string{"REQ-1"},
				Estimate: backlog.Days(2.5), Assignee: `"Ortiz, Ana" <ana@contoso.com>`, State: workitem.Proposed, Reason: "New"},
			{ID: "T2", Title: "Deliver sessions", Description: "Three sessions", Discipline: backlog.DisciplineOperations,
				Requirements: []string{"REQ-1", "REQ-2"}, Estimate: backlog.Days(3), Assignee: "bob", Tags: []string{"pilot"},
				Dependencies: []backlog.Dependency{{Task: "T1"}, {Task: "T3", Type: backlog.StartToStart, Lag: 2}},
				State:        workitem.Proposed, Reason: "New"},
			{ID: "T3", Title: "Book rooms", Estimate: backlog.Days(1), RemainingWork: 0.5, CompletedWork: 0.5, Blocked: true,
				State: workitem.Proposed, Reason: "New"},
		},
	}
	if err := p.Backlog.Load(doc); err != nil {
		tb.Fatal(err)
	}
	log := risk.LogDocument{
		Risks: []risk.Risk{{
			ID: "R1", Title: "Trainer unavailable", Condition: "The trainer is ill", Consequence: "Sessions slip",
			Category: risk.Resource, Kind: risk.Threat, Probability: 40, Impact: risk.High,
			MitigationPlan: "Train a backup", ContingencyPlan: "Use the backup <trainer>", Trigger: "Sick note",
			MitigationTrigger: "Trainer booked for two events the same week",
			Owner:             "Ana Ortiz <ana@contoso.com>", TaskIDs: []string{"T1"}, IssueIDs: []string{"I1"},
			State: workitem.Active, Reason: "Mitigation Triggered",
		}},
		Issues: []risk.Issue{{
			ID: "I1", Title: "Trainer is ill", Priority: 1, Owner: "bob", RiskID: "R1",
			Analysis:      "Flu season; the backup is not certified yet",
			TargetResolve: calendar.MustParse("2027-03-10"),
			Escalation:    risk.Escalation{Escalated: true, To: "VP Engineering"},
			Blocks:        risk.Blocks{TaskIDs: []string{"T2"}},
			State:         workitem.Proposed, Reason: "New",
		}},
	}
	if err := p.Risks.Load(log); err != nil {
		tb.Fatal(err)
	}
	return p
}

func opts() azureboards.Options {
	return azureboards.Options{Organization: "contoso", Project: "Ledger 4", AreaPath: `Ledger\Launch`, Kinds: azureboards.Requirements | azureboards.Tasks}
}

// bigPlan builds n tasks in groups of ten per requirement, chained within
// the group, the first task of a group depending on the last of the group
// before; tracked says how many items (from the start) already have work
// items.
func bigPlan(tb testing.TB, n int) *plan.Plan {
	tb.Helper()
	p := plan.New("big", plan.Release{Product: "Big", Version: "1", Date: calendar.MustParse("2030-01-01")})
	var doc backlog.Document
	for g := 0; g*10 < n; g++ {
		rid := fmt.Sprintf("REQ-%d", g)
		doc.Requirements = append(doc.Requirements, backlog.Requirement{ID: rid, Title: "Requirement " + rid,
			Category: backlog.CategoryCutover, State: workitem.Proposed, Reason: "New"})
		for k := 0; k < 10 && g*10+k < n; k++ {
			t := backlog.Task{ID: fmt.Sprintf("T%d", g*10+k), Title: "Task", Requirements: []string{rid},
				Estimate: backlog.Days(1), Discipline: backlog.DisciplineTest, State: workitem.Proposed, Reason: "New"}
			if k > 0 {
				t.Dependencies = []backlog.Dependency{{Task: fmt.Sprintf("T%d", g*10+k-1)}}
			} else if g > 0 {
				t.Dependencies = []backlog.Dependency{{Task: fmt.Sprintf("T%d", g*10-1)}}
			}
			doc.Tasks = append(doc.Tasks, t)
		}
	}
	if err := p.Backlog.Load(doc); err != nil {
		tb.Fatal(err)
	}
	return p
}

func plantestChange() lifecycle.Change {
	return lifecycle.Change{By: "rm", At: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)}
}
