package report

import (
	"fmt"
)

// blockingShown bounds the list of items that block a go.
const blockingShown = 12

// readiness prints the launch readiness checklist: counts by status, one
// line per function, and the must-have items that block a go, soonest due
// first (the rows of view.View.Readiness).
func (r *writer) readiness() error {
	r.heading("Launch readiness")
	rd := r.v.Readiness(r.asOf())
	if len(rd.Items) == 0 {
		r.line("No readiness checklist kept.")
		return nil
	}
	total := rd.Total
	r.line("Checklist:\t%d items, %d must-have: %d ready, %d waived, %d in progress, %d at risk, %d not started",
		total.Items, total.MustHave, total.Ready, total.Waived, total.InProgress, total.AtRisk, total.NotStarted)
	r.line("Go blocked by:\t%d must-have item(s) neither ready nor waived", total.Blocking)
	r.line("")
	r.line("Function\tLead\tItems\tMust-have\tReady\tWaived\tIn progress\tAt risk\tNot started\tBlocking")
	for _, s := range rd.Functions {
		r.line("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", s.Function.Title(), orDash(s.Lead), s.Items, s.MustHave,
			s.Ready, s.Waived, s.InProgress, s.AtRisk, s.NotStarted, s.Blocking)
	}
	blocking := rd.Blocking()
	if len(blocking) == 0 {
		return nil
	}
	r.line("")
	shown := min(len(blocking), blockingShown)
	r.line("Blocking a go, soonest due first (%d of %d):", shown, len(blocking))
	r.line("Item\tFunction\tOwner\tDue\tStatus\tTitle")
	for _, it := range blocking[:shown] {
		d := "-"
		if !it.DueDate.IsZero() {
			d = it.DueDate.String()
		}
		r.line("%s\t%s\t%s\t%s\t%s\t%s", it.ID, it.Function, orDash(it.Owner), d, it.Status, it.Title)
	}
	if len(blocking) > shown {
		r.line("%s", fmt.Sprintf("... and %d more", len(blocking)-shown))
	}
	return nil
}
