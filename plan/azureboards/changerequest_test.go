package azureboards_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// crClock hands out the times of the changes of a test, a minute apart.
type crClock struct {
	at time.Time
	// progressed is the task revisedSample moved on.
	progressed string
}

func (c *crClock) ch(reason string) lifecycle.Change {
	if c.at.IsZero() {
		c.at = time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	}
	c.at = c.at.Add(time.Minute)
	return lifecycle.Change{By: "Ana Ortiz <ana@contoso.com>", At: c.at, Reason: lifecycle.Reason(reason)}
}

// revisedSample is the sample plan (committed at revision 1, baseline
// "committed"), untracked, then revised: a requirement retitled, a task
// added, a task's estimate changed, and a task moved on (progress, no
// change of the plan).
func revisedSample(t testing.TB, clk *crClock) *plan.Plan {
	t.Helper()
	p := untracked(t)
	p.Revise(lifecycle.Change{By: "Ana Ortiz <ana@contoso.com>", At: clk.ch("").At, Reason: "Press launch moved a week", Note: "The trade show moved"})
	reqs := p.Backlog.Requirements()
	r := reqs[1]
	r.Title += " (extended)"
	if err := p.UpdateRequirement(r, clk.ch("")); err != nil {
		t.Fatal(err)
	}
	tasks := p.Backlog.Tasks()
	tk := tasks[2]
	tk.Estimate = backlog.Days(tk.Estimate.MostLikely + 1)
	if err := p.UpdateTask(tk, clk.ch("")); err != nil {
		t.Fatal(err)
	}
	if err := p.AddTask(backlog.Task{ID: "T-NEW", Title: "Brief the booth staff", Requirements: []string{reqs[0].ID},
		Estimate: backlog.Days(1), State: workitem.Proposed, Reason: "New"}, clk.ch("")); err != nil {
		t.Fatal(err)
	}
	crs, err := ab.ChangeRequestsOf(p)
	if err != nil || len(crs) != 1 {
		t.Fatalf("change requests %v, %v", crs, err)
	}
	_, tm := p.Backlog.Lifecycles()
	for _, x := range tasks {
		if clk.progressed != "" || slices.Contains(crs[0].Tasks, x.ID) {
			continue
		}
		for _, r := range tm.From(x.State) {
			if err := p.TransitionBacklog(x.ID, r.To, clk.ch(string(r.Reasons[0]))); err == nil {
				clk.progressed = x.ID
				break
			}
		}
	}
	return p
}

func committedIDs(p *plan.Plan) []string {
	var out []string
	for _, c := range p.Resources.Commitments {
		if c.State == resource.Committed {
			out = append(out, c.ID)
		}
	}
	return out
}

func crState(t *testing.T, p *plan.Plan, rev int) string {
	t.Helper()
	crs, err := ab.ChangeRequestsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range crs {
		if c.Revision == rev {
			s, r := c.State()
			return s.String() + "/" + string(r)
		}
	}
	return "none"
}

