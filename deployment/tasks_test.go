package deployment_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
)

func TestTasks(t *testing.T) {
	d := rollout()
	d.Waves[0].Earliest = calendar.MustParse("2027-03-22")
	tasks, err := d.Tasks(deployment.TaskOptions{After: []string{"REQ-15/provision"}})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID, Calendar string
		Days         float64
		Hours        float64
		Deps         []string
		Milestone    bool
	}
	var got []row
	for _, task := range tasks {
		r := row{ID: task.ID, Calendar: task.Calendar, Days: task.Estimate.MostLikely, Milestone: task.Milestone}
		for _, dm := range task.Demands {
			r.Hours += dm.Quantity.Value
		}
		for _, dep := range task.Dependencies {
			r.Deps = append(r.Deps, dep.Task)
		}
		if diff := cmp.Diff([]string{"REQ-16"}, task.Requirements); diff != "" {
			t.Errorf("%s requirements: %s", task.ID, diff)
		}
		got = append(got, r)
	}
	c := "Contoso deployment"
	want := []row{
		{"W1/deploy", c, 1, 8, []string{"REQ-15/provision"}, false},
		{"W1/soak", c, 3, 6, []string{"W1/deploy"}, false},
		{"W1/evaluate", c, 0.5, 4, []string{"W1/soak"}, false},
		{"W1/gate", c, 0, 0, []string{"W1/evaluate"}, true},
		{"W2/deploy", c, 1, 8, []string{"W1/gate"}, false},
		{"W2/soak", c, 5, 10, []string{"W2/deploy"}, false},
		{"W2/evaluate", c, 0.5, 4, []string{"W2/soak"}, false},
		{"W2/gate", c, 0, 0, []string{"W2/evaluate"}, true},
		{"W3/deploy", c, 2, 16, []string{"W2/gate"}, false},
		{"W3/soak", c, 3, 6, []string{"W3/deploy"}, false},
		{"W3/evaluate", c, 0.5, 4, []string{"W3/soak"}, false},
		{"W3/gate", c, 0, 0, []string{"W3/evaluate"}, true},
		// W4 does not soak: evaluate follows deploy.
		{"W4/deploy", c, 3, 24, []string{"W3/gate"}, false},
		{"W4/evaluate", c, 0.5, 4, []string{"W4/deploy"}, false},
		{"W4/gate", c, 0, 0, []string{"W4/evaluate"}, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	if !tasks[0].StartNoEarlierThan.Equal(calendar.MustParse("2027-03-22")) || !tasks[4].StartNoEarlierThan.IsZero() {
		t.Errorf("start constraints: %v, %v", tasks[0].StartNoEarlierThan, tasks[4].StartNoEarlierThan)
	}
	// The tasks are accepted by a backlog that holds the prerequisite.
	b := &backlog.Backlog{}
	if err := b.AddRequirement(backlog.Requirement{ID: "REQ-16", Title: "Waves", Category: backlog.CategoryDeploymentWaves, Priority: 1}, change("Rita", 1, "")); err != nil {
		t.Fatal(err)
	}
	if err := b.AddTask(backlog.Task{ID: "REQ-15/provision", Title: "Provision", Requirements: []string{"REQ-16"}, Estimate: backlog.Days(1)}, change("Rita", 1, "")); err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if err := b.AddTask(task, change("Rita", 1, "")); err != nil {
			t.Fatalf("backlog refuses %s: %v", task.ID, err)
		}
	}
}

func TestTasksRefusesBadTemplate(t *testing.T) {
	d := rollout()
	tmpl := deployment.DefaultWaveTemplate()
	tmpl.Steps = tmpl.Steps[:3] // no gate
	if _, err := d.Tasks(deployment.TaskOptions{Template: &tmpl}); err == nil {
		t.Fatal("a template without a gate step was accepted")
	}
	tmpl = deployment.DefaultWaveTemplate()
	tmpl.Steps[0].Key = "Deploy!"
	if _, err := d.Tasks(deployment.TaskOptions{Template: &tmpl}); err == nil {
		t.Fatal("a malformed template was accepted")
	}
	d.Waves[0].ID = "W 1"
	if _, err := d.Tasks(deployment.TaskOptions{}); err == nil {
		t.Fatal("a wave ID with a space was accepted")
	}
}

func TestWindows(t *testing.T) {
	d := rollout()
	day := func(s string) calendar.Date { return calendar.MustParse(s) }
	timing := map[string][2]calendar.Date{
		"W1/deploy": {day("2027-03-22"), day("2027-03-22")},
		"W1/gate":   {day("2027-03-26"), day("2027-03-26")},
		"W2/deploy": {day("2027-03-29"), day("2027-03-29")},
	}
	got := d.Windows(func(id string) (calendar.Date, calendar.Date, bool) {
		tm, ok := timing[id]
		return tm[0], tm[1], ok
	})
	want := []deployment.Window{{Wave: "W1", Start: day("2027-03-22"), Deployed: day("2027-03-22"), Gate: day("2027-03-26")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("windows (-want +got):\n%s", diff)
	}
}

// TestTaskID: TaskID names exactly the tasks Tasks makes, for every wave
// and step of the default template.
func TestTaskID(t *testing.T) {
	tasks, err := rollout().Tasks(deployment.TaskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, tk := range tasks {
		got = append(got, tk.ID)
	}
	for _, w := range rollout().Waves {
		for _, step := range []string{deployment.StepDeploy, deployment.StepSoak, deployment.StepEvaluate, deployment.StepGate} {
			if step == deployment.StepSoak && w.SoakDays == 0 {
				continue
			}
			want = append(want, deployment.TaskID(w.ID, step))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("task IDs (-want +got):\n%s", diff)
	}
	if got := deployment.TaskID("W3-ring1", deployment.StepGate); got != "W3-ring1/gate" {
		t.Errorf("TaskID = %q, want W3-ring1/gate", got)
	}
}
