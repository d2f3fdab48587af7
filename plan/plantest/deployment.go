package plantest

import (
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/workitem"
)

// IDs of the deployment part of a Ready plan.
const (
	// DeploymentWaves is the requirement for the deployment waves, which
	// every wave serves.
	DeploymentWaves = "REQ-12"
	// EnvironmentTask is the task the first wave waits for.
	EnvironmentTask = "REQ-11/deliver"
	// PilotWave, EarlyAdoptersWave and EveryoneWave are the waves, in
	// order; their tasks are "<wave>/deploy", "<wave>/soak" (not for
	// EveryoneWave), "<wave>/evaluate" and "<wave>/gate".
	PilotWave         = "W1"
	EarlyAdoptersWave = "W2"
	EveryoneWave      = "W3"
	// DeploymentEngineer is the person who deploys, watches and evaluates
	// the waves, the fifth person of the pool.
	DeploymentEngineer = "eve"
	// WarRoom is the room hypercare uses, the last resource of the pool.
	WarRoom = "war-room"
	// RotaSupport and RotaEngineer are the pool's demands of the
	// hypercare rota; WarRoomDemand is the war room's.
	RotaSupport   = "HC/rota-dee"
	RotaEngineer  = "HC/rota-eve"
	WarRoomDemand = "HC/war-room"
	// MaintenanceNotices is the customer maintenance notices requirement:
	// a notice milestone, owned by SupportLead, five workdays before each
	// customer wave ("REQ-20/notice-W2", "REQ-20/notice-W3"; see
	// plan.Plan.PlanNotices).
	MaintenanceNotices = "REQ-20"
)

// readyDeployment returns the waves and hypercare of a Ready plan.
func readyDeployment() *deployment.Plan {
	crit := func(metric string, cmp deployment.Comparison, th float64, unit string, hours int) deployment.Criterion {
		return deployment.Criterion{Metric: metric, Comparison: cmp, Threshold: th, Unit: unit, WindowHours: hours}
	}
	success := []deployment.Criterion{
		crit("error rate", deployment.AtMost, 0.5, "%", 48),
		crit("p95 response time", deployment.Below, 800, "ms", 48),
	}
	rollback := deployment.Rollback{Plan: "Runbook RB-1: redeploy 0.9 and restore the last backup", DecidedBy: "rm",
		Triggers: []deployment.Criterion{crit("error rate", deployment.Above, 2, "%", 1)}}
	wave := func(id, name string, ring deployment.Ring, aud deployment.Audience, deploy float64, soak int) deployment.Wave {
		return deployment.Wave{ID: id, Name: name, Ring: ring, Audience: aud, Requirement: DeploymentWaves,
			Deploy: backlog.Days(deploy), SoakDays: soak, Criteria: success, Rollback: rollback}
	}
	rel := releaseDate()
	through, _ := calendar.Standard().AddWorkdays(rel, 9)
	return &deployment.Plan{
		Waves: []deployment.Wave{
			wave(PilotWave, "Internal pilot", deployment.RingPilot, deployment.Audience{Segment: "Own staff", Customers: 1}, 1, 3),
			wave(EarlyAdoptersWave, "Early adopters", deployment.RingEarlyAdopters, deployment.Audience{Segment: "Early-adopter customers", Customers: 3}, 1, 5),
			wave(EveryoneWave, "Everyone", deployment.RingGeneralAvailability, deployment.Audience{Segment: "All customers", Share: 100}, 2, 0),
		},
		Hypercare: &deployment.Hypercare{From: rel, Through: through, Lead: SupportLead,
			ExitCriteria: []deployment.Criterion{crit("open priority 1 incidents", deployment.AtMost, 0, "incidents", 120)},
			Rota:         []string{RotaSupport, RotaEngineer}, WarRoom: WarRoomDemand},
	}
}

