package risk_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// legacyLog builds a log whose items end in each reason that lost its
// parenthesis in earlier versions, and returns it with its JSON as those
// versions wrote it.
func legacyLog(t *testing.T) (*risk.Log, string) {
	t.Helper()
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 30, risk.Medium))
	mustAddRisk(t, &l, sampleRisk("R2", 30, risk.Medium))
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	moves := []struct {
		id     string
		to     workitem.State
		reason lifecycle.Reason
	}{
		{"R1", workitem.Closed, risk.ReasonAcceptedWontMitigate},
		{"R2", workitem.Active, risk.ReasonMitigationTriggered},
		{"R2", workitem.Resolved, risk.ReasonMitigationActionComplete},
		{"R2", workitem.Active, risk.ReasonMitigationActionUnsatisfactory},
		{"I1", workitem.Closed, risk.ReasonRejectedNotAnIssue},
	}
	for _, m := range moves {
		if _, err := l.Transition(m.id, m.to, lifecycle.Change{By: testBy, At: testAt, Reason: m.reason}); err != nil {
			t.Fatalf("%s to %s: %v", m.id, m.to, err)
		}
	}
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.NewReplacer(
		`"Accepted (won't mitigate)"`, `"Accepted"`,
		`"Mitigation Action Unsatisfactory (rework)"`, `"Mitigation Action Unsatisfactory"`,
		`"Rejected (not an issue)"`, `"Rejected"`,
	).Replace(string(data))
	if old == string(data) {
		t.Fatal("the JSON holds none of the whole reasons")
	}
	return &l, old
}

// Logs written with the short reasons decode to the template's whole
// values.
func TestLegacyShortReasonsDecode(t *testing.T) {
	want, old := legacyLog(t)
	var got risk.Log
	if err := json.Unmarshal([]byte(old), &got); err != nil {
		t.Fatalf("decoding a log with short reasons: %v", err)
	}
	if diff := cmp.Diff(want.Document(), got.Document()); diff != "" {
		t.Errorf("decoded log (-want +got):\n%s", diff)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("decoded log invalid: %v", err)
	}
}

// A company lifecycle that still lists a short reason keeps it as written.
func TestLegacyShortReasonKeptWhenLifecycleAcceptsIt(t *testing.T) {
	_, old := legacyLog(t)
	ext, err := risk.RiskLifecycle().WithReasons(workitem.Proposed, workitem.Closed, "Accepted")
	if err != nil {
		t.Fatal(err)
	}
	l, err := risk.DecodeLog([]byte(old), ext, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if r, _ := l.Risk("R1"); r.Reason != "Accepted" {
		t.Errorf("R1 reason = %q, want the company's %q", r.Reason, "Accepted")
	}
	if is, _ := l.Issue("I1"); is.Reason != risk.ReasonRejectedNotAnIssue {
		t.Errorf("I1 reason = %q, want %q", is.Reason, risk.ReasonRejectedNotAnIssue)
	}
}
