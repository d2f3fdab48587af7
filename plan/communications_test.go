package plan_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/validation"
)

func TestPlanNoticesTimesNoticesBeforeEachWave(t *testing.T) {
	p := plantest.Ready(t)
	ch := plantest.Change()
	if err := p.AddRequirement(backlog.Requirement{ID: "REQ-N", Title: "Maintenance notices", Category: backlog.CategoryMaintenanceNotices,
		Priority: 1, Timing: backlog.Before(10)}, ch); err != nil {
		t.Fatal(err)
	}
	ids, err := p.PlanNotices("REQ-N", "rm", 5, ch)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, w := range p.Deployment.Waves {
		if w.Ring != deployment.RingPilot {
			want = append(want, "REQ-N/notice-"+w.ID)
		}
	}
	if diff := cmp.Diff(want, ids); diff != "" || len(ids) == 0 {
		t.Fatalf("added (-want +got):\n%s", diff)
	}
	res, err := p.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	cal := p.Calendar
	if cal == nil {
		cal = calendar.Standard()
	}
	for _, w := range p.Deployment.Waves {
		if w.Ring == deployment.RingPilot {
			continue
		}
		dep, _ := p.Backlog.Task(w.ID + "/deploy")
		if !slices.Contains(dep.Dependencies, backlog.Dependency{Task: "REQ-N/notice-" + w.ID, Lag: 5}) {
			t.Errorf("%s does not wait for its notice: %+v", dep.ID, dep.Dependencies)
		}
		n, err1 := res.Timing("REQ-N/notice-" + w.ID)
		d, err2 := res.Timing(dep.ID)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if cal.WorkdaysBetween(n.EarlyFinish, d.EarlyStart) < 5 {
			t.Errorf("wave %s: notice %s, deployment %s: less than 5 workdays", w.ID, n.EarlyFinish, d.EarlyStart)
		}
	}
	if again, err := p.PlanNotices("REQ-N", "rm", 5, ch); err != nil || len(again) != 0 {
		t.Errorf("second PlanNotices = %v, %v; want nothing added", again, err)
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}

func TestPlanNoticesRefusals(t *testing.T) {
	ch := plantest.Change()
	tests := []struct {
		name, req, owner string
		lead             int
		want             error
	}{
		{"unknown requirement", "REQ-X", "rm", 5, validation.ErrNotFound},
		{"other category", plantest.SalesTraining, "rm", 5, validation.ErrInvalid},
		{"no owner", "REQ-N", "", 5, validation.ErrRequired},
		{"no lead", "REQ-N", "rm", 0, validation.ErrOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := plantest.Ready(t)
			if err := p.AddRequirement(backlog.Requirement{ID: "REQ-N", Title: "Maintenance notices", Category: backlog.CategoryMaintenanceNotices,
				Priority: 1, Timing: backlog.Before(10)}, ch); err != nil {
				t.Fatal(err)
			}
			before, _ := plan.Encode(p)
			if _, err := p.PlanNotices(tc.req, tc.owner, tc.lead, ch); !errors.Is(err, tc.want) {
				t.Errorf("PlanNotices = %v, want %v", err, tc.want)
			}
			after, _ := plan.Encode(p)
			if string(before) != string(after) {
				t.Error("refused PlanNotices changed the plan")
			}
		})
	}
}
