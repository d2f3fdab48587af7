package plan_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/resource"
)

// TestWaiverOfUnknownCategory: a waiver whose category neither the
// catalogue nor the policy knows waives nothing and is reported as a
// warning; a waiver of a known optional category, or of a category only
// the policy asks for, is not; a malformed category is the document's
// finding alone.
func TestWaiverOfUnknownCategory(t *testing.T) {
	const typo = backlog.Category("field-service-trainings")
	tests := []struct {
		name      string
		category  backlog.Category
		mandatory []backlog.Category
		want      []seen
	}{
		{"unknown", typo, nil, []seen{{plan.CodeCategoriesGathered, warns, gath, "waivers[0].category", "waiver field-service-trainings"}}},
		{"known, optional", "trade-shows", nil, []seen{}},
		{"known, expected", backlog.CategorySalesTraining, nil, []seen{}},
		{"only the policy asks for it", typo, []backlog.Category{typo}, []seen{}},
		{"malformed", "Field Service", nil, []seen{{plan.CodeWaiverInvalid, errs, gath, "waivers[0].category", "waiver Field Service"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plantest.Ready(t)
			p.Waivers = append(p.Waivers, plan.Waiver{Category: tt.category, Reason: "decided at the kickoff", By: "rm"})
			k := plantest.Checker()
			// The waiver stands in for the category the policy asks for.
			k.Policy.MandatoryCategories = tt.mandatory
			rep := plantest.Gate(t, k, p, plan.Exit)
			if diff := cmp.Diff(tt.want, seenOf(rep.Findings)); diff != "" {
				t.Errorf("exit gate (-want +got):\n%s", diff)
			}
			if tt.name == "unknown" && rep.Findings[0].Message != `the waiver of category "field-service-trainings" waives nothing: the category catalogue does not hold it and the policy does not ask for it` {
				t.Errorf("message %q", rep.Findings[0].Message)
			}
		})
	}
}

// TestLevelRuleIsOptIn: the levelling rule runs only under
// Policy.LevelResources (plantest.Policy sets it, DefaultPolicy does not).
func TestLevelRuleIsOptIn(t *testing.T) {
	p := plantest.Break(t, "trainer-on-leave-until-launch")
	k := plantest.Checker()
	k.Policy.LevelResources = false
	rep := plantest.Gate(t, k, p, plan.Exit)
	want := []seen{{resource.CodeOverAllocated, errs, res, "resources.resources[0]", "resource ana"}}
	if diff := cmp.Diff(want, seenOf(rep.Findings)); diff != "" {
		t.Errorf("exit gate without levelling (-want +got):\n%s", diff)
	}
	if !slices.Contains(rep.Rules, plan.CodeLevelMeetsDate) {
		t.Errorf("rules run %v, want %s among them", rep.Rules, plan.CodeLevelMeetsDate)
	}
	if plan.DefaultPolicy().LevelResources {
		t.Error("DefaultPolicy levels the plan")
	}
}
