package rollout_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
)

// Example is the README's short example: the README's Go block is this
// function's body (TestREADMEExample keeps them equal).
func Example() {
	ctx := context.Background()
	release := calendar.MustParse("2027-04-15")
	notifiedAt := time.Date(2027, time.January, 11, 9, 0, 0, 0, time.UTC)
	change := lifecycle.Change{By: "Rita (Release Manager)", At: notifiedAt}

	// The entry criterion: the project is committed to this release on this date.
	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})
	err := p.Notify(plan.Notification{From: "Program Office", At: notifiedAt,
		Reference: "PO-17", Version: "4.0", Date: release}, change)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := p.Start(ctx, plan.DefaultChecker(), change); err != nil {
		log.Fatal(err) // a *plan.GateError naming every unmet condition
	}

	// Sub-activity 1: gather a requirement; 2: analyse it into tasks with
	// the default templates, anchored on the release date.
	err = p.AddRequirement(backlog.Requirement{ID: "REQ-1", Title: "Train the help desk",
		Category: backlog.CategorySupportTraining, Priority: 1, Timing: backlog.Before(10)}, change)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := p.Analyze(nil, backlog.ExpandOptions{Change: change}); err != nil {
		log.Fatal(err)
	}

	// The exit criterion: every gap named, by sub-activity and path.
	result, err := plan.DefaultChecker().Check(ctx, p, plan.Exit)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("exit criterion met:", result.Passed())
	for _, s := range plan.SubActivities() {
		fmt.Printf("%s: %d finding(s)\n", s.Title(), len(result.For(s)))
	}
	if fs := result.For(plan.GatherRequirements); len(fs) > 0 {
		fmt.Println(fs[0].Path, fs[0].Message)
	}
	// Output:
	// exit criterion met: false
	// Gather Release and Deployment Requirements: 16 finding(s)
	// Analyze Requirements: 10 finding(s)
	// Determine the Resources Required: 0 finding(s)
	// Gain Commitments on Resources: 6 finding(s)
	// Identify Risks: 1 finding(s)
	// Monitor and Manage Issues: 0 finding(s)
	// backlog.requirements no requirement of category "cutover" (Cutover) is gathered, and the category is not waived with a reason
}
