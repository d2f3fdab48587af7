package azureboards_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
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
//
// Kept fast on purpose (it once looked stalled at 0 execs/s): the export
// is built once, outside the fuzz function (Build costs about 0.3 ms even
// for this plan; ApplyResults only reads the export, so each execution
// applies it to a fresh plan); and the batches are small, three items, so
// the seeds are short. Every input that finds new coverage is minimized
// first, and the minimizer tries removing every range of bytes (quadratic
// in the input's length, up to -fuzzminimizetime, 60 s by default) without
// reporting executions meanwhile: with 2 KB seeds both workers sat in the
// minimizer for most of a short run (go.dev/issue/48820).
func FuzzApplyResults(f *testing.F) {
	p0 := smallPlan(f)
	o := opts()
	o.Kinds = ab.AllKinds
	o.BatchSize = 3
	e, err := ab.Build(p0, o)
	if err != nil {
		f.Fatal(err)
	}
	if e.NumBatches() < 3 {
		f.Fatalf("%d batches, want every kind spread over at least 3", e.NumBatches())
	}
	for i := range e.NumBatches() {
		if _, err := e.ApplyResults(smallPlan(f), i, compactResponse(e.Batch(i), 100, nil)); err != nil {
			f.Fatalf("batch %d: %v", i, err)
		}
	}
	f.Add(uint8(0), compactResponse(e.Batch(0), 100, nil))
	f.Add(uint8(1), compactResponse(e.Batch(1), 100, map[string]int{"T2": 409}))
	f.Add(uint8(2), compactResponse(e.Batch(2), 100, nil))
	f.Add(uint8(0), respond(e.Batch(0)[:1], 100, nil))
	f.Add(uint8(0), []byte(`[{"code":200,"body":{"id":1,"_links":{"html":{"href":"https://x/1"}}}},{"code":200,"body":"{\"id\":2}"}]`))
	f.Add(uint8(1), []byte(`{"count":1,"value":[{"code":"200","body":null}]}`))
	f.Add(uint8(2), []byte(`{"value":[{"code":200,"body":{"id":-5}},{"code":200,"body":{"id":99999999999}}]}`))
	f.Fuzz(func(t *testing.T, batch uint8, data []byte) {
		i := int(batch) % e.NumBatches()
		p := smallPlan(t)
		rep, err := e.ApplyResults(p, i, data)
		n := len(e.Batch(i))
		// Every item is created, updated, moved (the batches after the
		// creates move items along their states) or failed.
		if len(rep.Created)+len(rep.Updated)+len(rep.Moved)+len(rep.Failed) != n {
			t.Fatalf("%d created + %d updated + %d moved + %d failed for %d items", len(rep.Created), len(rep.Updated), len(rep.Moved), len(rep.Failed), n)
		}
		// An error says why: items failed (ErrItemFailed), or the body
		// could not be read or held the wrong number of items
		// (ErrResponse; extra responses fail no item).
		if len(rep.Failed) > 0 && !errors.Is(err, ab.ErrItemFailed) {
			t.Fatalf("%d failures, err %v does not wrap ErrItemFailed", len(rep.Failed), err)
		}
		if len(rep.Failed) == 0 && err != nil && !errors.Is(err, ab.ErrResponse) {
			t.Fatalf("no failures, err %v does not wrap ErrResponse", err)
		}
		if errors.Is(err, ab.ErrItemFailed) && len(rep.Failed) == 0 {
			t.Fatalf("err %v with no failures", err)
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

// compactResponse is respond without headers, links or the body sent as a
// string: the shortest answer Azure Boards could give, so that the seeds
// stay short.
func compactResponse(items []ab.Item, first int, fail map[string]int) []byte {
	var b strings.Builder
	b.WriteString(`[`)
	for k, it := range items {
		if k > 0 {
			b.WriteString(",")
		}
		if code, ok := fail[it.ID]; ok {
			fmt.Fprintf(&b, `{"code":%d,"body":{"message":"TF401320"}}`, code)
			continue
		}
		id := first + k
		if it.WorkItem > 0 {
			id = it.WorkItem
		}
		fmt.Fprintf(&b, `{"code":200,"body":{"id":%d}}`, id)
	}
	b.WriteString("]")
	return []byte(b.String())
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
		col := slices.Index(rows[0], "Assigned To")
		if rows[2][col] != ab.Identity(assignee) && norm(rows[2][col]) != norm(ab.Identity(assignee)) {
			t.Fatalf("assignee %q", rows[2][col])
		}
	})
}
