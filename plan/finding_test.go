package plan_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// builderPlan has two requirements, two tasks (the second with two
// demands), a pool demand, a resource, a commitment, a budget line, two
// risks and an issue.
func builderPlan(t *testing.T) *plan.Plan {
	t.Helper()
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "ana", Name: "Ana", Kind: resource.KindPerson}}
	p.Resources.Demands = []resource.Demand{{ID: "D-pool", ResourceID: "ana", Quantity: resource.HoursOf(8)}}
	for _, r := range []backlog.Requirement{
		{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining},
		{ID: "R2", Title: "Help desk training", Category: backlog.CategorySupportTraining},
	} {
		if err := p.AddRequirement(r, by); err != nil {
			t.Fatal(err)
		}
	}
	for _, tk := range []backlog.Task{
		{ID: "T1", Title: "Prepare", Requirements: []string{"R1"}, Estimate: backlog.Days(2)},
		{ID: "T2", Title: "Deliver", Requirements: []string{"R2"}, Estimate: backlog.Days(3), Demands: []resource.Demand{
			{ID: "T2/a", ResourceID: "ana", Quantity: resource.HoursOf(8)},
			{ID: "T2/b", ResourceID: "ana", Quantity: resource.HoursOf(16)},
		}},
	} {
		if err := p.AddTask(tk, by); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.RequestCommitment("C1", "T2/b", by); err != nil {
		t.Fatal(err)
	}
	for _, r := range []risk.Risk{
		{ID: "RK1", Title: "Trainer ill", Condition: "one trainer", Consequence: "no class", Probability: 20, Impact: 2},
		{ID: "RK2", Title: "Venue lost", Condition: "venue overbooked", Consequence: "no room", Probability: 30, Impact: 3},
	} {
		if err := p.Risks.AddRisk(r, by); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Risks.AddIssue(risk.Issue{ID: "I1", Title: "No projector", Priority: 2}, by); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindingBuilders(t *testing.T) {
	p := builderPlan(t)
	p.Waivers = []plan.Waiver{{Category: backlog.CategoryTradeShows, Reason: "none this year"}}
	c := plan.NewContext(p, plan.DefaultPolicy())
	subject := func(k validation.SubjectKind, id string) validation.Subject {
		return validation.Subject{Kind: k, ID: id}
	}
	tests := []struct {
		name    string
		b       plan.FindingBuilder
		path    string
		subject validation.Subject
		sub     plan.SubActivity
	}{
		{"task", c.Task("T2").Field("estimate"), "backlog.tasks[1].estimate", subject(backlog.SubjectTask, "T2"), plan.AnalyzeRequirements},
		{"unknown task", c.Task("T9"), "backlog.tasks", subject(backlog.SubjectTask, "T9"), plan.AnalyzeRequirements},
		{"requirement", c.Requirement("R2").In(plan.AnalyzeRequirements), "backlog.requirements[1]", subject(backlog.SubjectRequirement, "R2"), plan.AnalyzeRequirements},
		{"task demand", c.Demand("T2/b").Field("quantity"), "backlog.tasks[1].demands[1].quantity", subject(resource.SubjectDemand, "T2/b"), plan.DetermineResources},
		{"pool demand", c.Demand("D-pool"), "resources.demands[0]", subject(resource.SubjectDemand, "D-pool"), plan.DetermineResources},
		{"resource", c.Resource("ana"), "resources.resources[0]", subject(resource.SubjectResource, "ana"), plan.DetermineResources},
		{"commitment", c.Commitment("C1").Field("state"), "resources.commitments[0].state", subject(resource.SubjectCommitment, "C1"), plan.GainCommitments},
		{"risk", c.Risk("RK2").Field("owner"), "risks.risks[1].owner", subject(risk.SubjectRisk, "RK2"), plan.IdentifyRisks},
		{"issue", c.Issue("I1"), "risks.issues[0]", subject(risk.SubjectIssue, "I1"), plan.ManageIssues},
		{"role", c.Role(plan.IPMOfficer).Field("people"), "roles[1].people", subject(plan.SubjectRole, string(plan.IPMOfficer)), plan.WholeActivity},
		{"waiver", c.Waiver(backlog.CategoryTradeShows).Field("reason"), "waivers[0].reason", subject(plan.SubjectWaiver, string(backlog.CategoryTradeShows)), plan.GatherRequirements},
		{"category", c.Category(backlog.CategoryRoadShows), "backlog.requirements", subject(backlog.SubjectCategory, string(backlog.CategoryRoadShows)), plan.GatherRequirements},
		{"notification", c.Notification().Field("at"), "notification.at", subject(plan.SubjectNotification, ""), plan.WholeActivity},
		{"release", c.Release().Field("date"), "release.date", subject(plan.SubjectRelease, ""), plan.WholeActivity},
		{"plan", c.WholePlan(), "", subject(plan.SubjectPlan, p.ID), plan.WholeActivity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.b.Missing("%s is missing here", "it")
			want := plan.Finding{Problem: validation.Problem{Path: validation.ParsePath(tt.path), Subject: tt.subject,
				Message: "it is missing here", Kind: validation.ErrRequired}, SubActivity: tt.sub}
			if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// The builder's modifiers.
	f := c.Task("T1").Field("demands").Code("acme.demands").Warning().In(plan.DetermineResources).Invalid("task %s: bad", "T1")
	want := plan.Finding{Problem: validation.Problem{Code: "acme.demands", Severity: validation.Warning, Path: validation.ParsePath("backlog.tasks[0].demands"),
		Subject: validation.Subject{Kind: backlog.SubjectTask, ID: "T1"}, Message: "task T1: bad", Kind: validation.ErrInvalid}, SubActivity: plan.DetermineResources}
	if diff := cmp.Diff(want, f, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("modifiers (-want +got):\n%s", diff)
	}
	b := c.Task("T1")
	_ = b.Field("x").Warning().Code("c")
	if b.Path().String() != "backlog.tasks[0]" || b.Subject().ID != "T1" || b.SubActivity() != plan.AnalyzeRequirements {
		t.Errorf("a modifier changed its receiver: %v %v %v", b.Path(), b.Subject(), b.SubActivity())
	}
	for kind, got := range map[error]plan.Finding{
		validation.ErrConflict:   b.Conflict("x"),
		validation.ErrForbidden:  b.Forbidden("x"),
		validation.ErrOutOfRange: b.OutOfRange("x"),
		validation.ErrNotFound:   b.Problem(validation.ErrNotFound, "x"),
	} {
		if got.Kind != kind {
			t.Errorf("kind %v, want %v", got.Kind, kind)
		}
	}
	fp := b.Field("estimate").FromProblem(validation.Invalid(validation.NewPath("mostLikely"), "acme.est", "too small"))
	if fp.Path.String() != "backlog.tasks[0].estimate.mostLikely" || fp.Subject.ID != "T1" || fp.Code != "acme.est" {
		t.Errorf("FromProblem = %+v", fp)
	}
}

// TestCheckerFillsSubjects: a custom rule that builds a finding without a
// subject gets the subject of the entity its path lies in, or else the
// plan.
func TestCheckerFillsSubjects(t *testing.T) {
	p := builderPlan(t)
	rules, err := plan.NewRules(plan.Rule{Code: "acme.x", Gate: plan.Entry, SubActivity: plan.IdentifyRisks,
		Check: func(c *plan.Context) []plan.Finding {
			return []plan.Finding{
				{Problem: *validation.Invalid(validation.ParsePath("risks.risks[1].owner"), "", "bad owner")},
				{Problem: *validation.Invalid(validation.ParsePath("backlog.tasks[1].demands[0].quantity"), "", "bad quantity")},
				{Problem: *validation.Invalid(validation.ParsePath("risks.risks"), "", "a list")},
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := plan.Checker{Rules: rules, Policy: plan.DefaultPolicy()}.Check(context.Background(), p, plan.Entry)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]validation.Subject{}
	for _, f := range rep.Findings {
		got[f.Path.String()] = f.Subject
	}
	want := map[string]validation.Subject{
		"risks.risks[1].owner":                 {Kind: risk.SubjectRisk, ID: "RK2"},
		"backlog.tasks[1].demands[0].quantity": {Kind: resource.SubjectDemand, ID: "T2/a"},
		"risks.risks":                          {Kind: plan.SubjectPlan, ID: p.ID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("subjects (-want +got):\n%s", diff)
	}
}

// TestSampleFindingsSubjectsAndPaths pins the subject and path of each of
// the sample's deliberate gaps.
func TestSampleFindingsSubjectsAndPaths(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := sample.Checker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		Code    validation.Code
		Subject validation.Subject
		Path    string
	}
	var got []key
	for _, f := range rep.Findings {
		got = append(got, key{f.Code, f.Subject, f.Path.String()})
	}
	want := []key{
		{"budget.underfunded", validation.Subject{Kind: resource.SubjectBudgetCategory, ID: "events"}, "resources.budget.lines[2]"},
		{"demand.uncovered", validation.Subject{Kind: resource.SubjectDemand, ID: "REQ-13/run-events/presenter-2"},
			"resources.demands[3]"},
		{"plan.risks.handled", validation.Subject{Kind: risk.SubjectRisk, ID: "R5"}, "risks.risks[4].contingencyPlan"},
		{"plan.issues.blocking", validation.Subject{Kind: risk.SubjectIssue, ID: "I-2"}, "risks.issues[1]"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestTaskDemandFindingsPointIntoTheBacklog: coverage and allocation
// findings about a task's demand point at backlog.tasks[i].demands[j],
// where the document holds the demand, never at its position in the pool
// EffectivePool derives (which the document's resources.demands does not
// have).
func TestTaskDemandFindingsPointIntoTheBacklog(t *testing.T) {
	p := builderPlan(t)
	// Over-allocate ana: T2's two demands load 24 hours on the same days.
	d := p.Backlog.Tasks()[1].Demands
	for i := range d {
		d[i].From, d[i].To = release.AddDays(-10), release.AddDays(-10)
	}
	tk, _ := p.Backlog.Task("T2")
	tk.Demands = d
	if err := p.Backlog.UpdateTask(tk); err != nil {
		t.Fatal(err)
	}
	rep, err := plan.DefaultChecker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		if f.Code == resource.CodeUncovered || f.Code == resource.CodeOverAllocated {
			got[f.Subject.String()+" "+string(f.Code)] = f.Path.String()
		}
	}
	want := map[string]string{
		"demand D-pool demand.uncovered":       "resources.demands[0]",
		"demand T2/a demand.uncovered":         "backlog.tasks[1].demands[0]",
		"demand T2/b demand.uncovered":         "backlog.tasks[1].demands[1]",
		"resource ana resource.over-allocated": "resources.resources[0]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths of demand findings (-want +got):\n%s", diff)
	}
}

// TestGateResultJSON: a gate result's findings marshal with the path both
// dotted and as the JSON Pointer into the plan document, the subject and
// the sub-activity, and read back to the same findings.
func TestGateResultJSON(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := sample.Checker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Findings) != len(rep.Findings) || len(raw.Findings) == 0 {
		t.Fatalf("%d findings in JSON, %d in the result", len(raw.Findings), len(rep.Findings))
	}
	for i, f := range rep.Findings {
		want := map[string]any{"code": string(f.Code), "severity": f.Severity.String(), "path": f.Path.String(),
			"pointer": f.Path.Pointer(), "message": f.Message, "subActivity": f.SubActivity.String(),
			"subject": map[string]any{"kind": string(f.Subject.Kind), "id": f.Subject.ID}}
		if diff := cmp.Diff(want, raw.Findings[i]); diff != "" {
			t.Errorf("finding %d (-want +got):\n%s", i, diff)
		}
	}
	if got := raw.Findings[0]["pointer"]; got != "/resources/budget/lines/2" {
		t.Errorf("first finding's pointer %v", got)
	}
	var back plan.GateResult
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back, cmpopts.IgnoreFields(validation.Problem{}, "Kind"), cmp.AllowUnexported(validation.Path{})); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}
