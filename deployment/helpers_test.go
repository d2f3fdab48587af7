package deployment_test

import (
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
)

// rollout returns a valid plan of four waves (pilot, early adopters, broad,
// general availability) with a point of no return before the broad ring
// and hypercare.
func rollout() *deployment.Plan {
	crit := func(metric string, cmp deployment.Comparison, th float64, unit string, hours int) deployment.Criterion {
		return deployment.Criterion{Metric: metric, Comparison: cmp, Threshold: th, Unit: unit, WindowHours: hours}
	}
	rb := deployment.Rollback{Plan: "Runbook RB-7: restore the 3.8 images", DecidedBy: "Release manager on call",
		Triggers: []deployment.Criterion{crit("error rate", deployment.Above, 2, "%", 1)}}
	wave := func(id, name string, ring deployment.Ring, aud deployment.Audience, deploy float64, soak int) deployment.Wave {
		return deployment.Wave{ID: id, Name: name, Ring: ring, Audience: aud, Requirement: "REQ-16",
			Deploy: backlog.Days(deploy), SoakDays: soak,
			Criteria: []deployment.Criterion{crit("error rate", deployment.AtMost, 0.5, "%", 48), crit("p95 latency", deployment.Below, 800, "ms", 48)},
			Rollback: rb}
	}
	return &deployment.Plan{
		Calendar: "Contoso deployment",
		Waves: []deployment.Wave{
			wave("W1", "Internal pilot", deployment.RingPilot, deployment.Audience{Segment: "Contoso staff tenants", Customers: 2}, 1, 3),
			wave("W2", "Early adopters", deployment.RingEarlyAdopters, deployment.Audience{Segment: "Early-adopter tenants", Customers: 5}, 1, 5),
			wave("W3", "Ring 1", deployment.RingBroad, deployment.Audience{Segment: "North American tenants", Share: 25}, 2, 3),
			wave("W4", "Everyone", deployment.RingGeneralAvailability, deployment.Audience{Segment: "All hosted tenants", Share: 100}, 3, 0),
		},
		PointOfNoReturn: &deployment.PointOfNoReturn{Wave: "W3", Reason: "ledgers migrate to the 4.0 schema", Decision: "GNG-1"},
		Hypercare: &deployment.Hypercare{From: calendar.MustParse("2027-04-15"), Through: calendar.MustParse("2027-05-14"), Lead: "Dana",
			ExitCriteria: []deployment.Criterion{crit("open P1 incidents", deployment.AtMost, 0, "incidents", 240)},
			Rota:         []string{"HC/rota-1", "HC/rota-2"}, WarRoom: "HC/war-room"},
	}
}

func change(by string, day int, reason lifecycle.Reason) lifecycle.Change {
	return lifecycle.Change{By: by, At: time.Date(2027, time.April, day, 9, 0, 0, 0, time.UTC), Reason: reason}
}
