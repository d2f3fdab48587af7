package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/readiness"
)

// blockingShown bounds the list of items that block a go.
const blockingShown = 12

// readiness prints the launch readiness checklist: counts by status, one
// line per function, and the must-have items that block a go, soonest due
// first.
func (r *writer) readiness() error {
	r.heading("Launch readiness")
	c := r.p.Readiness
	if c == nil || len(c.Items) == 0 {
		r.line("No readiness checklist kept.")
		return nil
	}
	fs := c.ByFunction()
	var total readiness.FunctionSummary
	for _, s := range fs {
		total.Items += s.Items
		total.MustHave += s.MustHave
		total.NotStarted += s.NotStarted
		total.InProgress += s.InProgress
		total.Ready += s.Ready
		total.AtRisk += s.AtRisk
		total.Waived += s.Waived
		total.Blocking += s.Blocking
	}
	r.line("Checklist:\t%d items, %d must-have: %d ready, %d waived, %d in progress, %d at risk, %d not started",
		total.Items, total.MustHave, total.Ready, total.Waived, total.InProgress, total.AtRisk, total.NotStarted)
	r.line("Go blocked by:\t%d must-have item(s) neither ready nor waived", total.Blocking)
	r.line("")
	r.line("Function\tLead\tItems\tMust-have\tReady\tWaived\tIn progress\tAt risk\tNot started\tBlocking")
	for _, s := range fs {
		r.line("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", s.Function.Title(), orDash(s.Lead), s.Items, s.MustHave,
			s.Ready, s.Waived, s.InProgress, s.AtRisk, s.NotStarted, s.Blocking)
	}
	blocking := c.Blocking()
	if len(blocking) == 0 {
		return nil
	}
	cal := r.p.Calendar
	if cal == nil {
		cal = calendar.Standard()
	}
	due := make(map[string]calendar.Date, len(blocking))
	for _, it := range blocking {
		if d, err := it.Due.Date(r.p.Release.Date, cal); err == nil {
			due[it.ID] = d
		}
	}
	slices.SortStableFunc(blocking, func(a, b readiness.Item) int {
		da, db := due[a.ID], due[b.ID]
		switch {
		case da.IsZero() && !db.IsZero():
			return 1
		case db.IsZero() && !da.IsZero():
			return -1
		}
		if n := da.Compare(db); n != 0 {
			return n
		}
		return strings.Compare(a.ID, b.ID)
	})
	r.line("")
	shown := min(len(blocking), blockingShown)
	r.line("Blocking a go, soonest due first (%d of %d):", shown, len(blocking))
	r.line("Item\tFunction\tOwner\tDue\tStatus\tTitle")
	for _, it := range blocking[:shown] {
		d := "-"
		if v, ok := due[it.ID]; ok {
			d = v.String()
		}
		r.line("%s\t%s\t%s\t%s\t%s\t%s", it.ID, it.Function, orDash(it.Owner), d, it.Status, it.Title)
	}
	if len(blocking) > shown {
		r.line("%s", fmt.Sprintf("... and %d more", len(blocking)-shown))
	}
	return nil
}
