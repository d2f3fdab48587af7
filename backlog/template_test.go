package backlog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestEveryCategoryHasADefaultTemplate(t *testing.T) {
	ts := backlog.DefaultTemplates()
	cats := backlog.DefaultCatalogue().Categories()
	if ts.Len() != len(cats) {
		t.Errorf("%d templates for %d categories", ts.Len(), len(cats))
	}
	for _, c := range cats {
		tp, ok := ts.Lookup(c)
		if !ok {
			t.Errorf("no default template for %s", c)
			continue
		}
		if err := tp.Validate(); err != nil {
			t.Errorf("%s: %v", c, err)
		}
		anchors := 0
		for _, s := range tp.Steps {
			if s.Anchor {
				anchors++
			}
		}
		if anchors != 1 {
			t.Errorf("%s has %d anchor steps, want 1", c, anchors)
		}
	}
	sales, _ := ts.Lookup(backlog.CategorySalesTraining)
	var keys []string
	for _, s := range sales.Steps {
		keys = append(keys, s.Key)
	}
	if diff := cmp.Diff([]string{"prepare-material", "book-rooms", "deliver-sessions", "assess"}, keys); diff != "" {
		t.Errorf("sales training steps (-want +got):\n%s", diff)
	}
}

func TestDefaultTemplatesAreFresh(t *testing.T) {
	a := backlog.DefaultTemplates()
	a.Remove(backlog.CategoryCutover)
	tp, _ := a.Lookup(backlog.CategorySalesTraining)
	tp.Steps[0].Title = "changed"
	if again, _ := a.Lookup(backlog.CategorySalesTraining); again.Steps[0].Title == "changed" {
		t.Error("Lookup returned shared steps")
	}
	if _, ok := backlog.DefaultTemplates().Lookup(backlog.CategoryCutover); !ok {
		t.Error("Remove on one set changed the defaults")
	}
}

func salesBacklog(t testing.TB) *backlog.Backlog {
	var b backlog.Backlog
	r := req("R1", backlog.CategorySalesTraining)
	r.Title = "Sales training EMEA"
	r.Timing = backlog.Before(5)
	mustAddReq(t, &b, r)
	r2 := req("R2", backlog.CategoryTradeShows)
	r2.Timing = backlog.After(10)
	mustAddReq(t, &b, r2)
	mustAddReq(t, &b, req("R3", "partner-enablement"))
	return &b
}

func TestExpand(t *testing.T) {
	b := salesBacklog(t)
	ts := backlog.DefaultTemplates()
	exp, err := ts.Expand(b, backlog.ExpandOptions{Release: date("2027-03-10"), Change: lifecycle.Change{At: testAt, By: "analyst"}})
	if err != nil {
		t.Fatal(err)
	}
	wantAdded := []string{
		"R1/prepare-material", "R1/book-rooms", "R1/deliver-sessions", "R1/assess",
		"R2/register", "R2/prepare-booth", "R2/prepare-demos", "R2/staff-show", "R2/follow-up",
	}
	if diff := cmp.Diff(wantAdded, exp.Added); diff != "" {
		t.Errorf("Added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R3"}, exp.NoTemplate); diff != "" {
		t.Errorf("NoTemplate (-want +got):\n%s", diff)
	}
	deliver, _ := b.Task("R1/deliver-sessions")
	want := backlog.Task{
		ID: "R1/deliver-sessions", Title: "Deliver training sessions: Sales training EMEA",
		Description: deliver.Description, Discipline: backlog.DisciplineUserEducation,
		Requirements: []string{"R1"}, Estimate: backlog.ThreePoint(2, 3, 5),
		Dependencies:      []backlog.Dependency{{Task: "R1/prepare-material"}, {Task: "R1/book-rooms"}},
		FinishNoLaterThan: date("2027-03-03"),       // 5 workdays before the release
		Scheduling:        backlog.AsLateAsPossible, // just in time
		Demands:           deliver.ResolvedDemands(),
		Origin:            &backlog.Origin{Requirement: "R1", Template: backlog.CategorySalesTraining, Step: "deliver-sessions"},
		State:             workitem.Proposed, Reason: backlog.ReasonNew,
	}
	if diff := cmp.Diff(want, deliver); diff != "" {
		t.Errorf("deliver task (-want +got):\n%s", diff)
	}
	if len(deliver.Demands) != 2 || deliver.Demands[0].ID != "R1/deliver-sessions/trainer" || deliver.Demands[0].TaskID != "R1/deliver-sessions" {
		t.Errorf("demands %+v", deliver.Demands)
	}
	rooms, _ := b.Task("R1/book-rooms")
	if diff := cmp.Diff([]backlog.Dependency{{Task: "R1/prepare-material", Lag: -2}}, rooms.Dependencies); diff != "" {
		t.Errorf("negative lag lost (-want +got):\n%s", diff)
	}
	show, _ := b.Task("R2/staff-show")
	if show.StartNoEarlierThan.String() != "2027-03-24" || !show.FinishNoLaterThan.IsZero() {
		t.Errorf("after-launch anchor: start %v finish %v", show.StartNoEarlierThan, show.FinishNoLaterThan)
	}
	if ev := b.History("R1/assess"); len(ev) != 1 || ev[0].By != "analyst" {
		t.Errorf("creation events: %+v", ev)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("expanded backlog invalid: %v", err)
	}
}

