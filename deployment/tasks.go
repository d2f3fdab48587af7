package deployment

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
)

// The keys of the steps of a wave template; a wave's tasks are named
// "<wave ID>/<key>".
const (
	// StepDeploy deploys the wave; its estimate is the wave's Deploy.
	StepDeploy = "deploy"
	// StepSoak lets the wave run; its estimate is the wave's SoakDays
	// (the step is left out when SoakDays is 0).
	StepSoak = "soak"
	// StepEvaluate judges the success criteria.
	StepEvaluate = "evaluate"
	// StepGate is the milestone at which the continue, pause, abort or
	// roll back decision is taken; the next wave depends on it.
	StepGate = "gate"
)

// TaskID returns the ID of a wave's task for one step of its template,
// "<wave ID>/<step>", as Plan.Tasks names it: TaskID("W2", StepGate) is
// "W2/gate", the milestone at which the wave's evaluation is decided and
// on which the next wave's deployment depends. step is one of StepDeploy,
// StepSoak, StepEvaluate and StepGate, or a key of a custom template.
func TaskID(wave, step string) string {
	return wave + "/" + step
}

// DefaultWaveTemplate returns the template a wave becomes tasks with:
// deploy (a deployment engineer for the whole effort), soak (an
// operations engineer watching the metrics two hours a day), evaluate
// (half a day to a day of the deployment engineer) and the gate milestone.
// Plan.Tasks sets the estimates of deploy and soak from the wave and scales
// their person-hour demands to them. A company replaces it through
// TaskOptions.Template with one of the same step keys.
func DefaultWaveTemplate() backlog.Template {
	hours := func(key, role string, h float64) backlog.DemandTemplate {
		return backlog.DemandTemplate{Key: key, Role: role, Kind: resource.KindPerson, Quantity: resource.HoursOf(h)}
	}
	return backlog.Template{
		Category: backlog.CategoryDeploymentWaves,
		Title:    "Deployment wave",
		Steps: []backlog.Step{
			{Key: StepDeploy, Title: "Deploy the wave", Discipline: backlog.DisciplineOperations, Estimate: backlog.Days(1),
				Scheduling: backlog.AsSoonAsPossible, Demands: []backlog.DemandTemplate{hours("engineer", "deployment-engineer", 8)}},
			{Key: StepSoak, Title: "Soak and watch the wave", Discipline: backlog.DisciplineOperations, Estimate: backlog.Days(1),
				Scheduling: backlog.AsSoonAsPossible, After: []backlog.StepLink{{Step: StepDeploy}},
				Demands: []backlog.DemandTemplate{hours("watch", "operations-engineer", 2)}},
			{Key: StepEvaluate, Title: "Evaluate the wave against its success criteria", Discipline: backlog.DisciplineTest,
				Estimate: backlog.ThreePoint(0.5, 0.5, 1), Scheduling: backlog.AsSoonAsPossible, After: []backlog.StepLink{{Step: StepSoak}},
				Demands: []backlog.DemandTemplate{hours("engineer", "deployment-engineer", 4)}},
			{Key: StepGate, Title: "Wave gate: continue, pause, abort or roll back", Discipline: backlog.DisciplineOperations,
				Milestone: true, After: []backlog.StepLink{{Step: StepEvaluate}}},
		},
	}
}

// TaskOptions tune Plan.Tasks. The zero value uses DefaultWaveTemplate.
type TaskOptions struct {
	// Template is the wave template; nil means DefaultWaveTemplate. It
	// must have the steps deploy, soak, evaluate and gate.
	Template *backlog.Template
	// After are the IDs of the tasks the first wave's deployment waits
	// for, such as the environment's readiness.
	After []string
}

