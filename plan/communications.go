package plan

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// NoticeStep is the key of the step PlanNotices adds per wave: the task
// "<requirement ID>/notice-<wave ID>".
const NoticeStep = "notice"

// PlanNotices times a customer maintenance notice requirement (category
// backlog.CategoryMaintenanceNotices) against the deployment waves: for
// every wave of the plan's deployment whose deployment task
// ("<wave>/deploy", see PlanWaves) is in the backlog and that is not the
// internal pilot, it adds the milestone "<requirement>/notice-<wave>"
// ("Maintenance notice sent: <wave name>", owned by owner, after the
// requirement's approve-notice task when it was analysed) and makes the
// wave's deployment depend on it with a lag of lead workdays, so that the
// schedule sends every notice at least lead workdays before its wave's
// window. It returns the IDs of the tasks it added; waves already noticed
// are left as they are. An unknown requirement or one of another category,
// a blank owner, a lead outside 1 to backlog.MaxWorkdays, or a plan with
// no planned wave is refused; on error nothing changes. Each added task
// and each changed deployment task is recorded with ch.
func (p *Plan) PlanNotices(requirementID, owner string, lead int, ch lifecycle.Change) ([]string, error) {
	if err := ch.Check(); err != nil {
		return nil, err
	}
	b := p.backlogLog()
	r, ok := b.Requirement(requirementID)
	switch {
	case !ok:
		return nil, validation.List{validation.NotFound(pathRequirements, CodeReferenceUnknown, "requirement", requirementID)}
	case r.Category != backlog.CategoryMaintenanceNotices:
		return nil, fmt.Errorf("plan: requirement %s is of category %s, not %s: %w", requirementID, r.Category, backlog.CategoryMaintenanceNotices, validation.ErrInvalid)
	case owner == "":
		return nil, fmt.Errorf("plan: the notices of requirement %s need an owner: %w", requirementID, validation.ErrRequired)
	case lead < 1 || lead > backlog.MaxWorkdays:
		return nil, fmt.Errorf("plan: a notice lead of %d workdays is outside 1 to %d: %w", lead, backlog.MaxWorkdays, validation.ErrOutOfRange)
	case p.Deployment == nil || len(p.Deployment.Waves) == 0:
		return nil, fmt.Errorf("plan: no deployment waves to send notices for: %w", deployment.ErrUnknownWave)
	}
	var after []backlog.Dependency
	if _, ok := b.Task(requirementID + "/approve-notice"); ok {
		after = []backlog.Dependency{{Task: requirementID + "/approve-notice"}}
	}
	var add, change []backlog.Task
	for _, w := range p.Deployment.Waves {
		if w.Ring == deployment.RingPilot {
			continue
		}
		dep, ok := b.Task(deployment.TaskID(w.ID, deployment.StepDeploy))
		if !ok {
			continue
		}
		id := requirementID + "/" + NoticeStep + "-" + w.ID
		if _, exists := b.Task(id); !exists {
			add = append(add, backlog.Task{ID: id, Title: "Maintenance notice sent: " + w.Name,
				Description:  fmt.Sprintf("Tell the customers of wave %s (%s) of its maintenance window, its impact and what they must do, %d workdays before the window.", w.ID, w.Audience, lead),
				Requirements: []string{requirementID}, Milestone: true, Assignee: owner,
				Dependencies: slices.Clone(after), Scheduling: backlog.AsLateAsPossible})
		}
		if !slices.ContainsFunc(dep.Dependencies, func(d backlog.Dependency) bool { return d.Task == id }) {
			dep = dep.Clone()
			dep.Dependencies = append(dep.Dependencies, backlog.Dependency{Task: id, Lag: lead})
			change = append(change, dep)
		}
	}
	if len(add) == 0 && len(change) == 0 {
		if !slices.ContainsFunc(p.Deployment.Waves, func(w deployment.Wave) bool {
			_, ok := b.Task(deployment.TaskID(w.ID, deployment.StepDeploy))
			return ok
		}) {
			return nil, fmt.Errorf("plan: no wave's deployment task is in the backlog (PlanWaves first): %w", validation.ErrNotFound)
		}
		return nil, nil
	}
	// Try every change on a copy first, so that a refusal changes nothing.
	trial := b.Clone()
	for _, t := range add {
		if err := trial.AddTask(t, ch); err != nil {
			return nil, err
		}
	}
	for _, t := range change {
		if err := trial.UpdateTask(t); err != nil {
			return nil, err
		}
	}
	ids := make([]string, 0, len(add))
	for _, t := range add {
		if err := p.AddTask(t, ch); err != nil {
			return ids, err // unreachable: the trial accepted it
		}
		ids = append(ids, t.ID)
	}
	for _, t := range change {
		if err := p.UpdateTask(t, ch); err != nil {
			return ids, err // unreachable: the trial accepted it
		}
	}
	return ids, nil
}
