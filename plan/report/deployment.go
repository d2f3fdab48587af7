package report

import (
	"fmt"

	"github.com/rolloutkit/rollout/plan/view"
)

// deployment prints the waves with their planned windows, audiences,
// criteria, rollback triggers and evaluations, the point of no return, and
// hypercare with its exit criteria, rota and war room (the rows of
// view.View.Rollout, which the other renderers show too).
func (r *writer) deployment() error {
	r.heading("Deployment waves")
	ro := r.v.Rollout()
	if len(ro.Waves) == 0 {
		r.line("No deployment waves planned.")
		return r.hypercare(ro.Hypercare)
	}
	cal := ro.Calendar
	if cal == "" {
		cal = "the plan's calendar"
	}
	r.line("Calendar:\t%s", cal)
	for _, w := range ro.Freezes {
		r.line("Freeze:\t%s, %s to %s", w.Title, w.From, w.Through)
	}
	r.line("")
	r.line("Wave\tRing\tAudience\tDeploy\tSoak\tWindow\tEvaluation")
	for _, w := range ro.Waves {
		win := "not planned as tasks"
		if w.Planned {
			win = fmt.Sprintf("%s to %s", w.Start, w.Gate)
		}
		r.line("%s\t%s\t%s\t%gd\t%dd\t%s\t%s", w.ID, w.Ring, w.Audience, w.Deploy.MostLikely, w.SoakDays, win, w.EvaluationText())
	}
	for _, w := range ro.Waves {
		r.line("")
		r.line("%s: %s", w.ID, w.Name)
		for _, c := range w.Criteria {
			r.line("  success:\t%s", c)
		}
		if len(w.Criteria) == 0 {
			r.line("  success:\tNO SUCCESS CRITERIA")
		}
		rb := orDash(w.Rollback.Plan)
		if w.Rollback.DecidedBy != "" {
			rb += " (decided by " + w.Rollback.DecidedBy + ")"
		}
		r.line("  rollback:\t%s", rb)
		for _, t := range w.Rollback.Triggers {
			r.line("  trigger:\t%s", t)
		}
	}
	if p := ro.PointOfNoReturn; p != nil {
		r.line("")
		guard := "NO GO/NO-GO REVIEW"
		if p.Decision != "" {
			guard = "go/no-go review " + p.Guard()
		}
		r.line("Point of no return:\tbefore %s: %s", p.Wave, p.Reason)
		r.line("Guarded by:\t%s", guard)
	}
	return r.hypercare(ro.Hypercare)
}

// hypercare prints the hypercare period.
func (r *writer) hypercare(h *view.Hypercare) error {
	r.line("")
	r.heading("Hypercare (early life support)")
	if h == nil {
		r.line("No hypercare planned.")
		return nil
	}
	r.line("Period:\t%s to %s (%s)", h.From, h.Through, plural(h.Workdays, "workday", "workdays"))
	r.line("Lead:\t%s", orDash(h.Lead))
	for _, c := range h.ExitCriteria {
		r.line("Exit criterion:\t%s", c)
	}
	if len(h.ExitCriteria) == 0 {
		r.line("Exit criterion:\tNONE")
	}
	r.line("")
	r.line("Staffing\tDemand\tWho\tQuantity\tDates\tCommitment")
	for _, s := range h.Staffing {
		if !s.Known {
			r.line("%s\t%s\tNOT IN THE RESOURCE POOL", s.Role, s.Demand)
			continue
		}
		r.line("%s\t%s\t%s\t%s\t%s to %s\t%s", s.Role, s.Demand, orDash(s.Who), s.Quantity, s.From, s.To, s.CommitmentText())
	}
	return nil
}
