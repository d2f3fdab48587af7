package report

import (
	"strings"

	"github.com/rolloutkit/rollout/plan/view"
)

// deployment prints the waves with their planned windows, audiences,
// criteria, rollback triggers and evaluations, the point of no return,
// hypercare with its exit criteria, rota and war room, and the operational
// communications (the rows of view.View.Rollout, which the other renderers
// show too).
func (r *writer) deployment() error {
	ro := r.v.Rollout()
	r.waves(ro)
	r.hypercare(ro.Hypercare)
	r.communications(ro)
	return nil
}

// waves prints the waves and the point of no return.
func (r *writer) waves(ro view.Rollout) {
	r.heading("Deployment waves")
	if len(ro.Waves) == 0 {
		r.line("No deployment waves planned.")
		return
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
		r.line("%s\t%s\t%s\t%gd\t%dd\t%s\t%s", w.ID, w.Ring, w.Audience, w.Deploy.MostLikely, w.SoakDays, w.WindowText(), w.EvaluationText())
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
		r.line("  rollback:\t%s", w.RollbackText())
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
}

// hypercare prints the hypercare period.
func (r *writer) hypercare(h *view.Hypercare) {
	r.line("")
	r.heading("Hypercare (early life support)")
	if h == nil {
		r.line("No hypercare planned.")
		return
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
}

// communications prints the operational communications by day, each
// notice with the workdays before the wave it announces, and the customer
// waves that no maintenance notice announces; nothing when the plan has
// neither.
func (r *writer) communications(ro view.Rollout) {
	unnoticed := ro.Unnoticed()
	if len(ro.Communications) == 0 && len(unnoticed) == 0 {
		return
	}
	r.line("")
	r.heading("Operational communications")
	if len(ro.Communications) > 0 {
		r.line("Day\tTask\tCommunication\tCategory\tAnnounces\tWorkdays before the wave")
		for _, c := range ro.Communications {
			r.line("%s\t%s\t%s\t%s\t%s\t%s", c.Day, c.ID, c.Title, c.Category, orDash(c.Wave), orDash(c.LeadText()))
		}
	}
	if len(ro.Communications) > 0 && len(unnoticed) > 0 {
		r.line("")
	}
	for _, w := range unnoticed {
		flag, rest := w.UnnoticedText()
		r.line("%s %s", strings.ToUpper(flag), rest)
	}
}
