package azureboards_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/workitem"
)

// FuzzApplyResults feeds any bytes as the answer to a batch: no panic,
// every item either created or failed, and only created items get a
// tracker reference.
func FuzzApplyResults(f *testing.F) {
	p0 := smallPlan(f)
	o := opts()
	o.Kinds = ab.AllKinds
	e0, err := ab.Build(p0, o)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(respond(e0.Batch(0), 100, nil))
	f.Add(respond(e0.Batch(0), 100, map[string]int{"T2": 409}))
	f.Add([]byte(`[{"code":200,"body":{"id":1,"_links":{"html":{"href":"https://x/1"}}}},{"code":200,"body":"{\"id\":2}"}]`))
	f.Add([]byte(`{"count":1,"value":[{"code":"200","body":null}]}`))
	f.Add([]byte(`{"value":[{"code":200,"body":{"id":-5}},{"code":200,"body":{"id":99999999999}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := smallPlan(t)
		e, err := ab.Build(p, o)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.ApplyResults(p, 0, data)
		n := len(e.Batch(0))
		if len(rep.Created)+len(rep.Failed) != n {
			t.Fatalf("%d created + %d failed for %d items", len(rep.Created), len(rep.Failed), n)
		}
		if (err == nil) != (len(rep.Failed) == 0) {
			t.Fatalf("err %v with %d failures", err, len(rep.Failed))
		}
		if err != nil && len(rep.Failed) > 0 && !errors.Is(err, ab.ErrItemFailed) {
			t.Fatalf("err %v does not wrap ErrItemFailed", err)
		}
		for _, c := range rep.Created {
			if c.WorkItem <= 0 || rep.Assigned[c.TempID] != c.WorkItem {
				t.Fatalf("created %+v not in Assigned", c)
			}
		}
		if l := p.ValidateList(); l.HasBlocking() {
			t.Fatalf("the plan no longer validates: %v", l.Blocking())
		}
		untracked := len(p.Backlog.Untracked())
		if want := p.Backlog.NumRequirements() + p.Backlog.NumTasks() - countKinds(rep.Created, ab.Requirements|ab.Tasks); untracked != want {
			t.Fatalf("%d untracked, want %d", untracked, want)
		}
	})
}

func countKinds(es []ab.Entry, k ab.Kinds) int {
	n := 0
	for _, e := range es {
		if k&e.Kind != 0 {
			n++
		}
	}
	return n
}

// FuzzWriteCSV writes a requirement and a task with any title, tag and
// assignee: the CSV parses back, with the titles and the row count intact.
func FuzzWriteCSV(f *testing.F) {
	f.Add("Train the help desk", "Prepare \"material\", v2", "emea", "Ana Ortiz <ana@contoso.com>")
	f.Add("a\r\nb", "=SUM(A1)", "x;y", `"Ortiz, Ana" <ana@contoso.com>`)
	f.Add("\xff", "t", "", "@")
	f.Fuzz(func(t *testing.T, reqTitle, taskTitle, tag, assignee string) {
		p := plan.New("p", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
		doc := backlog.Document{
			Requirements: []backlog.Requirement{{ID: "R", Title: reqTitle, Category: "cutover", Tags: []string{tag}, State: workitem.Proposed, Reason: "New"}},
			Tasks: []backlog.Task{{ID: "T", Title: taskTitle, Requirements: []string{"R"}, Assignee: assignee, Tags: []string{tag},
				Estimate: backlog.Days(1), State: workitem.Proposed, Reason: "New"}},
		}
		if err := p.Backlog.Load(doc); err != nil {
			return // not a valid backlog
		}
		var buf bytes.Buffer
		if err := ab.WriteCSV(&buf, p, ab.Options{}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		if len(rows) != 3 {
			t.Fatalf("%d rows", len(rows))
		}
		norm := func(s string) string { return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s) }
		if norm(rows[1][2]) != norm(reqTitle) || norm(rows[2][3]) != norm(taskTitle) || rows[2][2] != "" {
			t.Fatalf("titles %q %q, want %q %q", rows[1][2], rows[2][3], reqTitle, taskTitle)
		}
		if rows[2][5] != ab.Identity(assignee) && norm(rows[2][5]) != norm(ab.Identity(assignee)) {
			t.Fatalf("assignee %q", rows[2][5])
		}
	})
}
