package backlog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestAddAndGet(t *testing.T) {
	var b backlog.Backlog
	r := req("R1", backlog.CategorySalesTraining)
	r.AcceptanceCriteria = []string{"80% of sales staff trained"}
	mustAddReq(t, &b, r)
	got, ok := b.Requirement("R1")
	if !ok || got.State != workitem.Proposed || got.Reason != backlog.ReasonNew {
		t.Fatalf("Requirement = %+v, %v", got, ok)
	}
	got.AcceptanceCriteria[0] = "changed"
	if again, _ := b.Requirement("R1"); again.AcceptanceCriteria[0] != "80% of sales staff trained" {
		t.Error("Requirement returned the backlog's own slice")
	}
	if err := b.AddRequirement(req("R1", backlog.CategoryCutover), at0); !errors.Is(err, validation.ErrDuplicate) {
		t.Errorf("duplicate requirement: %v", err)
	}
	// Requirements and tasks share one namespace.
	if err := b.AddTask(task("R1", 1), at0); !errors.Is(err, validation.ErrDuplicate) {
		t.Errorf("task with a requirement's ID: %v", err)
	}
	if err := b.AddRequirement(backlog.Requirement{ID: "R2", Title: "x", Category: "cutover", State: workitem.Active}, at0); !errors.Is(err, backlog.ErrStateChange) {
		t.Errorf("add in Active: %v", err)
	}
	if err := b.AddRequirement(req("R3", backlog.CategoryCutover), lifecycle.Change{By: testBy, At: testAt, Reason: "Imported"}); !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Errorf("unknown creation reason: %v", err)
	}
	if b.NumRequirements() != 1 || len(b.Events()) != 1 {
		t.Errorf("refused adds changed the backlog: %d requirements, %d events", b.NumRequirements(), len(b.Events()))
	}
}

func TestAddTaskChecksReferences(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
	mustAddTask(t, &b, task("T1", 1))
	bad := task("T2", 1, "T1", "T9", "R1")
	bad.Requirements = []string{"R1", "R7", "T1"}
	bad.Demands = []resource.Demand{{ID: "D1", Role: "trainer", Quantity: resource.HoursOf(8)}}
	got := problems(t, b.AddTask(bad, at0))
	want := []string{
		"backlog.task.requirement.not-found@requirements[1]",
		"backlog.task.requirement.not-found@requirements[2]",
		"backlog.task.dependency.not-found@dependencies[1].task",
		"backlog.task.dependency.not-found@dependencies[2].task",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if b.Has("T2") {
		t.Error("refused task was added")
	}
	ok := task("T2", 1, "T1")
	ok.Demands = bad.Demands
	mustAddTask(t, &b, ok)
	dup := task("T3", 1)
	dup.Demands = []resource.Demand{{ID: "D1", Role: "trainer", Quantity: resource.HoursOf(8)}}
	if got := problems(t, b.AddTask(dup, at0)); !hasProblem(got, "backlog.task.demand.id.duplicate@demands[0].id") {
		t.Errorf("demand ID reused: %v", got)
	}
	ds := b.Demands()
	if len(ds) != 1 || ds[0].TaskID != "T2" {
		t.Errorf("Demands = %+v", ds)
	}
	gen := task("T4", 1)
	gen.Origin = &backlog.Origin{Requirement: "R1", Template: "cutover", Step: "x"}
	if err := b.AddTask(gen, at0); !errors.Is(err, backlog.ErrStateChange) {
		t.Errorf("AddTask with an origin: %v", err)
	}
}

func TestUpdateTask(t *testing.T) {
	var b backlog.Backlog
	mustAddTask(t, &b, task("A", 1))
	mustAddTask(t, &b, task("B", 1, "A"))
	mustAddTask(t, &b, task("C", 1, "B"))
	a, _ := b.Task("A")
	a.Dependencies = []backlog.Dependency{{Task: "C"}}
	got := problems(t, b.UpdateTask(a))
	if !hasProblem(got, "backlog.task.dependency.cycle@dependencies[0].task") {
		t.Fatalf("cycle not refused: %v", got)
	}
	var l interface{ Error() string } = b.UpdateTask(a)
	if want := "dependency cycle: A -> B -> C -> A"; !strings.Contains(l.Error(), want) {
		t.Errorf("message %q lacks %q", l.Error(), want)
	}
	a.Dependencies = nil
	a.Title = "Renamed"
	a.Estimate = backlog.ThreePoint(1, 2, 3)
	if err := b.UpdateTask(a); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Task("A"); got.Title != "Renamed" || got.Estimate.Pessimistic != 3 {
		t.Errorf("update lost: %+v", got)
	}
	a.State = workitem.Active
	if err := b.UpdateTask(a); !errors.Is(err, backlog.ErrStateChange) {
		t.Errorf("state change through update: %v", err)
	}
	if err := b.UpdateTask(task("Z", 1)); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("update unknown: %v", err)
	}
	if err := b.SetBlocked("B", true); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Task("B"); !got.Blocked {
		t.Error("SetBlocked lost")
	}
	if err := b.SetTracker("B", backlog.TrackerRef{System: "azure-boards", ID: "4711", URL: "https://dev.azure.com/x/_workitems/edit/4711"}); err != nil {
		t.Fatal(err)
	}
	if err := b.SetTracker("B", backlog.TrackerRef{System: "azure-boards"}); err == nil {
		t.Error("tracker without ID accepted")
	}
	if diff := cmp.Diff([]string{"A", "C"}, b.Untracked()); diff != "" {
		t.Errorf("Untracked (-want +got):\n%s", diff)
	}
}

