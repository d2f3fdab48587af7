package backlog_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestUpdateRequirement(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
	r, _ := b.Requirement("R1")
	r.Timing = backlog.OnLaunchDay()
	r.AcceptanceCriteria = []string{"cutover within the window"}
	if err := b.UpdateRequirement(r); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Requirement("R1"); !cmp.Equal(got, r) {
		t.Errorf("update lost: %+v", got)
	}
	r.Category = ""
	if got := problems(t, b.UpdateRequirement(r)); !hasProblem(got, "backlog.requirement.category.invalid@category") {
		t.Errorf("invalid update: %v", got)
	}
	r.Category, r.Reason = backlog.CategoryCutover, backlog.ReasonRejected
	err := b.UpdateRequirement(r)
	var oe *backlog.OpError
	if !errors.As(err, &oe) || !errors.Is(err, backlog.ErrStateChange) || !strings.Contains(err.Error(), "update requirement R1") {
		t.Errorf("reason change through update: %v", err)
	}
	if err := b.UpdateRequirement(req("R9", backlog.CategoryCutover)); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
}

// Template.Tasks previews exactly what Expand adds to an empty backlog.
func TestTemplateTasksMatchesExpand(t *testing.T) {
	ts := backlog.DefaultTemplates()
	for i, tp := range ts.All() {
		r := req(fmt.Sprintf("R%d", i), tp.Category)
		r.Timing = backlog.After(i)
		opts := backlog.ExpandOptions{Change: testChange, Release: date("2027-09-01")}
		preview, err := tp.Tasks(r, opts)
		if err != nil {
			t.Fatal(err)
		}
		var b backlog.Backlog
		mustAddReq(t, &b, r)
		if _, err := ts.Expand(&b, opts); err != nil {
			t.Fatal(err)
		}
		added := b.Tasks()
		for k := range added {
			added[k].State, added[k].Reason = 0, ""
		}
		if diff := cmp.Diff(preview, added); diff != "" {
			t.Errorf("%s (-preview +expanded):\n%s", tp.Category, diff)
		}
		if _, ok := tp.Step(tp.Steps[0].Key); !ok {
			t.Error("Step lookup")
		}
	}
}

func TestRepeatedDependenciesManyLinks(t *testing.T) {
	tk := proposedTask("T")
	for i := range 12 {
		tk.Dependencies = append(tk.Dependencies, backlog.Dependency{Task: fmt.Sprintf("P%d", i%10)})
	}
	want := []string{"backlog.task.dependency.duplicate@dependencies[10].task", "backlog.task.dependency.duplicate@dependencies[11].task"}
	if diff := cmp.Diff(want, problems(t, tk.Validate())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestStateNeverReached(t *testing.T) {
	short := lifecycle.MustNew("task", workitem.Proposed, []lifecycle.Reason{"New"},
		lifecycle.Rule[workitem.State]{From: workitem.Proposed, To: workitem.Closed, Reasons: []lifecycle.Reason{"Rejected"}})
	doc := backlog.Document{Tasks: []backlog.Task{proposedTask("T1")}}
	doc.Tasks[0].State, doc.Tasks[0].Reason = workitem.Active, backlog.ReasonAccepted
	b := &backlog.Backlog{}
	if err := b.SetLifecycles(nil, short); err != nil {
		t.Fatal(err)
	}
	if got := problems(t, b.Load(doc)); !hasProblem(got, "backlog.state.invalid@tasks[0].state") {
		t.Errorf("state the lifecycle never reaches: %v", got)
	}
}

func TestTemplatesClone(t *testing.T) {
	a := backlog.DefaultTemplates()
	c := a.Clone()
	c.Remove(backlog.CategoryCutover)
	if _, ok := a.Lookup(backlog.CategoryCutover); !ok || c.Len() != a.Len()-1 {
		t.Error("Clone shares the set")
	}
	cat := backlog.DefaultCatalogue()
	cc := cat.Clone()
	cc.Remove(backlog.CategoryCutover)
	if !cat.Has(backlog.CategoryCutover) || cat.String() != "catalogue of 25 categories" {
		t.Errorf("catalogue Clone shares entries: %s", cat)
	}
}

func TestNilCatalogueAndTemplatesReadAsEmpty(t *testing.T) {
	var c *backlog.Catalogue
	if c.Len() != 0 || c.Has(backlog.CategoryCutover) || len(c.Missing([]backlog.Requirement{req("R", "x")})) != 0 || c.Validate() != nil || c.Remove("x") {
		t.Error("nil catalogue")
	}
	var ts *backlog.Templates
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
	exp, err := ts.Expand(&b, backlog.ExpandOptions{Change: testChange})
	if err != nil || len(exp.NoTemplate) != 1 || ts.Len() != 0 || ts.Remove("x") || len(ts.All()) != 0 {
		t.Errorf("nil templates: %+v %v", exp, err)
	}
}
