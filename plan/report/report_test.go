package report_test

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/report"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

var spaces = regexp.MustCompile(`[ \t]+`)

// render writes the report of p and returns it with every run of blanks
// folded to one space, so that assertions do not depend on column widths.
func render(t *testing.T, p *plan.Plan, opts report.Options) (raw, folded string) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(context.Background(), &buf, p, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String(), spaces.ReplaceAllString(buf.String(), " ")
}

func sampleOptions() report.Options {
	k := sample.Checker()
	return report.Options{
		Checker:         &k,
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 300, Seed: 7, Workers: 2}},
	}
}

func samplePlan(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSampleReport(t *testing.T) {
	p := samplePlan(t)
	before, _ := plan.Encode(p)
	_, got := render(t, p, sampleOptions())
	for _, want := range []string{
		"Release: Contoso Ledger 4.0, launch 2027-04-15 (Thursday), tier T1",
		"As of: 2027-03-01",
		"Entry criterion: met: committed to release 4.0 on 2027-04-15",
		"Notification: Contoso Program Management Office, 2027-01-08, ref PMO-DR-2027-004",
		"State: in-progress",
		"Release Manager: Rita Alvarez (responsible,accountable)",
		"1 Gather Release and Deployment Requirements done 0",
		"4 Gain Commitments on Resources underway 2",
		"5 Identify Risks underway 1",
		"training Sales training 1 4",
		"deployment Installation and deployment waves 2 16",
		"Traced: 26 of 26 requirements have tasks",
		"Untraced: -",
		"Tasks: 115 (",
		"Tracker: 0 not entered, 0 unassigned",
		"meets the release date 2027-04-15",
		"Critical chain to ",
		"Iterations: 300 (seed 7, triangular)",
		"P50 / P80 / P95: 2027-04-",
		"Over-allocations: none",
		"Coverage gaps: 1 against revision 1",
		"REQ-13/run-events/presenter-2 not-covered 20 hours 20 hours C-REQ-13/run-events/presenter-2",
		"Category Required Committed Short of required Spent Unspent of committed",
		"events USD 140,000.00 USD 110,000.00 USD 30,000.00 USD 18,000.00 USD 92,000.00",
		"training USD 48,000.00 USD 48,000.00 - USD 12,500.00 USD 35,500.00",
		"total USD 416,500.00 USD 386,500.00 USD 30,000.00 USD 83,500.00 USD 303,000.00",
		"Logged: 9 (8 threats, 1 opportunity), 9 open",
		"R1 threat technical 40 4 160 5d Yuki Tanaka 2027-03-08 Migration scripts fail",
		"Open risks by probability and impact (0 red, 6 amber, 3 green):",
		"81-99% amber amber RED RED RED",
		"21-40% green green R9 R3 amber R2 amber R1 R7 R4 amber R5",
		"Logged: 3, 3 open, 1 escalated, 0 overdue",
		"I-2 1 Active 2027-03-10 Ben Carter to VP Engineering on 2027-02-24 LAUNCH",
		"Checklist: 29 items, 21 must-have: 1 ready, 1 waived, 3 in progress, 1 at risk, 23 not started",
		"Security Sofia Reyes 1 1 0 0 0 1 0 1",
		"environment-readiness/security-review security Sofia Reyes 2027-03-23 at-risk",
		"Review: GNG-1 on 2027-04-12 (current revision)",
		"Outcome: undecided",
		"Lena Novak Sales Lead not voted",
		"Result: NOT MET: 4 finding(s), 3 blocking, 25 rules run",
		"Gain Commitments on Resources:\n error budget.underfunded resources.budget.lines[2] category events",
		"error demand.uncovered resources.demands[3] demand REQ-13/run-events/presenter-2 is not covered",
		"error plan.risks.handled risks.risks[4].contingencyPlan",
		"warning plan.issues.blocking risks.issues[1] issue I-2",
		"Baseline: committed (revision 1, 2027-02-26, by Rita Alvarez)",
		"DEPLOYMENT WAVES",
		"Calendar: Contoso deployment",
		"Freeze: Q1 close of hosted customers, 2027-03-29 to 2027-04-02",
		"W1-internal pilot Contoso staff tenants (2 customers) 1d 3d 2027-03-15 to 2027-03-19 pending",
		"W3-ring1 broad North American hosted tenants (100 customers, 25 %) 2d 5d 2027-04-16 to 2027-04-27 pending",
		"success: posting error rate at most 0.5 % over 72 h",
		"trigger: posting error rate above 2 % over 1 h",
		"Point of no return: before W3-ring1: ring 1 migrates",
		"Guarded by: go/no-go review GNG-1",
		"HYPERCARE (EARLY LIFE SUPPORT)",
		"Period: 2027-04-15 to 2027-05-12 (20 workdays)",
		"Exit criterion: open priority 1 incidents at most 0 incidents over 120 h",
		"rota HC/rota-support Tariq Aziz 80 hours 2027-04-15 to 2027-05-12 committed",
		"war room HC/war-room Ledger 4.0 war room, Redmond 8 seats 2027-04-15 to 2027-05-12 committed",
		"OPERATIONAL COMMUNICATIONS\n-",
		"Day Task Communication Category Announces Workdays before the wave\n",
		"2027-03-09 REQ-24/notice-W2-early Maintenance notice sent: Early adopters maintenance-notices W2-early 13\n",
		"2027-03-09 REQ-24/notice-W4-everyone Maintenance notice sent: General availability: every remaining hosted tenant maintenance-notices W4-everyone 30\n",
		"2027-04-12 REQ-26/brief-teams Brief support, sales, account management and operations: Internal launch announcement and who-to-call list internal-announcements - -\n",
		`risk R7: risks.risks["R7"].probability changed from 25 to 40`,
		"REQ-22/write-docs changed 2027-02-26 2027-03-02 +2",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(got, "MISSES") || strings.Contains(got, "OVERDUE") {
		t.Error("the sample meets its date and has no overdue issue")
	}
	if strings.Contains(got, "NO MAINTENANCE NOTICE") {
		t.Error("a customer wave of the sample is reported without a notice")
	}
	if hc, com, rd := strings.Index(got, "HYPERCARE"), strings.Index(got, "OPERATIONAL COMMUNICATIONS"), strings.Index(got, "LAUNCH READINESS"); !(hc < com && com < rd) {
		t.Errorf("communications at %d, want after hypercare (%d) and before readiness (%d)", com, hc, rd)
	}
	after, _ := plan.Encode(p)
	if !bytes.Equal(before, after) {
		t.Error("Write changed the plan")
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := render(t, samplePlan(t), sampleOptions())
	b, _ := render(t, samplePlan(t), sampleOptions())
	if a != b {
		t.Error("two reports of the same plan differ")
	}
}

func TestSections(t *testing.T) {
	opts := sampleOptions()
	opts.Sections = report.SectionBudget | report.SectionIssues
	raw, _ := render(t, samplePlan(t), opts)
	if !strings.HasPrefix(raw, "BUDGET\n") || !strings.Contains(raw, "\nISSUES\n") {
		t.Errorf("want the budget and issues sections only, got:\n%s", raw)
	}
	for _, not := range []string{"RISKS", "FORECAST", "Contoso Ledger 4.0 rollout", "EXIT CRITERION"} {
		if strings.Contains(raw, not) {
			t.Errorf("section %q printed although not selected", not)
		}
	}
}

func TestTopRisksAndAsOf(t *testing.T) {
	opts := sampleOptions()
	opts.Sections = report.SectionRisks | report.SectionIssues
	opts.TopRisks = 2
	opts.AsOf = calendar.MustParse("2027-03-11")
	_, got := render(t, samplePlan(t), opts)
	for _, want := range []string{"Top 2 by exposure:", "Due for review by 2027-03-11: R7, R4, R2, R1, R5",
		"2027-03-10 OVERDUE", "1 overdue"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\nR5 threat operational") {
		t.Error("more than two risks listed")
	}
}

// A plan that misses its date shows the driving chain of the miss.
func TestMissedDate(t *testing.T) {
	release := calendar.MustParse("2027-03-05")
	p := plan.New("late", plan.Release{Product: "P", Version: "1", Date: release})
	p.Kickoff = calendar.MustParse("2027-03-01")
	ch := lifecycle.Change{By: "rm", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	if err := p.Backlog.AddRequirement(backlog.Requirement{ID: "R1", Title: "Docs", Category: backlog.CategoryDocumentation}, ch); err != nil {
		t.Fatal(err)
	}
	for _, tk := range []backlog.Task{
		{ID: "T1", Title: "Write", Requirements: []string{"R1"}, Estimate: backlog.Days(4)},
		{ID: "T2", Title: "Review", Requirements: []string{"R1"}, Estimate: backlog.Days(3), Dependencies: []backlog.Dependency{{Task: "T1"}}},
	} {
		if err := p.Backlog.AddTask(tk, ch); err != nil {
			t.Fatal(err)
		}
	}
	_, got := render(t, p, report.Options{Sections: report.SectionRelease | report.SectionTasks | report.SectionFindings | report.SectionBaseline | report.SectionDecision})
	for _, want := range []string{
		"Entry criterion: NOT MET (1 blocking finding): no notification",
		"MISSES the release date 2027-03-05",
		"Critical chain to T2:",
		"T2 2027-03-05 2027-03-09 -2 finish-to-start from T1",
		"plan.schedule.release-date release.date",
		"No baseline taken.",
		"No review held yet.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}

func TestEmptyPlan(t *testing.T) {
	p := plan.New("empty", plan.Release{})
	_, got := render(t, p, report.Options{})
	for _, want := range []string{"No risks logged.", "No issues logged.", "No budget.", "No tasks to forecast.", "Traced: 0 of 0",
		"No deployment waves planned.", "No hypercare planned."} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	// Communications get a section only when there are some to list.
	if strings.Contains(got, "OPERATIONAL COMMUNICATIONS") || strings.Contains(got, "NO MAINTENANCE NOTICE") {
		t.Errorf("an empty plan has a communications section:\n%s", got)
	}
}

// A customer wave that no maintenance notice announces is named after the
// communications: here the sample's internal pilot made a customer wave.
func TestWaveWithoutNotice(t *testing.T) {
	p := samplePlan(t)
	d := p.Deployment.Clone()
	d.Waves[0].Ring = deployment.RingEarlyAdopters
	if err := p.SetDeployment(d, lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, time.February, 26, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	_, got := render(t, p, report.Options{Sections: report.SectionDeployment})
	want := "who-to-call list internal-announcements - -\n\n" +
		"NO MAINTENANCE NOTICE announces customer wave W1-internal (Internal pilot: Contoso's own finance tenants, from 2027-03-15).\n"
	if !strings.Contains(got, want) {
		t.Errorf("report lacks %q:\n%s", want, got)
	}
	if n := strings.Count(got, "NO MAINTENANCE NOTICE"); n != 1 {
		t.Errorf("%d waves without a notice, want 1 (W1-internal)", n)
	}
}

func TestErrors(t *testing.T) {
	if err := report.Write(context.Background(), &bytes.Buffer{}, nil, report.Options{}); err == nil {
		t.Error("nil plan accepted")
	}
	w := &failing{after: 0} // the report is written with one call
	if err := report.Write(context.Background(), w, samplePlan(t), report.Options{Sections: report.SectionRelease | report.SectionBudget}); !errors.Is(err, errFull) {
		t.Errorf("write error = %v, want %v", err, errFull)
	}
	opts := sampleOptions()
	opts.Sections = report.SectionBaseline
	opts.Baseline = "nope"
	var out bytes.Buffer
	if err := report.Write(context.Background(), &out, samplePlan(t), opts); !errors.Is(err, plan.ErrNoBaseline) || out.Len() != 0 {
		t.Errorf("unknown baseline: %v; %d bytes written", err, out.Len())
	}
}

var errFull = errors.New("disk full")

type failing struct{ after int }

func (f *failing) Write(b []byte) (int, error) {
	if f.after <= 0 {
		return 0, errFull
	}
	f.after--
	return len(b), nil
}
