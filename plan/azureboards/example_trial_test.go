package azureboards_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan/azureboards"
)

// The read-back: the tracker's answer to a batch get (POST
// {org}/{project}/_apis/wit/workitemsbatch) is decoded and applied to the
// plan. The task was accepted and worked on by its assignee, so the plan
// records the move, the work and who did it; the requirement's reason is one
// the plan's lifecycle has no move for, and work item 4999 is not in the
// plan: both are conflicts and change nothing. The error is a
// *ConflictError listing them; ApplyResult is complete either way.
func ExampleApply() {
	p := tinyPlan()
	ch := lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, time.January, 20, 9, 0, 0, 0, time.UTC)}
	_ = p.SetTracker("REQ-1", backlog.TrackerRef{System: azureboards.System, ID: "4101"}, ch)
	_ = p.SetTracker("REQ-1/deliver", backlog.TrackerRef{System: azureboards.System, ID: "4102"}, ch)

	answer := `{"count": 3, "value": [
	  {"id": 4102, "rev": 3, "fields": {
	    "System.WorkItemType": "Task", "System.State": "Active", "System.Reason": "Accepted",
	    "System.AssignedTo": {"displayName": "Ana Ortiz", "uniqueName": "ana@contoso.com"},
	    "Microsoft.VSTS.Scheduling.RemainingWork": 8, "Microsoft.VSTS.Scheduling.CompletedWork": 8,
	    "System.ChangedBy": {"displayName": "Ana Ortiz", "uniqueName": "ana@contoso.com"},
	    "System.ChangedDate": "2027-02-01T10:00:00Z"}},
	  {"id": 4101, "rev": 2, "fields": {
	    "System.WorkItemType": "Requirement", "System.State": "Proposed", "System.Reason": "Needs Review",
	    "System.ChangedBy": "Rita Alvarez", "System.ChangedDate": "2027-02-01T11:00:00Z"}},
	  {"id": 4999, "rev": 1, "fields": {"System.WorkItemType": "Task", "System.State": "Active"}}
	]}`
	items, err := azureboards.DecodeWorkItems([]byte(answer))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := azureboards.Apply(p, items, azureboards.ApplyOptions{})
	var ce *azureboards.ConflictError
	fmt.Println("conflict error:", errors.As(err, &ce))
	for _, a := range res.Applied {
		fmt.Printf("applied %s #%d:\n", a.ID, a.WorkItem)
		for _, c := range a.Changes {
			fmt.Println("  ", c)
		}
	}
	for _, c := range res.Conflicts {
		fmt.Printf("conflict #%d %q: %v\n", c.WorkItem, c.ID, c.Err)
	}
	t, _ := p.Backlog.Task("REQ-1/deliver")
	fmt.Println("task now:", t.State, t.Reason, t.Assignee)
	// Output:
	// conflict error: true
	// applied REQ-1/deliver #4102:
	//    remaining work 16 -> 8 hours
	//    completed work 0 -> 8 hours
	//    state Proposed -> Active (Accepted)
	// conflict #4101 "REQ-1": the plan's lifecycle has no move into Proposed for the reason "Needs Review" (allowed from Active: "Investigation Complete", "Postponed")
	// conflict #4999 "": work item 4999 is no item of the plan
	// task now: Active Accepted Ana Ortiz <ana@contoso.com>
}

// The web UI's export of a query (Boards > Queries > Export to CSV) read
// back. Without the Changed By and Changed Date columns, Apply needs
// ApplyOptions.By and At to record who moved the item and when.
func ExampleReadCSV() {
	export := "ID,Work Item Type,Title,State,Reason,Assigned To,Remaining Work\r\n" +
		"4102,Task,Deliver the sessions,Active,Accepted,Ana Ortiz <ana@contoso.com>,4\r\n"
	items, err := azureboards.ReadCSV(strings.NewReader(export))
	if err != nil {
		fmt.Println(err)
		return
	}
	it := items[0]
	fmt.Println(it.WorkItem, it.Type, it.State, it.Reason, it.AssignedTo, *it.RemainingWork)

	p := tinyPlan()
	ch := lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, time.January, 20, 9, 0, 0, 0, time.UTC)}
	_ = p.SetTracker("REQ-1/deliver", backlog.TrackerRef{System: azureboards.System, ID: "4102"}, ch)
	res, err := azureboards.Apply(p, items, azureboards.ApplyOptions{
		By: "Azure Boards export", At: time.Date(2027, time.February, 1, 0, 0, 0, 0, time.UTC)})
	fmt.Println(len(res.Applied), "applied, error:", err)
	// Output:
	// 4102 Task Active Accepted Ana Ortiz <ana@contoso.com> 4
	// 1 applied, error: <nil>
}

// A plan of more than MaxCSVItems work items needs several import files;
// CSVFiles returns them in the order to import (one file for a small plan).
func ExampleCSVFiles() {
	files, err := azureboards.CSVFiles(tinyPlan(), azureboards.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, f := range files {
		lines := strings.Split(strings.TrimSpace(string(f)), "\r\n")
		fmt.Printf("file %d: %d work item(s)\n", i+1, len(lines)-1)
	}
	// Output:
	// file 1: 2 work item(s)
}
