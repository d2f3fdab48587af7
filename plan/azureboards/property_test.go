package azureboards_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/workitem"
)

// randomPlan builds a backlog of random tasks whose dependencies point to
// any earlier-created task, listed in a shuffled order, some tracked.
func randomPlan(t *testing.T, seed uint64) *plan.Plan {
	r := rand.New(rand.NewPCG(seed, 7))
	p := plan.New("r", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2028-01-01")})
	var doc backlog.Document
	nr := 1 + r.IntN(5)
	for i := range nr {
		doc.Requirements = append(doc.Requirements, backlog.Requirement{ID: fmt.Sprint("R", i), Title: "r", Category: "cutover",
			State: workitem.Proposed, Reason: "New"})
	}
	n := 1 + r.IntN(60)
	tasks := make([]backlog.Task, n)
	for i := range n {
		tk := backlog.Task{ID: fmt.Sprint("T", i), Title: "t", Estimate: backlog.Days(1), State: workitem.Proposed, Reason: "New"}
		for range r.IntN(3) {
			tk.Requirements = append(tk.Requirements, fmt.Sprint("R", r.IntN(nr)))
		}
		seen := map[int]bool{}
		for range r.IntN(4) {
			if i == 0 {
				break
			}
			j := r.IntN(i)
			if !seen[j] {
				seen[j] = true
				tk.Dependencies = append(tk.Dependencies, backlog.Dependency{Task: fmt.Sprint("T", j), Type: backlog.DependencyType(r.IntN(4)), Lag: r.IntN(3)})
			}
		}
		if r.IntN(5) == 0 {
			tk.Tracker = backlog.TrackerRef{System: ab.System, ID: fmt.Sprint(5000 + i)}
		}
		tasks[i] = tk
	}
	r.Shuffle(n, func(i, j int) { tasks[i], tasks[j] = tasks[j], tasks[i] })
	// Requirements listed twice by a task are a validation problem; keep
	// the first of each.
	for i := range tasks {
		var reqs []string
		for _, q := range tasks[i].Requirements {
			dup := false
			for _, x := range reqs {
				dup = dup || x == q
			}
			if !dup {
				reqs = append(reqs, q)
			}
		}
		tasks[i].Requirements = reqs
	}
	doc.Tasks = tasks
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	return p
}

// Property: for any backlog, links only point backwards, temporary IDs
// run -1, -2, ..., every dependency of a created task becomes one
// predecessor link, a task has at most one parent, and the output is the
// same every time.
func TestPropertyOrder(t *testing.T) {
	for seed := range uint64(200) {
		p := randomPlan(t, seed)
		o := opts()
		o.BatchSize = 1 + int(seed%7)
		e := build(t, p, o)
		checkTopological(t, e)
		for _, it := range e.Items() {
			if it.Kind != ab.Tasks {
				continue
			}
			tk, _ := p.Backlog.Task(it.ID)
			preds, parents := 0, 0
			for _, l := range it.Links {
				switch l.Rel {
				case ab.LinkPredecessor:
					preds++
				case ab.LinkParent:
					parents++
				}
			}
			if preds != len(tk.Dependencies) || parents > 1 || (len(tk.Requirements) > 0) != (parents == 1) {
				t.Fatalf("seed %d: %s has %d predecessor and %d parent links for %+v", seed, it.ID, preds, parents, tk)
			}
		}
		// Rendering every batch in turn resolves every link.
		assigned := map[int]int{}
		var all []byte
		for i := range e.NumBatches() {
			body, err := e.BatchBody(i, assigned)
			if err != nil {
				t.Fatalf("seed %d batch %d: %v", seed, i, err)
			}
			all = append(all, body...)
			for _, it := range e.Batch(i) {
				assigned[it.TempID] = 9000 - it.TempID
			}
		}
		again := build(t, randomPlanSame(t, seed), o)
		var all2 []byte
		assigned2 := map[int]int{}
		for i := range again.NumBatches() {
			body, _ := again.BatchBody(i, assigned2)
			all2 = append(all2, body...)
			for _, it := range again.Batch(i) {
				assigned2[it.TempID] = 9000 - it.TempID
			}
		}
		if !bytes.Equal(all, all2) {
			t.Fatalf("seed %d: output differs between runs", seed)
		}
	}
}

func randomPlanSame(t *testing.T, seed uint64) *plan.Plan { return randomPlan(t, seed) }

// The sample plan of Contoso Ledger 4.0 has every task and requirement in
// Azure Boards already: only risks and issues are left to create, and the
// CSV carries them.
func TestSamplePlan(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Kinds = ab.AllKinds
	e := build(t, p, o)
	checkTopological(t, e)
	nr, ni := p.Risks.NumRisks(), p.Risks.NumIssues()+len(p.Decisions) // issues and reviews
	if len(mainItems(e)) != nr+ni || len(e.Skipped()) != p.Backlog.NumRequirements()+p.Backlog.NumTasks() {
		t.Errorf("%d items, %d skipped; want %d and %d", len(mainItems(e)), len(e.Skipped()), nr+ni, p.Backlog.NumRequirements()+p.Backlog.NumTasks())
	}
	o.Existing = ab.Update
	e = build(t, p, o)
	if n := len(mainItems(e)); n != nr+ni+p.Backlog.NumRequirements()+p.Backlog.NumTasks() {
		t.Errorf("update: %d items", n)
	}
	files, err := ab.CSVFiles(p, ab.Options{Kinds: ab.AllKinds})
	if err != nil || len(files) != 1 {
		t.Fatalf("%d files: %v", len(files), err)
	}
	if rows := readCSV(t, files[0]); len(rows) != 1+nr+ni {
		t.Errorf("%d CSV rows, want %d", len(rows), 1+nr+ni)
	}
}