// addDeployment adds the deployment engineer, the war room, the waves as
// tasks (owned, tracked, staffed and committed) and hypercare with its
// rota and war room demands (committed) to a Ready plan.
func addDeployment(p *plan.Plan, next func() lifecycle.Change) error {
	for _, r := range []resource.Resource{
		{ID: DeploymentEngineer, Name: "Eve Fox", Kind: resource.KindPerson, Role: "deployment-engineer", HoursPerDay: 8},
		{ID: WarRoom, Name: "Operations war room", Kind: resource.KindFacility, Capacity: 8},
	} {
		if err := p.AddResource(r, next()); err != nil {
			return err
		}
	}
	d := readyDeployment()
	h := d.Hypercare
	for _, dm := range []resource.Demand{
		{ID: RotaSupport, ResourceID: SupportLead, Quantity: resource.HoursOf(40), From: h.From, To: h.Through, Note: "hypercare rota, mornings"},
		{ID: RotaEngineer, ResourceID: DeploymentEngineer, Quantity: resource.HoursOf(40), From: h.From, To: h.Through, Note: "hypercare rota, afternoons"},
		{ID: WarRoomDemand, ResourceID: WarRoom, Quantity: resource.SeatsOf(6), From: h.From, To: h.Through, Note: "hypercare war room"},
	} {
		if err := p.AddDemand(dm, next()); err != nil {
			return err
		}
		if err := commit(p, "C-"+strings.TrimPrefix(dm.ID, "HC/"), dm.ID, next); err != nil {
			return err
		}
	}
	if err := p.SetDeployment(d, next()); err != nil {
		return err
	}
	ids, err := p.PlanWaves(deployment.TaskOptions{After: []string{EnvironmentTask}}, next())
	if err != nil {
		return err
	}
	for k, id := range ids {
		t, _ := p.Backlog.Task(id)
		t.Assignee = DeploymentEngineer
		t.Tracker = tracker(300 + k)
		for j := range t.Demands {
			t.Demands[j].ResourceID, t.Demands[j].Role = DeploymentEngineer, ""
		}
		if err := p.UpdateTask(t, next()); err != nil {
			return err
		}
		for _, dm := range t.Demands {
			if err := commit(p, "C-"+dm.ID, dm.ID, next); err != nil {
				return err
			}
		}
	}
	return addNotices(p, next)
}

// addNotices gathers the maintenance notices requirement and times a
// notice before each customer wave, tracked and sent as soon as possible.
func addNotices(p *plan.Plan, next func() lifecycle.Change) error {
	err := p.AddRequirement(backlog.Requirement{ID: MaintenanceNotices, Title: "Tell customers of each wave's maintenance window",
		Category: backlog.CategoryMaintenanceNotices, Audience: "Customers", Source: "launch review", Priority: 2,
		AcceptanceCriteria: []string{"sent five workdays before the wave"}, Tracker: tracker(120)}, next())
	if err != nil {
		return err
	}
	if err := p.TransitionBacklog(MaintenanceNotices, workitem.Active, next()); err != nil {
		return err
	}
	ids, err := p.PlanNotices(MaintenanceNotices, SupportLead, 5, next())
	if err != nil {
		return err
	}
	for k, id := range ids {
		// Sent as soon as possible: a notice placed just in time would
		// pull its wave to the wave's latest dates.
		if err := updateTask(p, id, func(t *backlog.Task) { t.Tracker, t.Scheduling = tracker(320+k), backlog.AsSoonAsPossible }); err != nil {
			return err
		}
	}
	return nil
}

// commit requests the commitment id for demand and has the IPM officer
// commit to it.
func commit(p *plan.Plan, id, demand string, next func() lifecycle.Change) error {
	if err := p.RequestCommitment(id, demand, next()); err != nil {
		return err
	}
	ch := next()
	ch.By = "ipmo"
	return p.Commit(id, ch)
}

