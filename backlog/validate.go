package backlog

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Codes of the problems Validate reports. They never change once published.
const (
	CodeRequirementID        validation.Code = "backlog.requirement.id.invalid"
	CodeRequirementTitle     validation.Code = "backlog.requirement.title.required"
	CodeRequirementCategory  validation.Code = "backlog.requirement.category.invalid"
	CodeRequirementPriority  validation.Code = "backlog.requirement.priority.range"
	CodeRequirementTiming    validation.Code = "backlog.requirement.timing.invalid"
	CodeRequirementCriterion validation.Code = "backlog.requirement.acceptance-criteria.invalid"

	CodeTaskID             validation.Code = "backlog.task.id.invalid"
	CodeTaskTitle          validation.Code = "backlog.task.title.required"
	CodeTaskDiscipline     validation.Code = "backlog.task.discipline.invalid"
	CodeTaskScheduling     validation.Code = "backlog.task.scheduling.invalid"
	CodeTaskType           validation.Code = "backlog.task.type.invalid"
	CodeTaskAddresses      validation.Code = "backlog.task.addresses.invalid"
	CodeTaskRequirement    validation.Code = "backlog.task.requirement.not-found"
	CodeTaskRequirementID  validation.Code = "backlog.task.requirement.invalid"
	CodeEstimateRequired   validation.Code = "backlog.task.estimate.required"
	CodeEstimateRange      validation.Code = "backlog.task.estimate.range"
	CodeEstimateOrder      validation.Code = "backlog.task.estimate.order"
	CodeMilestoneEstimate  validation.Code = "backlog.task.milestone.estimate"
	CodeWorkRange          validation.Code = "backlog.task.work.range"
	CodeWorkRemaining      validation.Code = "backlog.task.work.remaining-when-closed"
	CodeDependencyTask     validation.Code = "backlog.task.dependency.not-found"
	CodeDependencySelf     validation.Code = "backlog.task.dependency.self"
	CodeDependencyRepeat   validation.Code = "backlog.task.dependency.duplicate"
	CodeDependencyType     validation.Code = "backlog.task.dependency.type.invalid"
	CodeDependencyLag      validation.Code = "backlog.task.dependency.lag.range"
	CodeDependencyCycle    validation.Code = "backlog.task.dependency.cycle"
	CodeConstraintConflict validation.Code = "backlog.task.constraint.conflict"
	CodeConstraintWindow   validation.Code = "backlog.task.constraint.window"
	CodeDemandID           validation.Code = "backlog.task.demand.id.invalid"
	CodeDemandDuplicate    validation.Code = "backlog.task.demand.id.duplicate"
	CodeDemandTask         validation.Code = "backlog.task.demand.task.mismatch"
	CodeDemandQuantity     validation.Code = "backlog.task.demand.quantity.invalid"
	CodeOrigin             validation.Code = "backlog.task.origin.invalid"

	CodeDuplicateID  validation.Code = "backlog.id.duplicate"
	CodeTracker      validation.Code = "backlog.tracker.incomplete"
	CodeState        validation.Code = "backlog.state.invalid"
	CodeReason       validation.Code = "backlog.reason.invalid"
	CodeEvent        validation.Code = "backlog.event.invalid"
	CodeHistory      validation.Code = "backlog.event.state-mismatch"
	CodeSuppressed   validation.Code = "backlog.suppressed.invalid"
	CodeSuppressedID validation.Code = "backlog.suppressed.present"

	CodeCatalogueCategory  validation.Code = "backlog.catalogue.category.invalid"
	CodeCatalogueGroup     validation.Code = "backlog.catalogue.group.invalid"
	CodeCatalogueTitle     validation.Code = "backlog.catalogue.title.required"
	CodeCatalogueDuplicate validation.Code = "backlog.catalogue.category.duplicate"
	CodeCategoryUnknown    validation.Code = "backlog.requirement.category.unknown"
	CodeCategoryMissing    validation.Code = "backlog.catalogue.category.missing"

	CodeTemplate validation.Code = "backlog.template.invalid"
)

