package backlog

import (
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Validate checks the whole backlog and returns every problem at once as a
// validation.List (nil when there is none), each with a stable code (the
// Code constants), a severity and a path from the backlog's root, such as
// tasks[3].estimate.optimistic:
//
//   - each requirement and task on its own (see [Requirement.Validate] and
//     [Task.Validate]): IDs, titles, categories, timing, estimates with
//     O <= M <= P, work, lags, contradictory date constraints, demands,
//     states and reasons under the backlog's lifecycles;
//   - IDs used twice across requirements and tasks, demand IDs used twice;
//   - dangling references: requirements a task serves, predecessors,
//     demands naming another task;
//   - self-dependencies, and dependency cycles, each reported once with
//     the whole cycle in precedence order ("A -> B -> C -> A");
//   - the history: events of unknown items, moves the lifecycle refuses,
//     and items whose state is not where their last event left them;
//   - tombstones without an ID or naming a task that exists.
//
// The work grows linearly with the number of tasks and dependencies.
//
// Validate returns an error, a validation.List of every problem (warnings
// included), only when a problem blocks; warnings alone give nil.
// ValidateList returns the problems whatever their severity.
func (b *Backlog) Validate() error { return b.ValidateList().Err() }

// ValidateList returns every problem Validate looks for, warnings
// included (nil when there is none).
func (b *Backlog) ValidateList() validation.List {
	var l validation.List
	b.validate(&l)
	return l
}

func (b *Backlog) validate(l *validation.List) {
	rr, tr := b.rules()
	// An ID's first holder, a requirement before a task, is the one
	// lookups find; any other holder is a duplicate.
	ids := b.resolver()
	for i := range b.requirements.Items() {
		r := b.requirements.At(i)
		r.validate(l, loc{pRequirements, i}, rr)
		if !b.requirements.IsFirst(i) && r.ID != "" {
			l.Add(validation.Duplicate(pRequirements.Index(i).Child("id"), CodeDuplicateID, r.ID))
		}
	}
	var demands map[string]bool
	for i := range b.tasks.Items() {
		t := b.tasks.At(i)
		t.validate(l, loc{pTasks, i}, tr)
		if (!b.tasks.IsFirst(i) || ids.shared && b.requirements.Has(t.ID)) && t.ID != "" {
			l.Add(validation.Duplicate(pTasks.Index(i).Child("id"), CodeDuplicateID, t.ID))
		}
		for k := range t.Demands {
			if demands == nil {
				n := 0
				for j := range b.tasks.Items()[i:] {
					n += len(b.tasks.At(i + j).Demands)
				}
				demands = make(map[string]bool, n)
			}
			id := t.Demands[k].ID
			if id != "" && demands[id] {
				l.Add(validation.Duplicate(pTasks.Index(i).Child("demands").Index(k).Child("id"), CodeDemandDuplicate, id))
			}
			demands[id] = true
		}
	}
	for i := range b.tasks.Items() {
		t := b.tasks.At(i)
		for k, id := range t.Requirements {
			if !b.requirements.Has(id) && id != "" {
				l.Add(validation.NotFound(pTasks.Index(i).Child("requirements").Index(k), CodeTaskRequirement, "requirement", id))
			}
		}
	}
	g := b.buildGraph(l, ids)
	for _, c := range g.cycles() {
		l.Add(validation.Invalid(pTasks.Index(int(c.task)).Child("dependencies").Index(int(c.dep)).Child("task"), CodeDependencyCycle, "dependency cycle: %s", joinCycle(b.cycleIDs(c))))
	}
	b.validateHistoryWith(l, ids)
	for i, s := range b.suppressed {
		if p := idProblem(s.Task); p != "" {
			l.Add(validation.Invalid(pSuppressed.Index(i).Child("task"), CodeSuppressed, "task ID %q %s", clip(s.Task), p))
		} else if r, ok := ids.find(s.Task); ok && r.task {
			l.Add(validation.Conflict(pSuppressed.Index(i).Child("task"), CodeSuppressedID, "task %q is suppressed but present", clip(s.Task)).WithSeverity(validation.Warning))
		}
	}
}

func (b *Backlog) validateHistory(l *validation.List) {
	b.validateHistoryWith(l, b.resolver())
}

// validateHistoryWith replays the events: each must concern a known item,
// start where the item's previous event left it, and be a move (or a
// creation) its lifecycle allows; an item with events must be in the state
// its last event left it in.
func (b *Backlog) validateHistoryWith(l *validation.List, ids resolver) {
	if len(b.events) == 0 {
		return
	}
	rm, tm := b.Lifecycles()
	last := make(map[string]workitem.State, b.requirements.Len()+b.tasks.Len())
	for k, e := range b.events {
		at := func() validation.Path { return pEvents.Index(k) }
		r, ok := ids.find(e.Subject)
		if !ok {
			l.Add(validation.NotFound(at().Child("subject"), CodeEvent, "requirement or task", e.Subject))
			continue
		}
		m := rm
		if r.task {
			m = tm
		}
		prev, seen := last[e.Subject]
		var err error
		if e.From == 0 {
			if seen {
				l.Add(validation.Invalid(at().Child("from"), CodeEvent, "%q is created a second time", clip(e.Subject)))
				continue
			}
			var reason lifecycle.Reason
			reason, err = m.CheckCreate(e.Reason)
			if err == nil && (e.To != m.Initial() || reason != e.Reason) {
				l.Add(validation.Invalid(at().Child("to"), CodeEvent, "%q is created in %s for %q; the lifecycle creates items in %s", clip(e.Subject), e.To, clip(string(e.Reason)), m.Initial()))
				continue
			}
		} else {
			if seen && prev != e.From {
				l.Add(validation.Invalid(at().Child("from"), CodeEvent, "%q moves from %s, but its previous event left it in %s", clip(e.Subject), e.From, prev))
			}
			_, err = m.Check(e.From, e.To, e.Reason)
			if e.Reason == "" && err == nil {
				l.Add(validation.Required(at().Child("reason"), CodeEvent, "the reason of the move"))
			}
		}
		if err != nil {
			l.Add(validation.Invalid(at(), CodeEvent, "%s", err))
		}
		last[e.Subject] = e.To
	}
	for i := range b.requirements.Items() {
		r := b.requirements.At(i)
		if s, ok := last[r.ID]; ok && s != r.State && b.requirements.IsFirst(i) {
			l.Add(validation.Conflict(pRequirements.Index(i).Child("state"), CodeHistory, "%q is %s, but its last event left it in %s", clip(r.ID), r.State, s))
		}
	}
	for i := range b.tasks.Items() {
		t := b.tasks.At(i)
		if s, ok := last[t.ID]; ok && s != t.State && b.tasks.IsFirst(i) && !(ids.shared && b.requirements.Has(t.ID)) {
			l.Add(validation.Conflict(pTasks.Index(i).Child("state"), CodeHistory, "%q is %s, but its last event left it in %s", clip(t.ID), t.State, s))
		}
	}
}
