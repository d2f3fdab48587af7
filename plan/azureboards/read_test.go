package azureboards_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// workItemOf returns the work item of a plan item.
func workItemOf(t testing.TB, p *plan.Plan, id string) int {
	t.Helper()
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
	if is, ok := p.Risks.Issue(id); ok {
		return tagOf(is.Tags)
	}
	t.Fatalf("no item %s", id)
	return 0
}

// TestReadBack: the plan is pushed, people work in Azure Boards, and the
// read-back brings their states, reasons, assignees and work into the
// plan as recorded moves by the people who made them.
func TestReadBack(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	pushed := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	em.Now = time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	em.By = "Bob Ray <bob@contoso.com>"
	t1, r1, i1 := workItemOf(t, p, "T1"), workItemOf(t, p, "R1"), workItemOf(t, p, "I1")
	// T1 is taken on and finished, needing review; R1's mitigation is
	// done; I1 is worked on; T3 is untouched.
	em.By = "Cy Lee <cy@contoso.com>"
	em.Set(t, t1, map[string]any{ab.FieldState: "Active"})
	em.By = "Bob Ray <bob@contoso.com>"
	em.Set(t, t1, map[string]any{ab.FieldState: "Resolved", ab.FieldRemainingWork: 0, ab.FieldCompletedWork: 18})
	em.Set(t, r1, map[string]any{ab.FieldState: "Resolved"})
	em.Set(t, i1, map[string]any{ab.FieldState: "Active", ab.FieldReason: "Investigate", ab.FieldAssignedTo: "Cy Lee <cy@contoso.com>"})

	c := ab.Client{Token: "pat"}
	o := ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL()}
	items, err := c.Read(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != em.Len() {
		t.Fatalf("read %d of %d work items", len(items), em.Len())
	}
	res, err := ab.Apply(p, items, ab.ApplyOptions{Since: pushed})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != 3 || res.Unchanged != em.Len()-3 {
		t.Errorf("applied %+v, %d unchanged", res.Applied, res.Unchanged)
	}
	checkTracked(t, em, p)
	tk, _ := p.Backlog.Task("T1")
	if tk.RemainingWork != 0 || tk.CompletedWork != 18.0/8 {
		t.Errorf("T1 work %v remaining, %v completed", tk.RemainingWork, tk.CompletedWork)
	}
	is, _ := p.Risks.Issue("I1")
	if is.Owner != "Cy Lee <cy@contoso.com>" {
		t.Errorf("I1 owner %q", is.Owner)
	}
	// The moves are recorded with who and when from the tracker: each
	// step of T1's two-step move at its own time, by its own author (from
	// the item's updates), the one step of R1 and I1 at the item's last
	// change.
	var moves []string
	for _, ev := range p.History {
		if ev.Subject == "T1" && ev.To != "" {
			moves = append(moves, ev.From+">"+ev.To+" "+ev.Reason+" by "+ev.By+" at "+ev.At.Format(time.RFC3339))
		}
	}
	want := []string{
		"Proposed>Active Accepted by Cy Lee <cy@contoso.com> at 2027-03-02T09:01:00Z",
		"Active>Resolved Complete and Requires Review/Test by Bob Ray <bob@contoso.com> at 2027-03-02T09:02:00Z",
	}
	if diff := cmp.Diff(want, moves); diff != "" {
		t.Errorf("T1 moves (-want +got):\n%s", diff)
	}
	// The plan's history stays in time order: the work recorded at the
	// last change comes after the moves.
	var last time.Time
	for _, ev := range p.History {
		if ev.Subject == "T1" && strings.HasPrefix(ev.Note, ab.NoteFromTracker) {
			if ev.At.Before(last) {
				t.Errorf("T1's history out of time order: %s %s at %s after %s", ev.Kind, ev.To, ev.At, last)
			}
			last = ev.At
		}
	}
	// Reading again changes nothing.
	items, _ = c.Read(context.Background(), p, o)
	if res, err := ab.Apply(p, items, ab.ApplyOptions{}); err != nil || len(res.Applied) != 0 {
		t.Errorf("second read-back: %v, %+v", err, res.Applied)
	}
}

