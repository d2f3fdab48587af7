package sample

import (
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/resource"
)

// The waves of the sample's rollout to its hosted tenants, in order.
const (
	// PilotWave: Contoso's own staff tenants, three weeks before launch.
	PilotWave = "W1-internal"
	// EarlyAdoptersWave: the three early-adopter customers who agreed to
	// go first, after the quarter-close freeze.
	EarlyAdoptersWave = "W2-early"
	// RingWave: a quarter of the hosted tenants, the day after launch;
	// its data migration is the point of no return.
	RingWave = "W3-ring1"
	// EveryoneWave: every remaining hosted tenant.
	EveryoneWave = "W4-everyone"
)

// Hypercare demands of the pool, and the war room.
const (
	// WarRoom is the facility hypercare runs from.
	WarRoom = "war-room"
	// HypercareSupport, HypercareOperations and HypercareWarRoom are the
	// pool's demands of the hypercare rota and war room.
	HypercareSupport    = "HC/rota-support"
	HypercareOperations = "HC/rota-operations"
	HypercareWarRoom    = "HC/war-room"
)

// Hypercare's planned period: four weeks from launch day.
var (
	HypercareFrom    = calendar.MustParse("2027-04-15")
	HypercareThrough = calendar.MustParse("2027-05-12")
)

// rollout returns the sample's deployment plan: four waves after
// Microsoft's ring model, the point of no return at ring 1, and hypercare.
func rollout() *deployment.Plan {
	crit := func(metric string, cmp deployment.Comparison, th float64, unit string, hours int) deployment.Criterion {
		return deployment.Criterion{Metric: metric, Comparison: cmp, Threshold: th, Unit: unit, WindowHours: hours}
	}
	success := func(hours int) []deployment.Criterion {
		return []deployment.Criterion{
			crit("posting error rate", deployment.AtMost, 0.5, "%", hours),
			crit("p95 ledger posting time", deployment.Below, 800, "ms", hours),
			crit("trial balance mismatches after migration", deployment.AtMost, 0, "ledgers", hours),
			crit("priority 1 tickets from the wave", deployment.AtMost, 1, "tickets", hours),
		}
	}
	rollback := func(decider string) deployment.Rollback {
		return deployment.Rollback{
			Plan:      "Runbook HOST-RB-38: route the tenants back to the 3.8 pool and restore their ledgers from the pre-wave snapshot (REQ-20)",
			DecidedBy: decider,
			Triggers: []deployment.Criterion{
				crit("posting error rate", deployment.Above, 2, "%", 1),
				crit("tenants unable to log in", deployment.AtLeast, 1, "tenants", 1),
			},
		}
	}
	wave := func(id, name, req string, ring deployment.Ring, aud deployment.Audience, deploy backlog.Estimate, soak int, earliest string, c []deployment.Criterion, rb deployment.Rollback) deployment.Wave {
		w := deployment.Wave{ID: id, Name: name, Ring: ring, Audience: aud, Requirement: req, Deploy: deploy, SoakDays: soak, Criteria: c, Rollback: rb}
		if earliest != "" {
			w.Earliest = calendar.MustParse(earliest)
		}
		return w
	}
	last := rollback("Head of Hosting Operations")
	last.Plan = "Past the point of no return: fix forward with a 4.0 hotfix (runbook HOST-FF-4); no way back to 3.8"
	return &deployment.Plan{
		Calendar: DeploymentCalendarName,
		Waves: []deployment.Wave{
			wave(PilotWave, "Internal pilot: Contoso's own finance tenants", "REQ-16", deployment.RingPilot,
				deployment.Audience{Segment: "Contoso staff tenants", Customers: 2}, backlog.ThreePoint(0.5, 1, 2), 3, "2027-03-15",
				success(72), rollback(ReleaseManager)),
			wave(EarlyAdoptersWave, "Early adopters", "REQ-16", deployment.RingEarlyAdopters,
				deployment.Audience{Segment: "Early-adopter hosted customers", Customers: 3}, backlog.ThreePoint(0.5, 1, 2), 5, "2027-04-05",
				success(120), rollback(ReleaseManager)),
			wave(RingWave, "Ring 1: North American hosted tenants", "REQ-17", deployment.RingBroad,
				deployment.Audience{Segment: "North American hosted tenants", Customers: 100, Share: 25}, backlog.ThreePoint(1, 2, 3), 5, "2027-04-16",
				success(120), last),
			wave(EveryoneWave, "General availability: every remaining hosted tenant", "REQ-17", deployment.RingGeneralAvailability,
				deployment.Audience{Segment: "All remaining hosted tenants", Customers: 295, Share: 74}, backlog.ThreePoint(3, 5, 8), 0, "",
				success(48), last),
		},
		PointOfNoReturn: &deployment.PointOfNoReturn{Wave: RingWave,
			Reason:   "ring 1 migrates 100 tenants' ledgers to the 4.0 schema, which 3.8 cannot read: from then on the rollout fixes forward",
			Decision: Decision},
		Hypercare: &deployment.Hypercare{From: HypercareFrom, Through: HypercareThrough, Lead: "Director of Customer Support",
			ExitCriteria: []deployment.Criterion{
				crit("open priority 1 incidents", deployment.AtMost, 0, "incidents", 120),
				crit("4.0 tickets a day", deployment.AtMost, 15, "tickets/day", 120),
				crit("support answered within the SLA", deployment.AtLeast, 95, "%", 120),
			},
			Rota:    []string{HypercareSupport, HypercareOperations},
			WarRoom: HypercareWarRoom,
		},
	}
}

