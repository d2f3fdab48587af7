// Command companyrules shows how a company adds its own plan rules to the
// built-in ones: it builds the sample plan, adds two rules of "Contoso"
// (press releases need a legal source; every training requirement needs
// at least one acceptance criterion), disables a built-in rule the company
// does not use, tightens the risk threshold, and prints the exit gate's
// findings by sub-activity.
//
//	go run ./examples/companyrules
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "companyrules:", err)
		os.Exit(1)
	}
}

// pressLegal: press releases are sourced from (reviewed by) legal.
var pressLegal = plan.Rule{
	Code: "contoso.press.legal-source", Gate: plan.Exit, SubActivity: plan.GatherRequirements,
	Summary: "press release requirements come from legal",
	Check: func(c *plan.Context) []plan.Finding {
		var out []plan.Finding
		for _, r := range c.Requirements() {
			if r.Category == backlog.CategoryPressReleases && r.Source != "Legal" {
				out = append(out, c.Requirement(r.ID).Field("source").Warning().
					Invalid("press release requirement %s comes from %q, not Legal", r.ID, r.Source))
			}
		}
		return out
	},
}

// trainingAccepted: every training requirement says how it is accepted.
var trainingAccepted = plan.Rule{
	Code: "contoso.training.acceptance", Gate: plan.Exit, SubActivity: plan.GatherRequirements,
	Summary: "training requirements carry acceptance criteria",
	Check: func(c *plan.Context) []plan.Finding {
		catalogue := backlog.DefaultCatalogue()
		var out []plan.Finding
		for _, r := range c.Requirements() {
			info, ok := catalogue.Lookup(r.Category)
			if ok && info.Group == backlog.GroupTraining && len(r.AcceptanceCriteria) == 0 {
				out = append(out, c.Requirement(r.ID).Field("acceptanceCriteria").
					Missing("training requirement %s has no acceptance criteria", r.ID))
			}
		}
		return out
	},
}

func run() error {
	p, err := sample.Plan()
	if err != nil {
		return err
	}
	checker := sample.Checker()
	for _, r := range []plan.Rule{pressLegal, trainingAccepted} {
		if err := checker.Rules.Add(r); err != nil {
			return err
		}
	}
	// Contoso does not enter tasks in a tracker before the exit gate.
	if err := checker.Rules.Disable(plan.CodeTasksTracked); err != nil {
		return err
	}
	checker.Policy.ExposureThreshold = 80

	rep, err := checker.Check(context.Background(), p, plan.Exit)
	if err != nil {
		return err
	}
	fmt.Printf("%d rules ran; exit criterion met: %v\n", len(rep.Rules), rep.Passed())
	for _, s := range append([]plan.SubActivity{plan.WholeActivity}, plan.SubActivities()...) {
		fs := rep.For(s)
		if len(fs) == 0 {
			continue
		}
		fmt.Printf("\n%s:\n", s.Title())
		for _, f := range fs {
			fmt.Printf("  %-7s %-30s %s\n          %s\n", f.Severity, f.Code, f.Path, f.Message)
		}
	}
	return nil
}