// deploymentBreakers are the breakers of the deployment rules, in the
// order of plan.DefaultRules.
func deploymentBreakers() []Breaker {
	wave := func(i int, edit func(w *deployment.Wave)) func(p *plan.Plan) error {
		return func(p *plan.Plan) error {
			d := p.Deployment.Clone()
			edit(&d.Waves[i])
			return p.SetDeployment(d, later("rm", ""))
		}
	}
	hypercare := func(edit func(h *deployment.Hypercare)) func(p *plan.Plan) error {
		return func(p *plan.Plan) error {
			d := p.Deployment.Clone()
			edit(d.Hypercare)
			return p.SetDeployment(d, later("rm", ""))
		}
	}
	ponr := func(decision string) func(p *plan.Plan) error {
		return func(p *plan.Plan) error {
			d := p.Deployment.Clone()
			d.PointOfNoReturn = &deployment.PointOfNoReturn{Wave: EveryoneWave, Reason: "customer data moves to the 1.0 schema", Decision: decision}
			return p.SetDeployment(d, later("rm", ""))
		}
	}
	return []Breaker{
		// plan.document: the deployment plan's own structure.
		{"wave-share-above-100", "a wave's audience is more than 100 % of the customers", func(p *plan.Plan) error {
			p.Deployment.Waves[2].Audience.Share = 120
			return nil
		}},
		{"wave-serves-unknown-requirement", "a wave serves a requirement the backlog does not have", func(p *plan.Plan) error {
			p.Deployment.Waves[0].Requirement = "REQ-99"
			return nil
		}},

		// plan.deployment.waves
		{"deployment-waves-without-waves", "the deployment waves requirement has no waves", func(p *plan.Plan) error {
			p.Deployment = nil
			return nil
		}},
		{"wave-without-criteria", "a wave has no success criteria", wave(1, func(w *deployment.Wave) { w.Criteria = nil })},
		{"wave-without-rollback-plan", "a wave has no rollback plan", wave(1, func(w *deployment.Wave) { w.Rollback = deployment.Rollback{} })},
		{"wave-not-planned-as-tasks", "a wave is added after the others were planned as tasks", func(p *plan.Plan) error {
			d := p.Deployment.Clone()
			w := d.Waves[2].Clone()
			w.ID, w.Name = "W4", "Stragglers"
			d.Waves = append(d.Waves, w)
			return p.SetDeployment(d, later("rm", ""))
		}},

		// plan.deployment.pilot-first
		{"general-availability-without-pilot", "the first wave is not a pilot", wave(0, func(w *deployment.Wave) { w.Ring = deployment.RingEarlyAdopters })},
		{"waves-narrow", "a broad wave follows general availability", func(p *plan.Plan) error {
			d := p.Deployment.Clone()
			d.Waves[1].Ring, d.Waves[2].Ring = deployment.RingGeneralAvailability, deployment.RingBroad
			return p.SetDeployment(d, later("rm", ""))
		}},
		{"no-general-availability", "the last wave reaches only a broad ring", wave(2, func(w *deployment.Wave) { w.Ring = deployment.RingBroad })},

		// plan.deployment.freeze
		{"wave-overlaps-freeze", "the deployment calendar freezes changes on the early adopters' deployment day", func(p *plan.Plan) error {
			windows, err := p.WaveWindows()
			if err != nil {
				return err
			}
			day := windows[1].Start
			return deployOn(p, calendar.Freeze{Name: "Quarter close", From: day, Through: day})
		}},
		{"wave-overlaps-plan-calendar-freeze", "the waves run on a deployment calendar of their own, and the plan's calendar freezes changes on the early adopters' deployment day", func(p *plan.Plan) error {
			windows, err := p.WaveWindows()
			if err != nil {
				return err
			}
			spec := calendar.Standard().Spec()
			spec.Name = "Head office"
			spec.Freezes = []calendar.Freeze{{Name: "Quarter close", From: windows[1].Start, Through: windows[1].Start}}
			if p.Calendar, err = calendar.New(spec); err != nil {
				return err
			}
			if err := deployOn(p); err != nil {
				return err
			}
			// The waves' tasks were planned on the plan's calendar; move
			// them to the deployment calendar.
			for _, t := range p.Backlog.Tasks() {
				if !slices.ContainsFunc(p.Deployment.Waves, func(w deployment.Wave) bool { return strings.HasPrefix(t.ID, w.ID+"/") }) {
					continue
				}
				if err := updateTask(p, t.ID, func(t *backlog.Task) { t.Calendar = "Deployment" }); err != nil {
					return err
				}
			}
			// So does the deployment engineer: levelled (Checker), the
			// waves keep their dates rather than skip the freeze with a
			// person who follows the plan's calendar.
			for _, r := range p.Resources.Resources {
				if r.ID == DeploymentEngineer {
					r.Calendar = "Deployment"
					return p.UpdateResource(r, later("rm", ""))
				}
			}
			return nil
		}},

		{"wave-overlaps-freeze-levelled", "the deployment engineer is away on everyone's first deployment day, and the deployment calendar freezes changes on the Monday after everyone's gate: levelled, the last wave slips into the freeze (Checker levels; unlevelled the engineer is over-allocated)", func(p *plan.Plan) error {
			res, err := p.Schedule()
			if err != nil {
				return err
			}
			start, _, err := res.Scheduled(EveryoneWave + "/" + deployment.StepDeploy)
			if err != nil {
				return err
			}
			_, gate, err := res.Scheduled(EveryoneWave + "/" + deployment.StepGate)
			if err != nil {
				return err
			}
			if err := onLeave(p, DeploymentEngineer, resource.Absence{From: start, To: start, Reason: "sick"}); err != nil {
				return err
			}
			monday, err := calendar.Standard().AddWorkdays(gate, 1)
			if err != nil {
				return err
			}
			return deployOn(p, calendar.Freeze{Name: "Month close", From: monday, Through: monday})
		}},

		// plan.deployment.point-of-no-return
		{"data-migration-without-point-of-no-return", "the cutover requirement becomes a data migration (cutover waived) and no point of no return is named", func(p *plan.Plan) error {
			if err := updateRequirement(p, "REQ-13", func(r *backlog.Requirement) { r.Category = backlog.CategoryDataMigration }); err != nil {
				return err
			}
			return p.Waive(backlog.CategoryCutover, "the data migration is the cutover", later("rm", ""))
		}},
		{"point-of-no-return-unguarded", "the point of no return names no go/no-go review", ponr("")},
		{"point-of-no-return-unknown-review", "the point of no return names a go/no-go review the plan does not hold", ponr("GNG-9")},
		{"point-of-no-return-review-too-late", "the go/no-go review is held three days before launch, after the last wave has started", func(p *plan.Plan) error {
			ch := later("rm", "")
			ch.At = releaseDate().AddDays(-3).In(time.UTC).Add(9 * time.Hour)
			if err := p.OpenDecision("GNG-1", []string{"rm"}, ch); err != nil {
				return err
			}
			return ponr("GNG-1")(p)
		}},

		// plan.deployment.hypercare
		{"hypercare-missing", "no hypercare is planned", func(p *plan.Plan) error {
			p.Deployment.Hypercare = nil
			return nil
		}},
		{"hypercare-without-exit-criteria", "hypercare has no exit criteria", hypercare(func(h *deployment.Hypercare) { h.ExitCriteria = nil })},
		{"hypercare-without-lead", "hypercare names no lead", hypercare(func(h *deployment.Hypercare) { h.Lead = "" })},
		{"hypercare-before-launch", "hypercare starts a week before the launch", hypercare(func(h *deployment.Hypercare) { h.From = h.From.AddDays(-7) })},
		{"hypercare-rota-names-room", "the rota names the war room's demand", hypercare(func(h *deployment.Hypercare) { h.Rota = append(h.Rota, WarRoomDemand) })},
		{"war-room-not-a-facility", "the war room names a person's demand", hypercare(func(h *deployment.Hypercare) { h.WarRoom = RotaSupport })},

		// plan.deployment.notice
		{"customer-wave-without-notice", "everyone's deployment no longer waits for its maintenance notice", func(p *plan.Plan) error {
			return updateTask(p, EveryoneWave+"/"+deployment.StepDeploy, func(t *backlog.Task) {
				t.Dependencies = slices.DeleteFunc(t.Dependencies, func(d backlog.Dependency) bool { return strings.HasPrefix(d.Task, MaintenanceNotices+"/") })
			})
		}},
		{"maintenance-notices-not-gathered", "the maintenance notices requirement becomes a status page one: no notice is gathered", noticesAsStatusPage},
		{"maintenance-notices-waived", "... and the maintenance notices category is waived", func(p *plan.Plan) error {
			if err := noticesAsStatusPage(p); err != nil {
				return err
			}
			return p.Waive(backlog.CategoryMaintenanceNotices, "zero-downtime deployments; the status page tells customers", later("rm", ""))
		}},

		// plan.deployment.gate: documents whose wave tasks disagree with
		// the evaluations (TransitionBacklog refuses the moves).
		{"wave-gate-closed-undecided", "the pilot's gate task is closed as complete in the document while the pilot is still pending", taskState(PilotWave+"/"+deployment.StepGate, workitem.Active, workitem.Closed)},
		{"wave-deployed-before-previous-continued", "the early adopters' deployment is active in the document while the pilot is paused", func(p *plan.Plan) error {
			if err := p.TransitionWave(PilotWave, deployment.Paused, later("rm", deployment.ReasonHeld)); err != nil {
				return err
			}
			return taskState(EarlyAdoptersWave+"/"+deployment.StepDeploy, workitem.Active)(p)
		}},
		{"wave-continued-gate-open", "the pilot succeeds and continues, and its gate task stays proposed", func(p *plan.Plan) error {
			if err := p.TransitionWave(PilotWave, deployment.Succeeded, later("rm", deployment.ReasonCriteriaMet)); err != nil {
				return err
			}
			return p.TransitionWave(PilotWave, deployment.Continued, later("rm", deployment.ReasonPromoted))
		}},
	}
}

