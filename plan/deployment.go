package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Event kinds of the deployment half of the plan.
const (
	// EventDeployment: the deployment plan (waves, point of no return,
	// hypercare) was set.
	EventDeployment EventKind = "deployment"
	// EventWave: a wave's evaluation moved; the subject is the wave's ID.
	EventWave EventKind = "wave"
)

// ErrGateNotContinued is wrapped by the error TransitionBacklog returns
// when it refuses to complete a wave's gate task ("<wave>/gate") while the
// wave's evaluation has not continued: the gate is where the decision to
// continue is taken, so it is complete only once that decision is
// recorded (TransitionWave, PassPointOfNoReturn).
var ErrGateNotContinued = validation.Sentinel(validation.ErrConflict, "wave's evaluation has not continued")

// ErrGoNoGoNotGo is wrapped by the error PassPointOfNoReturn returns when
// the go/no-go review it names has not decided go.
var ErrGoNoGoNotGo = validation.Sentinel(validation.ErrConflict, "go/no-go review has not decided go")

// notGoError is the error PassPointOfNoReturn returns for a go/no-go
// review that has not decided go: one sentence naming the review and its
// outcome, wrapping ErrGoNoGoNotGo.
type notGoError struct {
	review  string
	outcome Outcome
}

func (e *notGoError) Error() string {
	return fmt.Sprintf("plan: go/no-go review %s has not decided go (its outcome is %s)", e.review, e.outcome)
}

func (e *notGoError) Unwrap() error { return ErrGoNoGoNotGo }

// SetDeployment sets the plan's deployment half: the waves, the point of
// no return and hypercare, and records the change. The evaluations and
// their history stay the plan's: a wave already in the plan keeps its
// evaluation (d's is ignored), a new wave starts pending, and a wave whose
// evaluation has moved cannot be removed. d is copied. A d with blocking
// problems (deployment.Plan.Validate, with paths under deployment) or one
// naming a requirement or calendar the plan does not have is refused and
// changes nothing; so is a ch without who and when.
func (p *Plan) SetDeployment(d *deployment.Plan, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if d == nil {
		return validation.List{validation.Required(pathDeployment, CodeDocument, "a deployment plan")}
	}
	next := d.Clone()
	next.Events = nil
	old := p.Deployment
	var l validation.List
	for i := range next.Waves {
		next.Waves[i].Evaluation = deployment.Evaluation{}
		if w, _, ok := old.Wave(next.Waves[i].ID); ok {
			next.Waves[i].Evaluation = w.Evaluation
		}
	}
	if old != nil {
		next.Events = slices.Clone(old.Events)
		for _, e := range old.Events {
			if _, _, ok := next.Wave(e.Subject); !ok {
				l.Add(validation.Conflict(pathDeployment.Child("waves"), CodeDocument,
					"wave %s cannot be removed: its evaluation has moved", e.Subject).About(waveSubject(e.Subject)))
				break
			}
		}
	}
	l.AddList(pathDeployment, next.ValidateList().Blocking())
	p.checkDeploymentRefs(next, &l)
	if err := l.Err(); err != nil {
		return err
	}
	p.Deployment = next
	p.recordEdit(EventDeployment, p.ID, reasonUpdated, ch)
	return nil
}

