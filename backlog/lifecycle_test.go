package backlog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

type move struct {
	from, to string
	reasons  string
}

func table(m *lifecycle.Machine[workitem.State]) []move {
	var out []move
	for _, r := range m.Rules() {
		var rs []string
		for _, x := range r.Reasons {
			rs = append(rs, string(x))
		}
		out = append(out, move{r.From.String(), r.To.String(), strings.Join(rs, "; ")})
	}
	return out
}

// The tables as /work/shared/reference/cmmi-work-items.md gives them.
func TestRequirementLifecycleMatchesCMMI(t *testing.T) {
	want := []move{
		{"Proposed", "Active", "Accepted; Investigate"},
		{"Proposed", "Closed", "Rejected"},
		{"Active", "Proposed", "Investigation Complete; Postponed"},
		{"Active", "Resolved", "Code Complete and System Test Passed"},
		{"Active", "Closed", "Split; Abandoned; Out of Scope"},
		{"Resolved", "Active", "Validation Test Failed"},
		{"Resolved", "Closed", "Validation Test Passed"},
		{"Closed", "Active", "Closed in Error; Reintroduced in Scope"},
	}
	m := backlog.RequirementLifecycle()
	if diff := cmp.Diff(want, table(m), cmp.AllowUnexported(move{})); diff != "" {
		t.Errorf("requirement table (-want +got):\n%s", diff)
	}
	if m.Initial() != workitem.Proposed || m.CreationReasons()[0] != "New" {
		t.Error("requirements are created Proposed for New")
	}
}

func TestTaskLifecycleMatchesCMMI(t *testing.T) {
	want := []move{
		{"Proposed", "Active", "Accepted; Investigate"},
		{"Proposed", "Closed", "Rejected"},
		{"Active", "Proposed", "Investigation Complete"},
		{"Active", "Resolved", "Complete and Requires Review/Test"},
		{"Active", "Closed", "Complete and Does Not Require Review/Test; Deferred; Cut; Overtaken by Events"},
		{"Resolved", "Active", "Review/Test Failed"},
		{"Resolved", "Closed", "Review/Test Passed"},
		{"Closed", "Active", "Reactivated; Closed in Error"},
		{"Closed", "Proposed", "Reactivated"},
	}
	m := backlog.TaskLifecycle()
	if diff := cmp.Diff(want, table(m), cmp.AllowUnexported(move{})); diff != "" {
		t.Errorf("task table (-want +got):\n%s", diff)
	}
	if m.Initial() != workitem.Proposed || m.CreationReasons()[0] != "New" {
		t.Error("tasks are created Proposed for New")
	}
	if !strings.Contains(backlog.TaskLifecycle().Mermaid(), "Active --> Closed: Complete and Does Not Require Review/Test; Deferred; Cut; Overtaken by Events") {
		t.Error("Mermaid does not draw the table")
	}
}

func TestTransitions(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
	tk := task("T1", 2)
	tk.Requirements = []string{"R1"}
	mustAddTask(t, &b, tk)

	ev, err := b.Transition("T1", workitem.Active, lifecycle.Change{At: testAt, By: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Reason != backlog.ReasonAccepted || ev.From != workitem.Proposed || ev.By != "ann" {
		t.Errorf("event %+v", ev)
	}
	if _, err := b.Transition("T1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: backlog.ReasonCut}); err != nil {
		t.Fatal(err)
	}
	// Refused: Closed to Resolved; unknown reason; unknown item.
	_, err = b.Transition("T1", workitem.Resolved, lifecycle.Change{By: testBy, At: testAt})
	if !errors.Is(err, lifecycle.ErrInvalidTransition) {
		t.Errorf("Closed to Resolved: %v", err)
	}
	_, err = b.Transition("T1", workitem.Active, lifecycle.Change{By: testBy, At: testAt, Reason: "Because"})
	if !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Errorf("unknown reason: %v", err)
	}
	if _, err := b.Transition("nope", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("unknown item: %v", err)
	}
	got, _ := b.Task("T1")
	if got.State != workitem.Closed || got.Reason != backlog.ReasonCut {
		t.Errorf("refused moves changed the task: %v %v", got.State, got.Reason)
	}
	if n := len(b.History("T1")); n != 3 {
		t.Errorf("history has %d events, want 3", n)
	}
	// Requirements use their own table.
	if _, err := b.Transition("R1", workitem.Active, lifecycle.Change{By: testBy, At: testAt, Reason: backlog.ReasonInvestigate}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R1", workitem.Proposed, lifecycle.Change{By: testBy, At: testAt, Reason: backlog.ReasonPostponed}); err != nil {
		t.Errorf("requirement Postponed: %v", err)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("history invalid: %v", err)
	}
}

func TestExtendedLifecycle(t *testing.T) {
	var b backlog.Backlog
	mustAddTask(t, &b, task("T1", 1))
	if _, err := b.Transition("T1", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	ext, err := backlog.TaskLifecycle().WithReasons(workitem.Active, workitem.Closed, "Moved to next release")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("T1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Moved to next release"}); err == nil {
		t.Fatal("default lifecycle accepted a company reason")
	}
	if err := b.SetLifecycles(nil, ext); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("T1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Moved to next release"}); err != nil {
		t.Fatalf("extended lifecycle refused its reason: %v", err)
	}
	// Going back to the default no longer fits the history.
	if err := b.SetLifecycles(nil, nil); !errors.Is(err, backlog.ErrInvalidLifecycle) {
		t.Errorf("SetLifecycles(default) = %v", err)
	}
	if _, tl := b.Lifecycles(); tl != ext {
		t.Error("refused SetLifecycles changed the lifecycle")
	}
	wrongStart := lifecycle.MustNew("task", workitem.Active, []lifecycle.Reason{"New"},
		lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Closed, Reasons: []lifecycle.Reason{"Done"}})
	if err := b.SetLifecycles(nil, wrongStart); !errors.Is(err, backlog.ErrInvalidLifecycle) {
		t.Errorf("lifecycle starting Active: %v", err)
	}
}
