package azureboards_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
)

// FuzzDecodeWorkItems: any bytes give work items or an error wrapping
// ErrWorkItems, never a panic; decoded IDs are positive.
func FuzzDecodeWorkItems(f *testing.F) {
	f.Add([]byte(`{"count":1,"value":[{"id":7,"rev":3,"fields":{"System.State":"Active","System.AssignedTo":{"displayName":"A","uniqueName":"a@b.c"},"Microsoft.VSTS.Scheduling.RemainingWork":4.5,"System.ChangedDate":"2027-03-02T09:00:00Z"}}]}`))
	f.Add([]byte(`[{"id":1,"fields":{"System.Reason":"New","System.ChangedBy":"x"}}]`))
	f.Add([]byte(`{"id":2,"fields":{}}`))
	f.Add([]byte(`[{"id":1,"fields":{"Microsoft.VSTS.Scheduling.CompletedWork":null}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ab.DecodeWorkItems(data)
		if err != nil {
			if !errors.Is(err, ab.ErrWorkItems) || items != nil {
				t.Fatalf("error %v does not wrap ErrWorkItems, or items %v", err, items)
			}
			return
		}
		for _, it := range items {
			if it.WorkItem <= 0 {
				t.Fatalf("work item %d", it.WorkItem)
			}
			for _, h := range []*float64{it.RemainingWork, it.CompletedWork} {
				if h != nil && !(*h >= 0) {
					t.Fatalf("hours %v", *h)
				}
			}
		}
	})
}

// FuzzReadCSV: any text gives work items or an error wrapping
// ErrWorkItems, never a panic.
func FuzzReadCSV(f *testing.F) {
	f.Add("ID,Work Item Type,Title,State,Reason,Assigned To,Remaining Work,Changed By,Changed Date\r\n7,Task,T,Active,Accepted,\"A, B <a@b.c>\",12,Bob,3/2/2027 9:30:00 AM\r\n")
	f.Add("\ufeffID,Title 1,Title 2\r\n1,,x\r\n")
	f.Add("ID,Rev,Completed Work\r\n1,2,3.5\r\n2\r\n")
	f.Fuzz(func(t *testing.T, text string) {
		items, err := ab.ReadCSV(strings.NewReader(text))
		if err != nil {
			if !errors.Is(err, ab.ErrWorkItems) {
				t.Fatalf("error %v does not wrap ErrWorkItems", err)
			}
			return
		}
		for _, it := range items {
			if it.WorkItem <= 0 {
				t.Fatalf("work item %d", it.WorkItem)
			}
		}
	})
}

// FuzzApply applies any decoded work items to a tracked plan: no panic;
// when nothing is applied the plan is unchanged; every conflict has a
// reason.
func FuzzApply(f *testing.F) {
	p0 := smallPlan(f)
	for k, id := range []string{"REQ-1", "REQ-2", "T1", "T2", "T3"} {
		if err := p0.Backlog.SetTracker(id, backlog.TrackerRef{System: ab.System, ID: strconv.Itoa(k + 1)}); err != nil {
			f.Fatal(err)
		}
	}
	// A go/no-go review (#6) with an approver yet to vote, and a revision
	// of the committed plan (#7).
	ch := lifecycle.Change{By: "rm", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	if err := p0.Assign(plan.ReleaseManager, ch, "Ana Ortiz <ana@contoso.com>"); err != nil {
		f.Fatal(err)
	}
	if err := p0.OpenDecision("GNG-1", []string{"Ana Ortiz <ana@contoso.com>"}, ch); err != nil {
		f.Fatal(err)
	}
	if err := p0.SetReviewTracker("GNG-1", backlog.TrackerRef{System: ab.System, ID: "6"}); err != nil {
		f.Fatal(err)
	}
	if _, err := p0.TakeBaseline("committed", ch); err != nil {
		f.Fatal(err)
	}
	p0.Revise(ch)
	if err := p0.SetRevisionTracker(1, backlog.TrackerRef{System: ab.System, ID: "7"}); err != nil {
		f.Fatal(err)
	}
	doc, err := plan.Encode(p0)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`[{"id":3,"rev":2,"fields":{"System.WorkItemType":"Task","System.State":"Resolved","System.Reason":"Complete and Requires Review/Test","Microsoft.VSTS.Scheduling.RemainingWork":0,"System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
	f.Add([]byte(`[{"id":5,"fields":{"System.State":"Closed","System.Reason":"Rejected","System.AssignedTo":"c","System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}},{"id":9,"fields":{}}]`))
	f.Add([]byte(`[{"id":1,"fields":{"System.State":"Active","System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
	f.Add([]byte(`[{"id":6,"fields":{"System.WorkItemType":"Review","System.State":"Closed","System.Reason":"Accepted (as is)","System.ChangedBy":"Ana Ortiz <ana@contoso.com>","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
	f.Add([]byte(`[{"id":7,"fields":{"System.WorkItemType":"Change Request","System.State":"Active","System.Reason":"Accepted","System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ab.DecodeWorkItems(data)
		if err != nil {
			return
		}
		p, err := plan.Decode(doc, plan.DecodeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := ab.Apply(p, items, ab.ApplyOptions{})
		if (err != nil) != (len(res.Conflicts) > 0) {
			t.Fatalf("error %v with %d conflicts", err, len(res.Conflicts))
		}
		for _, c := range res.Conflicts {
			if c.Err == nil {
				t.Fatalf("conflict without a reason: %+v", c)
			}
		}
		if len(res.Applied) == 0 {
			after, err := plan.Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(doc, after) {
				t.Fatalf("nothing applied, but the plan changed")
			}
		}
	})
}

// FuzzDecodeUpdates: any bytes give state changes or an error wrapping
// ErrWorkItems, never a panic; changes come by increasing revision.
func FuzzDecodeUpdates(f *testing.F) {
	f.Add([]byte(`{"count":2,"value":[{"id":1,"rev":1,"revisedBy":{"displayName":"A","uniqueName":"a@b.c"},"revisedDate":"2027-03-02T09:01:00Z","fields":{"System.State":{"newValue":"Proposed"},"System.Reason":{"newValue":"New"},"System.ChangedDate":{"newValue":"2027-03-01T09:00:00Z"}}},{"id":2,"rev":2,"fields":{"System.State":{"oldValue":"Proposed","newValue":"Active"},"System.ChangedBy":{"newValue":{"displayName":"B","uniqueName":"b@c.d"}},"System.ChangedDate":{"newValue":"2027-03-02T09:01:00Z"}}}]}`))
	f.Add([]byte(`[{"rev":3,"fields":{"System.Title":{"newValue":"x"}}}]`))
	f.Add([]byte(`{"value":[{"rev":0,"fields":{"System.State":{"newValue":1}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		changes, err := ab.DecodeUpdates(data)
		if err != nil {
			if !errors.Is(err, ab.ErrWorkItems) || changes != nil {
				t.Fatalf("error %v does not wrap ErrWorkItems, or changes %v", err, changes)
			}
			return
		}
		for i, c := range changes {
			if c.Rev <= 0 || i > 0 && c.Rev <= changes[i-1].Rev {
				t.Fatalf("revisions out of order: %+v", changes)
			}
		}
	})
}

// FuzzApplySteps applies a task whose state changes come from any
// updates: no panic; when nothing is applied the plan is unchanged; the
// plan's task ends in the tracker's state whenever it is applied.
func FuzzApplySteps(f *testing.F) {
	p0 := smallPlan(f)
	if err := p0.Backlog.SetTracker("T1", backlog.TrackerRef{System: ab.System, ID: "3"}); err != nil {
		f.Fatal(err)
	}
	doc, err := plan.Encode(p0)
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC)
	f.Add([]byte(`[{"rev":1,"fields":{"System.State":{"newValue":"Proposed"},"System.Reason":{"newValue":"New"}}},{"rev":4,"fields":{"System.State":{"newValue":"Active"},"System.Reason":{"newValue":"Accepted"},"System.ChangedBy":{"newValue":"c"},"System.ChangedDate":{"newValue":"2027-03-02T09:00:00Z"}}},{"rev":5,"fields":{"System.State":{"newValue":"Resolved"},"System.Reason":{"newValue":"Complete and Requires Review/Test"}}}]`))
	f.Add([]byte(`[{"rev":2,"fields":{"System.State":{"newValue":"Closed"}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		changes, err := ab.DecodeUpdates(data)
		if err != nil || len(changes) == 0 {
			return
		}
		last := changes[len(changes)-1]
		p, err := plan.Decode(doc, plan.DecodeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tr := ab.Tracked{WorkItem: 3, Type: "Task", State: last.State, Reason: last.Reason, ChangedBy: "b", ChangedDate: at, Steps: changes}
		res, err := ab.Apply(p, []ab.Tracked{tr}, ab.ApplyOptions{})
		if (err != nil) != (len(res.Conflicts) > 0) {
			t.Fatalf("error %v with %d conflicts", err, len(res.Conflicts))
		}
		if len(res.Applied) == 0 {
			after, err := plan.Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(doc, after) {
				t.Fatalf("nothing applied, but the plan changed")
			}
			return
		}
		if tk, _ := p.Backlog.Task("T1"); tk.State.String() != last.State {
			t.Fatalf("T1 in %s, the tracker in %s", tk.State, last.State)
		}
	})
}
