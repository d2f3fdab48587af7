package azureboards_test

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// BenchmarkBatches builds the export of 10,000 tasks (and their 1,000
// requirements) and renders all 55 $batch bodies.
func BenchmarkBatches(b *testing.B) {
	p := bigPlan(b, 10_000)
	o := ab.Options{Organization: "contoso", Project: "Ledger", AreaPath: `Ledger\Launch`}
	b.ReportAllocs()
	for b.Loop() {
		e, err := ab.Build(p, o)
		if err != nil {
			b.Fatal(err)
		}
		assigned := make(map[int]int, len(e.Items()))
		for i := range e.NumBatches() {
			if _, err := e.BatchBody(i, assigned); err != nil {
				b.Fatal(err)
			}
			for _, it := range e.Batch(i) {
				assigned[it.TempID] = -it.TempID
			}
		}
	}
}

// BenchmarkCSVFiles writes the same plan as CSV import files.
func BenchmarkCSVFiles(b *testing.B) {
	p := bigPlan(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		files, err := ab.CSVFiles(p, ab.Options{})
		if err != nil || len(files) != 12 || !bytes.HasPrefix(files[0], []byte("ID,")) {
			b.Fatal(len(files), err)
		}
	}
}

// trackedPlan builds n tasks (as bigPlan) and logItems risks and as many
// issues, a fifth of the tasks and risks and issues in each of Active,
// Resolved and Closed; with tracked set every item has its work item
// (requirements from 1, then tasks, risks, issues).
func trackedPlan(tb testing.TB, n, logItems int, tracked bool) *plan.Plan {
	tb.Helper()
	p := bigPlan(tb, n)
	doc := p.Backlog.Document()
	taskStates := []struct {
		s workitem.State
		r lifecycle.Reason
	}{{workitem.Proposed, "New"}, {workitem.Proposed, "New"}, {workitem.Active, "Accepted"},
		{workitem.Resolved, "Complete and Requires Review/Test"}, {workitem.Closed, "Complete and Does Not Require Review/Test"}}
	id := 0
	for i := range doc.Requirements {
		id++
		if tracked {
			doc.Requirements[i].Tracker = backlog.TrackerRef{System: ab.System, ID: strconv.Itoa(id)}
		}
	}
	for i := range doc.Tasks {
		id++
		st := taskStates[i%5]
		doc.Tasks[i].State, doc.Tasks[i].Reason = st.s, st.r
		doc.Tasks[i].Assignee = fmt.Sprintf("Person %d <p%d@contoso.com>", i%50, i%50)
		if tracked {
			doc.Tasks[i].Tracker = backlog.TrackerRef{System: ab.System, ID: strconv.Itoa(id)}
		}
	}
	if err := p.Backlog.Load(doc); err != nil {
		tb.Fatal(err)
	}
	var log risk.LogDocument
	riskStates := []struct {
		s workitem.State
		r lifecycle.Reason
	}{{workitem.Proposed, "New"}, {workitem.Proposed, "New"}, {workitem.Active, "Mitigation Triggered"},
		{workitem.Resolved, "Mitigation Action Complete"}, {workitem.Closed, "Mitigated"}}
	issueStates := []struct {
		s workitem.State
		r lifecycle.Reason
	}{{workitem.Proposed, "New"}, {workitem.Proposed, "New"}, {workitem.Active, "Accepted"},
		{workitem.Resolved, "Resolved"}, {workitem.Closed, "Resolution Verified and Accepted"}}
	for i := range logItems {
		r := risk.Risk{ID: fmt.Sprintf("R%d", i), Title: "Risk", Condition: "c", Consequence: "q", Kind: risk.Threat,
			Probability: risk.Probability(1 + i%99), Impact: risk.Impact(1 + i%5), Owner: "Owner <o@contoso.com>",
			MitigationPlan: "m", ContingencyPlan: "c", Trigger: "t", TaskIDs: []string{fmt.Sprintf("T%d", i%n)},
			State: riskStates[i%5].s, Reason: riskStates[i%5].r}
		is := risk.Issue{ID: fmt.Sprintf("I%d", i), Title: "Issue", Priority: risk.Priority(1 + i%4), Owner: "Owner <o@contoso.com>",
			Blocks: risk.Blocks{TaskIDs: []string{fmt.Sprintf("T%d", (i*7)%n)}}, State: issueStates[i%5].s, Reason: issueStates[i%5].r}
		if tracked {
			r.Tags = []string{ab.TagPrefix + strconv.Itoa(id+1+i)}
			is.Tags = []string{ab.TagPrefix + strconv.Itoa(id+1+logItems+i)}
		}
		log.Risks = append(log.Risks, r)
		log.Issues = append(log.Issues, is)
	}
	if err := p.Risks.Load(log); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkExportWithLog builds the export of 10,000 tasks, their 1,000
// requirements, 1,000 risks and 1,000 issues (items in every state, so
// with their moves) and renders every $batch body.
func BenchmarkExportWithLog(b *testing.B) {
	p := trackedPlan(b, 10_000, 1_000, false)
	o := ab.Options{Organization: "contoso", Project: "Ledger", AreaPath: `Ledger\Launch`}
	b.ReportAllocs()
	for b.Loop() {
		e, err := ab.Build(p, o)
		if err != nil {
			b.Fatal(err)
		}
		assigned := make(map[int]int, len(e.Items()))
		for _, it := range e.Items() {
			if it.IsCreate() {
				assigned[it.TempID] = -it.TempID
			}
		}
		for i := range e.NumBatches() {
			if _, err := e.BatchBody(i, assigned); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadBack reads the batch get answer for the same 13,000 work
// items, of which every fifth task, risk and issue moved on in the tracker
// (with a new assignee and work for the tasks), and applies it to the plan.
func BenchmarkReadBack(b *testing.B) {
	p0 := trackedPlan(b, 10_000, 1_000, true)
	doc, err := plan.Encode(p0)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"count":0,"value":[`)
	id := 0
	write := func(typ, state, reason, assigned string, extra string) {
		id++
		if id > 1 {
			buf.WriteByte(',')
		}
		if assigned != "" {
			extra += fmt.Sprintf(`,"System.AssignedTo":{"displayName":%q,"uniqueName":"x@contoso.com"}`, assigned)
		}
		fmt.Fprintf(&buf, `{"id":%d,"rev":3,"fields":{"System.WorkItemType":%q,"System.State":%q,"System.Reason":%q,"System.ChangedBy":{"displayName":"Bob","uniqueName":"bob@contoso.com"},"System.ChangedDate":"2031-01-02T09:00:00Z"%s}}`,
			id, typ, state, reason, extra)
	}
	for _, r := range p0.Backlog.Requirements() {
		write("Requirement", r.State.String(), string(r.Reason), "", "")
	}
	for i, t := range p0.Backlog.Tasks() {
		if i%5 == 2 { // Active -> Resolved, reassigned, work done
			write("Task", "Resolved", "Complete and Requires Review/Test", "Someone Else", `,"Microsoft.VSTS.Scheduling.RemainingWork":0,"Microsoft.VSTS.Scheduling.CompletedWork":8`)
			continue
		}
		write("Task", t.State.String(), string(t.Reason), "", "")
	}
	for i, r := range p0.Risks.Risks() {
		if i%5 == 2 {
			write("Risk", "Resolved", "Mitigation Action Complete", "", "")
			continue
		}
		write("Risk", r.State.String(), string(r.Reason), "", "")
	}
	for i, is := range p0.Risks.Issues() {
		if i%5 == 2 {
			write("Issue", "Resolved", "Resolved", "", "")
			continue
		}
		write("Issue", is.State.String(), string(is.Reason), "", "")
	}
	buf.WriteString("]}")
	data := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		p, err := plan.Decode(doc, plan.DecodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		items, err := ab.DecodeWorkItems(data)
		if err != nil {
			b.Fatal(err)
		}
		res, err := ab.Apply(p, items, ab.ApplyOptions{})
		if err != nil || len(res.Applied) != 2_400 {
			b.Fatalf("%v: %d applied", err, len(res.Applied))
		}
	}
}

// BenchmarkChangeRequests builds the change request of a revision of the
// committed plan of 10,000 tasks, 1,000 requirements, 1,000 risks and
// 1,000 issues, in which 100 tasks changed: the plan is compared with its
// committed baseline.
func BenchmarkChangeRequests(b *testing.B) {
	p := trackedPlan(b, 10_000, 1_000, true)
	ch := lifecycle.Change{By: "rm", At: time.Date(2030, 1, 2, 9, 0, 0, 0, time.UTC)}
	if _, err := p.TakeBaseline("committed", ch); err != nil {
		b.Fatal(err)
	}
	p.Revise(ch)
	tasks := p.Backlog.Tasks()
	for i := 0; i < len(tasks); i += 100 {
		t := tasks[i]
		t.Estimate = backlog.Days(t.Estimate.MostLikely + 1)
		if err := p.UpdateTask(t, ch); err != nil {
			b.Fatal(err)
		}
	}
	o := ab.Options{Organization: "contoso", Project: "Ledger", Kinds: ab.ChangeRequests}
	b.ReportAllocs()
	for b.Loop() {
		e, err := ab.Build(p, o)
		if err != nil {
			b.Fatal(err)
		}
		if len(e.Items()) != 1 || len(e.Items()[0].Links) != 100 {
			b.Fatalf("%d items, want one change request related to the 100 tasks changed", len(e.Items()))
		}
	}
}
