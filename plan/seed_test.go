package plan_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
)

// TestSeedRACIPinned pins the activity's RACI as the process guidance
// states it ("Create Rollout and Deployment Plan", CMMI PP 2.4):
// Responsible and Accountable: Release Manager; Consult: IPM Officer;
// Informed: Project Manager. Changing any letter, or dropping a role,
// fails here.
func TestSeedRACIPinned(t *testing.T) {
	want := []plan.RoleAssignment{
		{Role: "Release Manager", RACI: plan.Responsible | plan.Accountable},
		{Role: "IPM Officer", RACI: plan.Consulted},
		{Role: "Project Manager", RACI: plan.Informed},
	}
	if diff := cmp.Diff(want, plan.DefaultRoles()); diff != "" {
		t.Errorf("DefaultRoles differs from the activity's RACI (-seed +got):\n%s", diff)
	}
	// And the gate holds a plan to it: each role missing, or holding a
	// different letter, is a finding.
	for _, w := range want {
		for _, other := range []plan.RACI{plan.Responsible, plan.Accountable, plan.Consulted, plan.Informed} {
			if w.RACI.Has(other) {
				continue
			}
			p := plantest.Ready(t)
			for i := range p.Roles {
				if p.Roles[i].Role == w.Role {
					p.Roles[i].RACI = other
				}
			}
			rep := plantest.Gate(t, plantest.Checker(), p, plan.Exit)
			plantest.WantCodes(t, rep.Findings, plan.CodeRolesFilled)
		}
	}
	// A role holding no responsibility says so in words.
	rep := plantest.Gate(t, plantest.Checker(), plantest.Break(t, "project-manager-without-raci"), plan.Exit)
	if len(rep.Findings) != 1 || rep.Findings[0].Message != "the Project Manager must be informed for the activity, not nothing" {
		t.Errorf("findings = %v", rep.Findings)
	}
}

// TestSeedNeedsExpected pins the catalogue to the activity's text: every
// training need and every marketing need it names is a category of the
// default catalogue, and those the activity requires (all but the
// marketing events "planned post launch") are expected, so that the gate
// asks for them.
func TestSeedNeedsExpected(t *testing.T) {
	cat := backlog.DefaultCatalogue()
	needs := []struct {
		need     string // as the activity names it
		category backlog.Category
		group    backlog.Group
		expected bool
	}{
		{"sales training", backlog.CategorySalesTraining, backlog.GroupTraining, true},
		{"help desk or support training", backlog.CategorySupportTraining, backlog.GroupTraining, true},
		{"field service and maintenance training", backlog.CategoryFieldServiceTraining, backlog.GroupTraining, true},
		{"operations training", backlog.CategoryOperationsTraining, backlog.GroupTraining, true},
		{"end user trainer training", backlog.CategoryTrainerTraining, backlog.GroupTraining, true},
		{"marketing plans", backlog.CategoryMarketingPlan, backlog.GroupMarketing, true},
		{"collateral", backlog.CategoryCollateral, backlog.GroupMarketing, true},
		{"product launch", backlog.CategoryProductLaunch, backlog.GroupMarketing, true},
		{"marketing communications", backlog.CategoryMarketingCommunications, backlog.GroupMarketing, true},
		{"press releases", backlog.CategoryPressReleases, backlog.GroupMarketing, true},
		{"any trade shows planned post launch", backlog.CategoryTradeShows, backlog.GroupMarketing, false},
		{"any exhibitions planned post launch", backlog.CategoryExhibitions, backlog.GroupMarketing, false},
		{"any road shows planned post launch", backlog.CategoryRoadShows, backlog.GroupMarketing, false},
		{"any product demos planned post launch", backlog.CategoryProductDemos, backlog.GroupMarketing, false},
	}
	for _, n := range needs {
		info, ok := cat.Lookup(n.category)
		if !ok {
			t.Errorf("%s: category %s is not in the default catalogue", n.need, n.category)
			continue
		}
		if info.Group != n.group || info.Expected != n.expected {
			t.Errorf("%s: category %s is group %s, expected %v; want group %s, expected %v", n.need, n.category, info.Group, info.Expected, n.group, n.expected)
		}
		if n.expected && !slices.Contains(plan.DefaultPolicy().Categories(), n.category) {
			t.Errorf("%s: the default policy does not ask for category %s", n.need, n.category)
		}
	}
}