// Path roots of the backlog document.
var (
	pRequirements = validation.NewPath("requirements")
	pTasks        = validation.NewPath("tasks")
	pEvents       = validation.NewPath("events")
	pSuppressed   = validation.NewPath("suppressed")
)

// loc locates an entity for the problems found in it. Paths are built only
// when a problem is found, so that validating a large backlog stays cheap.
type loc struct {
	root validation.Path
	i    int // -1 for an entity validated on its own
}

var alone = loc{i: -1}

func (a loc) path(names ...string) validation.Path {
	p := a.root
	if a.i >= 0 {
		p = p.Index(a.i)
	}
	for _, n := range names {
		p = p.Child(n)
	}
	return p
}

// maxIDLen bounds IDs.
const maxIDLen = 256

// idProblem describes what is wrong with an ID, or "".
func idProblem(id string) string {
	if id == "" {
		return "is empty"
	}
	if len(id) > maxIDLen {
		return "is longer than 256 bytes"
	}
	if !utf8.ValidString(id) {
		return "is not valid UTF-8"
	}
	if id[0] == ' ' || id[len(id)-1] == ' ' || strings.TrimSpace(id) != id {
		return "has leading or trailing space"
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] == 0x7f {
			return "contains a control character"
		}
	}
	for _, r := range id {
		if r >= 0x80 && unicode.IsControl(r) {
			return "contains a control character"
		}
	}
	return ""
}

