package plan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// brokenPlan generates a plx, task and pool demands nobody committed to,
// an over-allocated resource, risks without handling, issues blocking the
// launch, roles without people, a waiver without a reason, a release on a
// weekend, a broken notification, dangling references and duplicates
// (edited in directly, as a hand-written document would have them).
func brokenPlan(t *testing.T, rng *rand.Rand) *plan.Plan {
	t.Helper()
	rel := release.AddDays(rng.IntN(7)) // sometimes a weekend
	p := plan.New(fmt.Sprintf("gen-%d", rng.IntN(1000)), plan.Release{Product: "X", Version: "1.0", Date: rel})
	p.Notification = plan.Notification{From: "PO", At: t0, Reference: "R", Version: "1.0", Date: rel}
	p.Kickoff = calendar.MustParse("2027-01-11")
	if rng.IntN(3) == 0 {
		p.Notification.From, p.Notification.Version = "", "0.9"
	}
	if rng.IntN(2) == 0 {
		p.Assign(plan.ReleaseManager, testChange, "rm")
	}
	p.Resources.Resources = []resource.Resource{{ID: "ana", Name: "Ana", Kind: resource.KindPerson}, {ID: "room", Name: "Room", Kind: resource.KindFacility, Capacity: 10}}
	for k := range rng.IntN(3) {
		p.Resources.Demands = append(p.Resources.Demands, resource.Demand{ID: "PD" + strconv.Itoa(k), ResourceID: "ana",
			Quantity: resource.HoursOf(float64(4 + rng.IntN(20))), From: rel.AddDays(-20), To: rel.AddDays(-18)})
	}
	cats := []backlog.Category{backlog.CategorySalesTraining, backlog.CategorySupportTraining, backlog.CategoryProductLaunch, backlog.CategoryPressReleases}
	nreq := 1 + rng.IntN(4)
	for i := range nreq {
		if err := p.AddRequirement(backlog.Requirement{ID: "R" + strconv.Itoa(i), Title: "need", Category: cats[rng.IntN(len(cats))],
			Timing: backlog.Before(rng.IntN(15))}, by); err != nil {
			t.Fatal(err)
		}
	}
	ntask := rng.IntN(6)
	for i := range ntask {
		tk := backlog.Task{ID: "T" + strconv.Itoa(i), Title: "work", Requirements: []string{"R" + strconv.Itoa(rng.IntN(nreq))},
			Estimate: backlog.Days(float64(1 + rng.IntN(10)))}
		if rng.IntN(5) == 0 {
			tk.Requirements = nil
		}
		if rng.IntN(3) > 0 {
			tk.Assignee = "ana"
		}
		if rng.IntN(4) == 0 {
			tk.FinishNoLaterThan = p.Kickoff.AddDays(rng.IntN(10))
		}
		for j := range rng.IntN(3) {
			tk.Demands = append(tk.Demands, resource.Demand{ID: fmt.Sprintf("T%d/d%d", i, j), ResourceID: "ana", Quantity: resource.HoursOf(float64(8 + rng.IntN(40)))})
		}
		if i > 0 && rng.IntN(2) == 0 {
			tk.Dependencies = []backlog.Dependency{{Task: "T" + strconv.Itoa(rng.IntN(i))}}
		}
		if err := p.AddTask(tk, by); err != nil {
			t.Fatal(err)
		}
	}
	if ntask > 0 && rng.IntN(2) == 0 {
		d := fmt.Sprintf("T%d/x", rng.IntN(ntask))
		tk, _ := p.Backlog.Task(d[:len(d)-2])
		tk.Demands = append(tk.Demands, resource.Demand{ID: d, ResourceID: "ana", Quantity: resource.HoursOf(8)})
		if err := p.Backlog.UpdateTask(tk); err == nil {
			if rng.IntN(2) == 0 {
				_ = p.RequestCommitment("C-"+d, d, by)
			}
		}
	}
	for i := range rng.IntN(4) {
		r := risk.Risk{ID: "K" + strconv.Itoa(i), Title: "risk", Condition: "c", Consequence: "q", Probability: risk.Probability(10 + rng.IntN(80)), Impact: risk.Impact(1 + rng.IntN(5))}
		if rng.IntN(2) == 0 {
			r.Owner = "rm"
		}
		if err := p.AddRisk(r, by); err != nil {
			t.Fatal(err)
		}
	}
	for i := range rng.IntN(3) {
		is := risk.Issue{ID: "I" + strconv.Itoa(i), Title: "issue", Priority: risk.Priority(1 + rng.IntN(3))}
		is.Blocks.Launch = rng.IntN(2) == 0
		if err := p.AddIssue(is, by); err != nil {
			t.Fatal(err)
		}
	}
	// Direct edits, as in a hand-written document.
	if rng.IntN(3) == 0 {
		p.Waivers = append(p.Waivers, plan.Waiver{Category: backlog.CategoryTradeShows})
	}
	if rng.IntN(3) == 0 {
		p.Roles = append(p.Roles, plan.RoleAssignment{Role: "Trainer"})
	}
	if rng.IntN(4) == 0 && len(p.Resources.Demands) > 0 {
		p.Resources.Demands[0].ResourceID = "nobody"
	}
	if rng.IntN(4) == 0 {
		p.Resources.Budget.Currency = "EUR"
		p.Resources.Budget.Lines = append(p.Resources.Budget.Lines, resource.BudgetLine{ID: "B1", Category: "events"})
	}
	return p
}

