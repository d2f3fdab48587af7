package backlog_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/workitem"
)

// bigDocument returns n tasks with 3 dependencies each (on earlier tasks,
// so the network is acyclic, except for the first three), one requirement
// per 10 tasks, a demand on every tenth task, and the creation event of
// every item (as MarshalJSON writes them).
func bigDocument(n int) backlog.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	doc := backlog.Document{
		Requirements: make([]backlog.Requirement, n/10),
		Tasks:        make([]backlog.Task, n),
	}
	cats := backlog.DefaultCatalogue().Categories()
	for i := range doc.Requirements {
		doc.Requirements[i] = backlog.Requirement{ID: fmt.Sprintf("R%06d", i), Title: "Requirement", Category: cats[i%len(cats)],
			Timing: backlog.Before(5), State: workitem.Proposed, Reason: backlog.ReasonNew}
	}
	for i := range doc.Tasks {
		t := backlog.Task{ID: fmt.Sprintf("T%06d", i), Title: "Task", Discipline: backlog.DisciplineUserEducation,
			Requirements: []string{fmt.Sprintf("R%06d", i/10)}, Estimate: backlog.ThreePoint(1, 2, 4),
			State: workitem.Proposed, Reason: backlog.ReasonNew}
		if i >= 3 {
			seen := map[int]bool{}
			for len(t.Dependencies) < 3 {
				p := i - 1 - rng.IntN(min(i, 50))
				if seen[p] {
					if len(seen) >= i {
						break
					}
					continue
				}
				seen[p] = true
				t.Dependencies = append(t.Dependencies, backlog.Dependency{Task: fmt.Sprintf("T%06d", p), Type: backlog.DependencyType(rng.IntN(4)), Lag: rng.IntN(5) - 2})
			}
		}
		if i%10 == 0 {
			t.Demands = []resource.Demand{{ID: "D" + t.ID, Role: "trainer", Quantity: resource.HoursOf(8)}}
		}
		doc.Tasks[i] = t
	}
	for _, r := range doc.Requirements {
		doc.Events = append(doc.Events, backlog.Event{Subject: r.ID, To: workitem.Proposed, Reason: backlog.ReasonNew})
	}
	for _, t := range doc.Tasks {
		doc.Events = append(doc.Events, backlog.Event{Subject: t.ID, To: workitem.Proposed, Reason: backlog.ReasonNew})
	}
	return doc
}

func loaded(b *testing.B, doc backlog.Document) *backlog.Backlog {
	var bl backlog.Backlog
	if err := bl.Load(doc); err != nil {
		b.Fatal(err)
	}
	return &bl
}

// Validation of 100,000 tasks with 300,000 dependencies (all checks,
// including cycle detection).
func BenchmarkValidate100kTasks(b *testing.B) {
	bl := loaded(b, bigDocument(100_000))
	b.ReportAllocs()
	for b.Loop() {
		if err := bl.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// Cycle detection alone over the same network.
func BenchmarkCycles100kTasks(b *testing.B) {
	bl := loaded(b, bigDocument(100_000))
	b.ReportAllocs()
	for b.Loop() {
		if c := bl.Cycles(); len(c) != 0 {
			b.Fatal(c)
		}
	}
}

// Loading the same network (deep copy, index, validation) closed into a
// cycle by a link from the last task to the first: Load reports it whole.
func BenchmarkLoad100kTasksWithCycle(b *testing.B) {
	doc := bigDocument(100_000)
	doc.Tasks[0].Dependencies = []backlog.Dependency{{Task: "T099999"}}
	var bl backlog.Backlog
	if err := bl.Load(doc); err == nil {
		b.Fatal("cycle accepted")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = bl.Load(doc)
	}
}

// Analysis: Expand 10,000 requirements (spread over every category) into
// their tasks with the default templates.
func BenchmarkExpand10kRequirements(b *testing.B) {
	cats := backlog.DefaultCatalogue().Categories()
	var base backlog.Backlog
	for i := range 10_000 {
		r := backlog.Requirement{ID: fmt.Sprintf("REQ-%d", i), Title: "Requirement", Category: cats[i%len(cats)], Timing: backlog.Before(i % 20)}
		if err := base.AddRequirement(r, at0); err != nil {
			b.Fatal(err)
		}
	}
	ts := backlog.DefaultTemplates()
	opts := backlog.ExpandOptions{Change: testChange, Release: date("2027-06-01")}
	tasks := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		bl := base.Clone()
		b.StartTimer()
		exp, err := ts.Expand(bl, opts)
		if err != nil {
			b.Fatal(err)
		}
		tasks = len(exp.Added)
	}
	b.ReportMetric(float64(tasks), "tasks")
}

// Re-running Expand over the expanded backlog (nothing to add).
func BenchmarkExpandAgain10kRequirements(b *testing.B) {
	cats := backlog.DefaultCatalogue().Categories()
	var bl backlog.Backlog
	for i := range 10_000 {
		if err := bl.AddRequirement(backlog.Requirement{ID: fmt.Sprintf("REQ-%d", i), Title: "Requirement", Category: cats[i%len(cats)]}, at0); err != nil {
			b.Fatal(err)
		}
	}
	ts := backlog.DefaultTemplates()
	if _, err := ts.Expand(&bl, backlog.ExpandOptions{Change: testChange}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if exp, _ := ts.Expand(&bl, backlog.ExpandOptions{Change: testChange}); len(exp.Added) != 0 {
			b.Fatal("added")
		}
	}
}

// Strict decoding and validation of the 100,000-task document, against
// plain encoding/json into the same structs (BenchmarkPlainJSON100kTasks).
func BenchmarkDecode100kTasks(b *testing.B) {
	data, err := json.Marshal(loaded(b, bigDocument(100_000)))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := backlog.Decode(data, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlainJSON100kTasks(b *testing.B) {
	data, err := json.Marshal(loaded(b, bigDocument(100_000)))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var doc backlog.Document
		if err := json.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
	}
}