func checkID(l *validation.List, at loc, code validation.Code, what, id string) {
	if id == "" {
		l.Add(validation.Required(at.path("id"), code, "a "+what+" ID"))
		return
	}
	if p := idProblem(id); p != "" {
		l.Add(validation.Invalid(at.path("id"), code, "%s ID %q %s", what, clip(id), p))
	}
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// stateRules holds, per state, the reasons an item may have arrived there
// for under one lifecycle (a handful each, so a slice beats a map).
type stateRules struct {
	reached [closed + 1]bool
	reasons [closed + 1][]lifecycle.Reason
}

func rulesOf(m *lifecycle.Machine[workitem.State]) *stateRules {
	out := &stateRules{}
	add := func(s workitem.State, rs []lifecycle.Reason) {
		if !s.IsValid() {
			return
		}
		out.reached[s] = true
		for _, r := range rs {
			if !slices.Contains(out.reasons[s], r) {
				out.reasons[s] = append(out.reasons[s], r)
			}
		}
	}
	add(m.Initial(), m.CreationReasons())
	for _, r := range m.Rules() {
		add(r.To, r.Reasons)
	}
	return out
}

func checkState(l *validation.List, at loc, sr *stateRules, s workitem.State, reason lifecycle.Reason) {
	if !s.IsValid() {
		if s == 0 {
			l.Add(validation.Required(at.path("state"), CodeState, "a state"))
		} else {
			l.Add(validation.Invalid(at.path("state"), CodeState, "unknown state %d", uint8(s)))
		}
		return
	}
	if !sr.reached[s] {
		l.Add(validation.Invalid(at.path("state"), CodeState, "the lifecycle never reaches %s", s))
		return
	}
	if !slices.Contains(sr.reasons[s], reason) {
		if reason == "" {
			l.Add(validation.Required(at.path("reason"), CodeReason, "the reason of the last change of state"))
			return
		}
		l.Add(validation.Invalid(at.path("reason"), CodeReason, "%q is not a reason for reaching %s", clip(string(reason)), s))
	}
}

func checkTracker(l *validation.List, at loc, r TrackerRef) {
	if r.IsZero() {
		return
	}
	if r.System == "" {
		l.Add(validation.Required(at.path("tracker", "system"), CodeTracker, "the tracker's system"))
	}
	if r.ID == "" {
		l.Add(validation.Required(at.path("tracker", "id"), CodeTracker, "the work item's ID in the tracker"))
	}
}

// Validate checks the requirement on its own (under the CMMI Requirement
// lifecycle). It returns an error, a validation.List of every problem
// (warnings included), only when a problem blocks; warnings alone give
// nil (ValidateList lists them). Paths are relative to the requirement,
// such as "timing.workdays".
func (r Requirement) Validate() error { return r.ValidateList().Err() }

// ValidateList returns every problem of the requirement, warnings
// included (nil when there is none).
func (r Requirement) ValidateList() validation.List {
	var l validation.List
	r.validate(&l, alone, requirementRules)
	return l
}

var (
	requirementRules = rulesOf(requirementMachine)
	taskRules        = rulesOf(taskMachine)
)

func (r *Requirement) validate(l *validation.List, at loc, sr *stateRules) {
	checkID(l, at, CodeRequirementID, "requirement", r.ID)
	if strings.TrimSpace(r.Title) == "" {
		l.Add(validation.Required(at.path("title"), CodeRequirementTitle, "a title"))
	}
	switch {
	case r.Category == "":
		l.Add(validation.Required(at.path("category"), CodeRequirementCategory, "a category"))
	case !r.Category.IsValid():
		l.Add(validation.Invalid(at.path("category"), CodeRequirementCategory, "category %q is not a kebab-case word", clip(string(r.Category))))
	}
	if r.Priority != 0 && !r.Priority.IsValid() {
		l.Add(validation.OutOfRange(at.path("priority"), CodeRequirementPriority, "priority %d is outside 1 to 4", r.Priority))
	}
	checkTiming(l, at, r.Timing)
	for k, c := range r.AcceptanceCriteria {
		if strings.TrimSpace(c) == "" {
			l.Add(validation.Required(at.path("acceptanceCriteria").Index(k), CodeRequirementCriterion, "the text of the criterion"))
		}
	}
	checkTracker(l, at, r.Tracker)
	checkState(l, at, sr, r.State, r.Reason)
}

func checkTiming(l *validation.List, at loc, t Timing) {
	switch {
	case t.Kind == 0:
		if t.Workdays != 0 {
			l.Add(validation.Required(at.path("timing", "kind"), CodeRequirementTiming, "the kind of timing the workdays belong to"))
		}
	case !t.Kind.IsValid():
		l.Add(validation.NotSupported(at.path("timing", "kind"), CodeRequirementTiming, t.Kind.String(), timingNames[1:]))
	case t.Kind == OnLaunch && t.Workdays != 0:
		l.Add(validation.Forbidden(at.path("timing", "workdays"), CodeRequirementTiming, "a launch-day requirement has no lead time or offset"))
	case t.Workdays < 0 || t.Workdays > MaxWorkdays:
		l.Add(validation.OutOfRange(at.path("timing", "workdays"), CodeRequirementTiming, "%d workdays is outside 0 to %d", t.Workdays, MaxWorkdays))
	}
}

// Validate checks the task on its own (under the CMMI Task lifecycle). It
// returns an error, a validation.List of every problem (warnings
// included), only when a problem blocks; warnings alone give nil
// (ValidateList lists them). References to other tasks and requirements
// are checked by [Backlog.Validate]. Paths are relative to the task, such
// as "estimate.optimistic".
func (t Task) Validate() error { return t.ValidateList().Err() }

// ValidateList returns every problem of the task, warnings included (nil
// when there is none).
func (t Task) ValidateList() validation.List {
	var l validation.List
	t.validate(&l, alone, taskRules)
	return l
}

func checkDays(l *validation.List, at loc, code validation.Code, v float64, names ...string) bool {
	if !finite(v) || v < 0 || v > MaxWorkdays {
		l.Add(validation.OutOfRange(at.path(names...), code, "%v workdays is outside 0 to %d", v, MaxWorkdays))
		return false
	}
	return true
}

func (t *Task) validate(l *validation.List, at loc, sr *stateRules) {
	checkID(l, at, CodeTaskID, "task", t.ID)
	if strings.TrimSpace(t.Title) == "" {
		l.Add(validation.Required(at.path("title"), CodeTaskTitle, "a title"))
	}
	if t.Discipline != "" && !t.Discipline.IsValid() {
		l.Add(validation.Invalid(at.path("discipline"), CodeTaskDiscipline, "discipline %q is not a kebab-case word", clip(string(t.Discipline))))
	}
	if !t.Scheduling.IsValid() {
		l.Add(validation.NotSupported(at.path("scheduling"), CodeTaskScheduling, string(t.Scheduling), []string{string(AsSoonAsPossible), string(AsLateAsPossible)}))
	}
	switch {
	case !t.Type.IsValid():
		l.Add(validation.NotSupported(at.path("type"), CodeTaskType, clip(string(t.Type)), []string{string(TaskPlanned), string(TaskMitigation), string(TaskCorrective)}))
	case (t.Type == TaskMitigation || t.Type == TaskCorrective) && strings.TrimSpace(t.Addresses) == "":
		l.Add(validation.Required(at.path("addresses"), CodeTaskAddresses, "the ID of the risk or issue a "+t.Type.Title()+" addresses"))
	case (t.Type == "" || t.Type == TaskPlanned) && t.Addresses != "":
		l.Add(validation.Invalid(at.path("addresses"), CodeTaskAddresses, "planned work addresses no risk or issue (%q); make it a mitigation or corrective action", clip(t.Addresses)))
	case t.Addresses != "" && idProblem(t.Addresses) != "":
		l.Add(validation.Invalid(at.path("addresses"), CodeTaskAddresses, "risk or issue ID %q %s", clip(t.Addresses), idProblem(t.Addresses)))
	}
	for k, id := range t.Requirements {
		if p := idProblem(id); p != "" {
			l.Add(validation.Invalid(at.path("requirements").Index(k), CodeTaskRequirementID, "requirement ID %q %s", clip(id), p))
			continue
		}
		for _, prev := range t.Requirements[:k] {
			if prev == id {
				l.Add(validation.Duplicate(at.path("requirements").Index(k), CodeTaskRequirementID, id).WithSeverity(validation.Warning))
				break
			}
		}
	}
	t.validateEstimate(l, at)
	okR := checkDays(l, at, CodeWorkRange, t.RemainingWork, "remainingWork")
	checkDays(l, at, CodeWorkRange, t.CompletedWork, "completedWork")
	if okR && t.RemainingWork > 0 && t.State == closed {
		l.Add(validation.Conflict(at.path("remainingWork"), CodeWorkRemaining, "a closed task has %v workdays of remaining work", t.RemainingWork).WithSeverity(validation.Warning))
	}
	for k := range t.Dependencies {
		d := &t.Dependencies[k]
		if d.Task == "" {
			l.Add(validation.Required(at.path("dependencies").Index(k).Child("task"), CodeDependencyTask, "the predecessor's ID"))
		} else if d.Task == t.ID {
			l.Add(validation.Invalid(at.path("dependencies").Index(k).Child("task"), CodeDependencySelf, "task %q depends on itself", clip(t.ID)))
		}
		if !d.Type.IsValid() {
			l.Add(validation.NotSupported(at.path("dependencies").Index(k).Child("type"), CodeDependencyType, d.Type.String(), depNames[:]))
		}
		if d.Lag < -MaxWorkdays || d.Lag > MaxWorkdays {
			l.Add(validation.OutOfRange(at.path("dependencies").Index(k).Child("lag"), CodeDependencyLag, "lag %d is outside -%d to %d workdays", d.Lag, MaxWorkdays, MaxWorkdays))
		}
	}
	if len(t.Dependencies) > 1 {
		t.checkRepeatedDependencies(l, at)
	}
	if !t.StartNoEarlierThan.IsZero() && !t.FinishNoLaterThan.IsZero() {
		switch days := t.StartNoEarlierThan.DaysUntil(t.FinishNoLaterThan) + 1; {
		case days <= 0:
			l.Add(validation.Conflict(at.path("finishNoLaterThan"), CodeConstraintConflict, "the task must finish by %s but may not start before %s", t.FinishNoLaterThan, t.StartNoEarlierThan))
		case float64(days) < t.Estimate.MostLikely && finite(t.Estimate.MostLikely):
			l.Add(validation.Conflict(at.path("finishNoLaterThan"), CodeConstraintWindow, "%v workdays of work do not fit in the %d days from %s to %s", t.Estimate.MostLikely, days, t.StartNoEarlierThan, t.FinishNoLaterThan).WithSeverity(validation.Warning))
		}
	}
	for k := range t.Demands {
		checkDemand(l, at, k, &t.Demands[k], t.ID)
	}
	checkTracker(l, at, t.Tracker)
	if o := t.Origin; o != nil && (o.Requirement == "" || o.Step == "" || !o.Template.IsValid()) {
		l.Add(validation.Invalid(at.path("origin"), CodeOrigin, "an origin names a requirement, a template category and a step"))
	}
	checkState(l, at, sr, t.State, t.Reason)
}

func (t *Task) checkRepeatedDependencies(l *validation.List, at loc) {
	if len(t.Dependencies) <= 8 {
		for k := 1; k < len(t.Dependencies); k++ {
			for j := range k {
				if t.Dependencies[j].Task == t.Dependencies[k].Task && t.Dependencies[k].Task != "" {
					l.Add(validation.Duplicate(at.path("dependencies").Index(k).Child("task"), CodeDependencyRepeat, t.Dependencies[k].Task))
					break
				}
			}
		}
		return
	}
	seen := make(map[string]bool, len(t.Dependencies))
	for k, d := range t.Dependencies {
		if seen[d.Task] && d.Task != "" {
			l.Add(validation.Duplicate(at.path("dependencies").Index(k).Child("task"), CodeDependencyRepeat, d.Task))
		}
		seen[d.Task] = true
	}
}

func (t *Task) validateEstimate(l *validation.List, at loc) {
	e := t.Estimate
	ok := checkDays(l, at, CodeEstimateRange, e.MostLikely, "estimate", "mostLikely")
	ok = checkDays(l, at, CodeEstimateRange, e.Optimistic, "estimate", "optimistic") && ok
	ok = checkDays(l, at, CodeEstimateRange, e.Pessimistic, "estimate", "pessimistic") && ok
	if !ok {
		return
	}
	if t.Milestone {
		if !e.IsZero() {
			l.Add(validation.Conflict(at.path("estimate"), CodeMilestoneEstimate, "a milestone takes no time, but has an estimate of %v workdays", e.MostLikely))
		}
		return
	}
	if e.MostLikely == 0 {
		l.Add(validation.Required(at.path("estimate", "mostLikely"), CodeEstimateRequired, "a most likely estimate above 0 (or mark the task a milestone)"))
		return
	}
	if e.Optimistic > e.MostLikely {
		l.Add(validation.Invalid(at.path("estimate", "optimistic"), CodeEstimateOrder, "optimistic %v is above most likely %v", e.Optimistic, e.MostLikely))
	}
	if e.Pessimistic != 0 && e.Pessimistic < e.MostLikely {
		l.Add(validation.Invalid(at.path("estimate", "pessimistic"), CodeEstimateOrder, "pessimistic %v is below most likely %v", e.Pessimistic, e.MostLikely))
	}
}

func checkDemand(l *validation.List, at loc, k int, d *resource.Demand, taskID string) {
	dp := func(names ...string) validation.Path {
		p := at.path("demands").Index(k)
		for _, n := range names {
			p = p.Child(n)
		}
		return p
	}
	if d.ID == "" {
		l.Add(validation.Required(dp("id"), CodeDemandID, "a demand ID"))
	} else if p := idProblem(d.ID); p != "" {
		l.Add(validation.Invalid(dp("id"), CodeDemandID, "demand ID %q %s", clip(d.ID), p))
	}
	if d.TaskID != "" && d.TaskID != taskID {
		l.Add(validation.Conflict(dp("taskId"), CodeDemandTask, "a demand of task %q names task %q; leave taskId empty or give the task's own ID", clip(taskID), clip(d.TaskID)))
	}
	q := d.Quantity
	switch {
	case !q.Unit.IsValid():
		l.Add(validation.NotSupported(dp("quantity", "unit"), CodeDemandQuantity, q.Unit.String(), []string{"hours", "seats", "units", "money"}))
	case q.Unit == resource.UnitMoney:
		if q.Money.IsZero() || q.Money.IsNegative() {
			l.Add(validation.OutOfRange(dp("quantity", "money"), CodeDemandQuantity, "a money demand needs a positive amount"))
		}
	default:
		if !finite(q.Value) || q.Value <= 0 {
			l.Add(validation.OutOfRange(dp("quantity", "value"), CodeDemandQuantity, "quantity %v must be above 0", q.Value))
		}
	}
}
