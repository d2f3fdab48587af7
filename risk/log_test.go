package risk_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestAddAndGet(t *testing.T) {
	var l risk.Log
	r := sampleRisk("R1", 40, risk.High)
	mustAddRisk(t, &l, r)
	got, ok := l.Risk("R1")
	if !ok {
		t.Fatal("R1 not found")
	}
	want := r.Clone()
	want.State, want.Reason = workitem.Proposed, risk.ReasonNew
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Risk(R1) (-want +got):\n%s", diff)
	}
	// Changing the caller's slices or the returned copy leaves the log alone.
	r.TaskIDs[0] = "changed"
	got.TaskIDs[1] = "changed"
	again, _ := l.Risk("R1")
	if diff := cmp.Diff([]string{"T1", "T2"}, again.TaskIDs); diff != "" {
		t.Errorf("log shares slices (-want +got):\n%s", diff)
	}
	hist := l.History("R1")
	wantEv := []risk.Event{{Subject: "R1", To: workitem.Proposed, Reason: risk.ReasonNew, By: "ann", At: at("2027-01-04T09:00:00Z")}}
	if diff := cmp.Diff(wantEv, hist); diff != "" {
		t.Errorf("History (-want +got):\n%s", diff)
	}
	if _, ok := l.Issue("R1"); ok {
		t.Error("Issue(R1) found a risk")
	}
}

func TestAddRefusals(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 40, risk.High))
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	before := l.Clone()

	tests := []struct {
		name string
		add  func() error
		is   error
	}{
		{"duplicate risk", func() error { return l.AddRisk(sampleRisk("R1", 10, 1), lifecycle.Change{By: testBy, At: testAt}) }, validation.ErrDuplicate},
		{"risk reusing issue ID", func() error { return l.AddRisk(sampleRisk("I1", 10, 1), lifecycle.Change{By: testBy, At: testAt}) }, validation.ErrDuplicate},
		{"issue reusing risk ID", func() error { return l.AddIssue(sampleIssue("R1", 1), lifecycle.Change{By: testBy, At: testAt}) }, validation.ErrDuplicate},
		{"active risk", func() error {
			r := sampleRisk("R2", 10, 1)
			r.State = workitem.Active
			return l.AddRisk(r, lifecycle.Change{By: testBy, At: testAt})
		}, risk.ErrStateChange},
		{"issue links", func() error {
			r := sampleRisk("R2", 10, 1)
			r.IssueIDs = []string{"I1"}
			return l.AddRisk(r, lifecycle.Change{By: testBy, At: testAt})
		}, risk.ErrStateChange},
		{"unknown risk", func() error {
			i := sampleIssue("I2", 1)
			i.RiskID = "R9"
			return l.AddIssue(i, lifecycle.Change{By: testBy, At: testAt})
		}, validation.ErrNotFound},
		{"creation reason", func() error {
			return l.AddRisk(sampleRisk("R2", 10, 1), lifecycle.Change{By: testBy, At: testAt, Reason: "Old"})
		}, lifecycle.ErrUnknownReason},
	}
	for _, tt := range tests {
		err := tt.add()
		if !errors.Is(err, tt.is) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.is)
		}
		if diff := docDiff(before, &l); diff != "" {
			t.Errorf("%s changed the log:\n%s", tt.name, diff)
		}
	}
	bad := sampleRisk("R2", 100, 1)
	if got := blocking(t, l.AddRisk(bad, lifecycle.Change{By: testBy, At: testAt})); !cmp.Equal(got, []string{"probability risk.probability.range"}) {
		t.Errorf("invalid risk: %v", got)
	}
	var oe *risk.OpError
	if err := l.AddRisk(sampleRisk("R1", 10, 1), lifecycle.Change{By: testBy, At: testAt}); !errors.As(err, &oe) || oe.ID != "R1" || oe.Op != "add risk" {
		t.Errorf("OpError = %#v", oe)
	}
}

