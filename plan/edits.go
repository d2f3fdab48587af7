package plan

import (
	"slices"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/validation"
)

// Event kinds of the edits that are not transitions.
const (
	EventNotification EventKind = "notification"
	EventResource     EventKind = "resource"
	EventDemand       EventKind = "demand"
	EventBudget       EventKind = "budget"
)

// Reasons recorded for edits that are not transitions.
const (
	reasonAdded   = "Added"
	reasonUpdated = "Updated"
	reasonRemoved = "Removed"
)

func (p *Plan) recordEdit(kind EventKind, subject, reason string, ch lifecycle.Change) {
	if ch.Reason != "" {
		reason += ": " + string(ch.Reason)
	}
	p.record(Event{Kind: kind, Subject: subject, Reason: reason, By: ch.By, At: ch.At, Note: ch.Note})
}

// problemKey identifies a problem for comparing two validations.
func problemKey(pr *validation.Problem) string {
	return string(pr.Code) + "\x00" + pr.Path.String() + "\x00" + pr.Message
}

// admit applies a change to a trial copy of the plan made by trial, and
// keeps the copy only when the change adds no blocking problem to the
// plan's validation. A refused change returns the new problems as a
// validation.List and leaves p as it was. It validates the whole plan
// twice: it serves the edits of small parts (roles, the resource pool, the
// budget), not bulk changes.
func (p *Plan) admit(apply func(q *Plan) error) error {
	q := *p
	q.Roles = p.clonePeople()
	q.Resources.Resources = slices.Clone(p.Resources.Resources)
	q.Resources.Demands = slices.Clone(p.Resources.Demands)
	q.Resources.Calendars = slices.Clone(p.Resources.Calendars)
	q.Resources.Budget.Lines = slices.Clone(p.Resources.Budget.Lines)
	q.Resources.Budget.Categories = slices.Clone(p.Resources.Budget.Categories)
	if err := apply(&q); err != nil {
		return err
	}
	before := map[string]bool{}
	for _, pr := range p.ValidateList().Blocking() {
		before[problemKey(pr)] = true
	}
	var added validation.List
	for _, pr := range q.ValidateList().Blocking() {
		if !before[problemKey(pr)] {
			added = append(added, pr)
		}
	}
	if len(added) > 0 {
		return added
	}
	q.observers = p.observers
	*p = q
	return nil
}

// Notify records the entry criterion's evidence: the notification that the
// project is committed to a release on a date. It replaces any earlier
// notification; whether it matches the release is the entry gate's
// question.
func (p *Plan) Notify(n Notification, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if n.IsZero() {
		return validation.List{validation.Required(validation.NewPath("notification"), CodeNotification, "the notification's who, when, reference, version and date")}
	}
	p.Notification = n
	p.record(Event{Kind: EventNotification, Subject: n.Reference, Reason: "Notified by " + n.From, To: n.Date.String(), By: ch.By, At: ch.At, Note: ch.Note})
	return nil
}

var pathPool = pathResources

// AddResource adds a person, facility, equipment or fund to the resource
// pool and records it. A resource the pool's validation refuses (a
// duplicate ID, a missing name, an unknown calendar...) is refused with
// the problems at its path, and nothing changes.
func (p *Plan) AddResource(r resource.Resource, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		q.Resources.Resources = append(q.Resources.Resources, r)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventResource, r.ID, reasonAdded, ch)
	return nil
}

// UpdateResource replaces the resource with r's ID by r and records it.
// Errors are as for AddResource; an unknown ID wraps
// validation.ErrNotFound.
func (p *Plan) UpdateResource(r resource.Resource, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Resources, func(x resource.Resource) bool { return x.ID == r.ID })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("resources"), CodeReferenceUnknown, "resource", r.ID)}
		}
		q.Resources.Resources[i] = r
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventResource, r.ID, reasonUpdated, ch)
	return nil
}

// RemoveResource removes a resource and records it. A resource that a
// demand, a task's demand or a commitment names is refused (the problems
// say where it is named), and nothing changes.
func (p *Plan) RemoveResource(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Resources, func(x resource.Resource) bool { return x.ID == id })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("resources"), CodeReferenceUnknown, "resource", id)}
		}
		q.Resources.Resources = slices.Delete(q.Resources.Resources, i, i+1)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventResource, id, reasonRemoved, ch)
	return nil
}

