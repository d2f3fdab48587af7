package azureboards_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/workitem"
)

// tinyPlan is a plan with one requirement and one task.
func tinyPlan() *plan.Plan {
	p := plan.New("ledger-4.0", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	err := p.Backlog.Load(backlog.Document{
		Requirements: []backlog.Requirement{{ID: "REQ-1", Title: "Train the help desk", Category: backlog.CategorySupportTraining,
			Priority: 1, State: workitem.Proposed, Reason: backlog.ReasonNew}},
		Tasks: []backlog.Task{{ID: "REQ-1/deliver", Title: "Deliver the sessions", Discipline: backlog.DisciplineUserEducation,
			Requirements: []string{"REQ-1"}, Estimate: backlog.Days(2), Assignee: "Ana Ortiz <ana@contoso.com>",
			State: workitem.Proposed, Reason: backlog.ReasonNew}},
	})
	if err != nil {
		panic(err)
	}
	return p
}

// The JSON Patch document that creates a task, linked to the requirement
// created before it in the same $batch call (temporary ID -1).
func ExampleBuild() {
	e, err := azureboards.Build(tinyPlan(), azureboards.Options{Organization: "contoso", Project: "Ledger"})
	if err != nil {
		fmt.Println(err)
		return
	}
	task := e.Items()[1]
	url, _ := e.URL(&task, nil)
	fmt.Println(task.Method(), url)
	out, _ := json.MarshalIndent(task.Patch, "", "  ")
	fmt.Println(string(out))
	// Output:
	// POST https://dev.azure.com/contoso/Ledger/_apis/wit/workitems/$Task?api-version=7.1
	// [
	//   {
	//     "op": "add",
	//     "path": "/fields/System.Title",
	//     "value": "Deliver the sessions"
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/System.AssignedTo",
	//     "value": "Ana Ortiz \u003cana@contoso.com\u003e"
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.Common.Discipline",
	//     "value": "User Education"
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.Scheduling.OriginalEstimate",
	//     "value": 16
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.Scheduling.RemainingWork",
	//     "value": 16
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.CMMI.Blocked",
	//     "value": "No"
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.CMMI.TaskType",
	//     "value": "Planned"
	//   },
	//   {
	//     "op": "add",
	//     "path": "/fields/Microsoft.VSTS.Common.Priority",
	//     "value": 1
	//   },
	//   {
	//     "op": "add",
	//     "path": "/relations/-",
	//     "value": {
	//       "rel": "System.LinkTypes.Hierarchy-Reverse",
	//       "url": "https://dev.azure.com/contoso/_apis/wit/workItems/-1"
	//     }
	//   }
	// ]
}

// Recording the answer of a $batch call: the work item IDs become the
// backlog's tracker references, and the next export skips the items.
func ExampleExport_ApplyResults() {
	p := tinyPlan()
	o := azureboards.Options{Organization: "contoso", Project: "Ledger"}
	e, _ := azureboards.Build(p, o)
	answer := `{"count":2,"value":[
	  {"code":200,"body":"{\"id\":4711,\"_links\":{\"html\":{\"href\":\"https://dev.azure.com/contoso/Ledger/_workitems/edit/4711\"}}}"},
	  {"code":200,"body":"{\"id\":4712}"}]}`
	rep, err := e.ApplyResults(p, 0, []byte(answer))
	fmt.Println(len(rep.Created), "created, error:", err)
	t, _ := p.Backlog.Task("REQ-1/deliver")
	fmt.Println(t.Tracker.String(), t.Tracker.URL)
	again, _ := azureboards.Build(p, o)
	fmt.Println(len(again.Items()), "items,", len(again.Skipped()), "skipped")
	// Output:
	// 2 created, error: <nil>
	// Azure Boards#4712 https://dev.azure.com/contoso/Ledger/_workitems/edit/4712
	// 0 items, 2 skipped
}

// The CSV file for Boards > Import work items: the task goes under its
// requirement in Title 2. (Lines end in CRLF, shown here as LF.)
func ExampleWriteCSV() {
	var buf bytes.Buffer
	err := azureboards.WriteCSV(&buf, tinyPlan(), azureboards.Options{IterationPath: `Ledger\Launch`})
	if err != nil {
		fmt.Println(err)
	}
	// Every field has its column; print the ones each row fills.
	rows, _ := csv.NewReader(&buf).ReadAll()
	for _, row := range rows[1:] {
		var cells []string
		for k, v := range row {
			if v != "" {
				cells = append(cells, rows[0][k]+"="+v)
			}
		}
		fmt.Println(strings.Join(cells, " | "))
	}
	// Output:
	// Work Item Type=Requirement | Title 1=Train the help desk | Tags=support-training | Iteration Path=Ledger\Launch | Priority=1 | Requirement Type=Operational
	// Work Item Type=Task | Title 2=Deliver the sessions | Assigned To=Ana Ortiz <ana@contoso.com> | Iteration Path=Ledger\Launch | Priority=1 | Task Type=Planned | Discipline=User Education | Blocked=No | Original Estimate=16 | Remaining Work=16
}

// The $batch body that creates the requirement and its task in one call:
// the requirement declares the temporary ID -1, the task links to it.
func ExampleExport_BatchBody() {
	e, _ := azureboards.Build(tinyPlan(), azureboards.Options{Organization: "contoso", Project: "Ledger"})
	fmt.Println("PATCH", e.BatchURL())
	body, err := e.BatchBody(0, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var reqs []struct {
		Method, URI string
		Body        []json.RawMessage
	}
	_ = json.Unmarshal(body, &reqs)
	for _, r := range reqs {
		fmt.Println(r.Method, r.URI)
		fmt.Println("  ", string(r.Body[0]))
		fmt.Println("  ", string(r.Body[len(r.Body)-1]))
	}
	// Output:
	// PATCH https://dev.azure.com/contoso/_apis/wit/$batch?api-version=5.0
	// PATCH /Ledger/_apis/wit/workitems/$Requirement?api-version=5.0
	//    {"op":"add","path":"/id","value":-1}
	//    {"op":"add","path":"/fields/Microsoft.VSTS.CMMI.RequirementType","value":"Operational"}
	// PATCH /Ledger/_apis/wit/workitems/$Task?api-version=5.0
	//    {"op":"add","path":"/id","value":-2}
	//    {"op":"add","path":"/relations/-","value":{"rel":"System.LinkTypes.Hierarchy-Reverse","url":"https://dev.azure.com/contoso/_apis/wit/workItems/-1"}}
}

// A revision of a committed plan becomes a Change Request that affects
// the requirements it changed; its state follows the program office's
// commitments against the revision.
func ExampleChangeRequestsOf() {
	p := tinyPlan()
	ch := lifecycle.Change{By: "Ana Ortiz <ana@contoso.com>", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	if _, err := p.TakeBaseline("committed", ch); err != nil {
		fmt.Println(err)
		return
	}
	rev := ch
	rev.Reason = "Help desk grows by a second site"
	p.Revise(rev)
	r, _ := p.Backlog.Requirement("REQ-1")
	r.Title = "Train both help desk sites"
	if err := p.UpdateRequirement(r, ch); err != nil {
		fmt.Println(err)
		return
	}
	crs, err := azureboards.ChangeRequestsOf(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range crs {
		state, reason := c.State()
		fmt.Println(c.ID(), state, reason, c.Requirements, c.Started.Reason)
	}
	e, err := azureboards.Build(p, azureboards.Options{Organization: "contoso", Project: "Ledger"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range e.Items() {
		if it.Kind == azureboards.ChangeRequests && !it.IsMove() {
			fmt.Println(it.Type, it.Links[0].Rel, it.Links[0].Target, it.Links[0].WorkItem)
		}
	}
	// Output:
	// revision-1 Proposed New [REQ-1] Help desk grows by a second site
	// Change Request Microsoft.VSTS.Common.Affects-Forward REQ-1 -1
}

// The state changes of a work item, each with its own author and time,
// from the updates endpoint's answer.
func ExampleDecodeUpdates() {
	answer := []byte(`{"count":3,"value":[
	 {"rev":1,"fields":{"System.State":{"newValue":"Proposed"},"System.Reason":{"newValue":"New"},
	   "System.ChangedBy":{"newValue":{"displayName":"Ana Ortiz","uniqueName":"ana@contoso.com"}},"System.ChangedDate":{"newValue":"2027-03-01T12:00:00Z"}}},
	 {"rev":2,"fields":{"Microsoft.VSTS.Scheduling.RemainingWork":{"oldValue":16,"newValue":12}}},
	 {"rev":3,"fields":{"System.State":{"oldValue":"Proposed","newValue":"Active"},"System.Reason":{"oldValue":"New","newValue":"Accepted"},
	   "System.ChangedBy":{"newValue":{"displayName":"Bob Ray","uniqueName":"bob@contoso.com"}},"System.ChangedDate":{"newValue":"2027-03-02T09:30:00Z"}}}]}`)
	changes, err := azureboards.DecodeUpdates(answer)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range changes {
		fmt.Println(c.Rev, c.State, c.Reason, c.ChangedBy, c.ChangedDate.Format(time.RFC3339))
	}
	// Output:
	// 1 Proposed New Ana Ortiz <ana@contoso.com> 2027-03-01T12:00:00Z
	// 3 Active Accepted Bob Ray <bob@contoso.com> 2027-03-02T09:30:00Z
}
