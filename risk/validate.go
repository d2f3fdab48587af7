package risk

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// loc locates an entity for the problems found in it. Paths are built only
// when a problem is found, so that validating a large log stays cheap.
type loc struct {
	list string // "" for an entity validated on its own
	i    int
}

func (a loc) path(names ...string) validation.Path {
	var p validation.Path
	if a.list != "" {
		p = validation.NewPath(a.list).Index(a.i)
	}
	for _, n := range names {
		p = p.Child(n)
	}
	return p
}

// maxIDLen bounds IDs.
const maxIDLen = 128

// idProblem describes what is wrong with a non-empty ID, or "".
func idProblem(id string) string {
	if len(id) > maxIDLen {
		return "is longer than 128 bytes"
	}
	if !utf8.ValidString(id) {
		return "is not valid UTF-8"
	}
	if strings.TrimSpace(id) != id {
		return "has leading or trailing space"
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return "contains a control character"
		}
	}
	return ""
}

// Validate checks the risk on its own. It returns an error, a
// validation.List of every problem (warnings included), only when a
// problem blocks; warnings alone (an open risk with no owner or no review
// date, a contingency plan with no trigger) give nil, as they do not block
// adding the risk: ValidateList lists them. Paths are relative to the
// risk, such as "probability"; [Log.Validate] roots them at risks[i].
func (r Risk) Validate() error { return r.ValidateList().Err() }

// ValidateList returns every problem of the risk, warnings included (nil
// when there is none).
func (r Risk) ValidateList() validation.List {
	var l validation.List
	r.validate(&l, loc{})
	return l
}

func (r *Risk) validate(l *validation.List, at loc) {
	checkID(l, at, "risk", r.ID)
	if strings.TrimSpace(r.Title) == "" {
		l.Add(validation.Required(at.path("title"), "risk.title.required", "a title"))
	}
	if strings.TrimSpace(r.Condition) == "" {
		l.Add(validation.Required(at.path("condition"), "risk.condition.required", "the risk statement's condition"))
	}
	if strings.TrimSpace(r.Consequence) == "" {
		l.Add(validation.Required(at.path("consequence"), "risk.consequence.required", "the risk statement's consequence"))
	}
	if !r.Category.IsValid() {
		l.Add(validation.Invalid(at.path("category"), "risk.category.invalid", "category %q is not a lower-case kebab-case word", truncate(string(r.Category))))
	}
	if !r.Kind.IsValid() {
		l.Add(validation.NotSupported(at.path("kind"), "risk.kind.invalid", r.Kind.String(), kindNames[:]))
	}
	checkLevel(l, at, "", Level{Probability: r.Probability, Impact: r.Impact}, true)
	checkLevel(l, at, "inherent", r.Inherent, false)
	checkLevel(l, at, "residual", r.Residual, false)
	checkLevel(l, at, "target", r.Target, false)
	if r.ScheduleImpactWorkdays < 0 {
		l.Add(validation.OutOfRange(at.path("scheduleImpactWorkdays"), "risk.scheduleImpactWorkdays.range", "schedule impact %d workdays is negative", r.ScheduleImpactWorkdays))
	}
	checkCost(l, at, r.CostImpact)
	switch {
	case !r.Response.IsValid():
		l.Add(validation.NotSupported(at.path("response"), "risk.response.invalid", truncate(string(r.Response)), strings.Split(joinResponses(), ", ")))
	case r.Kind.IsValid() && !r.Response.Fits(r.Kind):
		l.Add(validation.Conflict(at.path("response"), "risk.response.kind", "response %q does not suit a risk of kind %s", r.Response, r.Kind))
	}
	if r.ContingencyPlan != "" && strings.TrimSpace(r.Trigger) == "" {
		l.Add(validation.Required(at.path("trigger"), "risk.trigger.missing", "the trigger that fires the contingency plan").WithSeverity(validation.Warning))
	}
	if r.State.IsOpen() {
		if strings.TrimSpace(r.Owner) == "" {
			l.Add(validation.Required(at.path("owner"), "risk.owner.missing", "an owner for an open risk").WithSeverity(validation.Warning))
		}
		if r.NextReview.IsZero() {
			l.Add(validation.Required(at.path("nextReview"), "risk.nextReview.missing", "a next review date for an open risk").WithSeverity(validation.Warning))
		}
	}
	if !r.Raised.IsZero() && !r.NextReview.IsZero() && r.NextReview.Before(r.Raised) {
		l.Add(validation.Conflict(at.path("nextReview"), "risk.nextReview.beforeRaised", "next review %s is before the date raised %s", r.NextReview, r.Raised))
	}
	checkIDs(l, at, "risk", "taskIds", r.TaskIDs)
	checkIDs(l, at, "risk", "requirementIds", r.RequirementIDs)
	checkIDs(l, at, "risk", "issueIds", r.IssueIDs)
	checkIDs(l, at, "risk", "tags", r.Tags)
	checkState(l, at, "risk", r.State, string(r.Reason))
}