func TestUpdate(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 40, risk.High))
	r, _ := l.Risk("R1")
	r.Probability = 70
	r.Tags = append(r.Tags, "vendor")
	if err := l.UpdateRisk(r); err != nil {
		t.Fatal(err)
	}
	got, _ := l.Risk("R1")
	if diff := cmp.Diff(r, got); diff != "" {
		t.Errorf("after update (-want +got):\n%s", diff)
	}
	before := l.Clone()
	r2 := got.Clone()
	r2.State = workitem.Active
	if err := l.UpdateRisk(r2); !errors.Is(err, risk.ErrStateChange) {
		t.Errorf("state change through Update: %v", err)
	}
	r2 = got.Clone()
	r2.Impact = 0
	if codes := blocking(t, l.UpdateRisk(r2)); !cmp.Equal(codes, []string{"impact risk.impact.required"}) {
		t.Errorf("invalid update: %v", codes)
	}
	r2 = got.Clone()
	r2.ID = "R9"
	if err := l.UpdateRisk(r2); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("unknown risk: %v", err)
	}
	if diff := docDiff(before, &l); diff != "" {
		t.Errorf("refused updates changed the log:\n%s", diff)
	}

	mustAddIssue(t, &l, sampleIssue("I1", 2))
	is, _ := l.Issue("I1")
	is.RiskID = "R1"
	is.Escalation = risk.Escalation{Escalated: true, To: "cio", On: day("2027-01-11")}
	if err := l.UpdateIssue(is); err != nil {
		t.Fatal(err)
	}
	is.RiskID = "R9"
	if err := l.UpdateIssue(is); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("issue naming unknown risk: %v", err)
	}
}

func TestTransition(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 40, risk.High))
	steps := []struct {
		to     workitem.State
		reason lifecycle.Reason
		want   lifecycle.Reason
		err    error
	}{
		{workitem.Resolved, "", "", lifecycle.ErrInvalidTransition},
		{workitem.Active, "", risk.ReasonMitigationTriggered, nil},
		{workitem.Closed, "Mitigated", "", lifecycle.ErrUnknownReason},
		{workitem.Resolved, "", risk.ReasonMitigationActionComplete, nil},
		{workitem.Active, "", risk.ReasonMitigationActionUnsatisfactory, nil},
		{workitem.Closed, risk.ReasonEliminated, risk.ReasonEliminated, nil},
		{workitem.Active, "", risk.ReasonClosedInError, nil},
	}
	for i, s := range steps {
		before := l.Clone()
		ev, err := l.Transition("R1", s.to, ch("cy", "2027-01-05T10:00:00Z", s.reason))
		if s.err != nil {
			if !errors.Is(err, s.err) {
				t.Errorf("step %d: err = %v, want %v", i, err, s.err)
			}
			var te *lifecycle.TransitionError
			if !errors.As(err, &te) || te.Subject != "R1" {
				t.Errorf("step %d: not a TransitionError naming R1: %v", i, err)
			}
			if diff := docDiff(before, &l); diff != "" {
				t.Errorf("step %d: refused move changed the log:\n%s", i, diff)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if ev.To != s.to || ev.Reason != s.want || ev.By != "cy" {
			t.Errorf("step %d: event %+v", i, ev)
		}
		r, _ := l.Risk("R1")
		if r.State != s.to || r.Reason != s.want {
			t.Errorf("step %d: risk is %v (%s)", i, r.State, r.Reason)
		}
	}
	if n := len(l.History("R1")); n != 6 {
		t.Errorf("%d events, want 6 (creation and five moves)", n)
	}
	if err := l.Validate(); err != nil {
		t.Errorf("log after moves: %v", err)
	}
	if _, err := l.Transition("R9", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("unknown ID: %v", err)
	}
	// Issues follow their own table.
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	if _, err := l.Transition("I1", workitem.Active, lifecycle.Change{By: testBy, At: testAt, Reason: risk.ReasonInvestigate}); err != nil {
		t.Error(err)
	}
	if _, err := l.Transition("I1", workitem.Proposed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Errorf("issue Active to Proposed: %v", err)
	}
}

func TestRemove(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 40, risk.High))
	mustAddRisk(t, &l, sampleRisk("R2", 40, risk.High))
	mustAddRisk(t, &l, sampleRisk("R3", 40, risk.High))
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	is := sampleIssue("I2", 2)
	is.RiskID = "R3"
	mustAddIssue(t, &l, is)
	if _, err := l.Transition("R2", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: risk.ReasonRejected}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Transition("I1", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Transition("I1", workitem.Proposed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	before := l.Clone()
	for _, id := range []string{"R2", "I1", "R3", "R9"} {
		err := l.Remove(id)
		want := risk.ErrNotRemovable
		if id == "R9" {
			want = validation.ErrNotFound
		}
		if !errors.Is(err, want) {
			t.Errorf("Remove(%s) = %v, want %v", id, err, want)
		}
	}
	if diff := docDiff(before, &l); diff != "" {
		t.Errorf("refused removals changed the log:\n%s", diff)
	}
	if err := l.Remove("R1"); err != nil {
		t.Fatalf("Remove(R1): %v", err)
	}
	if err := l.Remove("I2"); err != nil {
		t.Fatalf("Remove(I2): %v", err)
	}
	if l.Has("R1") || l.Has("I2") || len(l.History("R1")) != 0 {
		t.Error("removed items remain")
	}
	if got, ok := l.Risk("R3"); !ok || got.ID != "R3" {
		t.Error("index broken after removal")
	}
	if err := l.Validate(); err != nil {
		t.Errorf("log after removal: %v", err)
	}
	// R3 is now free of links and removable.
	if err := l.Remove("R3"); err != nil {
		t.Errorf("Remove(R3): %v", err)
	}
}

func TestPromote(t *testing.T) {
	for _, tt := range []struct {
		name   string
		moves  []workitem.State
		events int // events of the risk after promotion
		reason lifecycle.Reason
	}{
		{"proposed", nil, 2, risk.ReasonMitigationTriggered},
		{"active", []workitem.State{workitem.Active}, 2, risk.ReasonMitigationTriggered},
		{"resolved", []workitem.State{workitem.Active, workitem.Resolved}, 4, risk.ReasonMitigationActionUnsatisfactory},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var l risk.Log
			r := sampleRisk("R1", 70, risk.VeryHigh)
			mustAddRisk(t, &l, r)
			for _, to := range tt.moves {
				if _, err := l.Transition("R1", to, lifecycle.Change{By: testBy, At: testAt}); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := l.Risk("R1")
			is, err := l.Promote("R1", "I7", ch("ann", "2027-02-02T08:00:00Z", ""))
			if err != nil {
				t.Fatal(err)
			}
			want := risk.Issue{
				ID:          "I7",
				Title:       r.Title,
				Description: "Risk R1 occurred. Condition: " + r.Condition + " Consequence: " + r.Consequence + "\nTrigger: " + r.Trigger + "\nContingency plan: " + r.ContingencyPlan,
				Priority:    1,
				Owner:       "ann",
				Raised:      day("2027-02-02"),
				Blocks:      risk.Blocks{TaskIDs: []string{"T1", "T2"}, RequirementIDs: []string{"REQ-7"}},
				RiskID:      "R1",
				Tags:        []string{"training"},
				// The contingency plan becomes the corrective action plan.
				CorrectiveActionPlan: r.ContingencyPlan,
				State:                workitem.Proposed,
				Reason:               risk.ReasonNew,
			}
			if diff := cmp.Diff(want, is); diff != "" {
				t.Errorf("issue (-want +got):\n%s", diff)
			}
			stored, _ := l.Issue("I7")
			if diff := cmp.Diff(want, stored); diff != "" {
				t.Errorf("stored issue (-want +got):\n%s", diff)
			}
			after, _ := l.Risk("R1")
			// Nothing lost: only the state, reason and issue link changed.
			wantRisk := before.Clone()
			wantRisk.State, wantRisk.Reason, wantRisk.IssueIDs = workitem.Active, tt.reason, []string{"I7"}
			if diff := cmp.Diff(wantRisk, after); diff != "" {
				t.Errorf("risk (-want +got):\n%s", diff)
			}
			if n := len(l.History("R1")); n != tt.events {
				t.Errorf("risk has %d events, want %d", n, tt.events)
			}
			if n := len(l.History("I7")); n != 1 {
				t.Errorf("issue has %d events", n)
			}
			if err := l.Validate(); err != nil {
				t.Errorf("log after promotion: %v", err)
			}
			// The promoted issue cannot be re-pointed at another risk.
			stored.RiskID = ""
			if err := l.UpdateIssue(stored); !errors.Is(err, risk.ErrStateChange) {
				t.Errorf("unlinking a promoted issue: %v", err)
			}
		})
	}
}

