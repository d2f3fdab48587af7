package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/resource"
)

// deployment prints the waves with their planned windows, audiences,
// criteria, rollback triggers and evaluations, the point of no return, and
// hypercare with its exit criteria, rota and war room.
func (r *writer) deployment() error {
	r.heading("Deployment waves")
	d := r.p.Deployment
	if d == nil || len(d.Waves) == 0 {
		r.line("No deployment waves planned.")
		return r.hypercare()
	}
	cal := d.Calendar
	if cal == "" {
		cal = "the plan's calendar"
	}
	r.line("Calendar:\t%s", cal)
	for _, w := range r.v.Windows {
		if w.Kind != view.WindowFreeze {
			continue
		}
		r.line("Freeze:\t%s, %s to %s", w.Title, w.From, w.Through)
	}
	windows := map[string][2]calendar.Date{}
	for _, w := range r.v.Windows {
		if id, ok := strings.CutPrefix(w.Key, "wave/"); ok {
			windows[id] = [2]calendar.Date{w.From, w.Through}
		}
	}
	r.line("")
	r.line("Wave\tRing\tAudience\tDeploy\tSoak\tWindow\tEvaluation")
	for _, w := range d.Waves {
		win := "not planned as tasks"
		if ws, ok := windows[w.ID]; ok {
			win = fmt.Sprintf("%s to %s", ws[0], ws[1])
		}
		eval := string(w.Evaluation.Current())
		if dec := w.Evaluation.Decision(); dec != "" && w.Evaluation.Outcome != "" {
			eval = fmt.Sprintf("%s (%s)", dec, w.Evaluation.Outcome)
		}
		r.line("%s\t%s\t%s\t%gd\t%dd\t%s\t%s", w.ID, w.Ring, w.Audience, w.Deploy.MostLikely, w.SoakDays, win, eval)
	}
	for _, w := range d.Waves {
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
	if p := d.PointOfNoReturn; p != nil {
		r.line("")
		guard := "NO GO/NO-GO REVIEW"
		if p.Decision != "" {
			guard = "go/no-go review " + p.Decision
			if i := slices.IndexFunc(r.p.Decisions, func(dec plan.Decision) bool { return dec.ID == p.Decision }); i >= 0 {
				dec := r.p.Decisions[i]
				guard += fmt.Sprintf(" (%s, %s)", dec.Outcome(), dec.Date.UTC().Format("2006-01-02"))
			} else {
				guard += " (not held)"
			}
		}
		r.line("Point of no return:\tbefore %s: %s", p.Wave, p.Reason)
		r.line("Guarded by:\t%s", guard)
	}
	return r.hypercare()
}

// hypercare prints the hypercare period.
func (r *writer) hypercare() error {
	r.line("")
	r.heading("Hypercare (early life support)")
	d := r.p.Deployment
	if d == nil || d.Hypercare == nil {
		r.line("No hypercare planned.")
		return nil
	}
	h := d.Hypercare
	days := r.v.Calendar.WorkdaysBetween(h.From, h.Through.AddDays(1))
	r.line("Period:\t%s to %s (%s)", h.From, h.Through, plural(days, "workday", "workdays"))
	r.line("Lead:\t%s", orDash(h.Lead))
	for _, c := range h.ExitCriteria {
		r.line("Exit criterion:\t%s", c)
	}
	if len(h.ExitCriteria) == 0 {
		r.line("Exit criterion:\tNONE")
	}
	covered := map[string]resource.DemandCoverage{}
	for _, c := range r.p.Resources.Coverage(r.p.Revision) {
		covered[c.DemandID] = c
	}
	demand := func(role, id string) {
		dm, ok := r.p.Resources.Demand(id)
		if !ok {
			r.line("%s\t%s\tNOT IN THE RESOURCE POOL", role, id)
			return
		}
		who := orDash(dm.ResourceID)
		if res, ok := r.p.Resources.Resource(dm.ResourceID); ok {
			who = res.Name
		}
		status := "not covered"
		if c, ok := covered[id]; ok && c.Gap.Value <= 0 {
			status = "committed"
		}
		r.line("%s\t%s\t%s\t%s\t%s to %s\t%s", role, id, who, dm.Quantity, dm.From, dm.To, status)
	}
	r.line("")
	r.line("Staffing\tDemand\tWho\tQuantity\tDates\tCommitment")
	for _, id := range h.Rota {
		demand("rota", id)
	}
	if h.WarRoom != "" {
		demand("war room", h.WarRoom)
	}
	return nil
}