// Validate checks the issue on its own, with paths relative to the issue.
// As for Risk.Validate, it returns an error (every problem, warnings
// included) only when a problem blocks; warnings alone (an open issue with
// no owner, a resolved one with no resolution) give nil: ValidateList
// lists them.
func (i Issue) Validate() error { return i.ValidateList().Err() }

// ValidateList returns every problem of the issue, warnings included (nil
// when there is none).
func (i Issue) ValidateList() validation.List {
	var l validation.List
	i.validate(&l, loc{})
	return l
}

func (i *Issue) validate(l *validation.List, at loc) {
	checkID(l, at, "issue", i.ID)
	if strings.TrimSpace(i.Title) == "" {
		l.Add(validation.Required(at.path("title"), "issue.title.required", "a title"))
	}
	switch {
	case i.Priority == 0:
		l.Add(validation.Required(at.path("priority"), "issue.priority.required", "a priority from 1 to 4"))
	case !i.Priority.IsValid():
		l.Add(validation.OutOfRange(at.path("priority"), "issue.priority.range", "priority %d is outside 1 to 4", i.Priority))
	}
	if i.State.IsOpen() && strings.TrimSpace(i.Owner) == "" {
		l.Add(validation.Required(at.path("owner"), "issue.owner.missing", "an owner for an open issue").WithSeverity(validation.Warning))
	}
	if !i.Raised.IsZero() && !i.TargetResolve.IsZero() && i.TargetResolve.Before(i.Raised) {
		l.Add(validation.Conflict(at.path("targetResolve"), "issue.targetResolve.beforeRaised", "target resolve date %s is before the date raised %s", i.TargetResolve, i.Raised))
	}
	e := i.Escalation
	if e.Escalated && strings.TrimSpace(e.To) == "" {
		l.Add(validation.Required(at.path("escalation", "to"), "issue.escalation.to.required", "whom an escalated issue was escalated to"))
	}
	if !e.Escalated && !e.On.IsZero() {
		l.Add(validation.Conflict(at.path("escalation", "on"), "issue.escalation.on.conflict", "an escalation date is set but the issue is not escalated"))
	}
	if !e.On.IsZero() && !i.Raised.IsZero() && e.On.Before(i.Raised) {
		l.Add(validation.Conflict(at.path("escalation", "on"), "issue.escalation.on.beforeRaised", "escalated on %s, before the issue was raised on %s", e.On, i.Raised))
	}
	if i.RiskID != "" {
		if why := idProblem(i.RiskID); why != "" {
			l.Add(validation.Invalid(at.path("riskId"), "issue.riskId.invalid", "risk ID %s", why))
		}
	}
	if i.State == resolved && strings.TrimSpace(i.Resolution) == "" {
		l.Add(validation.Required(at.path("resolution"), "issue.resolution.missing", "the resolution of a resolved issue").WithSeverity(validation.Warning))
	}
	checkIDs(l, at, "issue", "blocks.taskIds", i.Blocks.TaskIDs)
	checkIDs(l, at, "issue", "blocks.requirementIds", i.Blocks.RequirementIDs)
	checkIDs(l, at, "issue", "blocks.milestoneIds", i.Blocks.MilestoneIDs)
	checkIDs(l, at, "issue", "tags", i.Tags)
	checkState(l, at, "issue", i.State, string(i.Reason))
}

