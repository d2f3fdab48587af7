package plantest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/validation"
)

// pressLegal is a company rule: press releases must come from legal.
var pressLegal = plan.Rule{
	Code: "acme.press.legal", Gate: plan.Exit, SubActivity: plan.GatherRequirements,
	Summary: "press releases are reviewed by legal",
	Check: func(c *plan.Context) []plan.Finding {
		var out []plan.Finding
		for i, r := range c.Requirements() {
			if r.Category == backlog.CategoryPressReleases && r.Source != "legal" {
				out = append(out, plan.Finding{Problem: *validation.Invalid(
					validation.NewPath("backlog", "requirements").Index(i).Child("source"), "", "press release %s not reviewed by legal", r.ID)})
			}
		}
		return out
	},
}

func TestCompanyRule(t *testing.T) {
	p := plantest.Committed(t)
	plantest.WantFindings(t, plantest.Run(t, pressLegal, p, plan.DefaultPolicy()))
	plantest.AddRequirement(t, p,
		backlog.Requirement{ID: "PR-1", Title: "Launch press release", Category: backlog.CategoryPressReleases},
		backlog.Requirement{ID: "PR-2", Title: "Analyst briefing", Category: backlog.CategoryPressReleases, Source: "legal"},
	)
	got := plantest.Run(t, pressLegal, p, plan.DefaultPolicy())
	plantest.WantFindings(t, got, "acme.press.legal@backlog.requirements[0].source")
	if got[0].SubActivity != plan.GatherRequirements {
		t.Errorf("sub-activity = %v", got[0].SubActivity)
	}
}

func TestCommittedPassesTheEntryGate(t *testing.T) {
	rep := plantest.Gate(t, plan.DefaultChecker(), plantest.Committed(t), plan.Entry)
	plantest.WantCodes(t, rep.Findings)
}

func ExampleKeys() {
	p := plan.New("p", plan.Release{Product: "Product", Version: "1.0", Date: plantest.ReleaseDate()})
	rep, _ := plan.DefaultChecker().Check(context.Background(), p, plan.Entry)
	for _, k := range plantest.Keys(rep.Findings) {
		fmt.Println(k)
	}
	// Output:
	// plan.entry.notification@notification
}
