package plan

import (
	"errors"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/validation"
)

// EventReadiness is the kind of the events about the launch readiness
// checklist: an item added or changed, a status move, evidence, a lead.
const EventReadiness EventKind = "readiness"

// underReadiness re-roots the problems of a readiness error under the
// plan's readiness path; other errors pass unchanged.
func underReadiness(err error) error {
	var l validation.List
	if errors.As(err, &l) {
		var out validation.List
		out.AddList(pathReadiness, l)
		return out
	}
	return err
}

// checklist returns a copy of the plan's checklist to change, a new one
// when the plan has none.
func (p *Plan) checklist() *readiness.Checklist {
	if p.Readiness == nil {
		return &readiness.Checklist{}
	}
	return p.Readiness.Clone()
}

// AddReadinessItems adds items to the launch readiness checklist, creating
// the checklist when the plan has none, and records each with ch (who,
// when). Items start not started. All or nothing: a malformed item or a
// duplicate ID refuses the whole call with the problems at their paths
// (readiness.items[n].title) and changes nothing. Start from
// readiness.Defaults for the standard items of the plan's categories.
func (p *Plan) AddReadinessItems(ch lifecycle.Change, items ...readiness.Item) error {
	if err := ch.Check(); err != nil {
		return err
	}
	c := p.checklist()
	for _, it := range items {
		if err := c.Add(it, ch); err != nil {
			return underReadiness(err)
		}
	}
	p.Readiness = c
	reason := ch.Reason
	if reason == "" {
		reason = readiness.Lifecycle().CreationReasons()[0]
	}
	for _, it := range items {
		p.record(Event{Kind: EventReadiness, Subject: it.ID, To: readiness.NotStarted.String(), Reason: string(reason), By: ch.By, At: ch.At, Note: ch.Note})
	}
	return nil
}

// UpdateReadinessItem replaces the descriptive fields of a checklist item
// (function, title, owner, must-have flag, due date, category) and records
// the change; its status and evidence change only through
// TransitionReadiness and AddReadinessEvidence. An unknown ID wraps
// validation.ErrNotFound; a malformed item is refused with its paths; on
// error nothing changes.
func (p *Plan) UpdateReadinessItem(it readiness.Item, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	c := p.checklist()
	if err := c.Update(it); err != nil {
		return underReadiness(err)
	}
	p.Readiness = c
	p.recordEdit(EventReadiness, it.ID, reasonUpdated, ch)
	return nil
}

// TransitionReadiness moves a checklist item to status to, as
// readiness.Checklist.Transition does (the lifecycle's table and reasons:
// ready only from in progress or at risk, and only with evidence, added
// first with AddReadinessEvidence; waived only with a reason in ch.Note),
// and records the move in the checklist's history and the plan's. A refused
// move returns the error and changes nothing.
func (p *Plan) TransitionReadiness(id string, to readiness.Status, ch lifecycle.Change) error {
	c := p.checklist()
	ev, err := c.Transition(id, to, ch)
	if err != nil {
		return underReadiness(err)
	}
	p.Readiness = c
	p.recordLifecycle(EventReadiness, id, ev.From, ev.To, ev.Reason, ch)
	return nil
}

// AddReadinessEvidence adds evidence to a checklist item (a link, an
// absolute URL, and/or a note, supplied by ch.By at ch.At) and records it.
// A refused piece of evidence returns the problems at their paths and
// changes nothing.
func (p *Plan) AddReadinessEvidence(id, link, note string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	c := p.checklist()
	if err := c.AddEvidence(id, link, note, ch); err != nil {
		return underReadiness(err)
	}
	p.Readiness = c
	ev := ch
	ev.Note = link
	if note != "" {
		ev.Note = joinNonEmpty(link, note)
	}
	p.recordEdit(EventReadiness, id, "Evidence added", ev)
	return nil
}

// SetReadinessLead names the person who signs off a function's readiness
// at the go/no-go review (an empty person removes the lead) and records
// it. The lead should fill a role of the plan, so that they can be an
// approver of the review; the exit gate checks that they are. A malformed
// function or a blank person is refused and changes nothing.
func (p *Plan) SetReadinessLead(f readiness.Function, person string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	c := p.checklist()
	if err := c.SetLead(f, person); err != nil {
		return underReadiness(err)
	}
	p.Readiness = c
	ev := ch
	ev.Note = person
	p.recordEdit(EventReadiness, string(f), "Lead named", ev)
	return nil
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " (" + b + ")"
}
