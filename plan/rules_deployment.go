package plan

import (
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Codes of the deployment rules.
const (
	// CodeWavesPlanned: the deployment is planned in waves, each with
	// success criteria, a rollback plan and its tasks.
	CodeWavesPlanned validation.Code = "plan.deployment.waves"
	// CodePilotFirst: a pilot wave precedes general availability.
	CodePilotFirst validation.Code = "plan.deployment.pilot-first"
	// CodeWaveFreeze: no wave's window overlaps a freeze window.
	CodeWaveFreeze validation.Code = "plan.deployment.freeze"
	// CodePointOfNoReturn: the point of no return is guarded by a
	// go/no-go review held before it.
	CodePointOfNoReturn validation.Code = "plan.deployment.point-of-no-return"
	// CodeHypercare: hypercare is planned with exit criteria, a rota and
	// a war room.
	CodeHypercare validation.Code = "plan.deployment.hypercare"
	// CodeWaveGate: a wave's tasks agree with its evaluation: its gate
	// task is complete only once it has continued, and it is deployed
	// only once the previous wave has continued.
	CodeWaveGate validation.Code = "plan.deployment.gate"
	// CodeWaveNotice: every customer wave has a maintenance notice
	// planned before it.
	CodeWaveNotice validation.Code = "plan.deployment.notice"
)

// Wave returns the builder for findings about the wave with the given ID
// (path deployment.waves[i], or deployment when the plan has no such
// wave), belonging to sub-activity 2.
func (c *Context) Wave(id string) FindingBuilder {
	path := pathDeployment
	if _, i, ok := c.Plan.Deployment.Wave(id); ok {
		path = pathDeployment.Child("waves").Index(i)
	}
	return About(waveSubject(id), path, AnalyzeRequirements)
}

// Hypercare returns the builder for findings about hypercare (path
// deployment.hypercare, or deployment when it is not planned), belonging
// to sub-activity 2.
func (c *Context) Hypercare() FindingBuilder {
	path := pathDeployment
	if c.Plan.Deployment != nil && c.Plan.Deployment.Hypercare != nil {
		path = pathDeployment.Child("hypercare")
	}
	return About(validation.Subject{Kind: deployment.SubjectHypercare}, path, AnalyzeRequirements)
}

// pointOfNoReturn returns the builder for findings about the point of no
// return (path deployment.pointOfNoReturn), belonging to the whole
// activity.
func (c *Context) pointOfNoReturn() FindingBuilder {
	return About(validation.Subject{Kind: deployment.SubjectPointOfNoReturn}, pathDeployment.Child("pointOfNoReturn"), WholeActivity)
}

// waves returns the plan's waves; nil without a deployment plan.
func (c *Context) waves() []deployment.Wave {
	if c.Plan.Deployment == nil {
		return nil
	}
	return c.Plan.Deployment.Waves
}

// openRequirement returns the index of the first requirement of category
// cat that is not dropped.
func (c *Context) openRequirement(cat backlog.Category) (int, bool) {
	i := slices.IndexFunc(c.Requirements(), func(r backlog.Requirement) bool {
		return r.Category == cat && !dropped(r.State, string(r.Reason))
	})
	return i, i >= 0
}

func ruleWavesPlanned() Rule {
	return Rule{
		Code: CodeWavesPlanned, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "the deployment is planned in waves, each with success criteria, a rollback plan and its tasks (deploy, soak, evaluate, gate)",
		Check: func(c *Context) []Finding {
			var out []Finding
			waves := c.waves()
			if len(waves) == 0 {
				if i, ok := c.openRequirement(backlog.CategoryDeploymentWaves); ok {
					r := c.Requirements()[i]
					out = append(out, c.requirementFinding(i).In(AnalyzeRequirements).Missing("requirement %s (%s) asks for deployment waves, and the plan has none", r.ID, r.Title))
				}
				return out
			}
			tasks := c.taskIndex()
			for _, w := range waves {
				at := c.Wave(w.ID)
				if len(w.Criteria) == 0 {
					out = append(out, at.Missing("wave %s (%s) has no success criteria", w.ID, w.Name))
				}
				if w.Rollback.Plan == "" {
					out = append(out, at.Field("rollback", "plan").Missing("wave %s (%s) has no rollback plan", w.ID, w.Name))
				}
				_, deploy := tasks[deployment.TaskID(w.ID, deployment.StepDeploy)]
				_, gate := tasks[deployment.TaskID(w.ID, deployment.StepGate)]
				if !deploy || !gate {
					out = append(out, at.Missing("wave %s (%s) is not planned as tasks (%s ... %s): add them with PlanWaves", w.ID, w.Name, deployment.TaskID(w.ID, deployment.StepDeploy), deployment.TaskID(w.ID, deployment.StepGate)))
				}
			}
			return out
		},
	}
}

func ruleRingOrder() Rule {
	return Rule{
		Code: CodePilotFirst, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "a pilot wave precedes general availability, and the waves widen from pilot to everyone",
		Check: func(c *Context) []Finding {
			var out []Finding
			waves := c.waves()
			pilot, ga := false, false
			rank := func(r deployment.Ring) int { return slices.Index(deployment.Rings(), r) }
			for i, w := range waves {
				if w.Ring == deployment.RingGeneralAvailability && !pilot && !ga {
					out = append(out, c.Wave(w.ID).Field("ring").Missing("wave %s (%s) brings general availability with no pilot wave before it", w.ID, w.Name))
				}
				if i > 0 && rank(w.Ring) >= 0 && rank(w.Ring) < rank(waves[i-1].Ring) {
					out = append(out, c.Wave(w.ID).Field("ring").Warning().Invalid("wave %s (%s, %s) comes after a wider wave (%s, %s)", w.ID, w.Name, w.Ring, waves[i-1].ID, waves[i-1].Ring))
				}
				pilot = pilot || w.Ring == deployment.RingPilot
				ga = ga || w.Ring == deployment.RingGeneralAvailability
			}
			if len(waves) > 0 && !ga {
				last := waves[len(waves)-1]
				out = append(out, c.Wave(last.ID).Field("ring").Warning().Missing("no wave brings general availability: the rollout ends with wave %s (%s)", last.ID, last.Ring))
			}
			return out
		},
	}
}

// freezeCalendars returns the calendars whose freeze windows deployment
// work must avoid: the deployment calendar and the plan's own.
func (c *Context) freezeCalendars() []*calendar.Calendar {
	var out []*calendar.Calendar
	if d := c.Plan.Deployment; d != nil && d.Calendar != "" {
		if cal := c.Plan.calendarNamed(d.Calendar); cal != nil {
			out = append(out, cal)
		}
	}
	if c.Plan.Calendar != nil && !slices.Contains(out, c.Plan.Calendar) {
		out = append(out, c.Plan.Calendar)
	}
	return out
}

// waveTiming returns the dates the waves' windows are judged by: the
// levelled schedule's under Policy.LevelResources (the dates the work can
// really keep within the resources' capacity), else, or when the plan
// cannot be levelled (the levelling rule reports it), the critical-path
// schedule's. levelled tells which; ok is false when the tasks cannot be
// scheduled at all.
func (c *Context) waveTiming() (timing func(id string) (start, finish calendar.Date, ok bool), levelled, ok bool) {
	if c.Policy.LevelResources {
		if l, err := c.level(); err == nil {
			return func(id string) (calendar.Date, calendar.Date, bool) {
				t, err := l.Timing(id)
				return t.Start, t.Finish, err == nil
			}, true, true
		}
	}
	res, err := c.Schedule()
	if err != nil {
		return nil, false, false
	}
	return func(id string) (calendar.Date, calendar.Date, bool) {
		s, f, err := res.Scheduled(id)
		return s, f, err == nil
	}, false, true
}

func ruleWaveFreeze() Rule {
	return Rule{
		Code: CodeWaveFreeze, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "no wave's planned window (its deployment through its gate; levelled under Policy.LevelResources) overlaps a freeze window of the deployment calendar or the plan's calendar",
		Check: func(c *Context) []Finding {
			if len(c.waves()) == 0 {
				return nil
			}
			cals := c.freezeCalendars()
			if len(cals) == 0 {
				return nil
			}
			timing, levelled, ok := c.waveTiming()
			if !ok {
				return nil // the schedule rule reports it
			}
			window := "window"
			if levelled {
				window = "levelled window"
			}
			var out []Finding
			for _, w := range c.Plan.Deployment.Windows(timing) {
				for _, cal := range cals {
					for _, f := range cal.Freezes() {
						if w.Start.After(f.Through) || w.Gate.Before(f.From) {
							continue
						}
						out = append(out, c.Wave(w.Wave).Conflict("wave %s's %s (%s to %s) overlaps the freeze window %q (%s to %s) of calendar %q",
							w.Wave, window, w.Start, w.Gate, f.Name, f.From, f.Through, cal.Name()))
					}
				}
			}
			return out
		},
	}
}

func rulePointOfNoReturn() Rule {
	return Rule{
		Code: CodePointOfNoReturn, Gate: Exit, SubActivity: WholeActivity,
		Summary: "the point of no return is guarded by a go/no-go review held before the wave that passes it (its levelled start under Policy.LevelResources); a rollout that migrates data names its point of no return",
		Check: func(c *Context) []Finding {
			d := c.Plan.Deployment
			if d == nil || len(d.Waves) == 0 {
				return nil
			}
			if d.PointOfNoReturn == nil {
				if i, ok := c.openRequirement(backlog.CategoryDataMigration); ok {
					r := c.Requirements()[i]
					return []Finding{c.requirementFinding(i).In(WholeActivity).Warning().Missing(
						"requirement %s (%s) migrates data, and the waves name no point of no return", r.ID, r.Title)}
				}
				return nil
			}
			at := c.pointOfNoReturn()
			ponr := d.PointOfNoReturn
			if ponr.Decision == "" {
				return []Finding{at.Missing("the point of no return (wave %s: %s) is guarded by no go/no-go review", ponr.Wave, ponr.Reason)}
			}
			i := slices.IndexFunc(c.Plan.Decisions, func(dec Decision) bool { return dec.ID == ponr.Decision })
			if i < 0 {
				return []Finding{at.Field("decision").Missing("the point of no return is guarded by go/no-go review %s, which the plan does not hold", ponr.Decision)}
			}
			dec := c.Plan.Decisions[i]
			if dec.Date.IsZero() {
				return nil
			}
			timing, _, ok := c.waveTiming()
			if !ok {
				return nil
			}
			start, _, ok := timing(deployment.TaskID(ponr.Wave, deployment.StepDeploy))
			if !ok {
				return nil
			}
			if held := calendar.FromTime(dec.Date); !held.Before(start) {
				return []Finding{at.Field("decision").Conflict("go/no-go review %s is held on %s, not before wave %s passes the point of no return on %s", dec.ID, held, ponr.Wave, start)}
			}
			return nil
		},
	}
}

func ruleHypercare() Rule {
	return Rule{
		Code: CodeHypercare, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "hypercare (early life support) is planned after launch with exit criteria, a lead, a rota of people and a war room from the resource pool",
		Check: func(c *Context) []Finding {
			d := c.Plan.Deployment
			if d == nil || len(d.Waves) == 0 {
				return nil
			}
			at := c.Hypercare()
			h := d.Hypercare
			if h == nil {
				return []Finding{at.Missing("the rollout plans no hypercare (early life support) after launch")}
			}
			var out []Finding
			if len(h.ExitCriteria) == 0 {
				out = append(out, at.Missing("hypercare has no exit criteria"))
			}
			if h.Lead == "" {
				out = append(out, at.Warning().Missing("hypercare names no lead to decide its exit"))
			}
			if rel := c.Plan.Release.Date; !rel.IsZero() && !h.From.IsZero() && h.From.Before(rel) {
				out = append(out, at.Field("from").Warning().Invalid("hypercare starts on %s, before the launch on %s", h.From, rel))
			}
			res := at.In(DetermineResources)
			if len(h.Rota) == 0 {
				out = append(out, res.Missing("hypercare has no rota of people"))
			}
			for i, id := range h.Rota {
				dm, ok := c.Plan.Resources.Demand(id)
				if !ok {
					continue // the document's references check reports it
				}
				if dm.EffectiveKind() != resource.KindPerson {
					out = append(out, res.Field("rota").Index(i).Invalid("rota demand %s asks for a %s, not a person", id, dm.EffectiveKind()))
				}
			}
			if h.WarRoom == "" {
				out = append(out, res.Missing("hypercare has no war room"))
			} else if dm, ok := c.Plan.Resources.Demand(h.WarRoom); ok && dm.EffectiveKind() != resource.KindFacility {
				out = append(out, res.Field("warRoom").Invalid("war room demand %s asks for a %s, not a facility", h.WarRoom, dm.EffectiveKind()))
			}
			return out
		},
	}
}

func ruleWaveGate() Rule {
	return Rule{
		Code: CodeWaveGate, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "a wave's tasks agree with its evaluation: its gate task is complete only once the wave has continued, and its deployment starts only once the previous wave has continued (what TransitionBacklog enforces, checked on documents)",
		Check: func(c *Context) []Finding {
			var out []Finding
			waves := c.waves()
			tasks, index := c.Tasks(), c.taskIndex()
			for i, w := range waves {
				state := w.Evaluation.Current()
				if k, ok := index[deployment.TaskID(w.ID, deployment.StepGate)]; ok {
					g := tasks[k]
					switch {
					case taskDone(g.State, string(g.Reason)) && state != deployment.Continued:
						out = append(out, c.Wave(w.ID).Field("evaluation").Conflict("wave %s's gate task %s is %s, and the wave's evaluation is %s, not continued: record the decision (TransitionWave) or reopen the gate",
							w.ID, g.ID, g.State, state))
					case g.State == workitem.Proposed || g.State == workitem.Active:
						if state == deployment.Continued {
							out = append(out, c.taskFinding(k).Field("state").Warning().Invalid("wave %s has continued, and its gate task %s is still %s: complete it",
								w.ID, g.ID, g.State))
						}
					}
				}
				if i == 0 || waves[i-1].Evaluation.Current() == deployment.Continued {
					continue
				}
				if k, ok := index[deployment.TaskID(w.ID, deployment.StepDeploy)]; ok && taskStarted(tasks[k].State, string(tasks[k].Reason)) {
					prev := waves[i-1]
					out = append(out, c.taskFinding(k).Field("state").Conflict("task %s deploys wave %s and is %s, while the previous wave %s is %s, not continued",
						tasks[k].ID, w.ID, tasks[k].State, prev.ID, prev.Evaluation.Current()))
				}
			}
			return out
		},
	}
}

// noticed reports whether task t waits for a maintenance notice: a task,
// not dropped, that serves a maintenance notices requirement not dropped
// (the milestones Plan.PlanNotices adds).
func (c *Context) noticed(t backlog.Task, notices map[string]bool) bool {
	tasks, index := c.Tasks(), c.taskIndex()
	for _, d := range t.Dependencies {
		k, ok := index[d.Task]
		if !ok || dropped(tasks[k].State, string(tasks[k].Reason)) {
			continue
		}
		if slices.ContainsFunc(tasks[k].Requirements, func(id string) bool { return notices[id] }) {
			return true
		}
	}
	return false
}

func ruleWaveNotice() Rule {
	return Rule{
		Code: CodeWaveNotice, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "every customer wave (any ring but the internal pilot) waits for a maintenance notice sent before it (Plan.PlanNotices): a blocker when the plan gathers maintenance notices or the policy asks for them, a warning when it has none and has not waived them",
		Check: func(c *Context) []Finding {
			waves := c.waves()
			if len(waves) == 0 {
				return nil
			}
			notices := map[string]bool{}
			for _, r := range c.Requirements() {
				if r.Category == backlog.CategoryMaintenanceNotices && !dropped(r.State, string(r.Reason)) {
					notices[r.ID] = true
				}
			}
			required := len(notices) > 0 || slices.Contains(c.mandatoryCategories(), backlog.CategoryMaintenanceNotices)
			if !required && slices.ContainsFunc(c.Plan.Waivers, func(w Waiver) bool { return w.Category == backlog.CategoryMaintenanceNotices }) {
				return nil
			}
			tasks, index := c.Tasks(), c.taskIndex()
			var out []Finding
			for _, w := range waves {
				k, ok := index[deployment.TaskID(w.ID, deployment.StepDeploy)]
				if w.Ring == deployment.RingPilot || !ok || c.noticed(tasks[k], notices) {
					continue
				}
				if required {
					out = append(out, c.Wave(w.ID).Missing("customer wave %s (%s: %s) has no maintenance notice planned before it: time one with PlanNotices",
						w.ID, w.Name, w.Audience))
				} else {
					out = append(out, c.Wave(w.ID).Warning().Missing("customer wave %s (%s: %s) has no maintenance notice planned before it, and the plan gathers no %s requirement (gather one and time it with PlanNotices, or waive the category)",
						w.ID, w.Name, w.Audience, backlog.CategoryMaintenanceNotices))
				}
			}
			return out
		},
	}
}

// deploymentConditions returns the conditions of the deployment rule with
// the given code.
func deploymentConditions(code validation.Code) []Condition {
	e, w := validation.Error, validation.Warning
	switch code {
	case CodeWavesPlanned:
		return []Condition{
			{"", e, "backlog.requirements[*]", validation.ErrRequired, "a deployment waves requirement has waves"},
			{"", e, "deployment.waves[*]", validation.ErrRequired, "every wave has success criteria and its tasks"},
			{"", e, "deployment.waves[*].rollback.plan", validation.ErrRequired, "every wave has a rollback plan"},
		}
	case CodePilotFirst:
		return []Condition{
			{"", e, "deployment.waves[*].ring", validation.ErrRequired, "a pilot wave precedes the first general availability wave"},
			{"", w, "deployment.waves[*].ring", validation.ErrInvalid, "the waves widen: no wave after a wider one"},
			{"", w, "deployment.waves[*].ring", validation.ErrRequired, "a wave brings general availability"},
		}
	case CodeWaveFreeze:
		return []Condition{
			{"", e, "deployment.waves[*]", validation.ErrConflict, "no wave's window (levelled under Policy.LevelResources) overlaps a freeze window"},
		}
	case CodePointOfNoReturn:
		return []Condition{
			{"", w, "backlog.requirements[*]", validation.ErrRequired, "a rollout that migrates data names its point of no return"},
			{"", e, "deployment.pointOfNoReturn", validation.ErrRequired, "the point of no return names a go/no-go review"},
			{"", e, "deployment.pointOfNoReturn.decision", validation.ErrRequired, "the review is one of the plan's decisions"},
			{"", e, "deployment.pointOfNoReturn.decision", validation.ErrConflict, "the review is held before the wave at the point of no return"},
		}
	case CodeHypercare:
		return []Condition{
			{"", e, "deployment", validation.ErrRequired, "hypercare is planned"},
			{"", e, "deployment.hypercare", validation.ErrRequired, "hypercare has exit criteria, a rota and a war room"},
			{"", w, "deployment.hypercare", validation.ErrRequired, "hypercare names its lead"},
			{"", w, "deployment.hypercare.from", validation.ErrInvalid, "hypercare starts at or after the launch"},
			{"", e, "deployment.hypercare.rota[*]", validation.ErrInvalid, "the rota asks for people"},
			{"", e, "deployment.hypercare.warRoom", validation.ErrInvalid, "the war room is a facility"},
		}
	case CodeWaveGate:
		return []Condition{
			{"", e, "deployment.waves[*].evaluation", validation.ErrConflict, "a wave's gate task is complete only once the wave's evaluation has continued"},
			{"", e, "backlog.tasks[*].state", validation.ErrConflict, "a wave's deployment task is active or complete only once the previous wave has continued"},
			{"", w, "backlog.tasks[*].state", validation.ErrInvalid, "a wave that has continued has its gate task complete"},
		}
	case CodeWaveNotice:
		return []Condition{
			{"", e, "deployment.waves[*]", validation.ErrRequired, "a plan that gathers maintenance notices (or whose policy asks for them) has one planned before every customer wave"},
			{"", w, "deployment.waves[*]", validation.ErrRequired, "a plan with customer waves and no maintenance notices gathers them or waives the category"},
		}
	}
	return nil
}
