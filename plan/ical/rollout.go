package ical

import (
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/plan/view"
)

// CategoryDeploy is the CATEGORIES of the event of the days a wave is
// deployed (its UID ends the wave's key with "/deploy"); the other
// events carry their view.EventKind or view.WindowKind.
const CategoryDeploy = "deploy"

// describer writes the DESCRIPTION of events from the plan's deployment
// half (view.View.Rollout and Reviews): what a wave reaches and how it is
// judged and backed out, who decides at a review, why there is no way
// back, who staffs hypercare, which wave a notice announces.
type describer struct {
	ro      view.Rollout
	reviews []view.Review
	waves   map[string]view.Wave
	notices map[string]view.Communication
}

func newDescriber(v *view.View) *describer {
	d := &describer{ro: v.Rollout(), reviews: v.Reviews(), waves: map[string]view.Wave{}, notices: map[string]view.Communication{}}
	for _, w := range d.ro.Waves {
		d.waves[w.ID] = w
	}
	for _, c := range d.ro.Communications {
		d.notices[c.ID] = c
	}
	return d
}

// event describes an event: where it comes from, and what the review,
// the point of no return or the notice is about.
func (d *describer) event(ev view.Event) string {
	var lines []string
	switch ev.Kind {
	case view.EventReview:
		if id, ok := strings.CutPrefix(ev.Key, "decision/"); ok {
			lines = append(lines, d.review(id)...)
		}
	case view.EventPointOfNoReturn:
		if p := d.ro.PointOfNoReturn; p != nil {
			lines = append(lines, "From here the rollout cannot be rolled back: "+p.Reason,
				"Guarded by go/no-go review "+p.Guard(), "Passed: "+p.PassedText(d.reviews))
		}
	case view.EventNotice:
		if c, ok := d.notices[ev.Task]; ok && c.Wave != "" {
			if w, ok := d.waves[c.Wave]; ok && w.Planned {
				lines = append(lines, fmt.Sprintf("Announces wave %s (%s) to %s, deployed from %s: %d workdays before.", w.ID, w.Name, w.Audience, w.Start, c.Lead))
			}
		}
	}
	if ev.Requirement != "" {
		lines = append(lines, "Requirement "+ev.Requirement)
	}
	if ev.Task != "" {
		lines = append(lines, "Task "+ev.Task)
	}
	return strings.Join(lines, "\n")
}

// review lists a go/no-go review's outcome, approvers and conditions.
func (d *describer) review(id string) []string {
	for _, r := range d.reviews {
		if r.ID != id {
			continue
		}
		lines := []string{"Outcome: " + r.Outcome.String(), "Approvers:"}
		for _, b := range r.Ballots {
			line := fmt.Sprintf("- %s (%s): %s", b.Approver, b.Role, view.VoteText(b))
			if b.Note != "" {
				line += ": " + b.Note
			}
			lines = append(lines, line)
		}
		if len(r.Items) > 0 {
			lines = append(lines, "Readiness items named: "+strings.Join(r.Items, ", "))
		}
		return lines
	}
	return nil
}

// window describes a wave, hypercare or a freeze.
func (d *describer) window(win view.Window) string {
	switch win.Kind {
	case view.WindowWave:
		if w, ok := d.waves[strings.TrimPrefix(win.Key, "wave/")]; ok {
			return d.wave(w)
		}
	case view.WindowHypercare:
		if h := d.ro.Hypercare; h != nil {
			lines := []string{"Lead: " + orDash(h.Lead)}
			for _, c := range h.ExitCriteria {
				lines = append(lines, "Exit criterion: "+c.String())
			}
			for _, s := range h.Staffing {
				lines = append(lines, fmt.Sprintf("%s: %s (%s, %s)", strings.ToUpper(s.Role[:1])+s.Role[1:], orDash(s.Who), s.Demand, s.CommitmentText()))
			}
			return strings.Join(lines, "\n")
		}
	case view.WindowFreeze:
		return "No deployment in this window."
	}
	return ""
}

// wave describes a wave: audience, dates, criteria, rollback.
func (d *describer) wave(w view.Wave) string {
	lines := []string{
		fmt.Sprintf("Wave %s (%s) to %s.", w.ID, w.Ring, w.Audience),
		fmt.Sprintf("Deployed %s to %s, soaks %d workdays, gate %s.", w.Start, w.Deployed, w.SoakDays, w.Gate),
	}
	for _, c := range w.Criteria {
		lines = append(lines, "Success: "+c.String())
	}
	lines = append(lines, "Rollback: "+w.RollbackText())
	for _, t := range w.Rollback.Triggers {
		lines = append(lines, "Rollback trigger: "+t.String())
	}
	if w.PastPointOfNoReturn {
		lines = append(lines, "Past the point of no return: it cannot be rolled back.")
	}
	lines = append(lines, "Evaluation: "+w.EvaluationText())
	return strings.Join(lines, "\n")
}

// deploy describes the days a wave is deployed.
func (d *describer) deploy(w view.Wave) string {
	lines := []string{fmt.Sprintf("Deploy wave %s (%s) to %s.", w.ID, w.Ring, w.Audience), "Rollback: " + w.RollbackText()}
	if w.PastPointOfNoReturn {
		lines = append(lines, "Past the point of no return: it cannot be rolled back.")
	}
	if len(w.Notices) > 0 {
		for _, i := range w.Notices {
			c := d.ro.Communications[i]
			lines = append(lines, fmt.Sprintf("Customers noticed on %s (%s).", c.Day, c.ID))
		}
	} else if w.Customer() {
		lines = append(lines, "No maintenance notice announces this wave.")
	}
	return strings.Join(lines, "\n")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