// lookup returns the value a JSON Pointer names in doc.
func lookup(doc any, path validation.Path) (any, bool) {
	v := doc
	for _, tok := range path.Tokens() {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// resolves reports whether path names an element of doc, or a member
// missing from an object of doc (the place a required value must go, as a
// JSON Patch "add" names it).
func resolves(doc any, path validation.Path) bool {
	if _, ok := lookup(doc, path); ok {
		return true
	}
	tok := path.Tokens()
	if len(tok) == 0 {
		return false
	}
	parent := validation.Path{}
	for _, t := range tok[:len(tok)-1] {
		parent = parent.Key(t)
	}
	v, _ := lookup(doc, parent)
	_, isObject := v.(map[string]any)
	_, isIndex := strconv.Atoi(tok[len(tok)-1])
	return isObject && isIndex != nil
}

// containerOf walks up from path and returns the innermost object on it
// whose key field equals id.
func containerOf(doc any, path validation.Path, id string) bool {
	tok := path.Tokens()
	for n := len(tok); n >= 0; n-- {
		p := validation.Path{}
		for _, t := range tok[:n] {
			p = p.Key(t)
		}
		v, _ := lookup(doc, p)
		if m, ok := v.(map[string]any); ok {
			for _, k := range []string{"id", "role", "category", "name"} {
				if m[k] == id {
					return true
				}
			}
			if seq, ok := m["seq"].(float64); ok && strconv.Itoa(int(seq)) == id {
				return true
			}
		}
	}
	return false
}

// TestFindingsResolveProperty: for every finding of both gates on
// generated broken plans, the finding's path names an element of the
// encoded document (or a member missing from one of its objects, where a
// required value belongs), and when the finding is about an entity with an ID,
// the element lies in that entity.
func TestFindingsResolveProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	k := plan.DefaultChecker()
	plans := []*plan.Plan{}
	for range 60 {
		plans = append(plans, brokenPlan(t, rng))
	}
	if s, err := sample.Plan(); err == nil {
		plans = append(plans, s)
	} else {
		t.Fatal(err)
	}
	total, withSubject := 0, 0
	codes := map[validation.Code]bool{}
	for _, p := range plans {
		data, err := plan.Encode(p)
		if err != nil {
			t.Fatalf("%s: Encode: %v", p.ID, err)
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, gate := range []plan.Gate{plan.Entry, plan.Exit} {
			rep, err := k.Check(context.Background(), p, gate)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rep.Findings {
				total++
				codes[f.Code] = true
				if f.Subject.IsZero() || f.Subject.Kind == "" {
					t.Errorf("%s: finding %s at %s has no subject: %s", p.ID, f.Code, f.Path, f.Message)
				}
				if !resolves(doc, f.Path) {
					t.Errorf("%s: finding %s at %s (%s) does not resolve in the document: %s", p.ID, f.Code, f.Path, f.Path.Pointer(), f.Message)
					continue
				}
				switch f.Subject.Kind {
				case "", plan.SubjectPlan, plan.SubjectRelease, plan.SubjectNotification, backlog.SubjectCategory, resource.SubjectBudgetCategory:
					continue
				}
				withSubject++
				if !containerOf(doc, f.Path, f.Subject.ID) {
					t.Errorf("%s: finding %s at %s is about %s, which does not hold the path", p.ID, f.Code, f.Path, f.Subject)
				}
			}
		}
	}
	if len(codes) < 12 {
		t.Errorf("the generator reaches only %d finding codes: %v", len(codes), codes)
	}
	t.Logf("%d findings of %d codes, %d about an entity with an ID", total, len(codes), withSubject)
}