// TestReadBackConflicts: unknown work items, states and reasons the plan
// cannot hold, another type, edits on both sides, and items without an
// author are reported one by one, and their plan items stay as they were.
func TestReadBackConflicts(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	since := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	at := time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	t1, t2, t3, r1, i1 := workItemOf(t, p, "T1"), workItemOf(t, p, "T2"), workItemOf(t, p, "T3"), workItemOf(t, p, "R1"), workItemOf(t, p, "I1")
	// T2 changed in the plan after the sync.
	tk2, _ := p.Backlog.Task("T2")
	tk2.Assignee = "Di <di@contoso.com>"
	if err := p.UpdateTask(tk2, lifecycle.Change{By: "ann", At: since.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	before, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	items := []ab.Tracked{
		{WorkItem: 99999, State: "Active", ChangedBy: "bob", ChangedDate: at},
		{WorkItem: t1, Type: "Task", State: "In Review", ChangedBy: "bob", ChangedDate: at},
		{WorkItem: t3, Type: "Task", State: "Closed", Reason: "Won't fix", ChangedBy: "bob", ChangedDate: at},
		{WorkItem: r1, Type: "Task", State: "Closed", ChangedBy: "bob", ChangedDate: at},
		{WorkItem: t2, Type: "Task", State: "Active", ChangedBy: "bob", ChangedDate: at},
		{WorkItem: i1, Type: "Issue", State: "Active"},
	}
	res, err := ab.Apply(p, items, ab.ApplyOptions{Since: since})
	var ce *ab.ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, ab.ErrConflict) {
		t.Fatalf("error %v", err)
	}
	var got []string
	for _, c := range res.Conflicts {
		kind := "?"
		for _, k := range []error{validation.ErrNotFound, validation.ErrConflict, validation.ErrInvalid, validation.ErrRequired} {
			if errors.Is(c.Err, k) {
				kind = k.Error()
				break
			}
		}
		got = append(got, c.ID+" "+kind)
	}
	want := []string{" " + validation.ErrNotFound.Error(), "T1 " + validation.ErrInvalid.Error(), "T3 " + validation.ErrConflict.Error(),
		"R1 " + validation.ErrConflict.Error(), "T2 " + validation.ErrConflict.Error(), "I1 " + validation.ErrRequired.Error()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	// A refused reason names the reasons the move allows.
	if len(res.Conflicts) > 2 {
		want := `the plan's lifecycle has no move into Closed for the reason "Won't fix" (allowed from Proposed: "Rejected")`
		if c := res.Conflicts[2]; !errors.Is(c.Err, validation.ErrConflict) || c.Err.Error() != want {
			t.Errorf("T3: %v, want %s", c.Err, want)
		}
	}
	if len(res.Applied) != 0 {
		t.Errorf("applied %+v", res.Applied)
	}
	after, _ := plan.Encode(p)
	if !bytes.Equal(before, after) {
		t.Errorf("refused work items changed the plan")
	}
	if !strings.Contains(err.Error(), "#99999") || !strings.Contains(err.Error(), "edited on both sides") {
		t.Errorf("error text %q", err)
	}
	_ = em
}

// TestReadCSV reads the web UI's CSV export and applies it.
func TestReadCSV(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	t1, r1 := workItemOf(t, p, "T1"), workItemOf(t, p, "R1")
	csv := "\ufeffID,Work Item Type,Title,State,Reason,Assigned To,Remaining Work,Changed By,Changed Date\r\n" +
		strconv.Itoa(t1) + ",Task,Prepare material,Active,Accepted,\"Ortiz, Ana <ana@contoso.com>\",12,Bob Ray <bob@contoso.com>,3/2/2027 9:30:00 AM\r\n" +
		strconv.Itoa(r1) + ",Risk,Trainer unavailable,Closed,Overtaken by Events,Ana Ortiz <ana@contoso.com>,,Bob Ray <bob@contoso.com>,2027-03-02T10:00:00Z\r\n"
	items, err := ab.ReadCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Title != "Prepare material" || *items[0].RemainingWork != 12 || items[0].ChangedDate != time.Date(2027, 3, 2, 9, 30, 0, 0, time.UTC) {
		t.Fatalf("items %+v", items)
	}
	res, err := ab.Apply(p, items, ab.ApplyOptions{})
	if err != nil || len(res.Applied) != 2 {
		t.Fatalf("%v, %+v", err, res)
	}
	tk, _ := p.Backlog.Task("T1")
	r, _ := p.Risks.Risk("R1")
	if tk.State != workitem.Active || tk.RemainingWork != 1.5 || r.State != workitem.Closed || r.Reason != "Overtaken by Events" {
		t.Errorf("T1 %s %v, R1 %s %s", tk.State, tk.RemainingWork, r.State, r.Reason)
	}
	for _, bad := range []string{
		"", "Title\r\nx\r\n", "ID\r\nabc\r\n", "ID,Remaining Work\r\n1,-3\r\n", "ID,Changed Date\r\n1,yesterday\r\n", "ID\r\n\"unterminated\r\n",
	} {
		if _, err := ab.ReadCSV(strings.NewReader(bad)); !errors.Is(err, ab.ErrWorkItems) {
			t.Errorf("ReadCSV(%q): %v", bad, err)
		}
	}
	_ = em
}

func TestDecodeWorkItems(t *testing.T) {
	in := `{"count":2,"value":[
	 {"id":7,"rev":3,"fields":{"System.WorkItemType":"Task","System.Title":"T","System.State":"Active","System.Reason":"Accepted",
	  "System.AssignedTo":{"displayName":"Ana Ortiz","uniqueName":"ana@contoso.com"},"Microsoft.VSTS.Scheduling.RemainingWork":4.5,
	  "System.ChangedBy":{"displayName":"Bob","uniqueName":"bob@contoso.com"},"System.ChangedDate":"2027-03-02T09:00:00.123Z"}},
	 {"id":8,"rev":1,"fields":{"System.State":"Proposed","System.AssignedTo":"Cy <cy@contoso.com>"}}]}`
	items, err := ab.DecodeWorkItems([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	h := 4.5
	want := []ab.Tracked{
		{WorkItem: 7, Rev: 3, Type: "Task", Title: "T", State: "Active", Reason: "Accepted", AssignedTo: "Ana Ortiz <ana@contoso.com>",
			RemainingWork: &h, ChangedBy: "Bob <bob@contoso.com>", ChangedDate: time.Date(2027, 3, 2, 9, 0, 0, 123e6, time.UTC)},
		{WorkItem: 8, Rev: 1, State: "Proposed", AssignedTo: "Cy <cy@contoso.com>"},
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "null", "{}", `{"value":[{"id":0}]}`, `[{"id":1,"fields":{"System.State":3}}]`,
		`[{"id":1,"fields":{"Microsoft.VSTS.Scheduling.RemainingWork":-1}}]`, `[{"id":1,"fields":{"System.ChangedDate":"soon"}}]`, "[1]"} {
		if _, err := ab.DecodeWorkItems([]byte(bad)); !errors.Is(err, ab.ErrWorkItems) {
			t.Errorf("DecodeWorkItems(%q): %v", bad, err)
		}
	}
}

// TestPushUpdateMovesFromTracker: the plan moves on after a push (T1 is
// finished and reviewed); an update push reads where Azure Boards is and
// moves T1 there step by step.
func TestPushUpdateMovesFromTracker(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	at := time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC)
	for _, mv := range []struct {
		to     workitem.State
		reason lifecycle.Reason
	}{{workitem.Active, "Accepted"}, {workitem.Resolved, "Complete and Requires Review/Test"}, {workitem.Closed, "Review/Test Passed"}} {
		if err := p.TransitionBacklog("T1", mv.to, lifecycle.Change{By: "ann", At: at, Reason: mv.reason}); err != nil {
			t.Fatal(err)
		}
	}
	c := ab.Client{Token: "pat"}
	res, err := c.Push(context.Background(), p, ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL(), Kinds: ab.AllKinds, Existing: ab.Update})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range em.Refused {
		t.Errorf("refused: %s", m)
	}
	var t1Moves int
	for _, m := range res.Moved {
		if m.ID == "T1" {
			t1Moves++
		}
	}
	if t1Moves != 3 {
		t.Errorf("T1 moved %d times, want 3: %+v", t1Moves, res.Moved)
	}
	checkTracked(t, em, p)
}
