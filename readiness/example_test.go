package readiness_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/readiness"
)

// Build a checklist from the requirement catalogue, name an owner and move
// an item to ready with its evidence.
func Example() {
	at := time.Date(2027, time.March, 1, 9, 0, 0, 0, time.UTC)
	ch := lifecycle.Change{By: "Rita Alvarez", At: at}
	var c readiness.Checklist
	for _, it := range readiness.Defaults(backlog.DefaultCatalogue(), nil) {
		if it.Function == readiness.Support {
			it.Owner = "Sue Park"
		}
		if err := c.Add(it, ch); err != nil {
			fmt.Println(err)
			return
		}
	}
	id := "support-training/trained"
	_, err := c.Transition(id, readiness.InProgress, ch)
	fmt.Println(err)
	_, err = c.Transition(id, readiness.Ready, ch)
	fmt.Println(errors.Is(err, readiness.ErrNoEvidence))
	_ = c.AddEvidence(id, "https://lms.contoso.example/courses/ledger-4", "38 of 40 agents passed", ch)
	ev, err := c.Transition(id, readiness.Ready, ch)
	fmt.Println(ev.From, "->", ev.To, "for", ev.Reason, err)
	for _, s := range c.ByFunction()[:2] {
		fmt.Printf("%s: %d items, %d ready, %d blocking\n", s.Function.Title(), s.Items, s.Ready, s.Blocking)
	}
	// Output:
	// <nil>
	// true
	// in-progress -> ready for Evidence accepted <nil>
	// Sales: 1 items, 0 ready, 1 blocking
	// Support: 3 items, 1 ready, 1 blocking
}

// Waive an item: the reason goes in the change's note, and a waived item
// no longer blocks a go.
func ExampleChecklist_Transition() {
	at := time.Date(2027, time.March, 1, 9, 0, 0, 0, time.UTC)
	var c readiness.Checklist
	_ = c.Add(readiness.Item{ID: "legal/export", Function: readiness.Legal, Title: "Export control review", MustHave: true, Due: backlog.Before(10)},
		lifecycle.Change{By: "Lee", At: at})
	fmt.Println(len(c.Blocking()))
	_, err := c.Transition("legal/export", readiness.Waived, lifecycle.Change{By: "Lee", At: at, Reason: readiness.ReasonNotNeeded})
	fmt.Println(err)
	_, err = c.Transition("legal/export", readiness.Waived, lifecycle.Change{By: "Lee", At: at, Reason: readiness.ReasonNotNeeded, Note: "No new export destinations"})
	it, _ := c.Item("legal/export")
	fmt.Println(err, it.Status, it.WaiverReason, len(c.Blocking()))
	// Output:
	// 1
	// items[0].waiverReason: item legal/export is waived only with a reason: give it in the change's note [readiness.item.waiver.invalid]
	// <nil> waived No new export destinations 0
}

// Ask the lifecycle which moves are permitted from a status.
func ExampleLifecycle() {
	for _, r := range readiness.Lifecycle().From(readiness.AtRisk) {
		fmt.Println(r.To, r.Reasons)
	}
	// Output:
	// in-progress [Recovered Work started]
	// ready [Evidence accepted]
	// waived [Not needed for this launch Risk accepted]
}

// Summarise the checklist per function for a report.
func ExampleChecklist_ByFunction() {
	c := sampleChecklist()
	for _, s := range c.ByFunction() {
		fmt.Printf("%-10s lead %-4q items %d ready %d at risk %d waived %d blocking %d\n",
			s.Function, s.Lead, s.Items, s.Ready, s.AtRisk, s.Waived, s.Blocking)
	}
	// Output:
	// sales      lead "Sam" items 1 ready 1 at risk 0 waived 0 blocking 0
	// support    lead "Sue" items 1 ready 0 at risk 1 waived 0 blocking 1
	// operations lead ""   items 1 ready 0 at risk 0 waived 0 blocking 1
	// marketing  lead ""   items 1 ready 0 at risk 0 waived 1 blocking 0
}
