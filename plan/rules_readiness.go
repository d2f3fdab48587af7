package plan

import (
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the launch readiness rules.
const (
	// CodeReadinessItems: every readiness item has an owner and a due
	// date no later than the go/no-go review; an overdue item is flagged.
	CodeReadinessItems validation.Code = "plan.readiness.items"
	// CodeGoNoGo: a plan with a readiness checklist schedules a go/no-go
	// review close to the launch, with the Release Manager and the lead of
	// every function with must-have items as approvers.
	CodeGoNoGo validation.Code = "plan.readiness.go-no-go"
)

// defaultGoNoGoWindow is Policy.GoNoGoWindow's zero value.
const defaultGoNoGoWindow = 10

// readinessItem returns the builder for findings about checklist item i.
func (c *Context) readinessItem(i int) FindingBuilder {
	return About(validation.Subject{Kind: readiness.SubjectItem, ID: c.Plan.Readiness.Items[i].ID},
		pathReadiness.Child("items").Index(i), WholeActivity)
}

// decisionFinding returns the builder for findings about review i.
func (c *Context) decisionFinding(i int) FindingBuilder {
	return About(validation.Subject{Kind: SubjectDecision, ID: c.Plan.Decisions[i].ID},
		validation.NewPath("decisions").Index(i), WholeActivity)
}

// reviewDay returns the day the latest go/no-go review is held, in the
// zone its time was given in, and its index; -1 when there is none.
func (p *Plan) reviewDay() (calendar.Date, int) {
	if len(p.Decisions) == 0 {
		return calendar.Date{}, -1
	}
	i := len(p.Decisions) - 1
	if p.Decisions[i].Date.IsZero() {
		return calendar.Date{}, i
	}
	return calendar.FromTime(p.Decisions[i].Date), i
}

func (p *Plan) workCalendar() *calendar.Calendar {
	if p.Calendar != nil {
		return p.Calendar
	}
	return calendar.Standard()
}

func ruleReadinessItems() Rule {
	return Rule{
		Code: CodeReadinessItems, Gate: Exit, SubActivity: WholeActivity,
		Summary: "every launch readiness item has an owner and a due date no later than the go/no-go review; items past due and not ready are flagged",
		Check: func(c *Context) []Finding {
			p := c.Plan
			if p.Readiness == nil {
				return nil
			}
			review, ri := p.reviewDay()
			cal := p.workCalendar()
			asOf := c.asOf()
			var out []Finding
			for i, it := range p.Readiness.Items {
				at := c.readinessItem(i)
				if strings.TrimSpace(it.Owner) == "" {
					out = append(out, at.Field("owner").Missing("readiness item %s (%s) has no owner", it.ID, it.Title))
				}
				if it.Due.IsZero() {
					out = append(out, at.Field("due").Missing("readiness item %s (%s) has no due date", it.ID, it.Title))
					continue
				}
				due, err := it.Due.Date(p.Release.Date, cal)
				if err != nil {
					continue // the document rule reports a release without a date
				}
				if !review.IsZero() && due.After(review) {
					out = append(out, at.Field("due").Conflict("readiness item %s is due %s (%s), after the go/no-go review %s on %s: the review cannot judge it",
						it.ID, due, it.Due, p.Decisions[ri].ID, review))
				}
				if !it.Status.Done() && !asOf.IsZero() && due.Before(asOf) {
					out = append(out, at.Field("status").Warning().Invalid("readiness item %s was due %s and is %s as of %s", it.ID, due, it.Status, asOf))
				}
			}
			return out
		},
	}
}

func ruleGoNoGo() Rule {
	return Rule{
		Code: CodeGoNoGo, Gate: Exit, SubActivity: WholeActivity,
		Summary: "the go/no-go review is held close to the launch (within Policy.GoNoGoWindow workdays before it) with the Release Manager and the lead of every function with must-have readiness items as approvers",
		Check: func(c *Context) []Finding {
			p := c.Plan
			review, i := p.reviewDay()
			if i < 0 {
				if p.Readiness == nil {
					return nil
				}
				return []Finding{About(c.planSubject(), validation.NewPath("decisions"), WholeActivity).
					Missing("the plan keeps a launch readiness checklist but schedules no go/no-go review to judge it (ScheduleDecision)")}
			}
			var out []Finding
			at := c.decisionFinding(i)
			d := p.Decisions[i]
			window := c.Policy.GoNoGoWindow
			if window <= 0 {
				window = defaultGoNoGoWindow
			}
			if release := p.Release.Date; !release.IsZero() && !review.IsZero() {
				cal := p.workCalendar()
				switch {
				case !review.Before(release):
					out = append(out, at.Field("date").OutOfRange("go/no-go review %s is held on %s, not before the launch on %s", d.ID, review, release))
				case cal.WorkdaysBetween(review, release) > window:
					out = append(out, at.Field("date").OutOfRange("go/no-go review %s is held on %s, %d workdays before the launch on %s: hold it within %d workdays of the launch, when readiness can be judged",
						d.ID, review, cal.WorkdaysBetween(review, release), release, window))
				}
			}
			approvers := make(map[string]bool, len(d.Ballots))
			for _, b := range d.Ballots {
				approvers[b.Approver] = true
			}
			if rm := p.peopleIn(ReleaseManager); len(rm) > 0 && !slices.ContainsFunc(rm, func(s string) bool { return approvers[s] }) {
				out = append(out, at.Field("ballots").Missing("go/no-go review %s has no Release Manager (%s) among its approvers", d.ID, strings.Join(rm, ", ")))
			}
			if p.Readiness == nil {
				return out
			}
			for _, s := range p.Readiness.ByFunction() {
				if s.MustHave == 0 {
					continue
				}
				switch {
				case s.Lead == "":
					out = append(out, About(validation.Subject{Kind: readiness.SubjectLead, ID: string(s.Function)}, pathReadiness.Child("leads"), WholeActivity).
						Missing("function %s has must-have readiness items but no lead to sign it off at the go/no-go review", s.Function))
				case !approvers[s.Lead]:
					out = append(out, at.Field("ballots").Missing("go/no-go review %s does not have %s, the %s lead, among its approvers", d.ID, s.Lead, s.Function))
				}
			}
			return out
		},
	}
}

// peopleIn returns the people filling role r.
func (p *Plan) peopleIn(r Role) []string {
	for _, ra := range p.Roles {
		if ra.Role == r {
			return ra.People
		}
	}
	return nil
}
