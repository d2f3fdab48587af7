package azureboards_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// Risk and issue IDs live apart from requirement and task IDs: an issue
// naming risk "T1" links to the risk, not to task T1.
func TestNamespaces(t *testing.T) {
	p := smallPlan(t)
	if err := p.Backlog.SetTracker("T1", backlog.TrackerRef{System: "Azure Boards", ID: "77"}); err != nil {
		t.Fatal(err)
	}
	log := risk.LogDocument{
		Risks: []risk.Risk{{ID: "T1", Title: "r", Condition: "c", Consequence: "q", Probability: 10, Impact: 1,
			TaskIDs: []string{"T1"}, State: workitem.Proposed, Reason: "New"}},
		Issues: []risk.Issue{{ID: "I", Title: "i", Priority: 2, RiskID: "T1", State: workitem.Proposed, Reason: "New"}},
	}
	if err := p.Risks.Load(log); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Kinds = ab.Risks | ab.Issues
	e := build(t, p, o)
	r, i := e.Items()[0], e.Items()[1]
	if r.ID != "T1" || r.TempID != -1 || len(r.Links) != 1 || r.Links[0].WorkItem != 77 {
		t.Errorf("risk %+v", r)
	}
	if len(i.Links) != 1 || i.Links[0].WorkItem != -1 {
		t.Errorf("issue links %+v", i.Links)
	}
}

func TestDocumentMalformedItem(t *testing.T) {
	e := build(t, smallPlan(t), opts())
	it := item(t, e, "T2")
	bad := it
	bad.Patch = bad.Patch[:2]
	if _, err := e.Document(&bad, nil, nil); !errors.Is(err, ab.ErrMalformedItem) {
		t.Errorf("short patch: %v", err)
	}
	bad = it
	bad.Patch = append([]ab.Operation(nil), it.Patch...)
	bad.Patch[len(bad.Patch)-1].Value = "x"
	if _, err := e.Document(&bad, map[int]int{-1: 1, -2: 2, -3: 3, -4: 4}, nil); !errors.Is(err, ab.ErrMalformedItem) {
		t.Errorf("changed op: %v", err)
	}
}

func TestNilPlan(t *testing.T) {
	if _, err := ab.Build(nil, opts()); !errors.Is(err, ab.ErrOptions) {
		t.Errorf("Build(nil): %v", err)
	}
	if _, err := ab.CSVFiles(nil, ab.Options{}); !errors.Is(err, ab.ErrOptions) {
		t.Errorf("CSVFiles(nil): %v", err)
	}
	e := build(t, smallPlan(t), opts())
	rep, err := e.ApplyResults(nil, 0, respond(e.Batch(0), 1, nil))
	if !errors.Is(err, ab.ErrItemFailed) || len(rep.Failed) != 5 || len(rep.Assigned) != 5 {
		t.Errorf("ApplyResults(nil plan): %v, %+v", err, rep)
	}
	// An empty plan exports nothing.
	empty := build(t, &plan.Plan{}, opts())
	if len(empty.Items()) != 0 || empty.NumBatches() != 0 {
		t.Errorf("empty plan: %d items", len(empty.Items()))
	}
}

// Build's requirement types agree with RequirementType.
func TestBuildRequirementTypes(t *testing.T) {
	p := plan.New("p", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
	cats := []backlog.Category{backlog.CategoryPressReleases, backlog.CategoryCutover, backlog.CategoryLicensingLegal, "own-thing"}
	var doc backlog.Document
	for i, c := range cats {
		doc.Requirements = append(doc.Requirements, backlog.Requirement{ID: string(rune('A' + i)), Title: "t", Category: c,
			State: workitem.Proposed, Reason: "New"})
	}
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.AreaPath = ""
	o.RequirementTypes = map[backlog.Category]string{backlog.CategoryLicensingLegal: "Security"}
	e := build(t, p, o)
	for i, it := range e.Items() {
		got := it.Patch[len(it.Patch)-1].Value
		if want := ab.RequirementType(doc.Requirements[i], o.RequirementTypes); got != want {
			t.Errorf("%s: %v, want %s", cats[i], got, want)
		}
	}
	if got := e.Items()[0].Patch[2].Value; got != "Business Objective" {
		t.Errorf("press releases: %v", got)
	}
}

func TestMilestone(t *testing.T) {
	p := plan.New("p", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
	doc := backlog.Document{Tasks: []backlog.Task{{ID: "GO", Title: "Launch", Milestone: true, Tags: []string{"gate"},
		State: workitem.Proposed, Reason: "New"}}}
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.AreaPath = ""
	want := []ab.Operation{
		f(ab.FieldTitle, "Launch"),
		f(ab.FieldTags, "gate; milestone"),
		f(ab.FieldRemainingWork, 0.0),
		f(ab.FieldBlocked, "No"),
		f(ab.FieldTaskType, "Planned"),
	}
	if diff := cmp.Diff(want, build(t, p, o).Items()[0].Patch); diff != "" {
		t.Errorf("milestone (-want +got):\n%s", diff)
	}
}
