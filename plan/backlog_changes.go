package plan

import (
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
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
func (p *Plan) TransitionBacklog(id string, to workitem.State, ch lifecycle.Change) error {
	b := p.backlogLog()
	kind := EventTask
	if _, ok := b.Requirement(id); ok {
		kind = EventRequirement
	}
	ev, err := b.Transition(id, to, ch)
	if err != nil {
		return err
	}
	p.recordLifecycle(kind, id, ev.From, ev.To, ev.Reason, ch)
	return nil
}