// PlanWaves adds the tasks the waves become (see deployment.Plan.Tasks:
// deploy, soak, evaluate and a gate milestone per wave, on the deployment
// calendar, each wave after the previous wave's gate) to the backlog and
// records their creation. It is idempotent: a task whose ID the backlog
// already holds is left as it is, and only the missing ones are added,
// whose IDs it returns in order. When the plan has no waves it adds
// nothing. A task the backlog refuses refuses them all: on error nothing
// changes.
func (p *Plan) PlanWaves(opts deployment.TaskOptions, ch lifecycle.Change) ([]string, error) {
	if err := ch.Check(); err != nil {
		return nil, err
	}
	tasks, err := p.Deployment.Tasks(opts)
	if err != nil {
		return nil, err
	}
	b := p.backlogLog()
	var add []backlog.Task
	for _, t := range tasks {
		if _, ok := b.Task(t.ID); !ok {
			add = append(add, t)
		}
	}
	// Try them all on a copy first, so that a refusal changes nothing.
	trial := b.Clone()
	for _, t := range add {
		if err := p.checkTaskRefsIn(trial, t); err != nil {
			return nil, err
		}
		if err := trial.AddTask(t, ch); err != nil {
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
	return ids, nil
}

// checkTaskRefsIn is checkTaskRefs for a task about to join backlog b.
func (p *Plan) checkTaskRefsIn(b *backlog.Backlog, t backlog.Task) error {
	saved := p.Backlog
	p.Backlog = b
	defer func() { p.Backlog = saved }()
	return p.checkTaskRefs(t)
}

// TransitionWave moves the evaluation of a wave as the evaluation
// lifecycle allows (deployment.Plan.Transition) and records the event. A
// refused move, or a plan without deployment (an error wrapping
// deployment.ErrUnknownWave), changes nothing. Continuing into the wave at
// the point of no return needs PassPointOfNoReturn. The wave's tasks
// follow its evaluation: its gate task is completed, and the next wave's
// deployment started, with TransitionBacklog once it has continued.
func (p *Plan) TransitionWave(wave string, to deployment.EvaluationState, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return fmt.Errorf("plan: wave %s: %w", wave, err)
	}
	if p.Deployment == nil {
		return fmt.Errorf("plan: wave %q: %w", wave, deployment.ErrUnknownWave)
	}
	if err := p.Deployment.Transition(wave, to, ch); err != nil {
		return err
	}
	p.recordWave(ch)
	return nil
}

func (p *Plan) recordWave(ch lifecycle.Change) {
	ev := p.Deployment.Events[len(p.Deployment.Events)-1]
	p.record(Event{Kind: EventWave, Subject: ev.Subject, From: string(ev.From), To: string(ev.To), Reason: string(ev.Reason), By: ch.By, At: ch.At, Note: ch.Note})
}

// PassPointOfNoReturn continues the rollout into the wave at the point of
// no return, on the strength of the go/no-go review decisionID, and records
// the event. It is refused, changing nothing, when the plan has no point of
// no return, the review is unknown (validation.ErrNotFound) or has not
// decided go or go with conditions (ErrGoNoGoNotGo), or the wave before the
// point of no return may not continue (see deployment.Plan.Transition).
func (p *Plan) PassPointOfNoReturn(decisionID string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	d := p.Deployment
	if d == nil || d.PointOfNoReturn == nil {
		return fmt.Errorf("plan: %w: the plan has no point of no return", deployment.ErrPointOfNoReturn)
	}
	i := slices.IndexFunc(p.Decisions, func(dec Decision) bool { return dec.ID == decisionID })
	if i < 0 {
		return validation.List{validation.NotFound(pathDeployment.Child("pointOfNoReturn").Child("decision"), CodeReferenceUnknown, "go/no-go review", decisionID)}
	}
	if o := p.Decisions[i].Outcome(); o != Launch && o != LaunchWithConditions {
		return &notGoError{review: decisionID, outcome: o}
	}
	_, k, ok := d.Wave(d.PointOfNoReturn.Wave)
	if !ok || k == 0 {
		return fmt.Errorf("plan: %w: the point of no return is at the first wave; the go/no-go review itself passes it", deployment.ErrPointOfNoReturn)
	}
	if err := d.PassPointOfNoReturn(d.Waves[k-1].ID, decisionID, ch); err != nil {
		return err
	}
	p.recordWave(ch)
	return nil
}

// WaveWindows returns the planned window of each wave from the plan's
// schedule: from the first day of its deployment to its gate. Waves whose
// tasks are not in the backlog (see PlanWaves) have none.
func (p *Plan) WaveWindows() ([]deployment.Window, error) {
	if p.Deployment == nil {
		return nil, nil
	}
	res, err := p.Schedule()
	if err != nil {
		return nil, err
	}
	return p.Deployment.Windows(func(id string) (calendar.Date, calendar.Date, bool) {
		s, f, err := res.Scheduled(id)
		return s, f, err == nil
	}), nil
}

// checkDeploymentRefs reports the requirements, calendars and go/no-go
// reviews d names that the plan does not have.
func (p *Plan) checkDeploymentRefs(d *deployment.Plan, l *validation.List) {
	if d == nil {
		return
	}
	if d.Calendar != "" && p.calendarNamed(d.Calendar) == nil {
		l.Add(validation.NotFound(pathDeployment.Child("calendar"), CodeReferenceUnknown, "calendar", d.Calendar))
	}
	b := p.Backlog
	for i, w := range d.Waves {
		if w.Requirement == "" {
			continue
		}
		if b == nil {
			b = newBacklog()
		}
		if _, ok := b.Requirement(w.Requirement); !ok {
			l.Add(validation.NotFound(pathDeployment.Child("waves").Index(i).Child("requirement"), CodeReferenceUnknown, "requirement", w.Requirement).
				About(waveSubject(w.ID)))
		}
	}
	if h := d.Hypercare; h != nil {
		hp := pathDeployment.Child("hypercare")
		subj := validation.Subject{Kind: deployment.SubjectHypercare}
		for i, id := range h.Rota {
			if _, ok := p.Resources.Demand(id); id != "" && !ok {
				l.Add(validation.NotFound(hp.Child("rota").Index(i), CodeReferenceUnknown, "demand of the resource pool", id).About(subj))
			}
		}
		if _, ok := p.Resources.Demand(h.WarRoom); h.WarRoom != "" && !ok {
			l.Add(validation.NotFound(hp.Child("warRoom"), CodeReferenceUnknown, "demand of the resource pool", h.WarRoom).About(subj))
		}
	}
	for i, w := range d.Waves {
		if a := w.Evaluation.Approval; a != "" && !slices.ContainsFunc(p.Decisions, func(dec Decision) bool { return dec.ID == a }) {
			l.Add(validation.NotFound(pathDeployment.Child("waves").Index(i).Child("evaluation").Child("approval"), CodeReferenceUnknown, "go/no-go review", a).
				About(waveSubject(w.ID)))
		}
	}
}

// waveSubject is the subject of a problem about the wave with the ID.
func waveSubject(id string) validation.Subject {
	return validation.Subject{Kind: deployment.SubjectWave, ID: id}
}

// servedByWave reports the first wave that serves requirement id.
func (p *Plan) servedByWave(id string) *validation.Problem {
	if p.Deployment == nil {
		return nil
	}
	for i, w := range p.Deployment.Waves {
		if w.Requirement != "" && w.Requirement == id {
			return validation.Conflict(pathDeployment.Child("waves").Index(i).Child("requirement"), CodeReferenceUnknown,
				"wave %s serves requirement %s", w.ID, id).About(waveSubject(w.ID))
		}
	}
	return nil
}

// taskDone reports whether a task in state with reason is complete:
// resolved, or closed for a reason other than dropping it (cut,
// deferred, overtaken by events, ...).
func taskDone(state workitem.State, reason string) bool {
	return state == workitem.Resolved || (state == workitem.Closed && !dropped(state, reason))
}

// taskStarted reports whether a task in state with reason has started:
// active (in progress) or complete.
func taskStarted(state workitem.State, reason string) bool {
	return state == workitem.Active || taskDone(state, reason)
}

// checkWaveTaskMove refuses a move of a wave's task to state to with
// reason (empty: the move's default) that the waves' evaluations do not allow: completing a wave's
// gate task while the wave's evaluation has not continued
// (ErrGateNotContinued), and starting or completing a wave's deployment
// task while the previous wave's evaluation has not continued
// (deployment.ErrPreviousWave). Other tasks, and moves that drop a task,
// pass.
func (p *Plan) checkWaveTaskMove(id string, to workitem.State, reason lifecycle.Reason) error {
	d := p.Deployment
	if d == nil {
		return nil
	}
	wave, step, ok := strings.Cut(id, "/")
	if !ok {
		return nil
	}
	w, i, ok := d.Wave(wave)
	if !ok {
		return nil
	}
	t, ok := p.backlogLog().Task(id)
	if !ok {
		return nil
	}
	// The reason the move records (the default one when none is given);
	// a move the lifecycle refuses is refused with its own error.
	_, lc := p.backlogLog().Lifecycles()
	reason, err := lc.Check(t.State, to, reason)
	if err != nil {
		return nil
	}
	switch {
	case step == deployment.StepGate && taskDone(to, string(reason)) && w.Evaluation.Current() != deployment.Continued:
		return fmt.Errorf("plan: task %s: %w: wave %s is %s; record the decision to continue (TransitionWave) before completing its gate",
			id, ErrGateNotContinued, wave, w.Evaluation.Current())
	case step == deployment.StepDeploy && i > 0 && taskStarted(to, string(reason)) && d.Waves[i-1].Evaluation.Current() != deployment.Continued:
		prev := d.Waves[i-1]
		return fmt.Errorf("plan: task %s: %w: wave %s is %s; wave %s is deployed only once it continues",
			id, deployment.ErrPreviousWave, prev.ID, prev.Evaluation.Current(), wave)
	}
	return nil
}

// calendarNamed returns the plan's calendar or the pool's calendar with
// the name, or nil.
func (p *Plan) calendarNamed(name string) *calendar.Calendar {
	if p.Calendar != nil && p.Calendar.Name() == name {
		return p.Calendar
	}
	for _, c := range p.Resources.Calendars {
		if c != nil && c.Name() == name {
			return c
		}
	}
	if name == calendar.Standard().Name() {
		return calendar.Standard()
	}
	return nil
}