// AddDemand adds a demand of the plan's own (one that no task creates) to
// the resource pool and records it. Errors are as for AddResource; a
// demand ID a task's demand already uses is a duplicate.
func (p *Plan) AddDemand(d resource.Demand, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		q.Resources.Demands = append(q.Resources.Demands, d)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventDemand, d.ID, reasonAdded, ch)
	return nil
}

// UpdateDemand replaces the pool's demand with d's ID by d and records it.
// Commitments given for the demand as it was then need reconfirming (see
// Reconfirm). Errors are as for AddDemand; an unknown ID wraps
// validation.ErrNotFound. Change a task's demands with UpdateTask.
func (p *Plan) UpdateDemand(d resource.Demand, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Demands, func(x resource.Demand) bool { return x.ID == d.ID })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("demands"), CodeReferenceUnknown, "demand", d.ID)}
		}
		q.Resources.Demands[i] = d
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventDemand, d.ID, reasonUpdated, ch)
	return nil
}

// RemoveDemand removes one of the pool's demands and records it. A demand
// that a commitment answers is refused, and nothing changes.
func (p *Plan) RemoveDemand(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if i := slices.IndexFunc(p.Resources.Commitments, func(c resource.Commitment) bool { return c.DemandID == id }); i >= 0 {
		return validation.List{validation.Conflict(pathPool.Child("commitments").Index(i).Child("demandId"), CodeReferenceUnknown,
			"commitment %s answers demand %s: withdraw or release it instead of removing the demand", p.Resources.Commitments[i].ID, id)}
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Demands, func(x resource.Demand) bool { return x.ID == id })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("demands"), CodeReferenceUnknown, "demand", id)}
		}
		q.Resources.Demands = slices.Delete(q.Resources.Demands, i, i+1)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventDemand, id, reasonRemoved, ch)
	return nil
}

// AddCalendar adds a working calendar that resources may name, and records
// it. A calendar without a name or with the name of another is refused.
func (p *Plan) AddCalendar(c *calendar.Calendar, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if c == nil {
		return validation.List{validation.Required(pathPool.Child("calendars").Index(len(p.Resources.Calendars)), CodeReferenceUnknown, "the calendar")}
	}
	err := p.admit(func(q *Plan) error {
		q.Resources.Calendars = append(q.Resources.Calendars, c)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventResource, "calendar "+c.Name(), reasonAdded, ch)
	return nil
}

// SetBudget sets the budget's currency and its user-defined categories
// and records the change. A currency that the budget's lines do not use,
// or a malformed category, is refused, and nothing changes.
func (p *Plan) SetBudget(currency money.Currency, categories []resource.Category, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		q.Resources.Budget.Currency = currency
		q.Resources.Budget.Categories = slices.Clone(categories)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventBudget, currency.String(), reasonUpdated, ch)
	return nil
}

// AddBudgetLine adds a line to the launch budget and records it. A line
// the budget's validation refuses (a duplicate ID, an unknown category, an
// amount in another currency...) is refused with the problems at its
// path, and nothing changes.
func (p *Plan) AddBudgetLine(l resource.BudgetLine, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		q.Resources.Budget.Lines = append(q.Resources.Budget.Lines, l)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventBudget, l.ID, reasonAdded, ch)
	return nil
}

// UpdateBudgetLine replaces the budget line with l's ID by l (for
// example to record money committed or spent) and records it. Errors are
// as for AddBudgetLine; an unknown ID wraps validation.ErrNotFound.
func (p *Plan) UpdateBudgetLine(l resource.BudgetLine, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Budget.Lines, func(x resource.BudgetLine) bool { return x.ID == l.ID })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("budget").Child("lines"), CodeReferenceUnknown, "budget line", l.ID)}
		}
		q.Resources.Budget.Lines[i] = l
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventBudget, l.ID, reasonUpdated, ch)
	return nil
}

// RemoveBudgetLine removes a budget line and records it. An unknown ID
// wraps validation.ErrNotFound.
func (p *Plan) RemoveBudgetLine(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	err := p.admit(func(q *Plan) error {
		i := slices.IndexFunc(q.Resources.Budget.Lines, func(x resource.BudgetLine) bool { return x.ID == id })
		if i < 0 {
			return validation.List{validation.NotFound(pathPool.Child("budget").Child("lines"), CodeReferenceUnknown, "budget line", id)}
		}
		q.Resources.Budget.Lines = slices.Delete(q.Resources.Budget.Lines, i, i+1)
		return nil
	})
	if err != nil {
		return err
	}
	p.recordEdit(EventBudget, id, reasonRemoved, ch)
	return nil
}