// taskState moves a proposed task through the given states in the
// backlog's document, recording the events as the backlog would (the
// first reason each move allows), for a document the plan's methods would
// not produce.
func taskState(id string, moves ...workitem.State) func(p *plan.Plan) error {
	return func(p *plan.Plan) error {
		_, lc := p.Backlog.Lifecycles()
		ch := later("rm", "")
		return restore(p, func(doc *backlog.Document) {
			for i := range doc.Tasks {
				t := &doc.Tasks[i]
				if t.ID != id {
					continue
				}
				for _, to := range moves {
					reason := lc.Reasons(t.State, to)[0]
					doc.Events = append(doc.Events, backlog.Event{Subject: id, From: t.State, To: to, Reason: reason, By: ch.By, At: ch.At})
					t.State, t.Reason = to, reason
				}
			}
		})
	}
}

// noticesAsStatusPage makes the maintenance notices requirement a status
// page one.
func noticesAsStatusPage(p *plan.Plan) error {
	return updateRequirement(p, MaintenanceNotices, func(r *backlog.Requirement) { r.Category = backlog.CategoryStatusPage })
}

// deployOn makes the waves follow a standard deployment calendar named
// "Deployment" with the given freezes (their tasks, already planned, keep
// the plan's calendar).
func deployOn(p *plan.Plan, freezes ...calendar.Freeze) error {
	spec := calendar.Standard().Spec()
	spec.Name, spec.Freezes = "Deployment", freezes
	cal, err := calendar.New(spec)
	if err != nil {
		return err
	}
	if err := p.AddCalendar(cal, later("rm", "")); err != nil {
		return err
	}
	d := p.Deployment.Clone()
	d.Calendar = "Deployment"
	return p.SetDeployment(d, later("rm", ""))
}