func TestRemove(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
	tk := task("T1", 1)
	tk.Requirements = []string{"R1"}
	mustAddTask(t, &b, tk)
	mustAddTask(t, &b, task("T2", 1, "T1"))
	if err := b.Remove("R1", at0); !errors.Is(err, backlog.ErrNotRemovable) {
		t.Errorf("removing a served requirement: %v", err)
	}
	if _, err := b.Transition("T2", workitem.Active, at0); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove("T2", at0); !errors.Is(err, backlog.ErrNotRemovable) {
		t.Errorf("removing a task that moved: %v", err)
	}
	if err := b.Remove("T1", at0); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Task("T2"); len(got.Dependencies) != 0 {
		t.Errorf("dependency on the removed task kept: %+v", got.Dependencies)
	}
	if len(b.Suppressed()) != 0 {
		t.Error("a hand-made task left a tombstone")
	}
	if err := b.Remove("R1", at0); err != nil {
		t.Errorf("removing an unserved requirement: %v", err)
	}
	if err := b.Remove("R1", at0); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("second removal: %v", err)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("backlog invalid after removals: %v", err)
	}
	for _, e := range b.Events() {
		if e.Subject == "T1" || e.Subject == "R1" {
			t.Errorf("event of a removed item kept: %+v", e)
		}
	}
}

func TestSuppress(t *testing.T) {
	var b backlog.Backlog
	mustAddTask(t, &b, task("T1", 1))
	if err := b.Suppress(backlog.Suppression{Task: "T1"}); !errors.Is(err, validation.ErrDuplicate) {
		t.Errorf("suppressing a present task: %v", err)
	}
	if err := b.Suppress(backlog.Suppression{Task: "R1/book-rooms", Note: "online training"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Suppress(backlog.Suppression{Task: "R1/book-rooms"}); err != nil || len(b.Suppressed()) != 1 {
		t.Errorf("suppressing twice: %v, %d tombstones", err, len(b.Suppressed()))
	}
	if !b.IsSuppressed("R1/book-rooms") || !b.Unsuppress("R1/book-rooms") || b.Unsuppress("R1/book-rooms") {
		t.Error("Unsuppress")
	}
	if err := b.Suppress(backlog.Suppression{Task: ""}); err == nil {
		t.Error("empty ID suppressed")
	}
}

func TestCloneIsIndependent(t *testing.T) {
	var b backlog.Backlog
	mustAddTask(t, &b, task("T1", 1))
	c := b.Clone()
	mustAddTask(t, c, task("T2", 1, "T1"))
	if b.Has("T2") || !c.Has("T2") {
		t.Error("clone shares state")
	}
}
