package sample_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule/forecast"
	"github.com/rolloutkit/rollout/validation"
)

func build(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func encode(t *testing.T, p *plan.Plan) []byte {
	t.Helper()
	b, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPlanValidates(t *testing.T) {
	p := build(t)
	if err := p.Validate(); err != nil {
		t.Fatalf("the sample plan does not validate:\n%v", err)
	}
	if p.State != plan.InProgress {
		t.Errorf("state = %v, want in-progress", p.State)
	}
	if p.Revision != 1 {
		t.Errorf("revision = %d, want 1", p.Revision)
	}
}

func TestRoundTrip(t *testing.T) {
	p := build(t)
	first := encode(t, p)
	q, err := plan.Decode(first, plan.DecodeOptions{})
	if err != nil {
		t.Fatalf("decoding the sample: %v", err)
	}
	second := encode(t, q)
	if !bytes.Equal(first, second) {
		t.Fatalf("Encode(Decode(Encode(p))) differs from Encode(p):\n%s", cmp.Diff(string(first), string(second)))
	}
}

func TestDeterministic(t *testing.T) {
	a, b := encode(t, build(t)), encode(t, build(t))
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds differ:\n%s", cmp.Diff(string(a), string(b)))
	}
}

func TestMatchesJSONSchema(t *testing.T) {
	// A maintained validator (santhosh-tekuri/jsonschema, tests only),
	// asserting formats such as "date".
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(plan.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(plan.SchemaID, schema); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(plan.SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	validate := func(doc []byte) error {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			return err
		}
		return s.Validate(inst)
	}
	doc := encode(t, build(t))
	if err := validate(doc); err != nil {
		t.Fatalf("the sample does not match the plan's JSON Schema:\n%v", err)
	}
	// The validator does refuse what the schema forbids.
	for name, edit := range map[string][2]string{
		"schema version 0": {`"schemaVersion": 1`, `"schemaVersion": 0`},
		"impossible date":  {`"date": "2027-`, `"date": "2027-13-`},
		"unknown field":    {`"schemaVersion": 1`, `"schemaVersion": 1, "bogus": true`},
	} {
		bad := bytes.Replace(doc, []byte(edit[0]), []byte(edit[1]), 1)
		if bytes.Equal(bad, doc) {
			t.Fatalf("%s: %q not in the sample document", name, edit[0])
		}
		if validate(bad) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func TestEntryGatePasses(t *testing.T) {
	rep, err := sample.Checker().Check(context.Background(), build(t), plan.Entry)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Passed() || len(rep.Findings) != 0 {
		t.Fatalf("entry gate: %v", rep.Findings)
	}
}

type gap struct {
	Sub      plan.SubActivity
	Severity validation.Severity
	Code     validation.Code
	Path     string
	Mentions string
}

// TestExitGateReportsTheDeliberateGaps checks that the exit gate finds
// exactly the gaps documented in the package doc.
func TestExitGateReportsTheDeliberateGaps(t *testing.T) {
	p := build(t)
	rep, err := sample.Checker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	pool := p.EffectivePool()
	demandAt := slices.IndexFunc(pool.Demands, func(d resource.Demand) bool { return d.ID == "REQ-13/run-events/presenter-2" })
	lineAt := slices.IndexFunc(p.Resources.Budget.Lines, func(l resource.BudgetLine) bool { return l.Category == resource.CategoryEvents })
	if demandAt < 0 || lineAt < 0 {
		t.Fatalf("demand at %d, events line at %d", demandAt, lineAt)
	}
	want := []gap{
		{plan.GainCommitments, validation.Error, "budget.underfunded",
			validation.NewPath("resources", "budget", "lines").Index(lineAt).String(), "events"},
		{plan.GainCommitments, validation.Error, "demand.uncovered",
			validation.NewPath("resources", "demands").Index(demandAt).String(), "REQ-13/run-events/presenter-2"},
		{plan.IdentifyRisks, validation.Error, plan.CodeRisksHandled, "risks.risks[4].contingencyPlan", "R5"},
		{plan.ManageIssues, validation.Warning, plan.CodeIssuesBlocking, "risks.issues[1]", "I-2"},
	}
	var got []gap
	for _, f := range rep.Findings {
		g := gap{f.SubActivity, f.Severity, f.Code, f.Path.String(), ""}
		for _, w := range want {
			if w.Code == g.Code && strings.Contains(f.Message, w.Mentions) {
				g.Mentions = w.Mentions
			}
		}
		got = append(got, g)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("exit findings (-want +got):\n%s", d)
	}
	if rep.Passed() {
		t.Error("the exit gate passed despite the deliberate gaps")
	}
	// The gaps keep the activity from completing.
	if _, err := p.Complete(context.Background(), sample.Checker(), lifecycle.Change{At: testAt, By: sample.ReleaseManager, Reason: plan.ReasonExitCriterionMet}); err == nil {
		t.Error("Complete succeeded despite the gaps")
	}
}

func TestEveryCategoryGathered(t *testing.T) {
	p := build(t)
	have := map[backlog.Category]bool{}
	for _, r := range p.Backlog.Requirements() {
		have[r.Category] = true
		if r.Audience == "" || r.Source == "" || r.Priority == 0 || r.Timing.IsZero() || r.Tracker.IsZero() {
			t.Errorf("requirement %s lacks audience, source, priority, timing or tracker: %+v", r.ID, r)
		}
	}
	for _, c := range backlog.DefaultCatalogue().Categories() {
		if !have[c] {
			t.Errorf("no requirement of category %s", c)
		}
	}
	if u := p.Backlog.Untraced(); len(u) != 0 {
		t.Errorf("untraced requirements: %v", u)
	}
}

func TestTasksAssignedAndTracked(t *testing.T) {
	p := build(t)
	tasks := p.Backlog.Tasks()
	if len(tasks) < 80 {
		t.Fatalf("only %d tasks", len(tasks))
	}
	seen := map[string]bool{}
	for _, task := range tasks {
		tr := task.Tracker
		if task.Assignee == "" || tr.System != "Azure Boards" || tr.URL != "https://dev.azure.com/contoso/ledger/_workitems/edit/"+tr.ID {
			t.Errorf("task %s: assignee %q, tracker %+v", task.ID, task.Assignee, tr)
		}
		if seen[tr.ID] {
			t.Errorf("work item %s used twice", tr.ID)
		}
		seen[tr.ID] = true
		if !task.Milestone && len(task.Demands) == 0 {
			t.Errorf("task %s has no demands", task.ID)
		}
	}
}

func TestResourcesNotOverAllocated(t *testing.T) {
	if l := build(t).EffectivePool().CheckAllocation(); len(l) != 0 {
		t.Errorf("allocation problems:\n%v", l)
	}
}

func TestScheduleMeetsReleaseDate(t *testing.T) {
	p := build(t)
	res, err := p.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	if !res.MeetsDeadline() || res.Ready().After(sample.ReleaseDate) {
		t.Errorf("release work ready on %s, release %s", res.Ready(), sample.ReleaseDate)
	}
	if !res.Finish().After(sample.ReleaseDate) {
		t.Errorf("post-launch work (road shows, trade show) should end after the release; finish %s", res.Finish())
	}
}

func TestForecast(t *testing.T) {
	p := build(t)
	in := p.ForecastInput(forecast.Triangular)
	if len(in.Risks) == 0 || len(in.Estimates) == 0 {
		t.Fatalf("forecast input has %d estimates and %d risks", len(in.Estimates), len(in.Risks))
	}
	opts := plan.ForecastOptions{Options: forecast.Options{Iterations: 500, Seed: 42, Workers: 2}}
	r1, err := p.Forecast(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r1.P50.After(r1.P80) || r1.P80.After(r1.P95) {
		t.Errorf("P50 %s, P80 %s, P95 %s out of order", r1.P50, r1.P80, r1.P95)
	}
	if r1.OnTime <= 0 || r1.OnTime > 1 {
		t.Errorf("on-time probability %v", r1.OnTime)
	}
	opts.Workers = 1
	r2, err := p.Forecast(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r1.P80 != r2.P80 || r1.OnTime != r2.OnTime {
		t.Errorf("same seed, different results: %v/%v vs %v/%v", r1.P80, r1.OnTime, r2.P80, r2.OnTime)
	}
}

func TestBaselineComparison(t *testing.T) {
	p := build(t)
	c, err := p.CompareWithBaseline(sample.Baseline)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, ch := range c.Differences {
		paths = append(paths, ch.Path)
	}
	want := []string{
		`backlog.tasks["REQ-22/write-docs"].estimate.mostLikely`,
		`backlog.tasks["REQ-22/write-docs"].estimate.optimistic`,
		`backlog.tasks["REQ-22/write-docs"].estimate.pessimistic`,
		`risks.risks["R7"].probability`,
	}
	for _, w := range want {
		if !slices.Contains(paths, w) {
			t.Errorf("change %s missing from %v", w, paths)
		}
	}
	i := slices.IndexFunc(c.Variances, func(v plan.TaskVariance) bool { return v.TaskID == sample.ChangedTask })
	if i < 0 || c.Variances[i].FinishVariance != 2 {
		t.Errorf("variances: %+v", c.Variances)
	}
}

func TestDecisionAndIssues(t *testing.T) {
	p := build(t)
	d, current, ok := p.LaunchDecision()
	if !ok || !current || d.Outcome() != plan.Undecided || !d.Date.Equal(sample.ReviewHeld) || len(d.Ballots) != 11 {
		t.Errorf("decision %+v current %v ok %v", d, current, ok)
	}
	if n := len(p.Readiness.Blocking()); n == 0 {
		t.Error("the sample's checklist has no blocking item: its review would have nothing to judge")
	}
	is, ok := p.Risks.Issue(sample.PromotedIssue)
	if !ok || is.RiskID != sample.PromotedRisk {
		t.Errorf("promoted issue: %+v", is)
	}
	esc := p.Risks.EscalatedIssues()
	if len(esc) != 1 || esc[0].ID != sample.EscalatedIssue || esc[0].IsOverdue(sample.AsOf) {
		t.Errorf("escalated issues: %+v", esc)
	}
	for _, r := range p.Risks.Risks() {
		if !r.NextReview.After(sample.AsOf) {
			t.Errorf("risk %s review %s not after %s", r.ID, r.NextReview, sample.AsOf)
		}
	}
}
