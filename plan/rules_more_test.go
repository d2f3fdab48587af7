package plan_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
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

// TestRulesAtEveryPosition: Get, Replace and Disable work on the first,
// a middle and the last rule of the set, keep the order of the others,
// and leave the set unchanged when they refuse.
func TestRulesAtEveryPosition(t *testing.T) {
	codes := func(s plan.Rules) []validation.Code {
		var out []validation.Code
		for _, r := range s.List() {
			out = append(out, r.Code)
		}
		return out
	}
	all := codes(plan.DefaultRules())
	for _, at := range []int{0, len(all) / 2, len(all) - 1} {
		code := all[at]
		t.Run(string(code), func(t *testing.T) {
			rules := plan.DefaultRules()
			got, ok := rules.Get(code)
			if !ok || got.Code != code {
				t.Fatalf("Get(%s) = %s, %v", code, got.Code, ok)
			}
			replaced := got
			replaced.Summary = "replaced"
			if err := rules.Replace(replaced); err != nil {
				t.Fatalf("Replace(%s): %v", code, err)
			}
			if r, _ := rules.Get(code); r.Summary != "replaced" {
				t.Errorf("Replace(%s) did not replace it: %q", code, r.Summary)
			}
			if diff := cmp.Diff(all, codes(rules)); diff != "" {
				t.Errorf("Replace(%s) changed the order (-want +got):\n%s", code, diff)
			}
			if err := rules.Disable(code); err != nil {
				t.Fatalf("Disable(%s): %v", code, err)
			}
			want := slices.Delete(slices.Clone(all), at, at+1)
			if diff := cmp.Diff(want, codes(rules)); diff != "" {
				t.Errorf("Disable(%s) (-want +got):\n%s", code, diff)
			}
			if _, ok := rules.Get(code); ok {
				t.Errorf("Get(%s) finds a disabled rule", code)
			}
			err := rules.Disable(code)
			if !errors.Is(err, plan.ErrUnknownRule) || err.Error() != "plan: rule "+string(code)+": unknown rule" {
				t.Errorf("Disable(%s) twice: %v", code, err)
			}
			err = rules.Replace(replaced)
			if !errors.Is(err, plan.ErrUnknownRule) || err.Error() != "plan: rule "+string(code)+": unknown rule" {
				t.Errorf("Replace(%s) after Disable: %v", code, err)
			}
			if diff := cmp.Diff(want, codes(rules)); diff != "" {
				t.Errorf("a refused call changed the set (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCycleLoadedCannotBeScheduled: a backlog loaded as it is (as Decode
// with AllowInvalid does) with a dependency cycle fails the schedule rule
// with the cycle in the message, about the plan.
func TestCycleLoadedCannotBeScheduled(t *testing.T) {
	p := plantest.Ready(t)
	doc := p.Backlog.Document()
	doc.Tasks[0].Dependencies = append(doc.Tasks[0].Dependencies, backlog.Dependency{Task: plantest.LaunchMilestone})
	p.Backlog = backlog.Restore(doc)
	rep := plantest.Gate(t, plantest.Checker(), p, plan.Exit)
	var got []seen
	var msg string
	for _, f := range rep.Findings {
		if f.Code == plan.CodeScheduleMeetsDate || f.Code == plan.CodeLevelMeetsDate {
			got = append(got, seenOf([]plan.Finding{f})...)
			msg = f.Message
		}
	}
	want := []seen{{plan.CodeScheduleMeetsDate, errs, anal, "backlog.tasks", "plan plantest"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schedule and levelling findings (-want +got):\n%s", diff)
	}
	if wantMsg := "the tasks cannot be scheduled: schedule: dependency cycle: REQ-1/deliver -> LAUNCH -> REQ-1/deliver"; msg != wantMsg {
		t.Errorf("message %q, want %q", msg, wantMsg)
	}
}