func checkID(l *validation.List, at loc, kind, id string) {
	if id == "" {
		l.Add(validation.Required(at.path("id"), validation.Code(kind+".id.required"), "an ID"))
		return
	}
	if why := idProblem(id); why != "" {
		l.Add(validation.Invalid(at.path("id"), validation.Code(kind+".id.invalid"), "ID %q %s", truncate(id), why))
	}
}

// checkLevel checks one assessment; name is "" for the current one.
func checkLevel(l *validation.List, at loc, name string, v Level, required bool) {
	if !required && v.IsZero() {
		return
	}
	code := func(field, what string) validation.Code {
		if name == "" {
			return validation.Code("risk." + field + "." + what)
		}
		return validation.Code("risk." + name + "." + field + "." + what)
	}
	p := func(field string) validation.Path {
		if name == "" {
			return at.path(field)
		}
		return at.path(name, field)
	}
	switch {
	case v.Probability == 0:
		l.Add(validation.Required(p("probability"), code("probability", "required"), "a probability from 1 to 99 percent"))
	case !v.Probability.IsValid():
		l.Add(validation.OutOfRange(p("probability"), code("probability", "range"), "probability %d%% is outside 1 to 99 percent", v.Probability))
	}
	switch {
	case v.Impact == 0:
		l.Add(validation.Required(p("impact"), code("impact", "required"), "an impact from 1 to 5"))
	case !v.Impact.IsValid():
		l.Add(validation.OutOfRange(p("impact"), code("impact", "range"), "impact %d is outside 1 to 5", v.Impact))
	}
}

func checkCost(l *validation.List, at loc, c Cost) {
	if c.IsZero() {
		return
	}
	if c.MinorUnits < 0 {
		l.Add(validation.OutOfRange(at.path("costImpact", "minorUnits"), "risk.costImpact.minorUnits.range", "cost impact %d is negative", c.MinorUnits))
	}
	switch {
	case c.Currency == "":
		l.Add(validation.Required(at.path("costImpact", "currency"), "risk.costImpact.currency.required", "an ISO 4217 currency code"))
	case !ValidCurrency(c.Currency):
		l.Add(validation.Invalid(at.path("costImpact", "currency"), "risk.costImpact.currency.invalid", "currency %q is not an ISO 4217 code (three upper-case letters such as EUR)", truncate(c.Currency)))
	}
}

// checkIDs checks a list of IDs or tags: no empty entry, no duplicate.
func checkIDs(l *validation.List, at loc, kind, field string, ids []string) {
	if len(ids) == 0 {
		return
	}
	fieldPath := func(i int) validation.Path {
		p := at.path(strings.Split(field, ".")...)
		return p.Index(i)
	}
	codeBase := kind + "." + field
	var seen map[string]struct{}
	if len(ids) > 16 {
		seen = make(map[string]struct{}, len(ids))
	}
	for i, id := range ids {
		if id == "" || strings.TrimSpace(id) == "" {
			l.Add(validation.Required(fieldPath(i), validation.Code(codeBase+".empty"), "a non-blank entry"))
			continue
		}
		if why := idProblem(id); why != "" {
			l.Add(validation.Invalid(fieldPath(i), validation.Code(codeBase+".invalid"), "%q %s", truncate(id), why))
			continue
		}
		dup := false
		if seen != nil {
			_, dup = seen[id]
			seen[id] = struct{}{}
		} else {
			for _, prev := range ids[:i] {
				if prev == id {
					dup = true
					break
				}
			}
		}
		if dup {
			l.Add(validation.Duplicate(fieldPath(i), validation.Code(codeBase+".duplicate"), id))
		}
	}
}

func checkState(l *validation.List, at loc, kind string, s workitem.State, reason string) {
	if !s.IsValid() {
		l.Add(validation.NotSupported(at.path("state"), validation.Code(kind+".state.invalid"), s.String(), []string{"Proposed", "Active", "Resolved", "Closed"}))
		return
	}
	if reason == "" {
		l.Add(validation.Required(at.path("reason"), validation.Code(kind+".reason.required"), "the reason of the latest change of state"))
	}
}