func TestPromoteRefusals(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 70, risk.Low))
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	before := l.Clone()
	cases := []struct {
		risk, issue string
		ch          lifecycle.Change
		is          error
	}{
		{"R9", "I2", lifecycle.Change{By: testBy, At: testAt}, validation.ErrNotFound},
		{"I1", "I2", lifecycle.Change{By: testBy, At: testAt}, validation.ErrNotFound},
		{"R1", "I1", lifecycle.Change{By: testBy, At: testAt}, validation.ErrDuplicate},
		{"R1", "R1", lifecycle.Change{By: testBy, At: testAt}, validation.ErrDuplicate},
		{"R1", "I2", lifecycle.Change{By: testBy, At: testAt, Reason: "Mitigated"}, lifecycle.ErrUnknownReason},
		{"R1", "", lifecycle.Change{By: testBy, At: testAt}, nil}, // invalid issue ID: a validation.List
	}
	for _, c := range cases {
		_, err := l.Promote(c.risk, c.issue, c.ch)
		if err == nil || (c.is != nil && !errors.Is(err, c.is)) {
			t.Errorf("Promote(%s, %s) = %v, want %v", c.risk, c.issue, err, c.is)
		}
		if diff := docDiff(before, &l); diff != "" {
			t.Errorf("Promote(%s, %s) changed the log:\n%s", c.risk, c.issue, diff)
		}
	}
	is, err := l.Promote("R1", "I2", lifecycle.Change{By: testBy, At: testAt})
	if err != nil || is.Priority != 4 {
		t.Errorf("low-impact promotion: %v, priority %v", err, is.Priority)
	}
}

