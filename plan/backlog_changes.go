package plan

import (
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func (p *Plan) backlogLog() *backlog.Backlog {
	if p.Backlog == nil {
		p.Backlog = newBacklog()
	}
	return p.Backlog
}

// AddRequirement gathers a requirement into the backlog (sub-activity 1)
// and records its creation.
func (p *Plan) AddRequirement(r backlog.Requirement, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	b := p.backlogLog()
	if err := b.AddRequirement(r, ch); err != nil {
		return err
	}
	got, _ := b.Requirement(r.ID)
	p.recordLifecycle(EventRequirement, r.ID, nil, got.State, got.Reason, ch)
	return nil
}

// AddTask adds a task to the backlog (sub-activity 2) and records its
// creation.
func (p *Plan) AddTask(t backlog.Task, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkTaskRefs(t); err != nil {
		return err
	}
	b := p.backlogLog()
	if err := b.AddTask(t, ch); err != nil {
		return err
	}
	got, _ := b.Task(t.ID)
	p.recordLifecycle(EventTask, t.ID, nil, got.State, got.Reason, ch)
	return nil
}

// Analyze expands the backlog's requirements into tasks with the given
// templates (nil means backlog.DefaultTemplates()), anchored on the
// release date and the plan's calendar, and records the creation of every
// task added. It is idempotent: see backlog.Templates.Expand.
func (p *Plan) Analyze(templates *backlog.Templates, opts backlog.ExpandOptions) (backlog.Expansion, error) {
	if templates == nil {
		templates = backlog.DefaultTemplates()
	}
	if opts.Release.IsZero() {
		opts.Release = p.Release.Date
	}
	if opts.Calendar == nil {
		opts.Calendar = p.Calendar
	}
	b := p.backlogLog()
	exp, err := templates.Expand(b, opts)
	if err != nil {
		return exp, err
	}
	for _, id := range exp.Added {
		t, _ := b.Task(id)
		p.recordLifecycle(EventTask, id, nil, t.State, t.Reason, opts.Change)
	}
	return exp, nil
}

// TransitionBacklog moves a requirement or a task as its CMMI lifecycle
// allows and records the event. A refused move changes nothing.
//
// The tasks of a deployment wave (see PlanWaves) move with the waves'
// evaluations: a wave's gate task ("<wave>/gate") is completed (resolved,
// or closed as complete) only once the wave's evaluation has continued
// (else the error wraps ErrGateNotContinued), and a wave's deployment task
// ("<wave>/deploy") becomes active or complete only once the previous
// wave's evaluation has continued (else deployment.ErrPreviousWave); both
// are validation.ErrConflict. Dropping such a task (cut, deferred) is
// always allowed. The exit gate reports a document that breaks these
// (plan.deployment.gate).
func (p *Plan) TransitionBacklog(id string, to workitem.State, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	b := p.backlogLog()
	kind := EventTask
	if _, ok := b.Requirement(id); ok {
		kind = EventRequirement
	} else if err := p.checkWaveTaskMove(id, to, ch.Reason); err != nil {
		return err
	}
	ev, err := b.Transition(id, to, ch)
	if err != nil {
		return err
	}
	p.recordLifecycle(kind, id, ev.From, ev.To, ev.Reason, ch)
	return nil
}

// taskIndex returns the position of a task in the backlog's document, or
// the number of tasks when it has none with the ID.
func (p *Plan) taskIndex(id string) int {
	tasks := p.backlogLog().Tasks()
	if i := slices.IndexFunc(tasks, func(t backlog.Task) bool { return t.ID == id }); i >= 0 {
		return i
	}
	return len(tasks)
}

// checkTaskRefs reports what the backlog alone cannot see about a task
// the plan is about to hold: demands naming resources the pool does not
// have, and demand IDs the pool's own demands already use.
func (p *Plan) checkTaskRefs(t backlog.Task) error {
	var bad []int
	for j, d := range t.Demands {
		if _, ok := p.Resources.Demand(d.ID); ok && d.ID != "" {
			bad = append(bad, j)
		} else if _, ok := p.Resources.Resource(d.ResourceID); d.ResourceID != "" && !ok {
			bad = append(bad, j)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	at := pathTasks.Index(p.taskIndex(t.ID)).Child("demands")
	var l validation.List
	for _, j := range bad {
		d := t.Demands[j]
		if _, ok := p.Resources.Demand(d.ID); ok {
			l.Add(validation.Duplicate(at.Index(j).Child("id"), CodeDemandIDDuplicate, d.ID))
		} else {
			l.Add(validation.NotFound(at.Index(j).Child("resourceId"), CodeReferenceUnknown, "resource", d.ResourceID))
		}
	}
	return l
}

// UpdateRequirement replaces the requirement with r's ID by r (see
// backlog.Backlog.UpdateRequirement) and records the change. A refused
// update changes nothing.
func (p *Plan) UpdateRequirement(r backlog.Requirement, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.backlogLog().UpdateRequirement(r); err != nil {
		return err
	}
	p.recordEdit(EventRequirement, r.ID, reasonUpdated, ch)
	return nil
}

// UpdateTask replaces the task with t's ID by t (see
// backlog.Backlog.UpdateTask) and records the change. Its demands must
// name resources of the pool and use IDs the pool's own demands do not. A
// refused update changes nothing.
func (p *Plan) UpdateTask(t backlog.Task, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkTaskRefs(t); err != nil {
		return err
	}
	if err := p.backlogLog().UpdateTask(t); err != nil {
		return err
	}
	p.recordEdit(EventTask, t.ID, reasonUpdated, ch)
	return nil
}

// SetTracker records the work tracker's reference of a requirement or task
// (sub-activity 2: entered into the tracker) and records the change.
func (p *Plan) SetTracker(id string, tr backlog.TrackerRef, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	b := p.backlogLog()
	kind := EventTask
	if _, ok := b.Requirement(id); ok {
		kind = EventRequirement
	}
	if err := b.SetTracker(id, tr); err != nil {
		return err
	}
	p.recordEdit(kind, id, "Tracked as "+tr.System+" "+tr.ID, ch)
	return nil
}

// SetBlocked sets or clears the Blocked flag of a task and records the
// change.
func (p *Plan) SetBlocked(id string, blocked bool, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.backlogLog().SetBlocked(id, blocked); err != nil {
		return err
	}
	reason := "Unblocked"
	if blocked {
		reason = "Blocked"
	}
	p.recordEdit(EventTask, id, reason, ch)
	return nil
}

// RemoveFromBacklog removes a requirement or task entered in error (see
// backlog.Backlog.Remove) and records it. An item that a risk or an issue
// names, a requirement a deployment wave serves, or a task whose demand a
// commitment answers, is refused, and nothing changes.
func (p *Plan) RemoveFromBacklog(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	b := p.backlogLog()
	kind := EventTask
	if _, ok := b.Requirement(id); ok {
		kind = EventRequirement
	}
	if pr := p.namedByRiskLog(id); pr != nil {
		return validation.List{pr}
	}
	if pr := p.servedByWave(id); pr != nil {
		return validation.List{pr}
	}
	if t, ok := b.Task(id); ok {
		for _, d := range t.Demands {
			if i := slices.IndexFunc(p.Resources.Commitments, func(c resource.Commitment) bool { return c.DemandID == d.ID }); i >= 0 {
				return validation.List{validation.Conflict(pathResources.Child("commitments").Index(i).Child("demandId"), CodeReferenceUnknown,
					"commitment %s answers demand %s of task %s", p.Resources.Commitments[i].ID, d.ID, id)}
			}
		}
	}
	if err := b.Remove(id, ch); err != nil {
		return err
	}
	p.recordEdit(kind, id, reasonRemoved, ch)
	return nil
}

// namedByRiskLog reports the first place in the risk and issue logs that
// names a requirement or task.
func (p *Plan) namedByRiskLog(id string) *validation.Problem {
	if p.Risks == nil {
		return nil
	}
	for i, r := range p.Risks.Risks() {
		if slices.Contains(r.TaskIDs, id) || slices.Contains(r.RequirementIDs, id) {
			return validation.Conflict(pathRisks.Child("risks").Index(i), CodeReferenceUnknown, "risk %s names %s", r.ID, id)
		}
	}
	for i, is := range p.Risks.Issues() {
		if slices.Contains(is.Blocks.TaskIDs, id) || slices.Contains(is.Blocks.MilestoneIDs, id) || slices.Contains(is.Blocks.RequirementIDs, id) {
			return validation.Conflict(pathRisks.Child("issues").Index(i).Child("blocks"), CodeReferenceUnknown, "issue %s names %s", is.ID, id)
		}
	}
	return nil
}