func TestExpandIsIdempotentAndKeepsEdits(t *testing.T) {
	b := salesBacklog(t)
	ts := backlog.DefaultTemplates()
	if _, err := ts.Expand(b, backlog.ExpandOptions{Change: testChange}); err != nil {
		t.Fatal(err)
	}
	before := b.Document()
	exp, err := ts.Expand(b, backlog.ExpandOptions{Change: testChange})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Added) != 0 || len(exp.Existing) != 9 {
		t.Errorf("second run: added %v, existing %d", exp.Added, len(exp.Existing))
	}
	if diff := cmp.Diff(before, b.Document()); diff != "" {
		t.Errorf("second run changed the backlog (-before +after):\n%s", diff)
	}

	// The user edits one task, closes another and removes a third.
	assess, _ := b.Task("R1/assess")
	assess.Title = "Certification exam"
	assess.Estimate = backlog.Days(2)
	assess.Dependencies = nil
	if err := b.UpdateTask(assess); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R2/follow-up", workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove("R1/book-rooms", lifecycle.Change{At: testAt, By: "ann", Note: "online sessions"}); err != nil {
		t.Fatal(err)
	}
	sup := b.Suppressed()
	if len(sup) != 1 || sup[0].Task != "R1/book-rooms" || sup[0].By != "ann" || sup[0].Origin.Step != "book-rooms" {
		t.Fatalf("tombstone %+v", sup)
	}
	if deliver, _ := b.Task("R1/deliver-sessions"); deliver.DependsOn("R1/book-rooms") {
		t.Error("removed task still a predecessor")
	}
	before = b.Document()
	exp, err = ts.Expand(b, backlog.ExpandOptions{Change: testChange})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Added) != 0 || !slices.Equal(exp.Suppressed, []string{"R1/book-rooms"}) {
		t.Errorf("after edits: added %v, suppressed %v", exp.Added, exp.Suppressed)
	}
	if diff := cmp.Diff(before, b.Document()); diff != "" {
		t.Errorf("Expand overwrote user changes (-before +after):\n%s", diff)
	}
	// Unsuppress: the step comes back, and the existing successor that
	// wants it is reported, not edited.
	b.Unsuppress("R1/book-rooms")
	exp, err = ts.Expand(b, backlog.ExpandOptions{Change: testChange})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(exp.Added, []string{"R1/book-rooms"}) {
		t.Errorf("after Unsuppress: added %v", exp.Added)
	}
	wantUnlinked := []backlog.Link{{Task: "R1/deliver-sessions", Dependency: backlog.Dependency{Task: "R1/book-rooms"}}}
	if diff := cmp.Diff(wantUnlinked, exp.Unlinked); diff != "" {
		t.Errorf("Unlinked (-want +got):\n%s", diff)
	}
}

