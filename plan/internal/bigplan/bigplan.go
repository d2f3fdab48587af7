// Package bigplan builds large, valid plans for the renderers' benchmarks
// and tests: requirements of every catalogue category, ten tasks each with
// all four link types, leads and lags, milestones, resources with demands,
// and a kickoff, so that every chart and exchange format has work to do.
package bigplan

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/workitem"
)

// Plan returns a valid plan with n tasks (rounded up to groups of ten per
// requirement) and n/100 people (at least 2), each task of a group
// demanding hours of one of them.
func Plan(n int) (*plan.Plan, error) {
	release := calendar.MustParse("2027-09-15")
	p := plan.New("big", plan.Release{Product: "Big", Version: "1.0", Date: release})
	p.Kickoff = calendar.MustParse("2026-01-05")
	ch := lifecycle.Change{By: "rm", At: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	p.Notification = plan.Notification{From: "PMO", At: ch.At, Reference: "PMO-1", Version: "1.0", Date: release}
	p.Assign(plan.ReleaseManager, ch, "Rita")
	p.Assign(plan.IPMOfficer, ch, "Ivo")
	p.Assign(plan.ProjectManager, ch, "Pat")
	cats := backlog.DefaultCatalogue().Categories()
	people := max(2, n/100)
	for i := range people {
		p.Resources.Resources = append(p.Resources.Resources, resource.Resource{ID: fmt.Sprintf("P%d", i), Name: fmt.Sprintf("Person %d", i), Kind: resource.KindPerson, Role: "engineer"})
	}
	var doc backlog.Document
	groups := (n + 9) / 10
	for g := range groups {
		rid := fmt.Sprintf("REQ-%d", g)
		timing := backlog.Before(5 + g%20)
		doc.Requirements = append(doc.Requirements, backlog.Requirement{ID: rid, Title: "Requirement " + rid,
			Category: cats[g%len(cats)], Timing: timing, State: workitem.Proposed, Reason: "New"})
		for k := range 10 {
			id := fmt.Sprintf("%s/T%d", rid, k)
			t := backlog.Task{ID: id, Title: fmt.Sprintf("Task %d of %s", k, rid), Requirements: []string{rid},
				Estimate: backlog.ThreePoint(1, float64(1+(g+k)%4), float64(4+(g+k)%5)), Discipline: backlog.DisciplineTest,
				Assignee: fmt.Sprintf("Person %d", (g+k)%people), State: workitem.Proposed, Reason: "New"}
			prev := fmt.Sprintf("%s/T%d", rid, k-1)
			switch {
			case k == 9:
				t.Milestone, t.Estimate = true, backlog.Estimate{}
				t.Dependencies = []backlog.Dependency{{Task: prev}}
			case k == 3:
				t.Dependencies = []backlog.Dependency{{Task: prev, Type: backlog.StartToStart, Lag: 1}}
			case k == 5:
				t.Dependencies = []backlog.Dependency{{Task: prev, Type: backlog.FinishToFinish, Lag: 2}}
			case k == 6:
				t.Dependencies = []backlog.Dependency{{Task: prev}, {Task: fmt.Sprintf("%s/T%d", rid, k-2), Type: backlog.StartToFinish, Lag: 2}}
			case k == 7:
				t.Dependencies = []backlog.Dependency{{Task: prev, Lag: -1}}
			case k > 0:
				t.Dependencies = []backlog.Dependency{{Task: prev}}
			case g > 0 && g%10 != 0:
				t.Dependencies = []backlog.Dependency{{Task: fmt.Sprintf("REQ-%d/T8", g-1), Type: backlog.StartToStart}}
			}
			if !t.Milestone {
				t.Demands = []resource.Demand{{ID: id + "/d", ResourceID: fmt.Sprintf("P%d", (g+k)%people), Quantity: resource.HoursOf(8)}}
			}
			doc.Tasks = append(doc.Tasks, t)
		}
	}
	if err := p.Backlog.Load(doc); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}
