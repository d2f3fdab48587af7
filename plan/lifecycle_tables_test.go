package plan_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// checkTable walks every pair of states of m: each allowed move succeeds
// with each of its reasons (and with none, taking the first) and yields
// the event of that move; every other pair, and every unknown reason, is
// refused with a *lifecycle.TransitionError and no event.
func checkTable[S comparable](t *testing.T, m *lifecycle.Machine[S]) {
	t.Helper()
	at := time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
	moves := 0
	for _, from := range m.States() {
		for _, to := range m.States() {
			reasons := m.Reasons(from, to)
			if m.Can(from, to) != (len(reasons) > 0) {
				t.Errorf("%s: Can(%v, %v) = %v with reasons %v", m.Name(), from, to, m.Can(from, to), reasons)
			}
			for _, r := range append([]lifecycle.Reason{""}, reasons...) {
				ev, err := m.Apply("X", from, to, lifecycle.Change{By: "rm", At: at, Reason: r})
				if len(reasons) == 0 {
					var te *lifecycle.TransitionError
					if !errors.As(err, &te) || !errors.Is(err, lifecycle.ErrInvalidTransition) {
						t.Errorf("%s: %v -> %v (%q): err = %v, want a refused transition", m.Name(), from, to, r, err)
					}
					if diff := cmp.Diff(lifecycle.Event[S]{}, ev); diff != "" {
						t.Errorf("%s: refused %v -> %v returned an event:\n%s", m.Name(), from, to, diff)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: %v -> %v (%q): %v", m.Name(), from, to, r, err)
					continue
				}
				moves++
				want := r
				if want == "" {
					want = reasons[0]
				}
				if ev.From != from || ev.To != to || ev.Reason != want || ev.By != "rm" || !ev.At.Equal(at) || ev.Subject != "X" {
					t.Errorf("%s: %v -> %v (%q): event %+v", m.Name(), from, to, r, ev)
				}
			}
			if len(reasons) > 0 {
				ev, err := m.Apply("X", from, to, lifecycle.Change{By: "rm", At: at, Reason: "No Such Reason"})
				if !errors.Is(err, lifecycle.ErrUnknownReason) {
					t.Errorf("%s: %v -> %v with an unknown reason: err = %v, want ErrUnknownReason", m.Name(), from, to, err)
				}
				if diff := cmp.Diff(lifecycle.Event[S]{}, ev); diff != "" {
					t.Errorf("%s: unknown reason returned an event:\n%s", m.Name(), diff)
				}
			}
		}
	}
	if moves == 0 {
		t.Errorf("%s: no allowed move", m.Name())
	}
}

// TestLifecycleTables tests every lifecycle from its own table.
func TestLifecycleTables(t *testing.T) {
	t.Run("activity", func(t *testing.T) { checkTable(t, plan.ActivityLifecycle()) })
	t.Run("requirement", func(t *testing.T) { checkTable(t, backlog.RequirementLifecycle()) })
	t.Run("task", func(t *testing.T) { checkTable(t, backlog.TaskLifecycle()) })
	t.Run("commitment", func(t *testing.T) { checkTable(t, resource.CommitmentLifecycle()) })
	t.Run("risk", func(t *testing.T) { checkTable(t, risk.RiskLifecycle()) })
	t.Run("issue", func(t *testing.T) { checkTable(t, risk.IssueLifecycle()) })
}

// TestRefusedMovesChangeNothing tries, on a Ready plan, every move the
// tables refuse and every allowed move with an unknown reason, for a
// requirement, a task, a risk and an issue: each is refused and the whole
// plan document is unchanged.
func TestRefusedMovesChangeNothing(t *testing.T) {
	p := plantest.Ready(t)
	before, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := p.Backlog.Requirement(plantest.SalesTraining)
	task, _ := p.Backlog.Task(plantest.SalesTrainingTask)
	rk, _ := p.Risks.Risk(plantest.HighRisk)
	is, _ := p.Risks.Issue(plantest.OpenIssue)
	items := []struct {
		id   string
		from workitem.State
		m    *lifecycle.Machine[workitem.State]
		move func(id string, to workitem.State, ch lifecycle.Change) error
	}{
		{req.ID, req.State, backlog.RequirementLifecycle(), p.TransitionBacklog},
		{task.ID, task.State, backlog.TaskLifecycle(), p.TransitionBacklog},
		{rk.ID, rk.State, risk.RiskLifecycle(), p.TransitionRisk},
		{is.ID, is.State, risk.IssueLifecycle(), p.TransitionRisk},
	}
	ch := lifecycle.Change{By: "rm", At: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)}
	tried := 0
	for _, it := range items {
		for _, to := range it.m.States() {
			c := ch
			if it.m.Can(it.from, to) {
				c.Reason = "No Such Reason"
			}
			if err := it.move(it.id, to, c); err == nil {
				t.Errorf("%s: %v -> %v (%q) accepted", it.id, it.from, to, c.Reason)
				continue
			}
			tried++
			after, err := plan.Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(before), string(after)); diff != "" {
				t.Fatalf("%s: refused %v -> %v changed the plan (-before +after):\n%s", it.id, it.from, to, diff)
			}
		}
	}
	if tried < 8 {
		t.Errorf("only %d refused moves tried", tried)
	}
}
