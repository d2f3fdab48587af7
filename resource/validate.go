package resource

import (
	"math"
	"strings"

	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Validate reports. They never change once published.
const (
	CodeCalendarMissing   validation.Code = "resource.calendar.missing"
	CodeCalendarName      validation.Code = "resource.calendar.name.required"
	CodeCalendarDuplicate validation.Code = "resource.calendar.name.duplicate"

	CodeResourceID          validation.Code = "resource.id.required"
	CodeResourceDuplicate   validation.Code = "resource.id.duplicate"
	CodeResourceName        validation.Code = "resource.name.required"
	CodeResourceKind        validation.Code = "resource.kind.invalid"
	CodeResourceHours       validation.Code = "resource.hoursPerDay.range"
	CodeResourceCapacity    validation.Code = "resource.capacity.range"
	CodeResourceCalendar    validation.Code = "resource.calendar.not-found"
	CodeResourceAbsence     validation.Code = "resource.absence.invalid"
	CodeResourceRate        validation.Code = "resource.rate.invalid"
	CodeResourceNotPerson   validation.Code = "resource.role.not-person"
	CodeResourceNoDailyUnit validation.Code = "resource.hoursPerDay.not-person"

	CodeDemandID        validation.Code = "demand.id.required"
	CodeDemandDuplicate validation.Code = "demand.id.duplicate"
	CodeDemandWho       validation.Code = "demand.who.required"
	CodeDemandResource  validation.Code = "demand.resource.not-found"
	CodeDemandKind      validation.Code = "demand.kind.mismatch"
	CodeDemandUnit      validation.Code = "demand.quantity.unit.invalid"
	CodeDemandQuantity  validation.Code = "demand.quantity.range"
	CodeDemandMoney     validation.Code = "demand.quantity.money.invalid"
	CodeDemandWhen      validation.Code = "demand.when.required"
	CodeDemandDates     validation.Code = "demand.dates.invalid"
	CodeDemandCategory  validation.Code = "demand.category.unknown"

	CodeCommitmentID        validation.Code = "commitment.id.required"
	CodeCommitmentDuplicate validation.Code = "commitment.id.duplicate"
	CodeCommitmentDemand    validation.Code = "commitment.demand.not-found"
	CodeCommitmentState     validation.Code = "commitment.state.invalid"
	CodeCommitmentResource  validation.Code = "commitment.resource.not-found"
	CodeCommitmentMismatch  validation.Code = "commitment.resource.mismatch"
	CodeCommitmentTerms     validation.Code = "commitment.terms.invalid"
	CodeCommitmentRecord    validation.Code = "commitment.committed.incomplete"
	CodeCommitmentHistory   validation.Code = "commitment.history.invalid"

	CodeBudgetCurrency  validation.Code = "budget.currency.invalid"
	CodeBudgetCategory  validation.Code = "budget.category.invalid"
	CodeBudgetLineID    validation.Code = "budget.line.id.required"
	CodeBudgetDuplicate validation.Code = "budget.line.id.duplicate"
	CodeBudgetUnknown   validation.Code = "budget.line.category.unknown"
	CodeBudgetAmount    validation.Code = "budget.line.amount.invalid"

	// Codes of the Check methods.
	CodeOverAllocated    validation.Code = "resource.over-allocated"
	CodeUnplaced         validation.Code = "demand.unplaced"
	CodeUncovered        validation.Code = "demand.uncovered"
	CodePartlyCovered    validation.Code = "demand.partly-covered"
	CodeReconfirm        validation.Code = "commitment.reconfirmation-needed"
	CodeUnderfunded      validation.Code = "budget.underfunded"
	CodeOverspent        validation.Code = "budget.overspent"
	CodeBudgetArithmetic validation.Code = "budget.arithmetic"
)

var (
	pCalendars   = validation.NewPath("calendars")
	pResources   = validation.NewPath("resources")
	pDemands     = validation.NewPath("demands")
	pCommitments = validation.NewPath("commitments")
	pBudget      = validation.NewPath("budget")
)

func (p *Pool) validate(l *validation.List) {
	names := map[string]bool{}
	for i, c := range p.Calendars {
		switch {
		case c == nil:
			l.Add(validation.Required(pCalendars.Index(i), CodeCalendarMissing, "a calendar"))
		case c.Name() == "":
			l.Add(validation.Required(pCalendars.Index(i).Child("name"), CodeCalendarName, "a calendar name"))
		case names[c.Name()]:
			l.Add(validation.Duplicate(pCalendars.Index(i).Child("name"), CodeCalendarDuplicate, c.Name()))
		default:
			names[c.Name()] = true
		}
	}
	ix := p.index()
	seen := make(map[string]struct{}, len(p.Resources))
	for i := range p.Resources {
		p.validateResource(l, i, names, seen)
	}
	seen = make(map[string]struct{}, len(p.Demands))
	for i := range p.Demands {
		p.validateDemand(l, i, ix, seen)
	}
	seen = make(map[string]struct{}, len(p.Commitments))
	for i := range p.Commitments {
		p.validateCommitment(l, i, ix, seen)
	}
	p.validateBudget(l)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func (p *Pool) validateResource(l *validation.List, i int, calendars map[string]bool, seen map[string]struct{}) {
	r := &p.Resources[i]
	at := func() validation.Path { return pResources.Index(i) }
	if r.ID == "" {
		l.Add(validation.Required(at().Child("id"), CodeResourceID, "a resource ID"))
	} else if _, dup := seen[r.ID]; dup {
		l.Add(validation.Duplicate(at().Child("id"), CodeResourceDuplicate, r.ID))
	} else {
		seen[r.ID] = struct{}{}
	}
	if strings.TrimSpace(r.Name) == "" {
		l.Add(validation.Required(at().Child("name"), CodeResourceName, "a resource name"))
	}
	if !r.Kind.IsValid() {
		l.Add(validation.NotSupported(at().Child("kind"), CodeResourceKind, r.Kind.String(), kindNames[1:]))
	}
	if !finite(r.HoursPerDay) || r.HoursPerDay < 0 || r.HoursPerDay > 24 {
		l.Add(validation.OutOfRange(at().Child("hoursPerDay"), CodeResourceHours, "hours per day %v must be from 0 to 24", r.HoursPerDay))
	} else if r.HoursPerDay != 0 && r.Kind != KindPerson && r.Kind.IsValid() {
		l.Add(validation.Forbidden(at().Child("hoursPerDay"), CodeResourceNoDailyUnit, "only a person has hours per day; a %s has a capacity", r.Kind))
	}
	if r.Role != "" && r.Kind != KindPerson && r.Kind.IsValid() {
		l.Add(validation.Forbidden(at().Child("role"), CodeResourceNotPerson, "only a person has a role"))
	}
	switch {
	case !finite(r.Capacity) || r.Capacity < 0:
		l.Add(validation.OutOfRange(at().Child("capacity"), CodeResourceCapacity, "capacity %v must be zero or more", r.Capacity))
	case (r.Kind == KindFacility || r.Kind == KindEquipment) && r.Capacity == 0:
		l.Add(validation.Required(at().Child("capacity"), CodeResourceCapacity, "the capacity of a "+r.Kind.String()))
	case r.Kind == KindPerson && r.Capacity != 0:
		l.Add(validation.Forbidden(at().Child("capacity"), CodeResourceCapacity, "a person's capacity is hoursPerDay, not capacity"))
	}
	if r.Calendar != "" && !calendars[r.Calendar] {
		l.Add(validation.NotFound(at().Child("calendar"), CodeResourceCalendar, "calendar", r.Calendar))
	}
	for j, a := range r.Absences {
		switch {
		case a.From.IsZero():
			l.Add(validation.Required(at().Child("absences").Index(j).Child("from"), CodeResourceAbsence, "the first day of the absence"))
		case a.Last().Before(a.From):
			l.Add(validation.Invalid(at().Child("absences").Index(j).Child("to"), CodeResourceAbsence, "absence ends %s before it starts %s", a.To, a.From))
		}
	}
	if !r.Rate.IsZero() {
		switch {
		case r.Rate.Amount.IsZero() || r.Rate.Amount.IsNegative():
			l.Add(validation.Invalid(at().Child("rate").Child("amount"), CodeResourceRate, "a rate needs a non-negative amount"))
		case !r.Rate.Per.IsValid():
			l.Add(validation.NotSupported(at().Child("rate").Child("per"), CodeResourceRate, r.Rate.Per.String(), ratePerNames[1:]))
		case r.Rate.Per == PerHour && r.Kind != KindPerson && r.Kind.IsValid():
			l.Add(validation.Invalid(at().Child("rate").Child("per"), CodeResourceRate, "an hourly rate applies to people only"))
		}
	}
}

func (p *Pool) validateDemand(l *validation.List, i int, ix index, seen map[string]struct{}) {
	d := &p.Demands[i]
	at := func() validation.Path { return pDemands.Index(i) }
	if d.ID == "" {
		l.Add(validation.Required(at().Child("id"), CodeDemandID, "a demand ID"))
	} else if _, dup := seen[d.ID]; dup {
		l.Add(validation.Duplicate(at().Child("id"), CodeDemandDuplicate, d.ID))
	} else {
		seen[d.ID] = struct{}{}
	}
	if d.ResourceID == "" && d.Role == "" && d.Kind == 0 {
		l.Add(validation.Required(at(), CodeDemandWho, "a resourceId, role or kind"))
	}
	if d.Kind != 0 && !d.Kind.IsValid() {
		l.Add(validation.NotSupported(at().Child("kind"), CodeDemandKind, d.Kind.String(), kindNames[1:]))
	}
	q := d.Quantity
	validateQuantity(l, q, func() validation.Path { return at().Child("quantity") }, CodeDemandUnit, CodeDemandQuantity, CodeDemandMoney)
	kind := d.EffectiveKind()
	if q.Unit.IsValid() && kind.IsValid() && kind.Unit() != q.Unit {
		l.Add(validation.Conflict(at().Child("quantity").Child("unit"), CodeDemandKind, "a demand for a %s is counted in %s, not %s", kind, kind.Unit(), q.Unit))
	}
	if d.Role != "" && kind != KindPerson && kind.IsValid() {
		l.Add(validation.Conflict(at().Child("role"), CodeDemandKind, "a role asks for a person, not a %s", kind))
	}
	if d.ResourceID != "" {
		if ri, ok := ix.resources[d.ResourceID]; !ok {
			l.Add(validation.NotFound(at().Child("resourceId"), CodeDemandResource, "resource", d.ResourceID))
		} else if r := &p.Resources[ri]; r.Kind.IsValid() && kind.IsValid() && r.Kind != kind {
			l.Add(validation.Conflict(at().Child("resourceId"), CodeDemandKind, "resource %q is a %s, the demand asks for a %s", r.ID, r.Kind, kind))
		}
	}
	if kind != KindMoney {
		switch {
		case d.From.IsZero() != d.To.IsZero():
			l.Add(validation.Required(at().Child(map[bool]string{true: "from", false: "to"}[d.From.IsZero()]), CodeDemandDates, "both ends of the date range"))
		case d.From.IsZero() && d.TaskID == "":
			l.Add(validation.Required(at(), CodeDemandWhen, "a date range (from, to) or a taskId"))
		case d.To.Before(d.From):
			l.Add(validation.Invalid(at().Child("to"), CodeDemandDates, "the range ends %s before it starts %s", d.To, d.From))
		}
	} else if d.To.Before(d.From) && !d.To.IsZero() {
		l.Add(validation.Invalid(at().Child("to"), CodeDemandDates, "the range ends %s before it starts %s", d.To, d.From))
	}
	if d.Category != "" {
		switch {
		case kind != KindMoney:
			l.Add(validation.Forbidden(at().Child("category"), CodeDemandCategory, "only money demands have a budget category"))
		case !p.Budget.Known(d.Category):
			l.Add(validation.NotFound(at().Child("category"), CodeDemandCategory, "budget category", string(d.Category)))
		}
	}
}

func validateQuantity(l *validation.List, q Quantity, at func() validation.Path, unitCode, rangeCode, moneyCode validation.Code) {
	switch {
	case !q.Unit.IsValid():
		l.Add(validation.NotSupported(at().Child("unit"), unitCode, q.Unit.String(), unitNames[1:]))
	case q.Unit == UnitMoney:
		if q.Money.IsZero() {
			l.Add(validation.Required(at().Child("money"), moneyCode, "the amount of a money quantity"))
		} else if q.Money.IsNegative() {
			l.Add(validation.OutOfRange(at().Child("money"), moneyCode, "amount %s must not be negative", q.Money))
		}
		if q.Value != 0 {
			l.Add(validation.Forbidden(at().Child("value"), rangeCode, "a money quantity has an amount, not a value"))
		}
	default:
		if !finite(q.Value) || q.Value <= 0 || q.Value > 1e12 {
			l.Add(validation.OutOfRange(at().Child("value"), rangeCode, "quantity %v must be above 0 and at most 1e12", q.Value))
		}
		if !q.Money.IsZero() {
			l.Add(validation.Forbidden(at().Child("money"), moneyCode, "only a money quantity has an amount"))
		}
	}
}

func (p *Pool) validateCommitment(l *validation.List, i int, ix index, seen map[string]struct{}) {
	c := &p.Commitments[i]
	at := func() validation.Path { return pCommitments.Index(i) }
	if c.ID == "" {
		l.Add(validation.Required(at().Child("id"), CodeCommitmentID, "a commitment ID"))
	} else if _, dup := seen[c.ID]; dup {
		l.Add(validation.Duplicate(at().Child("id"), CodeCommitmentDuplicate, c.ID))
	} else {
		seen[c.ID] = struct{}{}
	}
	if !c.State.IsValid() {
		l.Add(validation.NotSupported(at().Child("state"), CodeCommitmentState, c.State.String(), stateNames[1:]))
	}
	var d *Demand
	if di, ok := ix.demands[c.DemandID]; ok {
		d = &p.Demands[di]
	} else if c.DemandID == "" {
		l.Add(validation.Required(at().Child("demandId"), CodeCommitmentDemand, "the demand"))
	} else if !c.State.IsFinal() && c.State != Committed {
		// A committed commitment whose demand is gone is reported by
		// Reconfirmations, and a closed one is history.
		l.Add(validation.NotFound(at().Child("demandId"), CodeCommitmentDemand, "demand", c.DemandID))
	}
	t := c.Terms
	tp := func() validation.Path { return at().Child("terms") }
	validateQuantity(l, t.Quantity, func() validation.Path { return tp().Child("quantity") }, CodeCommitmentTerms, CodeCommitmentTerms, CodeCommitmentTerms)
	if d != nil && t.Quantity.Unit.IsValid() && d.Quantity.Unit.IsValid() && t.Quantity.Unit != d.Quantity.Unit {
		l.Add(validation.Conflict(tp().Child("quantity").Child("unit"), CodeCommitmentTerms, "terms in %s for a demand in %s", t.Quantity.Unit, d.Quantity.Unit))
	}
	if d != nil && t.Quantity.Unit == UnitMoney && d.Quantity.Unit == UnitMoney && !t.Quantity.Money.IsZero() && !d.Quantity.Money.IsZero() &&
		t.Quantity.Money.Currency() != d.Quantity.Money.Currency() {
		l.Add(validation.Conflict(tp().Child("quantity").Child("money"), CodeCommitmentTerms, "terms in %s for a demand in %s", t.Quantity.Money.Currency(), d.Quantity.Money.Currency()))
	}
	if t.From.IsZero() != t.To.IsZero() || (!t.To.IsZero() && t.To.Before(t.From)) {
		l.Add(validation.Invalid(tp().Child("to"), CodeCommitmentTerms, "the terms need both ends of the date range, in order"))
	}
	if t.ResourceID != "" {
		ri, ok := ix.resources[t.ResourceID]
		switch {
		case !ok:
			l.Add(validation.NotFound(tp().Child("resourceId"), CodeCommitmentResource, "resource", t.ResourceID))
		case d == nil:
		case d.ResourceID != "" && d.ResourceID != t.ResourceID:
			l.Add(validation.Conflict(tp().Child("resourceId"), CodeCommitmentMismatch, "resource %q offered for a demand that names %q", t.ResourceID, d.ResourceID).WithSeverity(validation.Warning))
		case p.Resources[ri].Kind.IsValid() && d.EffectiveKind().IsValid() && p.Resources[ri].Kind != d.EffectiveKind():
			l.Add(validation.Conflict(tp().Child("resourceId"), CodeCommitmentMismatch, "resource %q is a %s, the demand asks for a %s", t.ResourceID, p.Resources[ri].Kind, d.EffectiveKind()))
		case d.Role != "" && p.Resources[ri].Role != d.Role:
			l.Add(validation.Conflict(tp().Child("resourceId"), CodeCommitmentMismatch, "resource %q has role %q, the demand asks for a %s", t.ResourceID, p.Resources[ri].Role, d.Role).WithSeverity(validation.Warning))
		}
	}
	if c.State == Committed || c.State == Released || c.State == Withdrawn {
		wasCommitted := c.State == Committed || c.CommittedBy != ""
		if wasCommitted {
			for _, f := range []struct {
				name, what string
				missing    bool
			}{
				{"committedBy", "who committed", c.CommittedBy == ""},
				{"committedAt", "when it was committed", c.CommittedAt.IsZero()},
				{"demandFingerprint", "the fingerprint of the demand committed", c.DemandFingerprint == ""},
			} {
				if f.missing {
					l.Add(validation.Required(at().Child(f.name), CodeCommitmentRecord, f.what))
				}
			}
		}
	}
	if c.Revision < 0 {
		l.Add(validation.OutOfRange(at().Child("revision"), CodeCommitmentRecord, "plan revision %d is negative", c.Revision))
	}
	if len(c.History) > 0 {
		last := c.History[len(c.History)-1]
		if last.To != c.State {
			l.Add(validation.Conflict(at().Child("history").Index(len(c.History)-1).Child("to"), CodeCommitmentHistory, "the last event moves to %s but the state is %s", last.To, c.State))
		}
		for j, ev := range c.History {
			if ev.From == ev.To && ev.Reason == ReasonReconfirmed && ev.To == Committed {
				continue
			}
			if j == 0 && ev.From == 0 {
				if _, err := commitmentMachine.CheckCreate(ev.Reason); err != nil || ev.To != Requested {
					l.Add(validation.Invalid(at().Child("history").Index(j), CodeCommitmentHistory, "creation to %s for %q is not in the lifecycle", ev.To, ev.Reason))
				}
				continue
			}
			if _, err := commitmentMachine.Check(ev.From, ev.To, ev.Reason); err != nil || ev.Reason == "" {
				l.Add(validation.Invalid(at().Child("history").Index(j), CodeCommitmentHistory, "move %s to %s for %q is not in the lifecycle", ev.From, ev.To, ev.Reason))
			}
		}
	}
}

func (p *Pool) validateBudget(l *validation.List) {
	b := &p.Budget
	if b.Currency != "" && !b.Currency.IsValid() {
		l.Add(validation.NotSupported(pBudget.Child("currency"), CodeBudgetCurrency, string(b.Currency), nil))
	}
	declared := map[Category]bool{}
	for i, c := range b.Categories {
		switch {
		case !c.IsValid():
			l.Add(validation.Invalid(pBudget.Child("categories").Index(i), CodeBudgetCategory, "category %q must be lower-case kebab-case words", c))
		case c.IsBuiltin():
			l.Add(validation.Duplicate(pBudget.Child("categories").Index(i), CodeBudgetCategory, string(c)).WithSeverity(validation.Warning))
		case declared[c]:
			l.Add(validation.Duplicate(pBudget.Child("categories").Index(i), CodeBudgetCategory, string(c)))
		}
		declared[c] = true
	}
	seen := make(map[string]struct{}, len(b.Lines))
	noCurrency := false
	for i := range b.Lines {
		ln := &b.Lines[i]
		at := func() validation.Path { return pBudget.Child("lines").Index(i) }
		if ln.ID == "" {
			l.Add(validation.Required(at().Child("id"), CodeBudgetLineID, "a budget line ID"))
		} else if _, dup := seen[ln.ID]; dup {
			l.Add(validation.Duplicate(at().Child("id"), CodeBudgetDuplicate, ln.ID))
		} else {
			seen[ln.ID] = struct{}{}
		}
		if !b.Known(ln.Category) {
			l.Add(validation.NotFound(at().Child("category"), CodeBudgetUnknown, "budget category", string(ln.Category)))
		}
		for _, f := range []struct {
			name string
			m    money.Money
		}{{"required", ln.Required}, {"committed", ln.Committed}, {"spent", ln.Spent}} {
			switch {
			case f.m.IsZero():
			case f.m.IsNegative():
				l.Add(validation.OutOfRange(at().Child(f.name), CodeBudgetAmount, "amount %s must not be negative", f.m))
			case b.Currency == "":
				if !noCurrency {
					l.Add(validation.Required(pBudget.Child("currency"), CodeBudgetCurrency, "the budget currency"))
					noCurrency = true
				}
			case f.m.Currency() != b.Currency:
				l.Add(validation.Conflict(at().Child(f.name), CodeBudgetAmount, "amount %s is not in the budget currency %s", f.m, b.Currency))
			}
		}
	}
}
