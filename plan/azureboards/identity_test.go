package azureboards_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/plan/sample"
)

// TestApplyAssigneeSamePerson: Azure Boards answers every identity with
// its address; the same person in any form is no change, another person
// is recorded in the form the plan already uses for them.
func TestApplyAssigneeSamePerson(t *testing.T) {
	p := smallPlan(t)
	pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	t2 := workItemOf(t, p, "T2")
	at := time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	// The plan also holds "Ana Ortiz <ana@contoso.com>" (R1), `"Ortiz,
	// Ana" <ana@contoso.com>` (T1) and "bob" (I1).
	tests := []struct {
		name, plan, tracker string
		want                string // the assignee recorded, "" for no change
	}{
		{"name, tracker adds the address", "Tom Becker", "Tom Becker <tom@contoso.com>", ""},
		{"name, tracker gives the name", "Tom Becker", "Tom Becker", ""},
		{"name, case and spaces aside", "tom  becker", "Tom Becker <tom@contoso.com>", ""},
		{"full form", "Tom Becker <tom@contoso.com>", "Tom Becker <tom@contoso.com>", ""},
		{"quoted full form", `"Becker, Tom" <tom@contoso.com>`, "Becker, Tom <tom@contoso.com>", ""},
		{"address, tracker adds the name", "tom@contoso.com", "Tom Becker <tom@contoso.com>", ""},
		{"renamed: the addresses decide", "Tom Becker <tom@contoso.com>", "Thomas Becker <TOM@contoso.com>", ""},
		{"account name", "Tom Becker", `Tom Becker <CONTOSO\tom>`, ""},
		{"another person the plan knows by name", "Tom Becker", "bob <bob@contoso.com>", "bob"},
		{"another person the plan knows in full", "Tom Becker", "Ana Ortiz <ana@contoso.com>", "Ana Ortiz <ana@contoso.com>"},
		{"another person the plan knows by address", "Tom Becker", "A. Ortiz <ana@contoso.com>", `"Ortiz, Ana" <ana@contoso.com>`},
		{"a stranger", "Tom Becker", "Di Wu <di@contoso.com>", "Di Wu <di@contoso.com>"},
		{"first assignee", "", "Tom Becker <tom@contoso.com>", "Tom Becker <tom@contoso.com>"},
		// Ambiguous: taken for different people.
		{"same name, other address", "Tom Becker <tom@contoso.com>", "Tom Becker <tom.becker@fabrikam.com>", "Tom Becker <tom.becker@fabrikam.com>"},
		{"address against a name alone", "tom@contoso.com", "Tom Becker", "Tom Becker"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk, _ := p.Backlog.Task("T2")
			tk.Assignee = tt.plan
			if err := p.UpdateTask(tk, lifecycle.Change{By: "ann", At: at.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
			item := ab.Tracked{WorkItem: t2, Rev: 10 + i, Type: "Task", AssignedTo: tt.tracker, ChangedBy: "Cy Lee <cy@contoso.com>", ChangedDate: at}
			res, err := ab.Apply(p, []ab.Tracked{item}, ab.ApplyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var want []ab.Applied
			wantAssignee, unchanged := tt.want, 0
			if tt.want != "" {
				want = []ab.Applied{{Kind: ab.Tasks, ID: "T2", WorkItem: t2, Changes: []string{"assignee " + strconv.Quote(tt.plan) + " -> " + strconv.Quote(tt.want)}}}
			} else {
				wantAssignee, unchanged = tt.plan, 1
			}
			if diff := cmp.Diff(ab.ApplyResult{Applied: want, Unchanged: unchanged}, res); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
			if got, _ := p.Backlog.Task("T2"); got.Assignee != wantAssignee {
				t.Errorf("T2's assignee %q, want %q", got.Assignee, wantAssignee)
			}
		})
	}
}

// TestReadBackIdentitiesRoundTrip: the export read back with every
// identity resolved to its address (as Azure Boards answers) changes
// nothing.
func TestReadBackIdentitiesRoundTrip(t *testing.T) {
	p := smallPlan(t)
	em, _ := pushToEmulator(t, p, ab.Options{Kinds: ab.AllKinds})
	resolved := map[string]string{
		"T1": "Ana Ortiz <ana@contoso.com>", // the plan: `"Ortiz, Ana" <ana@contoso.com>`
		"T2": "bob <bob@contoso.com>",       // the plan: "bob"
		"R1": "Ana Ortiz <ana@contoso.com>",
		"I1": "bob <bob@contoso.com>",
	}
	for id, who := range resolved {
		em.Set(t, workItemOf(t, p, id), map[string]any{ab.FieldAssignedTo: who})
	}
	c := ab.Client{Token: "pat"}
	items, err := c.Read(context.Background(), p, ab.Options{Organization: em.org, Project: em.project, BaseURL: em.URL()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ab.Apply(p, items, ab.ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ab.ApplyResult{Unchanged: len(items)}, res); diff != "" {
		t.Errorf("read-back (-want +got):\n%s", diff)
	}
}

// TestApplySampleIdentityObject: the user trial's answer, an identity
// object for an unchanged assignee of the sample plan.
func TestApplySampleIdentityObject(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	items, err := ab.DecodeWorkItems([]byte(`{"id":4203,"rev":3,"fields":{"System.WorkItemType":"Task",
 "System.AssignedTo":{"displayName":"Tom Becker","uniqueName":"tom@contoso.com"},
 "System.ChangedBy":{"displayName":"Tom Becker","uniqueName":"tom@contoso.com"},"System.ChangedDate":"2027-03-02T10:00:00Z"}}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ab.Apply(p, items, ab.ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ab.ApplyResult{Unchanged: 1}, res); diff != "" {
		t.Errorf("Apply (-want +got):\n%s", diff)
	}
}

// TestKindsString: kinds print as a list; a Conflict for a work item the
// plan does not know has no kind and prints it as "unknown".
func TestKindsString(t *testing.T) {
	p := smallPlan(t)
	res, _ := ab.Apply(p, []ab.Tracked{{WorkItem: 99999, State: "Active", ChangedBy: "bob", ChangedDate: time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)}}, ab.ApplyOptions{})
	if len(res.Conflicts) != 1 {
		t.Fatalf("conflicts %+v", res.Conflicts)
	}
	got := []string{res.Conflicts[0].Kind.String(), ab.Tasks.String(), (ab.Requirements | ab.ChangeRequests).String(), ab.AllKinds.String()}
	want := []string{"unknown", "tasks", "requirements|change-requests", "requirements|tasks|risks|issues|reviews|change-requests"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}