// hypercareDemands returns the pool's demands of the hypercare rota and
// war room: a support engineer half days and an operations engineer two
// hours a day for the four weeks, and eight seats of the war room.
func hypercareDemands() []resource.Demand {
	return []resource.Demand{
		{ID: HypercareSupport, ResourceID: "tariq-aziz", Kind: resource.KindPerson, Quantity: resource.HoursOf(80),
			From: HypercareFrom, To: HypercareThrough, Note: "hypercare rota: 4.0 tickets, half days"},
		{ID: HypercareOperations, ResourceID: "ben-carter", Kind: resource.KindPerson, Quantity: resource.HoursOf(40),
			From: HypercareFrom, To: HypercareThrough, Note: "hypercare rota: on call for the hosted service, two hours a day"},
		{ID: HypercareWarRoom, ResourceID: WarRoom, Kind: resource.KindFacility, Quantity: resource.SeatsOf(8),
			From: HypercareFrom, To: HypercareThrough, Note: "hypercare war room"},
	}
}

// deploy adds the war room, the hypercare demands and the deployment plan,
// and plans the waves as tasks after the waves are planned and the
// environment is performance-tested.
func (b *builder) deploy() error {
	ch := b.change(ReleaseManager, at(time.January, 18, 10), "Waves and hypercare of the hosted rollout")
	if err := b.p.AddResource(resource.Resource{ID: WarRoom, Name: "Ledger 4.0 war room, Redmond", Kind: resource.KindFacility,
		Capacity: 10, Calendar: calendarName, Note: "hypercare war room with the service dashboards"}, ch); err != nil {
		return err
	}
	for _, d := range hypercareDemands() {
		if err := b.p.AddDemand(d, ch); err != nil {
			return err
		}
	}
	// REQ-16's planning task plans every wave: the one the template
	// made for REQ-17 would only come after launch.
	if err := b.p.RemoveFromBacklog("REQ-17/plan-waves", b.change(ReleaseManager, at(time.January, 18, 10), "REQ-16/plan-waves plans every wave")); err != nil {
		return err
	}
	if err := b.p.SetDeployment(rollout(), ch); err != nil {
		return err
	}
	if _, err := b.p.PlanWaves(deployment.TaskOptions{After: []string{"REQ-16/plan-waves", "REQ-15/performance-test"}}, ch); err != nil {
		return err
	}
	// Every hosted tenant outside the pilot hears of its wave's
	// maintenance window at least ten workdays before it (REQ-24).
	_, err := b.p.PlanNotices("REQ-24", "Fiona Walsh", 10, b.change(ReleaseManager, at(time.January, 18, 11), "Maintenance notices timed against the waves"))
	return err
}
