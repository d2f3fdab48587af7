package plan

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rolloutkit/rollout/lifecycle"
)

// Observe registers fn to be called with every event the plan records from
// now on, and returns a function that unregisters it. Observers are not
// part of the document: a decoded plan has none.
func (p *Plan) Observe(fn Observer) (cancel func()) {
	if fn == nil {
		return func() {}
	}
	id := len(p.observers)
	p.observers = append(p.observers, fn)
	return func() {
		if id < len(p.observers) {
			p.observers[id] = nil
		}
	}
}

// record appends e to the history, numbering it, and notifies observers.
func (p *Plan) record(e Event) Event {
	e.Seq = len(p.History) + 1
	if n := len(p.History); n > 0 && p.History[n-1].Seq >= e.Seq {
		e.Seq = p.History[n-1].Seq + 1
	}
	e.Revision = p.Revision
	p.History = append(p.History, e)
	for _, fn := range p.observers {
		if fn != nil {
			fn(e)
		}
	}
	return e
}

// Start moves the activity from NotStarted to InProgress. The entry gate
// runs first: when its report has blocking findings, Start returns a
// *GateError (errors.Is(err, ErrGateFailed)) holding the report and changes
// nothing. On success the passed gate and the move are both recorded as
// events. The report is returned either way.
func (p *Plan) Start(ctx context.Context, k Checker, ch lifecycle.Change) (GateResult, error) {
	return p.gatedMove(ctx, k, Entry, NotStarted, InProgress, ch)
}

// Complete moves the activity from InProgress to Complete once the exit
// criterion holds: the exit gate runs first, and blocking findings refuse
// the move with a *GateError.
func (p *Plan) Complete(ctx context.Context, k Checker, ch lifecycle.Change) (GateResult, error) {
	return p.gatedMove(ctx, k, Exit, InProgress, Complete, ch)
}

// Reopen moves a Complete activity back to InProgress, for instance when
// the release date changes or a commitment is lost. It moves only a
// Complete activity: a NotStarted one starts through Start, which runs the
// entry gate; from any other state Reopen returns a
// *lifecycle.TransitionError and changes nothing.
func (p *Plan) Reopen(ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.activityFrom(Complete, InProgress); err != nil {
		return err
	}
	ev, err := ActivityLifecycle().Apply(p.ID, p.State, InProgress, ch)
	if err != nil {
		return err
	}
	p.State = InProgress
	p.record(Event{Kind: EventActivity, Subject: p.ID, From: ev.From.String(), To: ev.To.String(), Reason: string(ev.Reason), By: ev.By, At: ev.At, Note: ev.Note})
	return nil
}

// activityFrom refuses a move to to unless the activity is in state from:
// each of Start, Complete and Reopen makes exactly one move of the
// activity's lifecycle, whatever other moves the table allows to the same
// state.
func (p *Plan) activityFrom(from, to ActivityState) error {
	if p == nil {
		return fmt.Errorf("plan: moving the activity: %w", ErrNilPlan)
	}
	if p.State == from {
		return nil
	}
	var allowed []string
	for _, r := range ActivityLifecycle().From(p.State) {
		allowed = append(allowed, r.To.String())
	}
	return &lifecycle.TransitionError{Lifecycle: "activity", Subject: p.ID, From: p.State.String(), To: to.String(),
		Allowed: allowed, Err: lifecycle.ErrInvalidTransition}
}

func (p *Plan) gatedMove(ctx context.Context, k Checker, gate Gate, from, to ActivityState, ch lifecycle.Change) (GateResult, error) {
	if err := ch.Check(); err != nil {
		return GateResult{}, err
	}
	if err := p.activityFrom(from, to); err != nil {
		return GateResult{}, err
	}
	lc := ActivityLifecycle()
	if _, err := lc.Check(p.State, to, ch.Reason); err != nil {
		return GateResult{}, err
	}
	rep, err := k.Check(ctx, p, gate)
	if err != nil {
		return GateResult{}, err
	}
	if err := rep.Err(); err != nil {
		return rep, err
	}
	p.recordGate(rep, ch)
	ev, err := lc.Apply(p.ID, p.State, to, ch)
	if err != nil {
		return rep, err
	}
	p.State = to
	p.record(Event{Kind: EventActivity, Subject: p.ID, From: ev.From.String(), To: ev.To.String(), Reason: string(ev.Reason), By: ev.By, At: ev.At, Note: ev.Note})
	return rep, nil
}

// CheckGate runs the gate's rules and records the result as an event,
// without moving the activity: a release manager's periodic readiness
// check. It returns the report; a failing gate is not an error here.
func (p *Plan) CheckGate(ctx context.Context, k Checker, gate Gate, ch lifecycle.Change) (GateResult, error) {
	if err := ch.Check(); err != nil {
		return GateResult{}, err
	}
	rep, err := k.Check(ctx, p, gate)
	if err != nil {
		return GateResult{}, err
	}
	p.recordGate(rep, ch)
	return rep, nil
}

func (p *Plan) recordGate(rep GateResult, ch lifecycle.Change) {
	result := "passed"
	if !rep.Passed() {
		result = "failed"
	}
	p.record(Event{Kind: EventGate, Subject: rep.Gate.String(), To: result, By: ch.By, At: ch.At,
		Note: fmt.Sprintf("%d finding(s), %d blocking", len(rep.Findings), len(rep.Blocking()))})
}

// Revise starts a new revision of the plan, the one presented to the
// program office for commitments. Commitments given against an earlier
// revision then need reconfirming (see the commitment rules).
func (p *Plan) Revise(ch lifecycle.Change) int {
	p.Revision++
	reason := string(ch.Reason)
	if reason == "" {
		reason = "New revision"
	}
	p.record(Event{Kind: EventRevision, Subject: p.ID, To: strconv.Itoa(p.Revision), Reason: reason, By: ch.By, At: ch.At, Note: ch.Note})
	return p.Revision
}