func TestExpandBridgesSuppressedSteps(t *testing.T) {
	var b backlog.Backlog
	mustAddReq(t, &b, req("R1", backlog.CategoryPressReleases))
	if err := b.Suppress(backlog.Suppression{Task: "R1/legal-review"}); err != nil {
		t.Fatal(err)
	}
	if _, err := backlog.DefaultTemplates().Expand(&b, backlog.ExpandOptions{Change: testChange}); err != nil {
		t.Fatal(err)
	}
	brief, _ := b.Task("R1/brief-analysts")
	if diff := cmp.Diff([]backlog.Dependency{{Task: "R1/draft"}}, brief.Dependencies); diff != "" {
		t.Errorf("bridge over the suppressed review (-want +got):\n%s", diff)
	}
	pub, _ := b.Task("R1/publish")
	if diff := cmp.Diff([]backlog.Dependency{{Task: "R1/draft"}, {Task: "R1/brief-analysts"}}, pub.Dependencies); diff != "" {
		t.Errorf("publish (-want +got):\n%s", diff)
	}
}

func TestExpandDeterministic(t *testing.T) {
	build := func() *backlog.Backlog {
		var b backlog.Backlog
		for i, c := range backlog.DefaultCatalogue().Categories() {
			r := req(fmt.Sprintf("REQ-%d", i), c)
			r.Timing = backlog.Before(i)
			mustAddReq(t, &b, r)
		}
		return &b
	}
	a, c := build(), build()
	opts := backlog.ExpandOptions{Change: testChange, Release: date("2027-06-01")}
	ea, err := backlog.DefaultTemplates().Expand(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := backlog.DefaultTemplates().Expand(c, opts)
	if diff := cmp.Diff(ea, ec); diff != "" {
		t.Errorf("expansions differ:\n%s", diff)
	}
	ja, _ := json.Marshal(a)
	jc, _ := json.Marshal(c)
	if string(ja) != string(jc) {
		t.Error("expanded backlogs differ")
	}
	if err := a.Validate(); err != nil {
		t.Errorf("expansion of every category is invalid: %v", err)
	}
	if len(a.Untraced()) != 0 || len(a.Orphans()) != 0 {
		t.Errorf("untraced %v, orphans %v", a.Untraced(), a.Orphans())
	}
}

func TestExpandOptionsAndErrors(t *testing.T) {
	b := salesBacklog(t)
	ts := backlog.DefaultTemplates()
	if _, err := ts.Expand(b, backlog.ExpandOptions{Change: testChange, Requirements: []string{"R9"}}); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("unknown requirement: %v", err)
	}
	exp, err := ts.Expand(b, backlog.ExpandOptions{Change: testChange, Requirements: []string{"R2"}})
	if err != nil || len(exp.Added) != 5 || b.Has("R1/assess") {
		t.Errorf("only R2: %v %v", exp.Added, err)
	}
	// Closed requirements are not expanded unless named.
	if _, err := b.Transition("R1", workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if exp, _ := ts.Expand(b, backlog.ExpandOptions{Change: testChange}); len(exp.Added) != 0 {
		t.Errorf("closed requirement expanded: %v", exp.Added)
	}
	// A timing beyond the calendar fails and changes nothing.
	far := req("R4", backlog.CategoryCutover)
	far.Timing = backlog.After(backlog.MaxWorkdays)
	mustAddReq(t, b, far)
	mustAddReq(t, b, req("R5", backlog.CategoryRollback))
	n := b.NumTasks()
	_, err = ts.Expand(b, backlog.ExpandOptions{Change: testChange, Requirements: []string{"R5", "R4"}, Release: calendar.MaxDate.AddDays(-10)})
	if !errors.Is(err, backlog.ErrInvalidTiming) || b.NumTasks() != n || b.Has("R5/write-plan") {
		t.Errorf("failed expansion: err %v, tasks %d -> %d", err, n, b.NumTasks())
	}
	// An ID taken by a requirement is skipped.
	mustAddReq(t, b, req("R6", backlog.CategoryRollback))
	mustAddReq(t, b, req("R6/write-plan", backlog.CategoryCutover))
	exp, err = ts.Expand(b, backlog.ExpandOptions{Change: testChange, Requirements: []string{"R6"}})
	if err != nil || !slices.Equal(exp.Taken, []string{"R6/write-plan"}) || !slices.Equal(exp.Added, []string{"R6/test-rollback"}) {
		t.Errorf("taken: %+v %v", exp, err)
	}
}

func TestTemplateValidateAndSet(t *testing.T) {
	bad := backlog.Template{Category: "x", Steps: []backlog.Step{
		{Key: "a", Title: "A", Estimate: backlog.Days(1), After: []backlog.StepLink{{Step: "b"}}},
		{Key: "b", Title: "", Estimate: backlog.ThreePoint(3, 1, 2), After: []backlog.StepLink{{Step: "b"}, {Step: "a", Lag: 1 << 20}}},
		{Key: "a", Title: "A again", Milestone: true, Demands: []backlog.DemandTemplate{{Key: "d"}}},
	}}
	want := []string{
		"backlog.template.invalid@steps[0].after[0].step",
		"backlog.template.invalid@steps[1].title",
		"backlog.task.estimate.order@steps[1].estimate.optimistic",
		"backlog.template.invalid@steps[1].after[0].step",
		"backlog.template.invalid@steps[1].after[1].lag",
		"backlog.template.invalid@steps[2].key",
		"backlog.template.invalid@steps[2].demands[0]",
		"backlog.template.invalid@steps[2].demands[0].quantity",
	}
	got := problems(t, bad.Validate())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ts := backlog.DefaultTemplates()
	if err := ts.Set(bad); err == nil {
		t.Error("Set accepted a bad template")
	}
	own := backlog.Template{Category: "partner-enablement", Steps: []backlog.Step{{Key: "webinar", Title: "Run a partner webinar", Estimate: backlog.Days(1), Anchor: true}}}
	if err := ts.Set(own); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ts.Categories(), "partner-enablement") {
		t.Error("own template missing")
	}
	data, err := json.Marshal(ts)
	if err != nil {
		t.Fatal(err)
	}
	var back backlog.Templates
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ts.All(), back.All()); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

