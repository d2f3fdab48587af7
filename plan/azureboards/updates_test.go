package azureboards_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
)

// TestDecodeUpdates reads the updates answer as the REST API documents
// it: state changes only, by revision, with System.ChangedBy and
// System.ChangedDate of each (revisedBy when ChangedBy is missing;
// never revisedDate, which is when the revision was superseded).
func TestDecodeUpdates(t *testing.T) {
	data := []byte(`{"count":4,"value":[
	 {"id":1,"workItemId":7,"rev":1,"revisedBy":{"displayName":"Ana Ortiz","uniqueName":"ana@contoso.com"},"revisedDate":"2027-03-02T09:01:00Z",
	  "fields":{"System.State":{"newValue":"Proposed"},"System.Reason":{"newValue":"New"},"System.ChangedDate":{"newValue":"2027-03-01T12:00:00Z"},
	   "System.ChangedBy":{"newValue":{"displayName":"Ana Ortiz","uniqueName":"ana@contoso.com"}}}},
	 {"id":3,"workItemId":7,"rev":3,"revisedBy":{"displayName":"Bob Ray","uniqueName":"bob@contoso.com"},"revisedDate":"9999-01-01T00:00:00Z",
	  "fields":{"System.State":{"oldValue":"Active","newValue":"Resolved"},"System.Reason":{"oldValue":"Accepted","newValue":"Complete and Requires Review/Test"},
	   "System.ChangedDate":{"oldValue":"2027-03-02T09:01:00Z","newValue":"2027-03-02T16:30:00Z"}}},
	 {"id":2,"workItemId":7,"rev":2,"revisedBy":{"displayName":"Cy Lee","uniqueName":"cy@contoso.com"},"revisedDate":"2027-03-02T16:30:00Z",
	  "fields":{"System.State":{"oldValue":"Proposed","newValue":"Active"},"System.Reason":{"oldValue":"New","newValue":"Accepted"},
	   "System.ChangedBy":{"oldValue":"Ana Ortiz <ana@contoso.com>","newValue":"Cy Lee <cy@contoso.com>"},"System.ChangedDate":{"newValue":"2027-03-02T09:01:00Z"}}},
	 {"id":4,"workItemId":7,"rev":4,"fields":{"Microsoft.VSTS.Scheduling.RemainingWork":{"oldValue":8,"newValue":0}}}
	]}`)
	got, err := ab.DecodeUpdates(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []ab.StateChange{
		{Rev: 1, State: "Proposed", Reason: "New", ChangedBy: "Ana Ortiz <ana@contoso.com>", ChangedDate: time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)},
		{Rev: 2, State: "Active", Reason: "Accepted", ChangedBy: "Cy Lee <cy@contoso.com>", ChangedDate: time.Date(2027, 3, 2, 9, 1, 0, 0, time.UTC)},
		{Rev: 3, State: "Resolved", Reason: "Complete and Requires Review/Test", ChangedBy: "Bob Ray <bob@contoso.com>", ChangedDate: time.Date(2027, 3, 2, 16, 30, 0, 0, time.UTC)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("changes (-want +got):\n%s", d)
	}
	for _, bad := range []string{
		``, `{}`, `{"value":3}`, `[{"rev":"x"}]`,
		`[{"rev":0,"fields":{"System.State":{"newValue":"Active"}}}]`,
		`[{"rev":1,"fields":{"System.State":{"newValue":7}}}]`,
		`[{"rev":1,"fields":{"System.State":{"newValue":"Active"},"System.ChangedDate":{"newValue":"yesterday"}}}]`,
		`[{"rev":1,"fields":{"System.State":{"newValue":"Active"}}},{"rev":1,"fields":{"System.State":{"newValue":"Closed"}}}]`,
	} {
		if got, err := ab.DecodeUpdates([]byte(bad)); !errors.Is(err, ab.ErrWorkItems) || got != nil {
			t.Errorf("%s: %v, %v; want an error wrapping ErrWorkItems", bad, got, err)
		}
	}
}

// TestReadBackSteps: Read fetches the updates of the items that moved
// more than one step only; a history that does not fit the plan (the
// plan's state not in it) falls back to every step at the last change.
func TestReadBackSteps(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	em.Now = time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	em.By = "Bob Ray <bob@contoso.com>"
	t1, t2 := workItemOf(t, p, "T1"), workItemOf(t, p, "T2")
	em.Set(t, t1, map[string]any{ab.FieldState: "Active"})
	em.Set(t, t1, map[string]any{ab.FieldState: "Closed", ab.FieldReason: "Complete and Does Not Require Review/Test"})
	em.Set(t, t2, map[string]any{ab.FieldState: "Active"})
	c := ab.Client{Token: "pat"}
	o := ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL()}
	calls := em.Calls
	items, err := c.Read(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := em.Calls - calls; n != 2 {
		t.Errorf("%d calls, want 2 (one batch get, T1's updates)", n)
	}
	for _, it := range items {
		if (it.WorkItem == t1) != (len(it.Steps) > 0) {
			t.Errorf("#%d: steps %+v", it.WorkItem, it.Steps)
		}
	}
	// A history that lost the plan's state: every step at the last
	// change, as without updates.
	for i := range items {
		if items[i].WorkItem == t1 {
			items[i].Steps = items[i].Steps[1:]
		}
	}
	if _, err := ab.Apply(p, items, ab.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	var at []string
	for _, ev := range p.History {
		if ev.Subject == "T1" && ev.To != "" {
			at = append(at, ev.At.Format("15:04"))
		}
	}
	if strings.Join(at, " ") != "09:02 09:02" {
		t.Errorf("T1 moves at %v, want both at the last change 09:02", at)
	}
}

// TestEmulatorUpdatesPaging: the emulator pages updates 200 at a time,
// and Read follows the pages.
func TestEmulatorUpdatesPaging(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	t1 := workItemOf(t, p, "T1")
	for i := 0; i < 110; i++ {
		em.Set(t, t1, map[string]any{ab.FieldState: "Active"})
		em.Set(t, t1, map[string]any{ab.FieldState: "Proposed"})
	}
	em.Set(t, t1, map[string]any{ab.FieldState: "Active"})
	em.Set(t, t1, map[string]any{ab.FieldState: "Resolved"})
	// T1 is Proposed in the plan, Resolved in the tracker: two steps.
	items, err := (&ab.Client{Token: "pat"}).Read(context.Background(), p,
		ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL()})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.WorkItem == t1 && len(it.Steps) != 223 {
			t.Errorf("T1: %d state changes, want 223 (created, 220 back and forth, two more)", len(it.Steps))
		}
	}
}
