package azureboards_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
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
	doc, err := plan.Encode(p0)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`[{"id":3,"rev":2,"fields":{"System.WorkItemType":"Task","System.State":"Resolved","System.Reason":"Complete and Requires Review/Test","Microsoft.VSTS.Scheduling.RemainingWork":0,"System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
	f.Add([]byte(`[{"id":5,"fields":{"System.State":"Closed","System.Reason":"Rejected","System.AssignedTo":"c","System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}},{"id":9,"fields":{}}]`))
	f.Add([]byte(`[{"id":1,"fields":{"System.State":"Active","System.ChangedBy":"b","System.ChangedDate":"2027-03-02T09:00:00Z"}}]`))
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
