// Command quickstart builds the sample rollout and deployment plan of a
// fictional release, Contoso Ledger 4.0 (package plan/sample), and prints a
// readable summary of it: the release and its entry criterion, the six
// sub-activities, requirements, tasks and the critical chain, the forecast,
// resources, budget, risks, issues, the go/no-go review, the exit
// criterion's findings and the changes since the committed baseline.
//
// The sample has deliberate gaps (see package plan/sample); they are
// findings of the plan, not failures of the program, which exits 0.
//
//	go run ./examples/quickstart
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/report"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	p, err := sample.Plan()
	if err != nil {
		return err
	}
	checker := sample.Checker()
	out := bufio.NewWriter(os.Stdout)
	err = report.Write(context.Background(), out, p, report.Options{
		Checker:         &checker,
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 2000, Seed: 2027}},
	})
	if err != nil {
		return err
	}
	return out.Flush()
}