// TestChangeRequestsOf: a revision after the plan was committed is a
// change request; its changes against the committed baseline name the
// requirements and tasks it changed (not those that only progressed); its
// state follows the commitments and baselines of the revision.
func TestChangeRequestsOf(t *testing.T) {
	var clk crClock
	p := revisedSample(t, &clk)
	crs, err := ab.ChangeRequestsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(crs) != 1 {
		t.Fatalf("%d change requests, want 1 (revision 1 started before the plan was committed)", len(crs))
	}
	c := crs[0]
	reqs, tasks := p.Backlog.Requirements(), p.Backlog.Tasks()
	got := struct {
		Revision          int
		ID, Baseline, Why string
		Requirements      []string
	}{c.Revision, c.ID(), c.Baseline, c.Started.Reason, c.Requirements}
	want := got
	want.Revision, want.ID, want.Baseline, want.Why = 2, "revision-2", "committed", "Press launch moved a week"
	want.Requirements = []string{reqs[1].ID}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("change request (-want +got):\n%s", d)
	}
	// The sample itself changed a task after its baseline; the revision
	// changed another and added one; a task that only moved on is no
	// change.
	for _, id := range []string{tasks[2].ID, "T-NEW"} {
		if !slices.Contains(c.Tasks, id) {
			t.Errorf("tasks changed %v lack %s", c.Tasks, id)
		}
	}
	if clk.progressed == "" || slices.Contains(c.Tasks, clk.progressed) {
		t.Errorf("task %q only moved on, yet is listed as changed (%v)", clk.progressed, c.Tasks)
	}
	for _, d := range c.Differences {
		if strings.Contains(d.Path, ".state") || strings.Contains(d.Path, ".tracker") {
			t.Errorf("progress listed as a change: %s", d)
		}
	}

	// The states along the revision's life.
	steps := []struct {
		name string
		do   func()
		rev  int
		want string
	}{
		{"no commitment yet", func() {}, 2, "Proposed/New"},
		{"one commitment reconfirmed", func() {
			if err := p.Reconfirm(committedIDs(p)[0], clk.ch("")); err != nil {
				t.Fatal(err)
			}
		}, 2, "Active/Accepted"},
		{"every commitment reconfirmed", func() {
			for _, id := range committedIDs(p)[1:] {
				if err := p.Reconfirm(id, clk.ch("")); err != nil {
					t.Fatal(err)
				}
			}
		}, 2, "Resolved/Code Complete and System Tested"},
		{"the revised plan baselined", func() {
			if _, err := p.TakeBaseline("revised", clk.ch("")); err != nil {
				t.Fatal(err)
			}
		}, 2, "Closed/Validation Test Passed"},
		{"a third revision", func() { p.Revise(clk.ch("Scope cut")) }, 3, "Proposed/New"},
		{"a baselined revision stays closed", func() {}, 2, "Closed/Validation Test Passed"},
		{"superseded before any commitment", func() { p.Revise(clk.ch("Budget cut")) }, 3, "Closed/Rejected"},
		{"superseded after a commitment", func() {
			if err := p.Reconfirm(committedIDs(p)[0], clk.ch("")); err != nil {
				t.Fatal(err)
			}
			p.Revise(clk.ch("Date moved"))
		}, 4, "Closed/Abandoned"},
	}
	for _, s := range steps {
		s.do()
		if got := crState(t, p, s.rev); got != s.want {
			t.Errorf("%s: revision %d is %s, want %s", s.name, s.rev, got, s.want)
		}
	}
	// Every state is one the template reaches from its start.
	m := ab.ChangeRequestLifecycle()
	crs, _ = ab.ChangeRequestsOf(p)
	for _, c := range crs {
		st, r := c.State()
		if st != m.Initial() {
			ok := false
			for _, rule := range m.Rules() {
				if rule.To == st && len(m.Reasons(rule.From, st)) > 0 {
					for _, x := range rule.Reasons {
						ok = ok || x == r
					}
				}
			}
			if !ok {
				t.Errorf("revision %d: %s (%s) is no move of the template", c.Revision, st, r)
			}
		}
	}
}