// Tasks returns the tasks the waves become, in wave order, through the
// wave template: for each wave "<ID>/deploy", "<ID>/soak" (unless the wave
// soaks 0 days), "<ID>/evaluate" and the milestone "<ID>/gate", titled
// "<step title>: <wave name>", serving the wave's requirement, following
// the plan's deployment calendar, with the deploy and soak estimates of the
// wave and person-hour demands scaled to them (8 hours a deployment day, the
// template's hours a soak day). Each wave's deployment depends on the
// previous wave's gate, the first on opts.After, and none starts before the
// wave's Earliest day. The tasks are not yet in
// any backlog; plan.Plan.PlanWaves adds them. It returns an error when the
// template is malformed or lacks a step, or a wave's tasks would be
// refused by the template (see Plan.Validate for the waves' own problems).
func (d *Plan) Tasks(opts TaskOptions) ([]backlog.Task, error) {
	tmpl := DefaultWaveTemplate()
	if opts.Template != nil {
		tmpl = opts.Template.Clone()
	}
	if err := tmpl.Validate(); err != nil {
		return nil, fmt.Errorf("deployment: wave template: %w", err)
	}
	for _, k := range []string{StepDeploy, StepSoak, StepEvaluate, StepGate} {
		if _, ok := tmpl.Step(k); !ok {
			return nil, fmt.Errorf("deployment: wave template: no step %q", k)
		}
	}
	if d == nil {
		return nil, nil
	}
	out := make([]backlog.Task, 0, 4*len(d.Waves))
	prevGate := ""
	for i := range d.Waves {
		w := &d.Waves[i]
		if p := idProblem(w.ID); p != "" {
			return nil, fmt.Errorf("deployment: waves[%d]: wave ID %q %s", i, clip(w.ID), p)
		}
		t := waveTemplate(tmpl, w)
		tasks, err := t.Tasks(backlog.Requirement{ID: w.ID, Title: w.Name}, backlog.ExpandOptions{})
		if err != nil {
			return nil, fmt.Errorf("deployment: wave %s: %w", w.ID, err)
		}
		for k := range tasks {
			task := &tasks[k]
			task.Requirements = nil
			if w.Requirement != "" {
				task.Requirements = []string{w.Requirement}
			}
			task.Origin = nil
			task.Calendar = d.Calendar
			if task.ID == TaskID(w.ID, StepDeploy) {
				if prevGate != "" {
					task.Dependencies = append(task.Dependencies, backlog.Dependency{Task: prevGate})
				} else {
					for _, a := range opts.After {
						task.Dependencies = append(task.Dependencies, backlog.Dependency{Task: a})
					}
				}
				task.StartNoEarlierThan = w.Earliest
			}
		}
		out = append(out, tasks...)
		prevGate = TaskID(w.ID, StepGate)
	}
	return out, nil
}

// waveTemplate is tmpl with the wave's deploy and soak estimates and
// demands scaled to them, without the soak step when the wave does not
// soak.
func waveTemplate(tmpl backlog.Template, w *Wave) backlog.Template {
	t := tmpl.Clone()
	// scale keeps the step's hours per workday of estimate.
	scale := func(s *backlog.Step, days float64) {
		for k := range s.Demands {
			dm := &s.Demands[k]
			if dm.Quantity.Unit == resource.UnitHours && s.Estimate.MostLikely > 0 {
				dm.Quantity = resource.HoursOf(dm.Quantity.Value / s.Estimate.MostLikely * days)
			}
		}
		s.Estimate = backlog.Days(days)
	}
	for i := range t.Steps {
		s := &t.Steps[i]
		switch s.Key {
		case StepDeploy:
			e := w.Deploy
			scale(s, e.MostLikely)
			s.Estimate = e
		case StepSoak:
			scale(s, float64(w.SoakDays))
		}
	}
	if w.SoakDays == 0 {
		soak, _ := t.Step(StepSoak)
		t.Steps = slices.DeleteFunc(t.Steps, func(s backlog.Step) bool { return s.Key == StepSoak })
		for i := range t.Steps {
			for k := range t.Steps[i].After {
				if t.Steps[i].After[k].Step == StepSoak {
					t.Steps[i].After = slices.Delete(t.Steps[i].After, k, k+1)
					t.Steps[i].After = append(t.Steps[i].After, soak.After...)
					break
				}
			}
		}
	}
	return t
}

// Window is the planned window of a wave, derived from the schedule of its
// tasks: from the first day of its deployment to its gate.
type Window struct {
	// Wave is the wave's ID.
	Wave string `json:"wave"`
	// Start is the first day of the deployment.
	Start calendar.Date `json:"start"`
	// Deployed is the last day of the deployment.
	Deployed calendar.Date `json:"deployed"`
	// Gate is the day of the wave's gate, when the next wave may be
	// decided.
	Gate calendar.Date `json:"gate"`
}

// Windows returns the planned window of each wave whose deploy and gate
// tasks timing knows, in wave order. timing returns a task's scheduled
// first and last day, such as a schedule.Result's early start and finish.
func (d *Plan) Windows(timing func(task string) (start, finish calendar.Date, ok bool)) []Window {
	if d == nil {
		return nil
	}
	out := make([]Window, 0, len(d.Waves))
	for _, w := range d.Waves {
		s, f, ok := timing(TaskID(w.ID, StepDeploy))
		if !ok {
			continue
		}
		_, g, ok := timing(TaskID(w.ID, StepGate))
		if !ok {
			continue
		}
		out = append(out, Window{Wave: w.ID, Start: s, Deployed: f, Gate: g})
	}
	return out
}
