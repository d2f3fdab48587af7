package backlog_test

import (
	"errors"
	"fmt"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Gather requirements, expand them into tasks with the default templates,
// and trace them.
func Example() {
	var b backlog.Backlog
	_ = b.AddRequirement(backlog.Requirement{
		ID: "REQ-7", Title: "Sales training EMEA", Category: backlog.CategorySalesTraining,
		Audience: "EMEA sales staff", Source: "VP Sales", Priority: 1,
		Timing:             backlog.Before(5),
		AcceptanceCriteria: []string{"every account manager attended a session"},
	}, lifecycle.Change{At: testAt, By: "release manager"})

	exp, err := backlog.DefaultTemplates().Expand(&b, backlog.ExpandOptions{Change: testChange, Release: calendar.MustParse("2027-03-10")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range exp.Added {
		t, _ := b.Task(id)
		fmt.Printf("%-24s %-15s %v workdays\n", t.ID, t.Discipline, t.Estimate.MostLikely)
	}
	deliver, _ := b.Task("REQ-7/deliver-sessions")
	fmt.Println("deliver by", deliver.FinishNoLaterThan)
	fmt.Println("tasks for REQ-7:", len(b.TasksFor("REQ-7")), "untraced:", b.Untraced())
	// Output:
	// REQ-7/prepare-material   user-education  5 workdays
	// REQ-7/book-rooms         operations      1 workdays
	// REQ-7/deliver-sessions   user-education  3 workdays
	// REQ-7/assess             user-education  1 workdays
	// deliver by 2027-03-03
	// tasks for REQ-7: 4 untraced: []
}

// Report the expected categories that were never gathered.
func ExampleCatalogue_Missing() {
	cat := backlog.DefaultCatalogue()
	reqs := []backlog.Requirement{
		{ID: "R1", Category: backlog.CategorySalesTraining},
		{ID: "R2", Category: backlog.CategorySupportTraining},
		{ID: "R3", Category: backlog.CategoryFieldServiceTraining},
		{ID: "R4", Category: backlog.CategoryOperationsTraining},
		{ID: "R5", Category: backlog.CategoryTrainerTraining},
	}
	for _, e := range cat.Missing(reqs) {
		if e.Group == backlog.GroupMarketing {
			fmt.Println(e.Category, "-", e.Title)
		}
	}
	// Output:
	// marketing-plan - Marketing plan
	// marketing-collateral - Marketing collateral
	// product-launch - Product launch
	// marketing-communications - Marketing communications
	// press-releases - Press releases
}

// Run Expand again after the user removed a generated task: the tombstone
// keeps it from coming back.
func ExampleTemplates_Expand_idempotent() {
	var b backlog.Backlog
	_ = b.AddRequirement(backlog.Requirement{ID: "R1", Title: "Support training", Category: backlog.CategorySupportTraining}, lifecycle.Change{By: testBy, At: testAt})
	ts := backlog.DefaultTemplates()
	first, _ := ts.Expand(&b, backlog.ExpandOptions{Change: testChange})
	_ = b.Remove("R1/book-rooms", lifecycle.Change{At: testAt, By: "ann", Note: "remote sessions"})
	second, _ := ts.Expand(&b, backlog.ExpandOptions{Change: testChange})
	fmt.Println("first run added", len(first.Added))
	fmt.Println("second run added", len(second.Added), "suppressed", second.Suppressed)
	// Output:
	// first run added 5
	// second run added 0 suppressed [R1/book-rooms]
}

// Move a task through the CMMI Task lifecycle; a refused move changes
// nothing.
func ExampleBacklog_Transition() {
	var b backlog.Backlog
	_ = b.AddTask(backlog.Task{ID: "T1", Title: "Write release notes", Estimate: backlog.Days(1)}, lifecycle.Change{By: testBy, At: testAt})
	ev, _ := b.Transition("T1", workitem.Active, lifecycle.Change{At: testAt, By: "ann"})
	fmt.Println(ev.From, "->", ev.To, "for", ev.Reason)
	_, err := b.Transition("T1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Finished"})
	fmt.Println(errors.Is(err, lifecycle.ErrUnknownReason))
	ev, _ = b.Transition("T1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: backlog.ReasonCompleteNoReview})
	fmt.Println(ev.From, "->", ev.To, "for", ev.Reason)
	// Output:
	// Proposed -> Active for Accepted
	// true
	// Active -> Closed for Complete and Does Not Require Review/Test
}

// Validate reports every problem at once, each with a code and a path.
func ExampleBacklog_Validate() {
	doc := backlog.Document{Tasks: []backlog.Task{
		{ID: "A", Title: "Provision", Estimate: backlog.Days(2), Dependencies: []backlog.Dependency{{Task: "C"}}, State: workitem.Proposed, Reason: "New"},
		{ID: "B", Title: "Test", Estimate: backlog.ThreePoint(4, 3, 5), Dependencies: []backlog.Dependency{{Task: "A"}}, State: workitem.Proposed, Reason: "New"},
		{ID: "C", Title: "Cut over", Estimate: backlog.Days(1), Dependencies: []backlog.Dependency{{Task: "B", Type: backlog.StartToStart, Lag: -1}, {Task: "Z"}}, State: workitem.Proposed, Reason: "New"},
	}}
	var b backlog.Backlog
	err := b.Load(doc)
	var problems validation.List
	errors.As(err, &problems)
	for _, p := range problems {
		fmt.Printf("%s %s: %s\n", p.Code, p.Path, p.Message)
	}
	// Output:
	// backlog.task.estimate.order tasks[1].estimate.optimistic: optimistic 4 is above most likely 3
	// backlog.task.dependency.not-found tasks[2].dependencies[1].task: task "Z" does not exist
	// backlog.task.dependency.cycle tasks[0].dependencies[0].task: dependency cycle: A -> B -> C -> A
}

// Trace requirements to tasks and back for a report.
func ExampleBacklog_Matrix() {
	var b backlog.Backlog
	_ = b.AddRequirement(backlog.Requirement{ID: "R1", Title: "Cutover weekend", Category: backlog.CategoryCutover}, lifecycle.Change{By: testBy, At: testAt})
	_ = b.AddRequirement(backlog.Requirement{ID: "R2", Title: "Press release", Category: backlog.CategoryPressReleases}, lifecycle.Change{By: testBy, At: testAt})
	_ = b.AddTask(backlog.Task{ID: "T1", Title: "Write cutover plan", Requirements: []string{"R1"}, Estimate: backlog.Days(2)}, lifecycle.Change{By: testBy, At: testAt})
	_ = b.AddTask(backlog.Task{ID: "T2", Title: "Launch", Milestone: true}, lifecycle.Change{By: testBy, At: testAt})
	m := b.Matrix()
	for _, row := range m.Rows {
		fmt.Printf("%s %-16s tasks:%d\n", row.Requirement, row.Title, len(row.Tasks))
	}
	traced, total := m.Coverage()
	fmt.Printf("traced %d of %d; untraced %v; tasks serving nothing %v\n", traced, total, b.Untraced(), b.Orphans())
	// Output:
	// R1 Cutover weekend  tasks:1
	// R2 Press release    tasks:0
	// traced 1 of 2; untraced [R2]; tasks serving nothing [T2]
}
