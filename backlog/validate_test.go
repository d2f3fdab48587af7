package backlog_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func proposedReq(id string) backlog.Requirement {
	r := req(id, backlog.CategoryCutover)
	r.State, r.Reason = workitem.Proposed, backlog.ReasonNew
	return r
}

func proposedTask(id string, deps ...string) backlog.Task {
	t := task(id, 1, deps...)
	t.State, t.Reason = workitem.Proposed, backlog.ReasonNew
	return t
}

func TestTaskValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*backlog.Task)
		want []string
	}{
		{"ok", func(*backlog.Task) {}, nil},
		{"no id or title", func(tk *backlog.Task) { tk.ID, tk.Title = "", " " }, []string{"backlog.task.id.invalid@id", "backlog.task.title.required@title"}},
		{"estimate order", func(tk *backlog.Task) { tk.Estimate = backlog.ThreePoint(3, 2, 1) },
			[]string{"backlog.task.estimate.order@estimate.optimistic", "backlog.task.estimate.order@estimate.pessimistic"}},
		{"estimate missing", func(tk *backlog.Task) { tk.Estimate = backlog.Estimate{} }, []string{"backlog.task.estimate.required@estimate.mostLikely"}},
		{"estimate NaN", func(tk *backlog.Task) { tk.Estimate.MostLikely = math.NaN() }, []string{"backlog.task.estimate.range@estimate.mostLikely"}},
		{"milestone with effort", func(tk *backlog.Task) { tk.Milestone = true }, []string{"backlog.task.milestone.estimate@estimate"}},
		{"negative work", func(tk *backlog.Task) { tk.RemainingWork = -1 }, []string{"backlog.task.work.range@remainingWork"}},
		{"self dependency", func(tk *backlog.Task) { tk.Dependencies = []backlog.Dependency{{Task: "T1"}} }, []string{"backlog.task.dependency.self@dependencies[0].task"}},
		{"dependency fields", func(tk *backlog.Task) {
			tk.Dependencies = []backlog.Dependency{{Task: "A", Type: 7, Lag: -200000}, {Task: "A", Lag: -3}}
		}, []string{"backlog.task.dependency.type.invalid@dependencies[0].type", "backlog.task.dependency.lag.range@dependencies[0].lag", "backlog.task.dependency.duplicate@dependencies[1].task"}},
		{"constraints contradict", func(tk *backlog.Task) {
			tk.StartNoEarlierThan, tk.FinishNoLaterThan = date("2027-03-10"), date("2027-03-09")
		}, []string{"backlog.task.constraint.conflict@finishNoLaterThan"}},
		{"window too small", func(tk *backlog.Task) {
			tk.StartNoEarlierThan, tk.FinishNoLaterThan, tk.Estimate = date("2027-03-10"), date("2027-03-11"), backlog.Days(5)
		}, []string{"backlog.task.constraint.window@finishNoLaterThan"}},
		{"demands", func(tk *backlog.Task) {
			tk.Demands = []resource.Demand{{Quantity: resource.HoursOf(0)}, {ID: "D2", TaskID: "T9", Quantity: resource.Quantity{Unit: 9}}}
		}, []string{"backlog.task.demand.id.invalid@demands[0].id", "backlog.task.demand.quantity.invalid@demands[0].quantity.value",
			"backlog.task.demand.task.mismatch@demands[1].taskId", "backlog.task.demand.quantity.invalid@demands[1].quantity.unit"}},
		{"tracker half set", func(tk *backlog.Task) { tk.Tracker = backlog.TrackerRef{URL: "https://x"} },
			[]string{"backlog.tracker.incomplete@tracker.system", "backlog.tracker.incomplete@tracker.id"}},
		{"reason for another state", func(tk *backlog.Task) { tk.Reason = backlog.ReasonCut }, []string{"backlog.reason.invalid@reason"}},
		{"no state", func(tk *backlog.Task) { tk.State = 0 }, []string{"backlog.state.invalid@state"}},
		{"closed with remaining work", func(tk *backlog.Task) {
			tk.State, tk.Reason, tk.RemainingWork = workitem.Closed, backlog.ReasonCut, 2
		}, []string{"backlog.task.work.remaining-when-closed@remainingWork"}},
	}
	for _, tt := range tests {
		tk := proposedTask("T1")
		tt.edit(&tk)
		if diff := cmp.Diff(tt.want, problems(t, listErr(tk.ValidateList()))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestRequirementValidate(t *testing.T) {
	r := proposedReq("R1")
	r.Category = "Sales Training"
	r.Priority = 7
	r.Timing = backlog.Timing{Kind: backlog.OnLaunch, Workdays: 3}
	r.AcceptanceCriteria = []string{"ok", ""}
	want := []string{
		"backlog.requirement.category.invalid@category",
		"backlog.requirement.priority.range@priority",
		"backlog.requirement.timing.invalid@timing.workdays",
		"backlog.requirement.acceptance-criteria.invalid@acceptanceCriteria[1]",
	}
	if diff := cmp.Diff(want, problems(t, listErr(r.ValidateList()))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	r = proposedReq("R1")
	r.Timing = backlog.Timing{Workdays: 4}
	if got := problems(t, listErr(r.ValidateList())); !hasProblem(got, "backlog.requirement.timing.invalid@timing.kind") {
		t.Errorf("workdays without kind: %v", got)
	}
}

func TestBacklogValidateEverythingAtOnce(t *testing.T) {
	doc := backlog.Document{
		Requirements: []backlog.Requirement{proposedReq("R1"), proposedReq("R1")},
		Tasks: []backlog.Task{
			proposedTask("A", "C"),
			proposedTask("B", "A"),
			proposedTask("C", "B"),
			proposedTask("D", "D", "nope", "R1"),
			proposedTask("A"),
		},
	}
	doc.Tasks[1].Requirements = []string{"R1", "R9"}
	doc.Tasks[1].Estimate = backlog.ThreePoint(5, 2, 1)
	doc.Tasks[2].Demands = []resource.Demand{{ID: "D1", Role: "x", Quantity: resource.HoursOf(1)}}
	doc.Tasks[3].Demands = []resource.Demand{{ID: "D1", Role: "x", Quantity: resource.HoursOf(1)}}
	var b backlog.Backlog
	err := b.Load(doc)
	want := []string{
		"backlog.id.duplicate@requirements[1].id",
		"backlog.task.estimate.order@tasks[1].estimate.optimistic",
		"backlog.task.estimate.order@tasks[1].estimate.pessimistic",
		"backlog.task.dependency.self@tasks[3].dependencies[0].task",
		"backlog.task.demand.id.duplicate@tasks[3].demands[0].id",
		"backlog.id.duplicate@tasks[4].id",
		"backlog.task.requirement.not-found@tasks[1].requirements[1]",
		"backlog.task.dependency.not-found@tasks[3].dependencies[1].task",
		"backlog.task.dependency.not-found@tasks[3].dependencies[2].task",
		"backlog.task.dependency.cycle@tasks[0].dependencies[0].task",
	}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var l validation.List
	errors.As(err, &l)
	cyc := l.WithCode(backlog.CodeDependencyCycle)
	if len(cyc) != 1 || !strings.Contains(cyc[0].Message, "A -> B -> C -> A") {
		t.Errorf("cycle message: %v", cyc)
	}
	if !errors.Is(err, validation.ErrNotFound) || !errors.Is(err, validation.ErrDuplicate) {
		t.Error("errors.Is does not see the problem kinds")
	}
	if b.NumTasks() != 0 {
		t.Error("a failed Load changed the backlog")
	}
}

func TestCyclesWholeAndSeparate(t *testing.T) {
	var b backlog.Backlog
	doc := backlog.Document{Tasks: []backlog.Task{
		proposedTask("X1", "X3"), proposedTask("X2", "X1"), proposedTask("X3", "X2"), // cycle 1
		proposedTask("Y1", "Y2"), proposedTask("Y2", "Y1"), // cycle 2
		proposedTask("Z1", "X1"), // depends on a cycle, is not in one
	}}
	if err := b.Load(doc); err == nil {
		t.Fatal("cycles accepted")
	}
	// Load refused, so check Cycles on a backlog built without checks:
	// a document validated on its own.
	var l validation.List
	errors.As(b.Load(doc), &l)
	var msgs []string
	for _, p := range l.WithCode(backlog.CodeDependencyCycle) {
		msgs = append(msgs, p.Path.String()+": "+p.Message)
	}
	want := []string{
		"tasks[0].dependencies[0].task: dependency cycle: X1 -> X2 -> X3 -> X1",
		"tasks[3].dependencies[0].task: dependency cycle: Y1 -> Y2 -> Y1",
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("cycles (-want +got):\n%s", diff)
	}
}

func TestLongChainCycle(t *testing.T) {
	const n = 20000
	doc := backlog.Document{Tasks: make([]backlog.Task, n)}
	for i := range n {
		doc.Tasks[i] = proposedTask(fmt.Sprintf("T%05d", i))
		if i > 0 {
			doc.Tasks[i].Dependencies = []backlog.Dependency{{Task: fmt.Sprintf("T%05d", i-1)}}
		}
	}
	var b backlog.Backlog
	if err := b.Load(doc); err != nil {
		t.Fatalf("chain rejected: %v", err)
	}
	doc.Tasks[0].Dependencies = []backlog.Dependency{{Task: fmt.Sprintf("T%05d", n-1)}}
	var l validation.List
	if !errors.As(b.Load(doc), &l) {
		t.Fatal("closed chain accepted")
	}
	cyc := l.WithCode(backlog.CodeDependencyCycle)
	if len(cyc) != 1 {
		t.Fatalf("%d cycle problems, want 1", len(cyc))
	}
	if got := strings.Count(cyc[0].Message, " -> "); got != n {
		t.Errorf("cycle has %d links, want the whole %d", got, n)
	}
}

func TestHistoryValidation(t *testing.T) {
	r := proposedReq("R1")
	doc := backlog.Document{
		Requirements: []backlog.Requirement{r},
		Events: []backlog.Event{
			{Subject: "R1", To: workitem.Proposed, Reason: backlog.ReasonNew},
			{Subject: "R1", From: workitem.Proposed, To: workitem.Resolved, Reason: "Done"},
			{Subject: "ghost", To: workitem.Proposed, Reason: backlog.ReasonNew},
		},
	}
	var b backlog.Backlog
	got := problems(t, b.Load(doc))
	want := []string{
		"backlog.event.invalid@events[1]",
		"backlog.event.invalid@events[2].subject",
		"backlog.event.state-mismatch@requirements[0].state",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
