package sample_test

import (
	"context"
	"fmt"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
)

// The sample plan is ready to check: its exit gate reports the deliberate
// gaps a real plan has seven weeks before launch.
func ExamplePlan() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Release.Product, p.Release.Version, "launches on", p.Release.Date)
	fmt.Println(p.Backlog.NumRequirements(), "requirements,", p.Backlog.NumTasks(), "tasks")
	rep, err := sample.Checker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Findings {
		fmt.Println(f.SubActivity, f.Severity, f.Code)
	}
	// Output:
	// Contoso Ledger 4.0 launches on 2027-04-15
	// 26 requirements, 115 tasks
	// gain-commitments error budget.underfunded
	// gain-commitments error demand.uncovered
	// identify-risks error plan.risks.handled
	// manage-issues warning plan.issues.blocking
}
