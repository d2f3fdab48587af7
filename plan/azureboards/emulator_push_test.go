package azureboards_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"

	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/plan/sample"
)

// pushToEmulator pushes p with every kind to a fresh emulator and fails
// the test for every item refused.
func pushToEmulator(t *testing.T, p *plan.Plan, o ab.Options) (*emulator, ab.PushResult) {
	t.Helper()
	em := newEmulator(t)
	o.Organization, o.Project, o.BaseURL = em.org, em.project, em.URL()
	c := ab.Client{Token: "pat"}
	res, err := c.Push(context.Background(), p, o)
	if err != nil {
		t.Errorf("push: %v", err)
	}
	for _, m := range em.Refused {
		t.Errorf("refused: %s", m)
	}
	return em, res
}

func TestEmulatorSmallPlan(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	checkTracked(t, em, p)
}

func TestEmulatorSamplePlan(t *testing.T) {
	p := untracked(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	checkTracked(t, em, p)
}

// untracked is the sample plan with its Azure Boards references removed,
// so that everything is created anew.
func untracked(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	ch := lifecycle.Change{By: "test", At: time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)}
	for _, r := range p.Backlog.Requirements() {
		if err := p.SetTracker(r.ID, backlog.TrackerRef{}, ch); err != nil {
			t.Fatal(err)
		}
	}
	for _, tk := range p.Backlog.Tasks() {
		if err := p.SetTracker(tk.ID, backlog.TrackerRef{}, ch); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// checkTracked compares every item of p that has a work item with the
// emulator's: type, state, reason and title.
func checkTracked(t *testing.T, em *emulator, p *plan.Plan) {
	t.Helper()
	check := func(id string, wi int, typ, title string, state workitem.State, reason lifecycle.Reason) {
		t.Helper()
		it, ok := em.Item(wi)
		if !ok {
			t.Errorf("%s: work item %d not in the emulator", id, wi)
			return
		}
		got := fmt.Sprintf("%s %q %s/%s", it.Type, it.Fields[ab.FieldTitle], it.Fields[ab.FieldState], it.Fields[ab.FieldReason])
		want := fmt.Sprintf("%s %q %s/%s", typ, title, state, reason)
		if got != want {
			t.Errorf("%s (#%d): tracker has %s, plan %s", id, wi, got, want)
		}
	}
	n := 0
	for _, r := range p.Backlog.Requirements() {
		if wi, _ := strconv.Atoi(r.Tracker.ID); wi > 0 {
			check(r.ID, wi, ab.TypeRequirement, r.Title, r.State, r.Reason)
			n++
		}
	}
	for _, tk := range p.Backlog.Tasks() {
		if wi, _ := strconv.Atoi(tk.Tracker.ID); wi > 0 {
			check(tk.ID, wi, ab.TypeTask, tk.Title, tk.State, tk.Reason)
			n++
		}
	}
	for _, r := range p.Risks.Risks() {
		if wi := tagOf(r.Tags); wi > 0 {
			check(r.ID, wi, ab.TypeRisk, r.Title, r.State, r.Reason)
			n++
		}
	}
	for _, is := range p.Risks.Issues() {
		if wi := tagOf(is.Tags); wi > 0 {
			check(is.ID, wi, ab.TypeIssue, is.Title, is.State, is.Reason)
			n++
		}
	}
	if n != em.Len() {
		t.Errorf("%d items tracked in the plan, %d in the emulator", n, em.Len())
	}
}

func tagOf(tags []string) int {
	for _, tg := range tags {
		if s, ok := strings.CutPrefix(tg, ab.TagPrefix); ok {
			n, _ := strconv.Atoi(s)
			return n
		}
	}
	return 0
}

// everyMove builds a plan with one item per type, state and reason: for
// each move of each lifecycle, an item whose last move it is.
func everyMove(t testing.TB) *plan.Plan {
	t.Helper()
	p := plan.New("every", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	var doc backlog.Document
	var log risk.LogDocument
	rm, tm := backlog.RequirementLifecycle(), backlog.TaskLifecycle()
	add := func(m *lifecycle.Machine[workitem.State], fn func(id string, s workitem.State, r lifecycle.Reason)) {
		n := 0
		for _, r := range m.CreationReasons() {
			n++
			fn(fmt.Sprintf("%d", n), m.Initial(), r)
		}
		for _, rule := range m.Rules() {
			for _, r := range rule.Reasons {
				n++
				fn(fmt.Sprintf("%d", n), rule.To, r)
			}
		}
	}
	add(rm, func(id string, s workitem.State, r lifecycle.Reason) {
		doc.Requirements = append(doc.Requirements, backlog.Requirement{ID: "REQ-" + id, Title: "Requirement " + id + " " + string(r),
			Category: backlog.CategorySupportTraining, State: s, Reason: r})
	})
	add(tm, func(id string, s workitem.State, r lifecycle.Reason) {
		doc.Tasks = append(doc.Tasks, backlog.Task{ID: "T" + id, Title: "Task " + id + " " + string(r), Requirements: []string{"REQ-1"},
			Estimate: backlog.Days(1), Assignee: "Bo <bo@contoso.com>", State: s, Reason: r})
	})
	add(risk.RiskLifecycle(), func(id string, s workitem.State, r lifecycle.Reason) {
		log.Risks = append(log.Risks, risk.Risk{ID: "R" + id, Title: "Risk " + id + " " + string(r), Condition: "c", Consequence: "q",
			Kind: risk.Threat, Probability: 30, Impact: risk.Medium, Owner: "Cy <cy@contoso.com>", State: s, Reason: r})
	})
	add(risk.IssueLifecycle(), func(id string, s workitem.State, r lifecycle.Reason) {
		log.Issues = append(log.Issues, risk.Issue{ID: "I" + id, Title: "Issue " + id + " " + string(r), Priority: 2,
			Owner: "Di <di@contoso.com>", State: s, Reason: r})
	})
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	if err := p.Risks.Load(log); err != nil {
		t.Fatal(err)
	}
	ch := lifecycle.Change{By: "test", At: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
	if err := p.Assign(plan.ReleaseManager, ch, "Ana Ortiz <ana@contoso.com>"); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEmulatorEveryMove pushes items in every state with every reason:
// nothing is refused, and each reaches its state with its reason.
func TestEmulatorEveryMove(t *testing.T) {
	p := everyMove(t)
	for _, size := range []int{0, 7} {
		t.Run(fmt.Sprint("batch ", size), func(t *testing.T) {
			q := p
			if size != 0 {
				q = everyMove(t)
			}
			em, res := pushToEmulator(t, q, ab.Options{Kinds: ab.AllKinds, BatchSize: size})
			if len(res.Created) != em.Len() || len(res.Moved) == 0 {
				t.Errorf("%d created, %d moved, %d in the emulator", len(res.Created), len(res.Moved), em.Len())
			}
			checkTracked(t, em, q)
		})
	}
}