// TestEmulatorChangeRequests pushes revised plans through the emulator:
// every change request is created and moved to its state without a
// refusal, linked to the requirements it affects and related to the
// tasks it changes; the plan records the work items, a second push
// creates nothing, and the read-back agrees.
func TestEmulatorChangeRequests(t *testing.T) {
	var clk crClock
	p := revisedSample(t, &clk)
	for _, id := range committedIDs(p) {
		if err := p.Reconfirm(id, clk.ch("")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.TakeBaseline("revised", clk.ch("")); err != nil {
		t.Fatal(err)
	}
	p.Revise(clk.ch("Scope cut"))
	if err := p.Reconfirm(committedIDs(p)[0], clk.ch("")); err != nil {
		t.Fatal(err)
	}
	em, res := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	checkTracked(t, em, p)
	if len(p.RevisionTrackers) != 2 {
		t.Fatalf("revision trackers %v, want revisions 2 and 3", p.RevisionTrackers)
	}
	tr, _ := p.RevisionTracker(2)
	wi, _ := strconv.Atoi(tr.ID)
	it, _ := em.Item(wi)
	req := p.Backlog.Requirements()[1]
	affects := 0
	for _, r := range it.Relations {
		if r.Rel == ab.LinkAffects {
			affects++
			if !strings.HasSuffix(r.URL, "/"+req.Tracker.ID) {
				t.Errorf("affects %s, want the work item of %s (#%s)", r.URL, req.ID, req.Tracker.ID)
			}
		}
	}
	if affects != 1 {
		t.Errorf("%d Affects links, want 1: %v", affects, it.Relations)
	}
	for _, f := range []string{ab.FieldJustification, ab.FieldImpactOnDevelopment, ab.FieldDescription} {
		if s, _ := it.Fields[f].(string); s == "" {
			t.Errorf("%s empty", f)
		}
	}
	if s, _ := it.Fields[ab.FieldJustification].(string); !strings.Contains(s, "Press launch moved a week") || !strings.Contains(s, "The trade show moved") {
		t.Errorf("justification %q lacks the revision's reason and note", s)
	}
	created := 0
	for _, e := range res.Created {
		if e.Kind == ab.ChangeRequests {
			created++
		}
	}
	if created != 2 {
		t.Errorf("%d change requests created, want 2", created)
	}
	// Pushing again creates nothing.
	o := ab.Options{Kinds: ab.AllKinds, Organization: em.org, Project: em.project, BaseURL: em.URL()}
	x, err := ab.Build(p, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(x.Items()); n != 0 {
		t.Errorf("second export has %d items", n)
	}
	// The read-back agrees with the tracker.
	c := ab.Client{Token: "pat"}
	items, err := c.Read(t.Context(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := ab.Apply(p, items, ab.ApplyOptions{})
	if err != nil {
		t.Fatalf("read-back: %v", err)
	}
	if len(ar.Applied) != 0 || ar.Unchanged != len(items) {
		t.Errorf("read-back changed %v, %d unchanged of %d", ar.Applied, ar.Unchanged, len(items))
	}
	// A Change Request moved on in the tracker is refused, per item.
	em.Set(t, wi, map[string]any{ab.FieldState: "Active", ab.FieldReason: "Closed in Error"})
	items, err = c.Read(t.Context(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := plan.Encode(p)
	ar, err = ab.Apply(p, items, ab.ApplyOptions{})
	if !errors.Is(err, ab.ErrConflict) || len(ar.Conflicts) != 1 || ar.Conflicts[0].ID != "revision-2" ||
		!errors.Is(ar.Conflicts[0].Err, validation.ErrConflict) || !strings.Contains(ar.Conflicts[0].Err.Error(), "Closed (Validation Test Passed)") {
		t.Fatalf("reopened change request: %v, %+v", err, ar.Conflicts)
	}
	after, _ := plan.Encode(p)
	if string(before) != string(after) {
		t.Error("a refused change request changed the plan")
	}
}

// TestChangeRequestCSV: the CSV carries change requests with their
// justification and impact.
func TestChangeRequestCSV(t *testing.T) {
	var clk crClock
	p := revisedSample(t, &clk)
	files, err := ab.CSVFiles(p, ab.Options{Kinds: ab.ChangeRequests})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files", len(files))
	}
	s := string(files[0])
	for _, want := range []string{",Change Request,Revision 2 of the rollout plan", "Press launch moved a week", "Requirements changed", "Justification,Impact on Architecture"} {
		if !strings.Contains(s, want) {
			t.Errorf("CSV lacks %q:\n%s", want, s)
		}
	}
}
