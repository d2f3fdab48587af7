package risk_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

type move struct {
	From, To string
	Reasons  []lifecycle.Reason
}

func table(m *lifecycle.Machine[workitem.State]) []move {
	var out []move
	for _, r := range m.Rules() {
		out = append(out, move{From: r.From.String(), To: r.To.String(), Reasons: r.Reasons})
	}
	return out
}

// The tables below are copied from shared/reference/cmmi-work-items.md.
func TestRiskLifecycleMatchesReference(t *testing.T) {
	want := []move{
		{"Proposed", "Active", []lifecycle.Reason{"Mitigation Triggered"}},
		{"Proposed", "Closed", []lifecycle.Reason{"Rejected", "Accepted (won't mitigate)"}},
		{"Active", "Resolved", []lifecycle.Reason{"Mitigation Action Complete"}},
		{"Active", "Closed", []lifecycle.Reason{"Overtaken by Events", "Eliminated", "Rejected"}},
		{"Resolved", "Active", []lifecycle.Reason{"Mitigation Action Unsatisfactory (rework)"}},
		{"Resolved", "Closed", []lifecycle.Reason{"Mitigated"}},
		{"Closed", "Active", []lifecycle.Reason{"Closed in Error"}},
	}
	m := risk.RiskLifecycle()
	if diff := cmp.Diff(want, table(m)); diff != "" {
		t.Errorf("risk table (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]lifecycle.Reason{"New"}, m.CreationReasons()); diff != "" {
		t.Errorf("creation reasons (-want +got):\n%s", diff)
	}
	if m.Initial() != workitem.Proposed {
		t.Errorf("initial = %v", m.Initial())
	}
}

func TestIssueLifecycleMatchesReference(t *testing.T) {
	want := []move{
		{"Proposed", "Active", []lifecycle.Reason{"Accepted", "Investigate"}},
		{"Proposed", "Closed", []lifecycle.Reason{"Rejected (not an issue)"}},
		{"Active", "Proposed", []lifecycle.Reason{"Investigation Complete"}},
		{"Active", "Resolved", []lifecycle.Reason{"Resolved"}},
		{"Active", "Closed", []lifecycle.Reason{"Overtaken by Events"}},
		{"Resolved", "Active", []lifecycle.Reason{"Rework"}},
		{"Resolved", "Closed", []lifecycle.Reason{"Resolution Verified and Accepted"}},
		{"Closed", "Active", []lifecycle.Reason{"Closed in Error", "Re-opened", "Re-occurred"}},
	}
	m := risk.IssueLifecycle()
	if diff := cmp.Diff(want, table(m)); diff != "" {
		t.Errorf("issue table (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]lifecycle.Reason{"New"}, m.CreationReasons()); diff != "" {
		t.Errorf("creation reasons (-want +got):\n%s", diff)
	}
	if m.Initial() != workitem.Proposed {
		t.Errorf("initial = %v", m.Initial())
	}
}

// The diagrams in the doc comments of RiskLifecycle and IssueLifecycle must
// be those the machines draw.
func TestLifecycleDiagramsInDocs(t *testing.T) {
	want := "stateDiagram-v2\n" +
		"    [*] --> Proposed: New\n" +
		"    Proposed --> Active: Mitigation Triggered\n" +
		"    Proposed --> Closed: Rejected; Accepted (won't mitigate)\n" +
		"    Active --> Resolved: Mitigation Action Complete\n" +
		"    Active --> Closed: Overtaken by Events; Eliminated; Rejected\n" +
		"    Resolved --> Active: Mitigation Action Unsatisfactory (rework)\n" +
		"    Resolved --> Closed: Mitigated\n" +
		"    Closed --> Active: Closed in Error\n"
	if diff := cmp.Diff(want, risk.RiskLifecycle().Mermaid()); diff != "" {
		t.Errorf("risk diagram (-want +got):\n%s", diff)
	}
}
