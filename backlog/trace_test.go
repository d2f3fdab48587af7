package backlog_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

func TestTraceability(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategorySalesTraining))
	mustAddReq(t, &b, req("R2", backlog.CategoryCutover))
	mustAddReq(t, &b, req("R3", backlog.CategoryRollback))
	t1 := task("T1", 1)
	t1.Requirements = []string{"R1", "R2"}
	t2 := task("T2", 1, "T1")
	t2.Requirements = []string{"R2", "R2"}
	t3 := task("T3", 0)
	t3.Milestone = true
	mustAddTask(t, &b, t1)
	mustAddTask(t, &b, t2)
	mustAddTask(t, &b, t3)
	if _, err := b.Transition("T1", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("T1", workitem.Resolved, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}

	if diff := cmp.Diff([]string{"T1", "T2"}, b.TasksFor("R2")); diff != "" {
		t.Errorf("TasksFor (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R2"}, b.RequirementsOf("T2")); diff != "" {
		t.Errorf("RequirementsOf (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R3"}, b.Untraced()); diff != "" {
		t.Errorf("Untraced (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"T3"}, b.Orphans()); diff != "" {
		t.Errorf("Orphans (-want +got):\n%s", diff)
	}
	m := b.Matrix()
	tr := func(id string, s workitem.State) backlog.TaskTrace {
		return backlog.TaskTrace{ID: id, Title: "Do " + id, State: s}
	}
	want := backlog.Matrix{
		Rows: []backlog.TraceRow{
			{Requirement: "R1", Title: "Need R1", Category: backlog.CategorySalesTraining, State: workitem.Proposed, Tasks: []backlog.TaskTrace{tr("T1", workitem.Resolved)}},
			{Requirement: "R2", Title: "Need R2", Category: backlog.CategoryCutover, State: workitem.Proposed, Tasks: []backlog.TaskTrace{tr("T1", workitem.Resolved), tr("T2", workitem.Proposed)}},
			{Requirement: "R3", Title: "Need R3", Category: backlog.CategoryRollback, State: workitem.Proposed, Tasks: []backlog.TaskTrace{}},
		},
		Orphans: []backlog.TaskTrace{tr("T3", workitem.Proposed)},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("Matrix (-want +got):\n%s", diff)
	}
	if !m.Has("R2", "T2") || m.Has("R1", "T2") || m.Has("R9", "T1") {
		t.Error("Has")
	}
	if traced, total := m.Coverage(); traced != 2 || total != 3 {
		t.Errorf("Coverage = %d/%d", traced, total)
	}
	if !m.Rows[0].Done() || m.Rows[1].Done() || m.Rows[2].Done() {
		t.Error("Done")
	}
	if diff := cmp.Diff([]string{"R3"}, m.Untraced()); diff != "" {
		t.Errorf("Matrix.Untraced (-want +got):\n%s", diff)
	}
	if _, err := json.Marshal(m); err != nil {
		t.Error(err)
	}
	if b.RequirementsOf("nope") != nil {
		t.Error("RequirementsOf unknown task")
	}
}
