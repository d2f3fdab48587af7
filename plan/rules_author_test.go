package plan_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/validation"
)

// A rule that changes the plan it checks is reported, whatever it
// changes of the plan's own fields or lists.
func TestCheckerReportsARuleThatChangesThePlan(t *testing.T) {
	changes := map[string]func(p *plan.Plan){
		"moves the release date": func(p *plan.Plan) { p.Release.Date = p.Release.Date.AddDays(30) },
		"edits the notification": func(p *plan.Plan) { p.Notification.Reference = "PO-2" },
		"changes a RACI letter":  func(p *plan.Plan) { p.Roles[1].RACI = plan.Informed },
		"bumps the revision":     func(p *plan.Plan) { p.Revision++ },
		"adds a waiver":          func(p *plan.Plan) { p.Waivers = append(p.Waivers, plan.Waiver{}) },
		"drops a risk log":       func(p *plan.Plan) { p.Risks = nil },
		"drops a commitment":     func(p *plan.Plan) { p.Resources.Commitments = p.Resources.Commitments[1:] },
		"adds a requirement": func(p *plan.Plan) {
			_ = p.Backlog.AddRequirement(backlog.Requirement{ID: "X", Title: "x", Category: backlog.CategoryProductDemos}, plantest.Change())
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			sneaky := plan.Rule{Code: "acme.sneaky", Gate: plan.Exit, SubActivity: plan.GatherRequirements,
				Check: func(c *plan.Context) []plan.Finding { change(c.Plan); return nil }}
			rules, err := plan.NewRules(sneaky)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := plan.Checker{Rules: rules, Policy: plantest.Policy()}.Check(context.Background(), plantest.Ready(t), plan.Exit)
			if err != nil {
				t.Fatal(err)
			}
			want := []seen{{plan.CodeRuleChangedPlan, errs, gath, "", "plan plantest"}}
			got := seenOf(rep.Findings)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	// The built-in rules change nothing.
	rep := plantest.Gate(t, plantest.Checker(), plantest.Ready(t), plan.Exit)
	plantest.WantCodes(t, rep.Findings)
}

func TestRulePanicIsAFindingWithAnExportedCode(t *testing.T) {
	boom := plan.Rule{Code: "acme.boom", Gate: plan.Exit, Check: func(*plan.Context) []plan.Finding { panic("boom") }}
	rules, _ := plan.NewRules(boom)
	rep, err := plan.Checker{Rules: rules, Policy: plantest.Policy()}.Check(context.Background(), plantest.Ready(t), plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	plantest.WantCodes(t, rep.Findings, plan.CodeRulePanic)
}

func TestMandatoryCategoriesAddToTheCatalogue(t *testing.T) {
	var expected []backlog.Category
	for _, info := range backlog.DefaultCatalogue().Expected() {
		expected = append(expected, info.Category)
	}
	pol := plan.DefaultPolicy()
	if diff := cmp.Diff(expected, pol.Categories()); diff != "" {
		t.Errorf("default categories (-want +got):\n%s", diff)
	}
	pol.MandatoryCategories = []backlog.Category{backlog.CategoryRoadShows, backlog.CategorySalesTraining, backlog.CategoryTradeShows}
	want := append(slices.Clone(expected), backlog.CategoryRoadShows, backlog.CategoryTradeShows)
	if diff := cmp.Diff(want, pol.Categories()); diff != "" {
		t.Errorf("with mandatory road shows and trade shows (-want +got):\n%s", diff)
	}
	// On Ready (which has a road show but no trade show) the gate asks for
	// trade shows and still for every expected category.
	k := plantest.Checker()
	k.Policy.MandatoryCategories = pol.MandatoryCategories
	p := plantest.Break(t, "field-service-training-missing")
	rep := plantest.Gate(t, k, p, plan.Exit)
	var subjects []string
	for _, f := range rep.Findings {
		if f.Code == plan.CodeCategoriesGathered {
			subjects = append(subjects, f.Subject.ID)
		}
	}
	slices.Sort(subjects)
	if diff := cmp.Diff([]string{"field-service-training", "trade-shows"}, subjects); diff != "" {
		t.Errorf("missing categories (-want +got):\n%s", diff)
	}
	plantest.WantCodes(t, rep.Findings, []validation.Code{plan.CodeCategoriesGathered}...)
}
