package report_test

import (
	"context"
	"os"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/report"
)

// A tiny plan: one sales training requirement analysed into one task. The
// report shows its schedule against the release date and what the exit
// criterion still misses.
func ExampleWrite() {
	release := calendar.MustParse("2027-04-15")
	p := plan.New("tiny", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})
	p.Kickoff = calendar.MustParse("2027-03-01")
	ch := lifecycle.Change{By: "Rita", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	p.Notification = plan.Notification{From: "Program Office", At: ch.At, Reference: "PO-17", Version: "4.0", Date: release}
	p.Assign(plan.ReleaseManager, ch, "Rita")
	p.Assign(plan.IPMOfficer, ch, "Ivo")
	p.Assign(plan.ProjectManager, ch, "Pat")
	_ = p.Backlog.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining}, ch)
	_ = p.Backlog.AddTask(backlog.Task{ID: "T1", Title: "Train the sales staff", Requirements: []string{"R1"},
		Estimate: backlog.Days(5), Assignee: "Tom"}, ch)

	checker := plan.DefaultChecker()
	// This launch expects only sales training.
	only, _ := backlog.NewCatalogue(backlog.CategoryInfo{Category: backlog.CategorySalesTraining, Group: backlog.GroupTraining, Title: "Sales training", Expected: true})
	checker.Policy.Catalogue = only
	checker.Policy.RequireTrackerEntry = false
	checker.Policy.RequireDemands = false
	err := report.Write(context.Background(), os.Stdout, p, report.Options{
		Checker:  &checker,
		AsOf:     calendar.MustParse("2027-03-01"),
		Sections: report.SectionRelease | report.SectionTasks | report.SectionFindings,
	})
	if err != nil {
		panic(err)
	}
	// Output:
	// Contoso Ledger 4.0 rollout and deployment plan
	// ==============================================
	// Plan:             tiny (revision 0)
	// Release:          Contoso Ledger 4.0, launch 2027-04-15 (Thursday)
	// Kickoff:          2027-03-01, calendar standard (Monday to Friday)
	// Workdays:         33 from kickoff to launch
	// As of:            2027-03-01
	// Entry criterion:  met: committed to release 4.0 on 2027-04-15
	// Notification:     Program Office, 2027-03-01, ref PO-17
	//
	// TASKS AND SCHEDULE
	// ------------------
	// Tasks:               1 (1 Proposed), 0 milestones; 1 open
	// Tracker:             1 not entered, 0 unassigned
	// Start:               2027-03-01
	// Release work ready:  2027-03-05, meets the release date 2027-04-15 (slack 29 workdays)
	// All work done:       2027-03-05 (post-launch work included)
	//
	// Critical chain to T1:
	// Task  Start       Finish      Float  Link
	// T1    2027-03-01  2027-03-05  29     starts at the kickoff
	//
	// Release work with the least float:
	// Task  Start       Finish      Float  Finish no later than
	// T1    2027-03-01  2027-03-05  29     -
	//
	// Just in time (as late as possible), 1 tasks:
	// Task  Start       Finish      Earliest start  Float
	// T1    2027-04-09  2027-04-15  2027-03-01      29
	//
	// EXIT CRITERION: A PLAN DETAILING ALL THE ACTIVITIES REQUIRED FOR A SUCCESSFUL LAUNCH
	// ------------------------------------------------------------------------------------
	// Result:  NOT MET: 1 finding(s), 1 blocking, 25 rules run
	//
	// Identify Risks:
	//   error  plan.risks.logged  risks.risks  the risk log holds no risk (a launch plan without risks has not been analysed)
}
