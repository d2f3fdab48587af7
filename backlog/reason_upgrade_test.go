package backlog_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// legacyDoc is a backlog document with a requirement resolved for the
// legacy reason "Code Complete and Verification Test Passed" (and its
// event), as backlogs were written before the stock template's value.
func legacyDoc(t *testing.T) []byte {
	t.Helper()
	b := &backlog.Backlog{}
	ch := lifecycle.Change{By: "ana", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	if err := b.AddRequirement(backlog.Requirement{ID: "R1", Title: "Train", Category: backlog.CategoryCutover}, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R1", workitem.Active, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R1", workitem.Resolved, ch); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.ReplaceAll(string(data), string(backlog.ReasonCodeCompleteSystemTestPassed), "Code Complete and Verification Test Passed")
	if old == string(data) {
		t.Fatal("no reason to make legacy")
	}
	return []byte(old)
}

// TestLegacyResolvedReasonDecodes: a document with the legacy reason
// loads with the stock one, item and event alike.
func TestLegacyResolvedReasonDecodes(t *testing.T) {
	b, err := backlog.Decode(legacyDoc(t), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := b.Requirement("R1")
	if r.Reason != backlog.ReasonCodeCompleteSystemTestPassed {
		t.Errorf("reason %q", r.Reason)
	}
	evs := b.History("R1")
	if last := evs[len(evs)-1]; last.Reason != backlog.ReasonCodeCompleteSystemTestPassed {
		t.Errorf("event reason %q", last.Reason)
	}
}

// TestLegacyResolvedReasonKeptWhenLifecycleAcceptsIt: a company lifecycle
// that lists the legacy value keeps it.
func TestLegacyResolvedReasonKeptWhenLifecycleAcceptsIt(t *testing.T) {
	m, err := backlog.RequirementLifecycle().WithReasons(workitem.Active, workitem.Resolved, "Code Complete and Verification Test Passed")
	if err != nil {
		t.Fatal(err)
	}
	b, err := backlog.Decode(legacyDoc(t), m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := b.Requirement("R1"); r.Reason != "Code Complete and Verification Test Passed" {
		t.Errorf("reason %q", r.Reason)
	}
}
