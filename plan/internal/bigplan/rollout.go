package bigplan

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/readiness"
)

// Rollout returns Plan(n) rolled out in waves waves (a pilot, broad rings,
// general availability, each with success criteria, rollback triggers and
// a soak, planned as tasks after the requirements), with a point of no
// return before the third wave guarded by a go/no-go review, hypercare
// from the launch, and a readiness checklist of items items over the nine
// functions: the deployment half the renderers draw, at scale.
func Rollout(n, waves, items int) (*plan.Plan, error) {
	p, err := Plan(n)
	if err != nil {
		return nil, err
	}
	ch := lifecycle.Change{By: "rm", At: time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)}
	var req string
	for _, r := range p.Backlog.Requirements() {
		if r.Category == backlog.CategoryDeploymentWaves {
			req = r.ID
			break
		}
	}
	if req == "" {
		return nil, fmt.Errorf("bigplan: %d tasks hold no deployment waves requirement", n)
	}
	crit := []deployment.Criterion{
		{Metric: "error rate", Comparison: deployment.AtMost, Threshold: 0.5, Unit: "%", WindowHours: 48},
		{Metric: "p95 latency", Comparison: deployment.Below, Threshold: 800, Unit: "ms", WindowHours: 48},
	}
	trigger := []deployment.Criterion{{Metric: "error rate", Comparison: deployment.Above, Threshold: 2, Unit: "%", WindowHours: 1}}
	d := &deployment.Plan{}
	for i := range waves {
		w := deployment.Wave{ID: fmt.Sprintf("W%03d", i), Name: fmt.Sprintf("Ring %d", i), Ring: deployment.RingBroad,
			Audience:    deployment.Audience{Segment: fmt.Sprintf("Tenants of ring %d", i), Customers: 10 + i},
			Requirement: req, Deploy: backlog.ThreePoint(1, 1, 2), SoakDays: 1 + i%3, Criteria: crit,
			Rollback: deployment.Rollback{Plan: "Runbook RB-1: restore the snapshot", Triggers: trigger, DecidedBy: "Rita"}}
		switch {
		case i == 0:
			w.Ring = deployment.RingPilot
		case i == waves-1:
			w.Ring = deployment.RingGeneralAvailability
		}
		d.Waves = append(d.Waves, w)
	}
	release := p.Release.Date
	if waves >= 3 {
		d.PointOfNoReturn = &deployment.PointOfNoReturn{Wave: d.Waves[2].ID, Reason: "data migrated to the new schema", Decision: "GNG-1"}
	}
	d.Hypercare = &deployment.Hypercare{From: release, Through: release.AddDays(27), Lead: "Rita", ExitCriteria: crit[:1]}
	if err := p.ScheduleDecision("GNG-1", release.AddDays(-3).In(time.UTC).Add(15*time.Hour), []string{"Rita"}, ch); err != nil {
		return nil, err
	}
	if err := p.SetDeployment(d, ch); err != nil {
		return nil, err
	}
	if _, err := p.PlanWaves(deployment.TaskOptions{}, ch); err != nil {
		return nil, err
	}
	if items > 0 {
		list := make([]readiness.Item, 0, items)
		fs := readiness.Functions()
		for i := range items {
			list = append(list, readiness.Item{ID: fmt.Sprintf("RDY-%05d", i), Function: fs[i%len(fs)], Title: "Item " + fmt.Sprint(i),
				Owner: "Rita", MustHave: i%3 == 0, Due: backlog.Before(5 + i%20)})
		}
		if err := p.AddReadinessItems(ch, list...); err != nil {
			return nil, err
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}