// Property: for random backlogs, user actions and re-runs, Expand never
// changes an existing task, never re-creates a suppressed one, and the
// backlog stays valid; a re-run right after a run adds nothing.
func TestExpandProperties(t *testing.T) {
	cats := backlog.DefaultCatalogue().Categories()
	ts := backlog.DefaultTemplates()
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var b backlog.Backlog
		for i := range 1 + rng.IntN(8) {
			mustAddReq(t, &b, req(fmt.Sprintf("R%d", i), cats[rng.IntN(len(cats))]))
		}
		for round := range 6 {
			before := map[string]backlog.Task{}
			for _, tk := range b.Tasks() {
				before[tk.ID] = tk
			}
			exp, err := ts.Expand(&b, backlog.ExpandOptions{Change: testChange})
			if err != nil {
				t.Fatalf("seed %d round %d: %v", seed, round, err)
			}
			for id, old := range before {
				now, ok := b.Task(id)
				if !ok || !cmp.Equal(old, now) {
					t.Fatalf("seed %d: Expand changed task %s", seed, id)
				}
			}
			for _, id := range exp.Added {
				if b.IsSuppressed(id) {
					t.Fatalf("seed %d: suppressed %s re-created", seed, id)
				}
			}
			if again, _ := ts.Expand(&b, backlog.ExpandOptions{Change: testChange}); len(again.Added) != 0 {
				t.Fatalf("seed %d: re-run added %v", seed, again.Added)
			}
			if err := b.Validate(); err != nil {
				t.Fatalf("seed %d round %d: %v", seed, round, err)
			}
			// User actions: remove, edit or close some generated tasks.
			for _, snap := range b.Tasks() {
				tk, ok := b.Task(snap.ID) // earlier removals cut links
				if !ok {
					continue
				}
				switch rng.IntN(6) {
				case 0:
					_ = b.Remove(tk.ID, lifecycle.Change{By: testBy, At: testAt})
				case 1:
					tk.Title += " (edited)"
					if !tk.Milestone {
						tk.Estimate = backlog.Days(float64(1 + rng.IntN(5)))
					}
					if err := b.UpdateTask(tk); err != nil {
						t.Fatal(err)
					}
				case 2:
					_, _ = b.Transition(tk.ID, workitem.Closed, lifecycle.Change{By: testBy, At: testAt})
				}
			}
			if rng.IntN(2) == 0 {
				for _, s := range b.Suppressed() {
					if rng.IntN(3) == 0 {
						b.Unsuppress(s.Task)
					}
				}
			}
		}
	}
}
