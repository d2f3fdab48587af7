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
	"github.com/rolloutkit/rollout/validation"
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
	for _, d := range p.Decisions {
		if wi, _ := strconv.Atoi(d.Tracker.ID); wi > 0 {
			st, reason := ab.ReviewState(d.Outcome())
			it, _ := em.Item(wi)
			check(d.ID, wi, ab.TypeReview, it.Fields[ab.FieldTitle].(string), st, reason)
			n++
		}
	}
	if len(p.RevisionTrackers) > 0 {
		crs, err := ab.ChangeRequestsOf(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range crs {
			tr, ok := p.RevisionTracker(c.Revision)
			if !ok {
				continue
			}
			if wi, _ := strconv.Atoi(tr.ID); wi > 0 {
				st, reason := c.State()
				it, _ := em.Item(wi)
				title, _ := it.Fields[ab.FieldTitle].(string)
				check(c.ID(), wi, ab.TypeChangeRequest, title, st, reason)
				n++
			}
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

// addressedPlan has a mitigation action of R1 and a corrective action of
// I1, both serving REQ-1, and a planned task.
func addressedPlan(t testing.TB) *plan.Plan {
	t.Helper()
	p := plan.New("addressed", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	doc := backlog.Document{
		Requirements: []backlog.Requirement{{ID: "REQ-1", Title: "Train the help desk", Category: backlog.CategorySupportTraining, Priority: 1,
			State: workitem.Proposed, Reason: backlog.ReasonNew}},
		Tasks: []backlog.Task{
			{ID: "T1", Title: "Deliver sessions", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(2), Assignee: "Bo <bo@contoso.com>",
				State: workitem.Active, Reason: backlog.ReasonAccepted},
			{ID: "M1", Title: "Certify a backup trainer", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(1), Assignee: "Bo <bo@contoso.com>",
				Type: backlog.TaskMitigation, Addresses: "R1", State: workitem.Resolved, Reason: backlog.ReasonCompleteRequiresReview},
			{ID: "C1", Title: "Book the backup trainer", Requirements: []string{"REQ-1"}, Estimate: backlog.Days(1),
				Type: backlog.TaskCorrective, Addresses: "I1", State: workitem.Proposed, Reason: backlog.ReasonNew},
		},
	}
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	if err := p.Risks.Load(risk.LogDocument{
		Risks: []risk.Risk{{ID: "R1", Title: "Trainer unavailable", Condition: "The trainer is ill", Consequence: "Sessions slip",
			Kind: risk.Threat, Probability: 40, Impact: risk.High, Owner: "Cy <cy@contoso.com>", MitigationPlan: "Certify a backup",
			MitigationTrigger: "Trainer booked twice in a week", ContingencyPlan: "Use the backup", Trigger: "Sick note",
			State: workitem.Active, Reason: risk.ReasonMitigationTriggered}},
		Issues: []risk.Issue{{ID: "I1", Title: "Trainer is ill", Priority: 1, Owner: "Di <di@contoso.com>", RiskID: "R1",
			Analysis: "Flu; the backup is not certified", CorrectiveActionPlan: "Use the backup", State: workitem.Active, Reason: risk.ReasonAccepted}},
	}); err != nil {
		t.Fatal(err)
	}
	ch := lifecycle.Change{By: "test", At: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
	if err := p.Assign(plan.ReleaseManager, ch, "Ana Ortiz <ana@contoso.com>"); err != nil {
		t.Fatal(err)
	}
	for _, pr := range p.ValidateList() {
		if pr.Severity == validation.Error {
			t.Fatal(pr)
		}
	}
	return p
}

// Mitigation and corrective actions are Tasks of their Task Type, children
// of the risk or issue they address, whether that is created in the same
// push or was entered before.
func TestEmulatorTaskTypes(t *testing.T) {
	for _, before := range []bool{false, true} {
		t.Run(fmt.Sprint("risk and issue entered before: ", before), func(t *testing.T) {
			p := addressedPlan(t)
			em := newEmulator(t)
			c := ab.Client{Token: "pat"}
			o := ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL(), Kinds: ab.AllKinds}
			if before {
				// The log first, then the backlog in a second push.
				o.Kinds = ab.Risks | ab.Issues
				if _, err := c.Push(context.Background(), p, o); err != nil {
					t.Fatal(err)
				}
				o.Kinds = ab.AllKinds
			}
			if _, err := c.Push(context.Background(), p, o); err != nil {
				t.Fatal(err)
			}
			for _, m := range em.Refused {
				t.Errorf("refused: %s", m)
			}
			checkTracked(t, em, p)
			wi := func(id string) int {
				if tk, ok := p.Backlog.Task(id); ok {
					n, _ := strconv.Atoi(tk.Tracker.ID)
					return n
				}
				if r, ok := p.Backlog.Requirement(id); ok {
					n, _ := strconv.Atoi(r.Tracker.ID)
					return n
				}
				if r, ok := p.Risks.Risk(id); ok {
					return tagOf(r.Tags)
				}
				is, _ := p.Risks.Issue(id)
				return tagOf(is.Tags)
			}
			for _, c := range []struct{ task, parent, typ, review string }{
				{"T1", "REQ-1", "Planned", ""}, {"M1", "R1", "Mitigation Action", "Yes"}, {"C1", "I1", "Corrective Action", ""},
			} {
				it, _ := em.Item(wi(c.task))
				if got := em.Parent(wi(c.task)); got != wi(c.parent) {
					t.Errorf("%s: parent #%d, want %s (#%d)", c.task, got, c.parent, wi(c.parent))
				}
				if got := it.Fields[ab.FieldTaskType]; got != c.typ {
					t.Errorf("%s: task type %v, want %s", c.task, got, c.typ)
				}
				if want := map[bool]string{true: "Yes", false: "No"}[c.review != ""]; it.Fields[ab.FieldRequiresReview] != want {
					t.Errorf("%s: requires review %v, want %s", c.task, it.Fields[ab.FieldRequiresReview], want)
				}
			}
			r1, _ := em.Item(wi("R1"))
			if got := r1.Fields[ab.FieldMitigationTriggers]; got != "Trainer booked twice in a week" {
				t.Errorf("R1 mitigation triggers %v", got)
			}
			if got := r1.Fields[ab.FieldContingencyPlan]; got != "<p>Use the backup</p><p><b>Trigger:</b> Sick note</p>" {
				t.Errorf("R1 contingency plan %v", got)
			}
			i1, _ := em.Item(wi("I1"))
			if i1.Fields[ab.FieldAnalysis] != "Flu; the backup is not certified" || i1.Fields[ab.FieldCorrectiveActionPlan] != "Use the backup" {
				t.Errorf("I1 analysis %v, plan %v", i1.Fields[ab.FieldAnalysis], i1.Fields[ab.FieldCorrectiveActionPlan])
			}
		})
	}
}