func TestCompanyReasons(t *testing.T) {
	custom, err := risk.RiskLifecycle().WithReasons(workitem.Proposed, workitem.Closed, "Transferred to Vendor")
	if err != nil {
		t.Fatal(err)
	}
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 30, risk.Low))
	if _, err := l.Transition("R1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Transferred to Vendor"}); !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Fatalf("default lifecycle took the company's reason: %v", err)
	}
	if err := l.SetLifecycles(custom, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Transition("R1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Transferred to Vendor"}); err != nil {
		t.Fatal(err)
	}
	// Back to the default table, the history no longer fits.
	if err := l.SetLifecycles(nil, nil); !errors.Is(err, risk.ErrInvalidLifecycle) {
		t.Errorf("SetLifecycles(default) = %v", err)
	}
	if rl, _ := l.Lifecycles(); rl != custom {
		t.Error("a refused SetLifecycles changed the lifecycles")
	}
	// A decoded log is checked with the lifecycles of the receiver.
	data, err := l.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := risk.DecodeLog(data, nil, nil); err == nil {
		t.Error("default lifecycles accepted the company's reason")
	}
	if _, err := risk.DecodeLog(data, custom, nil); err != nil {
		t.Errorf("custom lifecycles refused: %v", err)
	}
}

// Readers may run concurrently (run with -race), also on a log whose index
// was never built.
func TestConcurrentReaders(t *testing.T) {
	full := sampleLog(t)
	for _, l := range []*risk.Log{full, new(risk.Log), full.Clone()} {
		done := make(chan struct{})
		for range 4 {
			go func() {
				defer func() { done <- struct{}{} }()
				_, _ = l.Risk("R1")
				_ = l.Has("I1")
				_ = l.Ranked()
				_, _ = l.Matrix(risk.MatrixSpec{})
				_ = l.Validate()
				_ = l.OpenIssuesByPriority()
			}()
		}
		for range 4 {
			<-done
		}
	}
}

func TestPromoteClosedRisk(t *testing.T) {
	var l risk.Log
	mustAddRisk(t, &l, sampleRisk("R1", 30, risk.Medium))
	if _, err := l.Transition("R1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: risk.ReasonAcceptedWontMitigate}); err != nil {
		t.Fatal(err)
	}
	is, err := l.Promote("R1", "I1", lifecycle.Change{At: testAt, By: "ann", Note: "it happened after all"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := l.Risk("R1")
	if r.State != workitem.Active || r.Reason != risk.ReasonClosedInError || is.Priority != 3 || is.Raised.IsZero() {
		t.Errorf("risk %v (%s), issue priority %v raised %v", r.State, r.Reason, is.Priority, is.Raised)
	}
	h := l.History("R1")
	if last := h[len(h)-1]; last.Note != "it happened after all" || last.By != "ann" {
		t.Errorf("last event %+v", last)
	}
	if h := l.History("I1"); len(h) != 1 || h[0].Note != "it happened after all" {
		t.Errorf("issue history %+v", h)
	}
	// A second occurrence makes a second issue; the risk records both.
	if _, err := l.Promote("R1", "I2", lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	r, _ = l.Risk("R1")
	if !cmp.Equal(r.IssueIDs, []string{"I1", "I2"}) || len(l.History("R1")) != 3 {
		t.Errorf("issues %v, %d risk events", r.IssueIDs, len(l.History("R1")))
	}
}

func TestRaisedDefaultsToChangeDate(t *testing.T) {
	var l risk.Log
	r := sampleRisk("R1", 30, 3)
	r.Raised = calendar0()
	mustAddRisk(t, &l, r)
	i := sampleIssue("I1", 2)
	i.Raised = calendar0()
	mustAddIssue(t, &l, i)
	gotR, _ := l.Risk("R1")
	gotI, _ := l.Issue("I1")
	if gotR.Raised != day("2027-01-04") || gotI.Raised != day("2027-01-10") {
		t.Errorf("raised %v and %v", gotR.Raised, gotI.Raised)
	}
	kept := sampleIssue("I2", 2)
	kept.Raised = day("2027-01-09")
	mustAddIssue(t, &l, kept)
	if got, _ := l.Issue("I2"); got.Raised != kept.Raised {
		t.Errorf("a given raised date was replaced: %v", got.Raised)
	}
}
