package risk_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestRiskValidate(t *testing.T) {
	valid := sampleRisk("R1", 40, risk.High)
	valid.State, valid.Reason = workitem.Proposed, risk.ReasonNew
	if err := valid.Validate(); err != nil {
		t.Fatalf("valid risk: %v", err)
	}
	tests := []struct {
		name   string
		change func(*risk.Risk)
		want   []string
	}{
		{"no id", func(r *risk.Risk) { r.ID = "" }, []string{"id risk.id.required"}},
		{"spaced id", func(r *risk.Risk) { r.ID = " R1" }, []string{"id risk.id.invalid"}},
		{"statement", func(r *risk.Risk) { r.Title, r.Condition, r.Consequence = "", " ", "" }, []string{
			"title risk.title.required", "condition risk.condition.required", "consequence risk.consequence.required"}},
		{"probability 0", func(r *risk.Risk) { r.Probability = 0 }, []string{"probability risk.probability.required"}},
		{"probability 100", func(r *risk.Risk) { r.Probability = 100 }, []string{"probability risk.probability.range"}},
		{"impact 6", func(r *risk.Risk) { r.Impact = 6 }, []string{"impact risk.impact.range"}},
		{"residual", func(r *risk.Risk) { r.Residual = risk.Level{Probability: 120} }, []string{
			"residual.probability risk.residual.probability.range", "residual.impact risk.residual.impact.required"}},
		{"inherent ok", func(r *risk.Risk) { r.Inherent = risk.Level{Probability: 60, Impact: 5} }, nil},
		{"category", func(r *risk.Risk) { r.Category = "Legal" }, []string{"category risk.category.invalid"}},
		{"custom category", func(r *risk.Risk) { r.Category = "data-migration" }, nil},
		{"kind", func(r *risk.Risk) { r.Kind = 3 }, []string{"kind risk.kind.invalid"}},
		{"schedule", func(r *risk.Risk) { r.ScheduleImpactWorkdays = -1 }, []string{"scheduleImpactWorkdays risk.scheduleImpactWorkdays.range"}},
		{"cost", func(r *risk.Risk) { r.CostImpact = risk.Cost{MinorUnits: -5, Currency: "eur"} }, []string{
			"costImpact.minorUnits risk.costImpact.minorUnits.range", "costImpact.currency risk.costImpact.currency.invalid"}},
		{"cost no currency", func(r *risk.Risk) { r.CostImpact = risk.Cost{MinorUnits: 5} }, []string{"costImpact.currency risk.costImpact.currency.required"}},
		{"response", func(r *risk.Risk) { r.Response = "mitigate" }, []string{"response risk.response.invalid"}},
		{"exploit threat", func(r *risk.Risk) { r.Response = risk.Exploit }, []string{"response risk.response.kind"}},
		{"exploit opportunity", func(r *risk.Risk) { r.Kind, r.Response = risk.Opportunity, risk.Exploit }, nil},
		{"review before raised", func(r *risk.Risk) { r.NextReview = r.Raised.AddDays(-1) }, []string{"nextReview risk.nextReview.beforeRaised"}},
		{"task ids", func(r *risk.Risk) { r.TaskIDs = []string{"T1", "", "T1"} }, []string{"taskIds[1] risk.taskIds.empty", "taskIds[2] risk.taskIds.duplicate"}},
		{"state", func(r *risk.Risk) { r.State = 0 }, []string{"state risk.state.invalid"}},
		{"reason", func(r *risk.Risk) { r.Reason = "" }, []string{"reason risk.reason.required"}},
		// Warnings are reported too.
		{"no owner", func(r *risk.Risk) { r.Owner = "" }, []string{"owner risk.owner.missing"}},
		{"no review", func(r *risk.Risk) { r.NextReview = calendar0() }, []string{"nextReview risk.nextReview.missing"}},
		{"no trigger", func(r *risk.Risk) { r.Trigger = "" }, []string{"trigger risk.trigger.missing"}},
		{"closed without owner", func(r *risk.Risk) { r.State, r.Owner = workitem.Closed, "" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid.Clone()
			tt.change(&r)
			if diff := cmp.Diff(tt.want, codesAndPaths(t, listErr(r.ValidateList()))); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIssueValidate(t *testing.T) {
	valid := sampleIssue("I1", 2)
	valid.State, valid.Reason = workitem.Active, risk.ReasonAccepted
	if err := valid.Validate(); err != nil {
		t.Fatalf("valid issue: %v", err)
	}
	tests := []struct {
		name   string
		change func(*risk.Issue)
		want   []string
	}{
		{"priority 0", func(i *risk.Issue) { i.Priority = 0 }, []string{"priority issue.priority.required"}},
		{"priority 5", func(i *risk.Issue) { i.Priority = 5 }, []string{"priority issue.priority.range"}},
		{"title", func(i *risk.Issue) { i.Title = "" }, []string{"title issue.title.required"}},
		{"target before raised", func(i *risk.Issue) { i.TargetResolve = day("2027-01-01") }, []string{"targetResolve issue.targetResolve.beforeRaised"}},
		{"escalated to nobody", func(i *risk.Issue) { i.Escalation = risk.Escalation{Escalated: true} }, []string{"escalation.to issue.escalation.to.required"}},
		{"escalation date unflagged", func(i *risk.Issue) { i.Escalation = risk.Escalation{On: day("2027-01-12")} }, []string{"escalation.on issue.escalation.on.conflict"}},
		{"blocks", func(i *risk.Issue) { i.Blocks.MilestoneIDs = []string{"M1", "M1"} }, []string{"blocks.milestoneIds[1] issue.blocks.milestoneIds.duplicate"}},
		{"resolved without resolution", func(i *risk.Issue) { i.State = workitem.Resolved }, []string{"resolution issue.resolution.missing"}},
		{"no owner", func(i *risk.Issue) { i.Owner = "" }, []string{"owner issue.owner.missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := valid.Clone()
			tt.change(&i)
			if diff := cmp.Diff(tt.want, codesAndPaths(t, listErr(i.ValidateList()))); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLogValidatePaths(t *testing.T) {
	var l risk.Log
	for _, id := range []string{"R1", "R2", "R3", "R4", "R5"} {
		mustAddRisk(t, &l, sampleRisk(id, 30, risk.Medium))
	}
	mustAddIssue(t, &l, sampleIssue("I1", 1))
	doc := l.Document()
	doc.Risks[4].Probability = 0
	doc.Risks[2].ID = "R1"
	doc.Issues[0].RiskID = "R9"
	doc.Events[1].Reason = "Because"
	doc.Events = append(doc.Events, risk.Event{Subject: "R7", From: workitem.Proposed, To: workitem.Active, Reason: risk.ReasonMitigationTriggered})
	var bad risk.Log
	err := bad.Load(doc)
	got := blocking(t, err)
	want := []string{
		"risks[4].probability risk.probability.required",
		"risks[2].id log.id.duplicate",
		"issues[0].riskId issue.riskId.notFound",
		"events[1].reason event.transition.invalid",
		"events[2].subject event.subject.notFound", // R3 was renamed
		"events[6].subject event.subject.notFound",
		"risks[1].state risk.state.history",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, validation.ErrDuplicate) || !errors.Is(err, validation.ErrNotFound) {
		t.Error("errors.Is does not see the problem kinds")
	}
	var p *validation.Problem
	if !errors.As(err, &p) || p.Path.String() != "risks[4].probability" {
		t.Errorf("errors.As gave %v", p)
	}
	if bad.NumRisks() != 0 {
		t.Error("a failed Load changed the log")
	}
}

func TestLogValidateHistory(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 30, risk.Medium))
	if _, err := l.Transition("R1", workitem.Active, ch("ann", "2027-01-05T09:00:00Z", "")); err != nil {
		t.Fatal(err)
	}
	if err := l.Validate(); err != nil {
		t.Fatalf("valid log: %v", err)
	}
	doc := l.Document()
	// The second move claims to start from Resolved: a gap in the history.
	doc.Events = append(doc.Events, risk.Event{Subject: "R1", From: workitem.Resolved, To: workitem.Closed, Reason: risk.ReasonMitigated})
	doc.Events = append(doc.Events, risk.Event{Subject: "R1", To: workitem.Proposed, Reason: risk.ReasonNew})
	doc.Risks[0].State, doc.Risks[0].Reason = workitem.Proposed, risk.ReasonNew
	var l2 risk.Log
	want := []string{
		"events[2].from event.from.mismatch",
		"events[3].from event.creation.order",
	}
	if diff := cmp.Diff(want, blocking(t, l2.Load(doc))); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// An item with no history at all is accepted as imported.
	doc = l.Document()
	doc.Events = nil
	doc.Risks[0].State, doc.Risks[0].Reason = workitem.Closed, risk.ReasonMitigated
	if err := l2.Load(doc); err != nil {
		t.Errorf("history-less import refused: %v", err)
	}
}

func TestLogValidateWarningsDoNotBlock(t *testing.T) {
	var l risk.Log
	r := sampleRisk("R1", 30, risk.Medium)
	r.Owner = ""
	mustAddRisk(t, &l, r)
	if err := l.Validate(); err != nil {
		t.Errorf("Validate with only a warning = %v, want nil", err)
	}
	list := l.ValidateList()
	if diff := cmp.Diff([]string{"risks[0].owner risk.owner.missing"}, codesAndPaths(t, listErr(list))); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if list.HasBlocking() {
		t.Error("a warning blocks")
	}
	if !strings.Contains(list.Error(), "owner") {
		t.Errorf("message %q", list.Error())
	}
	// With a blocking problem as well, Validate's error holds both.
	bad := sampleRisk("R2", 30, risk.Medium)
	bad.Owner = ""
	mustAddRisk(t, &l, bad)
	doc := l.Document()
	doc.Risks[1].Title = ""
	broken := risk.RestoreLog(doc)
	var got validation.List
	if err := broken.Validate(); !errors.As(err, &got) || !got.HasBlocking() || len(got.WithCode("risk.owner.missing")) != 2 {
		t.Errorf("Validate with a blocking problem = %v", err)
	}
}

// Regression: validating a log holding only issues once indexed the
// risks' history by an issue's position.
func TestLogValidateIssuesOnly(t *testing.T) {
	var l risk.Log
	mustAddIssue(t, &l, sampleIssue("I1", 1))
	mustAddIssue(t, &l, sampleIssue("I2", 1))
	if err := l.Validate(); err != nil {
		t.Errorf("issues-only log: %v", err)
	}
}
